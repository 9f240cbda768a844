"""The app factory, the per-request store and the serve command."""

from __future__ import annotations

import os

from click.testing import CliRunner
from flask import Flask, g

import powermap
from powermap.cli import cli
from powermap.cli import serve as serve_module
from powermap.store import Store
from powermap.web import create_app, get_store


def test_create_app_touches_no_database(tmp_path):
    path = tmp_path / "never.db"
    app = create_app({"DATABASE": str(path)})
    assert isinstance(app, Flask)
    assert not path.exists()


def test_package_create_app_delegates_for_flask_cli(tmp_path):
    app = powermap.create_app({"DATABASE": str(tmp_path / "x.db")})
    assert app.config["DATABASE"] == str(tmp_path / "x.db")
    assert "api.account_collection" in app.view_functions


def test_database_defaults_to_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("POWERMAP_DB", str(tmp_path / "env.db"))
    assert create_app().config["DATABASE"] == str(tmp_path / "env.db")


def test_apps_on_one_database_share_the_persisted_secret_key(tmp_path, monkeypatch):
    """Several workers (and restarts) on one file sign sessions with one key: a form
    drawn by one app is taken by another. Was a random key per process."""
    monkeypatch.delenv("POWERMAP_SECRET_KEY", raising=False)
    path = str(tmp_path / "shared.db")
    first, second = create_app({"DATABASE": path}), create_app({"DATABASE": path})
    assert first.secret_key is None  # read from the database per request
    with first.test_client() as a, second.test_client() as b:
        page = a.get("/records/accounts/new")
        token = page.get_data(as_text=True).split('name="csrf_token" value="')[1].split('"')[0]
        cookie = a.get_cookie("session")
        b.set_cookie("session", cookie.value)
        answer = b.post("/records/accounts/new", data={"csrf_token": token, "name": "Acme"})
        assert answer.status_code == 303
    with Store(path) as store:
        assert [a["name"] for a in store.rows("account")] == ["Acme"]
        key = store.db.execute("SELECT value FROM settings WHERE key = 'secret_key'").fetchone()
        assert len(key[0]) == 64


def test_environment_secret_key_overrides_the_persisted_one(tmp_path, monkeypatch):
    monkeypatch.setenv("POWERMAP_SECRET_KEY", "from-the-environment")
    assert create_app({"DATABASE": str(tmp_path / "x.db")}).secret_key == "from-the-environment"


def test_store_is_per_request_and_closed_on_teardown(app):
    with app.app_context():
        store = get_store()
        assert isinstance(store, Store)
        assert get_store() is store
    assert store.db.conn is not None
    try:
        store.db.execute("SELECT 1")
    except Exception as exc:  # closed connection
        assert "closed" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("the store was not closed on teardown")
    with app.app_context():
        assert "store" not in g


def test_static_and_templates_come_from_resources(client):
    response = client.get("/static/app.css")
    assert response.status_code == 200
    assert b"@media print" in response.data
    response.close()


def test_serve_command_is_registered_and_documented():
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--host" in result.output and "127.0.0.1" in result.output
    assert "--port" in result.output


def test_serve_runs_waitress_on_loopback(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr("waitress.serve", lambda app, **kw: calls.append((app, kw)))
    db = str(tmp_path / "s.db")
    result = CliRunner().invoke(cli, ["--db", db, "serve", "--port", "5123"])
    assert result.exit_code == 0, result.output
    assert f"serving {db} at http://127.0.0.1:5123/" in result.output
    (app, options), = calls
    assert options["host"] == "127.0.0.1" and options["port"] == 5123
    assert app.config["DATABASE"] == db


def test_serve_app_prints_the_url(monkeypatch, tmp_path):
    monkeypatch.setattr("waitress.serve", lambda app, **kw: None)
    lines: list[str] = []
    serve_module.serve_app(os.fspath(tmp_path / "d.db"), "::1", 8080, echo=lines.append)
    assert lines == [f"powermap is serving {tmp_path / 'd.db'} at http://[::1]:8080/ "
                     "(Ctrl+C to stop)"]


def test_security_headers_and_same_site_cookie(client, csrf):
    response = client.get("/records/accounts/new")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"  # no framing, as frame-ancestors
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert client.application.config["SESSION_COOKIE_SAMESITE"] == "Lax"
