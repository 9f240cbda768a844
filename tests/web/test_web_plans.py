"""Planning a suggestion as an action: owner, due date, one open action per plan."""

from __future__ import annotations

import datetime as dt

from powermap.analysis import analyze
from powermap.analysis.review import suggestions_text
from powermap.graph import build_graph

PLAN = "/api/v1/opportunities/{id}/plans?today=2026-11-01"


def _plan(client, deal, person):
    return client.post(PLAN.format(id=deal["opportunity"]), json={"stakeholder_id": person})


def test_an_introduced_person_gets_the_team_member_who_starts_the_path(client, deal, db):
    # Cy is reached through Bo (our coach, trusted by Sam): Sam starts the path.
    response = _plan(client, deal, deal["Cy"])
    assert response.status_code == 201 and response.json["created"] is True
    action = response.json["action"]
    assert (action["owner_id"], action["type"], action["status"], action["due_date"]) == \
        (deal["sam"], "ice_breaking", "planned", "2026-11-15")
    assert action["notes"] == ("Sam asks Bo for an introduction to Cy (our relationship: "
                               "trusted).\nBo introduces us to Cy (influences, strength 2).")
    again = _plan(client, deal, deal["Cy"])
    assert again.status_code == 200 and again.json["created"] is False
    assert again.json["action"]["id"] == action["id"]
    assert len(db.rows("action", "stakeholder_id = ?", [deal["Cy"]])) == 1


def test_planning_again_updates_the_open_action_and_keeps_what_people_set(client, deal, db):
    # the fixture's open executive visit to Ada, owned by Sam, due 2026-11-15
    db.update("action", deal["action"], {"due_date": None})
    response = _plan(client, deal, deal["Ada"])
    assert response.status_code == 200
    action = response.json["action"]
    assert action["id"] == deal["action"] and action["owner_id"] == deal["sam"]
    assert action["due_date"] == "2026-12-01"               # executive visit: 30 days
    assert action["expected_effect"].startswith("Win Ada (decision maker, unknown) through")
    assert len(db.rows("action", "stakeholder_id = ?", [deal["Ada"]])) == 1
    db.update("action", deal["action"], {"status": "done"})
    assert _plan(client, deal, deal["Ada"]).status_code == 201   # a done action is not open


def test_the_bid_date_brings_the_due_date_forward(client, deal, db):
    db.update("opportunity", deal["opportunity"], {"bid_date": "2026-11-12"})
    action = _plan(client, deal, deal["Cy"]).json["action"]
    assert action["due_date"] == "2026-11-05"                 # a week before the bid


def test_suggestions_say_they_are_planned(client, deal):
    _plan(client, deal, deal["Cy"])
    report = client.get(f"/api/v1/opportunities/{deal['opportunity']}/analysis").json
    planned = {s["stakeholder_id"]: s["planned"] for s in report["suggestions"]}
    assert planned[deal["Cy"]]["owner"] == {"kind": "team_member", "id": deal["sam"],
                                             "name": "Sam"}
    assert planned[deal["Cy"]]["due_date"] == "2026-11-15"
    assert planned[deal["Ada"]]["action_id"] == deal["action"]


def test_a_person_without_a_suggestion_is_refused_and_nothing_written(client, deal, db):
    before = len(db.rows("action"))
    response = _plan(client, deal, deal["Bo"])                # our champion: no suggestion
    assert response.status_code == 422
    assert response.json["problems"][0]["field"] == "stakeholder_id"
    assert _plan(client, deal, None).status_code == 400
    assert client.post(PLAN.format(id=999), json={"stakeholder_id": 1}).status_code == 404
    assert len(db.rows("action")) == before


def test_suggestions_text_lists_the_steps_and_the_plan(client, deal, db):
    _plan(client, deal, deal["Cy"])
    report = analyze(build_graph(db, deal["opportunity"]), today=dt.date(2026, 11, 1))
    lines = suggestions_text(report).splitlines()
    cy = next(i for i, line in enumerate(lines) if line[4:].startswith("Win Cy"))
    assert lines[cy + 2:cy + 5] == [
        "    – Sam asks Bo for an introduction to Cy (our relationship: trusted).",
        "    – Bo introduces us to Cy (influences, strength 2).",
        "    Planned: Sam, due 15 Nov 2026."]
