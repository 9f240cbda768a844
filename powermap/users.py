"""Users: who may sign in, with which role, and which accounts' teams they are on.

A user is on an account's team when one of that account's team-member
records is linked to the user (table ``user_team_members``; a team-member
record is linked to at most one user, a user to one record per account).
So "our coverage" and "who changed what" name the same person, and adding a
person to an account's team on the account page plus one link gives them
the account. Roles: ``admin`` (every account, manages users), ``member``
(reads and edits the accounts whose team they are on), ``viewer`` (reads
those accounts only).

Passwords are hashed with werkzeug's scrypt (``werkzeug.security``, shipped
with Flask, maintained by Pallets; scrypt is memory-hard like argon2 and
needs no extra dependency). Nothing here knows about HTTP: the CLI and the
web app both call it, on the database file, as its owner.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from werkzeug.security import check_password_hash, generate_password_hash

from .errors import NotFoundError, PowermapError
from .i18n import LOCALES, _, _l
from .store import Store

__all__ = ["ROLES", "ROLE_LABELS", "User", "UserError", "add_user", "get_user", "find_user",
           "list_users", "set_password", "change_own_password", "set_language", "set_active",
           "set_role", "check_password",
           "any_users", "link_team_member", "unlink_team_member", "team_member_ids",
           "visible_accounts", "MIN_PASSWORD"]

ROLES = ("admin", "member", "viewer")
ROLE_LABELS = {"admin": _l("Administrator"), "member": _l("Member"), "viewer": _l("Viewer")}
MIN_PASSWORD = 8
_HASH = "scrypt"


class UserError(PowermapError):
    """A user cannot be added or changed as asked (the message says why)."""


@dataclass(frozen=True)
class User:
    """One row of ``users`` without its password hash."""

    id: int
    login: str
    name: str
    role: str
    active: bool
    language: str | None
    #: Derived from the password hash (a digest of it, so the signed but readable session
    #: cookie holds nothing of the hash): a session made before a password change carries
    #: the old one and stops working (see powermap.web.auth).
    generation: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def can_write(self) -> bool:
        return self.role in ("admin", "member")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


_COLUMNS = "id, login, name, role, active, language, password_hash"


def _user(row) -> User:
    generation = hashlib.sha256(row[6].encode("utf-8")).hexdigest()[:16]  # not the hash itself
    return User(id=row[0], login=row[1], name=row[2], role=row[3], active=bool(row[4]),
                language=row[5], generation=generation)


def any_users(store: Store) -> bool:
    """Whether any user exists: without one, powermap runs in local mode."""
    return store.db.execute("SELECT EXISTS (SELECT 1 FROM users)").fetchone()[0] == 1


def get_user(store: Store, user_id: int) -> User | None:
    row = store.db.execute(f"SELECT {_COLUMNS} FROM users WHERE id = ?", [user_id]).fetchone()
    return _user(row) if row else None


def find_user(store: Store, login: str) -> User:
    """The user with this login (any case); :class:`NotFoundError` if none."""
    row = store.db.execute(f"SELECT {_COLUMNS} FROM users WHERE login = ?",
                           [login.strip()]).fetchone()
    if row is None:
        raise NotFoundError("user", login, _("no user with the login %(login)s",
                                             login=repr(login)))
    return _user(row)


def list_users(store: Store) -> list[User]:
    return [_user(r) for r in store.db.execute(f"SELECT {_COLUMNS} FROM users ORDER BY login")]


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise UserError(_("a password needs at least %(count)d characters",
                          count=MIN_PASSWORD))


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise UserError(_("the role must be one of: %(roles)s", roles=", ".join(ROLES)))


def add_user(store: Store, login: str, password: str, *, name: str | None = None,
             role: str = "member", language: str | None = None) -> User:
    """Create a user (login unique regardless of case) and return it."""
    login = login.strip()
    if not login or any(ch.isspace() for ch in login):
        raise UserError(_("a login must be one word without spaces"))
    _check_role(role)
    _check_password(password)
    if store.db.execute("SELECT 1 FROM users WHERE login = ?", [login]).fetchone():
        raise UserError(_("a user with the login %(login)s exists already", login=repr(login)))
    now = _now()
    with store.transaction():
        cursor = store.db.execute(
            "INSERT INTO users (login, name, password_hash, role, active, language, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?, ?)",
            [login, (name or login).strip(), generate_password_hash(password, _HASH), role,
             language, now, now])
    return get_user(store, cursor.lastrowid)  # type: ignore[return-value]


def _change(store: Store, user: User, assignments: str, params: list) -> User:
    with store.transaction():
        store.db.execute(f"UPDATE users SET {assignments}, version = version + 1, "
                         "updated_at = ? WHERE id = ?", [*params, _now(), user.id])
    return get_user(store, user.id)  # type: ignore[return-value]


def set_password(store: Store, user: User, password: str) -> User:
    """A new password; the user's existing sessions end (their generation changes)."""
    _check_password(password)
    return _change(store, user, "password_hash = ?", [generate_password_hash(password, _HASH)])


def change_own_password(store: Store, user: User, current: str, new: str) -> User | None:
    """The user's own change of password: None (nothing changed) unless ``current`` is
    their password now; else :func:`set_password` with its rules (:class:`UserError`)."""
    if check_password(store, user.login, current) is None:
        return None
    return set_password(store, user, new)


def set_language(store: Store, user: User, language: str | None) -> User:
    """The language the web app speaks to the user (None: the browser's choice)."""
    if language is not None and language not in LOCALES:
        raise UserError(_("the language must be one of: %(languages)s",
                          languages=", ".join(LOCALES)))
    return _change(store, user, "language = ?", [language])


def set_active(store: Store, user: User, active: bool) -> User:
    """Enable or disable a user; a disabled user cannot sign in and their tokens stop."""
    if not active and user.is_admin and user.active and _other_active_admins(store, user) == 0:
        raise UserError(_("the last active administrator cannot be disabled"))
    return _change(store, user, "active = ?", [int(active)])


def set_role(store: Store, user: User, role: str) -> User:
    _check_role(role)
    if role != "admin" and user.is_admin and _other_active_admins(store, user) == 0:
        raise UserError(_("the last active administrator must stay an administrator"))
    return _change(store, user, "role = ?", [role])


def _other_active_admins(store: Store, user: User) -> int:
    return store.db.execute("SELECT count(*) FROM users WHERE role = 'admin' AND active = 1 "
                            "AND id != ?", [user.id]).fetchone()[0]


def check_password(store: Store, login: str, password: str) -> User | None:
    """The active user whose login and password these are, else None.

    A login that does not exist is hashed against anyway, so the answer takes
    as long either way and does not tell which logins exist.
    """
    row = store.db.execute(f"SELECT {_COLUMNS} FROM users WHERE login = ?",
                           [login.strip()]).fetchone()
    if row is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not check_password_hash(row[6], password) or not row[4]:
        return None
    return _user(row)


#: Hashed once at import (not while serving): the hash a missing login is checked against.
_DUMMY_HASH = generate_password_hash("no such user", _HASH)


def link_team_member(store: Store, user: User, team_member_id: int) -> None:
    """Make ``user`` the person behind a team-member record (putting them on its account)."""
    member = store.get("team_member", team_member_id)
    with store.transaction():
        store.db.execute("INSERT OR REPLACE INTO user_team_members (team_member_id, user_id) "
                         "VALUES (?, ?)", [member["id"], user.id])


def unlink_team_member(store: Store, user: User, team_member_id: int) -> None:
    with store.transaction():
        store.db.execute("DELETE FROM user_team_members WHERE team_member_id = ? AND "
                         "user_id = ?", [team_member_id, user.id])


def team_member_ids(store: Store, user: User) -> list[int]:
    """The team-member records linked to ``user``."""
    return [r[0] for r in store.db.execute(
        "SELECT team_member_id FROM user_team_members WHERE user_id = ? ORDER BY "
        "team_member_id", [user.id])]


def visible_accounts(store: Store, user: User) -> frozenset[int] | None:
    """The ids of the accounts ``user`` may see; None means every account (admins)."""
    if user.is_admin:
        return None
    return frozenset(r[0] for r in store.db.execute(
        "SELECT DISTINCT t.account_id FROM team_members t JOIN user_team_members l "
        "ON l.team_member_id = t.id WHERE l.user_id = ?", [user.id]))
