"""The global options (``--db``, ``--lang``) on every command, not only on ``powermap``.

People type ``powermap demo --db x.db`` as often as ``powermap --db x.db demo``;
both mean the same. The ``powermap`` group reads the options first; a command
given them as well overrides the group's choice (``--lang`` already works so,
see :mod:`powermap.cli.language`). ``$POWERMAP_DB`` is read by the group only.
"""

from __future__ import annotations

import click

from ..i18n import _l
from .help import Option
from .language import language_option

__all__ = ["add_global_options"]


def _choose_db(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        root = ctx.find_root()
        root.obj = {**(root.obj or {}), "db_path": value}


def _db_option() -> click.Option:
    return Option(["--db", "db_path"], metavar="PATH", default=None, expose_value=False,
                  callback=_choose_db,
                  help=_l("SQLite database file [default: $POWERMAP_DB or ./powermap.db]."))


def _lang_option() -> click.Option:
    def holder() -> None:
        pass

    return language_option(holder).__click_params__[0]


def add_global_options(group: click.Group) -> None:
    """Give every command under ``group`` (and its sub-groups) ``--db`` and ``--lang``."""
    for command in group.commands.values():
        names = {opt for param in command.params for opt in getattr(param, "opts", ())}
        if "--db" not in names:
            command.params.append(_db_option())
        if "--lang" not in names:
            command.params.append(_lang_option())
        if isinstance(command, click.Group):
            add_global_options(command)
