"""Recorded reviews: a named, dated snapshot of an opportunity's report and map.

"Record this review" keeps what the review said (the full analysis report)
and the map it was said about (the :func:`.diff.state` of the graph), so a
later review can be compared with it even if the analysis itself changes.
Snapshots live in ``review_snapshots`` (deleted with their opportunity);
they are not map records, so the change log does not list them.
"""

from __future__ import annotations

import datetime as dt
import json

from .. import actor, clock
from ..errors import NotFoundError
from ..i18n import _, json_default
from ..store import Store
from .diff import state

__all__ = ["record", "listing", "get", "latest", "latest_id", "current"]


def current(store: Store, opportunity_id: int, *, as_of=None,
            today: dt.date | None = None) -> tuple[dict, dict]:
    """``(state, report)`` of an opportunity now (or as of a moment)."""
    from ..analysis import analyze
    from ..graph import build_graph
    from .asof import parse_moment

    moment = parse_moment(as_of)
    G = build_graph(store, opportunity_id, as_of=moment)
    report = analyze(G, today=today or (moment.date() if moment else clock.now().date()))
    return state(G, report), report


def record(store: Store, opportunity_id: int, name: str, *,
           today: dt.date | None = None) -> dict:
    """Record the review of an opportunity as it stands; return the snapshot (no state)."""
    snapshot_state, report = current(store, opportunity_id, today=today)
    name = " ".join(str(name).split())[:200] or clock.now().date().isoformat()
    with store.transaction():
        new_id = store.db.execute(
            "INSERT INTO review_snapshots (opportunity_id, name, at, recorded_by, state, report) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [opportunity_id, name, clock.stamp(), actor.current().login,
             json.dumps(snapshot_state, ensure_ascii=False, default=json_default),
             json.dumps(report, ensure_ascii=False, default=json_default)]).lastrowid
    return _summary(store.db.execute(
        "SELECT id, opportunity_id, name, at, recorded_by FROM review_snapshots WHERE id = ?",
        [new_id]).fetchone())


def _summary(row) -> dict:
    return {"id": row[0], "opportunity_id": row[1], "name": row[2], "at": row[3],
            "recorded_by": row[4]}


def listing(store: Store, opportunity_id: int) -> list[dict]:
    """The recorded reviews of an opportunity, latest first (without their contents)."""
    return [_summary(row) for row in store.db.execute(
        "SELECT id, opportunity_id, name, at, recorded_by FROM review_snapshots "
        "WHERE opportunity_id = ? ORDER BY at DESC, id DESC", [opportunity_id])]


def get(store: Store, snapshot_id: int) -> dict:
    """One recorded review with its ``state`` and ``report``; NotFoundError if none."""
    row = store.db.execute(
        "SELECT id, opportunity_id, name, at, recorded_by, state, report FROM review_snapshots "
        "WHERE id = ?", [snapshot_id]).fetchone()
    if row is None:
        raise NotFoundError("review", snapshot_id, _("no recorded review %(id)s",
                                                     id=snapshot_id))
    return {**_summary(row), "state": json.loads(row[5]), "report": json.loads(row[6])}


def latest(store: Store, opportunity_id: int, before: str | None = None) -> dict | None:
    """The last review recorded for an opportunity (before a stamp), with its contents."""
    found = latest_id(store, opportunity_id, before)
    return get(store, found) if found is not None else None


def latest_id(store: Store, opportunity_id: int, before: str | None = None) -> int | None:
    """The id of :func:`latest` without reading its contents (cheap: a cache key)."""
    sql = "SELECT id FROM review_snapshots WHERE opportunity_id = ?"
    params: list = [opportunity_id]
    if before:
        sql += " AND at < ?"
        params.append(before)
    row = store.db.execute(sql + " ORDER BY at DESC, id DESC LIMIT 1", params).fetchone()
    return row[0] if row else None
