"""Size and text limits over the web: 413 for oversized bodies, 422 (never 500) for bad text."""

from __future__ import annotations

import base64

from powermap.web import create_app


def test_api_refuses_control_characters_overlong_text_and_bad_dates_with_422(client, deal, db):
    before = db.counts()
    response = client.post("/api/v1/stakeholders", json={
        "account_id": deal["account"], "name": "Li\x0bWei", "title": "CTO\x00",
        "notes": "n" * 10_001})
    assert response.status_code == 422
    assert response.get_json() == {"error": "validation", "problems": [
        {"record": "new stakeholder 'Li\\x0bWei'", "field": "title",
         "reason": "contains the character U+0000, which cannot be stored; remove it"},
        {"record": "new stakeholder 'Li\\x0bWei'", "field": "notes",
         "reason": "must be at most 10000 characters long (this is 10001)"}]}
    response = client.post("/api/v1/actions", json={
        "opportunity_id": deal["opportunity"], "stakeholder_id": deal["Ada"],
        "type": "ice_breaking", "due_date": "2027-01-15garbage"})
    assert response.status_code == 422
    assert response.get_json()["problems"][-1]["reason"] == (
        "expected a date as YYYY-MM-DD, got '2027-01-15garbage'")
    assert db.counts() == before


def test_api_stores_soft_line_breaks_as_spaces(client, deal):
    response = client.post("/api/v1/stakeholders", json={"account_id": deal["account"],
                                                          "name": "Li\x0bWei"})
    assert response.status_code == 201
    assert response.get_json()["name"] == "Li Wei"


def test_api_body_past_its_limit_is_413_json(client, deal):
    response = client.post("/api/v1/stakeholders", json={
        "account_id": deal["account"], "name": "Dee", "notes": "x" * (1024 * 1024)})
    assert response.status_code == 413
    assert response.get_json() == {"error": "too_large", "message": (
        "The data value transmitted exceeds the capacity limit.")}


def test_413_in_chinese(client, deal):
    response = client.post("/api/v1/stakeholders", json={"notes": "x" * (1024 * 1024)},
                           headers={"Accept-Language": "zh-CN"})
    assert response.status_code == 413
    assert response.get_json()["error"] == "too_large"
    assert response.get_json()["message"] == "上传的数据超出了容量上限。"


def test_page_body_past_the_limit_is_a_413_page(tmp_path):
    app = create_app({"DATABASE": str(tmp_path / "web.db"), "TESTING": True,
                      "SECRET_KEY": "k", "MAX_CONTENT_LENGTH": 1000})
    response = app.test_client().post("/records/accounts/new", data={"name": "x" * 2000})
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "Request Entity Too Large" in page
    assert "The data value transmitted exceeds the capacity limit." in page


def test_configured_limits(app):
    assert app.config["MAX_CONTENT_LENGTH"] == 32 * 1024 * 1024
    assert app.config["MAX_FORM_MEMORY_SIZE"] == 32 * 1024 * 1024
    assert app.config["API_MAX_CONTENT_LENGTH"] == 1024 * 1024


def test_form_shows_the_refusal_beside_the_field(client, deal, db, csrf):
    before = db.counts()
    response = client.post("/records/stakeholders/new", data={
        "csrf_token": csrf, "account_id": deal["account"], "name": "Dee",
        "department": "D" * 201, "email": "dee\x1b@acme.cn"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert ('<p class="error" id="error-department">must be at most 200 characters long '
            '(this is 201)</p>') in page
    assert ('<p class="error" id="error-email">contains the character U+001B, which cannot '
            'be stored; remove it</p>') in page
    assert db.counts() == before


def test_a_previewed_import_larger_than_flasks_default_form_field_is_accepted(client, deal,
                                                                             csrf):
    # the confirmed import re-sends the file as base64 in a form field (default cap 500 kB)
    rows = "".join(f"P{n},Engineer,p{n}@acme.cn\n" for n in range(20_000))
    data = base64.b64encode(f"Name,Title,Email\n{rows}".encode()).decode("ascii")
    assert len(data) > 500_000
    fields = {"csrf_token": csrf, "data": data, "name": "people.csv", "kind": "stakeholders",
              "step": "preview"}
    body = "".join(f'--b\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
                   for k, v in fields.items()) + "--b--\r\n"  # as a browser sends it
    response = client.post(f"/accounts/{deal['account']}/import", data=body.encode(),
                           content_type="multipart/form-data; boundary=b")
    assert response.status_code == 200, response.status_code
    assert "would create 20000" in response.get_data(as_text=True)
