"""Global options before or after the command; a missing database or folder is one line."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from powermap.cli import cli
from powermap.demo import DEMO_ACCOUNT
from powermap.store import Store


def _commands(group: click.Group, prefix=()):
    for name, command in sorted(group.commands.items()):
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))


def test_every_command_takes_the_global_options():
    for path, command in _commands(cli):
        names = {opt for param in command.params for opt in getattr(param, "opts", ())}
        assert {"--db", "--lang"} <= names, " ".join(path)


def test_demo_with_db_after_the_command(tmp_path):
    db = tmp_path / "x.db"
    result = CliRunner().invoke(cli, ["demo", "--no-serve", "--db", str(db), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert db.exists()
    with Store(db) as store:  # the demo account (30 people), and the portfolio around it
        [demo] = store.rows("account", "name = ?", [DEMO_ACCOUNT])
        assert len(store.rows("stakeholder", "account_id = ?", [demo["id"]])) == 30
        assert len(store.rows("account")) == 14


def test_db_after_a_nested_command_wins_over_the_group(tmp_path):
    real, other = tmp_path / "real.db", tmp_path / "other.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", str(real), "init"]).exit_code == 0
    assert runner.invoke(cli, ["--db", str(other), "init"]).exit_code == 0
    result = runner.invoke(cli, ["--db", str(other), "account", "add", "--name", "Acme",
                                 "--db", str(real)])
    assert result.exit_code == 0, result.output
    with Store(real) as store:
        assert [a["name"] for a in store.rows("account")] == ["Acme"]
    with Store(other) as store:
        assert store.rows("account") == []


def test_lang_after_a_command():
    result = CliRunner().invoke(cli, ["accounts", "--lang", "zh_CN", "--db", "/nonexistent.db"])
    assert result.exit_code == 1
    assert result.output.startswith("错误：")


@pytest.mark.parametrize("args", [
    ["accounts"], ["show"], ["account", "list"], ["account", "add", "--name", "Acme"],
    ["stakeholder", "add", "--name", "Li", "--account", "1"],
    ["analyze", "1"], ["export", "1"],
])
def test_a_missing_database_is_refused_and_not_created(tmp_path, args):
    db = tmp_path / "typo.db"
    result = CliRunner().invoke(cli, [*args, "--db", str(db), "--lang", "en"])
    assert result.exit_code == 1
    assert result.output == (f"Error: no database at {db}; run `powermap init` or "
                             "`powermap demo` first\n")
    assert not db.exists()


def test_import_into_a_missing_database_is_refused(tmp_path):
    table = tmp_path / "people.csv"
    table.write_text("Name,Account\nLi Wei,Acme\n", encoding="utf-8")
    db = tmp_path / "typo.db"
    result = CliRunner().invoke(cli, ["import", "stakeholders", str(table), "--db", str(db),
                                      "--lang", "en"])
    assert result.exit_code == 1
    assert "no database at" in result.output
    assert not db.exists()


@pytest.mark.parametrize("args", [["init"], ["demo", "--no-serve"], ["accounts"]])
def test_a_missing_folder_is_one_line(tmp_path, args):
    db = tmp_path / "nodir" / "x.db"
    result = CliRunner().invoke(cli, [*args, "--db", str(db), "--lang", "en"])
    assert result.exit_code == 1
    assert result.output == (f"Error: cannot open the database {db}: the folder "
                             f"{db.parent} does not exist\n")


def test_backup_into_a_missing_folder_is_one_line(tmp_path):
    db = tmp_path / "x.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["init", "--db", str(db)]).exit_code == 0
    target = tmp_path / "nodir" / "b.db"
    result = runner.invoke(cli, ["backup", str(target), "--db", str(db), "--lang", "en"])
    assert result.exit_code == 1
    assert result.output == f"Error: The folder {target.parent} does not exist.\n"
    assert not result.exception or isinstance(result.exception, SystemExit)


def _read_one_line_then_close(args: list[str]) -> tuple[str, int, str]:
    """Run ``python -m powermap ARGS`` into a reader that takes one line and closes the
    pipe (as ``| head -1`` does): (that line, exit status, standard error)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root), "PYTHONIOENCODING": "utf-8"}
    process = subprocess.Popen([sys.executable, "-m", "powermap", *args], cwd=root, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    line = process.stdout.readline().decode("utf-8")
    process.stdout.close()  # the reader stops early; far more is still to come
    error = process.stderr.read().decode("utf-8")
    process.stderr.close()
    return line, process.wait(timeout=60), error


def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path):
    """Regression: ``powermap accounts | head -1`` printed "Error: Broken pipe" (status 1)."""
    db = tmp_path / "many.db"
    with Store(db) as store:  # about 170 KB of list: more than a pipe holds
        store.create_many("account", [{"name": f"Account number {n} 账户"}
                                      for n in range(5000)])
    line, status, error = _read_one_line_then_close(["--db", str(db), "accounts"])
    assert line.split() == ["#1", "Account", "number", "0", "账户"]
    assert (status, error) == (141, "")
