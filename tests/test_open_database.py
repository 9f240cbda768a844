"""A database file powermap cannot use is one clear line, never a traceback or a new file."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlite_utils import Database

from powermap.cli import cli
from powermap.migrations import migrations
from powermap.store import Store

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), env={"POWERMAP_LANG": "en"})


def _newer(path: str) -> None:
    with Store(path) as store:
        store.db["_sqlite_migrations"].insert(
            {"migration_set": "powermap", "name": "0099_from_the_future",
             "applied_at": "2030-01-01 00:00:00+00:00"})


def _half_applied(path: str) -> None:
    """0001 recorded, and one column of 0002 added by hand without its record."""
    db = Database(path)
    migrations.apply(db, stop_before="0002_account_classification")
    db.execute("ALTER TABLE accounts ADD COLUMN tier TEXT")
    db.conn.commit()
    db.conn.close()


def test_a_read_command_refuses_a_missing_database(tmp_path):
    path = str(tmp_path / "typo.db")
    for command in (["accounts"], ["show"], ["analyze", "1"], ["account", "list"],
                    ["export", "1"]):
        result = _run("--db", path, *command)
        assert (result.exit_code, result.output) == (1, (
            f"Error: no database at {path}; run `powermap init` or `powermap demo` first\n"))
    assert not os.path.exists(path)


def test_only_init_and_demo_create_the_database(tmp_path):
    for number, command in enumerate((["init"], ["demo", "--no-serve"])):
        path = str(tmp_path / f"new{number}.db")
        assert _run("--db", path, *command).exit_code == 0
        assert os.path.exists(path)
    path = str(tmp_path / "typo.db")
    assert _run("--db", path, "account", "add", "--name", "Acme").exit_code == 1
    assert not os.path.exists(path)


def test_unusable_files_are_one_line(tmp_path):
    noise = tmp_path / "noise.db"
    noise.write_bytes(bytes(range(256)) * 20)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY)")
    conn.close()
    newer, half = str(tmp_path / "newer.db"), str(tmp_path / "half.db")
    _newer(newer)
    _half_applied(half)
    cases = {
        "/nonexistent/dir/x.db": "Error: cannot open the database /nonexistent/dir/x.db: the "
                                 "folder /nonexistent/dir does not exist\n",
        str(noise): f"Error: {noise} is not a powermap database (it is not an SQLite file)\n",
        str(other): f"Error: {other} is not a powermap database (it holds other tables: "
                    "customers, invoices)\n",
        newer: f"Error: {newer} was written by a newer powermap (schema change "
               "0099_from_the_future is unknown to this version); upgrade powermap to open it\n",
        half: f"Error: cannot upgrade the database {half}: schema change "
              "0002_account_classification failed (duplicate column name: tier); the file "
              "was left as it was\n",
    }
    for path, message in cases.items():
        for command in (["accounts"], ["init"]):
            result = _run("--db", path, *command)
            assert (result.exit_code, result.output) == (1, message), command
    with sqlite3.connect(other) as conn:  # nothing was added to another program's file
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master ORDER BY name")] == [
            "customers", "invoices"]
    conn.close()
    assert [m.name for m in migrations.applied(Database(half))] == ["0001_initial"]


def test_the_message_is_translated(tmp_path):
    path = str(tmp_path / "typo.db")
    result = CliRunner().invoke(cli, ["--lang", "zh_CN", "--db", path, "accounts"])
    assert result.output == (f"错误：{path} 处没有数据库；请先运行 `powermap init` 或 "
                             "`powermap demo`\n")


def test_serve_refuses_a_newer_database_at_start(tmp_path):
    path = str(tmp_path / "newer.db")
    _newer(path)
    result = _run("--db", path, "serve", "--port", "1")
    assert (result.exit_code, result.output) == (1, (
        f"Error: {path} was written by a newer powermap (schema change 0099_from_the_future "
        "is unknown to this version); upgrade powermap to open it\n"))


def test_a_request_on_an_unusable_database_says_why(tmp_path):
    from powermap.web import create_app

    path = str(tmp_path / "newer.db")
    _newer(path)
    client = create_app({"DATABASE": path, "TESTING": True}).test_client()
    response = client.get("/api/v1/accounts")
    assert response.status_code == 500
    assert response.get_json() == {"error": "database", "message": (
        f"{path} was written by a newer powermap (schema change 0099_from_the_future is "
        "unknown to this version); upgrade powermap to open it")}
    page = client.get("/accounts")
    assert page.status_code == 500
    assert "was written by a newer powermap" in page.get_data(as_text=True)


@pytest.mark.parametrize("args, shown", [
    ([b"--db", b"\xff.db", b"accounts"], "\\xff.db"),
    ([b"show", b"Acme\xfe"], "Acme\\xfe"),
])
def test_an_argument_that_is_not_utf8_is_one_line(tmp_path, args, shown):
    env = {**os.environ, "POWERMAP_LANG": "en", "LC_ALL": "C.UTF-8", "PYTHONPATH": str(ROOT),
           "POWERMAP_DB": str(tmp_path / "x.db")}
    result = subprocess.run([sys.executable.encode(), b"-m", b"powermap", *args], cwd=tmp_path,
                            env=env, capture_output=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.decode() == (f"Error: the argument {shown} is not valid UTF-8 text; "
                                      "retype it or rename the file\n")
    assert not os.listdir(tmp_path)
