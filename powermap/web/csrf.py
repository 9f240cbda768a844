"""CSRF protection for HTML form posts: one random token per session.

Every form carries ``{{ csrf_field() }}``; a POST to a page (not the JSON
API) without the session's token is refused with 400. The JSON API is not
covered here: it only accepts ``application/json`` bodies, which a browser
will not send cross-origin without a CORS preflight that this app never
grants. No dependency needed (Flask-WTF would add one for ~30 lines).
"""

from __future__ import annotations

import hmac
import secrets

from flask import Flask, abort, current_app, request, session
from markupsafe import Markup

from ..i18n import _

__all__ = ["csrf_token", "csrf_field", "init_app", "FIELD"]

FIELD = "csrf_token"
_UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def csrf_token() -> str:
    """The session's CSRF token, created on first use."""
    token = session.get(FIELD)
    if not token:
        token = session[FIELD] = secrets.token_urlsafe(32)
    return token


def csrf_field() -> Markup:
    """A hidden input carrying the token (the token is URL-safe base64)."""
    return Markup('<input type="hidden" name="{}" value="{}">').format(FIELD, csrf_token())


def _check() -> None:
    if request.method not in _UNSAFE or not current_app.config.get("CSRF_ENABLED", True):
        return
    if request.path.startswith("/api/"):
        return
    expected = session.get(FIELD)
    sent = request.form.get(FIELD, "") or request.headers.get("X-CSRF-Token", "")
    if not expected or not hmac.compare_digest(str(expected), str(sent)):
        abort(400, description=_("The form expired or did not come from this site; "
                                 "reload the page and submit it again."))


def init_app(app: Flask) -> None:
    """Check every form post; the pages' ``csrf_field()`` global is installed with the
    environment (see :mod:`powermap.web`)."""
    app.before_request(_check)
