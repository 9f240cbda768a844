"""``powermap user add / list / passwd / disable / enable / link`` and ``powermap token
add / list / revoke``.

The CLI works on the database file directly, as its owner: it needs no
sign-in. The first user is made with ``powermap user add --admin LOGIN``;
from then on the web app asks everyone to sign in (docs/users.md).
Passwords are asked for twice without echo (or read from
``$POWERMAP_PASSWORD`` for scripts), never taken as an argument, so they do
not land in the shell history or the process list.
"""

from __future__ import annotations

import os

import click

from ..i18n import _, _l
from . import open_store
from .help import group, option

__all__ = ["user", "token", "COMMANDS"]

PASSWORD_ENV = "POWERMAP_PASSWORD"


def _password() -> str:
    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV]
    return click.prompt(_("Password"), hide_input=True, confirmation_prompt=True)


@group(help=_l("Manage the people who sign in to the web app."))
def user() -> None:
    pass


@user.command("add", help=_l("Add a user; the password is asked for (or taken from "
                             "$POWERMAP_PASSWORD)."))
@click.argument("login")
@option("--name", default=None, help=_l("The person's name as shown (default: the login)."))
@option("--admin", "role", flag_value="admin",
        help=_l("An administrator: sees every account and manages users."))
@option("--viewer", "role", flag_value="viewer",
        help=_l("A viewer: reads the accounts of their teams, changes nothing."))
@option("--member", "role", flag_value="member", default=True,
        help=_l("A member: reads and edits the accounts of their teams (the default)."))
@option("--language", type=click.Choice(["en", "zh_CN"]), default=None,
        help=_l("The language the web app speaks to this user."))
@option("--team-member", "team_members", multiple=True, type=int, metavar="ID",
        help=_l("Id of the team-member record that is this person (repeat for each account)."))
def add(login: str, name: str | None, role: str, language: str | None,
        team_members: tuple[int, ...]) -> None:
    from ..users import add_user, link_team_member

    store = open_store(create=True)
    password = _password()
    with store.transaction():
        created = add_user(store, login, password, name=name, role=role, language=language)
        for member_id in team_members:
            link_team_member(store, created, member_id)
    click.echo(_("Added the user %(login)s (%(role)s).", login=created.login,
                 role=_role(created.role)))


def _role(role: str) -> str:
    from ..users import ROLE_LABELS

    return str(ROLE_LABELS[role])


@user.command("list", help=_l("List the users, their roles and the accounts they are on."))
def list_() -> None:
    from ..users import list_users, team_member_ids

    store = open_store()
    users = list_users(store)
    if not users:
        click.echo(_("No users: the web app runs in local mode (this machine only)."))
        return
    for item in users:
        members = team_member_ids(store, item)
        state = _("active") if item.active else _("disabled")
        click.echo(_("%(login)s\t%(name)s\t%(role)s\t%(state)s\tteam members: %(members)s",
                     login=item.login, name=item.name, role=_role(item.role), state=state,
                     members=", ".join(map(str, members)) or "-"))


@user.command("passwd", help=_l("Set a user's password (their open sessions end)."))
@click.argument("login")
def passwd(login: str) -> None:
    from ..users import find_user, set_password

    store = open_store()
    found = find_user(store, login)
    set_password(store, found, _password())
    click.echo(_("Changed the password of %(login)s.", login=found.login))


@user.command("disable", help=_l("Stop a user from signing in (their tokens stop too)."))
@click.argument("login")
def disable(login: str) -> None:
    from ..users import find_user, set_active

    store = open_store()
    found = set_active(store, find_user(store, login), False)
    click.echo(_("Disabled the user %(login)s.", login=found.login))


@user.command("enable", help=_l("Let a disabled user sign in again."))
@click.argument("login")
def enable(login: str) -> None:
    from ..users import find_user, set_active

    store = open_store()
    found = set_active(store, find_user(store, login), True)
    click.echo(_("Enabled the user %(login)s.", login=found.login))


@user.command("link", help=_l("Put a user on an account's team: link them to a team-member "
                              "record."))
@click.argument("login")
@click.argument("team_member", type=int)
@option("--remove", is_flag=True, help=_l("Remove the link instead."))
def link(login: str, team_member: int, remove: bool) -> None:
    from ..users import find_user, link_team_member, unlink_team_member

    store = open_store()
    found = find_user(store, login)
    if remove:
        unlink_team_member(store, found, team_member)
        click.echo(_("Removed the link of %(login)s to team member %(id)s.",
                     login=found.login, id=team_member))
    else:
        link_team_member(store, found, team_member)
        click.echo(_("Linked %(login)s to team member %(id)s.", login=found.login,
                     id=team_member))


@group(help=_l("Manage API tokens (sent as Authorization: Bearer)."))
def token() -> None:
    pass


@token.command("add", help=_l("Create an API token for a user and print it (shown only "
                              "once)."))
@click.argument("login")
@option("--name", default="", help=_l("What the token is for."))
@option("--write", is_flag=True, help=_l("Let the token change data (default: read only)."))
def token_add(login: str, name: str, write: bool) -> None:
    from ..tokens import create_token
    from ..users import find_user

    store = open_store()
    _record, secret = create_token(store, find_user(store, login), name, can_write=write)
    click.echo(secret)


@token.command("list", help=_l("List the API tokens (never their secrets)."))
@click.argument("login", required=False)
def token_list(login: str | None) -> None:
    from ..tokens import list_tokens
    from ..users import find_user, list_users

    store = open_store()
    logins = {u.id: u.login for u in list_users(store)}
    for item in list_tokens(store, find_user(store, login) if login else None):
        state = _("revoked") if item.revoked_at else _("active")
        access = _("read and write") if item.can_write else _("read only")
        click.echo(f"{item.id}\t{logins.get(item.user_id, item.user_id)}\t{item.name}\t"
                   f"{access}\t{state}\t{item.created_at}")


@token.command("revoke", help=_l("Revoke an API token by its id."))
@click.argument("token_id", type=int)
def token_revoke(token_id: int) -> None:
    from ..tokens import revoke_token

    revoke_token(open_store(), token_id)
    click.echo(_("Revoked the API token %(id)s.", id=token_id))


COMMANDS = [user, token]
