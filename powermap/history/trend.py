"""The support base over time: weekly points of an opportunity's figures, from the log.

One point per week (the end of each week's last day, UTC, up to now), from
the week of the account's first logged change, at most :data:`MAX_WEEKS`
back: net support, supporters / opponents / unknowns, allies, strong
coverage, the deal forecast and open high flags (:func:`.diff.figures`),
each computed by the full analysis of the map as of that moment. One copy
of the account is stepped back through the weeks (:func:`.asof.past_stores`).
"""

from __future__ import annotations

import datetime as dt

from .. import clock
from ..errors import NotFoundError
from ..store import Store
from .asof import parse_moment, past_stores
from .diff import figures

__all__ = ["trend", "MAX_WEEKS"]

#: The furthest back the trend goes, in weeks.
MAX_WEEKS = 26


def trend(store: Store, opportunity_id: int, *, today: dt.date | None = None,
          weeks: int = MAX_WEEKS) -> list[dict]:
    """``[{"date": "YYYY-MM-DD", **figures}]``, oldest first, the last point being today."""
    from ..analysis import analyze
    from ..graph import build_graph

    today = today or clock.now().date()
    account_id = store.get("opportunity", opportunity_id)["account_id"]
    first = store.db.execute(
        "SELECT min(s.at) FROM change_sets s JOIN changes c ON c.set_id = s.id "
        "WHERE c.account_id = ?", [account_id]).fetchone()[0]
    start = dt.date.fromisoformat(first[:10]) if first else today
    days = [today - dt.timedelta(weeks=k) for k in range(weeks)]
    days = [d for d in days if d >= start - dt.timedelta(days=6)]
    moments = {d: parse_moment(d) for d in days}
    points = []
    for day, past in zip(sorted(days, reverse=True),
                         past_stores(store, account_id, list(moments.values())), strict=True):
        try:
            G = build_graph(past, opportunity_id)
        except NotFoundError:  # the opportunity did not exist yet
            break
        points.append({"date": day.isoformat(), **figures(G, analyze(G, today=day))})
    return points[::-1]
