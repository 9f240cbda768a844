"""The OpenAPI description of the campaign routes (:mod:`.campaign`).

Merged into the document by :mod:`.openapi` (whose shared pieces it uses);
English, like the rest of it.
"""

from __future__ import annotations

from ..vocabulary import ROLES
from .openapi import _ERROR, _REF, _TODAY, _WHOLE_QUERY, _id_param, _json, _or_empty

__all__ = ["OPERATIONS"]

#: A what-if newcomer: ``name:role:attitude`` (role and attitude optional).
_JOIN = ("^[^:\\s]+( [^:\\s]+)*(:(" + "|".join(ROLES) + ")?(:-?[0-2])?)?$")
_CAMPAIGN_PARAMS = [
    {"name": "until", "in": "query", "required": False,
     "description": "Plan until this date (YYYY-MM-DD); default the bid date, or 12 weeks.",
     "schema": _or_empty({"type": "string", "format": "date",
                          "pattern": "^(19[0-9]{2}|[2-8][0-9]{3}|9000)-[0-9]{2}-[0-9]{2}$"})},
    {"name": "capacity", "in": "query", "required": False,
     "description": "Activities each team member can run per week (1-20, default 2).",
     "schema": _or_empty({"type": "string", "pattern": "^([1-9]|1[0-9]|20)$"})},
]

#: The campaign's operations, by Flask endpoint: {method: operation}.
OPERATIONS: dict[str, dict[str, dict]] = {
    "campaign_api.campaign": {"get": {
        "operationId": "getOpportunityCampaign",
        "tags": ["analysis"],
        "summary": "The campaign until the bid: week by week, whom to win, by whom, through "
                   "whom, and why now (powermap.analysis.campaign).",
        "description": "What-if changes recompute it without saving: leaves=<id>, "
                       "flip=<id>:<attitude>, join=<name>:<role>:<attitude> (repeatable). "
                       "See docs/campaign.md.",
        "parameters": [
            _id_param("opportunity_id", "Opportunity id."), _TODAY, *_CAMPAIGN_PARAMS,
            {"name": "leaves", "in": "query", "required": False,
             "description": "What if this stakeholder leaves (repeatable).",
             "schema": _or_empty(dict(_WHOLE_QUERY))},
            {"name": "flip", "in": "query", "required": False,
             "description": "What if this stakeholder's attitude becomes this (id:attitude).",
             "schema": _or_empty({"type": "string", "pattern": "^[0-9]{1,18}:-?[0-2]$"})},
            {"name": "join", "in": "query", "required": False,
             "description": "What if a new person joins (name:role:attitude).",
             "schema": _or_empty({"type": "string", "pattern": _JOIN})},
        ],
        "responses": {"200": _json({"type": "object", "required": ["weeks", "steps"],
                                    "properties": {"weeks": {"type": "integer"},
                                                   "steps": {"type": "array"},
                                                   "what_if": {"type": "array"}}},
                                   "The campaign."),
                      "400": _ERROR, "404": _ERROR},
    }, "post": {
        "operationId": "planOpportunityCampaign",
        "tags": ["analysis"],
        "summary": "Create or update one action per campaign step (owners, due dates); "
                   "running it again updates the same actions.",
        "parameters": [_id_param("opportunity_id", "Opportunity id."), _TODAY,
                       *_CAMPAIGN_PARAMS],
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "type": "object", "description": "Nothing to send: an empty object."}}}},
        "responses": {"200": _json({"type": "object", "required": ["actions", "created",
                                                                   "updated"],
                                    "properties": {"actions": {"type": "array"},
                                                   "created": {"type": "integer"},
                                                   "updated": {"type": "integer"}}},
                                   "The actions written."),
                      "400": _ERROR, "404": _ERROR,
                      "409": _json({"$ref": _REF + "Conflict"},
                                   "An action changed meanwhile.")},
    }},
}
