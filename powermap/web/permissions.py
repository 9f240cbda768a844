"""The one permission check: who is asking, and may they do this here.

:func:`check` runs before every request (pages, API, analyses, map, exports,
imports, actions, admin pages); views do not check anything themselves.

* **Local mode**: no user in the database. Everything is allowed, as before
  users existed, but only from this machine (a request from another address
  is refused and told to add a user).
* Once a user exists, a request needs a signed-in session (Flask-Login) or an
  API token (``Authorization: Bearer``); without one, pages redirect to the
  sign-in form and the API answers 401. The signed-in user becomes the acting
  identity (:func:`powermap.actor.acting_as`) for the request.
* **Which accounts**: admins see every account; members and viewers the
  accounts whose team they are on (:func:`powermap.users.visible_accounts`).
  The request's store is narrowed to those (:mod:`powermap.web.scope`), so
  lists, filters and references show nothing else, and a record named in the
  URL (``account_id``, ``opportunity_id``, ``action_id``, ``record_id``, and a
  change set's ``set_id`` that touched it) of another account is answered
  404, like an id that does not exist.
* **What they may do**: viewers and read-only tokens only read (403 on a
  write, and on the pages that are forms for a write). Creating or deleting an
  account, changing or deleting a competitor (shared by every account), the
  portfolio's weights (shared too) and the user administration are for
  admins. Anyone signed in by session
  manages their own API tokens.

:func:`access` gives a view or template the request's :class:`Access`;
:func:`may_write` answers the one question the pages and the map ask before showing a
write control (templates read it as ``can_edit``, the map as ``data-read-only``), so a
viewer or a read-only token sees a read-only product instead of buttons that answer 403.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from flask import Flask, abort, g, redirect, request, url_for

from .. import actor
from ..errors import NotFoundError
from ..i18n import _
from ..schema import ENTITIES, by_collection
from ..users import User, any_users, visible_accounts
from .db import get_store

__all__ = ["Access", "access", "check", "init_app", "may_change", "may_write", "OPEN",
           "SELF_SERVICE", "WRITE_PAGES"]

#: Endpoints anyone may reach: the sign-in itself, static files, the language switch.
OPEN = frozenset({"static", "auth.login", "auth.logout", "language.choose",
                  "opportunities.vis_network_stylesheet", "opportunities.map_script_asset"})
#: Endpoints every user signed in by session may use, viewers included: their own tokens,
#: password and language.
SELF_SERVICE = frozenset({"admin.my_tokens", "admin.revoke_my_token", "settings.page",
                          "settings.change_password", "settings.change_language"})
#: Pages that only show a form for a write: refused to those who may not write.
WRITE_PAGES = frozenset({"records.create", "records.edit", "records.delete", "transfer.upload",
                         "entry_table.show"})
#: Writes of settings every account shares (the portfolio's weights): for admins.
SHARED_SETTINGS = frozenset({"portfolio.set_weights", "portfolio_api.api_set_weights"})
_SAFE = frozenset({"GET", "HEAD", "OPTIONS"})
#: URL arguments that name a record, and the record type they name.
_URL_RECORDS = {"account_id": "account", "opportunity_id": "opportunity", "action_id": "action"}


@dataclass(frozen=True)
class Access:
    """What the current request may do."""

    #: The signed-in user; None in local mode and for anonymous requests.
    user: User | None
    #: Ids of the accounts it may see; None: every account.
    visible: frozenset[int] | None
    can_write: bool
    #: Local mode: no users exist, this machine's owner does everything.
    local: bool = False
    #: Whether the request came with an API token instead of a session.
    token: bool = False

    @property
    def is_admin(self) -> bool:
        return self.local or (self.user is not None and self.user.is_admin)

    def sees_account(self, account_id: int | None) -> bool:
        return self.visible is None or account_id in self.visible


_ANONYMOUS = Access(user=None, visible=frozenset(), can_write=False)


def access() -> Access:
    """The current request's :class:`Access` (anonymous before the check ran)."""
    return g.get("access", _ANONYMOUS)


def may_write(account_id: int | None = None) -> bool:
    """Whether the current caller may change records (of ``account_id``, when given).

    True in local mode, and for admins and members (not through a read-only token) on
    an account they see; False for viewers, read-only tokens and anonymous callers. The
    same answer :func:`check` gives a write, asked before drawing its form or button.
    """
    granted = access()
    return granted.can_write and (account_id is None or granted.sees_account(account_id))


def _loopback(address: str | None) -> bool:
    """Whether the client is this machine (no address: not from a network, e.g. a test)."""
    if not address:
        return True
    try:
        return ipaddress.ip_address((address or "").split("%")[0]).is_loopback
    except ValueError:
        return False


def _identify(strict: bool) -> Access:
    """Who is asking; an invalid token is refused (401) when ``strict``, else anonymous."""
    from flask_login import current_user

    from ..tokens import authenticate

    store = get_store()
    if not any_users(store):
        return Access(user=None, visible=None, can_write=True, local=True)
    header = request.headers.get("Authorization", "")
    if header[:7].lower() == "bearer ":
        found = authenticate(store, header[7:].strip())
        if found is None:
            if not strict:
                return _ANONYMOUS
            _unauthorized(_("The API token is not valid or was revoked."))
        user, token = found
        return Access(user=user, visible=visible_accounts(store, user),
                      can_write=user.can_write and token.can_write, token=True)
    if current_user.is_authenticated:
        user = current_user.user
        return Access(user=user, visible=visible_accounts(store, user),
                      can_write=user.can_write)
    return _ANONYMOUS


def _unauthorized(message: str):
    from .errors import api_error

    if request.path.startswith("/api/"):
        response = api_error(401, message)
        response.headers["WWW-Authenticate"] = 'Bearer realm="powermap"'
        abort(response)
    abort(redirect(url_for("auth.login", next=request.full_path.rstrip("?")), 303))


def _entity_of(endpoint: str, view_args: dict) -> str | None:
    if "entity_name" in view_args:
        return view_args["entity_name"]
    if endpoint.startswith("records.") and "collection" in view_args:
        try:
            return by_collection(view_args["collection"]).name
        except KeyError:
            return None
    return None


def _change_set_visible(store, granted: Access, set_id: int) -> bool:
    """A change set (the log, ``set_id`` in the URL) is visible if every account it touched is."""
    if granted.visible is None:
        return True
    touched = store.db.execute("SELECT DISTINCT account_id FROM changes WHERE set_id = ? "
                               "AND account_id IS NOT NULL", [set_id]).fetchall()
    return all(account_id in granted.visible for (account_id,) in touched)


def _writes(endpoint: str) -> bool:
    return request.method not in _SAFE or endpoint in WRITE_PAGES


def _admin_only(endpoint: str, entity: str | None) -> bool:
    """Writes that reach beyond one account's team."""
    if endpoint.startswith("admin.") and endpoint not in SELF_SERVICE:
        return True
    if endpoint in SHARED_SETTINGS:
        return True
    if not _writes(endpoint) or entity is None:
        return False
    creating = endpoint.endswith("_collection") or endpoint == "records.create"
    deleting = request.method == "DELETE" or endpoint == "records.delete"
    return _shared_record(entity, "create" if creating else "delete" if deleting else "update")


def _shared_record(entity: str, action: str) -> bool:
    """Record writes that reach every account, so only admins make them: creating or
    deleting an account, changing or deleting a competitor."""
    if entity == "account":
        return action in ("create", "delete")
    return entity == "competitor" and action != "create"


def may_change(entity: str, action: str = "update", account_id: int | None = None) -> bool:
    """Whether the current caller may ``action`` (create, update, delete) a record of
    ``entity``: :func:`may_write`, and for what reaches every account an admin. The
    same answer :func:`check` gives, asked before drawing a link or button."""
    return may_write(account_id) and (
        access().is_admin or not _shared_record(entity, action))


def check():
    """Refuse the request unless its user may make it (see the module docstring)."""
    endpoint = request.endpoint
    if endpoint is None:
        return None  # no such route: the 404 tells nothing
    granted = _identify(strict=endpoint not in OPEN)
    g.access = granted
    if granted.local:
        if not _loopback(request.remote_addr):
            abort(403, description=_("powermap has no users yet, so it only answers this "
                                     "machine. Add one with: powermap user add --admin LOGIN"))
        return None
    if endpoint in OPEN:
        return None
    if granted.user is None:
        _unauthorized(_("Sign in, or send an API token as Authorization: Bearer."))
    assert granted.user is not None
    cm = actor.acting_as(actor.Actor(granted.user.login, granted.user.id))
    cm.__enter__()
    g.acting = cm
    store = get_store()
    store.visible = granted.visible
    view_args = request.view_args or {}
    entity = _entity_of(endpoint, view_args)
    named = [(_URL_RECORDS[k], v) for k, v in view_args.items() if k in _URL_RECORDS]
    if "record_id" in view_args and entity in ENTITIES:
        named.append((entity, view_args["record_id"]))
    for kind, record_id in named:
        if not store.is_visible(ENTITIES[kind], record_id):
            raise NotFoundError(kind, record_id)  # answered exactly as a missing record
    if "set_id" in view_args and not _change_set_visible(store, granted, view_args["set_id"]):
        set_id = view_args["set_id"]
        raise NotFoundError("change", set_id, _("no change %(id)s", id=set_id))
    if endpoint in SELF_SERVICE:
        if granted.token:
            abort(403, description=_("An API token cannot manage your tokens or settings; "
                                     "sign in."))
        return None
    if _admin_only(endpoint, entity) and not granted.is_admin:
        abort(403, description=_("Only an administrator may do this."))
    if _writes(endpoint) and not granted.can_write:
        abort(403, description=_("You may read this but not change it."))
    return None


def _leave(_error: BaseException | None) -> None:
    cm = g.pop("acting", None)
    if cm is not None:
        cm.__exit__(None, None, None)


def init_app(app: Flask) -> None:
    """Run :func:`check` before every view (after the language and the request guards)."""
    app.before_request(check)
    app.teardown_request(_leave)
