"""Help and error text of the ``powermap`` command in the command's language.

click reads ``help=`` when a command is declared (at import time) and cleans an
option's help right away (``inspect.cleandoc``), which would fix it in English.
So help texts are lazy strings (``_l``) and the classes here keep them lazy
until the help is written, when ``--lang`` (or ``$POWERMAP_LANG``, the system
locale) has chosen the language:

* :class:`Option` (through :func:`option`) keeps its lazy help;
* :class:`Command` and :class:`Group` write usage, section headings and the
  ``--help`` option's own text through powermap's catalog, and choose the
  language from the environment when ``--help`` comes before ``--lang`` is read;
* :class:`Failure` is the one-line error, its ``Error:`` prefix translated when
  it is raised (click prints it after the command's language was restored);
  both classes turn powermap's own errors (and a file that cannot be read or
  written) into one, inside the command, where ``demo --lang``/``export --lang``
  still hold.

click's other words (its parser's messages such as "No such option", "Missing
argument", "Try ... for help.") come from the stdlib ``gettext`` domain and stay
English: translating them would mean changing process-wide gettext state.
"""

from __future__ import annotations

import functools

import click

from ..i18n import LazyString, _, _l

__all__ = ["Option", "option", "Command", "command", "Group", "group", "Failure"]

#: click's section headings, as msgids of powermap's catalog.
_HEADINGS = {"Options": _l("Options"), "Commands": _l("Commands"),
             "Positional arguments": _l("Positional arguments")}


class Option(click.Option):
    """A click option whose help text stays lazy (translated when the help is written)."""

    def __init__(self, *args, help: str | LazyString | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.help = help

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        record = super().get_help_record(ctx)
        return None if record is None else (record[0], str(record[1]))


#: ``click.option`` with :class:`Option`: use it for every option with a ``help=``.
option = functools.partial(click.option, cls=Option)


class _HelpFormatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, _("Usage: ") if prefix is None else prefix)

    def write_dl(self, rows, *args, **kwargs) -> None:
        super().write_dl([(str(term), str(text)) for term, text in rows], *args, **kwargs)

    def write_heading(self, heading: str) -> None:
        heading = _("%(heading)s:", heading=heading)
        self.write(f"{'':>{self.current_indent}}{heading}\n")

    def section(self, name: str):
        return super().section(str(_HEADINGS.get(name, name)))


class _Context(click.Context):
    formatter_class = _HelpFormatter


class _Localized:
    """What :class:`Command` and :class:`Group` share: help written in the chosen language."""

    context_class = _Context

    def get_help(self, ctx: click.Context) -> str:
        from .. import i18n
        from .language import help_locale

        with i18n.use_locale(help_locale(ctx)):
            return super().get_help(ctx)

    def invoke(self, ctx: click.Context):
        """Run the command; powermap's errors become one line, while its language holds."""
        from ..errors import PowermapError

        try:
            return super().invoke(ctx)
        except PowermapError as exc:
            raise Failure(str(exc)) from None
        except BrokenPipeError:  # the reader of the output stopped early: no error
            from .pipe import reader_gone

            reader_gone()
        except OSError as exc:
            if exc.filename:
                raise Failure(_("%(reason)s: %(file)s", reason=exc.strerror or exc,
                                file=exc.filename)) from None
            raise Failure(str(exc.strerror or exc)) from None

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        help_option = super().get_help_option(ctx)
        if help_option is not None:
            help_option.help = _l("Show this message and exit.")
        return help_option

    def get_short_help_str(self, limit: int = 45) -> str:
        return str(super().get_short_help_str(limit))


class Command(_Localized, click.Command):
    """A click command with its help in the command's language."""


class Group(_Localized, click.Group):
    """A click group with its help in the command's language; its sub-commands are too."""

    command_class = Command
    group_class = type


#: ``click.command`` / ``click.group`` with the classes above: use them for every command.
command = functools.partial(click.command, cls=Command)
group = functools.partial(click.group, cls=Group)


class Failure(click.ClickException):
    """One line on stderr (``Error: …`` in the command's language) and exit code 1."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.line = _("Error: %(message)s", message=message)

    def show(self, file=None) -> None:
        click.echo(self.line, err=file is None, file=file)
