"""The account a record belongs to, for the change log and the per-account change counter.

An account owns its opportunities, people, team and relationships (``account_id``);
entries, actions and competitors in play belong to their opportunity's account, coverage
and competitor positions to their stakeholder's (validation keeps a record's references
inside one account: :func:`powermap.rules.same_account`). Competitors are shared by every
account: they belong to none (None).

:func:`accounts_of` answers for records in hand (one account per record, as the change
log files them); :func:`stored_accounts` reads the accounts of stored records (a set, as
the change counter bumps them: before an update or a delete, after an insert).

>>> from powermap.schema import entity
>>> from powermap.store import Store
>>> store = Store(":memory:")
>>> acme = store.create("account", {"name": "Acme"})["id"]
>>> deal = store.create("opportunity", {"account_id": acme, "name": "ERP"})["id"]
>>> rival = store.create("competitor", {"name": "Rival"})["id"]
>>> in_play = store.create("opportunity_competitor", {"opportunity_id": deal,
...                                                   "competitor_id": rival})["id"]
>>> stored_accounts(store.db.conn, entity("opportunity_competitor"), [in_play]) == {acme}
True
>>> stored_accounts(store.db.conn, entity("competitor"), [rival])
{None}
"""

from __future__ import annotations

import sqlite3

from .schema import Entity

__all__ = ["accounts_of", "stored_accounts", "moves_between_accounts"]

#: Record types that find their account through a parent: (parent table, column).
PARENT = {
    "buying_center_entry": ("opportunities", "opportunity_id"),
    "opportunity_competitor": ("opportunities", "opportunity_id"),
    "action": ("opportunities", "opportunity_id"),
    "coverage": ("stakeholders", "stakeholder_id"),
    "competitor_position": ("stakeholders", "stakeholder_id"),
}

#: Ids per ``IN (...)`` list: below SQLite's oldest limit of bound values (999).
_CHUNK = 900


def _chunks(values: list) -> list[list]:
    return [values[k:k + _CHUNK] for k in range(0, len(values), _CHUNK)]


def _marks(values: list) -> str:
    return ", ".join("?" * len(values))


def accounts_of(conn: sqlite3.Connection, ent: Entity, ids: list[int],
                records: list[dict]) -> list[int | None]:
    """The account of each record (None for competitors, which every account shares).

    ``records`` hold the records' fields (as written or as stored); a parent is read
    from the database.
    """
    if ent.name == "account":
        return list(ids)
    if "account_id" in ent.field_names:
        return [r.get("account_id") for r in records]
    if ent.name not in PARENT:
        return [None] * len(records)
    table, column = PARENT[ent.name]
    parents = sorted({r.get(column) for r in records if r.get(column) is not None})
    found: dict[int, int] = {}
    for chunk in _chunks(parents):
        found.update(conn.execute(f"SELECT id, account_id FROM {table} WHERE id IN "
                                  f"({_marks(chunk)})", chunk).fetchall())
    return [found.get(r.get(column)) for r in records]


def stored_accounts(conn: sqlite3.Connection, ent: Entity, ids: list[int]) -> set[int | None]:
    """The accounts the stored records ``ids`` of ``ent`` belong to; ``{None}`` for
    competitors (shared by every account), an empty set for ids not stored."""
    if ent.name == "account":
        return set(ids)
    if "account_id" in ent.field_names:
        sql = f"SELECT DISTINCT account_id FROM {ent.table} WHERE id IN ({{marks}})"
    elif ent.name in PARENT:
        table, column = PARENT[ent.name]
        sql = (f"SELECT DISTINCT p.account_id FROM {ent.table} r JOIN {table} p "
               f"ON p.id = r.{column} WHERE r.id IN ({{marks}})")
    else:
        return {None}
    found: set[int | None] = set()
    for chunk in _chunks(sorted(set(ids))):
        found.update(row[0] for row in conn.execute(sql.format(marks=_marks(chunk)), chunk))
    return found


def moves_between_accounts(ent: Entity) -> bool:
    """Whether an update of ``ent`` can give a record another account (the field that
    leads to its account can change)."""
    if ent.name in PARENT:
        column = PARENT[ent.name][1]
    elif "account_id" in ent.field_names:
        column = "account_id"
    else:
        return False
    return not ent.field(column).immutable
