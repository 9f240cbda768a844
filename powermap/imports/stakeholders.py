"""Import stakeholder lists (CSV or XLSX, as CRMs export them) into an account.

Each row becomes a stakeholder, or updates the one it matches (same e-mail,
or else same name, within the account). A *Reports To* column (a manager's
name or e-mail, in the file or already stored) becomes ``reports_to``
relationships. Importing into an opportunity turns rows with buying-center
columns (Role, Influence, Attitude) into buying-center entries.

Every row is validated first (:func:`powermap.validation.validate_many`);
only when no row has a problem is anything written. Reading the stored
people, matching and validating them, their reporting lines and their
buying-center entries happen in a read snapshot, without the write lock, so
web edits are not held up by a large file (new people are given the ids they
will get, and moved if others took those ids meanwhile); the write lock is
taken only to insert and update, after checking that what was read has not
changed (:mod:`powermap.imports.snapshot`), so an edit made meanwhile is seen
by the import, never overwritten. A dry run stops before the write lock.

The module is longer than most (about 560 lines) because it is one job with one
state: ``_Import`` carries the rows, their matches and problems through the steps
(map columns, prepare, match, plan people, plan reporting lines, plan
buying-center entries, write), and each step reads what the previous one left. Reading
files, mapping headers, finding people and reporting live in their own modules.

>>> from powermap.store import Store
>>> store = Store(":memory:")
>>> _ = store.create("account", {"name": "Acme"})
>>> csv = ("Full Name,Job Title,Email,Reports To\\n"
...        "An Li,CEO,an@acme.cn,\\nBo Wu,CIO,bo@acme.cn,An Li\\n")
>>> print(import_stakeholders(store, csv.encode(), account="Acme", name="people.csv").summary())
people.csv: relationship: created 1; stakeholder: created 2
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ..errors import Problem, ValidationError
from ..i18n import _, pgettext
from ..schema import ENTITIES
from ..store import Store
from ..validation import validate_many
from ..writes import collector_paused
from .columns import STAKEHOLDER_COLUMNS, ColumnMapping, map_columns
from .people import PeopleIndex, name_key
from .report import ImportReport, RowChange
from .snapshot import marker, prepare_then_write
from .tables import Table, check_shape, read_table

__all__ = ["import_stakeholders", "join_name", "Progress"]

#: ``progress(done, total)``, called as the import advances.
Progress = Callable[[int, int], None]

_PERSON_FIELDS = ("name", "title", "department", "level", "email", "interests", "notes")
_ENTRY_FIELDS = ("roles", "influence", "attitude", "verified_at", "verified_by")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


class _Rollback(Exception):
    """Raised inside the transaction to undo a dry run or a failed import."""


def join_name(first: str, last: str) -> str:
    """``"Wei", "Li"`` → ``"Wei Li"``; Chinese names family name first, no space: ``"李伟"``.

    >>> join_name("Wei", "Li"), join_name("伟", "李")
    ('Wei Li', '李伟')
    """
    first, last = first.strip(), last.strip()
    if _CJK.search(first + last):
        return last + first
    return " ".join(part for part in (first, last) if part)


def import_stakeholders(
    store: Store,
    source: str | Path | bytes | Table,
    *,
    account: str | int | None = None,
    opportunity: str | int | None = None,
    mapping: dict[str, str] | None = None,
    encoding: str | None = None,
    dry_run: bool = False,
    name: str | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import a stakeholder list; return what was (or, dry run, would be) done.

    ``account`` is the account's id or name; without it each row's *Account*
    column names an existing account. ``mapping`` overrides the automatic
    header mapping (``{"Job Title": "title", "Mobile": "ignore"}``). Raises
    :class:`ValidationError` with every problem (file, row, column, reason)
    and writes nothing if any row is wrong.
    """
    with collector_paused():
        table = source if isinstance(source, Table) else read_table(source, name=name,
                                                                     encoding=encoding)
        return _Import(store, table, account, opportunity, mapping, dry_run, progress).run()


class _Import:
    def __init__(self, store, table, account, opportunity, mapping, dry_run, progress):
        self.store, self.table, self.dry_run = store, table, dry_run
        self.progress = progress or (lambda done, total: None)
        self.problems: list[Problem] = []
        self.report = ImportReport(table.file, dry_run=dry_run)
        self.account_id = store.resolve("account", account) if account is not None else None
        self.opportunity = None
        if opportunity is not None:
            opp_id = store.resolve("opportunity", opportunity, account_id=self.account_id)
            self.opportunity = store.get("opportunity", opp_id)
            if self.account_id is None:
                self.account_id = self.opportunity["account_id"]
            elif self.opportunity["account_id"] != self.account_id:
                raise ValidationError([Problem(pgettext("problem in", "import"), "opportunity",
                                               _("belongs to another account"))])
        self.overrides = mapping

    # --- helpers ---------------------------------------------------------------

    def problem(self, row: int | None, column: str | None, reason: str,
                record: str | None = None, field: str | None = None) -> None:
        self.problems.append(Problem(record or pgettext("problem in", "row"), field, reason,
                                     file=self.table.file, row=row, column=column))

    def located(self, index: int, problem: Problem, columns: dict[str, str | None]) -> None:
        self.problems.append(replace(problem, file=self.table.file,
                                     row=self.table.numbers[index],
                                     column=columns.get(problem.field or "")))

    def fail_if_problems(self) -> None:
        if self.problems:
            raise ValidationError(self.problems)

    # --- steps -----------------------------------------------------------------

    def run(self) -> ImportReport:
        self.problems += check_shape(self.table)
        self.fail_if_problems()
        self.map_columns()
        self.fail_if_problems()
        total = 3 * len(self.table.rows)
        try:
            # Read the stored people, match and validate in a read snapshot (no
            # write lock: web edits go on meanwhile); take the lock only to
            # write, after checking that nothing the import read has changed
            # (else the preparation is redone on the new data).
            prepare_then_write(self.store, self.prepare, self.marker, self.write)
        except _Rollback:
            pass
        self.fail_if_problems()
        self.progress(total, total)
        return self.report

    def prepare(self) -> None:
        """Match and validate everything to write (redone if the data changes meanwhile).

        New people get the ids :meth:`Store.create_many` will give them (``max(id) + 1``
        onwards, as read now), so their reporting lines and buying-center entries are
        checked here too; :meth:`write` moves them if the ids turn out otherwise.
        """
        self.problems.clear()
        self.report.changes.clear()
        self.prepare_rows()
        self.progress(len(self.table.rows), 3 * len(self.table.rows))
        self.plan_people()
        creates, created, updates = self.planned
        first = self.store.db.execute(
            "SELECT coalesce(max(id), 0) + 1 FROM stakeholders").fetchone()[0]
        self.provisional = list(range(first, first + len(creates)))
        for i, new_id in zip(created, self.provisional, strict=True):
            self.ids[i] = new_id
        self.pending = {"stakeholder": {
            person_id: {"id": person_id, "account_id": record["account_id"],
                        "name": record["name"]}
            for person_id, record in [*zip(self.provisional, creates, strict=True),
                                      *((u[0], u[2]) for u in updates)]}}
        self.lines = self.plan_managers()
        self.entries = self.plan_entries()
        if self.problems or self.dry_run:
            raise _Rollback

    def marker(self) -> tuple:
        return marker(self.store, {a for a in self.accounts if a is not None},
                      self.opportunity["id"] if self.opportunity else None)

    def write(self, _prepared: None) -> None:
        """Under the write lock: the people, their reporting lines, the buying center."""
        creates, _rows, updates = self.planned
        new_ids = self.store.create_many("stakeholder", creates)
        self.store.update_many("stakeholder", updates)
        self.progress(2 * len(self.table.rows), 3 * len(self.table.rows))
        moved = ({} if new_ids == self.provisional
                 else dict(zip(self.provisional, new_ids, strict=True)))
        for entity, (line_creates, line_updates) in (("relationship", self.lines),
                                                     ("buying_center_entry", self.entries)):
            if moved:  # someone created people meanwhile: the new ones got other ids
                for record in [*line_creates, *(u[2] for u in line_updates)]:
                    for name in ("source_id", "target_id", "stakeholder_id"):
                        if record.get(name) in moved:
                            record[name] = moved[record[name]]
            self.store.create_many(entity, line_creates)
            self.store.update_many(entity, line_updates)

    def map_columns(self) -> None:
        try:
            self.mapping: ColumnMapping = map_columns(self.table.header, STAKEHOLDER_COLUMNS,
                                                      self.overrides)
        except ValueError as exc:
            self.problem(1, None, str(exc), record=pgettext("problem in", "column mapping"))
            return
        m = self.mapping
        self.report.columns = dict(m.fields)
        self.index = {target: self.table.header.index(h) for h, target in m.fields.items()}
        if not (m.column_of("name") or m.column_of("first_name") or m.column_of("last_name")):
            self.problem(1, None, _("missing required column: a Name column (or First Name and "
                                    "Last Name); the file has: %(columns)s; map one with "
                                    "--map \"HEADER=name\"",
                                    columns=", ".join(self.table.header)),
                         record=pgettext("problem in", "header"))
        if not self.account_id and not m.column_of("account"):
            self.problem(None, None, _("no account: give --account or an Account column"),
                         record=pgettext("problem in", "import"))
        for header in m.ignored:
            self.report.notices.append(_("column %(column)s ignored", column=repr(header)))
        for header in m.unknown:
            self.report.notices.append(_("column %(column)s not recognised, ignored (map it "
                                         "with --map \"%(header)s=FIELD\")",
                                         column=repr(header), header=header))
        if self.opportunity is None:
            for target in _ENTRY_FIELDS:
                header = m.column_of(target)
                if header:
                    self.report.notices.append(_("column %(column)s ignored: buying-center "
                                                 "columns need --opportunity",
                                                 column=repr(header)))

    def cell(self, row: list[str], target: str) -> str:
        index = self.index.get(target)
        if index is None or index >= len(row):
            return ""
        return row[index].strip()

    def prepare_rows(self) -> None:
        """Per row: the account, the person's values, who it matches, its manager key."""
        rows, numbers = self.table.rows, self.table.numbers
        self.accounts = self.row_accounts()
        self.people = PeopleIndex(self.store, {a for a in self.accounts if a is not None})
        name_column = (self.mapping.column_of("name") or self.mapping.column_of("last_name")
                       or self.mapping.column_of("first_name"))
        self.person_columns = {f: self.mapping.column_of(f) for f in _PERSON_FIELDS}
        self.person_columns["name"] = name_column
        self.person_columns["account_id"] = self.mapping.column_of("account")
        self.values: list[dict] = []
        self.matches: list[int | None] = []
        self.by_name: set[int] = set()
        claimed: dict[int, int] = {}
        pairs = [(f, self.index[f]) for f in _PERSON_FIELDS if f in self.index]
        joined = self.mapping.column_of("name") is None
        parts = [self.index[f] for f in ("first_name", "last_name") if f in self.index]
        width = max([index for _, index in pairs] + (parts if joined else []), default=-1)
        first, last = self.index.get("first_name"), self.index.get("last_name")
        stored = bool(self.people.stored)  # else no row can match anyone
        for i, (row, number) in enumerate(zip(rows, numbers, strict=True)):
            if len(row) > width:  # every cell is there
                values = {f: row[index].strip() for f, index in pairs}
                if joined:
                    values["name"] = join_name("" if first is None else row[first],
                                               "" if last is None else row[last])
            else:
                values = {f: self.cell(row, f) for f, _ in pairs}
                if joined:
                    values["name"] = join_name(self.cell(row, "first_name"),
                                               self.cell(row, "last_name"))
            self.values.append(values)
            match = self.match(i, values, number, name_column) if stored else None
            if match is not None and match in claimed:
                self.problem(number, name_column, _("matches the same stakeholder #%(id)s as "
                                                    "row %(row)s", id=match,
                                                    row=numbers[claimed[match]]))
                match = None
            elif match is not None:
                claimed[match] = i
            self.matches.append(match)

    def row_accounts(self) -> list[int | None]:
        """Each row's account: the one given, or the one its Account cell names."""
        rows, numbers = self.table.rows, self.table.numbers
        if "account" not in self.index and self.account_id is not None:
            return [self.account_id] * len(rows)
        accounts: dict[str, int | None] = {}
        given_name = None
        if self.account_id is not None:
            given_name = self.store.get("account", self.account_id)["name"]
        result: list[int | None] = []
        for row, number in zip(rows, numbers, strict=True):
            named = self.cell(row, "account")
            account_id = self.account_id
            if named and given_name is not None and named.casefold() != given_name.casefold():
                self.problem(number, self.mapping.column_of("account"),
                             _("belongs to account %(named)s, not %(given)s; remove the row, "
                               "or import without --account to use this column",
                               named=repr(named), given=repr(given_name)))
                account_id = None
            elif named and given_name is None:
                if named not in accounts:
                    found = self.store.db.execute(
                        "SELECT id FROM accounts WHERE lower(name) = lower(?)", [named]
                    ).fetchone()
                    accounts[named] = found[0] if found else None
                account_id = accounts[named]
                if account_id is None:
                    self.problem(number, self.mapping.column_of("account"),
                                 _("no account %(name)s; create it first", name=repr(named)))
            elif account_id is None:
                self.problem(number, self.mapping.column_of("account"),
                             _("is empty; give --account or fill the Account column"))
            result.append(account_id)
        return result

    def match(self, i: int, values: dict, number: int, column: str | None) -> int | None:
        account_id = self.accounts[i]
        if account_id is None:
            return None
        email = values.get("email", "").lower()
        if email:
            found = self.people.find(account_id, email) if "@" in email else set()
            if found:
                return next(iter(found))[1]
        if not values.get("name"):
            return None
        hints = {f: values.get(f) for f in ("department", "title")}
        identities = {identity for identity in self.people.find(account_id, values["name"],
                                                                hints)
                      if not (email and self.people.stored[identity[1]]["email"])}
        found = {identity[1] for identity in identities}
        if len(found) > 1:
            self.problem(number, column, _(
                "%(count)s stakeholders in this account are called %(name)s: %(candidates)s; "
                "add an Email, Department or Title column to tell them apart",
                count=len(found), name=repr(values["name"]),
                candidates=self.people.candidates(identities)))
            return None
        if found:
            self.by_name.add(i)  # the stored spelling of the name is kept
        return next(iter(found)) if found else None

    def plan_people(self) -> None:
        """Validate each row's person; what to create and update (written by write)."""
        ent = ENTITIES["stakeholder"]
        accounts, matches, stored = self.accounts, self.matches, self.people.stored
        changes, currents = [], []
        for i, values in enumerate(self.values):
            account_id, match = accounts[i], matches[i]
            if account_id is None:  # already reported; validate the rest
                changes.append({})
                currents.append({"id": 0, "name": values.get("name")})
            elif match is None:
                changes.append({"account_id": account_id, **values})
                currents.append(None)
            else:
                changes.append({k: v for k, v in values.items()
                                if v != "" and not (k == "name" and i in self.by_name)})
                currents.append(stored[match])
        clean, problems = validate_many(self.store, ent, changes, currents)
        for index, problem in problems:
            if accounts[index] is not None:
                self.located(index, problem, self.person_columns)
        self.ids: list[int | None] = list(matches)
        creates, created, updates = [], [], []
        numbers, report = self.table.numbers, self.report
        for i, record in enumerate(clean):  # in row order, so the report is too
            if record is None or accounts[i] is None:
                clean[i] = None
                continue
            current = currents[i]
            if current is None:
                creates.append(record)
                created.append(i)
                report.add(RowChange("stakeholder", "create", _person_label(record),
                                     numbers[i]))
                continue
            diff = {k: (current.get(k), record.get(k)) for k in _PERSON_FIELDS
                    if record.get(k) != current.get(k)}
            report.add(RowChange("stakeholder", "update" if diff else "unchanged",
                                 _person_label(record), numbers[i], diff))
            if diff:
                updates.append((current["id"], current["version"], record))
        self.planned = (creates, created, updates)
        self.clean_people = clean

    def index_people(self, keys: set[str]) -> None:
        """Let the people index find the file's people by their new values.

        Only ``keys`` (the Reports To cells) are looked up afterwards, so a new
        person is indexed only if one of them names it; people who were stored
        before are always re-indexed (their old name or e-mail may be gone).
        """
        emails = {key.lower() for key in keys if "@" in key}
        names = {name_key(key) for key in keys if "@" not in key}
        people, clean = self.people, self.clean_people
        for i, values in enumerate(self.values):
            person, account_id, match = self.ids[i], self.accounts[i], self.matches[i]
            if person is None or account_id is None:
                continue
            record = clean[i] or {}
            name = record.get("name") or values.get("name")
            email = record.get("email") or values.get("email")
            if match is not None:
                stored = people.stored[match]
                people.discard(("id", match), account_id, stored["name"], stored["email"])
            elif not (email and email.strip().lower() in emails
                      or names and name and name_key(name) in names):
                continue
            people.add(("id", person), account_id, name, email,
                       {f: record.get(f) or values.get(f) for f in ("department", "title")})

    def plan_managers(self) -> tuple[list[dict], list[tuple[int, int, dict]]]:
        """The reporting lines to create and update, checked (written by :meth:`write`)."""
        column = self.mapping.column_of("reports_to")
        if column is None:
            return [], []
        ent = ENTITIES["relationship"]
        index = self.index["reports_to"]
        keys = [row[index].strip() if index < len(row) else "" for row in self.table.rows]
        self.index_people(set(keys) - {""})
        accounts, ids, numbers = self.accounts, self.ids, self.table.numbers
        existing = self.stored_managers({ids[i] for i, key in enumerate(keys)
                                         if key and self.matches[i] is not None})
        resolved: dict[tuple[int, str], set] = {}  # a manager has many reports
        changes, currents, rows, edge_keys = [], [], [], []
        for i, key in enumerate(keys):
            account_id = accounts[i]
            if not key or account_id is None:
                continue
            found = resolved.get((account_id, key))
            if found is None:
                found = resolved[(account_id, key)] = self.people.find(account_id, key)
            if len(found) != 1:
                self.manager_problem(i, key, found, column)
                continue
            person = ids[i]
            if person is None:
                continue
            manager = next(iter(found))[1]
            current = existing.get(person)
            if current is None:
                changes.append({"source_id": person, "target_id": manager,
                                "type": "reports_to"})
            elif current["target_id"] == manager:
                self.report.add(RowChange("relationship", "unchanged",
                                          self._edge_label(i, key), numbers[i]))
                continue
            else:
                changes.append({"target_id": manager})
            currents.append(current)
            rows.append(i)
            edge_keys.append(key)
        clean, problems = validate_many(self.store, ent, changes, currents,
                                        pending=self.pending)
        columns_of = {"target_id": column, "source_id": self.person_columns["name"],
                      "type": column}
        for n, problem in problems:
            self.located(rows[n], problem, columns_of)
        creates, updates = [], []
        for n, record in enumerate(clean):
            if record is None:
                continue
            i, current = rows[n], currents[n]
            self.report.add(RowChange("relationship", "create" if current is None else "update",
                                      self._edge_label(i, edge_keys[n]), numbers[i]))
            if current is None:
                creates.append(record)
            else:
                updates.append((current["id"], current["version"], record))
        return creates, updates

    def manager_problem(self, i: int, key: str, matches: set, column: str) -> None:
        who = _("stakeholder %(name)s", name=repr(self.values[i].get("name")))
        if not matches:
            self.problem(self.table.numbers[i], column, _("unknown manager %(key)s: no "
                         "stakeholder with this name or e-mail in the file or the account",
                         key=repr(key)), record=who)
        else:
            self.problem(self.table.numbers[i], column, _(
                "%(count)s stakeholders match manager %(key)s: %(candidates)s; add the "
                "e-mail, department or title in brackets, or use the manager's e-mail instead",
                count=len(matches), key=repr(key),
                candidates=self.people.candidates(matches)), record=who)

    def stored_managers(self, people: set[int]) -> dict[int, dict]:
        """The stored ``reports_to`` edge of each of ``people`` (who existed before)."""
        existing = {}
        ordered = sorted(people)
        for start in range(0, len(ordered), 900):
            chunk = ordered[start:start + 900]
            cursor = self.store.db.execute(
                "SELECT * FROM relationships WHERE type = 'reports_to' AND source_id IN "
                f"({', '.join('?' for _ in chunk)})", chunk)
            columns = [d[0] for d in cursor.description]
            for row in cursor.fetchall():
                record = dict(zip(columns, row, strict=True))
                existing[record["source_id"]] = record
        return existing

    def _edge_label(self, i: int, key: str) -> str:
        return _("%(person)s reports to %(manager)s", person=repr(self.values[i].get("name")),
                 manager=repr(key))

    def plan_entries(self) -> tuple[list[dict], list[tuple[int, int, dict]]]:
        """The buying-center entries to create and update, checked (written by :meth:`write`)."""
        if self.opportunity is None:
            return [], []
        columns = {f: self.mapping.column_of(f) for f in _ENTRY_FIELDS}
        if not any(columns.values()):
            return [], []
        ent = ENTITIES["buying_center_entry"]
        opp_id = self.opportunity["id"]
        existing = {e["stakeholder_id"]: e for e in self.store.rows(
            "buying_center_entry", "opportunity_id = ?", [opp_id])}
        changes, currents, rows = [], [], []
        for i, row in enumerate(self.table.rows):
            values = {f: self.cell(row, f) for f, header in columns.items() if header}
            if self.ids[i] is None or not any(values.values()):
                continue
            current = existing.get(self.ids[i])
            if current is None:
                changes.append({"opportunity_id": opp_id, "stakeholder_id": self.ids[i],
                                **values})
            else:
                changes.append({k: v for k, v in values.items() if v != ""})
            currents.append(current)
            rows.append(i)
        clean, problems = validate_many(self.store, ent, changes, currents,
                                        pending=self.pending)
        for index, problem in problems:
            self.located(rows[index], problem, columns)
        creates, updates = [], []
        for index, record in enumerate(clean):
            if record is None:
                continue
            i, current = rows[index], currents[index]
            label = _("%(person)s in %(opportunity)s", person=repr(self.values[i].get("name")),
                      opportunity=repr(self.opportunity["name"]))
            number = self.table.numbers[i]
            if current is None:
                creates.append(record)
                self.report.add(RowChange("buying_center_entry", "create", label, number))
                continue
            diff = {k: (current.get(k), record.get(k)) for k in _ENTRY_FIELDS
                    if record.get(k) != current.get(k)}
            self.report.add(RowChange("buying_center_entry", "update" if diff else "unchanged",
                                      label, number, diff))
            if diff:
                updates.append((current["id"], current["version"], record))
        return creates, updates


def _person_label(record: dict) -> str:
    label = repr(record.get("name"))
    return f"{label} <{record['email']}>" if record.get("email") else label

