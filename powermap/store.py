"""The store: every read and write of powermap's data goes through here.

A :class:`Store` wraps one SQLite database (through sqlite-utils) with
foreign keys enforced and WAL journalling. Writes are validated by
:mod:`powermap.validation`, stamp ``version`` / ``created_at`` /
``updated_at``, and refuse stale versions. Wrap several writes in
:meth:`Store.transaction` to make them all-or-nothing.

The class runs to about 500 lines because it is the one write path: every
write's validation, ids and versions, change log (:mod:`powermap.changelog`),
change counters (:mod:`powermap.change_counter`, per account), deletes with what they take,
and the name-to-id resolution the writes need. The SQL is in
:mod:`powermap.writes`, the checks in :mod:`powermap.validation`.

>>> store = Store(":memory:")
>>> acme = store.create("account", {"name": "Acme"})
>>> store.get("account", acme["id"])["version"]
1
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from . import change_counter, clock, names
from .changelog import ChangeLog
from .database import DatabaseError, check_database, connect, default_db_path, upgrade
from .dependents import HasDependentsError, ImpactChangedError, OpenActionsError, follow
from .errors import ConflictError, NotFoundError, Problem, ValidationError, quote
from .fields import record_label, whole_number
from .i18n import _
from .record_accounts import moves_between_accounts, stored_accounts
from .schema import ENTITIES, Entity, entity
from .validation import validate
from .verification import stamped
from .vocabulary import OPEN_ACTION_STATUSES
from .writes import encoded_rows, insert_rows, raise_conflict

__all__ = ["Store", "DatabaseError", "default_db_path", "HasDependentsError", "OpenActionsError"]


def _now() -> str:
    return clock.stamp()


class Store:
    """One powermap database; opening it applies pending migrations."""

    def __init__(self, path: str | Path = ":memory:", *, migrate: bool = True,
                 create: bool = True, log_changes: bool = True):
        """Open (with ``create``: or create) the database at ``path``.

        Every write is recorded in the change log (:mod:`powermap.changelog`);
        ``log_changes=False`` is for benchmarks that measure what the log costs.

        Raises :class:`DatabaseError` with a sentence a person can act on when
        the file is missing (and ``create`` is false), cannot be opened, is not
        an SQLite file, holds another program's tables, or was written by a
        newer powermap; the file is then left as it was.
        """
        self.path = str(path)
        folder = os.path.dirname(self.path)
        if self.path != ":memory:" and folder and not os.path.isdir(folder):
            raise DatabaseError(_("cannot open the database %(path)s: the folder %(folder)s "
                                  "does not exist", path=self.path, folder=folder))
        if not create and self.path != ":memory:" and not os.path.exists(self.path):
            raise DatabaseError(_("no database at %(path)s; run `powermap init` or `powermap "
                                  "demo` first", path=self.path))
        conn = connect(self.path)
        self.db = Database(conn)
        try:
            check_database(self.db, self.path)
            if migrate:
                upgrade(self.db, self.path)
        except BaseException:
            conn.close()
            raise
        self.log = ChangeLog(conn, enabled=log_changes)

    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- transactions ---------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Store]:
        """All writes inside succeed together or none is kept.

        The outermost block takes SQLite's write lock at once (``BEGIN
        IMMEDIATE``) so that validation and write see the same data even with
        other writers; nested blocks are savepoints.
        """
        conn = self.db.conn
        if conn.in_transaction:
            opened, note = self.log.set_id, self.log.note
            try:
                with self.db.atomic():
                    yield self
            except BaseException:
                self.log.set_id, self.log.note = opened, note  # the savepoint took them back
                raise
            return
        conn.execute("BEGIN IMMEDIATE")
        self.log.begin()
        try:
            yield self
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")
        finally:
            self.log.note = {}

    @contextlib.contextmanager
    def noting(self, *, kind: str | None = None, reason: str | None = None,
               action_id: int | None = None, reverts: int | None = None) -> Iterator[Store]:
        """A transaction whose change set is described: its kind (``import``,
        ``restore``, ``outcome``, ``revert``…), a reason, the action that caused it.
        """
        with self.transaction():
            self.log.annotate(kind=kind, reason=reason, action_id=action_id, reverts=reverts)
            yield self

    # --- reads -----------------------------------------------------------------

    def get(self, entity_name: str, record_id: int) -> dict:
        """Return one record by id; :class:`NotFoundError` if there is none."""
        ent = entity(entity_name)
        key = whole_number(record_id)
        if key is None:
            raise NotFoundError(ent.name, record_id)
        row = self.db.execute(f"SELECT * FROM {ent.table} WHERE id = ?", [key]).fetchone()
        if row is None:
            raise NotFoundError(ent.name, key)
        return self._decode(ent, row)

    def rows(self, entity_name: str, where: str | None = None, params: list | tuple = (),
             order_by: str = "id") -> list[dict]:
        """Records of one entity, filtered by a parameterised ``where`` clause."""
        ent = entity(entity_name)
        sql = f"SELECT * FROM {ent.table}"
        if where:
            sql += f" WHERE {where}"
        sql += f" ORDER BY {order_by}"
        return [self._decode(ent, row) for row in self.db.execute(sql, list(params)).fetchall()]

    def resolve(self, entity_name: str, key: str | int, *, account_id: int | None = None,
                hints: dict[str, str | None] | None = None) -> int:
        """Find a record's id from an id or a name (optionally within an account).

        Names are not identities: ``王建国 (IT部)`` or ``王建国 <wang@acme.cn>``
        picks one of two people of that name by department, title or e-mail,
        as do ``hints`` (``{"email": …, "department": …}``), and an e-mail alone
        finds its person; a name that still fits several records is refused
        with the candidates listed (:mod:`powermap.names`).
        """
        ent = entity(entity_name)
        if whole_number(key) is not None:
            return self.get(ent.name, key)["id"]
        if not ent.label_field:
            raise NotFoundError(ent.name, key, _("%(entity)s must be given by id",
                                                 entity=str(ent.label)))
        text = str(key).strip()
        rows = self._named(ent, ent.label_field, text, account_id)
        qualifier = None
        if not rows and "email" in ent.field_names and "@" in text:
            rows = self._named(ent, "email", text, account_id)
        if not rows:
            name, qualifier = names.split_qualifier(text)
            rows = self._named(ent, ent.label_field, name, account_id) if qualifier else []
        if not rows:
            raise NotFoundError(ent.name, key)
        found = names.narrow(rows, qualifier, hints)
        if not found and qualifier:
            raise NotFoundError(ent.name, key, names.no_match_message(
                str(ent.label), quote(name), quote(qualifier), rows, ent.label_field))
        if len(found) > 1 or not found:
            raise NotFoundError(ent.name, key, names.ambiguous_message(
                str(ent.label), quote(text), found or rows, ent.label_field))
        return found[0]["id"]

    def _named(self, ent: Entity, field: str, value: str, account_id: int | None
               ) -> list[dict]:
        """Rows of ``ent`` whose ``field`` is ``value`` (e-mails whatever their case)."""
        column = "lower(email)" if field == "email" else field
        sql = f"SELECT * FROM {ent.table} WHERE {column} = ?"
        params: list = [value.lower() if field == "email" else value]
        if account_id is not None and "account_id" in ent.field_names:
            sql += " AND account_id = ?"
            params.append(account_id)
        return [self._decode(ent, row) for row in self.db.execute(sql + " ORDER BY id", params)]

    def account_of(self, entity_name: str, values: dict) -> int | None:
        """The account a record (stored, or being written) belongs to, if it can be told.

        Follows references (an entry's opportunity, a coverage's team member…)
        up to the account; references given by name are not followed.
        """
        ent = entity(entity_name)
        if ent.name == "account":
            return whole_number(values.get("id"))
        if whole_number(values.get("account_id")) is not None:
            return whole_number(values["account_id"])
        for f in ent.fields:
            ref_id = whole_number(values.get(f.name)) if f.ref and f.ref != "account" else None
            if ref_id is None:
                continue
            try:
                found = self.account_of(f.ref, self.get(f.ref, ref_id))
            except NotFoundError:
                continue
            if found is not None:
                return found
        return None

    def resolve_references(self, entity_name: str, values: dict,
                           current: dict | None = None) -> dict:
        """Return ``values`` with references given by name (``"Acme"``) turned into ids.

        Names are looked up within the record's account, as soon as it is
        known (from ``current``, an id given, or an earlier name), so two
        people called "Li Wei" at different customers do not collide. Ids pass
        through for validation to check. Raises :class:`ValidationError`
        naming every reference that matches no record, or several.
        """
        ent = entity(entity_name)
        account_id = self.account_of(ent.name, {**(current or {}), **values})
        resolved = dict(values)
        problems = []
        for f in ent.fields:
            value = values.get(f.name)
            if (not f.ref or not isinstance(value, str) or not value.strip()
                    or whole_number(value) is not None):
                continue
            try:
                resolved[f.name] = self.resolve(f.ref, value, account_id=account_id)
            except NotFoundError as exc:
                label = record_label(ent, {**(current or {}), **values},
                                     current["id"] if current else None)
                problems.append(Problem(label, f.name, str(exc), label=str(f.label)))
                continue
            if account_id is None:
                account_id = self.account_of(f.ref, self.get(f.ref, resolved[f.name]))
        if problems:
            raise ValidationError(problems)
        return resolved

    def _decode(self, ent: Entity, row: sqlite3.Row | tuple) -> dict:
        columns = self._columns(ent.table)
        record = dict(zip(columns, row, strict=True))
        for f in ent.fields:
            if f.kind == "list":
                record[f.name] = json.loads(record.get(f.name) or "[]")
            elif f.kind == "bool":
                record[f.name] = bool(record.get(f.name))
        return record

    def _columns(self, table: str) -> list[str]:
        cache = self.__dict__.setdefault("_column_cache", {})
        if table not in cache:
            cache[table] = [r[1] for r in self.db.execute(f"PRAGMA table_info({table})")]
        return cache[table]

    # --- writes ----------------------------------------------------------------
    #
    # ``create`` and ``update`` check one record and write it through the same
    # ``_insert`` / ``_rewrite`` that ``create_many`` / ``update_many`` use for
    # the records of an import, so ids, versions, timestamps and encodings
    # cannot differ between a form and a 100,000-row file.

    def create(self, entity_name: str, values: dict) -> dict:
        """Validate and insert one record; return it as stored."""
        ent = entity(entity_name)
        with self.transaction():
            [new_id] = self._insert(ent, [validate(self, ent, values)])
            return self.get(ent.name, new_id)

    def update(self, entity_name: str, record_id: int, changes: dict,
               *, version: int | None = None) -> dict:
        """Validate and apply ``changes``; with ``version``, refuse a stale edit.

        An edit that sets a buying-center entry's scores stamps who verified them
        and when (:func:`powermap.verification.stamped`).
        """
        ent = entity(entity_name)
        with self.transaction():
            current = self.get(ent.name, record_id)
            if version is not None and int(version) != current["version"]:
                raise ConflictError(record_label(ent, current, current["id"]),
                                    int(version), current["version"])
            record = validate(self, ent, stamped(ent.name, changes, current), current)
            self._rewrite(ent, [(current["id"], current["version"], record)])
            return self.get(ent.name, current["id"])

    def create_many(self, entity_name: str, records: list[dict]) -> list[int]:
        """Insert records checked by :func:`~powermap.validation.validate_many`; their new ids.

        For imports: the caller validates the whole batch first (to report
        every problem with its row) and passes the clean records here. Ids
        are ``max(id) + 1 …`` in order, as SQLite would pick them; the
        transaction holds the write lock, so no one else takes them.
        """
        ent = entity(entity_name)
        with self._batch():
            return self._insert(ent, records)

    def update_many(self, entity_name: str, updates: list[tuple[int, int, dict]]) -> None:
        """Write each ``(id, version read, whole record from validate_many)``.

        A record is written only if it is still at the version it had when
        it was read; if any was changed or deleted since,
        :class:`ConflictError` names the first, and the transaction rolls
        back every write in it, so a stale import never overwrites an edit.
        """
        ent = entity(entity_name)
        with self._batch():
            self._rewrite(ent, updates)

    def delete(self, entity_name: str, record_id: int, *, version: int | None = None,
               cascade: bool = True, reassign_to: int | None = None,
               expected: dict[str, int] | None = None) -> dict[str, int]:
        """Delete one record and what depends on it; return what went with it.

        The return value is :meth:`delete_impact` as it was inside the same
        transaction. With ``cascade=False`` a record that has dependents is
        refused (:class:`HasDependentsError`) and nothing is written. A team
        member who owns open actions is refused (:class:`OpenActionsError`)
        unless ``reassign_to`` names another member of the same account, who
        then owns those actions; its closed actions stay and lose their owner
        (the schema's ``ON DELETE SET NULL``), as :meth:`delete_unlinks` counts.
        With ``expected`` (the counts a person was shown and agreed to), a
        delete that would now take something else is refused
        (:class:`ImpactChangedError`, holding the new counts).
        """
        ent = entity(entity_name)
        with self.transaction():
            current = self.get(ent.name, record_id)
            label = record_label(ent, current, current["id"])
            if version is not None and int(version) != current["version"]:
                raise ConflictError(label, int(version), current["version"])
            if ent.name == "team_member":
                self._hand_over_actions(current, label, reassign_to)
            elif reassign_to is not None:
                raise TypeError("only a team member's actions can be reassigned")
            impact = self.delete_impact(ent.name, current["id"])
            if impact and not cascade:
                raise HasDependentsError(label, impact)
            if expected is not None and impact != expected:
                raise ImpactChangedError(label, impact)
            self.log.deleting(ent, current["id"])
            accounts = stored_accounts(self.db.conn, ent, [current["id"]])
            self.db.execute(f"DELETE FROM {ent.table} WHERE id = ?", [current["id"]])
            change_counter.bump(self.db.conn, accounts)
            return impact

    def delete_impact(self, entity_name: str, record_id: int) -> dict[str, int]:
        """What deleting one record would also delete: ``{entity: count}``.

        Follows the ``ON DELETE CASCADE`` foreign keys the database declares
        (so it cannot disagree with what SQLite does), through every level:
        an account takes its opportunities, and their entries and actions.
        The record itself is not counted; record types with none are left
        out, the rest come in the schema's order.
        """
        return follow(self.db.conn, entity(entity_name), record_id, "CASCADE")

    def delete_unlinks(self, entity_name: str, record_id: int) -> dict[str, int]:
        """Records a delete keeps but leaves without a reference (``ON DELETE SET NULL``).

        ``{entity: count}`` as :meth:`delete_impact`; records the delete
        removes anyway are not counted (a team member's closed actions lose
        their owner; an account's do not, they go with the account).
        """
        return follow(self.db.conn, entity(entity_name), record_id, "SET NULL")

    def open_actions_of(self, team_member_id: int) -> list[dict]:
        """The actions a team member owns that are not done or cancelled yet."""
        marks = ", ".join("?" for _ in OPEN_ACTION_STATUSES)
        return self.rows("action", f"owner_id = ? AND coalesce(status, 'planned') IN ({marks})",
                         [team_member_id, *OPEN_ACTION_STATUSES])

    def _hand_over_actions(self, member: dict, label: str, reassign_to: int | None) -> None:
        """Give a departing team member's open actions to ``reassign_to``, or refuse."""
        open_actions = self.open_actions_of(member["id"])
        if reassign_to is not None:
            successor = self.get("team_member", reassign_to)
            if successor["id"] == member["id"] or successor["account_id"] != member["account_id"]:
                raise ValidationError([Problem(label, None, _(
                    "the open actions can only go to another member of the same account team"))])
            for action in open_actions:
                self.update("action", action["id"], {"owner_id": successor["id"]})
        elif open_actions:
            raise OpenActionsError(label, len(open_actions))

    @contextlib.contextmanager
    def _batch(self) -> Iterator[None]:
        """The caller's transaction if there is one, else a transaction of its own.

        No savepoint inside the caller's transaction: SQLite would copy every
        page a large batch changes into the savepoint's journal. A failed
        batch raises, and the caller's transaction is rolled back with it.
        """
        if self.db.conn.in_transaction:
            yield
        else:
            with self.transaction():
                yield

    def _insert(self, ent: Entity, records: list[dict]) -> list[int]:
        """Insert clean records at version 1, stamped now; return their ids in order."""
        if not records:
            return []
        start = self.db.execute(f"SELECT coalesce(max(id), 0) FROM {ent.table}").fetchone()[0]
        ids = list(range(start + 1, start + 1 + len(records)))
        names = list(ent.field_names)
        stamp = _now()
        rows = encoded_rows(ent, names, records, ids=ids, tail=(1, stamp, stamp))
        with self._constraints(ent, records):
            insert_rows(self.db.conn, ent.table,
                        ["id", *names, "version", "created_at", "updated_at"], rows)
        self.log.created(ent, names, rows)
        change_counter.bump(self.db.conn, stored_accounts(self.db.conn, ent, ids))
        return ids

    def restore_rows(self, entity_name: str, rows: list[dict]) -> None:
        """Put deleted rows back under their own ids, as stored (a revert of a delete).

        ``rows`` hold every column as the change log kept it; each comes back
        one version later, stamped now. The database's constraints check them
        (a reference to a record that is gone refuses the whole revert).
        """
        ent = entity(entity_name)
        if not rows:
            return
        names = list(ent.field_names)
        stamp = _now()
        tuples = [(row["id"], *(row.get(n) for n in names), (row.get("version") or 0) + 1,
                   row.get("created_at") or stamp, stamp) for row in rows]
        with self._constraints(ent, rows, rows[0]["id"]):
            insert_rows(self.db.conn, ent.table,
                        ["id", *names, "version", "created_at", "updated_at"], tuples)
        self.log.created(ent, names, tuples)
        change_counter.bump(self.db.conn, stored_accounts(self.db.conn, ent,
                                                          [row["id"] for row in rows]))

    def _rewrite(self, ent: Entity, updates: list[tuple[int, int, dict]]) -> None:
        """Write whole clean records over ``(id, version)``; bump version and ``updated_at``."""
        if not updates:
            return
        names = [f.name for f in ent.fields if not f.immutable]
        stamp = _now()
        sql = (f"UPDATE {ent.table} SET {', '.join(f'{n} = ?' for n in names)}, "
               "version = version + 1, updated_at = ? WHERE id = ? AND version = ?")
        records = [record for _, _, record in updates]
        ids = [record_id for record_id, _, _ in updates]
        before = self.log.before_update(ent, ids)
        accounts = stored_accounts(self.db.conn, ent, ids)
        encoded = encoded_rows(ent, names, records)
        with self._constraints(ent, records, updates[0][0]):
            cursor = self.db.conn.executemany(sql, (
                [*values, stamp, record_id, version] for (record_id, version, _), values
                in zip(updates, encoded, strict=True)))
        if cursor.rowcount != len(updates):
            raise_conflict(self.db.conn, ent, updates, stamp)
        self.log.updated(ent, before, names,
                         [(record_id, values) for (record_id, _, _), values
                          in zip(updates, encoded, strict=True)])
        if moves_between_accounts(ent):
            accounts |= stored_accounts(self.db.conn, ent, ids)
        change_counter.bump(self.db.conn, accounts)

    @contextlib.contextmanager
    def _constraints(self, ent: Entity, records: list[dict],
                     first_id: int | None = None) -> Iterator[None]:
        """Turn a constraint validation could not see into a :class:`ValidationError`.

        SQLite does not say which row broke it: a batch of one names its
        record (``first_id`` for an update), a larger batch the entity.
        """
        try:
            yield
        except sqlite3.IntegrityError as exc:
            label = (record_label(ent, records[0], first_id) if len(records) == 1
                     else ent.name.replace("_", " "))
            raise ValidationError([Problem(label, None, str(exc))]) from exc

    # --- convenience -------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Number of records of each entity."""
        return {name: self.db.execute(f"SELECT count(*) FROM {ent.table}").fetchone()[0]
                for name, ent in ENTITIES.items()}

    def is_empty(self) -> bool:
        return not any(self.counts().values())

