"""Scores are verified when someone sets them: the stamp of who and when.

A buying-center entry's ``verified_at`` / ``verified_by`` say when its scores
(influence and attitude) were last checked and by whom; the risk flags call
scores older than 90 days stale. Setting a score is checking it — re-saving the
same attitude on the map means "still right" — so every single edit that sets
``influence`` or ``attitude`` stamps today and :func:`powermap.actor.current`,
unless the edit sets the stamp itself (a restore, an import with its own
column). :meth:`powermap.store.Store.update` applies it, so the map, the forms,
the API and the CLI stamp alike.
"""

from __future__ import annotations

import datetime as dt

from . import actor

__all__ = ["SCORES", "stamped"]

#: The fields whose edit verifies a buying-center entry.
SCORES = ("influence", "attitude")


def stamped(entity_name: str, changes: dict, *, today: dt.date | None = None) -> dict:
    """``changes`` plus the verification stamp when they set a score (a new dict).

    >>> stamped("buying_center_entry", {"attitude": 1}, today=dt.date(2026, 11, 30)) == {
    ...     "attitude": 1, "verified_at": "2026-11-30", "verified_by": actor.current().login}
    True
    >>> stamped("buying_center_entry", {"roles": ["user"]})
    {'roles': ['user']}
    """
    if entity_name != "buying_center_entry" or not any(k in changes for k in SCORES) \
            or "verified_at" in changes or "verified_by" in changes:
        return dict(changes)
    return {**changes, "verified_at": (today or dt.date.today()).isoformat(),
            "verified_by": actor.current().login}
