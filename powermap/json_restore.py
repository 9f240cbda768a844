"""Restoring powermap's JSON export: check every record without the write lock, then write.

:func:`powermap.json_map.import_json` reads the file and hands the document
here. A restore creates a new account with everything in it, so the records
of the file refer only to each other, to the account's name (which must be
free) and to competitors (shared by all accounts, reused by name). That lets
the whole file be checked in a scratch database of its own:

1. **Prepare** (a read snapshot of the target, no write lock; web edits go
   on): open an empty in-memory :class:`~powermap.store.Store`, copy into it
   the target's accounts and competitors (their names must not be repeated;
   their ids are kept, so messages name them as the target does, and a
   competitor is reused by name), then check every table of the file, in order,
   with :func:`powermap.validation.validate_many` against the scratch
   database. Records that others refer to (the account, stakeholders, team,
   competitors, opportunities) are written into the scratch database so the
   next tables' references and rules find them; the rest (relationships,
   coverage, positions, entries, actions: nothing refers to them) are only
   checked. The rules read exactly what they would read in the target: the
   new account's own records and the copied rows.
2. **Write** (:func:`powermap.imports.snapshot.prepare_then_write`): under
   the write lock, if the target's accounts and competitors are as the
   snapshot saw them (else the preparation is redone), the checked records
   are inserted table by table with :meth:`Store.create_many`, each
   reference moved from its scratch id to the id the record got in the
   target. One transaction: all of it is kept or none.

A dry run stops after step 1 and never takes the write lock.
"""

from __future__ import annotations

import dataclasses

from .database import read_snapshot, roomy_cache
from .errors import NotFoundError, Problem, ValidationError
from .i18n import _, pgettext
from .imports.report import ImportReport, RowChange
from .imports.snapshot import ChangedMeanwhile, prepare_then_write
from .labels import entity_label
from .schema import ENTITIES
from .store import Store
from .validation import validate_many
from .writes import collector_paused

__all__ = ["restore"]

#: Records other records of the file refer to: written into the scratch database.
_REFERRED = frozenset({"account", "stakeholder", "team_member", "competitor", "opportunity"})
#: Of a table's rows, what changes whenever one is created, edited or deleted.
_SUMMARY = "count(*), total(version), max(id), max(updated_at)"


@dataclasses.dataclass
class _Step:
    """One table's checked records, and their ids in the scratch database (if written there)."""

    entity: str
    records: list[dict]
    scratch_ids: list[int] | None


@dataclasses.dataclass
class _Plan:
    """What the preparation leaves for the write: one step per table, in order."""

    steps: list[_Step]


def restore(store: Store, data: dict, file: str, dry_run: bool) -> ImportReport:
    """Create the account map of ``data``: checked without the write lock, written with it.

    Raises :class:`ValidationError` with every problem (nothing is written),
    or :class:`ChangedMeanwhile` if the target's accounts or competitors kept
    changing while the file was checked.
    """
    report = ImportReport(file, dry_run=dry_run)

    def prepare() -> _Plan:
        loader = _Loader(store, file)
        plan = loader.load(data)
        if loader.problems:
            raise ValidationError(loader.problems)
        return plan

    def write(plan: _Plan) -> None:
        report.changes.clear()
        with store.noting(kind="restore"):  # the whole restore is one change set
            _write(store, plan, report)

    with collector_paused(), roomy_cache(store.db.conn):
        if dry_run:
            with read_snapshot(store.db.conn):
                plan = prepare()
                _write(store, plan, report, dry_run=True)
            return report
        try:
            prepare_then_write(store, prepare, lambda: _marker(store), write)
        except ChangedMeanwhile:
            raise ChangedMeanwhile(_("accounts or competitors kept changing while the file was "
                                     "checked; nothing was restored, restore the file "
                                     "again")) from None
    return report


def _marker(store: Store) -> tuple:
    """What the preparation read of the target: its accounts and competitors."""
    return tuple(store.db.execute(f"SELECT {_SUMMARY} FROM {table}").fetchone()
                 for table in ("accounts", "competitors"))


def _write(store: Store, plan: _Plan, report: ImportReport, *, dry_run: bool = False) -> None:
    """Insert each step's records with their references moved to the target's ids.

    For a dry run nothing is inserted: the report names the ids the records
    would get (``create_many`` gives ``max(id) + 1`` onwards).
    """
    moved: dict[str, dict[int, int]] = {}  # scratch id -> target id, where they differ
    for step in plan.steps:
        ent = ENTITIES[step.entity]
        refs = [(f.name, moved[f.ref]) for f in ent.fields if f.ref in moved]
        records = step.records
        for record in records:
            for name, targets in refs:
                value = record.get(name)
                if value in targets:
                    record[name] = targets[value]
        if dry_run:
            first = store.db.execute(
                f"SELECT coalesce(max(id), 0) + 1 FROM {ent.table}").fetchone()[0]
            new_ids = list(range(first, first + len(records)))
        else:
            new_ids = store.create_many(step.entity, records)
        if step.scratch_ids is not None and step.scratch_ids != new_ids:
            moved.setdefault(step.entity, {}).update(
                (old, new) for old, new in zip(step.scratch_ids, new_ids, strict=True)
                if old != new)
        label_field = ent.label_field
        add = report.changes.append
        for record, new_id in zip(records, new_ids, strict=True):
            label = repr(record.get(label_field)) if label_field else f"#{new_id}"
            add(RowChange(step.entity, "create", label))


class _Loader:
    """Checks the records of one file, table by table, in a scratch database.

    Each table is one batch, checked together with :func:`validate_many`, so
    restoring 100,000 people costs one e-mail check for all of them, not one
    per person. Records that fail are reported and left out; nothing is
    written to the target if any failed.
    """

    def __init__(self, target: Store, file: str):
        self.target, self.file = target, file
        self.problems: list[Problem] = []
        self.steps: list[_Step] = []

    def load(self, data: dict) -> _Plan:
        with Store(":memory:", log_changes=False) as self.store:  # a scratch: no history
            self.load_tables(data)
        return _Plan(self.steps)

    def create(self, entity: str, values: dict, path: str) -> int | None:
        return self.create_many(entity, [(path, values)])[0]

    def create_many(self, entity: str, items: list[tuple[str, dict]]) -> list[int | None]:
        """Check ``(path, values)`` records of one entity; their scratch ids (None where
        refused). Records nothing refers to are not written to the scratch database and
        get 0."""
        if not items:
            return []
        ent = ENTITIES[entity]
        clean, found = validate_many(self.store, ent, [values for _path, values in items])
        for i, p in found:
            path = items[i][0]
            self.problems.append(dataclasses.replace(
                p, file=self.file, column=f"{path}.{p.field}" if p.field else path))
        good = [record for record in clean if record is not None]
        scratch_ids = None
        if entity in _REFERRED:
            try:
                scratch_ids = self.store.create_many(entity, good)
            except ValidationError as exc:
                self.problems += [dataclasses.replace(p, file=self.file) for p in exc.problems]
                return [None] * len(items)
        self.steps.append(_Step(entity, good, scratch_ids))
        new_ids = iter(scratch_ids if scratch_ids is not None else [0] * len(good))
        return [None if record is None else next(new_ids) for record in clean]

    def missing(self, path: str, what: str, key: object) -> None:
        self.problems.append(Problem(pgettext("problem in", "reference"), None,
                                     _("no %(kind)s %(key)s in this file",
                                       kind=what, key=repr(key)),
                                     file=self.file, column=path))

    def items(self, data: dict, key: str, prefix: str = "") -> list[tuple[str, dict]]:
        value = data.get(key) or []
        if not isinstance(value, list):
            self.problems.append(Problem(pgettext("problem in", "file"), None, _("expected a list"),
                                         file=self.file, column=f"{prefix}{key}"))
            return []
        return [(f"{prefix}{key}[{n}]", item if isinstance(item, dict) else {})
                for n, item in enumerate(value)]

    def keyed(self, entity: str, items: list[tuple[str, dict]], account_id: int
              ) -> dict[object, int | None]:
        """Check stakeholders or team members; their scratch ids by the file's keys."""
        ids = self.create_many(entity, [
            (path, {**{k: v for k, v in item.items() if k != "key"}, "account_id": account_id})
            for path, item in items])
        return {item.get("key"): new_id
                for (_path, item), new_id in zip(items, ids, strict=True)}

    def linked(self, entity: str, items: list[tuple[str, dict]], tables: dict[str, dict],
               columns: dict[str, str]) -> None:
        """Check records that refer to others by key (``columns``: key -> id column)."""
        batch = []
        for path, item in items:
            values = dict(item)
            for key, table in tables.items():
                found = table.get(values.pop(key, None))
                if found is None:  # a missing key, or a record refused: reported by refs
                    self.refs(path, item, tables)
                    break
                values[columns[key]] = found
            else:
                batch.append((path, values))
        self.create_many(entity, batch)

    def load_tables(self, data: dict) -> None:
        account = data.get("account") or {}
        try:
            existing = self.target.resolve("account", str(account.get("name", "")))
        except NotFoundError:
            existing = None
        if existing is not None:
            self.problems.append(Problem(pgettext("record type", "account"), "name",
                                         _("%(name)s already exists; import "
                                           "into a database without it",
                                           name=repr(account.get("name"))),
                                         file=self.file, column="account.name"))
            return
        self.copy_target("account")
        account_id = self.create("account", account, "account")
        if account_id is None:
            return
        people = self.keyed("stakeholder", self.items(data, "stakeholders"), account_id)
        team = self.keyed("team_member", self.items(data, "team"), account_id)
        self.linked("relationship", self.items(data, "relationships"),
                    {"source": people, "target": people},
                    {"source": "source_id", "target": "target_id"})
        self.linked("coverage", self.items(data, "coverage"),
                    {"team_member": team, "stakeholder": people},
                    {"team_member": "team_member_id", "stakeholder": "stakeholder_id"})
        competitors = self.competitors(self.items(data, "competitors"))
        self.linked("competitor_position", self.items(data, "competitor_positions"),
                    {"competitor": competitors, "stakeholder": people},
                    {"competitor": "competitor_id", "stakeholder": "stakeholder_id"})
        self.opportunities(self.items(data, "opportunities"), account_id, people, team,
                           competitors)

    def copy_target(self, entity: str) -> None:
        """Copy the target's records of ``entity`` into the scratch database, ids kept.

        For accounts and competitors (a few hundred), whose names a restored record
        must not repeat: the unique-name rule then finds them as it would in the target.
        """
        table = ENTITIES[entity].table
        cursor = self.target.db.execute(f"SELECT * FROM {table} ORDER BY id")
        columns = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
        if rows:
            self.store.db.conn.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' * len(columns))})", rows)

    def competitors(self, items: list[tuple[str, dict]]) -> dict[object, int | None]:
        """Competitors are shared by every account: one already stored is reused by name."""
        self.copy_target("competitor")  # reused by name, their ids kept
        found: dict[object, int | None] = {}
        new = []
        for path, item in items:
            try:
                found[item.get("name")] = self.store.resolve("competitor", str(item.get("name")))
            except NotFoundError:
                new.append((path, item))
        ids = self.create_many("competitor", new)
        found.update((item.get("name"), new_id)
                     for (_path, item), new_id in zip(new, ids, strict=True))
        return found

    def refs(self, path: str, item: dict, tables: dict[str, dict]) -> dict | None:
        found = {}
        for key, table in tables.items():
            value = item.get(key)
            if value not in table:
                self.missing(f"{path}.{key}", entity_label(key), value)
                return None
            if table[value] is None:
                return None  # its own problem is already reported
            found[key] = table[value]
        return found

    def opportunities(self, items, account_id, people, team, competitors) -> None:
        """Opportunities, then what every one of them holds, one batch per table."""
        ids = self.create_many("opportunity", [
            (path, {**{k: v for k, v in item.items()
                       if k not in ("competitors", "buying_center", "actions")},
                    "account_id": account_id})
            for path, item in items])
        in_play, entries, actions = [], [], []
        for (path, item), opp_id in zip(items, ids, strict=True):
            if opp_id is None:
                continue
            names = item.get("competitors") or []
            for n, name in enumerate(names if isinstance(names, list) else []):
                where = f"{path}.competitors[{n}]"
                if name not in competitors:
                    self.missing(where, entity_label("competitor"), name)
                elif competitors[name] is not None:
                    in_play.append((where, {"opportunity_id": opp_id,
                                            "competitor_id": competitors[name]}))
            for where, entry in self.items(item, "buying_center", f"{path}."):
                stakeholder = entry.get("stakeholder")
                if stakeholder is not None and stakeholder not in people:
                    self.missing(f"{where}.stakeholder", entity_label("stakeholder"),
                                 stakeholder)
                    continue
                if stakeholder is not None and people[stakeholder] is None:
                    continue  # the stakeholder's own problem is already reported
                entries.append((where, {
                    **{k: v for k, v in entry.items() if k != "stakeholder"},
                    "opportunity_id": opp_id,
                    "stakeholder_id": people.get(stakeholder) if stakeholder else None}))
            for where, action in self.items(item, "actions", f"{path}."):
                ends = self.refs(where, action, {"stakeholder": people})
                owner = action.get("owner")
                if owner is not None and owner not in team:
                    self.missing(f"{where}.owner", entity_label("team_member"), owner)
                    continue
                if ends is not None:
                    actions.append((where, {
                        **{k: v for k, v in action.items() if k not in ("stakeholder", "owner")},
                        "opportunity_id": opp_id, "stakeholder_id": ends["stakeholder"],
                        "owner_id": team.get(owner) if owner else None}))
        self.create_many("opportunity_competitor", in_play)
        self.create_many("buying_center_entry", entries)
        self.create_many("action", actions)
