"""A malformed file or value given to a command is one ``Error:`` line, never a traceback."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from powermap.cli import cli


def _run(db_path: str, *args: str):
    return CliRunner().invoke(cli, ["--db", db_path, *args], env={"POWERMAP_LANG": "en"})


@pytest.mark.parametrize("content", [
    "[" * 100_000 + "]" * 100_000,
    json.dumps({"format": "powermap", "format_version": 1, "account": {"name": "\ud800x"},
                "opportunities": [], "stakeholders": []}),
])
def test_a_map_file_nothing_can_hold_is_one_line(tmp_path, db_path, content):
    path = tmp_path / "map.json"
    path.write_text(content, encoding="utf-8")
    result = _run(db_path, "import", "map", str(path))
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")
    assert "Traceback" not in result.output and result.exception.__class__ is SystemExit


def test_a_number_beyond_a_float_is_one_line(db_path):
    _run(db_path, "init")
    big = "9" * 400
    result = _run(db_path, "account", "add", "--name", "Acme", "--cumulative-sales", big)
    assert (result.exit_code, result.output) == (1, (
        f"Error: new account 'Acme' field 'cumulative_sales': expected a finite number, "
        f"got '{big}'\n"))


def test_a_whole_number_beyond_python_is_one_line(db_path):
    _run(db_path, "init")
    huge = "9" * 5000  # more digits than int() converts
    result = _run(db_path, "account", "add", "--name", "Acme", "--size", huge)
    assert (result.exit_code, result.output) == (1, (
        f"Error: new account 'Acme' field 'size': expected a whole number, got '{huge}'\n"))


def test_the_safety_net_is_one_translated_line(db_path, monkeypatch):
    from powermap.cli import show

    def overflow(*args, **kwargs):
        raise OverflowError("int too large to convert to float")

    _run(db_path, "init")
    monkeypatch.setattr(show, "open_store", overflow)
    result = _run(db_path, "accounts")
    assert (result.exit_code, result.output) == (
        1, "Error: the input holds a value powermap cannot read (OverflowError)\n")
