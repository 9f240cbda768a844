"""The opportunity page: the live power map, the buying center, what to do next."""

from __future__ import annotations

import hashlib

from flask import Blueprint, Response, abort, render_template, request, url_for

from ..history import snapshots
from ..resources import map_script, vis_network_css
from .api import PREFIX
from .db import get_store
from .reports import parse_as_of, parse_since

__all__ = ["bp", "buying_center"]

bp = Blueprint("opportunities", __name__)

def buying_center(store, opportunity_id: int) -> list[dict]:
    """Entries of the opportunity, each with its ``stakeholder`` record (None = placeholder)."""
    entries = store.rows("buying_center_entry", "opportunity_id = ?", [opportunity_id])
    ids = [e["stakeholder_id"] for e in entries if e["stakeholder_id"] is not None]
    people = {p["id"]: p for p in store.rows(
        "stakeholder", f"id IN ({', '.join('?' for _ in ids)})", ids)} if ids else {}
    rows = [{**e, "stakeholder": people.get(e["stakeholder_id"])} for e in entries]
    return sorted(rows, key=lambda e: (-(e["influence"] or 0),
                                       (e["stakeholder"] or {}).get("name") or ""))


@bp.get("/assets/vis-network.css")
def vis_network_stylesheet() -> Response:
    """vis-network's stylesheet, trimmed to what the map uses (see resources)."""
    response = Response(vis_network_css(), mimetype="text/css")
    response.cache_control.public = True
    response.cache_control.max_age = 3600
    return response


@bp.get("/assets/map.js")
def map_script_asset() -> Response:
    """The map's script files joined in their order (see resources.map_script).

    Revalidated on every use (ETag, 304 when unchanged), so a new version is never
    hidden behind a cached old one.
    """
    text = map_script()
    response = Response(text, mimetype="text/javascript")
    response.set_etag(hashlib.sha256(text.encode("utf-8")).hexdigest()[:32])
    response.cache_control.no_cache = True
    return response.make_conditional(request)


@bp.get("/opportunities/<int:opportunity_id>")
def opportunity(opportunity_id: int):
    """The map, the buying center, competitors and actions.

    Health, risk flags and suggestions live in the map's panels, which the map
    payload fills and refreshes after every edit; the page itself runs no
    analysis, so the analysis runs once per page view (for the payload).
    ``?as_of=YYYY-MM-DD`` draws the map as it was at the end of that day; ``?since=``
    (``review:ID`` or a date) is what the map marks as changed (default: the last review).
    """
    store = get_store()
    record = store.get("opportunity", opportunity_id)
    account = store.get("account", record["account_id"])
    try:
        as_of = parse_as_of(request.args.get("as_of"))
        parse_since(request.args.get("since"))
    except ValueError as exc:
        abort(400, description=str(exc))
    map_args = {"as_of": as_of.date().isoformat()} if as_of else {}
    if request.args.get("since"):  # what the map marks as changed: like the review page's
        map_args["since"] = request.args["since"]
    actions = store.rows("action", "opportunity_id = ?", [opportunity_id],
                         order_by="due_date IS NULL, due_date, id")
    people = {p["id"]: p for p in store.rows("stakeholder", "account_id = ?", [account["id"]])}
    team = {t["id"]: t for t in store.rows("team_member", "account_id = ?", [account["id"]])}
    in_play = store.rows("opportunity_competitor", "opportunity_id = ?", [opportunity_id])
    competitors = {c["id"]: c for c in store.rows("competitor")}
    return render_template(
        "opportunity.html", opportunity=record, account=account,
        entries=buying_center(store, opportunity_id), actions=actions, people=people,
        team=team, in_play=in_play, competitors=competitors,
        reviews=snapshots.listing(store, opportunity_id),
        api_base=request.script_root + PREFIX,
        map_url=url_for("api.map_payload", opportunity_id=opportunity_id, **map_args),
        as_of=as_of)
