"""One :class:`~powermap.store.Store` per request, kept on ``flask.g``.

``app.config["DATABASE_BUSY_TIMEOUT"]`` (seconds, default
:data:`powermap.database.BUSY_TIMEOUT`) is how long a request's write waits
for another writer (an import) before it is answered 503 with Retry-After
(:mod:`powermap.web.errors`).
"""

from __future__ import annotations

from flask import Flask, current_app, g

from ..database import BUSY_TIMEOUT, set_busy_timeout
from ..store import Store
from .scope import RequestStore

__all__ = ["get_store", "close_store", "init_app"]


def get_store() -> Store:
    """The request's store, opened on first use from ``app.config["DATABASE"]``.

    It sees the accounts the request's user may see (:mod:`powermap.web.scope`,
    narrowed by :mod:`powermap.web.permissions`).
    """
    if "store" not in g:
        store = RequestStore(current_app.config["DATABASE"])
        set_busy_timeout(store.db.conn,
                         float(current_app.config.get("DATABASE_BUSY_TIMEOUT", BUSY_TIMEOUT)))
        g.store = store
    return g.store


def close_store(exc: BaseException | None = None) -> None:
    """Close the request's store, if one was opened."""
    store = g.pop("store", None)
    if store is not None:
        store.close()


def init_app(app: Flask) -> None:
    app.teardown_appcontext(close_store)
