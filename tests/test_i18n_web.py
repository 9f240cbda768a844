"""The web app's language: cookie, Accept-Language, the /language switch and its partial."""

from __future__ import annotations

import pytest
from flask import jsonify, render_template

from powermap import i18n


@pytest.fixture
def client(app):
    @app.get("/_probe")
    def probe():
        return jsonify(locale=i18n.current_locale(), title=i18n._l("Language"))

    return app.test_client()


@pytest.fixture
def csrf(client) -> str:
    with client.session_transaction() as session:
        session["csrf_token"] = "test-token"
    return "test-token"


def _locale(client, **headers) -> str:
    return client.get("/_probe", headers=headers).get_json()["locale"]


def test_accept_language_decides_without_a_cookie(client):
    assert _locale(client) == "en"
    assert _locale(client, **{"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"}) == "zh_CN"
    assert _locale(client, **{"Accept-Language": "fr-FR,fr;q=0.9"}) == "en"


def test_the_switch_sets_a_cookie_and_goes_back(client, csrf):
    response = client.post("/language", data={"csrf_token": csrf, "lang": "zh_CN",
                                              "next": "/accounts?x=1"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/accounts?x=1"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("lang=zh_CN;")
    assert "Max-Age=31536000" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # plain http on a laptop must keep it
    assert _locale(client, **{"Accept-Language": "en"}) == "zh_CN"  # the cookie wins
    client.post("/language", data={"csrf_token": csrf, "lang": "en", "next": "/"})
    assert _locale(client, **{"Accept-Language": "zh-CN"}) == "en"


def test_lazy_strings_serialise_in_the_request_language(client):
    body = client.get("/_probe", headers={"Accept-Language": "zh-CN"}).get_json()
    assert body == {"locale": "zh_CN", "title": "语言"}


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example", "/\\evil",
                                    "javascript:alert(1)", ""])
def test_the_switch_only_redirects_to_local_paths(client, csrf, target):
    response = client.post("/language", data={"csrf_token": csrf, "lang": "en",
                                              "next": target})
    assert response.headers["Location"] == "/"


def test_the_switch_needs_the_csrf_token(client, csrf):
    response = client.post("/language", data={"lang": "zh_CN", "next": "/"})
    assert response.status_code == 400
    assert "Set-Cookie" not in response.headers or "lang=" not in response.headers["Set-Cookie"]


def test_an_unknown_language_is_refused_in_the_readers_language(client, csrf):
    response = client.post("/language", data={"csrf_token": csrf, "lang": "fr"},
                           headers={"Accept-Language": "zh-CN"})
    assert response.status_code == 400
    assert "请选择所列语言之一。" in response.get_data(as_text=True)
    assert "lang=" not in response.headers.get("Set-Cookie", "")


def test_a_forged_cookie_is_ignored(client):
    client.set_cookie("lang", "xx")
    assert _locale(client, **{"Accept-Language": "zh-TW"}) == "zh_CN"


def test_the_request_language_does_not_outlive_the_request(client):
    client.get("/_probe", headers={"Accept-Language": "zh-CN"})
    assert i18n.current_locale() == "en"  # the test client runs in this thread


def test_the_partial_renders_a_form_with_both_languages(app, csrf):
    with app.test_request_context("/accounts?page=2", headers={"Accept-Language": "zh-CN"}):
        app.preprocess_request()
        html = render_template("_language_switch.html")
        assert '<legend>语言</legend>' in html
        assert 'action="/language"' in html and 'name="csrf_token"' in html
        assert 'name="next" value="/accounts?page=2"' in html
        assert '<button type="submit" name="lang" value="en" lang="en"' in html
        assert 'value="zh_CN" lang="zh-CN"\n            aria-pressed="true">中文</button>' in html
        app.do_teardown_request()
    assert i18n.current_locale() == "en"


def test_html_lang_is_a_jinja_global(app):
    template = app.jinja_env.from_string('<html lang="{{ html_lang() }}">')
    with app.test_request_context("/", headers={"Accept-Language": "zh"}):
        app.preprocess_request()
        assert template.render() == '<html lang="zh-CN">'
        app.do_teardown_request()
