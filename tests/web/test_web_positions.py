"""The kept-positions API of the map."""

from __future__ import annotations


def test_positions_api(client, db, csrf):
    acme = db.create("account", {"name": "Acme"})["id"]
    opp = db.create("opportunity", {"account_id": acme, "name": "ERP"})["id"]
    li = db.create("stakeholder", {"account_id": acme, "name": "李伟"})["id"]
    url = f"/api/v1/opportunities/{opp}/positions"
    headers = {"X-CSRF-Token": csrf}
    response = client.put(url, headers=headers,
                          json={"positions": [{"stakeholder_id": li, "x": 10, "y": 20}]})
    assert (response.status_code, response.get_json()) == (200, {"kept": 1})
    node = client.get(f"/api/v1/opportunities/{opp}/map").get_json()["nodes"][0]
    assert node["net"] == [10, 20]
    bad = client.put(url, headers=headers,
                     json={"positions": [{"stakeholder_id": 999, "x": 1, "y": 1}]})
    assert bad.status_code == 422
    assert bad.get_json()["problems"][0]["field"] == "stakeholder_id"
    assert client.put(url, headers=headers, json={"nope": 1}).status_code == 400
    assert client.put("/api/v1/opportunities/999/positions", headers=headers,
                      json={"positions": []}).status_code == 404
    response = client.delete(url, headers=headers)
    assert (response.status_code, response.get_json()) == (200, {"forgotten": 1})


def test_a_whole_number_written_with_a_point_is_read_in_the_query(client, db, csrf):
    """Regression (found by schemathesis): ``?reassign_to=7.0`` is the integer JSON Schema
    says it is, as ``7.0`` in a body already was; it was refused with 400."""
    acme = db.create("account", {"name": "Acme"})["id"]
    member = db.create("team_member", {"account_id": acme, "name": "Zhang"})["id"]
    other = db.create("team_member", {"account_id": acme, "name": "Li"})["id"]
    response = client.delete(f"/api/v1/team-members/{member}?reassign_to={other}.0&version=1.0",
                             headers={"X-CSRF-Token": csrf})
    assert response.status_code == 204, response.get_data(as_text=True)
    assert [m["name"] for m in db.rows("team_member")] == ["Li"]
