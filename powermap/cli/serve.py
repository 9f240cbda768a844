"""``powermap serve``: run the web app under waitress, a production WSGI server.

Binds 127.0.0.1 by default. With no user in the database the app runs in
local mode (no sign-in), so binding another address is refused until a user
exists (``powermap user add --admin LOGIN``; docs/users.md).
"""

from __future__ import annotations

from collections.abc import Callable

import click

from ..i18n import _, _l
from . import database_path, fail
from .help import command, option

__all__ = ["serve", "serve_app", "is_loopback", "COMMANDS"]


def serve_app(db_path: str, host: str = "127.0.0.1", port: int = 5000, *,
              threads: int = 4, echo: Callable[[str], None] = click.echo) -> None:
    """Serve the app on ``db_path`` at ``http://host:port/`` until interrupted.

    Prints the URL first (through ``echo``) so a person can open it;
    ``powermap demo`` calls this to serve the demo database.
    """
    import waitress

    from ..store import Store
    from ..users import any_users
    from ..web import create_app

    with Store(db_path) as store:  # a file the app cannot use stops it here, in one line
        has_users = any_users(store)
    if not has_users and not is_loopback(host):
        fail(_("%(host)s lets other machines connect, but the database has no users, so anyone "
               "could read and change every account. Add an administrator first with: "
               "powermap user add --admin LOGIN", host=host))
    app = create_app({"DATABASE": db_path})
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/"
    echo(_("powermap is serving %(path)s at %(url)s (Ctrl+C to stop)", path=db_path, url=url))
    # waitress drops X-Forwarded-* unless told to pass them on to the app's ProxyFix
    waitress.serve(app, host=host, port=port, threads=threads, ident="powermap",
                   clear_untrusted_proxy_headers=not app.config["PROXIES"])


def is_loopback(host: str) -> bool:
    """Whether ``host`` (an address or a name) is reachable from this machine only."""
    import ipaddress

    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@command(help=_l("Serve the web app (pages and the JSON API under /api/v1) with "
                       "waitress."))
@option("--host", default="127.0.0.1", show_default=True,
        help=_l("Address to listen on (0.0.0.0 to let other machines connect)."))
@option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535),
        help=_l("Port to listen on."))
@option("--threads", default=4, show_default=True, type=click.IntRange(1, 64),
        help=_l("Worker threads."))
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, threads: int) -> None:
    serve_app(database_path(ctx), host, port, threads=threads)


COMMANDS = [serve]
