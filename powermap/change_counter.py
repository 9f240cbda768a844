"""Numbers that change with every write, per account, so a cache can tell stale from fresh.

Two kinds of counter, each a ``(counter, stamp)`` pair: one per account
(``account_change_counter``) and one for the data every account shares
(``change_counter``: competitors, portfolio weights, a migration's or another
program's writes). The store bumps them (:func:`bump`) inside the transaction of
every write it makes (create, update, delete, their batches): the counter of each
account the written records belong to (:mod:`powermap.record_accounts`), or the
shared one for a record of no account. A report of one opportunity is filed under
:func:`opportunity_state`, both pairs, so a write in account A moves A's reports
to a new key and leaves B's where they are, and a shared write moves them all.

``counter`` counts writes; ``stamp`` is a new random value at each write, so a
database restored from a backup and written to again cannot meet an old pair
with different data behind it. A rolled-back write rolls its bump back too, and
another process's write is seen at once, as it is read from the same tables as
the data. An account without a row has not been written since the table was
made; its first write makes the row (no foreign key: an account's row outlives
it, so a new account that takes a deleted one's id starts with a new stamp).

SQLite's own ``PRAGMA data_version`` only tells one long-lived connection that
*another* connection committed; powermap opens a connection per request or
command, so counters in tables are what connections share.

>>> from powermap.store import Store
>>> store = Store(":memory:")
>>> acme = store.create("account", {"name": "Acme"})["id"]
>>> deal = store.create("opportunity", {"account_id": acme, "name": "ERP"})["id"]
>>> before = opportunity_state(store.db.conn, deal)
>>> _ = store.update("account", acme, {"industry": "Steel"})
>>> after = opportunity_state(store.db.conn, deal)
>>> after[1:3] == before[1:3], after[3] == before[3] + 1, after[4] != before[4]
(True, True, True)
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

__all__ = ["bump", "current", "opportunity_state"]

_NEW_STAMP = "lower(hex(randomblob(8)))"


def bump(conn: sqlite3.Connection, accounts: Iterable[int | None] | None = None) -> None:
    """Count one write (call inside the write's transaction).

    ``accounts``: the ids of the accounts whose data it changed. None, an empty
    list or a None among them (a record of no account) bumps the shared counter,
    which every account's reports are keyed on.
    """
    touched = None if accounts is None else set(accounts)
    if not touched or None in touched:
        conn.execute(f"UPDATE change_counter SET counter = counter + 1, stamp = {_NEW_STAMP} "
                     "WHERE id = 1")
        return
    conn.executemany(
        f"INSERT INTO account_change_counter (account_id, counter, stamp) VALUES (?, 1, "
        f"{_NEW_STAMP}) ON CONFLICT (account_id) DO UPDATE SET counter = counter + 1, "
        "stamp = excluded.stamp", [(account,) for account in sorted(touched)])


def current(conn: sqlite3.Connection) -> tuple[int, str] | None:
    """The shared ``(counter, stamp)`` now, or None for a database without it (not upgraded)."""
    try:
        row = conn.execute("SELECT counter, stamp FROM change_counter WHERE id = 1").fetchone()
    except sqlite3.OperationalError:
        return None
    return (row[0], row[1]) if row else None


def opportunity_state(conn: sqlite3.Connection, opportunity_id: int) -> tuple | None:
    """``(account id, shared counter, shared stamp, account counter, account stamp)`` of
    an opportunity now (the account's pair is ``(0, "")`` before its first counted write,
    the account None for no such opportunity), or None for a database without counters."""
    try:
        row = conn.execute(
            "SELECT o.account_id, c.counter, c.stamp, coalesce(a.counter, 0), "
            "coalesce(a.stamp, '') FROM change_counter c "
            "LEFT JOIN opportunities o ON o.id = ? "
            "LEFT JOIN account_change_counter a ON a.account_id = o.account_id "
            "WHERE c.id = 1", [opportunity_id]).fetchone()
    except sqlite3.OperationalError:
        return None
    return tuple(row) if row else None
