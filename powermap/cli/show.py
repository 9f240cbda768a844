"""``init``, ``demo``, ``accounts`` and ``show``: getting started and looking around."""

from __future__ import annotations

import click

from . import fail, open_store

__all__ = ["COMMANDS"]


@click.command()
def init() -> None:
    """Create the database, or upgrade an older one in place."""
    from ..migrations import SCHEMA_VERSION

    store = open_store()
    click.echo(f"Database {store.path} is ready (schema version {SCHEMA_VERSION}).")


@click.command()
@click.option("--no-serve", is_flag=True, help="Only write the demo data and print a summary.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to serve on.")
@click.option("--port", default=5000, show_default=True, type=int, help="Port to serve on.")
def demo(no_serve: bool, host: str, port: int) -> None:
    """Load the demo account into an empty database and open it in the web app.

    Run again on the same database, it serves the demo as it was left.
    """
    from ..demo import DEMO_ACCOUNT, load_demo

    store = open_store()
    if store.rows("account", "name = ?", [DEMO_ACCOUNT]):
        click.echo(f"The demo account is already in {store.path}; using it as it is.")
    else:
        summary = load_demo(store)
        click.echo(f"Loaded the demo account {summary['account']!r} into {store.path}: "
                   f"{summary['stakeholders']} stakeholders in {summary['departments']} "
                   f"departments, {summary['team_members']} team members, "
                   f"{summary['competitors']} competitors.")
        for opp in summary["opportunities"]:
            click.echo(f"  opportunity #{opp['id']}: {opp['name']}")
    if no_serve:
        click.echo(f"See it with: powermap --db {store.path} show")
        return
    from .serve import serve_app

    serve_app(store.path, host, port)


@click.command()
def accounts() -> None:
    """List the accounts and their opportunities."""
    store = open_store()
    rows = store.rows("account", order_by="name")
    if not rows:
        click.echo("No accounts yet: run `powermap demo` or `powermap account add --name …`.")
    for account in rows:
        click.echo(f"#{account['id']}  {account['name']}")
        for opp in store.rows("opportunity", "account_id = ?", [account["id"]]):
            click.echo(f"      opportunity #{opp['id']}  {opp['name']}  ({opp['stage']})")


@click.command()
@click.argument("account", required=False, metavar="[ACCOUNT]")
def show(account: str | None) -> None:
    """Show an account (id or name): opportunities, buying centers, people and team.

    Without ACCOUNT, shows the only account in the database.
    """
    from ..textview import account_text

    store = open_store()
    if account is None:
        ids = [a["id"] for a in store.rows("account")]
        if len(ids) != 1:
            fail("name the account to show (see `powermap accounts`)" if ids else
                 "the database has no accounts yet; run `powermap demo` to load one")
        account_id = ids[0]
    else:
        account_id = store.resolve("account", account)
    click.echo(account_text(store, account_id))


COMMANDS = [init, demo, accounts, show]
