"""Scores are verified when someone sets them: the stamp of who and when.

A buying-center entry's ``verified_at`` / ``verified_by`` say when its scores
(influence and attitude) were last checked and by whom; the risk flags call
scores older than 90 days stale. Setting a score is checking it — re-saving the
same attitude on the map means "still right" — so every single edit that sets
``influence`` or ``attitude`` stamps today and :func:`powermap.actor.current`,
unless the edit gives another stamp itself (a restore, a form where someone
typed the date). A form that merely sends the stamp back as it was still gets a
fresh one. :meth:`powermap.store.Store.update` applies it, so the map, the forms,
the API and the CLI stamp alike.
"""

from __future__ import annotations

import datetime as dt

from . import actor, clock

__all__ = ["SCORES", "stamped"]

#: The fields whose edit verifies a buying-center entry.
SCORES = ("influence", "attitude")


def stamped(entity_name: str, changes: dict, current: dict | None = None, *,
            today: dt.date | None = None) -> dict:
    """``changes`` plus the verification stamp when they set a score (a new dict).

    ``current`` is the record as stored: a stamp in ``changes`` equal to it is not
    a new one.

    >>> stamped("buying_center_entry", {"attitude": 1}, today=dt.date(2026, 11, 30)) == {
    ...     "attitude": 1, "verified_at": "2026-11-30", "verified_by": actor.current().login}
    True
    >>> stamped("buying_center_entry", {"roles": ["user"]})
    {'roles': ['user']}
    """
    current = current or {}
    given = any(k in changes and changes[k] not in (None, "") and changes[k] != current.get(k)
                for k in ("verified_at", "verified_by"))
    if entity_name != "buying_center_entry" or given or not any(k in changes for k in SCORES):
        return dict(changes)
    return {**changes, "verified_at": (today or clock.now().date()).isoformat(),
            "verified_by": actor.current().login}
