"""The generic create / edit / delete forms, CSRF and POST-redirect-GET."""

from __future__ import annotations

import re

import pytest

from powermap.schema import ENTITIES
from powermap.web.forms import editable_fields


@pytest.mark.parametrize("ent", list(ENTITIES.values()), ids=lambda e: e.collection)
def test_new_form_has_every_editable_field(client, deal, ent):
    response = client.get(f"/records/{ent.collection}/new")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    for f in editable_fields(ent, editing=False):
        assert f'name="{f.name}"' in page, f.name
    assert 'name="csrf_token"' in page


@pytest.mark.parametrize("ent", list(ENTITIES.values()), ids=lambda e: e.collection)
def test_edit_form_of_every_entity(client, deal, db, ent):
    record = db.rows(ent.name)[0]
    response = client.get(f"/records/{ent.collection}/{record['id']}/edit")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f'name="version" value="{record["version"]}"' in page
    for f in editable_fields(ent, editing=True):
        assert f'name="{f.name}"' in page


def test_references_and_choices_are_select_boxes_scoped_to_the_account(client, deal, db):
    db.create("stakeholder", {"account_id": db.create("account", {"name": "Other"})["id"],
                              "name": "Outsider"})
    page = client.get(f"/records/buying-center/new?opportunity_id={deal['opportunity']}"
                      ).get_data(as_text=True)
    stakeholder_select = re.search(r'<select id="input-stakeholder_id".*?</select>', page,
                                   re.S).group(0)
    assert "Ada — CEO" in stakeholder_select and "Outsider" not in stakeholder_select
    assert f'<input type="hidden" name="opportunity_id" value="{deal["opportunity"]}">' in page
    assert 'value="decision_maker"' in page and "> Decision maker</label>" in page
    assert '<option value="">unknown</option>' in page  # attitude may stay unknown
    assert '<option value="2">+2 champion</option>' in page


def test_create_redirects_to_the_record_page_and_writes(client, deal, db, csrf):
    response = client.post("/records/stakeholders/new", data={
        "csrf_token": csrf, "account_id": deal["account"], "name": "Dee", "level": "4",
        "title": "Engineer"})
    assert response.status_code == 303
    assert response.headers["Location"] == f"/accounts/{deal['account']}"
    (dee,) = db.rows("stakeholder", "name = ?", ["Dee"])
    assert (dee["level"], dee["title"]) == (4, "Engineer")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"Saved stakeholder #{dee['id']} &#39;Dee&#39;." in page


def test_create_goes_to_next_when_local(client, deal, db, csrf):
    data = {"csrf_token": csrf, "name": "NewCo"}
    response = client.post("/records/accounts/new", data={**data, "next": "/actions"})
    assert response.headers["Location"] == "/actions"
    response = client.post("/records/accounts/new",
                           data={**data, "name": "Other", "next": "//evil.example/x"})
    assert response.headers["Location"].startswith("/accounts/")


def test_list_field_from_checkboxes(client, deal, db, csrf):
    dee = db.create("stakeholder", {"account_id": deal["account"], "name": "Dee"})["id"]
    response = client.post("/records/buying-center/new", data={
        "csrf_token": csrf, "opportunity_id": deal["opportunity"], "stakeholder_id": dee,
        "roles": ["user", "influencer"], "influence": "2", "attitude": ""})
    assert response.status_code == 303
    assert response.headers["Location"] == f"/opportunities/{deal['opportunity']}"
    (entry,) = db.rows("buying_center_entry", "stakeholder_id = ?", [dee])
    assert (entry["roles"], entry["influence"], entry["attitude"]) == (
        ["user", "influencer"], 2, None)


def test_missing_csrf_token_is_refused_and_nothing_written(client, deal, db):
    response = client.post("/records/accounts/new", data={"name": "Sneaky"})
    assert response.status_code == 400
    assert "reload the page" in response.get_data(as_text=True)
    assert db.rows("account", "name = ?", ["Sneaky"]) == []


def test_wrong_csrf_token_is_refused(client, deal, db, csrf):
    response = client.post("/records/accounts/new", data={"name": "Sneaky",
                                                          "csrf_token": "forged"})
    assert response.status_code == 400
    assert db.rows("account", "name = ?", ["Sneaky"]) == []


def test_page_token_is_the_session_token(client, deal, db):
    page = client.get("/records/accounts/new").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = client.post("/records/accounts/new", data={"name": "Legit", "csrf_token": token})
    assert response.status_code == 303
    assert db.rows("account", "name = ?", ["Legit"])


def test_invalid_form_shows_messages_beside_fields_and_writes_nothing(client, deal, db, csrf):
    before = db.counts()
    response = client.post("/records/stakeholders/new", data={
        "csrf_token": csrf, "account_id": deal["account"], "name": "", "level": "12",
        "email": "not-an-email"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert '<p class="error" id="error-name">is required</p>' in page
    assert ('<p class="error" id="error-level">&#39;12&#39; is above the maximum 9 '
            '(allowed 1 to 9)</p>') in page
    assert '<option value="12" selected>12 (not allowed)</option>' in page  # kept as sent
    assert 'value="not-an-email"' in page
    assert db.counts() == before


def test_cross_record_problem_is_shown(client, deal, db, csrf):
    response = client.post("/records/relationships/new", data={
        "csrf_token": csrf, "source_id": deal["Ada"], "target_id": deal["Ada"],
        "type": "allied"})
    assert response.status_code == 422
    assert "cannot have a relationship with themselves" in response.get_data(as_text=True)
    assert len(db.rows("relationship")) == 2


def test_edit_saves_and_clears_fields(client, deal, db, csrf):
    response = client.post(f"/records/stakeholders/{deal['Ada']}/edit", data={
        "csrf_token": csrf, "version": "1", "name": "Ada Lovelace", "title": "", "level": "1"})
    assert response.status_code == 303
    ada = db.get("stakeholder", deal["Ada"])
    assert (ada["name"], ada["title"], ada["version"]) == ("Ada Lovelace", None, 2)


def test_edit_bool_checkbox_unchecked_is_false(client, deal, db, csrf):
    (cov,) = db.rows("coverage")
    response = client.post(f"/records/coverage/{cov['id']}/edit", data={
        "csrf_token": csrf, "version": "1", "team_member_id": deal["sam"],
        "stakeholder_id": deal["Bo"], "strength": "3"})
    assert response.status_code == 303
    assert db.get("coverage", cov["id"])["owner"] is False


def test_edit_with_stale_version_is_409_and_changes_nothing(client, deal, db, csrf):
    db.update("stakeholder", deal["Ada"], {"title": "Chair"})
    response = client.post(f"/records/stakeholders/{deal['Ada']}/edit", data={
        "csrf_token": csrf, "version": "1", "name": "Ada", "title": "CEO", "level": "1"})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "was changed by someone else" in page
    assert 'name="version" value="2"' in page  # saving again overrides knowingly
    assert db.get("stakeholder", deal["Ada"])["title"] == "Chair"


def test_edit_unknown_record_is_404_page(client):
    response = client.get("/records/stakeholders/999/edit")
    assert response.status_code == 404
    assert "no stakeholder 999" in response.get_data(as_text=True)


def test_unknown_collection_is_404_page(client):
    assert client.get("/records/people/new").status_code == 404


def test_delete_asks_then_deletes(client, deal, db, csrf):
    page = client.get(f"/records/actions/{deal['action']}/delete").get_data(as_text=True)
    assert f"Delete action #{deal['action']}?" in page
    assert db.get("action", deal["action"])
    response = client.post(f"/records/actions/{deal['action']}/delete",
                           data={"csrf_token": csrf, "version": "1"})
    assert response.status_code == 303
    assert response.headers["Location"] == f"/opportunities/{deal['opportunity']}"
    assert db.counts()["action"] == 0


def test_delete_account_goes_back_to_the_list(client, deal, db, csrf):
    response = client.post(f"/records/accounts/{deal['account']}/delete",
                           data={"csrf_token": csrf})
    assert response.headers["Location"] == "/accounts"
    assert db.is_empty() or db.counts()["account"] == 0


def test_delete_stale_version_is_409(client, deal, db, csrf):
    response = client.post(f"/records/actions/{deal['action']}/delete",
                           data={"csrf_token": csrf, "version": "5"})
    assert response.status_code == 409
    assert db.get("action", deal["action"])


def test_a_suggestion_becomes_a_planned_action_through_the_api(client, deal, db):
    """What the map's "Plan action" button sends (the browser test clicks it)."""
    payload = client.get(f"/api/v1/opportunities/{deal['opportunity']}/map").get_json()
    suggestion = payload["suggestions"][0]
    body = {"opportunity_id": deal["opportunity"], "stakeholder_id": suggestion["stakeholder_id"],
            "type": suggestion["activity"], "status": "planned",
            "expected_effect": suggestion["summary"]}
    response = client.post("/api/v1/actions", json=body)
    assert response.status_code == 201
    planned = db.rows("action", "stakeholder_id = ? AND id != ?",
                      [suggestion["stakeholder_id"], deal["action"]])
    assert [(a["type"], a["status"], a["expected_effect"]) for a in planned] == [
        (suggestion["activity"], "planned", suggestion["summary"])]


def test_account_hint_scopes_choices_of_records_without_an_account_field(client, deal, db,
                                                                        csrf):
    db.create("stakeholder", {"account_id": db.create("account", {"name": "Other"})["id"],
                              "name": "Outsider"})
    page = client.get(f"/records/coverage/new?account_id={deal['account']}"
                      ).get_data(as_text=True)
    assert "Ada — CEO" in page and "Outsider" not in page
    assert f'<input type="hidden" name="_account" value="{deal["account"]}">' in page
    response = client.post("/records/coverage/new", data={
        "csrf_token": csrf, "_account": deal["account"], "team_member_id": deal["sam"],
        "stakeholder_id": deal["Ada"], "strength": ""})
    assert response.status_code == 422  # strength is required; the choices stay scoped
    page = response.get_data(as_text=True)
    assert "Outsider" not in page and '<p class="error" id="error-strength">is required</p>' in page
