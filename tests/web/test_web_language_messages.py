"""The web app's own messages in Chinese (cookie ``lang=zh_CN``), and unchanged in English.

Codes and keys of the JSON API stay English in every language; only the human
``message`` follows the reader.
"""

from __future__ import annotations

import pytest


@pytest.fixture
def zh(client):
    """The client reading Chinese, as after choosing 中文 in the language switch."""
    client.set_cookie("lang", "zh_CN")
    return client


def test_flash_after_a_save_is_chinese(zh, deal, db, csrf):
    response = zh.post("/records/stakeholders/new", data={
        "csrf_token": csrf, "account_id": deal["account"], "name": "Dee", "level": "4"})
    assert response.status_code == 303
    (dee,) = db.rows("stakeholder", "name = ?", ["Dee"])
    page = zh.get(response.headers["Location"]).get_data(as_text=True)
    assert "已保存" in page and "“Dee”。" in page
    assert "Saved " not in page


def test_mark_done_flash_is_chinese(zh, deal, csrf):
    response = zh.post(f"/actions/{deal['action']}/done",
                       data={"csrf_token": csrf, "version": "1"}, follow_redirects=True)
    assert "已完成：" in response.get_data(as_text=True)


def test_form_with_a_refused_value_is_chinese(zh, deal, db, csrf):
    before = db.counts()
    response = zh.post("/records/stakeholders/new", data={
        "csrf_token": csrf, "account_id": deal["account"], "name": "", "level": "12"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "新建关键人" in page  # the page title
    assert '<label for="input-name">姓名' in page and '<label for="input-title">职务' in page
    assert '<option value="12" selected>12（不允许）</option>' in page
    assert db.counts() == before


def test_form_choices_are_labels_in_chinese(zh, deal):
    page = zh.get(f"/records/buying-center/new?opportunity_id={deal['opportunity']}"
                  ).get_data(as_text=True)
    assert '<option value="2">+2 拥护者</option>' in page
    assert '<option value="">未知</option>' in page
    assert 'value="decision_maker"> 决策</label>' in page


def test_edit_conflict_in_the_form_is_chinese(zh, deal, db, csrf):
    db.update("stakeholder", deal["Ada"], {"title": "Chair"})  # now version 2
    response = zh.post(f"/records/stakeholders/{deal['Ada']}/edit", data={
        "csrf_token": csrf, "name": "Ada", "title": "CEO", "version": "1"})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "已被他人修改（您编辑的是第 1 版，现已是第 2 版）；请重新加载后再修改" in page


def test_unknown_page_is_a_chinese_404(zh):
    response = zh.get("/no/such/page")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "404 · 未找到" in page
    assert "服务器上没有所请求的地址。如果是手动输入的地址，请检查拼写后重试。" in page


def test_unknown_record_page_is_a_chinese_404(zh, deal):
    response = zh.get("/accounts/4242")
    assert response.status_code == 404
    assert "找不到客户 4242" in response.get_data(as_text=True)


def test_csrf_refusal_is_chinese(zh, deal):
    response = zh.post("/records/accounts/new", data={"name": "Sneaky"})
    assert response.status_code == 400
    assert "表单已过期或并非来自本站；请刷新页面后重新提交。" in response.get_data(as_text=True)


def test_api_404_message_is_chinese_with_the_code_unchanged(zh, deal):
    response = zh.get("/api/v1/stakeholders/9999")
    assert response.status_code == 404
    assert response.get_json() == {"error": "not_found", "message": "找不到关键人 9999"}


def test_api_unknown_collection_is_chinese(zh):
    body = zh.get("/api/v1/people").get_json()
    assert body["error"] == "not_found"
    assert body["message"].startswith("没有数据集 'people'；可用的有：accounts, ")


def test_api_409_message_is_chinese_with_keys_unchanged(zh, deal, db):
    db.update("stakeholder", deal["Ada"], {"title": "Chair"})
    response = zh.patch(f"/api/v1/stakeholders/{deal['Ada']}",
                        json={"title": "CEO", "version": 1})
    assert response.status_code == 409
    body = response.get_json()
    assert list(body) == ["error", "message", "version"]
    assert (body["error"], body["version"]) == ("conflict", 2)
    assert body["message"].endswith("已被他人修改（您编辑的是第 1 版，现已是第 2 版）；"
                                    "请重新加载后再修改")
    assert db.get("stakeholder", deal["Ada"])["title"] == "Chair"


def test_api_422_keeps_its_codes_and_keys(zh, deal):
    response = zh.post("/api/v1/stakeholders", json={"account_id": deal["account"], "name": ""})
    assert response.status_code == 422
    body = response.get_json()
    assert body["error"] == "validation"
    assert [(p["field"], sorted(p)) for p in body["problems"]] == [
        ("name", ["field", "reason", "record"])]


def test_api_400_message_is_chinese(zh):
    response = zh.post("/api/v1/accounts", data="{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.get_json() == {"error": "bad_request", "message": "请求体不是有效的 JSON"}


def test_api_405_is_chinese_with_its_allow_header(zh, deal):
    response = zh.put("/api/v1/accounts")
    assert response.status_code == 405
    assert response.get_json() == {"error": "method_not_allowed",
                                   "message": "所请求的地址不接受该请求方法。"}
    assert "POST" in response.headers["Allow"]


def test_export_buttons_are_chinese(zh, deal):
    page = zh.get(f"/opportunities/{deal['opportunity']}/export").get_data(as_text=True)
    assert "交互式权力地图（HTML）" in page and "全部数据表（Excel）" in page


def test_english_is_unchanged(client, deal, db, csrf):
    assert client.get("/api/v1/stakeholders/9999").get_json() == {
        "error": "not_found", "message": "no stakeholder 9999"}
    page = client.get("/no/such/page").get_data(as_text=True)
    assert "404 · Not Found" in page
    assert "The requested URL was not found on the server." in page
    response = client.post("/records/stakeholders/new", data={
        "csrf_token": csrf, "account_id": deal["account"], "name": "Dee"})
    (dee,) = db.rows("stakeholder", "name = ?", ["Dee"])
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"Saved stakeholder #{dee['id']} &#39;Dee&#39;." in page
    form = client.get("/records/stakeholders/new").get_data(as_text=True)
    assert "New stakeholder" in form and '<label for="input-name">Name' in form
