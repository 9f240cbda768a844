"""The campaign of an opportunity in the JSON API and as a form post from its pages.

* ``GET /api/v1/opportunities/<id>/campaign`` (``?today=``, ``?until=``,
  ``?capacity=``; what-if, nothing saved: ``?leaves=<id>``, ``?flip=<id>:<attitude>``,
  ``?join=<name>:<role>:<attitude>``, each repeatable): the campaign document of
  :func:`powermap.analysis.campaign.plan_campaign` plus ``what_if`` (the changes
  as sentences).
* ``POST /api/v1/opportunities/<id>/campaign`` (``?today=``, ``?until=``,
  ``?capacity=``): creates or updates one action per step
  (:func:`powermap.planning.plan_campaign_actions`); ``{"actions", "created",
  "updated"}``.
* ``POST /opportunities/<id>/campaign`` (a form on the opportunity page): the same,
  then back to the page with a message.
"""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, flash, jsonify, redirect, request, url_for

from ..analysis.campaign_model import DEFAULT_CAPACITY
from ..i18n import _
from .db import get_store
from .reports import parse_today

__all__ = ["api", "bp"]

api = Blueprint("campaign_api", __name__, url_prefix="/api/v1")
bp = Blueprint("campaign", __name__)


def _options() -> tuple[dt.date, dt.date | None, int]:
    """``(today, until, capacity)`` from the query string, or a 400."""
    try:
        today = parse_today(request.args.get("today")) or dt.date.today()
        until = parse_today(request.args.get("until"))
    except ValueError as exc:
        abort(400, description=str(exc))
    text = request.args.get("capacity") or ""
    if not text:
        return today, until, DEFAULT_CAPACITY
    if not text.isdigit() or not 1 <= int(text) <= 20:
        abort(400, description=_("capacity must be a whole number from 1 to 20"))
    return today, until, int(text)


def _what_if() -> dict:
    """The what-if changes of the query string, or a 400 that says how to write them."""
    try:
        leaves = [int(n) for n in request.args.getlist("leaves") if n]
        flips = {}
        for text in filter(None, request.args.getlist("flip")):
            person, _sep, attitude = text.partition(":")
            flips[int(person)] = int(attitude)
    except ValueError:
        abort(400, description=_("write leaves=<id> and flip=<id>:<attitude>, for example "
                                 "flip=4:-1"))
    joins = []
    for text in filter(None, request.args.getlist("join")):
        name, role, attitude = (text.split(":") + ["", ""])[:3]
        if not name.strip() or (attitude and not attitude.lstrip("-").isdigit()):
            abort(400, description=_("write join=<name>:<role>:<attitude>, for example "
                                     "join=Wu Gang:evaluator:-1"))
        joins.append({"name": name.strip(), "role": role.strip() or "user",
                      "attitude": int(attitude) if attitude else None})
    return {"leaves": leaves, "flips": flips, "joins": joins}


@api.get("/opportunities/<int:opportunity_id>/campaign")
def campaign(opportunity_id: int):
    """The campaign until the bid, on the map as it is or as it would be."""
    from ..analysis.what_if import UnknownPerson, what_if_campaign
    from ..graph import build_graph

    today, until, capacity = _options()
    what = _what_if()
    G = build_graph(get_store(), opportunity_id)
    try:
        result = what_if_campaign(G, today=today, until=until, capacity=capacity, **what)
    except UnknownPerson as exc:
        abort(404, description=str(exc))
    except ValueError as exc:
        abort(400, description=str(exc))
    return jsonify(result)


@api.post("/opportunities/<int:opportunity_id>/campaign")
def plan_campaign_api(opportunity_id: int):
    """Create or update the campaign's actions."""
    from ..planning import plan_campaign_actions

    today, until, capacity = _options()
    written = plan_campaign_actions(get_store(), opportunity_id, today=today, until=until,
                                    capacity=capacity)
    created = sum(1 for _a, c in written if c)
    return jsonify({"actions": [a for a, _c in written], "created": created,
                    "updated": len(written) - created})


@bp.post("/opportunities/<int:opportunity_id>/campaign")
def plan_campaign_page(opportunity_id: int):
    """"Plan campaign" on the opportunity page: write the actions, say how many."""
    from ..planning import plan_campaign_actions

    written = plan_campaign_actions(get_store(), opportunity_id)
    created = sum(1 for _a, c in written if c)
    flash(_("Campaign planned: %(created)d actions created, %(updated)d updated.",
            created=created, updated=len(written) - created))
    return redirect(url_for("opportunities.opportunity", opportunity_id=opportunity_id), 303)
