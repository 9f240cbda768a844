"""The campaign in the API: the plan, what-if without saving, writing its actions."""

from __future__ import annotations

from powermap.demo import load_demo

CAMPAIGN = "/api/v1/opportunities/{id}/campaign?today=2026-11-30"


def _demo(db):
    grid, _maintenance = load_demo(db)["opportunities"]
    people = {r["name"]: r["id"] for r in db.rows("stakeholder")}
    return grid["id"], people


def test_campaign_reaches_the_decision_maker(client, db):
    grid, people = _demo(db)
    response = client.get(CAMPAIGN.format(id=grid))
    assert response.status_code == 200
    document = response.json
    assert document["weeks"] == 6 and document["what_if"] == []
    step = next(s for s in document["steps"] if s["stakeholder_id"] == people["陈建国"])
    assert step["introducer"]["id"] == people["王磊"]


def test_what_if_changes_the_plan_and_saves_nothing(client, db):
    grid, people = _demo(db)
    before = db.rows("stakeholder")
    url = CAMPAIGN.format(id=grid) + f"&leaves={people['王磊']}&flip={people['赵敏']}:2" \
        "&join=Wu Gang:evaluator:-1"
    document = client.get(url).json
    assert document["what_if"] == ["王磊 leaves.", "赵敏 becomes champion.",
                                   "Wu Gang joins the buying center."]
    step = next(s for s in document["steps"] if s["stakeholder_id"] == people["陈建国"])
    assert step["introducer"]["id"] == people["孙丽"]
    assert db.rows("stakeholder") == before
    assert document["risks"]["health"] == "red"
    assert sum(document["risks"]["counts"].values()) == len(document["risks"]["flags"])
    plain = client.get(CAMPAIGN.format(id=grid)).json
    assert plain["risk_changes"] == {"appeared": [], "disappeared": [], "changed": []}
    assert any(document["risk_changes"].values())
    assert client.get(CAMPAIGN.format(id=grid) + "&leaves=999999").status_code == 404
    assert client.get(CAMPAIGN.format(id=grid) + "&flip=x").status_code == 400
    assert client.get(CAMPAIGN.format(id=grid) + "&capacity=0").status_code == 400


def test_planning_the_campaign_twice_updates_the_same_actions(client, db):
    grid, _people = _demo(db)
    first = client.post(CAMPAIGN.format(id=grid), json={})
    assert first.status_code == 200 and first.json["created"] > 0
    second = client.post(CAMPAIGN.format(id=grid), json={}).json
    assert second["created"] == 0 and second["updated"] == first.json["created"]
    assert [a["id"] for a in second["actions"]] == [a["id"] for a in first.json["actions"]]


def test_pages_show_the_campaign_and_plan_it(client, db, csrf):
    grid, _people = _demo(db)
    page = client.get(f"/opportunities/{grid}").get_data(as_text=True)
    assert f'data-campaign-url="/api/v1/opportunities/{grid}/campaign"' in page
    assert "Plan campaign" in page
    review = client.get(f"/opportunities/{grid}/review").get_data(as_text=True)
    assert "Campaign until the bid" in review
    assert "Our coach 王磊 can introduce us to 陈建国 now." in review
    before = len(db.rows("action"))
    response = client.post(f"/opportunities/{grid}/campaign", data={"csrf_token": csrf})
    assert response.status_code == 303
    created = len(db.rows("action")) - before
    assert created > 0
    client.post(f"/opportunities/{grid}/campaign", data={"csrf_token": csrf})
    assert len(db.rows("action")) - before == created
