"""The living map in the JSON API (``/api/v1``): history, diff, trend, reviews, revert.

* ``GET /accounts/<id>/history`` (``?person=``, ``?who=``, ``?since=``, ``?until=``)
  and ``GET /opportunities/<id>/history``: change sets, newest first;
* ``GET /opportunities/<id>/diff?since=review|YYYY-MM-DD``: what changed since;
* ``GET /opportunities/<id>/trend``: the weekly support-base points;
* ``GET /opportunities/<id>/reviews``, ``POST`` ``{"name"}``: recorded reviews;
* ``POST /changes/<id>/revert``: revert a change set (409 if a later edit is in
  the way, 403 if the reader may not).

:mod:`.history_openapi` describes them for the OpenAPI document.
"""

from __future__ import annotations

from flask import Blueprint, abort, jsonify, request

from ..fields import whole_number
from ..history import compare, snapshots, undo
from ..history.listing import history
from ..i18n import _
from ..report_cache import opportunity_trend, since_review
from .db import get_store
from .reports import parse_as_of

__all__ = ["bp"]

bp = Blueprint("history_api", __name__, url_prefix="/api/v1")


def _moment(name: str):
    try:
        return parse_as_of(request.args.get(name))
    except ValueError as exc:
        abort(400, description=str(exc))


def _history(account_id: int, opportunity_id: int | None):
    person = request.args.get("person", "")
    if person and whole_number(person) is None:
        abort(400, description=_("person must be a whole number"))
    return jsonify(history(get_store(), account_id, opportunity_id=opportunity_id,
                           person=whole_number(person) if person else None,
                           who=request.args.get("who") or None,
                           since=_moment("since"), until=_moment("until")))


@bp.get("/accounts/<int:account_id>/history")
def account_history(account_id: int):
    """The change sets of an account, newest first."""
    get_store().get("account", account_id)
    return _history(account_id, None)


@bp.get("/opportunities/<int:opportunity_id>/history")
def opportunity_history(opportunity_id: int):
    """The change sets of an opportunity (and its account's shared records)."""
    opportunity = get_store().get("opportunity", opportunity_id)
    return _history(opportunity["account_id"], opportunity_id)


@bp.get("/opportunities/<int:opportunity_id>/diff")
def diff(opportunity_id: int):
    """What changed since the last review (``?since=review``) or a date."""
    since = request.args.get("since") or "review"
    if since != "review":
        since = _moment("since")
    found = since_review(get_store(), opportunity_id, since)
    if found is None:
        raise compare.NoReview(opportunity_id)
    return jsonify(found)


@bp.get("/opportunities/<int:opportunity_id>/trend")
def trend_points(opportunity_id: int):
    """Weekly points of the support base, oldest first."""
    return jsonify(opportunity_trend(get_store(), opportunity_id))


@bp.get("/opportunities/<int:opportunity_id>/reviews")
def reviews(opportunity_id: int):
    """The recorded reviews, latest first."""
    store = get_store()
    store.get("opportunity", opportunity_id)
    return jsonify(snapshots.listing(store, opportunity_id))


@bp.post("/opportunities/<int:opportunity_id>/reviews")
def record_review(opportunity_id: int):
    """Record this review (body ``{"name": "..."}``)."""
    from .api import json_object

    body = json_object()
    name = body.get("name", "")
    if not isinstance(name, str):
        abort(400, description=_("name must be text"))
    store = get_store()
    store.get("opportunity", opportunity_id)
    return jsonify(snapshots.record(store, opportunity_id, name)), 201


@bp.post("/changes/<int:set_id>/revert")
def revert(set_id: int):
    """Revert a change set; answers the new (revert) change set's id."""
    store = get_store()
    try:
        new_id = undo.revert(store, set_id)
    except undo.NotAllowed as exc:
        return jsonify({"error": "forbidden", "message": str(exc)}), 403
    except undo.RevertConflict as exc:
        return jsonify({"error": "conflict", "message": str(exc)}), 409
    return jsonify({"id": new_id, "reverts": set_id}), 201
