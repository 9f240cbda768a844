"""``powermap user …`` / ``powermap token …``, the refused open bind, and two server
processes on one database file (as gunicorn's workers would be)."""

from __future__ import annotations

import http.cookiejar
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from click.testing import CliRunner

from powermap.cli import cli
from powermap.store import Store
from powermap.users import check_password, find_user, team_member_ids

ROOT = Path(__file__).resolve().parents[2]


def _run(db_path: str, *args: str, password: str | None = None, ok: bool = True):
    env = {"POWERMAP_PASSWORD": password} if password else {}
    result = CliRunner().invoke(cli, ["--db", db_path, *args], env=env)
    if ok:
        assert result.exit_code == 0, result.output
    return result


def test_user_add_list_passwd_disable(db_path):
    _run(db_path, "init")
    assert "local mode" in _run(db_path, "user", "list").output
    assert _run(db_path, "user", "add", "--admin", "ana", "--name", "安娜",
                password="first password").output == "Added the user ana (Administrator).\n"
    _run(db_path, "account", "add", "--name", "Acme")
    _run(db_path, "team-member", "add", "--account", "Acme", "--name", "Bo")
    _run(db_path, "user", "add", "bo", "--team-member", "1", password="bo's password")
    listing = _run(db_path, "user", "list").output.splitlines()
    assert listing == ["ana\t安娜\tAdministrator\tactive\tteam members: -",
                       "bo\tbo\tMember\tactive\tteam members: 1"]
    _run(db_path, "user", "passwd", "bo", password="a new password")
    _run(db_path, "user", "disable", "bo")
    with Store(db_path) as store:
        assert check_password(store, "bo", "a new password") is None  # disabled
        assert team_member_ids(store, find_user(store, "bo")) == [1]
    _run(db_path, "user", "enable", "bo")
    with Store(db_path) as store:
        assert check_password(store, "bo", "a new password").login == "bo"
        assert check_password(store, "bo", "bo's password") is None


def test_user_add_refuses_a_short_password_and_a_second_login(db_path):
    _run(db_path, "init")
    short = _run(db_path, "user", "add", "ana", password="short", ok=False)
    assert short.exit_code == 1
    assert short.output == "Error: a password needs at least 8 characters\n"
    _run(db_path, "user", "add", "ana", password="long enough")
    again = _run(db_path, "user", "add", "ANA", password="long enough", ok=False)
    assert again.output == "Error: a user with the login 'ANA' exists already\n"


def test_the_last_admin_cannot_be_disabled(db_path):
    _run(db_path, "init")
    _run(db_path, "user", "add", "--admin", "ana", password="long enough")
    refused = _run(db_path, "user", "disable", "ana", ok=False)
    assert refused.output == "Error: the last active administrator cannot be disabled\n"


def test_token_add_prints_a_working_secret_once_and_revoke_stops_it(db_path):
    _run(db_path, "init")
    _run(db_path, "user", "add", "--admin", "ana", password="long enough")
    secret = _run(db_path, "token", "add", "ana", "--name", "sync").output.strip()
    assert secret.startswith("pm_")
    from powermap.web import create_app

    client = create_app({"DATABASE": db_path, "TESTING": True}).test_client()
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    assert client.get("/api/v1/accounts", environ_base=bearer).status_code == 200
    assert client.get("/api/v1/accounts").status_code == 401
    assert secret not in _run(db_path, "token", "list").output
    _run(db_path, "token", "revoke", "1")
    assert client.get("/api/v1/accounts", environ_base=bearer).status_code == 401
    [line] = _run(db_path, "token", "list", "ana").output.splitlines()
    assert line.split("\t")[:5] == ["1", "ana", "sync", "read only", "revoked"]


def test_serve_on_an_open_address_without_users_is_refused(db_path):
    _run(db_path, "init")
    for host in ("0.0.0.0", "192.0.2.10", "::"):
        result = _run(db_path, "serve", "--host", host, ok=False)
        assert result.exit_code == 1
        assert "powermap user add --admin LOGIN" in result.output, host


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"the server on port {port} did not start")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _token_of(page: str) -> str:
    return page.split('name="csrf_token" value="')[1].split('"')[0]


def test_two_server_processes_share_sign_in_and_forms(db_path):
    """Sign in on one process, post forms to the other: one secret key, one throttle."""
    _run(db_path, "init")
    _run(db_path, "user", "add", "--admin", "ana", password="long enough")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("POWERMAP_SECRET_KEY", None)
    ports = [_free_port(), _free_port()]
    servers = [subprocess.Popen([sys.executable, "-m", "powermap", "--db", db_path, "serve",
                                 "--port", str(port)], cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
               for port in ports]
    try:
        for port, server in zip(ports, servers, strict=True):
            _wait(port, server)
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar),
                                             _NoRedirect)
        one, two = (f"http://127.0.0.1:{port}" for port in ports)

        def post(url: str, data: dict) -> int:
            body = urllib.parse.urlencode(data).encode()
            try:
                with opener.open(url, body) as response:
                    return response.status
            except urllib.error.HTTPError as exc:
                return exc.code

        with opener.open(f"{one}/login") as response:
            token = _token_of(response.read().decode())
        assert post(f"{two}/login", {"csrf_token": token, "login": "ana",
                                     "password": "long enough"}) == 303
        with opener.open(f"{one}/records/accounts/new") as response:
            token = _token_of(response.read().decode())
        assert post(f"{two}/records/accounts/new", {"csrf_token": token,
                                                     "name": "两个进程 Two workers"}) == 303
        with opener.open(f"{one}/accounts") as response:
            assert "两个进程 Two workers" in response.read().decode()
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)
            if server.stderr:
                server.stderr.close()
    with Store(db_path) as store:
        assert [a["name"] for a in store.rows("account")] == ["两个进程 Two workers"]
