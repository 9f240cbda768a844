"""The session cookie: a secret key every worker shares, and its cookie flags.

The key that signs the session (and so the CSRF token and the sign-in) must
be the same in every worker process and across restarts, or a form drawn by
one worker is refused by the next. Order: ``app.config["SECRET_KEY"]`` given
to :func:`powermap.web.create_app`, else ``$POWERMAP_SECRET_KEY``, else the
key stored in the database's ``settings`` table, generated once by whichever
process asks first (``INSERT OR IGNORE`` and read back, so two workers
starting together agree). That key is read from the request's store each time
a session is opened or saved (one indexed read), so making the app touches no
database and nothing is cached. An in-memory database keeps a key per process.

The cookie is HttpOnly and SameSite=Lax always, and Secure whenever the
request came over HTTPS (or ``SESSION_COOKIE_SECURE`` says so).
"""

from __future__ import annotations

import os
import secrets
import sqlite3

from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface

from ..store import Store

__all__ = ["secret_key", "SessionInterface", "ENV"]

ENV = "POWERMAP_SECRET_KEY"


def secret_key(database: str) -> str | None:
    """The key fixed when the app is made: ``$POWERMAP_SECRET_KEY``; a random one for an
    in-memory database (which lives as long as one request); else None, meaning the
    database's persisted key, read per request by :class:`SessionInterface`."""
    if os.environ.get(ENV):
        return os.environ[ENV]
    if database == ":memory:":
        return secrets.token_hex(32)
    return None


def stored_secret_key(store: Store) -> str:
    """The database's secret key, generated and stored by the first process that asks."""
    row = store.db.execute("SELECT value FROM settings WHERE key = 'secret_key'").fetchone()
    if row is not None:
        return row[0]
    with store.transaction():
        store.db.execute("INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)",
                         ["secret_key", secrets.token_hex(32)])
    return store.db.execute("SELECT value FROM settings WHERE key = 'secret_key'").fetchone()[0]


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed cookie session, with the persisted key, marked Secure over HTTPS."""

    def get_signing_serializer(self, app: Flask):
        if app.secret_key:
            return super().get_signing_serializer(app)
        from itsdangerous import URLSafeTimedSerializer

        from ..errors import PowermapError
        from .db import get_store

        try:
            key = stored_secret_key(get_store())
        except (PowermapError, sqlite3.Error):
            # An unusable database: a throwaway key (no session is read) lets the request
            # go on to the view, whose own use of the store says what is wrong.
            key = secrets.token_hex(32)
        return URLSafeTimedSerializer(
            key, salt=self.salt,
            serializer=self.serializer,
            signer_kwargs={"key_derivation": self.key_derivation,
                           "digest_method": self.digest_method})

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"]) or request.is_secure
