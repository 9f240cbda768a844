"""API tokens: per user, shown once, stored hashed, read-only or read-write, revocable.

A token is ``pm_`` and 43 random URL-safe characters (256 bits). Only its
SHA-256 is stored: a token is a long random secret, not a password a person
chose, so a fast hash is enough (nobody can guess their way to a preimage),
and it lets a request be matched with one indexed lookup. A client sends it as
``Authorization: Bearer pm_…``; it acts as its user, never beyond the user's
role (a read-write token of a viewer still only reads), and stops working
when revoked or when its user is disabled.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from .errors import NotFoundError
from .i18n import _
from .store import Store
from .users import User, get_user

__all__ = ["Token", "PREFIX", "create_token", "list_tokens", "revoke_token", "authenticate"]

PREFIX = "pm_"


@dataclass(frozen=True)
class Token:
    """One stored token (its secret is never kept)."""

    id: int
    user_id: int
    name: str
    can_write: bool
    created_at: str
    revoked_at: str | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


_COLUMNS = "id, user_id, name, can_write, created_at, revoked_at"


def _token(row) -> Token:
    return Token(id=row[0], user_id=row[1], name=row[2], can_write=bool(row[3]),
                 created_at=row[4], revoked_at=row[5])


def create_token(store: Store, user: User, name: str, *, can_write: bool = False
                 ) -> tuple[Token, str]:
    """A new token of ``user``: the stored record and the secret, which is shown once."""
    secret = PREFIX + secrets.token_urlsafe(32)
    with store.transaction():
        cursor = store.db.execute(
            "INSERT INTO api_tokens (user_id, name, token_hash, can_write, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [user.id, name.strip() or _("API token"), _digest(secret), int(can_write), _now()])
    row = store.db.execute(f"SELECT {_COLUMNS} FROM api_tokens WHERE id = ?",
                           [cursor.lastrowid]).fetchone()
    return _token(row), secret


def list_tokens(store: Store, user: User | None = None) -> list[Token]:
    """Tokens of one user, or of everyone (newest first)."""
    if user is None:
        rows = store.db.execute(f"SELECT {_COLUMNS} FROM api_tokens ORDER BY id DESC")
    else:
        rows = store.db.execute(f"SELECT {_COLUMNS} FROM api_tokens WHERE user_id = ? "
                                "ORDER BY id DESC", [user.id])
    return [_token(r) for r in rows]


def revoke_token(store: Store, token_id: int, user: User | None = None) -> Token:
    """Revoke a token (of ``user`` only, when given); revoking twice keeps the first date."""
    sql = f"SELECT {_COLUMNS} FROM api_tokens WHERE id = ?"
    params: list = [token_id]
    if user is not None:
        sql += " AND user_id = ?"
        params.append(user.id)
    row = store.db.execute(sql, params).fetchone()
    if row is None:
        raise NotFoundError("api_token", token_id, _("no API token %(id)s", id=token_id))
    with store.transaction():
        store.db.execute("UPDATE api_tokens SET revoked_at = coalesce(revoked_at, ?) "
                         "WHERE id = ?", [_now(), token_id])
    return _token(store.db.execute(f"SELECT {_COLUMNS} FROM api_tokens WHERE id = ?",
                                   [token_id]).fetchone())


def authenticate(store: Store, secret: str) -> tuple[User, Token] | None:
    """The active user and token a bearer secret belongs to, else None."""
    if not secret.startswith(PREFIX):
        return None
    row = store.db.execute(f"SELECT {_COLUMNS} FROM api_tokens WHERE token_hash = ? "
                           "AND revoked_at IS NULL", [_digest(secret)]).fetchone()
    if row is None:
        return None
    token = _token(row)
    user = get_user(store, token.user_id)
    if user is None or not user.active:
        return None
    return user, token
