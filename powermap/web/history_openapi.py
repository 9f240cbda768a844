"""The OpenAPI description of the history routes (:mod:`.history_api`).

Merged into the document by :mod:`.openapi`; English, like the rest of it.
"""

from __future__ import annotations

__all__ = ["OPERATIONS"]

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
        "description": "Like every API write, it carries a JSON body (an empty object will "
                       "do), so that no web page can send it as a plain form.",
        "parameters": [_path_id("set_id")],
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "type": "object"}}}},
        "responses": {"201": _json({"type": "object"}, "The revert's change set id."),
                      "400": _ERROR, "403": _ERROR, "404": _ERROR, "409": _ERROR}}},
}
