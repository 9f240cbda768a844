"""The signed-in user's own settings: their password and their interface language.

* ``GET /account/settings`` — who you are (login, name, role) and two forms.
* ``POST /account/settings/password`` — a new password, given the current one. The rules
  are :func:`powermap.users.set_password`'s (the same as ``powermap user passwd``). A wrong
  current password changes nothing and counts as a failed sign-in
  (:func:`powermap.web.auth.record_failure`), so guessing here is throttled like guessing
  at ``/login``. A new password changes the user's session generation, which ends every
  other session at its next request; this one is signed in again under the new one.
* ``POST /account/settings/language`` — the language the web app speaks to the user
  (kept with the user, so the next sign-in anywhere uses it, and set as the ``lang``
  cookie now); empty means the browser's choice.

Every user signed in by session may use it, viewers included
(:data:`powermap.web.permissions.SELF_SERVICE`); an API token may not. In local mode
there are no users, so there are no settings: 404.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import login_user

from ..i18n import LOCALES, _
from ..users import MIN_PASSWORD, ROLE_LABELS, UserError, change_own_password, set_language
from .auth import SignedIn, record_failure, throttled_for
from .db import get_store
from .language import remember
from .permissions import access

__all__ = ["bp"]

bp = Blueprint("settings", __name__)


def _user():
    user = access().user
    if user is None:  # local mode: nobody signs in, nothing to set
        abort(404)
    return user


def _page(error: str | None = None, status: int = 200):
    user = _user()
    return render_template("account_settings.html", user=user, role=ROLE_LABELS[user.role],
                           locales=LOCALES, min_password=MIN_PASSWORD, error=error), status


@bp.get("/account/settings")
def page():
    """The signed-in user's own account: password and language."""
    return _page()


@bp.post("/account/settings/password")
def change_password():
    """Change the signed-in user's password, given the current one."""
    user = _user()
    store = get_store()
    address = request.remote_addr or ""
    wait = throttled_for(store, user.login, address)
    if wait:
        return _page(_("Too many failed sign-ins. Try again in %(minutes)d minutes.",
                       minutes=max(1, (wait + 59) // 60)), 429)
    new = request.form.get("new_password", "")
    if new != request.form.get("repeat_password", ""):
        return _page(_("The two new passwords differ. Type the same one twice."), 400)
    try:
        changed = change_own_password(store, user, request.form.get("current_password", ""),
                                      new)
    except UserError as exc:
        return _page(str(exc), 400)
    if changed is None:
        record_failure(store, user.login, address)
        return _page(_("The current password is wrong. Nothing was changed."), 401)
    login_user(SignedIn(changed))  # this session goes on; the others end (new generation)
    flash(_("Your password was changed. Your other sessions are signed out."))
    return redirect(url_for("settings.page"), 303)


@bp.post("/account/settings/language")
def change_language():
    """Keep the user's interface language and switch to it now."""
    user = _user()
    language = request.form.get("language") or None
    try:
        set_language(get_store(), user, language)
    except UserError as exc:
        return _page(str(exc), 400)
    return remember(redirect(url_for("settings.page"), 303), language)
