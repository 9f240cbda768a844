"""The deal-review page: printable, everything a bid committee asks for.

Health and forecast, risk flags, the ranking, the influence × attitude grid
(inline SVG drawn server-side), the competitor matrix and the open actions.
The sections are ``templates/_review.html`` with the context of
:func:`powermap.reviewview.review_context`, the same as the exported review
(:mod:`powermap.exports.deal_review`). ``static/app.css`` carries the
print stylesheet.
"""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from ..reviewview import review_context
from .db import get_store
from .reports import parse_today

__all__ = ["bp"]

bp = Blueprint("review", __name__)


@bp.get("/opportunities/<int:opportunity_id>/review")
def review(opportunity_id: int):
    """The deal review of one opportunity (``?today=YYYY-MM-DD`` to date it)."""
    from ..report_cache import graph_and_report  # numpy/scipy on first use

    try:
        today = parse_today(request.args.get("today"))
    except ValueError as exc:
        abort(400, description=str(exc))
    G, report = graph_and_report(get_store(), opportunity_id, today=today)
    return render_template("review.html", **review_context(G, report))
