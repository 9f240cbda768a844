"""Behind a reverse proxy: X-Forwarded-* believed from POWERMAP_PROXIES proxies, else never."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest

from powermap.store import Store
from powermap.web import create_app
from powermap.web.proxy import ProxySettingError, trusted_proxies
from tests.users.conftest import CSRF, PASSWORD, sign_in
from tests.users.test_cli_users import ROOT, _free_port, _run, _wait

FORGED = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https",
          "X-Forwarded-Host": "powermap.example.com"}


def _app(path: str, **config):
    return create_app({"DATABASE": path, "TESTING": True, "SECRET_KEY": "test-secret",
                       **config})


def _sign_in(app, password: str, headers: dict):
    """Post the sign-in form as mia with ``headers``: (the client, its answer)."""
    client = app.test_client()
    sign_in(client, None)
    return client, client.post("/login", headers=headers, data={
        "csrf_token": CSRF, "login": "mia", "password": password})


def _failed_sign_in(app) -> None:
    assert _sign_in(app, "wrong one", FORGED)[1].status_code == 401


def _addresses(path: str) -> list[str]:
    with Store(path) as store:
        return [row[0] for row in store.db.execute(
            "SELECT address FROM sign_in_failures ORDER BY id")]


def test_forwarded_headers_are_ignored_by_default(teams, monkeypatch):
    monkeypatch.delenv("POWERMAP_PROXIES", raising=False)
    app = _app(teams.path)
    assert app.config["PROXIES"] == 0
    _failed_sign_in(app)
    assert _addresses(teams.path) == ["127.0.0.1"]
    client, answer = _sign_in(app, PASSWORD, FORGED)
    assert answer.status_code == 303 and "Secure" not in answer.headers["Set-Cookie"]
    # the forwarded host is not the Host: a name the guard does not know passes unseen
    assert client.get("/login", headers={"X-Forwarded-Host": "evil.test"}).status_code == 200


def test_one_trusted_proxy_gives_the_clients_address_scheme_and_host(teams, monkeypatch):
    monkeypatch.setenv("POWERMAP_PROXIES", "1")
    monkeypatch.setenv("POWERMAP_SERVER_NAMES", "powermap.example.com")
    app = _app(teams.path)
    assert app.config["PROXIES"] == 1
    _failed_sign_in(app)
    assert _addresses(teams.path) == ["203.0.113.9"]
    client, answer = _sign_in(app, PASSWORD, {**FORGED, "Origin": "https://powermap.example.com"})
    assert answer.status_code == 303, answer.get_data(as_text=True)
    assert "Secure" in answer.headers["Set-Cookie"]
    refused = client.get("/login", headers={"X-Forwarded-Host": "evil.test"})
    assert refused.status_code == 400
    assert "evil.test" in refused.get_data(as_text=True)


def test_only_the_value_the_trusted_proxy_added_counts(teams):
    """A client's own X-Forwarded-For comes first; the proxy appends the real address."""
    _sign_in(_app(teams.path, PROXIES=1), "wrong one",
             {"X-Forwarded-For": "198.51.100.1, 203.0.113.9"})
    assert _addresses(teams.path) == ["203.0.113.9"]


def test_the_app_config_wins_over_the_environment(teams, monkeypatch):
    monkeypatch.setenv("POWERMAP_PROXIES", "2")
    assert _app(teams.path, PROXIES=0).config["PROXIES"] == 0
    assert trusted_proxies({}) == 2


@pytest.mark.parametrize("value", ["two", "-1", "1.5", "١"])
def test_a_number_of_proxies_that_is_not_a_whole_number_is_refused(value, monkeypatch):
    monkeypatch.setenv("POWERMAP_PROXIES", value)
    with pytest.raises(ProxySettingError) as refused:
        trusted_proxies({})
    assert str(refused.value) == ("POWERMAP_PROXIES must be the number of proxies in front of "
                                  f"the server (0 or more), got {value!r}")


def test_local_mode_behind_a_proxy_answers_only_this_machine(tmp_path):
    """Without users the app answers loopback only: a proxy on this machine no longer
    makes every client look local once it is trusted."""
    path = str(tmp_path / "local.db")
    Store(path).close()
    app = _app(path, PROXIES=1)
    client = app.test_client()
    assert client.get("/accounts").status_code == 200
    assert client.get("/accounts", headers={"X-Forwarded-For": "192.0.2.7"}).status_code == 403


def test_powermap_serve_passes_the_forwarded_address_on(db_path):
    """waitress drops X-Forwarded-* unless told otherwise: with POWERMAP_PROXIES=1 the
    throttling sees the client's address; without it, the connection's."""
    _run(db_path, "init")
    _run(db_path, "user", "add", "--admin", "ana", password="long enough")
    for proxies, expected in (("0", "127.0.0.1"), ("1", "203.0.113.9")):
        env = {**os.environ, "PYTHONPATH": str(ROOT), "POWERMAP_PROXIES": proxies}
        port = _free_port()
        server = subprocess.Popen([sys.executable, "-m", "powermap", "--db", db_path, "serve",
                                   "--port", str(port)], cwd=ROOT, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            _wait(port, server)
            base = f"http://127.0.0.1:{port}"
            with urllib.request.urlopen(f"{base}/login") as page:
                cookie = page.headers["Set-Cookie"].split(";")[0]
                token = page.read().decode().split('name="csrf_token" value="')[1].split('"')[0]
            body = urllib.parse.urlencode({"csrf_token": token, "login": "ana",
                                           "password": "wrong one"}).encode()
            request = urllib.request.Request(f"{base}/login", body, headers={
                "Cookie": cookie, "X-Forwarded-For": "203.0.113.9"})
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(request)
            refused.value.close()
            assert refused.value.code == 401
        finally:
            server.terminate()
            server.wait(timeout=10)
            server.stderr.close()
        with Store(db_path) as store:
            assert store.db.execute("SELECT address FROM sign_in_failures ORDER BY id DESC "
                                    "LIMIT 1").fetchone()[0] == expected
