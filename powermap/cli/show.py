"""``init``, ``demo``, ``accounts`` and ``show``: getting started and looking around."""

from __future__ import annotations

import click

from .. import aliases
from ..i18n import _, _l, ngettext
from . import fail, open_store
from .help import command, option
from .language import language_option

__all__ = ["COMMANDS"]


@command(help=_l("Create the database, or upgrade an older one in place."))
def init() -> None:
    from ..migrations import SCHEMA_VERSION

    store = open_store(create=True)
    click.echo(_("Database %(path)s is ready (schema version %(version)s).",
                 path=store.path, version=SCHEMA_VERSION))


@command(help=_l("Load the demo account into an empty database and open it in the web "
                       "app.\n\nThe demo is written in the command's language (--lang). Run "
                       "again on the same database, it serves the demo as it was left."))
@option("--no-serve", is_flag=True, help=_l("Only write the demo data and print a summary."))
@option("--host", default="127.0.0.1", show_default=True, help=_l("Address to serve on."))
@option("--port", default=5000, show_default=True, type=int, help=_l("Port to serve on."))
@language_option
def demo(no_serve: bool, host: str, port: int) -> None:
    from ..demo import DEMO_ACCOUNTS
    from ..demo_history import load_demo_with_history

    store = open_store(create=True)
    found = store.rows("account", f"name IN ({', '.join('?' * len(DEMO_ACCOUNTS))})",
                       list(DEMO_ACCOUNTS))
    if found:
        account_id = found[0]["id"]
        click.echo(_("The demo account is already in %(path)s; using it as it is.",
                     path=store.path))
    else:
        summary = load_demo_with_history(store, portfolio=True)
        account_id = summary["account_id"]
        click.echo(_("Loaded the demo account %(account)s into %(path)s: %(people)s in "
                     "%(departments)s, %(team)s, %(competitors)s.",
                     account=summary["account"], path=store.path,
                     people=ngettext("%(num)d stakeholder", "%(num)d stakeholders",
                                     summary["stakeholders"]),
                     departments=ngettext("%(num)d department", "%(num)d departments",
                                          summary["departments"]),
                     team=ngettext("%(num)d team member", "%(num)d team members",
                                   summary["team_members"]),
                     competitors=ngettext("%(num)d competitor", "%(num)d competitors",
                                          summary["competitors"])))
        for opp in summary["opportunities"]:
            click.echo("  " + _("opportunity #%(id)s: %(name)s", id=opp["id"], name=opp["name"]))
    if no_serve:
        click.echo(_("See it with: powermap --db %(path)s show %(account)s", path=store.path,
                     account=account_id))
        return
    from .serve import serve_app

    serve_app(store.path, host, port)


@command(help=_l("List the accounts and their opportunities."))
def accounts() -> None:
    store = open_store()
    rows = store.rows("account", order_by="name")
    if not rows:
        click.echo(_("No accounts yet: run `powermap demo` or `powermap account add --name …`."))
    for account in rows:
        click.echo(f"#{account['id']}  {account['name']}")
        for opp in store.rows("opportunity", "account_id = ?", [account["id"]]):
            stage = aliases.label("stage", opp["stage"]) if opp["stage"] else ""
            click.echo("      " + _("opportunity #%(id)s  %(name)s  (%(stage)s)",
                                      id=opp["id"], name=opp["name"], stage=stage))


@command(help=_l("Show an account (id or name): opportunities, buying centers, people "
                       "and team.\n\nWithout ACCOUNT, shows the only account in the database."))
@click.argument("account", required=False, metavar="[ACCOUNT]")
def show(account: str | None) -> None:
    from ..textview import account_text

    store = open_store()
    if account is None:
        ids = [a["id"] for a in store.rows("account")]
        if len(ids) != 1:
            fail(_("name the account to show (see `powermap accounts`)") if ids else
                 _("the database has no accounts yet; run `powermap demo` to load one"))
        account_id = ids[0]
    else:
        account_id = store.resolve("account", account)
    click.echo(account_text(store, account_id))


COMMANDS = [init, demo, accounts, show]
