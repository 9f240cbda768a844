"""Signing in and out, throttling, API tokens, and the guards against other web pages."""

from __future__ import annotations

import logging

from powermap.store import Store
from powermap.tokens import create_token, list_tokens
from powermap.users import find_user, set_active, set_password
from tests.users.conftest import CSRF, PASSWORD


def _login(client, login: str, password: str, next_: str = ""):
    return client.post("/login", data={"csrf_token": CSRF, "login": login,
                                       "password": password, "next": next_})


def test_sign_in_with_the_form_then_out(teams, caplog):
    client = teams.client()
    assert client.get("/accounts").headers["Location"] == "/login?next=/accounts"
    with caplog.at_level(logging.DEBUG):
        answer = _login(client, "MIA", PASSWORD, "/accounts")  # logins ignore case
    assert answer.status_code == 303 and answer.headers["Location"] == "/accounts"
    assert PASSWORD not in caplog.text
    cookie = client.get_cookie("session")
    assert cookie.http_only and cookie.same_site == "Lax" and not cookie.secure
    page = client.get("/accounts").get_data(as_text=True)
    assert "Acme 甲方" in page and "Globex" not in page and "Mia Member" in page
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    assert token != CSRF  # signing in starts a new session
    assert client.post("/logout", data={"csrf_token": token}).status_code == 303
    assert client.get("/accounts").status_code == 303


def test_session_cookie_is_secure_over_https(teams):
    client = teams.client()
    _login(client, "mia", PASSWORD).close()
    client = teams.app.test_client()
    with client.session_transaction(base_url="https://localhost") as session:
        session["csrf_token"] = CSRF
    answer = client.post("/login", base_url="https://localhost",
                         data={"csrf_token": CSRF, "login": "mia", "password": PASSWORD})
    assert answer.status_code == 303
    assert "Secure" in answer.headers["Set-Cookie"] and "HttpOnly" in answer.headers["Set-Cookie"]


def test_wrong_passwords_are_throttled_even_before_the_right_one(teams):
    client = teams.client()
    for _n in range(5):
        assert _login(client, "mia", "not the password").status_code == 401
    answer = _login(client, "mia", PASSWORD)
    assert answer.status_code == 429
    assert "Too many failed sign-ins" in answer.get_data(as_text=True)
    assert _login(client, "vic", PASSWORD).status_code == 303  # other logins are not held
    with Store(teams.path) as store:
        store.db.execute("UPDATE sign_in_failures SET at = at - 901")
        store.db.conn.commit()
    assert _login(teams.client(), "mia", PASSWORD).status_code == 303  # the window passed


def test_an_unknown_login_and_a_wrong_password_answer_alike(teams):
    unknown = _login(teams.client(), "nobody", "whatever1")
    wrong = _login(teams.client(), "mia", "whatever1")
    assert unknown.status_code == wrong.status_code == 401
    assert unknown.get_data(as_text=True).replace("nobody", "mia") == wrong.get_data(
        as_text=True)


def test_a_password_change_or_disabling_ends_sessions(teams):
    client = teams.client("mia")
    assert client.get("/accounts").status_code == 200
    with Store(teams.path) as store:
        set_password(store, find_user(store, "mia"), "another password")
    assert client.get("/accounts").status_code == 303
    client = teams.client("vic")
    with Store(teams.path) as store:
        set_active(store, find_user(store, "vic"), False)
    assert client.get("/accounts").status_code == 303
    assert _login(teams.client(), "vic", PASSWORD).status_code == 401


def test_tokens_read_write_and_revocation(teams):
    write = {"HTTP_AUTHORIZATION": f"Bearer {teams.secrets['write']}"}
    read = {"HTTP_AUTHORIZATION": f"Bearer {teams.secrets['read']}"}
    client = teams.app.test_client()
    body = {"account_id": teams.A["account"], "name": "By token"}
    assert client.post("/api/v1/stakeholders", json=body, environ_base=read).status_code == 403
    created = client.post("/api/v1/stakeholders", json=body, environ_base=write)
    assert created.status_code == 201
    listed = client.get("/api/v1/accounts", environ_base=read).get_json()
    assert [a["name"] for a in listed] == ["Acme 甲方"]
    with Store(teams.path) as store:
        mia = find_user(store, "mia")
        [sync] = [t for t in list_tokens(store, mia) if t.name == "sync"]
    session = teams.client("mia")
    assert session.post(f"/tokens/{sync.id}/revoke",
                        data={"csrf_token": CSRF}).status_code == 303
    refused = client.get("/api/v1/accounts", environ_base=write)
    assert refused.status_code == 401
    assert refused.headers["WWW-Authenticate"].startswith("Bearer")
    assert refused.get_json()["error"] == "unauthorized"


def test_a_new_token_is_shown_once_and_stored_hashed(teams):
    client = teams.client("vic")
    page = client.post("/tokens", data={"csrf_token": CSRF, "name": "报表",
                                        "access": "write"}).get_data(as_text=True)
    secret = page.split('<code id="new-token">')[1].split("<")[0]
    assert secret.startswith("pm_") and len(secret) == 46
    assert secret not in client.get("/tokens").get_data(as_text=True)
    with Store(teams.path) as store:
        stored = store.db.execute("SELECT token_hash, can_write FROM api_tokens "
                                  "WHERE name = '报表'").fetchone()
    assert secret not in stored[0] and stored[1] == 0  # a viewer's token cannot write
    answer = teams.app.test_client().get(
        "/api/v1/accounts", environ_base={"HTTP_AUTHORIZATION": f"Bearer {secret}"})
    assert [a["name"] for a in answer.get_json()] == ["Acme 甲方"]


def test_a_token_cannot_make_tokens(teams):
    with Store(teams.path) as store:
        _record, secret = create_token(store, find_user(store, "ada"), "x", can_write=True)
    answer = teams.app.test_client().post(
        "/tokens", data={"name": "more"}, environ_base={"HTTP_AUTHORIZATION": f"Bearer {secret}"})
    assert answer.status_code in (400, 403)  # no CSRF token, and tokens cannot anyway


def test_a_foreign_host_is_refused(teams):
    client = teams.client(token="read")  # the session cookie belongs to "localhost"
    answer = client.get("/api/v1/accounts", headers={"Host": "rebind.test:5000"})
    assert answer.status_code == 400
    assert "Acme" not in answer.get_data(as_text=True)
    for host in ("127.0.0.1:5000", "[::1]:5000", "localhost"):
        assert client.get("/api/v1/accounts", headers={"Host": host}).status_code == 200


def test_configured_server_names_are_answered(teams, monkeypatch):
    monkeypatch.setenv("POWERMAP_SERVER_NAMES", "powermap.example.com, .corp.test")
    client = teams.client(token="read")
    for host in ("powermap.example.com", "pm.corp.test:8443"):
        assert client.get("/api/v1/accounts", headers={"Host": host}).status_code == 200
    assert client.get("/api/v1/accounts", headers={"Host": "example.com"}).status_code == 400


def test_a_cross_origin_api_write_is_refused(teams):
    client = teams.client("mia")
    body = {"account_id": teams.A["account"], "name": "From elsewhere"}
    for headers in ({"Origin": "http://rebind.test:5000"}, {"Sec-Fetch-Site": "cross-site"},
                    {"Origin": "null"}):
        answer = client.post("/api/v1/stakeholders", json=body, headers=headers)
        assert answer.status_code == 403, headers
    same = client.post("/api/v1/stakeholders", json=body,
                       headers={"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"})
    assert same.status_code == 201
    with Store(teams.path) as store:
        assert len(store.rows("stakeholder", "name = ?", ["From elsewhere"])) == 1


def test_an_api_write_must_be_json(teams):
    answer = teams.client("mia").post("/api/v1/stakeholders", data="name=x",
                                      content_type="text/plain")
    assert answer.status_code == 400
    assert "application/json" in answer.get_json()["message"]


def test_every_page_carries_the_security_headers(teams):
    for url in ("/login", "/api/v1/openapi.json", "/static/app.css"):
        response = teams.client().get(url)
        headers = response.headers
        response.close()
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "same-origin"


def test_local_mode_answers_only_this_machine(app):
    client = app.test_client()
    assert client.get("/accounts").status_code == 200
    remote = client.get("/accounts", environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert remote.status_code == 403
    assert "powermap user add --admin" in remote.get_data(as_text=True)


def test_the_user_page_adds_a_user_who_can_sign_in(teams):
    admin = teams.client("ada")
    answer = admin.post("/admin/users", data={"csrf_token": CSRF, "login": "李雷",
                                              "password": "密码很长很长很长", "name": "李雷",
                                              "role": "viewer", "language": "zh_CN"})
    assert answer.status_code == 303
    page = admin.get("/admin/users").get_data(as_text=True)
    assert "李雷" in page
    signed = _login(teams.client(), "李雷", "密码很长很长很长")
    assert signed.status_code == 303
    assert "lang=zh_CN" in signed.headers["Set-Cookie"] or any(
        "lang=zh_CN" in c for c in signed.headers.getlist("Set-Cookie"))


def test_the_user_page_links_a_team_member_and_changes_a_role(teams):
    admin = teams.client("ada")
    oz = teams.users["oz"]
    linked = admin.post(f"/admin/users/{oz.id}", data={
        "csrf_token": CSRF, "action": "link", "team_member_id": teams.A["team_member"]})
    assert linked.status_code == 303
    assert teams.client("oz").get(f"/accounts/{teams.A['account']}").status_code == 200
    admin.post(f"/admin/users/{oz.id}", data={"csrf_token": CSRF, "action": "role",
                                              "role": "viewer"})
    answer = teams.client("oz").patch(f"/api/v1/stakeholders/{teams.A['person1']}",
                                      json={"title": "CTO"})
    assert answer.status_code == 403  # the old session carries on with the new role
    admin.post(f"/admin/users/{oz.id}", data={
        "csrf_token": CSRF, "action": "unlink", "team_member_id": teams.A["team_member"]})
    assert teams.client("oz").get(f"/accounts/{teams.A['account']}").status_code == 404


def test_the_last_admin_stays_an_admin_on_the_user_page(teams):
    admin = teams.client("ada")
    ada = teams.users["ada"]
    admin.post(f"/admin/users/{ada.id}", data={"csrf_token": CSRF, "action": "disable"})
    page = admin.get("/admin/users").get_data(as_text=True)
    assert "the last active administrator cannot be disabled" in page
    with Store(teams.path) as store:
        assert find_user(store, "ada").active


def test_the_sign_in_page_speaks_chinese(teams):
    page = teams.client().get("/login", headers={"Accept-Language": "zh-CN"})
    text = page.get_data(as_text=True)
    assert "登录名" in text and "密码" in text
    client = teams.client()
    wrong = client.post("/login", headers={"Accept-Language": "zh-CN"}, data={
        "csrf_token": CSRF, "login": "mia", "password": "错误的密码"})
    assert wrong.status_code == 401
    assert "登录名或密码错误。" in wrong.get_data(as_text=True)
