"""The CLI's language: --lang, $POWERMAP_LANG, the system locale, English."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from powermap import i18n
from powermap.cli import cli
from powermap.cli.language import language_option

_CLEAN = {"POWERMAP_LANG": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": None}


@click.group()
@language_option
def probe_group() -> None:
    """A group with the same option as ``powermap``'s."""


@probe_group.command()
def probe() -> None:
    click.echo(f"{i18n.current_locale()} {i18n.gettext('Language')}")


@pytest.mark.parametrize(("args", "env", "out"), [
    (["--lang", "zh_CN"], {}, "zh_CN 语言"),
    (["--lang", "zh-CN"], {"POWERMAP_LANG": "en"}, "zh_CN 语言"),
    (["--lang", "en"], {"LANG": "zh_CN.UTF-8"}, "en Language"),
    ([], {"POWERMAP_LANG": "zh_CN", "LANG": "en_US.UTF-8"}, "zh_CN 语言"),
    ([], {"LANG": "zh_CN.UTF-8"}, "zh_CN 语言"),
    ([], {"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "en Language"),
    ([], {"LANG": "de_DE.UTF-8"}, "en Language"),
    ([], {}, "en Language"),
])
def test_the_command_runs_in_the_chosen_language(args, env, out):
    result = CliRunner().invoke(probe_group, [*args, "probe"], env={**_CLEAN, **env})
    assert result.exit_code == 0, result.output
    assert result.output == out + "\n"
    assert i18n.current_locale() == "en"  # restored when the command ends


def test_powermap_has_the_option(tmp_path):
    result = CliRunner().invoke(cli, ["--lang", "zh_CN", "--db", str(tmp_path / "x.db"),
                                      "accounts"], env=_CLEAN)
    assert result.exit_code == 0, result.output
    assert "--lang LANG" in CliRunner().invoke(cli, ["--help"]).output


def test_an_unknown_lang_option_is_a_usage_error():
    result = CliRunner().invoke(cli, ["--lang", "fr", "accounts"], env=_CLEAN)
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: Invalid value for '--lang': 'fr' is not a language powermap speaks: "
        "use en or zh_CN.")


def test_an_unknown_powermap_lang_is_one_line():
    result = CliRunner().invoke(cli, ["accounts"], env={**_CLEAN, "POWERMAP_LANG": "klingon"})
    assert result.exit_code == 1
    assert result.output == ("Error: $POWERMAP_LANG: 'klingon' is not a language powermap "
                             "speaks: use en or zh_CN.\n")
