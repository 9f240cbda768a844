"""The change log's writing side: what the store's one write path records, as it writes.

:class:`powermap.store.Store` calls :class:`ChangeLog` from ``_insert``,
``_rewrite`` and ``delete``, on the same connection and inside the same
transaction as the write, so a write that fails (and rolls back) leaves no
entry, and no write is kept without one.

Everything written in one outermost transaction is one *change set*
(``change_sets``: when, who from :func:`powermap.actor.current`, a kind, an
optional reason and the action that caused it); each record touched is a
``changes`` row:

* ``create``: a small batch logs each record with its values (``after``); a
  batch of :data:`COMPACT_FROM` records or more (an import, a restore) logs
  only id ranges (``record_id`` … ``last_id``) per account: the values are in
  the table, and whatever later changes them is logged with its ``before``.
  This keeps a 100,000-row import's log to a few rows.
* ``update``: the fields that changed, ``before`` and ``after`` (values as
  stored: lists as JSON text, booleans 0/1). A rewrite that changes nothing
  logs nothing.
* ``delete``: the whole rows (``{"columns": [...], "rows": [[...]]}``) of the
  record and of everything its delete took with it (one entry per record type
  and account), and ``update`` entries for the references its delete set to
  NULL (``unlink``), so the state before can be rebuilt (:mod:`powermap.history.asof`) and
  the delete reverted (:mod:`powermap.history.undo`).
* ``unlink``: a reference the database set to NULL when what it pointed to
  was deleted (``before`` holds it), logged with that delete.

``docs/history.md`` describes the model.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict

from . import actor, clock
from .dependents import reached
from .fields import record_label
from .record_accounts import accounts_of
from .schema import ENTITIES, Entity

__all__ = ["ChangeLog", "COMPACT_FROM", "NOTE_KINDS"]

#: A create of this many records or more is logged as id ranges, not record by record.
COMPACT_FROM = 50

#: The kinds of change set (``change_sets.kind``).
NOTE_KINDS = ("edit", "import", "restore", "revert", "outcome", "demo")

_INSERT = ("INSERT INTO changes (set_id, entity, op, record_id, last_id, account_id, person_id, "
           "label, before, after, opportunity_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _opportunity(ent: Entity, record_id: int, record: dict) -> int | None:
    """The opportunity a record belongs to (None: the account's, shared by its deals)."""
    if ent.name == "opportunity":
        return record_id
    return record.get("opportunity_id")


def _person(ent: Entity, record_id: int, record: dict) -> int | None:
    """The stakeholder a record is about (the history page filters by person)."""
    if ent.name == "stakeholder":
        return record_id
    if ent.name == "relationship":
        return record.get("source_id")
    return record.get("stakeholder_id")


class ChangeLog:
    """The log of one store's connection; ``enabled=False`` writes nothing (benchmarks)."""

    def __init__(self, conn: sqlite3.Connection, enabled: bool = True):
        self.conn = conn
        self.enabled = enabled
        self.set_id: int | None = None
        self.note: dict = {}
        self._columns: dict[str, list[str]] = {}

    # --- the change set -------------------------------------------------------

    def begin(self) -> None:
        """A new outermost transaction: its first write opens a new change set."""
        self.set_id = None

    def current_set(self) -> int:
        """The id of this transaction's change set, written on first use."""
        if self.set_id is None:
            who = actor.current()
            note = self.note
            self.set_id = self.conn.execute(
                "INSERT INTO change_sets (at, actor, user_id, kind, reason, action_id, reverts) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [clock.stamp(), who.login, who.user_id, note.get("kind") or "edit",
                 note.get("reason"), note.get("action_id"), note.get("reverts")]).lastrowid
        return self.set_id

    def annotate(self, **note: object) -> None:
        """Describe this transaction's change set (kind, reason, action_id, reverts)."""
        self.note = {**self.note, **{k: v for k, v in note.items() if v is not None}}
        if self.set_id is not None and self.note:
            marks = ", ".join(f"{k} = ?" for k in self.note)
            self.conn.execute(f"UPDATE change_sets SET {marks} WHERE id = ?",
                              [*self.note.values(), self.set_id])

    # --- what the store calls -------------------------------------------------

    def created(self, ent: Entity, names: list[str], rows: list[tuple]) -> None:
        """Log ``rows`` (``(id, *values of names, …)`` as inserted)."""
        if not self.enabled or not rows:
            return
        set_id = self.current_set()
        records = [dict(zip(names, row[1:len(names) + 1], strict=True)) for row in rows]
        ids = [row[0] for row in rows]
        accounts = self._accounts(ent, ids, records)
        if len(rows) < COMPACT_FROM:
            entries = [(set_id, ent.name, "create", i, None, acc, _person(ent, i, rec),
                        record_label(ent, rec, i),
                        None, _json({k: v for k, v in rec.items() if v is not None}),
                        _opportunity(ent, i, rec))
                       for i, rec, acc in zip(ids, records, accounts, strict=True)]
        else:
            entries = []
            first = prev = ids[0]
            account = accounts[0]
            for i, acc in zip(ids[1:], accounts[1:], strict=True):
                if i != prev + 1 or acc != account:
                    entries.append((set_id, ent.name, "create", first, prev, account,
                                    None, None, None, None, None))
                    first, account = i, acc
                prev = i
            entries.append((set_id, ent.name, "create", first, prev, account,
                            None, None, None, None, None))
        self.conn.executemany(_INSERT, entries)

    def before_update(self, ent: Entity, ids: list[int]) -> dict[int, dict] | None:
        """The stored rows about to be rewritten (None when the log is off)."""
        if not self.enabled:
            return None
        return self._rows(ent, "id IN ({marks})", ids)

    def updated(self, ent: Entity, before: dict[int, dict] | None, names: list[str],
                written: list[tuple[int, tuple]]) -> None:
        """Log the fields of ``names`` that differ between ``before`` and ``written``."""
        if before is None:
            return
        entries = []
        changed_rows = []
        for record_id, values in written:
            old = before.get(record_id)
            if old is None:
                continue
            was, now = {}, {}
            for name, value in zip(names, values, strict=True):
                if old.get(name) != value:
                    was[name], now[name] = old.get(name), value
            if was:
                changed_rows.append((record_id, old, was, now))
        if not changed_rows:
            return
        set_id = self.current_set()
        accounts = self._accounts(ent, [r[0] for r in changed_rows], [r[1] for r in changed_rows])
        for (record_id, old, was, now), account in zip(changed_rows, accounts, strict=True):
            entries.append((set_id, ent.name, "update", record_id, None, account,
                            _person(ent, record_id, old),
                            record_label(ent, {**old, **_decoded(ent, now)}, record_id),
                            _json(was), _json(now), _opportunity(ent, record_id, old)))
        self.conn.executemany(_INSERT, entries)

    def deleting(self, ent: Entity, record_id: int) -> None:
        """Log the rows a delete of ``ent`` #``record_id`` removes or unlinks (call first).

        The record and what cascades with it come first (parents before
        children), then the references set to NULL (``unlink``)."""
        if not self.enabled:
            return
        set_id = self.current_set()
        cascade, unlinks = reached(self.conn, ent)
        entries = []
        for name, where in [(ent.name, "id = :root"), *cascade.items()]:
            other = ENTITIES[name]
            rows = self._rows(other, where, {"root": record_id})
            if not rows:
                continue
            columns = self.columns(other.table)
            groups: dict = defaultdict(list)
            accounts = self._accounts(other, list(rows), list(rows.values()))
            for (rid, row), account in zip(rows.items(), accounts, strict=True):
                groups[account].append((rid, row))
            for account, members in groups.items():
                first_id, first = members[0]
                single = len(members) == 1
                entries.append((
                    set_id, name, "delete", first_id, None, account,
                    _person(other, first_id, first) if single else None,
                    record_label(other, _decoded(other, first), first_id) if single else None,
                    _json({"columns": columns,
                           "rows": [[row[c] for c in columns] for _, row in members]}),
                    None, _opportunity(other, first_id, first) if single else None))
        for name, column, where in unlinks:
            other = ENTITIES[name]
            rows = self._rows(other, where, {"root": record_id})
            accounts = self._accounts(other, list(rows), list(rows.values()))
            entries.extend(
                (set_id, name, "unlink", rid, None, account, _person(other, rid, row),
                 record_label(other, _decoded(other, row), rid),
                 _json({column: row[column]}), _json({column: None}),
                 _opportunity(other, rid, row))
                for (rid, row), account in zip(rows.items(), accounts, strict=True))
        self.conn.executemany(_INSERT, entries)

    # --- reading the rows a write touches ---------------------------------------

    def columns(self, table: str) -> list[str]:
        if table not in self._columns:
            self._columns[table] = [r[1] for r in
                                    self.conn.execute(f"PRAGMA table_info({table})")]
        return self._columns[table]

    def _rows(self, ent: Entity, where: str, params: list | dict) -> dict[int, dict]:
        """Stored rows (as stored) by id: ``where`` with ``{marks}`` for a list of ids."""
        columns = self.columns(ent.table)
        found: dict[int, dict] = {}
        if isinstance(params, dict):
            chunks = [(where, params)]
        else:
            chunks = [(where.format(marks=", ".join("?" * len(params[k:k + 900]))),
                       params[k:k + 900]) for k in range(0, len(params), 900)]
        for sql, args in chunks:
            for row in self.conn.execute(f"SELECT * FROM {ent.table} WHERE {sql} ORDER BY id",
                                         args):
                found[row[0]] = dict(zip(columns, row, strict=True))
        return found

    def _accounts(self, ent: Entity, ids: list[int], records: list[dict]) -> list[int | None]:
        """The account of each record (None for competitors, which every account shares)."""
        return accounts_of(self.conn, ent, ids, records)


def _decoded(ent: Entity, values: dict) -> dict:
    """Stored values as records hold them (lists from JSON), for labels."""
    out = dict(values)
    for name, value in values.items():
        if name in ent.field_names and ent.field(name).kind == "list" and isinstance(value, str):
            try:
                out[name] = json.loads(value)
            except ValueError:
                pass
    return out
