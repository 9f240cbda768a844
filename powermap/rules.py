"""Rules that span records: what a write must agree with, stored or in its batch.

Each rule takes the store (read only), a :class:`Batch` of clean records of
one entity and ``problem(i, field, reason)`` to report record ``i``. A rule
sees the whole batch and the stored records it could clash with, so two rows
of one file with the same e-mail are caught like a row that repeats a stored
one; a single write is a batch of one. The relationship rules are in
:mod:`powermap.relationship_rules`; :mod:`powermap.validation` runs them all.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterator
from typing import Protocol

from sqlite_utils import Database

from .errors import quote
from .fields import record_label
from .i18n import _
from .schema import ENTITIES, Entity

__all__ = ["RecordReader", "Batch", "Labels", "Report", "Rule", "CHUNK", "unique_together",
           "unique_name", "stakeholder_emails", "buying_center_entries", "same_account",
           "other_account"]

#: Values bound per query: below SQLite's limit on bound parameters.
CHUNK = 900
#: Up to this many keys are looked up one by one rather than by a wide scan.
_FEW = 100

#: ``problem(i, field, reason)``: record ``i`` of the batch has a problem.
Report = Callable[[int, "str | None", str], None]


class RecordReader(Protocol):
    """What the rules read: the database and records by id (a :class:`powermap.store.Store`)."""

    db: Database

    def get(self, entity_name: str, record_id: int) -> dict: ...


class Batch:
    """What the rules see: clean records, the records they refer to, what they update.

    ``records[i]`` is None for a record that failed its field or reference
    checks; ``live`` lists the others, the ones the rules check.
    """

    def __init__(self, entity: Entity, records: list[dict | None], refs: list[dict[str, dict]],
                 currents: list[dict | None], labels: Labels):
        self.entity, self.records, self.refs = entity, records, refs
        self.currents, self.labels = currents, labels
        self.live = [i for i, r in enumerate(records) if r is not None]

    def own_id(self, i: int) -> int | None:
        """The id of the stored record that record ``i`` updates (None for a create)."""
        current = self.currents[i]
        return current["id"] if current is not None else None

    def updating(self) -> set[int]:
        """Ids of the stored records this batch rewrites (their old values do not count)."""
        return {c["id"] for i in self.live if (c := self.currents[i]) is not None}


class Labels:
    """``labels[i]`` names record ``i`` for messages, computed only when needed."""

    def __init__(self, entity: Entity, changes: list[dict], currents: list[dict | None]):
        self.entity, self.changes, self.currents = entity, changes, currents

    def __getitem__(self, i: int) -> str:
        current = self.currents[i]
        return record_label(self.entity, {**(current or {}), **self.changes[i]},
                            current["id"] if current else None)


Rule = Callable[[RecordReader, Batch, Report], None]


# --- unique values -------------------------------------------------------------


def unique_together(store: RecordReader, batch: Batch, problem: Report) -> None:
    """No two records share the values of one of the entity's ``unique_together``."""
    entity = batch.entity
    for fields in entity.unique_together:
        keys: dict[tuple, int] = {}
        for i in batch.live:
            record = batch.records[i]
            if any(record.get(name) is None for name in fields):
                continue
            key = tuple(record[name] for name in fields)
            if key in keys:
                problem(i, fields[-1], _duplicate_reason(fields, batch.labels[keys[key]]))
            else:
                keys[key] = i
        if not keys:
            continue
        own = {batch.own_id(i) for i in keys.values()}
        for row_id, key in _stored_keys(store, entity.table, fields, list(keys)):
            i = keys.get(key)
            if i is not None and row_id not in own:
                problem(i, fields[-1], _duplicate_reason(fields))


def _duplicate_reason(fields: tuple[str, ...], other: str | None = None) -> str:
    """Why a record repeats ``fields`` of a stored record or of ``other`` in its batch."""
    if len(fields) == 1:
        if other is None:
            return _("already exists")
        return _("already exists (also given for %(other)s)", other=other)
    owner = fields[0].removesuffix("_id")
    owner = str(ENTITIES[owner].label) if owner in ENTITIES else owner.replace("_", " ")
    if other is None:
        return _("already exists for this %(owner)s", owner=owner)
    return _("already exists for this %(owner)s (also given for %(other)s)", owner=owner,
             other=other)


def _stored_keys(store: RecordReader, table: str, fields: tuple[str, ...],
                 keys: list[tuple]) -> Iterator[tuple[int, tuple]]:
    """``(id, values)`` of stored rows that may hold one of ``keys`` in ``fields``.

    A few keys are looked up exactly (through the table's unique index); many
    by their first field, a chunk at a time.
    """
    columns = ", ".join(fields)
    if len(keys) <= _FEW:
        match = " OR ".join("(" + " AND ".join(f"{name} = ?" for name in fields) + ")"
                            for _key in keys)
        rows = store.db.execute(f"SELECT id, {columns} FROM {table} WHERE {match}",
                                [value for key in keys for value in key]).fetchall()
        yield from ((row[0], tuple(row[1:])) for row in rows)
        return
    first = sorted({key[0] for key in keys})
    for start in range(0, len(first), CHUNK):
        chunk = first[start:start + CHUNK]
        rows = store.db.execute(
            f"SELECT id, {columns} FROM {table} "
            f"WHERE {fields[0]} IN ({', '.join('?' * len(chunk))})", chunk).fetchall()
        yield from ((row[0], tuple(row[1:])) for row in rows)


def unique_name(table: str) -> Rule:
    """Rule: names (of accounts, competitors) are unique whatever their case."""
    def rule(store: RecordReader, batch: Batch, problem: Report) -> None:
        named = [(i, name, name.translate(_ASCII_LOWER))  # what SQLite's lower() does
                 for i in batch.live if (name := batch.records[i].get("name"))]
        keys = sorted({item[2] for item in named})
        taken: dict[str, list[int]] = {}
        for start in range(0, len(keys), CHUNK):
            chunk = keys[start:start + CHUNK]
            for row_id, key in store.db.execute(
                    f"SELECT id, lower(name) FROM {table} "
                    f"WHERE lower(name) IN ({', '.join('?' * len(chunk))})", chunk):
                taken.setdefault(key, []).append(row_id)
        seen: dict[str, int] = {}
        for i, name, key in named:
            others = [row_id for row_id in taken.get(key, ()) if row_id != batch.own_id(i)]
            if others:
                problem(i, "name", _("%(name)s is already taken by #%(id)s", name=quote(name),
                                     id=others[0]))
            elif key in seen:
                problem(i, "name", _("%(name)s is also given for %(other)s", name=quote(name),
                                     other=batch.labels[seen[key]]))
            else:
                seen[key] = i
    return rule


_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


# --- stakeholders and buying centers -----------------------------------------------


def stakeholder_emails(store: RecordReader, batch: Batch, problem: Report) -> None:
    """E-mails: well formed, and unique within each account across stored and batch rows."""
    records = batch.records
    accounts: set[int] = set()
    checked: list[int] = []
    for i in batch.live:
        record = records[i]
        if record.get("email"):
            email = record["email"] = record["email"].strip().lower()
            reason = _email_reason(email)
            if reason:
                problem(i, "email", reason)
                continue
            accounts.add(record["account_id"])
            checked.append(i)
    updating = batch.updating()
    taken: dict[tuple[int, str], tuple[int, str]] = {}
    for account_id in sorted(accounts):
        emails = ({records[i]["email"] for i in checked if records[i]["account_id"] == account_id}
                  if len(checked) <= CHUNK else None)
        for sid, name, email in _stored_emails(store, account_id, emails):
            if sid not in updating:
                taken[(account_id, email)] = (sid, name)
    seen: dict[tuple[int, str], int] = {}
    for i in checked:
        record = records[i]
        email = record["email"]
        key = (record["account_id"], email)
        if key in taken:
            sid, name = taken[key]
            problem(i, "email", _("%(email)s is already used by stakeholder #%(id)s %(name)s "
                                  "in this account", email=quote(email), id=sid,
                                  name=quote(name)))
        elif key in seen:
            problem(i, "email", _("%(email)s is also given for %(other)s in this account",
                                  email=quote(email), other=batch.labels[seen[key]]))
        else:
            seen[key] = i


def _stored_emails(store: RecordReader, account_id: int, emails: set[str] | None
                   ) -> list[tuple]:
    """``(id, name, lower(email))`` of the account's people who may hold one of ``emails``.

    A few e-mails are looked for; for many (``None``), the account is read whole.
    """
    sql = ("SELECT id, name, lower(email) FROM stakeholders WHERE account_id = ? "
           "AND email IS NOT NULL AND email != ''")
    if emails is None:
        return store.db.execute(sql, [account_id]).fetchall()
    return store.db.execute(sql + f" AND lower(email) IN ({', '.join('?' * len(emails))})",
                            [account_id, *sorted(emails)]).fetchall()


def _email_reason(email: str) -> str | None:
    if "@" not in email or email.startswith("@") or email.endswith("@") or " " in email:
        return _("%(email)s is not an e-mail address", email=quote(email))
    return None


def buying_center_entries(store: RecordReader, batch: Batch, problem: Report) -> None:
    """A person (or a placeholder) of the opportunity's account, in at least one role."""
    for i in batch.live:
        record, refs = batch.records[i], batch.refs[i]
        stakeholder = refs.get("stakeholder_id")
        if stakeholder is None and not record.get("placeholder"):
            problem(i, "stakeholder_id", _("is required (or give a placeholder label for a "
                                           "role nobody fills yet)"))
        if stakeholder is not None:
            opportunity = refs["opportunity_id"]
            if stakeholder["account_id"] != opportunity["account_id"]:
                problem(i, "stakeholder_id", _("stakeholder %(name)s belongs to another account "
                                               "than the opportunity",
                                               name=quote(stakeholder["name"])))
        if not record.get("roles"):
            problem(i, "roles", _("name at least one role"))


def same_account(*pairs: tuple[str, str]) -> Rule:
    """Rule: the referenced records of each field pair belong to one account."""
    def rule(store: RecordReader, batch: Batch, problem: Report) -> None:
        for i in batch.live:
            refs = batch.refs[i]
            for a, b in pairs:
                if a in refs and b in refs and refs[a]["account_id"] != refs[b]["account_id"]:
                    problem(i, b, other_account(_name(refs[b]), _name(refs[a])))
    return rule


def other_account(other: str, one: str) -> str:
    """Why record ``other`` cannot go with ``one``: they belong to different accounts."""
    return _("%(other)s belongs to another account than %(one)s", other=other, one=one)


def _name(row: dict) -> str:
    return quote(row["name"]) if row.get("name") else f"#{row['id']}"
