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

from ..i18n import _, _l
from .help import Failure, Group, Option, option
from .language import language_option

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["main", "cli", "open_store", "database_path", "fail"]


class _Root(Group):
    """The ``powermap`` group: refuses arguments that are not text before parsing them."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        for arg in args:
            shown = _undecodable(arg)
            if shown is not None:
                from .. import i18n
                from .language import help_locale

                with i18n.use_locale(help_locale(ctx)):
                    raise Failure(_("the argument %(argument)s is not valid UTF-8 text; "
                                    "retype it or rename the file", argument=shown))
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context):
        """The safety net for input nothing upstream refused: one line, not a traceback.

        A lone surrogate, nesting beyond the parser or a number beyond any float
        in a file being read should be refused where it is read, with a precise
        message; one that slips past still ends as ``Error: …``.
        """
        try:
            return super().invoke(ctx)
        except (UnicodeError, RecursionError, OverflowError) as exc:
            raise Failure(_("the input holds a value powermap cannot read (%(kind)s)",
                            kind=type(exc).__name__)) from None


def _undecodable(arg: str) -> str | None:
    """``arg`` shown with its invalid bytes escaped if the system could not decode it, else None.

    Python hands undecodable bytes of ``sys.argv`` over as lone surrogates
    (PEP 383), which no file name, SQLite query or message can carry.
    """
    try:
        arg.encode("utf-8")
    except UnicodeEncodeError:
        raw = arg.encode("utf-8", "surrogateescape")
        return raw.decode("utf-8", "backslashreplace")
    return None


@click.group(cls=_Root, context_settings={"help_option_names": ["-h", "--help"]},
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


def open_store(ctx: click.Context | None = None, *, create: bool = False) -> Store:
    """Open the database chosen with ``--db`` (closed when the command ends).

    Only ``init`` and ``demo`` pass ``create=True``; every other command
    refuses a file that does not exist, so a mistyped ``--db`` is an error
    instead of a new empty database.
    """
    from ..store import Store

    ctx = ctx or click.get_current_context()
    root = ctx.find_root()
    if "store" not in root.obj:
        store = Store(database_path(ctx), create=create)
        root.obj["store"] = store
        root.call_on_close(store.close)
    return root.obj["store"]


def fail(message: str) -> None:
    """Stop the command with one line on stderr and exit code 1."""
    raise Failure(message)


def _register() -> None:
    from . import record_imports, records, show, transfer

    for command in (*records.COMMANDS, *show.COMMANDS, *transfer.COMMANDS):
        cli.add_command(command)
    record_imports.register(transfer.import_group)
    from . import analysis, backup, campaign, history, portfolio, serve, users

    for command in (*analysis.COMMANDS, *campaign.COMMANDS, *portfolio.COMMANDS,
                    *serve.COMMANDS, *backup.COMMANDS, *history.COMMANDS, *users.COMMANDS):
        cli.add_command(command)
    from .globals import add_global_options

    add_global_options(cli)


_register()


def main() -> None:
    """Console-script entry point."""
    try:
        cli.main(prog_name="powermap", windows_expand_args=False)
    except SystemExit:
        from .pipe import flush_or_stop

        flush_or_stop()  # output still buffered for a reader that left: quiet, not a warning
        raise


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
