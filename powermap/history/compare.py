"""Diffs people ask for: since the last review, since a date, between two reviews.

Glue between the store and the pure :func:`.diff.diff`: it finds the two
states (a recorded review's, the map as of a date, or now) and says what
each side is, for the review page, the API and ``powermap diff``.
"""

from __future__ import annotations

import datetime as dt

from ..errors import NotFoundError
from ..fields import whole_number
from ..i18n import _
from ..store import Store
from . import snapshots
from .asof import moment_stamp, parse_moment
from .diff import diff

__all__ = ["since", "baseline", "between_reviews", "NoReview"]


class NoReview(NotFoundError):
    """"Since the last review" was asked for an opportunity with no recorded review."""

    def __init__(self, opportunity_id: int):
        super().__init__("review", opportunity_id, _(
            "no review of this opportunity has been recorded yet; record one first"))


def since(store: Store, opportunity_id: int, since: str | dt.date | None = "review", *,
          today: dt.date | None = None, as_of=None) -> dict:
    """The diff from ``since`` to now.

    ``since`` is ``"review"`` (the last recorded review), ``"review:ID"`` (a
    recorded review) or a moment (:func:`.asof.parse_moment`: a date means its
    end). With ``as_of``, "now" is that moment and the last review is the last
    one recorded before it. Returns ``{"from": {...}, "to": {...}, "changes": diff}``; raises
    :class:`NoReview` when there is no review to compare with.
    """
    moment = parse_moment(as_of)
    now_state, _report = snapshots.current(store, opportunity_id, today=today, as_of=moment)
    old, _old_report, origin = baseline(store, opportunity_id, since, as_of=moment)
    end = {"kind": "date", "at": moment.isoformat()} if moment else {"kind": "now"}
    return {"from": origin, "to": end, "changes": diff(old, now_state)}


def baseline(store: Store, opportunity_id: int, since: str | dt.date | None = "review", *,
             as_of=None) -> tuple[dict, dict, dict]:
    """``(state, report, origin)`` of what ``since`` names (see :func:`since`).

    The side a diff starts from: a recorded review's state and report, or the map's
    as of a moment; ``origin`` says which (``{"kind": "review", "id", "name", "at"}``
    or ``{"kind": "date", "at"}``). Raises :class:`NoReview` when there is no review.
    """
    moment = parse_moment(as_of)
    wanted = "review" if since in (None, "") else since
    if isinstance(wanted, str) and wanted.startswith("review"):
        key = whole_number(wanted.partition(":")[2]) if ":" in wanted else None
        review = (snapshots.get(store, key) if key else snapshots.latest(
            store, opportunity_id, before=moment_stamp(moment) if moment else None))
        if review is None:
            raise NoReview(opportunity_id)
        if review["opportunity_id"] != opportunity_id:
            raise NotFoundError("review", key, _("no recorded review %(id)s", id=key))
        return review["state"], review["report"], {
            "kind": "review", "id": review["id"], "name": review["name"], "at": review["at"]}
    start = parse_moment(wanted)
    old, old_report = snapshots.current(store, opportunity_id, as_of=start)
    return old, old_report, {"kind": "date", "at": start.isoformat()}


def between_reviews(store: Store, first: int, second: int) -> dict:
    """The diff between two recorded reviews."""
    a, b = snapshots.get(store, first), snapshots.get(store, second)
    return {"from": {"kind": "review", "id": a["id"], "name": a["name"], "at": a["at"]},
            "to": {"kind": "review", "id": b["id"], "name": b["name"], "at": b["at"]},
            "changes": diff(a["state"], b["state"])}
