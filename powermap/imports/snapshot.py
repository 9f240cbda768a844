"""Prepare an import without the write lock, write it with the lock, lose no edit.

An import of hundreds of thousands of rows spends most of its time reading
the file, matching rows to stored people and validating them. Holding
SQLite's write lock all that time made web edits wait past their busy timeout.
:func:`prepare_then_write` runs the preparation in a read transaction (a
snapshot; other connections keep writing), then takes the write lock only to
write. Before writing it compares a change marker of the rows the import reads
(:func:`marker`) with the one taken with the snapshot: if an edit landed in
between, the preparation is done again on the new data, so the import never
writes values over a concurrent edit; after a few tries it refuses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from ..database import read_snapshot
from ..errors import PowermapError
from ..i18n import _
from ..store import Store

__all__ = ["prepare_then_write", "marker", "ChangedMeanwhile", "ATTEMPTS"]

#: How often the preparation is redone before the import gives up.
ATTEMPTS = 3

T = TypeVar("T")

_SUMMARY = "count(*), total(version), max(id), max(updated_at)"  # of a table's rows


class ChangedMeanwhile(PowermapError):
    """The records an import read kept changing while it was prepared."""


def marker(store: Store, accounts: Iterable[int], opportunity: int | None = None) -> tuple:
    """What changes whenever a stakeholder, relationship or buying-center entry of
    ``accounts`` (or of ``opportunity``), or any account, is created, edited or deleted.

    Per table: the number of rows, the sum of their versions (every edit adds one),
    the highest id and the latest ``updated_at`` (a row deleted and another inserted).
    """
    ids = sorted(set(accounts))
    found: list[tuple] = []
    found.append(store.db.execute(f"SELECT {_SUMMARY} FROM accounts").fetchone())
    for start in range(0, max(len(ids), 1), 900):
        chunk = ids[start:start + 900]
        places = ", ".join("?" for _ in chunk) or "NULL"
        for table in ("stakeholders", "relationships"):
            found.append(store.db.execute(
                f"SELECT {_SUMMARY} FROM {table} WHERE account_id IN ({places})",
                chunk).fetchone())
    if opportunity is not None:
        found.append(store.db.execute(
            f"SELECT {_SUMMARY} FROM buying_center WHERE opportunity_id = ?",
            [opportunity]).fetchone())
    return tuple(found)


def prepare_then_write(store: Store, prepare: Callable[[], T],
                       current_marker: Callable[[], tuple],
                       write: Callable[[T], None]) -> T:
    """``prepare()`` in a read snapshot, then ``write(prepared)`` holding the write lock.

    ``current_marker()`` is taken with the snapshot and again under the lock;
    if they differ, the preparation is redone (at most :data:`ATTEMPTS` times,
    then :class:`ChangedMeanwhile`). ``write`` runs in one transaction: all of
    it is kept or none.
    """
    for _attempt in range(ATTEMPTS):
        with read_snapshot(store.db.conn):
            prepared = prepare()
            seen = current_marker()
        with store.noting(kind="import"):
            if current_marker() == seen:
                write(prepared)
                return prepared
    raise ChangedMeanwhile(_("the account's stakeholders or relationships kept changing while "
                             "the file was prepared (%(attempts)s tries); nothing was imported, "
                             "import the file again", attempts=ATTEMPTS))
