"""The JSON API under ``/api/v1`` (contract: docs/architecture.md).

For every entity of :data:`powermap.schema.ENTITIES`:

* ``GET /api/v1/<collection>`` — list; query parameters filter by equality
  (``?account_id=1``; repeat one for "any of": ``?stage=won&stage=lost``; an
  empty value matches null; on a list field such as ``roles`` it means
  "contains").
* ``POST /api/v1/<collection>`` — create from a JSON object; references may be
  ids or, for records with a name, names. 201 with the stored record.
* ``GET / PATCH / DELETE /api/v1/<collection>/<id>`` — PATCH and DELETE take
  an optional ``version`` (body, or ``?version=`` for DELETE): 409 if stale.
  DELETE of a record others depend on needs ``?cascade=true`` (409 naming the
  dependents without it); a team member's open actions need ``?reassign_to=``.

Plus the analyses of an opportunity: ``/opportunities/<id>/analysis`` and
``/opportunities/<id>/map``; and ``POST /opportunities/<id>/plans`` with
``{"stakeholder_id"}``, which plans that person's suggestion as an action
(:func:`powermap.planning.plan_suggestion`: 201 when created, 200 when the open
action for the same person and activity was updated). Routes are registered per collection, so the
route table lists real URLs (and the OpenAPI test can compare the two).
"""

from __future__ import annotations

import json
import re

from flask import Blueprint, Response, abort, jsonify, request, url_for

from ..dependents import HasDependentsError, OpenActionsError
from ..fields import coerce, whole_number
from ..i18n import _
from ..schema import ENTITIES, Entity
from .db import get_store
from .reports import (
    analysis_json,
    map_json,
    opportunity_analysis,
    opportunity_map,
    parse_as_of,
    parse_layout,
    parse_since,
    parse_today,
    parse_top,
)

__all__ = ["bp", "PREFIX", "parse_json", "json_object"]

PREFIX = "/api/v1"
bp = Blueprint("api", __name__, url_prefix=PREFIX)

_META = ("id", "version", "created_at", "updated_at")


# --- collections ---------------------------------------------------------------


def list_records(entity_name: str):
    """The records of one collection, filtered by the query string."""
    ent = ENTITIES[entity_name]
    where, params = _filters(ent)
    return jsonify(get_store().rows(ent.name, " AND ".join(where) or None, params))


def create_record(entity_name: str):
    """Create one record from the JSON body; 201 with the stored record."""
    ent = ENTITIES[entity_name]
    store = get_store()
    values = store.resolve_references(ent.name, json_object())
    record = store.create(ent.name, values)
    response = jsonify(record)
    response.status_code = 201
    response.headers["Location"] = url_for(f"api.{ent.name}_record", record_id=record["id"])
    return response


def get_record(entity_name: str, record_id: int):
    return jsonify(get_store().get(entity_name, record_id))


def update_record(entity_name: str, record_id: int):
    """Apply the JSON body's changes; ``version`` in the body guards against lost edits."""
    ent = ENTITIES[entity_name]
    store = get_store()
    changes = json_object()
    version = _version(changes.pop("version", None))
    for key in ("id", "created_at", "updated_at"):
        changes.pop(key, None)
    current = store.get(ent.name, record_id)  # 404 before 422
    changes = store.resolve_references(ent.name, changes, current)
    return jsonify(store.update(ent.name, record_id, changes, version=version))


def delete_record(entity_name: str, record_id: int):
    """Delete one record; 204. One with dependents needs ``?cascade=true`` (else 409).

    The 409 names what would go with it: ``{"error": "has_dependents",
    "message", "dependents": {"relationship": 3, ...}}`` (record types by their
    codes). A team member who owns open actions needs ``?reassign_to=<team
    member id>``, who takes them over; else 409 ``{"error": "owns_open_actions",
    "message", "open_actions": n}``.
    """
    body = json_object() if request.get_data() else {}
    version = _version(body.get("version", request.args.get("version")))
    cascade = _flag("cascade", body.get("cascade", request.args.get("cascade")))
    reassign_to = _whole("reassign_to", body.get("reassign_to", request.args.get("reassign_to")))
    if reassign_to is not None and entity_name != "team_member":
        abort(400, description=_("only a team member's actions can be reassigned"))
    try:
        get_store().delete(entity_name, record_id, version=version, cascade=cascade,
                           reassign_to=reassign_to)
    except HasDependentsError as exc:
        return _refusal("has_dependents", str(exc), dependents=exc.dependents)
    except OpenActionsError as exc:
        return _refusal("owns_open_actions", str(exc), open_actions=exc.count)
    return "", 204


def _refusal(code: str, message: str, **extra: object):
    response = jsonify({"error": code, "message": message, **extra})
    response.status_code = 409
    return response


def _flag(name: str, value: object) -> bool:
    """A true/false query parameter or body value (400 on anything else)."""
    if value is None or value is False or value == "":
        return False
    if value is True or str(value).strip().lower() in ("true", "1", "yes"):
        return True
    if str(value).strip().lower() in ("false", "0", "no"):
        return False
    abort(400, description=_("%(name)s must be true or false, got %(value)s", name=name,
                             value=repr(value)))


def _whole(name: str, value: object) -> int | None:
    if value is None or value == "":
        return None
    number = whole_number(_integral(value))
    if number is None:
        abort(400, description=_("%(name)s must be a whole number, got %(value)s", name=name,
                                 value=repr(value)))
    return number


def _collection_view(entity_name: str):
    return list_records(entity_name) if request.method == "GET" else create_record(entity_name)


def _record_view(entity_name: str, record_id: int):
    if request.method == "GET":
        return get_record(entity_name, record_id)
    if request.method == "PATCH":
        return update_record(entity_name, record_id)
    return delete_record(entity_name, record_id)


for _ent in ENTITIES.values():
    bp.add_url_rule(f"/{_ent.collection}", endpoint=f"{_ent.name}_collection",
                    view_func=_collection_view, methods=["GET", "POST"],
                    defaults={"entity_name": _ent.name})
    bp.add_url_rule(f"/{_ent.collection}/<int:record_id>", endpoint=f"{_ent.name}_record",
                    view_func=_record_view, methods=["GET", "PATCH", "DELETE"],
                    defaults={"entity_name": _ent.name})


# --- analyses ------------------------------------------------------------------


@bp.get("/opportunities/<int:opportunity_id>/analysis")
def analysis(opportunity_id: int):
    """The full analysis report (``?today=YYYY-MM-DD``, ``?top=N``, ``?as_of=``)."""
    try:
        today = parse_today(request.args.get("today"))
        top = parse_top(request.args.get("top"))
        as_of = parse_as_of(request.args.get("as_of"))
    except ValueError as exc:
        abort(400, description=str(exc))
    if as_of is not None:  # the past is computed, not cached
        return jsonify(opportunity_analysis(get_store(), opportunity_id, today=today, top=top,
                                            as_of=as_of))
    return Response(analysis_json(get_store(), opportunity_id, today=today, top=top),
                    mimetype="application/json")


@bp.get("/opportunities/<int:opportunity_id>/map")
def map_payload(opportunity_id: int):
    """The map payload the live map and the HTML export draw (``?today=``, ``?layout=``,
    ``?as_of=``), with what changed since the last review (or ``?since=review:ID|DATE``)."""
    try:
        today = parse_today(request.args.get("today"))
        layout = parse_layout(request.args.get("layout"))
        as_of = parse_as_of(request.args.get("as_of"))
        since = parse_since(request.args.get("since"))
    except ValueError as exc:
        abort(400, description=str(exc))
    if as_of is not None:
        return jsonify(opportunity_map(get_store(), opportunity_id, today=today, layout=layout,
                                       as_of=as_of, since=since))
    return Response(map_json(get_store(), opportunity_id, today=today, layout=layout,
                             since=since), mimetype="application/json")


@bp.post("/opportunities/<int:opportunity_id>/plans")
def plan(opportunity_id: int):
    """Plan one person's suggestion as an action (``?today=``): ``{"action", "created"}``."""
    from ..planning import plan_suggestion

    try:
        today = parse_today(request.args.get("today"))
    except ValueError as exc:
        abort(400, description=str(exc))
    data = json_object()
    stakeholder_id = _whole("stakeholder_id", data.get("stakeholder_id"))
    if stakeholder_id is None:
        abort(400, description=_("send the stakeholder_id of the suggestion to plan"))
    action, created = plan_suggestion(get_store(), opportunity_id, stakeholder_id, today=today)
    return jsonify({"action": action, "created": created}), 201 if created else 200


# --- helpers -------------------------------------------------------------------


def json_object() -> dict:
    """The request body as a JSON object, or a 400 that says what to send."""
    if not request.is_json:
        abort(400, description=_("send a JSON object with Content-Type: application/json"))
    data = parse_json(request.get_data())
    if not isinstance(data, dict):
        abort(400, description=_("the body must be a JSON object, not %(kind)s",
                                 kind=type(data).__name__))
    return data


def parse_json(raw: bytes) -> object:
    """A JSON body, or a 400 saying why it cannot be read.

    Beyond syntax, JSON can carry what Python parses but nothing downstream can
    use: nesting deeper than the parser's recursion allows, and ``\\ud800``
    escapes that decode to lone surrogates, which no UTF-8 database, page or
    file can hold. Both are refused here, where the body is read.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        abort(400, description=_("the body is not valid UTF-8 text"))
    try:
        data = json.loads(text)
    except RecursionError:
        abort(400, description=_("the body is nested too deeply"))
    except ValueError:
        abort(400, description=_("the body is not valid JSON"))
    bad = _lone_surrogate(data)
    if bad is not None:
        abort(400, description=_("the body holds text that is not valid Unicode (a lone "
                                 "surrogate): %(text)s", text=bad))
    return data


def _lone_surrogate(data: object) -> str | None:
    """The first string in ``data`` (keys too) that UTF-8 cannot encode, escaped; else None."""
    pending = [data]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return item.encode("utf-8", "backslashreplace").decode("ascii", "replace")[:80]
    return None


def _integral(value: object) -> object:
    """A JSON number with nothing after the point (``3.0``) as the integer it is.

    JSON Schema counts ``3.0`` as an integer, and the fields of a record take it
    (:func:`powermap.fields.coerce`); a version or id in the body does too, and so
    does one in the query string (``?reassign_to=7.0``).
    """
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*[0-9]+\.0*\s*", value):
        return value.strip().split(".")[0]
    return value


def _version(value: object) -> int | None:
    if value is None or value == "":
        return None
    number = whole_number(_integral(value))
    if number is not None:
        return number
    abort(400, description=_("version must be a whole number, got %(value)s",
                             value=repr(value)))


def _filters(ent: Entity) -> tuple[list[str], list]:
    """SQL conditions for the query string's equality filters (400 on a bad one)."""
    where: list[str] = []
    params: list = []
    for name in request.args:
        values = request.args.getlist(name)
        if name == "id":
            ids = [whole_number(v) for v in values]
            if None in ids:
                abort(400, description=_("filter 'id': expected whole numbers"))
            where.append(f"id IN ({', '.join('?' for _ in values)})")
            params.extend(ids)
            continue
        try:
            field = ent.field(name)
        except KeyError:
            abort(400, description=_("unknown filter %(name)s; %(collection)s can be "
                                     "filtered by: %(fields)s", name=repr(name),
                                     collection=ent.collection,
                                     fields=", ".join(("id", *ent.field_names))))
        alternatives = []
        for raw in values:
            try:
                value = None if raw == "" else coerce(field, raw)
            except ValueError as exc:
                abort(400, description=_("filter %(name)s: %(reason)s", name=repr(name),
                                         reason=exc))
            if value is None:
                alternatives.append(f"{name} IS NULL")
            elif field.kind == "list":
                alternatives.append(f"EXISTS (SELECT 1 FROM json_each({name}) WHERE value = ?)")
                params.append(value[0] if value else "")
            else:
                alternatives.append(f"{name} = ?")
                params.append(int(value) if field.kind == "bool" else value)
        where.append("(" + " OR ".join(alternatives) + ")")
    return where, params


