"""What the review shows of the map's history: "since the last review" and the trend.

One function for the review page, the exported review and the opportunity
page, so they cannot disagree: :func:`living_review` gives the diff since the
last recorded review (None when there is none), the weekly trend points and
their chart, and the recorded reviews. The diff and the trend cost an analysis
each (the trend one a week), so they come from the report cache
(:func:`powermap.report_cache.since_review`, :func:`~powermap.report_cache.opportunity_trend`),
computed once per state of the data.
"""

from __future__ import annotations

import datetime as dt

from ..report_cache import ReportCache, opportunity_trend, since_review
from ..store import Store
from . import snapshots
from .asof import moment_stamp, parse_moment
from .chart import trend_chart

__all__ = ["living_review"]


def living_review(store: Store, opportunity_id: int, *, as_of=None,
                  today: dt.date | None = None, since: str | None = "review",
                  cache: ReportCache | None = None) -> dict:
    """``{"since", "trend", "chart", "reviews"}`` of an opportunity (as of a moment).

    ``since`` is what "since" compares with (:func:`.compare.since`): the last
    review by default. ``cache``: the report cache to use (the process's by default).
    """
    moment = parse_moment(as_of)
    found = since_review(store, opportunity_id, since or "review", today=today,
                         as_of=moment, cache=cache)
    points = opportunity_trend(store, opportunity_id,
                               today=today or (moment.date() if moment else None), cache=cache)
    reviews = snapshots.listing(store, opportunity_id)
    if moment is not None:
        reviews = [r for r in reviews if r["at"] <= moment_stamp(moment)]
    return {"since": found, "trend": points, "chart": trend_chart(points), "reviews": reviews}
