"""The deal-review page: printable, everything a bid committee asks for.

Health and forecast, risk flags, the ranking, the influence × attitude grid
(inline SVG drawn server-side), the competitor matrix and the open actions.
The sections are ``templates/_review.html`` with the context of
:func:`powermap.reviewview.review_context`, the same as the exported review
(:mod:`powermap.exports.deal_review`). ``static/app.css`` carries the
print stylesheet.
"""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, render_template, request

from ..reviewview import review_context
from .db import get_store
from .reports import parse_today

__all__ = ["bp"]

bp = Blueprint("review", __name__)


@bp.get("/opportunities/<int:opportunity_id>/review")
def review(opportunity_id: int):
    """The deal review of one opportunity (``?today=YYYY-MM-DD`` to date it).

    ``?as_of=`` shows the review of the map as it was then; ``?since=`` what
    "Since the last review" compares with (``review``, ``review:ID`` or a date).
    The present's graph and report come from the report cache.
    """
    from ..history.asof import parse_moment  # numpy/scipy on first use: app creation
    from ..history.review import living_review  # stays quick

    try:
        today = parse_today(request.args.get("today"))
        moment = parse_moment(request.args.get("as_of"))
        since = request.args.get("since") or "review"
        if not since.startswith("review"):
            parse_moment(since)
    except ValueError as exc:
        abort(400, description=str(exc))
    store = get_store()
    today = today or (moment.date() if moment else None)
    if moment is None:
        from ..report_cache import graph_and_report

        G, report = graph_and_report(store, opportunity_id, today=today)
    else:
        from ..analysis import analyze
        from ..graph import build_graph

        G = build_graph(store, opportunity_id, as_of=moment)
        report = analyze(G, today=today)
    living = living_review(store, opportunity_id, as_of=moment, today=today, since=since)
    from ..analysis.campaign import plan_campaign

    campaign = plan_campaign(G, today=today or dt.date.today())
    return render_template("review.html", **review_context(G, report), living=living,
                           campaign=campaign)
