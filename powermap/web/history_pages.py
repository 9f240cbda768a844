"""The living map's pages: history lists, recording a review, the trend chart, undo.

* ``/accounts/<id>/history`` and ``/opportunities/<id>/history``: the change
  log, filtered by person, by who and by dates, with a revert button on each
  change the reader may revert;
* ``POST /changes/<id>/revert`` and ``POST /opportunities/<id>/undo`` (the
  reader's own last change in the account): a revert is itself a change;
* ``POST /opportunities/<id>/reviews``: "Record this review";
* ``/opportunities/<id>/trend.svg``: the support-base trend, drawn by the same
  template as the review's (the opportunity page shows it as an image, so the
  page itself stays quick), its points from the report cache.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for

from ..errors import NotFoundError
from ..fields import whole_number
from ..history import snapshots, undo
from ..history.asof import BadMoment
from ..history.chart import trend_chart
from ..history.listing import history
from ..i18n import _
from ..report_cache import opportunity_trend
from .db import get_store
from .records import safe_next

__all__ = ["bp"]

bp = Blueprint("history", __name__)


def _filters() -> dict:
    person = request.args.get("person", "")
    if person and whole_number(person) is None:
        abort(400, description=_("person must be a whole number"))
    return {"person": whole_number(person) if person else None,
            "who": request.args.get("who") or None,
            "since": request.args.get("since") or None,
            "until": request.args.get("until") or None}


def _page(account: dict, opportunity: dict | None):
    store = get_store()
    filters = _filters()
    try:
        sets = history(store, account["id"],
                       opportunity_id=opportunity["id"] if opportunity else None, **filters)
    except BadMoment as exc:
        abort(400, description=str(exc))
    people = store.rows("stakeholder", "account_id = ?", [account["id"]], order_by="name")
    actors = [r[0] for r in store.db.execute(
        "SELECT DISTINCT s.actor FROM change_sets s JOIN changes c ON c.set_id = s.id "
        "WHERE c.account_id = ? ORDER BY s.actor", [account["id"]])]
    return render_template("history.html", account=account, opportunity=opportunity,
                           sets=sets, people=people, actors=actors, filters=filters)


@bp.get("/accounts/<int:account_id>/history")
def account_history(account_id: int):
    """Every change to an account's records, newest first."""
    return _page(get_store().get("account", account_id), None)


@bp.get("/opportunities/<int:opportunity_id>/history")
def opportunity_history(opportunity_id: int):
    """The changes to an opportunity and to the account records it shares."""
    store = get_store()
    opportunity = store.get("opportunity", opportunity_id)
    return _page(store.get("account", opportunity["account_id"]), opportunity)


@bp.post("/changes/<int:set_id>/revert")
def revert(set_id: int):
    """Revert one change set (refused with a message if a later edit is in the way)."""
    store = get_store()
    try:
        undo.revert(store, set_id)
    except (undo.RevertConflict, undo.NotAllowed) as exc:
        flash(str(exc), "error")
    else:
        flash(_("The change was reverted."))
    return redirect(safe_next() or url_for("accounts.index"), 303)


@bp.post("/opportunities/<int:opportunity_id>/undo")
def undo_last(opportunity_id: int):
    """Revert the reader's own last change to the opportunity's account."""
    store = get_store()
    opportunity = store.get("opportunity", opportunity_id)
    back = safe_next() or url_for("opportunities.opportunity", opportunity_id=opportunity_id)
    last = undo.last_own_set(store, account_id=opportunity["account_id"])
    if last is None:
        flash(_("You have no change here to undo."), "error")
        return redirect(back, 303)
    try:
        undo.revert(store, last)
    except (undo.RevertConflict, undo.NotAllowed) as exc:
        flash(str(exc), "error")
    else:
        flash(_("Your last change was undone."))
    return redirect(back, 303)


@bp.post("/opportunities/<int:opportunity_id>/reviews")
def record_review(opportunity_id: int):
    """Record this review: a named, dated snapshot of the report and the map."""
    store = get_store()
    store.get("opportunity", opportunity_id)
    snapshot = snapshots.record(store, opportunity_id, request.form.get("name", ""))
    flash(_("Review recorded: %(name)s.", name=snapshot["name"]))
    return redirect(safe_next() or url_for("opportunities.opportunity",
                                           opportunity_id=opportunity_id), 303)


@bp.get("/opportunities/<int:opportunity_id>/trend.svg")
def trend_svg(opportunity_id: int) -> Response:
    """The support-base trend of an opportunity as an SVG image."""
    store = get_store()
    try:
        points = opportunity_trend(store, opportunity_id)
    except NotFoundError:
        abort(404)
    svg = render_template("_trend.svg.html", chart=trend_chart(points))
    return Response(svg, mimetype="image/svg+xml")
