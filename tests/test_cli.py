"""The powermap command: help everywhere, clear one-line errors, building a map by hand."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from powermap.cli import cli
from powermap.store import Store

README = Path(__file__).resolve().parent.parent / "README.md"


def _commands(group: click.Group, prefix=()):
    for name, command in sorted(group.commands.items()):
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))


@pytest.fixture
def run(db_path):
    runner = CliRunner()

    def invoke(*args, ok=True):
        result = runner.invoke(cli, ["--db", db_path, *args])
        if ok:
            assert result.exit_code == 0, result.output
        return result
    return invoke


def test_every_command_has_help_text():
    for path, command in _commands(cli):
        assert command.help or command.short_help, " ".join(path)
        result = CliRunner().invoke(cli, [*path, "--help"])
        assert result.exit_code == 0, path


def test_readme_mentions_every_top_level_command():
    readme = README.read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"powermap {name}" in readme or f"`{name}`" in readme, name


def test_build_a_map_by_hand(run, db_path):
    run("init")
    run("account", "add", "--name", "华东电力", "--industry", "Energy")
    run("opportunity", "add", "--account", "华东电力", "--name", "ERP 2027", "--value", "1000000")
    run("stakeholder", "add", "--account", "华东电力", "--name", "陈总", "--title", "CEO",
        "--level", "1")
    run("stakeholder", "add", "--account", "华东电力", "--name", "Li Wei", "--department", "IT")
    assert "Created relationship #1" in run("relationship", "add", "--source", "Li Wei",
                                             "--target", "陈总", "--type", "reports_to").output
    run("buying-center", "add", "--opportunity", "ERP 2027", "--stakeholder", "陈总",
        "--roles", "decision_maker,approver", "--influence", "5")
    result = run("buying-center", "edit", "1", "--attitude", "1", "--version", "1")
    assert result.output == "Updated buying center entry #1 (now version 2).\n"
    run("team-member", "add", "--account", "华东电力", "--name", "Alice", "--role", "account_lead")
    run("coverage", "add", "--team-member", "Alice", "--stakeholder", "Li Wei", "--strength", "3",
        "--owner")
    shown = run("show", "华东电力").output
    assert "Opportunity #1  ERP 2027" in shown
    assert "Decision maker, Approver" in shown and "attitude +1 supporter" in shown
    assert "#2 Li Wei  → reports to 陈总" in shown
    assert "Alice — Account lead: Li Wei (trusted)" in shown
    with Store(db_path) as store:
        assert store.get("coverage", 1)["owner"] is True
    removed = run("stakeholder", "remove", "Li Wei", "--yes").output
    assert "Removed stakeholder #2 'Li Wei'" in removed
    with Store(db_path) as store:
        assert store.rows("relationship") == [] and store.rows("coverage") == []


@pytest.mark.parametrize("args, message", [
    (["stakeholder", "add", "--account", "Nope", "--name", "X"],
     "Error: new stakeholder 'X' field 'account_id': no account 'Nope'\n"),
    (["account", "add", "--name", "Acme", "--size", "many"],
     "Error: new account 'Acme' field 'size': expected a whole number, got 'many'\n"),
    (["buying-center", "edit", "99", "--attitude", "1"], "Error: no buying center entry 99\n"),
    (["show"], "Error: the database has no accounts yet; run `powermap demo` to load one\n"),
])
def test_bad_input_is_one_line_without_traceback(run, args, message):
    run("init")
    result = run(*args, ok=False)
    assert result.exit_code == 1
    assert result.output == message
    assert "Traceback" not in result.output


def test_stale_version_from_the_cli(run):
    run("init")
    run("account", "add", "--name", "Acme")
    run("account", "edit", "Acme", "--industry", "Retail")
    result = run("account", "edit", "Acme", "--industry", "Mining", "--version", "1", ok=False)
    assert result.exit_code == 1
    assert "was changed by someone else (you edited version 1, it is now at version 2)" in \
        result.output


def test_demo_no_serve_then_show(run, db_path):
    result = run("demo", "--no-serve")
    assert "30 stakeholders in 5 departments, 3 team members, 2 competitors" in result.output
    assert result.output.endswith(" show 1\n")
    shown = run("show", "1").output
    assert "智能电网分析平台 Smart Grid Analytics" in shown
    assert "? Legal counsel sign-off (unknown)" in shown
    again = run("demo", "--no-serve")
    assert "The demo account is already in" in again.output


def test_demo_refuses_a_database_with_other_data(run):
    run("init")
    run("account", "add", "--name", "Real customer")
    result = run("demo", "--no-serve", ok=False)
    assert result.exit_code == 1 and "already holds data" in result.output


def test_db_defaults_to_environment_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("POWERMAP_DB", str(tmp_path / "env.db"))
    result = CliRunner().invoke(cli, ["init"])
    assert result.exit_code == 0 and str(tmp_path / "env.db") in result.output
