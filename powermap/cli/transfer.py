"""``powermap import …`` and ``powermap export …``: files in and out.

Imports validate every row first and write nothing when any row is wrong;
each problem is printed as one line (file, row, column, reason).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import ValidationError
from ..i18n import _, _l, ngettext
from . import fail, open_store
from .help import command, group, option
from .language import language_option

__all__ = ["COMMANDS"]

EXPORT_FORMATS = ("html", "json", "graphml", "gexf", "csv", "xlsx", "review", "svg", "png",
                  "pptx")
_TEXT_FORMATS = {"html", "json", "graphml", "gexf", "csv", "review", "svg"}


def _report_problems(exc: ValidationError) -> None:
    from ..imports.encodings import EncodingUnsure

    for problem in exc.problems:
        click.echo(_("Error: %(message)s", message=problem), err=True)
    if isinstance(exc, EncodingUnsure):
        example = exc.candidates[0] if exc.candidates else "cp1252"
        fail(_("name the file's encoding with --encoding, e.g. --encoding %(example)s; "
               "nothing was imported", example=example))
    fail(ngettext("%(num)d problem found; nothing was imported",
                  "%(num)d problems found; nothing was imported", len(exc.problems)))


def _read(file: Path, encoding: str | None):
    """The file as a :class:`~powermap.imports.tables.Table` (problems reported)."""
    from ..imports.tables import read_table

    try:
        return read_table(file, encoding=encoding)
    except ValidationError as exc:
        _report_problems(exc)


def _print_report(report, verbose: bool, table=None) -> None:
    note = table.encoding_note() if table is not None else None
    if note and (verbose or report.dry_run):
        click.echo(_("Note: %(note)s", note=note), err=True)
    for notice in report.notices:
        click.echo(_("Note: %(note)s", note=notice), err=True)
    if verbose or report.dry_run:
        for change in report.changes:
            click.echo(f"  {change}")
    click.echo(report.summary())


def _overrides(pairs: tuple[str, ...]) -> dict[str, str] | None:
    from ..imports.columns import parse_overrides

    try:
        return parse_overrides(pairs) or None
    except ValueError as exc:
        fail(str(exc))
    return None


class _Bar:
    """A click progress bar on stderr that appears once an import is big enough."""

    def __init__(self, label: str):
        self.label = label
        self.bar = None

    def __call__(self, done: int, total: int) -> None:
        if total < 3 * 5000:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


_common = [
    option("--map", "mapping", multiple=True, metavar='"HEADER=FIELD"',
           help=_l('Map a column by hand, e.g. --map "Job Title=title" (repeatable; '
                   'FIELD "ignore" skips the column).')),
    option("--encoding", metavar="NAME",
           help=_l("CSV encoding, e.g. gb18030, big5, shift_jis, cp1252 [default: UTF-8, "
                   "else detected].")),
    option("--dry-run", is_flag=True,
           help=_l("Check the file and show what would change; write nothing.")),
    option("-v", "--verbose", is_flag=True, help=_l("List every row's change.")),
]


def _with_common(function):
    for decorate in reversed(_common):
        function = decorate(function)
    return function


@group("import", help=_l("Import stakeholders, relationships or a whole map from files."))
def import_group() -> None:
    pass


@import_group.command("stakeholders", help=_l(
    "Import a stakeholder list (CSV or XLSX, e.g. a CRM contact export).\n\n"
    "Headers are recognised automatically (Name or First/Last Name, Title, Email, Department, "
    "Reports To, Level, Role, Influence, Attitude, and their Chinese names). People already "
    "stored (same e-mail, or same name) are updated, not duplicated. Nothing is written "
    "unless every row is valid."))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@option("--account", metavar="ID|NAME",
        help=_l("Account to import into [default: the file's Account column]."))
@option("--opportunity", metavar="ID|NAME",
        help=_l("Also add rows with Role/Influence/Attitude to this opportunity's buying "
                "center."))
@_with_common
def import_stakeholders_command(file: Path, account: str | None, opportunity: str | None,
                                mapping: tuple[str, ...], encoding: str | None, dry_run: bool,
                                verbose: bool) -> None:
    from ..imports.stakeholders import import_stakeholders

    table = _read(file, encoding)
    store = open_store()
    bar = _Bar(_("Importing"))
    try:
        report = import_stakeholders(store, table, account=account, opportunity=opportunity,
                                     mapping=_overrides(mapping), dry_run=dry_run,
                                     progress=bar)
    except ValidationError as exc:
        bar.close()
        _report_problems(exc)
        return
    bar.close()
    _print_report(report, verbose, table)


@import_group.command("relationships", help=_l(
    "Import relationships (columns source, target, type, strength) from CSV or XLSX.\n\n"
    "People are given by e-mail or name; types are reports_to, influences, allied, conflict."))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@option("--account", metavar="ID|NAME", required=True, help=_l("Account of the people."))
@_with_common
def import_relationships_command(file: Path, account: str, mapping: tuple[str, ...],
                                 encoding: str | None, dry_run: bool, verbose: bool) -> None:
    from ..imports.relationships import import_relationships

    table = _read(file, encoding)
    try:
        report = import_relationships(open_store(), table, account=account,
                                      mapping=_overrides(mapping), dry_run=dry_run)
    except ValidationError as exc:
        _report_problems(exc)
        return
    _print_report(report, verbose, table)


@import_group.command("accounts", help=_l(
    "Import accounts and their indicators (CSV or XLSX, one row per customer).\n\n"
    "Headers are the account fields or their English or Chinese labels (Name, Industry, "
    "Size, Tier, Cumulative sales, Profit, Value positioning, Satisfaction…). An account "
    "already stored (same name) is updated; empty cells leave a field as it was. Nothing is "
    "written unless every row is valid."))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_with_common
def import_accounts_command(file: Path, mapping: tuple[str, ...], encoding: str | None,
                            dry_run: bool, verbose: bool) -> None:
    from ..imports.accounts import import_accounts

    table = _read(file, encoding)
    try:
        report = import_accounts(open_store(create=True), table, mapping=_overrides(mapping),
                                 dry_run=dry_run)
    except ValidationError as exc:
        _report_problems(exc)
        return
    _print_report(report, verbose, table)


@import_group.command("map", help=_l("Import a whole account map from powermap's own JSON "
                                      "export."))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@option("--dry-run", is_flag=True, help=_l("Check the file; write nothing."))
@option("-v", "--verbose", is_flag=True, help=_l("List every record."))
def import_map_command(file: Path, dry_run: bool, verbose: bool) -> None:
    from ..json_map import import_json

    try:
        report = import_json(open_store(), file, dry_run=dry_run)
    except ValidationError as exc:
        _report_problems(exc)
        return
    _print_report(report, verbose)


@command("export", help=_l("Export OPPORTUNITY's power map (id or name) as FORMAT.\n\n"
                            "Pages and the deal review are written in the command's language "
                            "(--lang); data formats keep raw values."))
@click.argument("opportunity", required=False, metavar="OPPORTUNITY")
@option("--account", metavar="ID|NAME",
        help=_l("Export a whole account (all its opportunities) instead; json only."))
@option("-f", "--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="html",
        show_default=True, help=_l("html: interactive offline map; review: printable deal "
                                   "review; csv: one table (see --table), or every table when "
                                   "FILE ends in .zip; xlsx: one sheet per table; svg, png: a "
                                   "picture of the map; pptx: a deal-review deck."))
@option("--table", type=click.Choice(("stakeholders", "relationships", "coverage",
                                      "competitor_positions", "actions")),
        default="stakeholders", show_default=True, help=_l("Table for --format csv."))
@option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
        help=_l("File to write [default: stdout for text formats]."))
@option("--as-of", "as_of", default=None, metavar="YYYY-MM-DD",
        help=_l("Export the map as it was at the end of this date (from the change log)."))
@language_option
def export_command(opportunity: str | None, account: str | None, fmt: str, table: str,
                   output: Path | None, as_of: str | None) -> None:
    from ..exports import formats as exports

    store = open_store()
    if account is not None:
        if fmt != "json":
            fail(_("--account exports only --format json; give an OPPORTUNITY for other "
                   "formats"))
        from ..json_map import export_account

        data = exports.dumps_json(export_account(store, store.resolve("account", account)))
    elif opportunity is None:
        fail(_("give an OPPORTUNITY (id or name), or --account with --format json"))
        return
    else:
        opp_id = store.resolve("opportunity", opportunity)
        if fmt == "csv" and output is not None and output.suffix.lower() == ".zip":
            fmt = "zip"
        data = exports.export(store, opp_id, fmt, table=table, as_of=as_of)
    if output is None:
        if isinstance(data, bytes) and fmt not in _TEXT_FORMATS:
            fail(_("--format %(format)s is binary; write it to a file with -o FILE", format=fmt))
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
        click.echo(text, nl=False)
        return
    output.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    click.echo(_("Wrote %(file)s", file=output), err=True)


COMMANDS = [import_group, export_command]
