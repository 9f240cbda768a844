"""The ``powermap`` command: one click group, one module per area.

Errors a person can fix are printed as one line on stderr with a non-zero
exit code, never a traceback.

Start-up stays fast (``powermap --help`` imports click and powermap's
declarations only): the store, sqlite-utils, the analyses (networkx, numpy,
scipy), the web app (Flask) and the exporters (pyvis, openpyxl) are imported
inside the commands that use them. ``tests/test_startup.py`` checks this.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from ..i18n import _l
from .help import Failure, Group, Option, option
from .language import language_option

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["main", "cli", "open_store", "database_path", "fail"]


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]},
             help=_l("powermap: stakeholder power maps and relationship planning for key "
                     "accounts."))
@option("--db", "db_path", metavar="PATH", envvar="POWERMAP_DB", default=None,
        help=_l("SQLite database file [default: $POWERMAP_DB or ./powermap.db]."))
@language_option
@click.version_option(package_name="powermap", cls=Option,
                      help=_l("Show the version and exit."))
@click.pass_context
def cli(ctx: click.Context, db_path: str | None) -> None:
    ctx.obj = {"db_path": db_path}


def database_path(ctx: click.Context | None = None) -> str:
    """The database file chosen with ``--db``, else :func:`powermap.store.default_db_path`."""
    root = (ctx or click.get_current_context()).find_root()
    if root.obj["db_path"] is None:
        from ..store import default_db_path

        root.obj["db_path"] = default_db_path()
    return root.obj["db_path"]


def open_store(ctx: click.Context | None = None) -> Store:
    """Open the database chosen with ``--db`` (closed when the command ends)."""
    from ..store import Store

    ctx = ctx or click.get_current_context()
    root = ctx.find_root()
    if "store" not in root.obj:
        store = Store(database_path(ctx))
        root.obj["store"] = store
        root.call_on_close(store.close)
    return root.obj["store"]


def fail(message: str) -> None:
    """Stop the command with one line on stderr and exit code 1."""
    raise Failure(message)


def _register() -> None:
    from . import records, show, transfer

    for command in (*records.COMMANDS, *show.COMMANDS, *transfer.COMMANDS):
        cli.add_command(command)
    from . import analysis, backup, serve

    for command in (*analysis.COMMANDS, *serve.COMMANDS, *backup.COMMANDS):
        cli.add_command(command)


_register()


def main() -> None:
    """Console-script entry point."""
    cli.main(prog_name="powermap", windows_expand_args=False)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
