"""``--lang``: the language the CLI speaks, chosen once per command.

``--lang``, else ``$POWERMAP_LANG``, else the system locale (``LC_ALL``,
``LC_MESSAGES``, ``LANG``), else English; see :func:`powermap.i18n.cli_locale`.
The language stays in force until the command ends (exports included).

The option sits on the ``powermap`` group (``powermap --lang zh_CN show``) and
on the commands where people naturally type it last (``powermap demo --lang
zh_CN``, ``powermap export --lang zh_CN …``): there it overrides the group's
choice when given and leaves it alone otherwise.
"""

from __future__ import annotations

import os

import click

from .. import i18n
from .help import option

__all__ = ["language_option", "help_locale"]

#: Key of ``ctx.meta`` (shared by a command and its sub-commands) holding the chosen locale.
_CHOSEN = "powermap.locale"


def _choose(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None and ctx.parent is not None and _CHOSEN in ctx.meta:
        return None  # a sub-command's --lang not given: the group's choice stands
    try:
        locale = i18n.cli_locale(value, os.environ)
    except ValueError as exc:
        if value:
            raise click.BadParameter(str(exc), ctx, param) from None
        raise click.ClickException(str(exc)) from None
    ctx.with_resource(i18n.use_locale(locale))
    ctx.meta[_CHOSEN] = locale
    return locale


def help_locale(ctx: click.Context) -> str:
    """The language to write ``--help`` in, also when ``--help`` is read before ``--lang``.

    Help must never fail: an unknown ``$POWERMAP_LANG`` gives English here (the
    command itself reports it).
    """
    if _CHOSEN in ctx.meta:
        return i18n.current_locale()
    try:
        return i18n.cli_locale(None, os.environ)
    except ValueError:
        return i18n.SOURCE_LOCALE


language_option = option(
    "--lang", metavar="LANG", expose_value=False, is_eager=True, callback=_choose,
    help=i18n._l("Interface language: en or zh_CN [default: $POWERMAP_LANG, else the system "
                 "locale, else en]."))
