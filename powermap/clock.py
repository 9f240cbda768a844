"""The time a write is stamped with: now, unless a block says otherwise.

Every ``created_at`` / ``updated_at`` and every change-log entry reads
:func:`stamp`. :func:`frozen_at` sets the time for the writes inside a block
(a :class:`contextvars.ContextVar`, so concurrent requests never see it): the
demo builds months of history with it, and tests write hand-made histories
on chosen dates. Nothing serving a request uses it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from contextvars import ContextVar

__all__ = ["now", "stamp", "frozen_at"]

_FROZEN: ContextVar[dt.datetime | None] = ContextVar("powermap_clock", default=None)


def now() -> dt.datetime:
    """The current time in UTC (or the time of the enclosing :func:`frozen_at`)."""
    return _FROZEN.get() or dt.datetime.now(dt.UTC)


def stamp() -> str:
    """:func:`now` as stored: ISO 8601 with microseconds and ``+00:00``."""
    return now().isoformat(timespec="microseconds")


@contextlib.contextmanager
def frozen_at(moment: dt.datetime) -> Iterator[dt.datetime]:
    """Stamp the writes inside the block at ``moment`` (naive means UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    token = _FROZEN.set(moment.astimezone(dt.UTC))
    try:
        yield moment
    finally:
        _FROZEN.reset(token)
