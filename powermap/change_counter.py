"""A number that changes with every write, so a cache can tell stale from fresh.

The store bumps it (:func:`bump`) inside the transaction of every write it
makes (create, update, delete, their batches) and :func:`current` reads it:
``(counter, stamp)``. ``counter`` counts writes; ``stamp`` is a new random
value at each write, so a database restored from a backup and written to again
cannot meet an old ``(counter, stamp)`` pair with different data behind it.
A rolled-back write rolls its bump back too, and another process's write is
seen at once, as it is read from the same table as the data.

SQLite's own ``PRAGMA data_version`` only tells one long-lived connection that
*another* connection committed; powermap opens a connection per request or
command, so the counter in a table is what connections share.

>>> import sqlite3
>>> from powermap.store import Store
>>> store = Store(":memory:")
>>> before = current(store.db.conn)
>>> _ = store.create("account", {"name": "Acme"})
>>> after = current(store.db.conn)
>>> after[0] == before[0] + 1 and after[1] != before[1]
True
"""

from __future__ import annotations

import sqlite3

__all__ = ["bump", "current"]


def bump(conn: sqlite3.Connection) -> None:
    """Count one write (call inside the write's transaction)."""
    conn.execute("UPDATE change_counter SET counter = counter + 1, "
                 "stamp = lower(hex(randomblob(8))) WHERE id = 1")


def current(conn: sqlite3.Connection) -> tuple[int, str] | None:
    """``(counter, stamp)`` now, or None for a database without the counter (not upgraded)."""
    try:
        row = conn.execute("SELECT counter, stamp FROM change_counter WHERE id = 1").fetchone()
    except sqlite3.OperationalError:
        return None
    return (row[0], row[1]) if row else None
