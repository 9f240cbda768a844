"""Import team members, coverage, competitor positions and buying-center entries.

The same guarantees as the stakeholder import, through the same parts: the
file is read by :mod:`~powermap.imports.tables` (encodings detected), its
headers mapped by :mod:`~powermap.imports.columns` (a user mapping wins), every
row validated by :func:`powermap.validation.validate_many` before anything is
written, all rows written in one transaction or none, and a dry run reports
what would change (:mod:`~powermap.imports.report`). What differs per kind is
declared in :mod:`~powermap.imports.kinds`.

People are found by e-mail or name within the account, namesakes told apart by
the row's e-mail, department or title, or a qualified name (``王建国 (IT部)``);
team members by name or e-mail; competitors by name, and a competitor a
positions file names that is not stored yet is created (and put in play for
the opportunity, when one is given). These files are small (a team, its
coverage), so the whole import runs inside one write transaction.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..errors import NotFoundError, Problem, ValidationError
from ..i18n import _, pgettext
from ..schema import ENTITIES
from ..store import Store
from ..validation import validate_many
from .columns import map_columns
from .kinds import KINDS, Kind
from .people import PeopleIndex
from .report import ImportReport, RowChange
from .tables import Table, check_shape, read_table

__all__ = ["import_records"]


class _Rollback(Exception):
    pass


def import_records(
    store: Store,
    kind: str | Kind,
    source: str | Path | bytes | Table,
    *,
    account: str | int,
    opportunity: str | int | None = None,
    mapping: dict[str, str] | None = None,
    encoding: str | None = None,
    dry_run: bool = False,
    name: str | None = None,
) -> ImportReport:
    """Import ``source`` as records of ``kind`` into ``account``.

    Raises :class:`ValidationError` listing every problem (file, row, column,
    reason); nothing is written then, nor in a dry run.
    """
    kind = KINDS[kind] if isinstance(kind, str) else kind
    table = source if isinstance(source, Table) else read_table(source, name=name,
                                                                encoding=encoding)
    account_id = store.resolve("account", account)
    opportunity_id = None
    if opportunity not in (None, ""):
        opportunity_id = store.resolve("opportunity", opportunity, account_id=account_id)
    elif kind.opportunity:
        raise ValidationError([Problem(pgettext("problem in", "import"), None, _(
            "choose the opportunity whose buying center the file fills"), file=table.file)])
    report = ImportReport(table.file, dry_run=dry_run)
    try:
        with store.transaction():
            _Import(store, kind, table, account_id, opportunity_id, report).run(mapping)
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return report


class _Import:
    """One file of one kind: read its cells, resolve its references, validate, write."""

    def __init__(self, store: Store, kind: Kind, table: Table, account_id: int,
                 opportunity_id: int | None, report: ImportReport):
        self.store, self.kind, self.table = store, kind, table
        self.account_id, self.opportunity_id, self.report = account_id, opportunity_id, report
        self.problems: list[Problem] = []
        self.entity = ENTITIES[kind.entity]

    def problem(self, row: int | None, column: str | None, reason: str) -> None:
        self.problems.append(Problem(pgettext("problem in", "row"), None, reason,
                                     file=self.table.file, row=row, column=column))

    def stop_if_wrong(self) -> None:
        if self.problems:
            raise ValidationError(self.problems)

    def run(self, mapping: dict[str, str] | None) -> None:
        table = self.table
        self.problems.extend(check_shape(table))
        self.stop_if_wrong()
        try:
            self.cols = map_columns(table.header, self.kind.columns, mapping)
        except ValueError as exc:
            raise ValidationError([Problem(pgettext("problem in", "column mapping"), None,
                                           str(exc), file=table.file, row=1)]) from None
        self.report.columns = dict(self.cols.fields)
        for target in self.kind.required:
            if self.cols.column_of(target) is None:
                self.problem(1, None, _("missing required column %(column)s; the file has: "
                                        "%(columns)s", column=repr(target),
                                        columns=", ".join(table.header)))
        self.stop_if_wrong()
        self.people = PeopleIndex(self.store, {self.account_id})
        changes, currents, rows, labels = [], [], [], []
        for i, row in enumerate(table.rows):
            values = self.values(i, row)
            if values is None:
                continue
            current = self.stored(values)
            changes.append(values if current is None else
                           {k: val for k, val in values.items() if current.get(k) != val})
            currents.append(current)
            rows.append(i)
            labels.append(self.label(row))
        self.write(changes, currents, rows, labels)

    def cell(self, row: list[str], target: str) -> str:
        header = self.cols.column_of(target)
        if header is None:
            return ""
        index = self.table.header.index(header)
        return row[index].strip() if index < len(row) else ""

    def label(self, row: list[str]) -> str:
        shown = [self.cell(row, target) for target in self.kind.columns
                 if target in self.kind.references or target == "name"]
        return " / ".join(repr(text) for text in shown if text)

    def values(self, i: int, row: list[str]) -> dict | None:
        """The row's values with references resolved to ids; None if one is not found."""
        number = self.table.numbers[i]
        values: dict = {}
        if "account_id" in self.entity.field_names:
            values["account_id"] = self.account_id
        if "opportunity_id" in self.entity.field_names:
            values["opportunity_id"] = self.opportunity_id
        fine = True
        for target in self.kind.columns:
            text = self.cell(row, target)
            if target in self.kind.references:
                ref, field_name = self.kind.references[target]
                found = self.reference(ref, text, row, number, self.cols.column_of(target))
                fine = fine and found is not None
                values[field_name] = found
            elif target in self.entity.field_names and text:
                values[target] = text  # an empty cell leaves a stored value as it is
        return values if fine else None

    def reference(self, ref: str, text: str, row: list[str], number: int,
                  column: str | None) -> int | None:
        if not text:
            self.problem(number, column, _("is empty; fill it in"))
            return None
        if ref == "stakeholder":
            hints = {f: self.cell(row, f) for f in ("email", "department", "title")}
            found = self.people.find(self.account_id, text, hints)
            if len(found) == 1:
                return next(iter(found))[1]
            if not found:
                self.problem(number, column, _("no stakeholder %(key)s (by name or e-mail) in "
                                               "this account", key=repr(text)))
            else:
                self.problem(number, column, _(
                    "%(count)s stakeholders are called %(key)s: %(candidates)s; add the "
                    "e-mail, department or title in brackets, or use the e-mail instead",
                    count=len(found), key=repr(text),
                    candidates=self.people.candidates(found)))
            return None
        account = self.account_id if ref == "team_member" else None
        try:
            return self.store.resolve(ref, text, account_id=account)
        except NotFoundError as exc:
            if ref == "competitor" and "@" not in text:
                return self.new_competitor(text, number)
            self.problem(number, column, str(exc))
            return None

    def new_competitor(self, name: str, number: int) -> int:
        """Create a competitor a positions file names (rolled back with the import)."""
        created = self.store.create("competitor", {"name": name})
        self.report.add(RowChange("competitor", "create", repr(name), number))
        if self.opportunity_id is not None:
            self.store.create("opportunity_competitor", {"opportunity_id": self.opportunity_id,
                                                         "competitor_id": created["id"]})
        return created["id"]

    def stored(self, values: dict) -> dict | None:
        """The stored record the row updates: same key fields (team: e-mail, else name)."""
        ent = self.entity
        if self.kind.name == "team":
            for field_name in self.kind.key:
                value = values.get(field_name)
                if value:
                    rows = self.store.rows(ent.name, f"account_id = ? AND lower({field_name}) "
                                           "= lower(?)", [self.account_id, value])
                    if len(rows) == 1:
                        return rows[0]
            return None
        where = " AND ".join(f"{k} = ?" for k in self.kind.key)
        rows = self.store.rows(ent.name, where, [values.get(k) for k in self.kind.key])
        return rows[0] if rows else None

    def write(self, changes: list[dict], currents: list[dict | None], rows: list[int],
              labels: list[str]) -> None:
        clean, found = validate_many(self.store, self.entity, changes, currents)
        columns = {field_name: self.cols.column_of(target)
                   for target, (_ref, field_name) in self.kind.references.items()}
        for index, p in found:
            target = p.field or ""
            self.problems.append(replace(
                p, file=self.table.file, row=self.table.numbers[rows[index]],
                column=columns.get(target) or self.cols.column_of(target)))
        self.stop_if_wrong()
        creates, updates = [], []
        for index, record in enumerate(clean):
            current, number = currents[index], self.table.numbers[rows[index]]
            if current is None:
                creates.append(record)
                self.report.add(RowChange(self.entity.name, "create", labels[index], number))
                continue
            diff = {k: (current.get(k), val) for k, val in record.items()
                    if k in changes[index] and current.get(k) != val}
            if diff:
                updates.append((current["id"], current["version"], record))
            self.report.add(RowChange(self.entity.name, "update" if diff else "unchanged",
                                      labels[index], number, diff))
        self.store.create_many(self.entity.name, creates)
        self.store.update_many(self.entity.name, updates)
