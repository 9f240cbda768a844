"""The signed-in user's own settings (/account/settings): password and language."""

from __future__ import annotations

from powermap.store import Store
from powermap.users import check_password, find_user
from tests.users.conftest import CSRF, PASSWORD

NEW = "a new password 新"


def _change(client, current: str, new: str = NEW, repeat: str | None = None, **extra):
    data = {"csrf_token": CSRF, "current_password": current, "new_password": new,
            "repeat_password": new if repeat is None else repeat, **extra}
    return client.post("/account/settings/password", data=data)


def _password_is(teams, login: str, password: str) -> bool:
    with Store(teams.path) as store:
        return check_password(store, login, password) is not None


def _failures(teams, login: str) -> int:
    with Store(teams.path) as store:
        return store.db.execute("SELECT count(*) FROM sign_in_failures WHERE login = ?",
                                [login]).fetchone()[0]


def test_the_page_is_linked_from_the_header_and_open_to_viewers(teams_for_reading):
    client = teams_for_reading.client("vic")
    accounts = client.get("/accounts").get_data(as_text=True)
    assert '<a href="/account/settings" title="My account">Vic Viewer</a>' in accounts
    page = client.get("/account/settings")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<dt>Login</dt><dd>vic</dd>" in html and "<dt>Role</dt><dd>Viewer</dd>" in html
    assert 'action="/account/settings/password"' in html
    assert 'action="/account/settings/language"' in html
    assert '<option value="" selected>' in html  # no language chosen yet: the browser's


def test_a_password_change_keeps_this_session_and_ends_the_others(teams):
    here, elsewhere = teams.client("mia"), teams.client("mia")
    answer = _change(here, PASSWORD)
    assert answer.status_code == 303 and answer.headers["Location"] == "/account/settings"
    assert _password_is(teams, "mia", NEW) and not _password_is(teams, "mia", PASSWORD)
    page = here.get("/account/settings")
    assert page.status_code == 200
    assert "Your password was changed. Your other sessions are signed out." in page.get_data(
        as_text=True)
    assert elsewhere.get("/accounts").headers["Location"] == "/login?next=/accounts"
    assert _failures(teams, "mia") == 0


def test_a_wrong_current_password_changes_nothing_and_counts_as_a_failed_sign_in(teams):
    client = teams.client("vic")
    answer = _change(client, "not my password")
    assert answer.status_code == 401
    assert '<p class="error" role="alert">The current password is wrong. Nothing was ' \
           'changed.</p>' in answer.get_data(as_text=True)
    assert _password_is(teams, "vic", PASSWORD) and not _password_is(teams, "vic", NEW)
    assert _failures(teams, "vic") == 1
    for _n in range(4):
        assert _change(client, "not my password").status_code == 401
    held = _change(client, PASSWORD)  # five failures: held back like the sign-in form
    assert held.status_code == 429
    assert "Too many failed sign-ins. Try again in 15 minutes." in held.get_data(as_text=True)
    assert _password_is(teams, "vic", PASSWORD)
    signed_in = teams.app.test_client()
    with signed_in.session_transaction() as session:
        session["csrf_token"] = CSRF
    assert signed_in.post("/login", data={"csrf_token": CSRF, "login": "vic",
                                          "password": PASSWORD}).status_code == 429
    assert client.get("/accounts").status_code == 200  # still signed in here


def test_a_too_short_or_mistyped_new_password_is_refused(teams):
    client = teams.client("mia")
    short = _change(client, PASSWORD, "short")
    assert short.status_code == 400
    assert "a password needs at least 8 characters" in short.get_data(as_text=True)
    mistyped = _change(client, PASSWORD, NEW, NEW + "!")
    assert mistyped.status_code == 400
    assert "The two new passwords differ. Type the same one twice." in mistyped.get_data(
        as_text=True)
    assert _password_is(teams, "mia", PASSWORD)
    assert client.get("/accounts").status_code == 200
    assert _failures(teams, "mia") == 0


def test_the_language_is_kept_with_the_user_and_used_at_once(teams):
    client = teams.client("vic")
    answer = client.post("/account/settings/language",
                         data={"csrf_token": CSRF, "language": "zh_CN"})
    assert answer.status_code == 303
    assert client.get_cookie("lang").value == "zh_CN"
    with Store(teams.path) as store:
        assert find_user(store, "vic").language == "zh_CN"
    page = client.get("/account/settings").get_data(as_text=True)
    assert '<html lang="zh-CN">' in page
    assert '<option value="zh_CN" lang="zh-CN" selected>中文</option>' in page
    client.post("/account/settings/language", data={"csrf_token": CSRF, "language": ""})
    assert client.get_cookie("lang") is None  # back to the browser's language
    with Store(teams.path) as store:
        assert find_user(store, "vic").language is None
    wrong = client.post("/account/settings/language",
                        data={"csrf_token": CSRF, "language": "fr"})
    assert wrong.status_code == 400
    assert "the language must be one of: en, zh_CN" in wrong.get_data(as_text=True)


def test_posts_without_the_csrf_token_are_refused(teams):
    client = teams.client("mia")
    answer = client.post("/account/settings/password", data={
        "current_password": PASSWORD, "new_password": NEW, "repeat_password": NEW})
    assert answer.status_code == 400
    assert client.post("/account/settings/language",
                       data={"language": "zh_CN"}).status_code == 400
    assert _password_is(teams, "mia", PASSWORD)
    with Store(teams.path) as store:
        assert find_user(store, "mia").language is None


def test_an_api_token_cannot_use_the_page(teams):
    answer = teams.client(token="write").get("/account/settings")
    assert answer.status_code == 403
    assert "An API token cannot manage your tokens or settings; sign in." in answer.get_data(
        as_text=True)


def test_local_mode_has_no_account_page(app):
    client = app.test_client()
    with client.session_transaction() as session:
        session["csrf_token"] = CSRF
    assert client.get("/account/settings").status_code == 404
    assert client.post("/account/settings/password", data={
        "csrf_token": CSRF, "current_password": "x", "new_password": NEW,
        "repeat_password": NEW}).status_code == 404
    assert client.post("/account/settings/language", data={
        "csrf_token": CSRF, "language": "zh_CN"}).status_code == 404
    assert "/account/settings" not in client.get("/accounts").get_data(as_text=True)
