"""``powermap import team|coverage|positions|buying-center``: the other record kinds.

They share the stakeholder import's options (``--map``, ``--encoding``,
``--dry-run``, ``-v``), its problem lines and its report; the kinds are
declared in :mod:`powermap.imports.kinds`.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import ValidationError
from ..i18n import _l
from . import open_store
from .help import command, option
from .transfer import _overrides, _print_report, _read, _report_problems, _with_common

__all__ = ["register"]

_HELP = {
    "team": _l("Import our account team (columns name, title, level, role, email) from CSV or "
               "XLSX.\n\nMembers already stored (same e-mail, or same name) are updated. "
               "Nothing is written unless every row is valid."),
    "coverage": _l("Import our coverage of stakeholders (columns team member, stakeholder, "
                   "strength 0-4, last contact, owner) from CSV or XLSX.\n\nPeople are given "
                   "by e-mail or name; namesakes are told apart by the e-mail, department or "
                   "title columns, or a name such as \"王建国 (IT部)\". Nothing is written "
                   "unless every row is valid."),
    "positions": _l("Import competitors' positions (columns competitor, stakeholder, "
                    "coverage 0-4, preference -2..+2) from CSV or XLSX.\n\nCompetitors not "
                    "stored yet are created, and put in play for --opportunity when given. "
                    "Nothing is written unless every row is valid."),
    "buying-center": _l("Import an opportunity's buying center (columns stakeholder, roles, "
                        "influence, attitude, verified at, verified by) from CSV or XLSX.\n\n"
                        "Entries already stored for a person are updated. Nothing is written "
                        "unless every row is valid."),
}


def _make(kind: str) -> click.Command:
    def run(file: Path, account: str, opportunity: str | None, mapping: tuple[str, ...],
            encoding: str | None, dry_run: bool, verbose: bool) -> None:
        from ..imports.records import import_records

        table = _read(file, encoding)
        try:
            report = import_records(open_store(), kind, table, account=account,
                                    opportunity=opportunity, mapping=_overrides(mapping),
                                    dry_run=dry_run)
        except ValidationError as exc:
            _report_problems(exc)
            return
        _print_report(report, verbose, table)

    run = _with_common(run)
    if kind == "buying-center":
        run = option("--opportunity", metavar="ID|NAME", required=True,
                     help=_l("The opportunity whose buying center the file fills."))(run)
    elif kind == "positions":
        run = option("--opportunity", metavar="ID|NAME", default=None,
                     help=_l("Put new competitors in play for this opportunity."))(run)
    else:  # team members and coverage belong to the account, not to a deal
        run = _no_opportunity(run)
    run = option("--account", metavar="ID|NAME", required=True,
                 help=_l("Account of the people."))(run)
    run = click.argument("file", type=click.Path(exists=True, dir_okay=False,
                                                 path_type=Path))(run)
    return command(kind, help=_HELP[kind])(run)


def _no_opportunity(run):
    """``run`` without an --opportunity option (it is always None)."""
    def without(**kwargs):
        return run(opportunity=None, **kwargs)

    without.__name__ = run.__name__
    without.__click_params__ = run.__click_params__  # type: ignore[attr-defined]
    return without


def register(group: click.Group) -> None:
    """Add the record-kind imports to the ``import`` group."""
    for kind in _HELP:
        group.add_command(_make(kind))
