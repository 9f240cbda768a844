"""``--lang``: the language the CLI speaks, chosen once per command.

``--lang``, else ``$POWERMAP_LANG``, else the system locale (``LC_ALL``,
``LC_MESSAGES``, ``LANG``), else English; see :func:`powermap.i18n.cli_locale`.
The language stays in force until the command ends (exports included).
"""

from __future__ import annotations

import os

import click

from .. import i18n

__all__ = ["language_option"]


def _choose(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
    try:
        locale = i18n.cli_locale(value, os.environ)
    except ValueError as exc:
        if value:
            raise click.BadParameter(str(exc), ctx, param) from None
        raise click.ClickException(str(exc)) from None
    ctx.with_resource(i18n.use_locale(locale))
    return locale


language_option = click.option(
    "--lang", metavar="LANG", expose_value=False, is_eager=True, callback=_choose,
    help="Interface language: en or zh_CN [default: $POWERMAP_LANG, else the system "
         "locale, else en].")
