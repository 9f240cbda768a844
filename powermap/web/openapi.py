"""``GET /api/v1/openapi.json``: the API described as OpenAPI 3.1.

The CRUD paths and the component schemas come from
:data:`powermap.schema.ENTITIES` (types, enums, minimum/maximum, required
fields); the other operations are described in :data:`OPERATIONS`, keyed by
Flask endpoint, and placed at the URL the route table gives them. A route
under ``/api/v1`` that is in neither place is missing from the document,
which ``tests/web/test_web_openapi.py`` catches. The module is long (over 500
lines) because it is a declaration, one entry per operation; the history's and
the campaign's operations are declared beside their routes
(:mod:`.history_openapi`, :mod:`.campaign_openapi`).

The document stays English in every language: it is for the programmers who
write clients, and its enums and keys are the codes the API keeps anyway (only
an error's human ``message`` follows the reader's language).
"""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, Flask, current_app, jsonify

from .. import __version__
from ..fields import MAX_INTEGER, REFUSED_CHARACTERS, STRIPPED_CHARACTERS
from ..portfolio.indicators import DEFAULT_BY, INDICATORS, RANKABLE
from ..schema import ENTITIES, Entity, Field

__all__ = ["bp", "build_document", "OPERATIONS", "schema_name", "openapi_path", "text_pattern"]

bp = Blueprint("openapi", __name__, url_prefix="/api/v1")

_REF = "#/components/schemas/"
_ERROR = {"$ref": "#/components/responses/Error"}


@bp.get("/openapi.json")
def document():
    """The OpenAPI document of this app."""
    return jsonify(build_document(current_app))


def schema_name(ent: Entity) -> str:
    """``buying_center_entry`` → ``BuyingCenterEntry``."""
    return "".join(part.capitalize() for part in ent.name.split("_"))


def openapi_path(rule: str) -> str:
    """A Flask rule as an OpenAPI path: ``/x/<int:id>`` → ``/x/{id}``."""
    return re.sub(r"<(?:[a-z_]+:)?([a-z_]+)>", r"{\1}", rule)


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


#: An id or version as the server reads it (:func:`powermap.fields.whole_number`).
_WHOLE = {"type": "integer", "minimum": 0, "maximum": MAX_INTEGER}


#: An id or version in a query string: digits only (``2.0`` is an integer to JSON Schema,
#: but not to the server); 18 digits stay within SQLite's range.
_WHOLE_QUERY = {"type": "string", "pattern": "^[0-9]{1,18}$"}


def _or_empty(schema: dict) -> dict:
    """A query parameter's schema that also takes ``""``, which the server reads as not given."""
    return {"anyOf": [schema, {"const": ""}]}


def _id_param(name: str, description: str) -> dict:
    return {"name": name, "in": "path", "required": True, "description": description,
            "schema": dict(_WHOLE)}


_AS_OF = {"name": "as_of", "in": "query", "required": False,
          "description": "The map as it was at the end of this date (YYYY-MM-DD, UTC), "
                         "rebuilt from the change log; staleness is then measured at it.",
          "schema": _or_empty({"type": "string", "format": "date",
                               "pattern": "^(19[0-9]{2}|[2-8][0-9]{3}|9000)-[0-9]{2}-[0-9]{2}$"})}

_TODAY = {"name": "today", "in": "query", "required": False,
          "description": "Evaluate as of this date (YYYY-MM-DD, years 1900-9000); default today.",
          "schema": _or_empty({"type": "string", "format": "date",
                               "pattern": "^(19[0-9]{2}|[2-8][0-9]{3}|9000)-[0-9]{2}-[0-9]{2}$"})}

#: Operations other than CRUD, by Flask endpoint: {method: operation}.
OPERATIONS: dict[str, dict[str, dict]] = {
    "api.analysis": {"get": {
        "operationId": "getOpportunityAnalysis",
        "tags": ["analysis"],
        "summary": "Full analysis report of an opportunity (powermap.analysis.analyze).",
        "description": "Keys: opportunity, ranking, support, forecast, suggestions, "
                       "competition, risks {health, flags}, grid (see docs/analysis.md).",
        "parameters": [
            _id_param("opportunity_id", "Opportunity id."), _TODAY, _AS_OF,
            {"name": "top", "in": "query", "required": False,
             "description": "How many ranked people and suggestions to return.",
             "schema": _or_empty({"type": "string", "pattern": "^0*[1-9][0-9]{0,17}$",
                                  "default": "10"})},
        ],
        "responses": {"200": _json({"$ref": _REF + "Analysis"}, "The analysis report."),
                      "400": _ERROR, "404": _ERROR},
    }},
    "api.map_payload": {"get": {
        "operationId": "getOpportunityMap",
        "tags": ["analysis"],
        "summary": "Map payload of an opportunity (nodes, edges, positions, legend).",
        "parameters": [
            _id_param("opportunity_id", "Opportunity id."), _TODAY, _AS_OF,
            {"name": "layout", "in": "query", "required": False,
             "description": "Layout shown first (default: org chart if anyone reports to "
                            "anyone).",
             "schema": _or_empty({"type": "string", "enum": ["org", "network"]})},
            {"name": "since", "in": "query", "required": False,
             "description": "What the payload's changes compare with: the last recorded "
                            "review (default), review:ID, or the map at the end of a date "
                            "(YYYY-MM-DD). Without a review there are no changes.",
             "schema": _or_empty({"anyOf": [
                 {"const": "review"}, {"type": "string", "pattern": "^review:[0-9]{1,18}$"},
                 {"type": "string", "format": "date",
                  "pattern": "^(19[0-9]{2}|[2-8][0-9]{3}|9000)-[0-9]{2}-[0-9]{2}$"}]})},
        ],
        "responses": {"200": _json({"type": "object"}, "The map payload (powermap.mapview)."),
                      "400": _ERROR, "404": _ERROR},
    }},
    "api.plan": {"post": {
        "operationId": "planSuggestion",
        "tags": ["analysis"],
        "summary": "Plan one person's ally-expansion suggestion as an action.",
        "description": "The owner is the team member who starts the introduction path; the "
                       "due date follows from the activity and the bid date; planning the "
                       "same suggestion again updates the open action for that person and "
                       "activity (200) instead of creating another (201). See "
                       "docs/analysis.md.",
        "parameters": [_id_param("opportunity_id", "Opportunity id."), _TODAY],
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "type": "object", "required": ["stakeholder_id"],
            "properties": {"stakeholder_id": dict(_WHOLE)}}}}},
        "responses": {
            "201": _json({"$ref": _REF + "Plan"}, "The action, created."),
            "200": _json({"$ref": _REF + "Plan"}, "The open action, updated."),
            "400": _ERROR, "404": _ERROR,
            "409": _json({"$ref": _REF + "Conflict"}, "The action changed meanwhile."),
            "422": _json({"$ref": _REF + "ValidationProblems"},
                         "No suggestion for that person; nothing was written.")},
    }},
    "positions.keep": {"put": {
        "operationId": "keepMapPositions",
        "tags": ["analysis"],
        "summary": "Keep where people were dragged on the opportunity's network layout.",
        "parameters": [_id_param("opportunity_id", "Opportunity id.")],
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "type": "object", "required": ["positions"], "properties": {"positions": {
                "type": "array", "items": {
                    "type": "object", "required": ["stakeholder_id", "x", "y"],
                    "properties": {"stakeholder_id": dict(_WHOLE),
                                   "x": {"type": "number", "minimum": -1e6, "maximum": 1e6},
                                   "y": {"type": "number", "minimum": -1e6,
                                         "maximum": 1e6}}}}}}}}},
        "responses": {"200": _json({"type": "object", "properties": {
            "kept": {"type": "integer"}}}, "How many positions were kept."),
            "400": _ERROR, "404": _ERROR,
            "422": _json({"$ref": _REF + "ValidationProblems"},
                         "Refused; nothing was written.")},
    }},
    "positions.forget": {"delete": {
        "operationId": "forgetMapPositions",
        "tags": ["analysis"],
        "summary": "Forget the kept positions: the network layout is computed again.",
        "parameters": [_id_param("opportunity_id", "Opportunity id.")],
        "responses": {"200": _json({"type": "object", "properties": {
            "forgotten": {"type": "integer"}}}, "How many positions were forgotten."),
            "404": _ERROR},
    }},
    "portfolio_api.api_portfolio": {"get": {
        "operationId": "getPortfolio",
        "tags": ["portfolio"],
        "summary": "Every account classified: ranking, ABC, 20/80, score, suggested tier, "
                   "map strength, weak maps (see docs/portfolio.md).",
        "parameters": [
            {"name": "by", "in": "query", "required": False,
             "description": "Indicator of the ranking, ABC classes and 20/80 view.",
             "schema": _or_empty({"type": "string", "enum": list(RANKABLE),
                                  "default": DEFAULT_BY})},
            _TODAY,
        ],
        "responses": {"200": _json({"$ref": _REF + "Portfolio"}, "The portfolio report."),
                      "400": _ERROR},
    }},
    "portfolio_api.api_set_weights": {"put": {
        "operationId": "setPortfolioWeights",
        "tags": ["portfolio"],
        "summary": "Set some indicators' weights (0-100); the others keep theirs.",
        "requestBody": {"required": True, "content": {"application/json": {
            "schema": {"$ref": _REF + "PortfolioWeights"}}}},
        "responses": {"200": _json({"$ref": _REF + "PortfolioWeights"}, "Every weight now."),
                      "400": _ERROR, "422": _json({"$ref": _REF + "ValidationProblems"},
                                                   "Refused; nothing was written.")},
    }},
    "openapi.document": {"get": {
        "operationId": "getOpenAPI",
        "tags": ["meta"],
        "summary": "This document.",
        "responses": {"200": _json({"type": "object"}, "An OpenAPI 3.1 document.")},
    }},
}


def _area_operations() -> dict[str, dict[str, dict]]:
    """The operations declared beside their routes: the history's and the campaign's."""
    from .campaign_openapi import OPERATIONS as CAMPAIGN
    from .history_openapi import OPERATIONS as HISTORY

    return {**HISTORY, **CAMPAIGN}


def build_document(app: Flask) -> dict[str, Any]:
    """The OpenAPI 3.1 document of ``app``'s JSON API."""
    paths: dict[str, dict] = {}
    for ent in ENTITIES.values():
        paths.update(_entity_paths(ent))
    operations = {**OPERATIONS, **_area_operations()}
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint in operations:
            paths.setdefault(openapi_path(rule.rule), {}).update(operations[rule.endpoint])
    schemas: dict[str, Any] = {}
    for ent in ENTITIES.values():
        schemas.update(_entity_schemas(ent))
    schemas.update(_common_schemas())
    refusals = {"401": _ERROR, "403": _ERROR}  # no sign-in; not allowed (powermap.web.permissions)
    paths = {path: {method: {**operation, "responses": {**operation["responses"], **refusals}}
                    for method, operation in operations.items()}
             for path, operations in paths.items()}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "powermap API",
            "version": __version__,
            "description": "Stakeholder power maps for key-account teams. Writes take and "
                           "return JSON; PATCH/DELETE accept `version` (409 if stale). "
                           "DELETE of a record others depend on needs `?cascade=true` "
                           "(409 `has_dependents` with their counts otherwise). Once the "
                           "server has users, every request needs an API token "
                           "(`Authorization: Bearer pm_...`, made on the /tokens page or with "
                           "`powermap token add`); without users (local mode, this machine "
                           "only) none is needed. Records of accounts the token's user is not "
                           "on answer 404.",
        },
        "security": [{}, {"bearerAuth": []}],
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": schemas,
            "responses": {"Error": _json({"$ref": _REF + "Error"}, "An error.")},
            "securitySchemes": {"bearerAuth": {
                "type": "http", "scheme": "bearer",
                "description": "An API token of a user: read-only or read-write, revocable."}},
        },
    }


# --- CRUD paths ----------------------------------------------------------------


def _entity_paths(ent: Entity) -> dict[str, dict]:
    name, noun = schema_name(ent), ent.name.replace("_", " ")
    record = {"$ref": _REF + name}
    base = f"/api/v1/{ent.collection}"
    filters = [
        {"name": f.name, "in": "query", "required": False,
         "description": f"Equality filter (repeat for any of; empty = null"
                        f"{'; contains for lists' if f.kind == 'list' else ''}). {f.help}",
         "schema": _filter_schema(f)}
        for f in ent.fields
    ]
    record_id = _id_param("record_id", f"Id of the {noun}.")
    version_param = {"name": "version", "in": "query", "required": False,
                     "description": "Expected version; 409 if stale.",
                     "schema": _or_empty(dict(_WHOLE_QUERY))}
    tags = [ent.collection]
    return {
        base: {
            "get": {"operationId": f"list_{ent.name}", "tags": tags,
                    "summary": f"List {ent.collection.replace('-', ' ')}.",
                    "parameters": filters,
                    "responses": {"200": _json({"type": "array", "items": record},
                                               f"Matching {noun} records."),
                                  "400": _ERROR}},
            "post": {"operationId": f"create_{ent.name}", "tags": tags,
                     "summary": f"Create a {noun}. {ent.help}",
                     "requestBody": {"required": True, "content": {"application/json": {
                         "schema": {"$ref": _REF + name + "Input"}}}},
                     "responses": {"201": _json(record, f"The new {noun}."), "400": _ERROR,
                                   "422": _validation_response()}},
        },
        base + "/{record_id}": {
            "get": {"operationId": f"get_{ent.name}", "tags": tags, "summary": f"One {noun}.",
                    "parameters": [record_id],
                    "responses": {"200": _json(record, f"The {noun}."), "404": _ERROR}},
            "patch": {"operationId": f"update_{ent.name}", "tags": tags,
                      "summary": f"Change fields of a {noun}.",
                      "parameters": [record_id],
                      "requestBody": {"required": True, "content": {"application/json": {
                          "schema": {"$ref": _REF + name + "Patch"}}}},
                      "responses": {"200": _json(record, f"The changed {noun}."),
                                    "400": _ERROR, "404": _ERROR, "409": _conflict_response(),
                                    "422": _validation_response()}},
            "delete": _delete_operation(ent, tags, [record_id, version_param]),
        },
    }


#: What the DELETE of every record says about its dependents.
_DELETE_NOTE = (
    "Deleting a record also deletes the records that depend on it (a stakeholder's "
    "relationships, buying-center entries, coverage, actions...). A record with dependents is "
    "deleted only with `?cascade=true`; without it the answer is 409 `has_dependents`, whose "
    "`dependents` counts what would go, per record type (`{\"relationship\": 3}`), and "
    "nothing is deleted. A record without dependents needs no `cascade`.")
_TEAM_MEMBER_NOTE = (
    " A team member who owns open actions (planned or in progress) is deleted only with "
    "`?reassign_to=<id>` of another team member of the same account, who then owns them; "
    "without it the answer is 409 `owns_open_actions`. Its closed actions stay, without an "
    "owner; its coverage goes with it.")


def _delete_operation(ent: Entity, tags: list[str], parameters: list[dict]) -> dict:
    noun = ent.name.replace("_", " ")
    parameters = [*parameters, {
        "name": "cascade", "in": "query", "required": False,
        "description": "Also delete the records that depend on this one (see `dependents` of "
                       "the 409). May also be given in the body.",
        "schema": _or_empty({"type": "boolean", "default": False})}]
    description = _DELETE_NOTE
    refusals = [{"$ref": _REF + "Conflict"}, {"$ref": _REF + "HasDependents"}]
    if ent.name == "team_member":
        parameters.append({
            "name": "reassign_to", "in": "query", "required": False,
            "description": "Id of the team member who takes over this member's open actions.",
            "schema": _or_empty(dict(_WHOLE_QUERY))})
        description += _TEAM_MEMBER_NOTE
        refusals.append({"$ref": _REF + "OwnsOpenActions"})
    return {"operationId": f"delete_{ent.name}", "tags": tags,
            "summary": f"Delete a {noun} and what depends on it.",
            "description": description,
            "parameters": parameters,
            "responses": {"204": {"description": "Deleted."}, "400": _ERROR, "404": _ERROR,
                          "409": _json({"oneOf": refusals},
                                       "Stale version, or refused: nothing was deleted.")}}


def _validation_response() -> dict:
    return _json({"$ref": _REF + "ValidationProblems"}, "Refused; nothing was written.")


def _conflict_response() -> dict:
    return _json({"$ref": _REF + "Conflict"}, "Stale version; someone changed the record.")


# --- component schemas -----------------------------------------------------------

_TYPES = {"text": "string", "int": "integer", "real": "number", "date": "string",
          "bool": "boolean", "list": "array"}


def _escaped(characters: str) -> str:
    """A character class's content with every character outside printable ASCII as ``\\uXXXX``."""
    return "".join(c if " " < c < "\x7f" and c not in "\\]^" else f"\\u{ord(c):04x}"
                   for c in characters)


def text_pattern(limit: int) -> str:
    """What a text field takes, as a pattern: at most ``limit`` characters, none of those
    :mod:`powermap.fields` refuses, between any white space it strips from the ends.

    The server strips white space (U+001C-U+001F among it) before it counts and checks
    the characters, so ``maxLength`` on the whole string would say something else.
    """
    refused = REFUSED_CHARACTERS.replace("\ud800-\udfff", "")  # JSON cannot carry them
    return (f"^[{_escaped(STRIPPED_CHARACTERS)}]*[^{_escaped(refused)}]{{0,{limit}}}"
            f"[{_escaped(STRIPPED_CHARACTERS)}]*$")


def field_schema(f: Field, *, nullable: bool) -> dict:
    """JSON Schema of one field value (types, enum, minimum/maximum, length, format).

    Coded fields are described by their codes; the server also takes their labels
    (``决策``, ``Decision maker``), which the description mentions but no enum lists.
    """
    kind = _TYPES[f.kind]
    schema: dict[str, Any] = {"type": [kind, "null"] if nullable and f.kind != "list" else kind}
    if f.kind == "date":
        schema["format"] = "date"
    if f.kind == "list":
        schema["items"] = {"type": "string", "enum": list(f.choices)} if f.choices \
            else {"type": "string"}
        schema["uniqueItems"] = True
    elif f.choices:
        schema["enum"] = [*f.choices, None] if nullable else list(f.choices)
    if f.kind == "text" and not f.choices:
        schema["pattern"] = text_pattern(f.max_length or MAX_INTEGER)
    if f.minimum is not None:
        schema["minimum"] = f.minimum
    elif f.kind == "int":
        schema["minimum"] = -MAX_INTEGER
    if f.maximum is not None:
        schema["maximum"] = f.maximum
    elif f.kind == "int":
        schema["maximum"] = MAX_INTEGER
    if f.default is not None:
        schema["default"] = f.default
    description = str(f.help)
    if f.vocabulary:
        description += " Labels of the codes are accepted too."
    if f.ref:
        description += f" References {f.ref.replace('_', ' ')}."
        schema["x-references"] = f.ref
    if f.immutable:
        description += " Cannot be changed after creation."
    if f.kind == "text" and not f.choices:
        description += (f" At most {f.max_length} characters, not counting white space at "
                        "either end, which is removed.")
    if description:
        schema["description"] = description.strip()
    return schema


def _filter_schema(f: Field) -> dict:
    """A list filter's query value: one value of the field (an item, for a list), or ``""``."""
    value = field_schema(f, nullable=False)
    if f.kind == "list":
        value = value["items"]
    value = {key: item for key, item in value.items()
             if key not in ("default", "description", "x-references")}
    return _or_empty(value)


def _input_schema(f: Field, *, nullable: bool) -> dict:
    schema = field_schema(f, nullable=nullable)
    if f.kind == "list" and f.required:
        schema["minItems"] = 1
    if f.kind == "text" and not f.choices:
        # a number is taken as its text (an employee number, a phone number)
        schema["type"] = ["string", "number", "null"] if nullable else ["string", "number"]
    if f.ref and ENTITIES[f.ref].label_field:
        schema["type"] = ["integer", "string", "null"] if nullable else ["integer", "string"]
        schema["description"] += " Give the id, or the name."
    return schema


def _entity_schemas(ent: Entity) -> dict[str, dict]:
    name = schema_name(ent)
    record_props: dict[str, Any] = {
        "id": {"type": "integer", "readOnly": True},
        "version": {"type": "integer", "minimum": 1, "readOnly": True,
                    "description": "Incremented by every change."},
        "created_at": {"type": "string", "format": "date-time", "readOnly": True},
        "updated_at": {"type": "string", "format": "date-time", "readOnly": True},
    }
    for f in ent.fields:
        record_props[f.name] = field_schema(f, nullable=f.kind not in ("list", "bool"))
    patch_props = {f.name: _input_schema(f, nullable=not f.required) for f in ent.fields}
    patch_props["version"] = {**_WHOLE, "description": "Expected version; 409 if stale."}
    return {
        name: {"type": "object", "description": ent.help, "properties": record_props,
               "required": ["id", "version", "created_at", "updated_at",
                            *(f.name for f in ent.fields if f.required)]},
        name + "Input": {"type": "object", "additionalProperties": False,
                         "properties": {f.name: _input_schema(f, nullable=not f.required)
                                        for f in ent.fields},
                         "required": [f.name for f in ent.fields if f.required]},
        name + "Patch": {"type": "object", "additionalProperties": False,
                         "properties": patch_props},
    }


def _common_schemas() -> dict[str, dict]:
    return {
        "Error": {"type": "object", "required": ["error", "message"], "properties": {
            "error": {"type": "string", "examples": ["not_found", "bad_request"]},
            "message": {"type": "string"}}},
        "Problem": {"type": "object", "required": ["record", "field", "reason"], "properties": {
            "record": {"type": "string", "examples": ["new stakeholder"]},
            "field": {"type": ["string", "null"]},
            "reason": {"type": "string"}}},
        "ValidationProblems": {"type": "object", "required": ["error", "problems"],
                               "properties": {
                                   "error": {"const": "validation"},
                                   "problems": {"type": "array",
                                                "items": {"$ref": _REF + "Problem"}}}},
        "Conflict": {"type": "object", "required": ["error", "message", "version"],
                     "properties": {"error": {"const": "conflict"},
                                    "message": {"type": "string"},
                                    "version": {"type": "integer",
                                                "description": "The current version."}}},
        "HasDependents": {
            "type": "object", "required": ["error", "message", "dependents"],
            "properties": {
                "error": {"const": "has_dependents"},
                "message": {"type": "string"},
                "dependents": {"type": "object",
                               "description": "How many records of each type would go with "
                                              "it, keyed by record type (entity name).",
                               "propertyNames": {"enum": list(ENTITIES)},
                               "additionalProperties": {"type": "integer", "minimum": 1},
                               "examples": [{"relationship": 3, "buying_center_entry": 1}]}}},
        "OwnsOpenActions": {
            "type": "object", "required": ["error", "message", "open_actions"],
            "properties": {"error": {"const": "owns_open_actions"},
                           "message": {"type": "string"},
                           "open_actions": {"type": "integer", "minimum": 1}}},
        "Plan": {"type": "object", "required": ["action", "created"], "properties": {
            "action": {"$ref": _REF + "Action"},
            "created": {"type": "boolean",
                        "description": "false when the open action was updated"}}},
        "Portfolio": {"type": "object",
                      "required": ["today", "by", "weights", "accounts", "pareto",
                                   "weak_maps"],
                      "properties": {
                          "today": {"type": "string", "format": "date"},
                          "by": {"type": "string", "enum": list(RANKABLE)},
                          "weights": {"$ref": _REF + "PortfolioWeights"},
                          "accounts": {"type": "array", "items": {"type": "object"}},
                          "pareto": {"type": "object"},
                          "weak_maps": {"type": "array", "items": {"type": "object"}}}},
        "PortfolioWeights": {"type": "object", "additionalProperties": False, "properties": {
            code: {"type": "number", "minimum": 0, "maximum": 100} for code in INDICATORS}},
        "Analysis": {"type": "object",
                     "required": ["opportunity", "ranking", "support", "forecast",
                                  "suggestions", "competition", "risks", "grid"],
                     "properties": {
                         "opportunity": {"type": "object"},
                         "ranking": {"type": "array"},
                         "support": {"type": "object"},
                         "forecast": {"type": "object"},
                         "suggestions": {"type": "array"},
                         "schema_version": {"type": "integer"},
                         "competition": {"type": "object"},
                         "risks": {"type": "object", "properties": {
                             "health": {"type": "string"}, "flags": {"type": "array"}}},
                         "grid": {"type": "object"}}},
    }
