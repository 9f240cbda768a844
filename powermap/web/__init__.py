"""The Flask web app: JSON API under ``/api/v1`` and the HTML pages.

``create_app(config=None)`` builds a new app each call (flaskr style);
nothing here touches the database at import time. Each request gets its own
:class:`~powermap.store.Store` through :func:`get_store`, closed on teardown.

Config keys: ``DATABASE`` (path; default ``$POWERMAP_DB`` or
``./powermap.db``), ``SECRET_KEY`` (signs the session that carries the CSRF
token and the sign-in; default ``$POWERMAP_SECRET_KEY``, else the key persisted
in the database, see :mod:`powermap.web.session`), ``SERVER_NAMES`` (host names
the app answers to besides loopback, see :mod:`powermap.web.guard`), ``PROXIES`` (how
many reverse proxies in front are trusted for ``X-Forwarded-*``; default
``$POWERMAP_PROXIES``, else 0: none, see :mod:`powermap.web.proxy`),
``SIGNIN_MAX_FAILURES`` / ``SIGNIN_WINDOW`` (throttling, :mod:`powermap.web.auth`),
``TESTING``, and the request size limits of docs/limits.md:
``MAX_CONTENT_LENGTH`` (any request body: 32 MB), Flask's
``MAX_FORM_MEMORY_SIZE`` (one text field of a form: 32 MB, because a previewed import
file travels back as base64 text in a form field, a third larger than the file) and
``API_MAX_CONTENT_LENGTH`` (a JSON API body, one record: 1 MB). A larger body is
refused with 413 (translated in :mod:`powermap.web.errors`).

The pages' Jinja environment is :mod:`powermap.templating`'s (same options,
filters and globals as the exports) plus the page-only globals
``csrf_field``, ``csrf_token`` and ``entities`` (the navigation), and in every page's
context ``can_edit`` (:func:`powermap.web.permissions.may_write`: whether to draw write
controls).

>>> app = create_app({"DATABASE": ":memory:", "TESTING": True})
>>> app.name
'powermap'
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, current_app, request
from jinja2 import Environment

from .. import templating
from ..resources import static_dir, templates_dir
from ..schema import ENTITIES
from ..store import default_db_path
from .csrf import csrf_field, csrf_token
from .db import get_store
from .permissions import access, may_change, may_write
from .session import SessionInterface, secret_key

__all__ = ["create_app", "get_store"]


def _blueprints() -> list[Blueprint]:
    """Every area of the app, one blueprint each, in registration order."""
    from . import (
        accounts,
        actions,
        admin,
        api,
        campaign,
        entry_table,
        history_api,
        history_pages,
        openapi,
        opportunities,
        portfolio,
        positions,
        records,
        review_page,
        settings,
        transfer,
    )

    return [
        admin.bp,
        settings.bp,
        api.bp,
        campaign.api,
        portfolio.api,
        openapi.bp,
        accounts.bp,
        opportunities.bp,
        campaign.bp,
        review_page.bp,
        actions.bp,
        records.bp,
        transfer.bp,
        positions.bp,
        entry_table.bp,
        history_pages.bp,
        history_api.bp,
        portfolio.bp,
    ]


class _App(Flask):
    """Flask with the pages' Jinja environment defined by :mod:`powermap.templating`."""

    jinja_options = templating.OPTIONS  # type: ignore[assignment]

    def create_jinja_environment(self) -> Environment:
        return templating.configure(super().create_jinja_environment(),
                                    csrf_field=csrf_field, csrf_token=csrf_token,
                                    entities=list(ENTITIES.values()), access=access)


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the powermap Flask app; ``config`` overrides the defaults."""
    app = _App(
        "powermap",
        template_folder=str(templates_dir()),
        static_folder=str(static_dir()),
        static_url_path="/static",
    )
    app.config.from_mapping(
        DATABASE=default_db_path(),
        SECRET_KEY=None,
        SERVER_NAMES=(),
        PROXIES=None,
        SIGNIN_MAX_FAILURES=5,
        SIGNIN_WINDOW=15 * 60,
        TESTING=False,
        CSRF_ENABLED=True,
        SESSION_COOKIE_SAMESITE="Lax",  # defence in depth next to the CSRF token
        SESSION_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        MAX_CONTENT_LENGTH=32 * 1024 * 1024,
        MAX_FORM_MEMORY_SIZE=32 * 1024 * 1024,
        API_MAX_CONTENT_LENGTH=1024 * 1024,
    )
    if config:
        app.config.update(config)
    if not app.config["SECRET_KEY"]:  # else the database's key, read per request
        app.config["SECRET_KEY"] = secret_key(app.config["DATABASE"])
    app.session_interface = SessionInterface()
    app.json.ensure_ascii = False  # type: ignore[attr-defined]  # 中文 stays readable
    app.json.sort_keys = False  # type: ignore[attr-defined]  # keep the documented key order

    from . import auth, csrf, db, errors, guard, permissions, proxy

    proxy.init_app(app)
    db.init_app(app)
    csrf.init_app(app)
    errors.init_app(app)
    from . import language  # the reader's language; its before_request runs first
    language.init_app(app)
    guard.init_app(app)  # Host, Origin and content type, right after the language
    auth.init_app(app)
    permissions.init_app(app)  # the one permission check, after the CSRF check
    for blueprint in _blueprints():
        app.register_blueprint(blueprint)
    app.before_request(_api_body_limit)
    app.context_processor(_page_context)
    from . import compression

    compression.init_app(app)
    return app


def _page_context() -> dict[str, Any]:
    """What every page's template reads about the caller: may they write (``can_edit``),
    and may they create, change or delete a record of a kind (``may_change``)."""
    return {"can_edit": may_write(), "may_change": may_change}


def _api_body_limit() -> None:
    """A JSON API request carries one record: hold its body to ``API_MAX_CONTENT_LENGTH``."""
    if request.path.startswith("/api/"):
        request.max_content_length = current_app.config["API_MAX_CONTENT_LENGTH"]
