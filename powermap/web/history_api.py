"""The living map in the JSON API (``/api/v1``): history, diff, trend, reviews, revert.

* ``GET /accounts/<id>/history`` (``?person=``, ``?who=``, ``?since=``, ``?until=``)
  and ``GET /opportunities/<id>/history``: change sets, newest first;
* ``GET /opportunities/<id>/diff?since=review|YYYY-MM-DD``: what changed since;
* ``GET /opportunities/<id>/trend``: the weekly support-base points;
* ``GET /opportunities/<id>/reviews``, ``POST`` ``{"name"}``: recorded reviews;
* ``POST /changes/<id>/revert``: revert a change set (409 if a later edit is in
  the way, 403 if the reader may not).

:data:`OPERATIONS` describes them for the OpenAPI document.
"""

from __future__ import annotations

from flask import Blueprint, abort, jsonify, request

from ..fields import whole_number
from ..history import compare, snapshots, undo
from ..history.listing import history
from ..history.trend import trend
from ..i18n import _
from .db import get_store
from .reports import parse_as_of

__all__ = ["bp", "OPERATIONS"]

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
    return jsonify(compare.since(get_store(), opportunity_id, since))


@bp.get("/opportunities/<int:opportunity_id>/trend")
def trend_points(opportunity_id: int):
    """Weekly points of the support base, oldest first."""
    return jsonify(trend(get_store(), opportunity_id))


@bp.get("/opportunities/<int:opportunity_id>/reviews")
def reviews(opportunity_id: int):
    """The recorded reviews, latest first."""
    store = get_store()
    store.get("opportunity", opportunity_id)
    return jsonify(snapshots.listing(store, opportunity_id))


@bp.post("/opportunities/<int:opportunity_id>/reviews")
def record_review(opportunity_id: int):
    """Record this review (body ``{"name": "..."}``)."""
    from .api import _json_object

    body = _json_object()
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


_REF = "#/components/schemas/"
_ERROR = {"$ref": "#/components/responses/Error"}
_ID = {"type": "integer", "minimum": 0}
_DATE = {"type": "string", "format": "date",
         "pattern": "^(19[0-9]{2}|[2-8][0-9]{3}|9000)-[0-9]{2}-[0-9]{2}$"}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _path_id(name: str) -> dict:
    return {"name": name, "in": "path", "required": True, "schema": dict(_ID)}


def _query(name: str, schema: dict, description: str) -> dict:
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": {"anyOf": [schema, {"const": ""}]}}


_HISTORY_PARAMS = [
    _query("person", _ID, "Only changes about this stakeholder id."),
    _query("who", {"type": "string"}, "Only changes by this login."),
    _query("since", _DATE, "From this date (YYYY-MM-DD)."),
    _query("until", _DATE, "Up to the end of this date (YYYY-MM-DD)."),
]
_LIST = {"type": "array", "items": {"type": "object"}}

#: The operations of this blueprint, for :mod:`powermap.web.openapi`.
OPERATIONS: dict[str, dict[str, dict]] = {
    "history_api.account_history": {"get": {
        "operationId": "getAccountHistory", "tags": ["history"],
        "summary": "Change sets touching an account, newest first (docs/history.md).",
        "parameters": [_path_id("account_id"), *_HISTORY_PARAMS],
        "responses": {"200": _json(_LIST, "Change sets."), "400": _ERROR, "404": _ERROR}}},
    "history_api.opportunity_history": {"get": {
        "operationId": "getOpportunityHistory", "tags": ["history"],
        "summary": "Change sets of an opportunity and its account's shared records.",
        "parameters": [_path_id("opportunity_id"), *_HISTORY_PARAMS],
        "responses": {"200": _json(_LIST, "Change sets."), "400": _ERROR, "404": _ERROR}}},
    "history_api.diff": {"get": {
        "operationId": "getOpportunityDiff", "tags": ["history"],
        "summary": "What changed since the last recorded review or since a date.",
        "parameters": [_path_id("opportunity_id"),
                       _query("since", {"anyOf": [{"const": "review"}, _DATE]},
                              "review (default) or a date YYYY-MM-DD.")],
        "responses": {"200": _json({"type": "object", "required": ["from", "to", "changes"]},
                                   "from, to and changes (powermap.history.diff)."),
                      "400": _ERROR, "404": _ERROR}}},
    "history_api.trend_points": {"get": {
        "operationId": "getOpportunityTrend", "tags": ["history"],
        "summary": "Weekly support-base points (net support, forecast, counts), oldest first.",
        "parameters": [_path_id("opportunity_id")],
        "responses": {"200": _json(_LIST, "Points."), "404": _ERROR}}},
    "history_api.reviews": {"get": {
        "operationId": "listOpportunityReviews", "tags": ["history"],
        "summary": "Recorded reviews of an opportunity, latest first.",
        "parameters": [_path_id("opportunity_id")],
        "responses": {"200": _json(_LIST, "Reviews."), "404": _ERROR}}},
    "history_api.record_review": {"post": {
        "operationId": "recordOpportunityReview", "tags": ["history"],
        "summary": "Record this review: a named, dated snapshot of the report and the map.",
        "parameters": [_path_id("opportunity_id")],
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "type": "object", "properties": {"name": {"type": "string", "maxLength": 200}}}}}},
        "responses": {"201": _json({"type": "object"}, "The recorded review."),
                      "400": _ERROR, "404": _ERROR}}},
    "history_api.revert": {"post": {
        "operationId": "revertChange", "tags": ["history"],
        "summary": "Revert a change set; the revert is itself a change set.",
        "parameters": [_path_id("set_id")],
        "responses": {"201": _json({"type": "object"}, "The revert's change set id."),
                      "403": _ERROR, "404": _ERROR, "409": _ERROR}}},
}
