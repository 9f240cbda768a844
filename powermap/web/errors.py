"""Error responses: JSON under ``/api/``, an HTML page everywhere else.

API errors follow docs/architecture.md: ``{"error": "not_found", "message"}``,
``{"error": "validation", "problems": [...]}``, ``{"error": "conflict",
"message", "version"}``, and ``{"error": "bad_request", "message"}``.
"""

from __future__ import annotations

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from ..errors import ConflictError, NotFoundError, ValidationError
from ..schema import ENTITIES

__all__ = ["init_app", "api_error", "problems_json"]

_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 409: "conflict",
          413: "too_large", 415: "unsupported_media_type", 422: "validation"}


def api_error(status: int, message: str, **extra: object) -> Response:
    """A JSON error response: ``{"error": <code>, "message": ..., **extra}``."""
    response = jsonify({"error": _CODES.get(status, "error"), "message": message, **extra})
    response.status_code = status
    return response


def problems_json(exc: ValidationError) -> list[dict]:
    """The problems of a refused write, each as ``{"record", "field", "reason"}``."""
    return [{"record": p.record, "field": p.field, "reason": p.reason} for p in exc.problems]


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _http_error(exc: HTTPException):
    if _wants_json():
        message = exc.description or exc.name
        if exc.code == 404:
            message = _unknown_api_path() or message
        response = api_error(exc.code or 500, message)
        if exc.code == 405 and exc.valid_methods:
            response.headers["Allow"] = ", ".join(exc.valid_methods)
        return response
    return render_template("error.html", error=exc), exc.code or 500


def _unknown_api_path() -> str | None:
    """Say which collections exist when a URL names none of them."""
    parts = request.path.split("/")
    if len(parts) < 4 or parts[1:3] != ["api", "v1"]:
        return None
    collections = [e.collection for e in ENTITIES.values()]
    if parts[3] in collections:
        return f"no such URL under /api/v1/{parts[3]}; records are at /api/v1/{parts[3]}/<id>"
    return f"no collection {parts[3]!r}; expected one of: {', '.join(collections)}"


def _not_found(exc: NotFoundError):
    if _wants_json():
        return api_error(404, str(exc))
    return render_template("error.html", error=_Page(404, "Not found", str(exc))), 404


def _validation(exc: ValidationError):
    if _wants_json():
        response = jsonify({"error": "validation", "problems": problems_json(exc)})
        response.status_code = 422
        return response
    return render_template("error.html", error=_Page(422, "Refused", str(exc))), 422


def _conflict(exc: ConflictError):
    if _wants_json():
        return api_error(409, str(exc), version=exc.actual)
    return render_template("error.html", error=_Page(409, "Conflict", str(exc))), 409


class _Page:
    """What ``error.html`` shows (the shape of an HTTPException)."""

    def __init__(self, code: int, name: str, description: str):
        self.code, self.name, self.description = code, name, description


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(NotFoundError, _not_found)
    app.register_error_handler(ValidationError, _validation)
    app.register_error_handler(ConflictError, _conflict)
