"""What the review shows of the map's history: "since the last review" and the trend.

One function for the review page, the exported review and the opportunity
page, so they cannot disagree: :func:`living_review` gives the diff since the
last recorded review (None when there is none), the weekly trend points and
their chart, and the recorded reviews.
"""

from __future__ import annotations

import datetime as dt

from ..store import Store
from . import compare, snapshots
from .asof import moment_stamp, parse_moment
from .chart import trend_chart
from .trend import trend

__all__ = ["living_review"]


def living_review(store: Store, opportunity_id: int, *, as_of=None,
                  today: dt.date | None = None, since: str | None = "review") -> dict:
    """``{"since", "trend", "chart", "reviews"}`` of an opportunity (as of a moment).

    ``since`` is what "since" compares with (:func:`.compare.since`): the last
    review by default.
    """
    moment = parse_moment(as_of)
    try:
        found = compare.since(store, opportunity_id, since or "review", today=today,
                              as_of=moment)
    except compare.NoReview:
        found = None
    points = trend(store, opportunity_id,
                   today=today or (moment.date() if moment else None))
    reviews = snapshots.listing(store, opportunity_id)
    if moment is not None:
        reviews = [r for r in reviews if r["at"] <= moment_stamp(moment)]
    return {"since": found, "trend": points, "chart": trend_chart(points), "reviews": reviews}
