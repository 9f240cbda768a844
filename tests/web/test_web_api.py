"""The JSON API under /api/v1: CRUD, filters, errors, analyses."""

from __future__ import annotations

import json

import pytest

from powermap.schema import ENTITIES

META = {"id", "version", "created_at", "updated_at"}


def _without_meta(record: dict) -> dict:
    return {k: v for k, v in record.items() if k not in META}


@pytest.mark.parametrize("collection", [e.collection for e in ENTITIES.values()])
def test_every_collection_lists_empty(client, collection):
    response = client.get(f"/api/v1/{collection}")
    assert response.status_code == 200
    assert response.get_json() == []


def test_create_account_returns_201_record_and_location(client, db):
    response = client.post("/api/v1/accounts", json={"name": "Acme", "size": "250",
                                                      "tier": "growth"})
    assert response.status_code == 201
    body = response.get_json()
    assert _without_meta(body) == {
        "name": "Acme", "industry": None, "size": 250, "tier": "growth",
        "cumulative_sales": None, "profit": None, "average_deal_size": None,
        "collection_period_days": None, "arrears": None, "notes": None,
        "value_positioning": None, "procurement_norms": None, "satisfaction": None}
    assert body["version"] == 1
    assert response.headers["Location"] == f"/api/v1/accounts/{body['id']}"
    assert db.get("account", body["id"])["size"] == 250


def test_references_may_be_ids_or_names(client, deal, db):
    response = client.post("/api/v1/stakeholders", json={"account_id": deal["account"],
                                                          "name": "Dee", "level": 3})
    assert response.status_code == 201
    response = client.post("/api/v1/relationships", json={"source_id": "Dee",
                                                           "target_id": deal["Ada"],
                                                           "type": "influences"})
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    dee = db.resolve("stakeholder", "Dee")
    assert (body["source_id"], body["target_id"], body["account_id"], body["strength"]) == (
        dee, deal["Ada"], deal["account"], 2)


def test_unknown_reference_name_is_422_on_that_field(client, deal, db):
    response = client.post("/api/v1/stakeholders", json={"account_id": "Nobody Inc",
                                                          "name": "Eve"})
    assert response.status_code == 422
    assert response.get_json() == {"error": "validation", "problems": [
        {"record": "new stakeholder 'Eve'", "field": "account_id",
         "reason": "no account 'Nobody Inc'"}]}
    assert db.rows("stakeholder", "name = ?", ["Eve"]) == []


def test_get_one_record(client, deal):
    response = client.get(f"/api/v1/stakeholders/{deal['Ada']}")
    assert response.status_code == 200
    assert _without_meta(response.get_json()) == {
        "account_id": deal["account"], "name": "Ada", "title": "CEO", "department": None,
        "level": 1, "email": None, "interests": None, "notes": None}


def test_unknown_id_is_404_json(client, deal):
    response = client.get("/api/v1/stakeholders/9999")
    assert response.status_code == 404
    assert response.get_json() == {"error": "not_found", "message": "no stakeholder 9999"}


def test_unknown_collection_is_404_json(client):
    response = client.get("/api/v1/people")
    assert response.status_code == 404
    body = response.get_json()
    assert body["error"] == "not_found"
    assert body["message"].startswith("no collection 'people'; expected one of: accounts,")


def test_unsupported_method_is_405_json(client, deal):
    response = client.put(f"/api/v1/accounts/{deal['account']}", json={})
    assert response.status_code == 405
    assert response.get_json()["error"] == "method_not_allowed"
    assert "PATCH" in response.headers["Allow"]


def test_validation_error_is_422_naming_field_and_nothing_written(client, deal, db):
    before = db.counts()
    response = client.post("/api/v1/buying-center", json={
        "opportunity_id": deal["opportunity"], "placeholder": "Budget owner",
        "roles": ["approver"], "influence": 9})
    assert response.status_code == 422
    assert response.get_json() == {"error": "validation", "problems": [
        {"record": "new buying center entry", "field": "influence",
         "reason": "9 is above the maximum 5 (allowed 1 to 5)"}]}
    assert db.counts() == before


def test_missing_required_fields_are_each_named(client):
    response = client.post("/api/v1/opportunities", json={})
    assert response.status_code == 422
    assert [p["field"] for p in response.get_json()["problems"]] == ["account_id", "name"]


@pytest.mark.parametrize(("body", "kwargs", "message"), [
    ("name=Acme", {"content_type": "application/x-www-form-urlencoded"},
     "send a JSON object with Content-Type: application/json"),
    ("{not json", {"content_type": "application/json"}, "the body is not valid JSON"),
    ("[1, 2]", {"content_type": "application/json"}, "the body must be a JSON object, not list"),
])
def test_non_json_body_is_400(client, db, body, kwargs, message):
    response = client.post("/api/v1/accounts", data=body, **kwargs)
    assert response.status_code == 400
    assert response.get_json() == {"error": "bad_request", "message": message}
    assert db.counts()["account"] == 0


def test_patch_with_current_version(client, deal, db):
    response = client.patch(f"/api/v1/buying-center/{deal['entry_ada']}",
                            json={"attitude": 1, "version": 1})
    assert response.status_code == 200
    assert (response.get_json()["attitude"], response.get_json()["version"]) == (1, 2)
    assert db.get("buying_center_entry", deal["entry_ada"])["attitude"] == 1


def test_patch_with_stale_version_is_409_and_changes_nothing(client, deal, db):
    client.patch(f"/api/v1/buying-center/{deal['entry_ada']}", json={"attitude": 1})
    response = client.patch(f"/api/v1/buying-center/{deal['entry_ada']}",
                            json={"attitude": -2, "version": 1})
    assert response.status_code == 409
    body = response.get_json()
    assert body["error"] == "conflict" and body["version"] == 2
    assert "was changed by someone else" in body["message"]
    assert db.get("buying_center_entry", deal["entry_ada"])["attitude"] == 1


def test_patch_invalid_value_is_422_and_changes_nothing(client, deal, db):
    response = client.patch(f"/api/v1/stakeholders/{deal['Ada']}", json={"level": 0})
    assert response.status_code == 422
    assert response.get_json()["problems"][0]["field"] == "level"
    assert db.get("stakeholder", deal["Ada"])["version"] == 1


def test_patch_immutable_field_is_422(client, deal, db):
    other = db.create("account", {"name": "Other"})["id"]
    response = client.patch(f"/api/v1/stakeholders/{deal['Ada']}", json={"account_id": other})
    assert response.status_code == 422
    assert response.get_json()["problems"][0]["field"] == "account_id"


def test_patch_unknown_id_is_404(client):
    response = client.patch("/api/v1/accounts/42", json={"name": "X"})
    assert response.status_code == 404
    assert response.get_json() == {"error": "not_found", "message": "no account 42"}


def test_patch_takes_a_version_written_as_a_whole_float(client, deal):
    """JSON Schema counts 1.0 as an integer, as the document declares version; so does the API."""
    response = client.patch(f"/api/v1/accounts/{deal['account']}",
                            json={"industry": "Steel", "version": 1.0})
    assert response.status_code == 200
    assert (response.get_json()["industry"], response.get_json()["version"]) == ("Steel", 2)
    refused = client.patch(f"/api/v1/accounts/{deal['account']}", json={"version": 2.5})
    assert refused.status_code == 400
    assert refused.get_json()["message"] == "version must be a whole number, got 2.5"


def test_patch_bad_version_is_400(client, deal):
    response = client.patch(f"/api/v1/accounts/{deal['account']}", json={"version": "two"})
    assert response.status_code == 400
    assert response.get_json()["message"] == "version must be a whole number, got 'two'"


def test_delete_with_stale_version_is_409(client, deal, db):
    response = client.delete(f"/api/v1/actions/{deal['action']}", json={"version": 7})
    assert response.status_code == 409
    assert response.get_json()["version"] == 1
    assert db.get("action", deal["action"])


def test_delete_relationship_with_stale_map_version_is_409_and_keeps_it(client, deal, db):
    """D3: what the live map's Remove button sends: the edge's version from the payload."""
    payload = client.get(f"/api/v1/opportunities/{deal['opportunity']}/map").get_json()
    edge = next(e for e in payload["edges"] if e["type"] == "influences")
    assert edge["version"] == 1
    db.update("relationship", edge["id"], {"strength": 1}, version=1)  # edited meanwhile
    response = client.delete(f"/api/v1/relationships/{edge['id']}?version={edge['version']}")
    assert response.status_code == 409
    assert response.get_json()["error"] == "conflict"
    assert db.get("relationship", edge["id"])["strength"] == 1
    assert db.counts()["relationship"] == 2
    fresh = client.get(f"/api/v1/opportunities/{deal['opportunity']}/map").get_json()
    edge = next(e for e in fresh["edges"] if e["id"] == edge["id"])
    assert edge["version"] == 2
    response = client.delete(f"/api/v1/relationships/{edge['id']}?version={edge['version']}")
    assert response.status_code == 204
    assert db.counts()["relationship"] == 1


def test_delete_then_404(client, deal, db):
    response = client.delete(f"/api/v1/actions/{deal['action']}?version=1")
    assert response.status_code == 204
    assert response.data == b""
    assert client.get(f"/api/v1/actions/{deal['action']}").status_code == 404
    assert db.counts()["action"] == 0


def test_delete_cascades_to_dependents(client, deal, db):
    assert client.delete(f"/api/v1/stakeholders/{deal['Ada']}?cascade=true").status_code == 204
    assert db.rows("buying_center_entry", "stakeholder_id = ?", [deal["Ada"]]) == []
    assert db.rows("relationship", "target_id = ?", [deal["Ada"]]) == []


def test_list_filters_by_equality(client, deal):
    names = [s["name"] for s in client.get(
        f"/api/v1/stakeholders?account_id={deal['account']}&level=2").get_json()]
    assert names == ["Bo"]


def test_list_filter_repeated_means_any_of(client, deal):
    rows = client.get("/api/v1/stakeholders?name=Ada&name=Cy").get_json()
    assert [s["name"] for s in rows] == ["Ada", "Cy"]


def test_list_filter_empty_matches_unknown(client, deal):
    rows = client.get("/api/v1/buying-center?attitude=").get_json()
    assert [e["stakeholder_id"] for e in rows] == [deal["Ada"]]


def test_list_filter_on_a_list_field_means_contains(client, deal):
    rows = client.get("/api/v1/buying-center?roles=coach").get_json()
    assert [e["stakeholder_id"] for e in rows] == [deal["Bo"]]


def test_list_filter_bool(client, deal):
    assert len(client.get("/api/v1/coverage?owner=yes").get_json()) == 1
    assert client.get("/api/v1/coverage?owner=no").get_json() == []


@pytest.mark.parametrize(("query", "message"), [
    ("colour=red", "unknown filter 'colour'; stakeholders can be filtered by: id, account_id,"),
    ("level=high", "filter 'level': expected a whole number, got 'high'"),
    ("id=x", "filter 'id': expected whole numbers"),
])
def test_bad_filter_is_400(client, deal, query, message):
    response = client.get(f"/api/v1/stakeholders?{query}")
    assert response.status_code == 400
    assert response.get_json()["message"].startswith(message)


def test_chinese_names_round_trip(client, deal):
    response = client.post("/api/v1/stakeholders", json={
        "account_id": deal["account"], "name": "陈建国", "title": "董事长",
        "department": "总经办"})
    assert response.status_code == 201
    assert "陈建国".encode() in response.data  # readable UTF-8, not \u escapes
    record = client.get(f"/api/v1/stakeholders/{response.get_json()['id']}").get_json()
    assert (record["name"], record["title"], record["department"]) == ("陈建国", "董事长", "总经办")
    rows = client.get("/api/v1/stakeholders", query_string={"name": "陈建国"}).get_json()
    assert [r["id"] for r in rows] == [record["id"]]


def test_analysis_report(client, deal):
    response = client.get(f"/api/v1/opportunities/{deal['opportunity']}/analysis"
                          "?today=2026-11-01&top=1")
    assert response.status_code == 200
    report = response.get_json()
    assert set(report) >= {"opportunity", "ranking", "support", "forecast", "suggestions",
                           "competition", "risks", "grid"}
    assert report["opportunity"]["today"] == "2026-11-01"
    assert report["opportunity"]["buying_center"] == 3
    assert len(report["suggestions"]) <= 1
    assert report["risks"]["health"] in ("red", "amber", "green")
    assert [r["name"] for r in report["ranking"]][0] == "Ada"


def test_analysis_is_deterministic(client, deal):
    url = f"/api/v1/opportunities/{deal['opportunity']}/analysis?today=2026-11-01"
    assert client.get(url).data == client.get(url).data


@pytest.mark.parametrize(("query", "message"), [
    ("today=yesterday", "today must be a date as YYYY-MM-DD, got 'yesterday'"),
    ("top=0", "top must be a whole number of at least 1, got '0'"),
])
def test_analysis_bad_parameters_are_400(client, deal, query, message):
    response = client.get(f"/api/v1/opportunities/{deal['opportunity']}/analysis?{query}")
    assert response.status_code == 400
    assert response.get_json() == {"error": "bad_request", "message": message}


def test_analysis_of_unknown_opportunity_is_404(client):
    response = client.get("/api/v1/opportunities/77/analysis")
    assert response.status_code == 404
    assert response.get_json() == {"error": "not_found", "message": "no opportunity 77"}


def test_map_payload(client, deal):
    response = client.get(f"/api/v1/opportunities/{deal['opportunity']}/map?layout=network")
    assert response.status_code == 200
    payload = response.get_json()
    assert sorted(n["name"] for n in payload["nodes"]) == ["Ada", "Bo", "Cy"]
    assert {(e["from"], e["to"], e["type"]) for e in payload["edges"]} == {
        (deal["Bo"], deal["Ada"], "reports_to"), (deal["Cy"], deal["Bo"], "influences")}


def test_map_bad_layout_is_400_and_unknown_is_404(client, deal):
    assert client.get(f"/api/v1/opportunities/{deal['opportunity']}/map?layout=x"
                      ).status_code == 400
    assert client.get("/api/v1/opportunities/77/map").get_json()["error"] == "not_found"


def test_suggestion_becomes_a_planned_action_in_one_post(client, deal, db):
    """What the map's "plan" button does: POST the suggestion to /api/v1/actions."""
    report = client.get(f"/api/v1/opportunities/{deal['opportunity']}/analysis").get_json()
    suggestion = report["suggestions"][0]
    response = client.post("/api/v1/actions", data=json.dumps({
        "opportunity_id": deal["opportunity"], "stakeholder_id": suggestion["stakeholder_id"],
        "type": suggestion["activity"], "expected_effect": suggestion["summary"]}),
        content_type="application/json")
    assert response.status_code == 201
    action = db.get("action", response.get_json()["id"])
    assert (action["status"], action["type"]) == ("planned", suggestion["activity"])
