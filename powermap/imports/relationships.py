"""Import relationships between stakeholders from CSV/XLSX: source, target, type, strength.

People are named by e-mail or by name within the account; a row that
matches a stored relationship (same people and type) updates its strength.
All rows are validated (:func:`powermap.validation.validate_many`) before
anything is written, in one transaction.
The preparation runs without the write lock (:mod:`powermap.imports.snapshot`).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .. import aliases
from .. import vocabulary as v
from ..errors import Problem, ValidationError
from ..i18n import _, pgettext
from ..schema import ENTITIES
from ..store import Store
from ..validation import validate_many
from ..writes import collector_paused
from .columns import RELATIONSHIP_COLUMNS, map_columns
from .people import PeopleIndex
from .report import ImportReport, RowChange
from .snapshot import marker, prepare_then_write
from .tables import Table, check_shape, read_table

__all__ = ["import_relationships"]

_TYPE_WORDS = {"reportsto": "reports_to", "reports": "reports_to", "汇报": "reports_to",
               "influence": "influences", "影响": "influences", "ally": "allied",
               "alliance": "allied", "盟友": "allied", "conflicts": "conflict",
               "rivalry": "conflict", "冲突": "conflict"}


class _Rollback(Exception):
    pass


def _relationship_type(text: str) -> str:
    """The code a Type cell names: a code, a label in either language (``汇报给``), or a
    common synonym (``ally``); anything else as it was, for validation to report.

    >>> _relationship_type("汇报给"), _relationship_type("Reports to"), _relationship_type("ally")
    ('reports_to', 'reports_to', 'allied')
    """
    code = aliases.to_code("relationship_type", text)
    if code is not None:
        return str(code)
    return _TYPE_WORDS.get(text.lower().replace(" ", "").replace("_", ""),
                           text.lower().replace(" ", "_"))


def import_relationships(
    store: Store,
    source: str | Path | bytes | Table,
    *,
    account: str | int,
    mapping: dict[str, str] | None = None,
    encoding: str | None = None,
    dry_run: bool = False,
    name: str | None = None,
) -> ImportReport:
    """Import typed edges into ``account``; raise :class:`ValidationError` on any problem.

    The file is matched and validated in a read snapshot, without the write
    lock; the lock is taken only to write, after checking that the account's
    people and relationships did not change meanwhile (else the file is
    prepared again: :func:`powermap.imports.snapshot.prepare_then_write`).
    """
    table = source if isinstance(source, Table) else read_table(source, name=name,
                                                                 encoding=encoding)
    account_id = store.resolve("account", account)

    prepared: list[tuple[ImportReport, list, list]] = []

    def prepare() -> None:
        prepared[:] = [_prepare(store, table, account_id, mapping, dry_run)]

    def write(_result: None) -> None:
        _report, creates, updates = prepared[0]
        store.create_many("relationship", creates)
        store.update_many("relationship", updates)
        if dry_run:
            raise _Rollback

    with collector_paused():
        try:
            prepare_then_write(store, prepare, lambda: marker(store, {account_id}), write)
        except _Rollback:
            pass
    return prepared[0][0]


def _prepare(store: Store, table: Table, account_id: int, mapping: dict[str, str] | None,
             dry_run: bool) -> tuple[ImportReport, list[dict], list[tuple[int, int, dict]]]:
    """Match and validate every row: the report, the records to create and to update."""
    report = ImportReport(table.file, dry_run=dry_run)
    problems = check_shape(table)
    if problems:
        raise ValidationError(problems)

    def problem(row: int | None, column: str | None, reason: str) -> None:
        problems.append(Problem(pgettext("problem in", "row"), None, reason, file=table.file,
                                row=row, column=column))

    try:
        cols = map_columns(table.header, RELATIONSHIP_COLUMNS, mapping)
    except ValueError as exc:
        raise ValidationError([Problem(pgettext("problem in", "column mapping"), None, str(exc),
                                       file=table.file, row=1)]) from None
    report.columns = dict(cols.fields)
    for target in ("source", "target", "type"):
        if cols.column_of(target) is None:
            problem(1, None, _("missing required column %(column)s; the file has: %(columns)s",
                               column=repr(target), columns=", ".join(table.header)))
    if problems:
        raise ValidationError(problems)

    def cell(row: list[str], target: str) -> str:
        header = cols.column_of(target)
        if header is None:
            return ""
        index = table.header.index(header)
        return row[index].strip() if index < len(row) else ""

    people = PeopleIndex(store, {account_id})
    stored = {(r["source_id"], r["target_id"], r["type"]): r
              for r in store.rows("relationship", "account_id = ?", [account_id])}
    changes, currents, rows, labels = [], [], [], []
    mutual: dict[tuple, int] = {}  # an undirected pair's first row: B–A repeats A–B
    for i, row in enumerate(table.rows):
        number = table.numbers[i]
        ends = []
        for end in ("source", "target"):
            key = cell(row, end)
            found = people.find(account_id, key) if key else set()
            if not key:
                problem(number, cols.column_of(end), _("is empty; name a stakeholder"))
            elif not found:
                problem(number, cols.column_of(end), _("no stakeholder %(key)s (by name or "
                                                       "e-mail) in this account", key=repr(key)))
            elif len(found) > 1:
                problem(number, cols.column_of(end), _(
                    "%(count)s stakeholders are called %(key)s: %(candidates)s; add the "
                    "e-mail, department or title in brackets, or use the e-mail instead",
                    count=len(found), key=repr(key), candidates=people.candidates(found)))
            else:
                ends.append(next(iter(found))[1])
        kind = _relationship_type(cell(row, "type"))
        if len(ends) < 2:
            continue
        s, t = ends
        if kind in v.RELATIONSHIP_TYPES and kind not in v.DIRECTED_RELATIONSHIPS:
            first = mutual.setdefault((min(s, t), max(s, t), kind), number)
            if first != number:
                report.add(RowChange("relationship", "unchanged",
                                     f"{cell(row, 'source')!r} {kind} {cell(row, 'target')!r}",
                                     number))
                report.notices.append(_("row %(row)s repeats row %(first)s in reverse; %(type)s "
                                        "has no direction, so both are one relationship",
                                        row=number,
                                        first=first,
                                        type=repr(aliases.label("relationship_type", kind))))
                continue
        current = stored.get((s, t, kind))
        if current is None and kind in v.RELATIONSHIP_TYPES and \
                kind not in v.DIRECTED_RELATIONSHIPS:
            current = stored.get((t, s, kind))
        strength = cell(row, "strength")
        if current is None:
            changes.append({"source_id": s, "target_id": t, "type": kind,
                            "strength": strength})
        else:
            changes.append({"strength": strength} if strength else {})
        currents.append(current)
        rows.append(i)
        labels.append(f"{cell(row, 'source')!r} {kind} {cell(row, 'target')!r}")
    clean, found = validate_many(store, ENTITIES["relationship"], changes, currents)
    columns = {"source_id": cols.column_of("source"), "target_id": cols.column_of("target"),
               "type": cols.column_of("type"), "strength": cols.column_of("strength")}
    for index, p in found:
        problems.append(replace(p, file=table.file, row=table.numbers[rows[index]],
                                column=columns.get(p.field or "")))
    creates, updates = [], []
    for index, record in enumerate(clean):
        if record is None:
            continue
        current, number = currents[index], table.numbers[rows[index]]
        if current is None:
            creates.append(record)
            report.add(RowChange("relationship", "create", labels[index], number))
        elif record.get("strength") != current.get("strength"):
            updates.append((current["id"], current["version"], record))
            report.add(RowChange("relationship", "update", labels[index], number,
                                 {"strength": (current["strength"], record["strength"])}))
        else:
            report.add(RowChange("relationship", "unchanged", labels[index], number))
    if problems:
        raise ValidationError(problems)
    return report, creates, updates
