"""Deletes say what they take: the API's 409 without ``cascade`` and the confirmation page."""

from __future__ import annotations

ADA_TAKES = {"buying_center_entry": 1, "relationship": 1, "competitor_position": 1,
             "action": 1}


def test_delete_with_dependents_without_cascade_is_409_and_keeps_everything(client, deal, db):
    before = db.counts()
    response = client.delete(f"/api/v1/stakeholders/{deal['Ada']}")
    assert response.status_code == 409
    body = response.get_json()
    assert body["error"] == "has_dependents"
    assert body["dependents"] == ADA_TAKES
    assert body["message"] == (f"stakeholder #{deal['Ada']} 'Ada' still has records that "
                               "depend on it; nothing was deleted")
    assert db.counts() == before


def test_delete_409_message_follows_the_language_but_keys_stay(client, deal):
    response = client.delete(f"/api/v1/stakeholders/{deal['Ada']}?cascade=false",
                             headers={"Accept-Language": "zh-CN"})
    body = response.get_json()
    assert body["error"] == "has_dependents"
    assert body["dependents"] == ADA_TAKES
    assert "没有删除任何记录" in body["message"]


def test_delete_with_cascade_is_204_and_takes_exactly_the_dependents(client, deal, db):
    before = db.counts()
    response = client.delete(f"/api/v1/stakeholders/{deal['Ada']}?cascade=true")
    assert response.status_code == 204
    after = db.counts()
    assert {n: before[n] - after[n] for n in before if before[n] != after[n]} == {
        "stakeholder": 1, **ADA_TAKES}


def test_cascade_may_come_in_the_body(client, deal, db):
    response = client.delete(f"/api/v1/opportunities/{deal['opportunity']}",
                             json={"cascade": True, "version": 1})
    assert response.status_code == 204
    assert db.counts()["buying_center_entry"] == 0


def test_delete_without_dependents_needs_no_cascade(client, deal, db):
    assert client.delete(f"/api/v1/buying-center/{deal['entry_ada']}").status_code == 204
    assert db.counts()["buying_center_entry"] == 2


def test_bad_cascade_value_is_400(client, deal, db):
    response = client.delete(f"/api/v1/stakeholders/{deal['Ada']}?cascade=maybe")
    assert response.status_code == 400
    assert response.get_json()["message"] == "cascade must be true or false, got 'maybe'"
    assert db.get("stakeholder", deal["Ada"])


def test_team_member_with_open_actions_is_409_until_reassigned(client, deal, db):
    before = db.counts()
    response = client.delete(f"/api/v1/team-members/{deal['sam']}?cascade=true")
    assert response.status_code == 409
    assert response.get_json() == {
        "error": "owns_open_actions", "open_actions": 1,
        "message": f"team member #{deal['sam']} 'Sam' owns 1 open action; give it to another "
                   "team member first"}
    assert db.counts() == before
    kim = db.create("team_member", {"account_id": deal["account"], "name": "Kim"})["id"]
    response = client.delete(f"/api/v1/team-members/{deal['sam']}?reassign_to={kim}")
    assert response.status_code == 409
    assert response.get_json()["dependents"] == {"coverage": 1}
    response = client.delete(
        f"/api/v1/team-members/{deal['sam']}?reassign_to={kim}&cascade=true")
    assert response.status_code == 204
    assert db.get("action", deal["action"])["owner_id"] == kim


def test_reassign_to_is_only_for_team_members(client, deal):
    response = client.delete(f"/api/v1/stakeholders/{deal['Ada']}?reassign_to=1")
    assert response.status_code == 400


def test_confirmation_page_lists_what_goes_with_the_record(client, deal):
    page = client.get(f"/records/stakeholders/{deal['Ada']}/delete").get_data(as_text=True)
    assert "1 buying center entry" in page
    assert "1 relationship" in page
    assert "1 competitor position" in page
    assert "1 action" in page


def test_confirmation_page_of_the_demo_account_in_both_languages(client, demo):
    account = demo["accounts"][0]
    page = client.get(f"/records/accounts/{account}/delete").get_data(as_text=True)
    for text in ("2 opportunities", "30 stakeholders", "34 buying center entries",
                 "52 relationships", "3 team members", "16 coverage records",
                 "12 competitor positions", "4 actions", "156 records go with it"):
        assert text in page, text
    client.set_cookie("powermap_lang", "zh_CN")
    page = client.get(f"/records/accounts/{account}/delete",
                      headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    for text in ("将一并删除 156 条记录：", "2 个商机", "30 位关键人", "34 个决策小组成员",
                 "16 条关系覆盖", "3 名我方成员", "4 项行动"):
        assert text in page, text


def test_confirmation_page_without_dependents_says_so(client, deal):
    page = client.get("/records/relationships/1/delete").get_data(as_text=True)
    assert "Nothing else depends on it." in page


def test_openapi_documents_cascade_and_the_refusals(client):
    document = client.get("/api/v1/openapi.json").get_json()
    stakeholder = document["paths"]["/api/v1/stakeholders/{record_id}"]["delete"]
    assert [p["name"] for p in stakeholder["parameters"]] == ["record_id", "version", "cascade"]
    assert "`?cascade=true`" in stakeholder["description"]
    refusals = stakeholder["responses"]["409"]["content"]["application/json"]["schema"]
    assert refusals == {"oneOf": [{"$ref": "#/components/schemas/Conflict"},
                                  {"$ref": "#/components/schemas/HasDependents"}]}
    member = document["paths"]["/api/v1/team-members/{record_id}"]["delete"]
    assert [p["name"] for p in member["parameters"]][-1] == "reassign_to"
    schemas = document["components"]["schemas"]
    assert schemas["HasDependents"]["properties"]["error"] == {"const": "has_dependents"}
    assert schemas["OwnsOpenActions"]["required"] == ["error", "message", "open_actions"]


def test_team_member_page_asks_who_takes_over_and_refuses_without(client, deal, db, csrf):
    kim = db.create("team_member", {"account_id": deal["account"], "name": "Kim"})["id"]
    page = client.get(f"/records/team-members/{deal['sam']}/delete").get_data(as_text=True)
    assert "1 coverage record" in page
    assert "1 open action goes to:" in page
    assert f'<option value="{kim}">Kim</option>' in page
    before = db.counts()
    refused = client.post(f"/records/team-members/{deal['sam']}/delete",
                          data={"csrf_token": csrf, "version": "1"})
    assert refused.status_code == 409
    assert (f"team member #{deal['sam']} &#39;Sam&#39; owns 1 open action"
            in refused.get_data(as_text=True))
    assert db.counts() == before
    done = client.post(f"/records/team-members/{deal['sam']}/delete",
                       data={"csrf_token": csrf, "version": "1", "reassign_to": str(kim)})
    assert done.status_code == 303
    assert db.get("action", deal["action"])["owner_id"] == kim
    assert db.counts()["coverage"] == 0


def test_team_member_page_without_anyone_to_take_over(client, deal):
    page = client.get(f"/records/team-members/{deal['sam']}/delete").get_data(as_text=True)
    assert ("1 open action needs an owner: add another team member to the account first."
            in page)


def test_confirmation_refuses_when_the_dependents_changed_meanwhile(client, deal, db, csrf):
    page = client.get(f"/records/stakeholders/{deal['Cy']}/delete").get_data(as_text=True)
    shown = '{&#34;buying_center_entry&#34;: 1, &#34;relationship&#34;: 1}'
    assert f'name="takes" value="{shown}"' in page
    db.create("relationship", {"source_id": deal["Cy"], "target_id": deal["Ada"],
                               "type": "allied"})
    before = db.counts()
    response = client.post(f"/records/stakeholders/{deal['Cy']}/delete", data={
        "csrf_token": csrf, "version": "1",
        "takes": '{"buying_center_entry": 1, "relationship": 1}'})
    assert response.status_code == 409
    text = response.get_data(as_text=True)
    assert "changed since it was shown; nothing was deleted" in text
    assert "2 relationships" in text
    assert db.counts() == before
