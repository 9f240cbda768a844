"""Error responses: JSON under ``/api/``, an HTML page everywhere else.

API errors follow docs/architecture.md: ``{"error": "not_found", "message"}``,
``{"error": "validation", "problems": [...]}``, ``{"error": "conflict",
"message", "version"}``, and ``{"error": "bad_request", "message"}``.
The codes and keys are for programs and stay English; the ``message`` and the
error pages speak the reader's language (werkzeug's own texts are replaced by
:data:`HTTP_TEXTS` when a view gave no description of its own).
"""

from __future__ import annotations

import sqlite3

from flask import Flask, Response, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from ..errors import ConflictError, NotFoundError, ValidationError
from ..i18n import _, _l
from ..labels import entity_label
from ..schema import ENTITIES
from ..store import DatabaseError

__all__ = ["init_app", "api_error", "problems_json", "conflict_message", "not_found_message",
           "HTTP_TEXTS"]

_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 429: "too_many_requests",
          404: "not_found", 405: "method_not_allowed", 409: "conflict",
          413: "too_large", 415: "unsupported_media_type", 422: "validation", 503: "busy"}

#: Seconds a client is asked to wait before retrying a write refused as busy.
RETRY_AFTER = 5

#: Status → (name, description): werkzeug's own English, translated for the reader.
HTTP_TEXTS = {
    400: (_l("Bad Request"),
          _l("The browser (or proxy) sent a request that this server could not understand.")),
    404: (_l("Not Found"),
          _l("The requested URL was not found on the server. If you entered the URL manually "
             "please check your spelling and try again.")),
    405: (_l("Method Not Allowed"), _l("The method is not allowed for the requested URL.")),
    413: (_l("Request Entity Too Large"),
          _l("The data value transmitted exceeds the capacity limit.")),
    415: (_l("Unsupported Media Type"),
          _l("The server does not support the media type transmitted in the request.")),
    500: (_l("Internal Server Error"),
          _l("The server encountered an internal error and was unable to complete your "
             "request. Either the server is overloaded or there is an error in the "
             "application.")),
}


def api_error(status: int, message: str, **extra: object) -> Response:
    """A JSON error response: ``{"error": <code>, "message": ..., **extra}``."""
    response = jsonify({"error": _CODES.get(status, "error"), "message": str(message), **extra})
    response.status_code = status
    return response


def problems_json(exc: ValidationError) -> list[dict]:
    """The problems of a refused write, each as ``{"record", "field", "reason"}``."""
    return [{"record": p.record, "field": p.field, "reason": p.reason} for p in exc.problems]


def not_found_message(exc: NotFoundError) -> str:
    """``no stakeholder 42`` in the reader's language (a specific detail stays as raised)."""
    if str(exc) != f"no {exc.entity.replace('_', ' ')} {exc.key!r}":
        return str(exc)
    return _("no %(kind)s %(key)s", kind=entity_label(exc.entity), key=repr(exc.key))


def conflict_message(exc: ConflictError) -> str:
    """The stale-version refusal in the reader's language."""
    return _("%(record)s was changed by someone else (you edited version %(expected)s, it is "
             "now at version %(actual)s); reload and apply your change again",
             record=exc.record, expected=exc.expected, actual=exc.actual)


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _texts(exc: HTTPException) -> tuple[str, str]:
    """The name and description of an HTTP error, translated unless a view wrote its own."""
    name, description = exc.name, exc.description or ""
    known = HTTP_TEXTS.get(exc.code or 500)
    if known is not None:
        name = str(known[0])
        if description == type(exc).description:
            description = str(known[1])
    return name, description


def _http_error(exc: HTTPException):
    name, description = _texts(exc)
    if _wants_json():
        message = description or name
        if exc.code == 404:
            message = _unknown_api_path() or message
        response = api_error(exc.code or 500, message)
        if exc.code == 405 and exc.valid_methods:
            response.headers["Allow"] = ", ".join(exc.valid_methods)
        return response
    return render_template("error.html", error=_Page(exc.code or 500, name, description)), \
        exc.code or 500


def _unknown_api_path() -> str | None:
    """Say which collections exist when a URL names none of them."""
    parts = request.path.split("/")
    if len(parts) < 4 or parts[1:3] != ["api", "v1"]:
        return None
    collections = [e.collection for e in ENTITIES.values()]
    if parts[3] in collections:
        return _("no such URL under /api/v1/%(collection)s; records are at "
                 "/api/v1/%(collection)s/<id>", collection=parts[3])
    return _("no collection %(name)s; expected one of: %(collections)s",
             name=repr(parts[3]), collections=", ".join(collections))


def _not_found(exc: NotFoundError):
    message = not_found_message(exc)
    if _wants_json():
        return api_error(404, message)
    return render_template("error.html", error=_Page(404, _("Not found"), message)), 404


def _validation(exc: ValidationError):
    if _wants_json():
        response = jsonify({"error": "validation", "problems": problems_json(exc)})
        response.status_code = 422
        return response
    return render_template("error.html", error=_Page(422, _("Refused"), str(exc))), 422


def _conflict(exc: ConflictError):
    message = conflict_message(exc)
    if _wants_json():
        return api_error(409, message, version=exc.actual)
    return render_template("error.html", error=_Page(409, _("Conflict"), message)), 409


def _database(exc: DatabaseError):
    """The app's database file cannot be used: the server's problem, said plainly."""
    if _wants_json():
        return api_error(500, str(exc), error="database")
    return render_template("error.html", error=_Page(500, _("Database unavailable"),
                                                     str(exc))), 500


def _operational(exc: sqlite3.OperationalError):
    """Another writer (a large import) held the lock past the busy timeout: 503, retry.

    Any other operational error is the server's problem and stays a 500.
    """
    reason = str(exc)
    if not (reason.startswith("database is locked") or reason.startswith("database is busy")):
        raise exc
    message = _("the database is busy with another change (an import, perhaps); nothing was "
                "saved, try again in a few seconds")
    if _wants_json():
        response = api_error(503, message)
    else:
        response = current_app.make_response((render_template(
            "error.html", error=_Page(503, _("Busy"), message)), 503))
    response.headers["Retry-After"] = str(RETRY_AFTER)
    return response


def _unreadable_input(exc: Exception):
    """The safety net for input nothing upstream refused: 400, not 500.

    A lone surrogate (``UnicodeError``), nesting beyond the parser
    (``RecursionError``) and a number beyond any float (``OverflowError``) come
    from what a client sent; the places that read input refuse them with a
    precise message (:func:`powermap.web.api.parse_json`, :func:`powermap.fields.coerce`).
    One that slips past is logged, so the missing check can be added, and
    answered as a bad request.
    """
    current_app.logger.warning("unreadable input on %s %s", request.method, request.path,
                               exc_info=exc)
    message = _("the request holds a value powermap cannot read (%(kind)s)",
                kind=type(exc).__name__)
    if _wants_json():
        return api_error(400, message)
    return render_template("error.html", error=_Page(400, str(HTTP_TEXTS[400][0]), message)), 400


class _Page:
    """What ``error.html`` shows (the shape of an HTTPException)."""

    def __init__(self, code: int, name: str, description: str):
        self.code, self.name, self.description = code, name, description


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(NotFoundError, _not_found)
    app.register_error_handler(ValidationError, _validation)
    app.register_error_handler(ConflictError, _conflict)
    app.register_error_handler(DatabaseError, _database)
    app.register_error_handler(sqlite3.OperationalError, _operational)
    for unreadable in (UnicodeError, RecursionError, OverflowError):
        app.register_error_handler(unreadable, _unreadable_input)
