"""The users page (admins) and each user's own API tokens page.

* ``/admin/users`` — every user with role, state, team-member links and
  tokens; forms add a user, change a role, disable or enable, set a
  password, link or unlink a team-member record, revoke any token.
* ``/tokens`` — the signed-in user's own tokens: create one (its secret is
  shown on the answer page once, never again) and revoke one.

Who may open them is decided by :mod:`powermap.web.permissions` (``admin.*``
is for admins; ``admin.my_tokens`` and ``admin.revoke_my_token`` for anyone
signed in by session). Every post redirects back (POST-redirect-GET) except
the one that shows a new token's secret.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from ..errors import NotFoundError, PowermapError
from ..fields import whole_number
from ..i18n import _
from ..tokens import create_token, list_tokens, revoke_token
from ..users import (
    ROLE_LABELS,
    ROLES,
    add_user,
    get_user,
    link_team_member,
    list_users,
    set_active,
    set_password,
    set_role,
    team_member_ids,
    unlink_team_member,
)
from .db import get_store
from .permissions import access

__all__ = ["bp"]

bp = Blueprint("admin", __name__)


@bp.get("/admin/users")
def users():
    """Every user and token, with the forms that change them."""
    store = get_store()
    everyone = list_users(store)
    members = {m["id"]: m for m in store.rows("team_member")}
    accounts = {a["id"]: a for a in store.rows("account")}
    return render_template(
        "users_admin.html", users=everyone, roles=ROLES, role_labels=ROLE_LABELS,
        links={u.id: team_member_ids(store, u) for u in everyone}, members=members,
        accounts=accounts, tokens=list_tokens(store), logins={u.id: u.login for u in everyone})


@bp.post("/admin/users")
def add():
    form = request.form
    try:
        created = add_user(get_store(), form.get("login", ""), form.get("password", ""),
                           name=form.get("name") or None, role=form.get("role", "member"),
                           language=form.get("language") or None)
    except PowermapError as exc:
        flash(str(exc))
    else:
        flash(_("Added the user %(login)s.", login=created.login))
    return redirect(url_for("admin.users"), 303)


@bp.post("/admin/users/<int:user_id>")
def change(user_id: int):
    """One change to one user: ``action`` is role, disable, enable, password, link or unlink."""
    store = get_store()
    user = get_user(store, user_id)
    if user is None:
        abort(404)
    action = request.form.get("action", "")
    try:
        if action == "role":
            set_role(store, user, request.form.get("role", ""))
        elif action in ("disable", "enable"):
            set_active(store, user, action == "enable")
        elif action == "password":
            set_password(store, user, request.form.get("password", ""))
        elif action in ("link", "unlink"):
            member = whole_number(request.form.get("team_member_id"))
            if member is None:
                raise NotFoundError("team_member", request.form.get("team_member_id"))
            (link_team_member if action == "link" else unlink_team_member)(store, user, member)
        else:
            abort(400, description=_("Choose one of the changes offered."))
    except PowermapError as exc:
        flash(str(exc))
    else:
        flash(_("Saved the user %(login)s.", login=user.login))
    return redirect(url_for("admin.users"), 303)


@bp.post("/admin/tokens/<int:token_id>/revoke")
def revoke_any_token(token_id: int):
    revoke_token(get_store(), token_id)
    flash(_("Revoked the API token %(id)s.", id=token_id))
    return redirect(url_for("admin.users"), 303)


@bp.route("/tokens", methods=["GET", "POST"])
def my_tokens():
    """The signed-in user's tokens; POST creates one and shows its secret once."""
    user = access().user
    if user is None:  # local mode: tokens belong to users
        return render_template("tokens.html", tokens=[], secret=None, local=True)
    store = get_store()
    secret = None
    status = 200
    if request.method == "POST":
        wants_write = request.form.get("access") == "write"
        _record, secret = create_token(store, user, request.form.get("name", ""),
                                       can_write=wants_write and user.can_write)
        status = 201
    return render_template("tokens.html", tokens=list_tokens(store, user), secret=secret,
                           local=False), status


@bp.post("/tokens/<int:token_id>/revoke")
def revoke_my_token(token_id: int):
    user = access().user
    if user is None:
        abort(404)
    revoke_token(get_store(), token_id, user)
    flash(_("Revoked the API token %(id)s.", id=token_id))
    return redirect(url_for("admin.my_tokens"), 303)
