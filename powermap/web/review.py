"""The deal-review one-pager: printable, everything a bid committee asks for.

Health and forecast, risk flags, the ranking, the influence × attitude grid
(inline SVG drawn server-side), the competitor matrix and the open actions.
``static/app.css`` carries the print stylesheet.
"""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from .. import vocabulary as v
from .db import get_store
from .grid import grid_figure
from .reports import opportunity_analysis, parse_today

__all__ = ["bp"]

bp = Blueprint("review", __name__)


@bp.get("/opportunities/<int:opportunity_id>/review")
def review(opportunity_id: int):
    """The deal review of one opportunity (``?today=YYYY-MM-DD`` to date it)."""
    try:
        today = parse_today(request.args.get("today"))
    except ValueError as exc:
        abort(400, description=str(exc))
    store = get_store()
    record = store.get("opportunity", opportunity_id)
    account = store.get("account", record["account_id"])
    report = opportunity_analysis(store, opportunity_id, today=today)
    marks = ", ".join("?" for _ in v.OPEN_ACTION_STATUSES)
    actions = store.rows("action", f"opportunity_id = ? AND status IN ({marks})",
                         [opportunity_id, *v.OPEN_ACTION_STATUSES],
                         order_by="due_date IS NULL, due_date, id")
    people = {p["id"]: p for p in store.rows("stakeholder", "account_id = ?", [account["id"]])}
    team = {t["id"]: t for t in store.rows("team_member", "account_id = ?", [account["id"]])}
    return render_template("review.html", opportunity=record, account=account,
                           analysis=report, grid=grid_figure(report.get("grid") or {}),
                           actions=actions, people=people, team=team)
