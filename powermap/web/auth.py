"""Signing in and out (Flask-Login), with throttling after repeated failures.

* ``GET/POST /login`` — the sign-in form. After ``SIGNIN_MAX_FAILURES``
  (default 5) wrong passwords for one login within ``SIGNIN_WINDOW`` seconds
  (default 900), or four times as many from one address, further attempts are
  refused with 429 until the window has passed, even with the right password.
  Failures are kept in the database, so every worker process counts the same.
* ``POST /logout`` — ends the session (a form with the CSRF token).

Flask-Login (maintained by the Pallets community) keeps the user id in the
signed session cookie. The id carries a piece of the password hash
(:attr:`powermap.users.User.generation`), so changing a password ends the
user's other sessions, and a disabled user's session stops at the next
request. Passwords are never logged, flashed or put in a URL.
"""

from __future__ import annotations

import time

from flask import (
    Blueprint,
    Flask,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import LoginManager, UserMixin, login_user, logout_user

from ..i18n import _
from ..store import Store
from ..users import User, check_password, get_user
from .db import get_store
from .records import safe_next

__all__ = ["bp", "init_app", "SignedIn", "throttled_for", "record_failure"]

bp = Blueprint("auth", __name__)


class SignedIn(UserMixin):
    """The signed-in user as Flask-Login sees it."""

    def __init__(self, user: User):
        self.user = user

    def get_id(self) -> str:
        return f"{self.user.id}:{self.user.generation}"


def _load(session_id: str) -> SignedIn | None:
    user_id, _sep, generation = session_id.partition(":")
    if not user_id.isdigit():
        return None
    user = get_user(get_store(), int(user_id))
    if user is None or not user.active or user.generation != generation:
        return None
    return SignedIn(user)


def throttled_for(store: Store, login: str, address: str) -> int:
    """Seconds until sign-in attempts for ``login`` from ``address`` are taken again (0: now)."""
    config = current_app.config
    window, limit = config["SIGNIN_WINDOW"], config["SIGNIN_MAX_FAILURES"]
    since = time.time() - window
    waits = []
    for column, value, most in (("login", login.strip(), limit),
                                ("address", address, limit * 4)):
        rows = store.db.execute(f"SELECT at FROM sign_in_failures WHERE {column} = ? AND at > ? "
                                "ORDER BY at DESC LIMIT ?", [value, since, most]).fetchall()
        if len(rows) >= most:
            waits.append(int(rows[-1][0] + window - time.time()) + 1)
    return max(waits, default=0)


def record_failure(store: Store, login: str, address: str) -> None:
    """Count one failed attempt (and forget attempts older than a day)."""
    now = time.time()
    with store.transaction():
        store.db.execute("INSERT INTO sign_in_failures (login, address, at) VALUES (?, ?, ?)",
                         [login.strip(), address, now])
        store.db.execute("DELETE FROM sign_in_failures WHERE at < ?", [now - 86400])


def _address() -> str:
    return request.remote_addr or ""


@bp.route("/login", methods=["GET", "POST"])
def login():
    """The sign-in form; POST signs in and goes on to ``next`` (a path on this site)."""
    if request.method == "GET":
        return render_template("login.html", next=safe_next() or "", login="", error=None)
    store = get_store()
    name = request.form.get("login", "")
    password = request.form.get("password", "")
    wait = throttled_for(store, name, _address())
    if wait:
        error = _("Too many failed sign-ins. Try again in %(minutes)d minutes.",
                  minutes=max(1, (wait + 59) // 60))
        return render_template("login.html", next=safe_next() or "", login=name,
                               error=error), 429
    user = check_password(store, name, password)
    if user is None:
        record_failure(store, name, _address())
        return render_template("login.html", next=safe_next() or "", login=name,
                               error=_("The login or the password is wrong.")), 401
    with store.transaction():
        store.db.execute("DELETE FROM sign_in_failures WHERE login = ?", [user.login])
    session.clear()  # a new session (and CSRF token) for the signed-in user
    login_user(SignedIn(user))
    response = redirect(safe_next() or url_for("accounts.index"), 303)
    if user.language:
        from .language import remember

        remember(response, user.language)
    return response


@bp.post("/logout")
def logout():
    logout_user()
    session.clear()
    return redirect(url_for("auth.login"), 303)


def init_app(app: Flask) -> None:
    manager = LoginManager()
    manager.user_loader(_load)
    manager.session_protection = "basic"
    manager.init_app(app)
    app.register_blueprint(bp)
