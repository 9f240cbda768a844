"""The reader's language in the web app: a ``lang`` cookie, else Accept-Language, else en.

``init_app(app)`` loads every catalog once, sets the language for each request
(``before_request``, registered first so error pages and CSRF refusals speak it too)
and restores it on teardown, gives Jinja its gettext and language globals, and lets
the JSON provider write lazy strings. ``POST /language`` (CSRF-protected like every
form) stores the choice in a cookie for a year and goes back to the page it came from.
"""

from __future__ import annotations

from flask import Blueprint, Flask, Response, abort, g, redirect, request

from .. import i18n
from ..i18n import _
from .records import safe_next

__all__ = ["bp", "init_app", "COOKIE", "chosen_locale", "remember"]

COOKIE = "lang"
_YEAR = 365 * 24 * 60 * 60

bp = Blueprint("language", __name__)


def chosen_locale() -> str:
    """The request's language: the cookie when it names one of ours, else the browser's."""
    cookie = request.cookies.get(COOKIE, "")
    if cookie in i18n.LOCALES:
        return cookie
    return i18n.negotiate(request.accept_languages)


def remember(response: Response, locale: str | None) -> Response:
    """Keep ``locale`` in the reader's cookie for a year (None: forget it, the browser's
    language applies again). Used by the switch, the sign-in and the user's settings."""
    if locale is None:
        response.delete_cookie(COOKIE, samesite="Lax", httponly=True, secure=request.is_secure)
    else:
        response.set_cookie(COOKIE, locale, max_age=_YEAR, samesite="Lax", httponly=True,
                            secure=request.is_secure)
    return response


@bp.post("/language")
def choose() -> Response:
    """Remember the language picked in the switch and return to the page it was picked on."""
    locale = request.form.get("lang", "")
    if locale not in i18n.LOCALES:
        abort(400, description=_("Choose one of the languages offered."))
    return remember(redirect(safe_next() or "/", 303), locale)


def _enter() -> None:
    g.language_token = i18n.activate(chosen_locale())


def _leave(_error: BaseException | None) -> None:
    token = g.pop("language_token", None)
    if token is not None:
        i18n.deactivate(token)


def init_app(app: Flask) -> None:
    i18n.preload()
    i18n.pages.js_msgids()  # read the scripts' msgids now, not during a request
    app.before_request_funcs.setdefault(None, []).insert(0, _enter)
    app.teardown_request(_leave)
    standard = app.json.default  # type: ignore[attr-defined]

    def _json_default(value: object) -> object:
        return str(value) if isinstance(value, i18n.LazyString) else standard(value)

    app.json.default = _json_default  # type: ignore[attr-defined]
    app.register_blueprint(bp)
