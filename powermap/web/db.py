"""One :class:`~powermap.store.Store` per request, kept on ``flask.g``."""

from __future__ import annotations

from flask import Flask, current_app, g

from ..store import Store

__all__ = ["get_store", "close_store", "init_app"]


def get_store() -> Store:
    """The request's store, opened on first use from ``app.config["DATABASE"]``."""
    if "store" not in g:
        g.store = Store(current_app.config["DATABASE"])
    return g.store


def close_store(exc: BaseException | None = None) -> None:
    """Close the request's store, if one was opened."""
    store = g.pop("store", None)
    if store is not None:
        store.close()


def init_app(app: Flask) -> None:
    app.teardown_appcontext(close_store)
