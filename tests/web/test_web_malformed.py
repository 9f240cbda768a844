"""Malformed input is a clear 400/422 with a message, never a 500."""

from __future__ import annotations

import pytest

BIG = "9" * 400


def _post(client, body: str, collection: str = "accounts"):
    return client.post(f"/api/v1/{collection}", data=body.encode("utf-8"),
                       content_type="application/json")


@pytest.mark.parametrize("body, reason", [
    ('{"name": "B", "cumulative_sales": 1e400}', "expected a finite number, got inf"),
    (f'{{"name": "B", "cumulative_sales": {BIG}}}', f"{BIG} is too large"),
    (f'{{"name": "B", "cumulative_sales": "{BIG}"}}', f"expected a finite number, got '{BIG}'"),
])
def test_a_number_beyond_a_float_is_refused(client, body, reason):
    response = _post(client, body)
    assert response.status_code == 422
    assert response.get_json() == {"error": "validation", "problems": [
        {"record": "new account 'B'", "field": "cumulative_sales", "reason": reason}]}


@pytest.mark.parametrize("body, collection, shown", [
    ('{"name": "\\ud800"}', "accounts", "\\ud800"),
    ('{"name": "A", "notes": "ok \\udc80 no"}', "accounts", "ok \\udc80 no"),
    ('{"account_id": "\\ud800", "name": "x"}', "stakeholders", "\\ud800"),
    ('{"\\ud800": 1}', "accounts", "\\ud800"),
])
def test_a_lone_surrogate_is_refused(client, db, body, collection, shown):
    response = _post(client, body, collection)
    assert response.status_code == 400
    assert response.get_json() == {"error": "bad_request", "message": (
        f"the body holds text that is not valid Unicode (a lone surrogate): {shown}")}
    assert db.rows("account") == []


def test_deep_nesting_is_refused(client):
    response = _post(client, "[" * 100_000 + "]" * 100_000)
    assert response.status_code == 400
    assert response.get_json() == {"error": "bad_request",
                                   "message": "the body is nested too deeply"}
    nested = client.get("/api/v1/buying-center?roles=" + "[" * 100_000 + "]" * 100_000)
    assert nested.status_code == 400
    assert nested.get_json()["message"].startswith("filter 'roles': not a valid list: '[[[")


def test_a_body_that_is_not_utf8_is_refused(client):
    response = client.post("/api/v1/accounts", data=b'{"name": "\xff"}',
                           content_type="application/json")
    assert response.status_code == 400
    assert response.get_json() == {"error": "bad_request",
                                   "message": "the body is not valid UTF-8 text"}


def test_the_message_is_in_the_readers_language(client):
    response = client.post("/api/v1/accounts", data=b'{"name": "\\ud800"}',
                           content_type="application/json",
                           headers={"Accept-Language": "zh-CN"})
    assert response.status_code == 400
    assert response.get_json()["message"] == (
        "请求内容含有无效的 Unicode 文本（孤立代理字符）：\\ud800")


def test_a_too_large_number_in_a_form_is_shown_on_the_form(client, csrf):
    response = client.post("/records/accounts/new", data={
        "csrf_token": csrf, "name": "Acme", "cumulative_sales": BIG})
    assert response.status_code == 422
    assert f"expected a finite number, got &#39;{BIG}&#39;" in response.get_data(as_text=True)


@pytest.mark.parametrize("error", [
    UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed"),
    RecursionError("maximum recursion depth exceeded"),
    OverflowError("int too large to convert to float"),
])
def test_unreadable_input_that_slips_through_is_400(app, error):
    def boom():
        raise error

    app.add_url_rule("/api/v1/boom", "boom", boom)
    app.add_url_rule("/boom", "boom_page", boom)
    client = app.test_client()
    response = client.get("/api/v1/boom")
    assert response.status_code == 400
    assert response.get_json() == {"error": "bad_request", "message": (
        f"the request holds a value powermap cannot read ({type(error).__name__})")}
    page = client.get("/boom")
    assert page.status_code == 400
    assert "the request holds a value powermap cannot read" in page.get_data(as_text=True)
