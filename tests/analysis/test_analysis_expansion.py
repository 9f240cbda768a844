"""Ally expansion: introduction paths, activities, exact gains."""

from __future__ import annotations

import pytest
from analysis_maps import approx, new_map, person, relate

from powermap.analysis.expansion import choose_activity, plan_allies, suggest_allies


def test_direct_relationship_workshop():
    G = new_map()
    person(G, 1, attitude=0, roles=["evaluator"], coverage=[(7, 4)])
    (plan,) = suggest_allies(G)
    assert plan["activity"] == "workshop" and plan["activity_label"] == "Workshop"
    assert plan["introducer"] == {"kind": "team_member", "id": 7, "name": "Tess"}
    assert [p["kind"] for p in plan["path"]] == ["us", "team_member", "stakeholder"]
    assert plan["reliability"] == 1.0 and plan["warm"]
    assert plan["success_probability"] == approx(0.5)
    assert plan["gain"] == approx(0.25)


def test_introduction_through_an_ally_beats_a_weak_direct_link():
    # 7 covers A(1) at 2 (0.5) and B(2) at 1 (0.25); A and B are allied at 3 (0.75):
    # through A 0.5 * 0.75 = 0.375 beats the direct 0.25.
    G = new_map()
    person(G, 1, attitude=1, roles=["user"], coverage=[(7, 2)], name="A")
    person(G, 2, attitude=-1, roles=["influencer"], coverage=[(7, 1)], name="B")
    relate(G, 1, 2, "allied", 3)
    plans = suggest_allies(G, influence={1: 0.5, 2: 0.5})
    assert [p["name"] for p in plans] == ["A", "B"]
    a, b = plans
    assert b["introducer"] == {"kind": "stakeholder", "id": 1, "name": "A"}
    assert [p["name"] for p in b["path"]] == ["us", "Tess", "A", "B"]
    assert b["reliability"] == approx(0.375)
    assert b["owner"] == {"kind": "team_member", "id": 7, "name": "Tess"}
    assert [(s["kind"], s["from"]["name"], s["to"]["name"]) for s in b["steps"]] == [
        ("ask", "Tess", "A"), ("introduction", "A", "B")]
    assert b["steps"][0]["text"] == ("Tess asks A for an introduction to B (our relationship: "
                                     "acquainted).")
    assert b["steps"][1]["text"] == "A introduces us to B (allied with, strength 3)."
    assert b["activity"] == "turn_attitude"
    assert b["success_probability"] == approx(0.35 * 0.375)
    # leverage c = (I-Λ)(I-ΛW)^-T w with ΛW = [[0, .7], [.6, 0]], w = [.5, .5]
    assert b["gain"] == approx(0.4 * 0.85 / 0.58 * 0.35 * 0.375 / 2)
    assert a["activity"] == "deepen" and a["gain"] == approx(0.3 * 0.8 / 0.58 * 0.35 / 2)
    assert "introduced by A along Tess → A → B" in b["summary"]


def test_conflict_never_introduces_and_non_allies_do_not_pass_on():
    G = new_map()
    person(G, 1, attitude=2, coverage=[(7, 4)])
    person(G, 2, attitude=0, coverage=[(7, 4)])     # neutral: cannot introduce
    person(G, 3, attitude=None)
    person(G, 4, attitude=None)
    relate(G, 1, 3, "conflict", 3)
    relate(G, 2, 4, "allied", 3)
    plans = {p["stakeholder_id"]: p for p in plan_allies(G)}
    assert 1 not in plans                            # champions are not targets
    for n in (3, 4):
        assert plans[n]["introducer"] is None and not plans[n]["warm"]
        assert plans[n]["reliability"] == 0.1
        assert "cold approach" in plans[n]["summary"]


def test_reports_to_and_influences_carry_introductions_both_ways():
    G = new_map()
    person(G, 1, attitude=1, coverage=[(7, 4)])
    person(G, 2, attitude=None)
    relate(G, 2, 1, "influences", 3)                # 2 influences the ally: ally can introduce
    (plan,) = [p for p in plan_allies(G) if p["stakeholder_id"] == 2]
    assert plan["reliability"] == 0.75 and plan["introducer"]["id"] == 1


@pytest.mark.parametrize(("attitude", "roles", "level", "coverage", "expected"), [
    (None, ["user"], 4, 3, "ice_breaking"),
    (1, ["user"], 4, 0, "ice_breaking"),
    (-2, ["user"], 4, 2, "turn_attitude"),
    (0, ["influencer"], 4, 2, "turn_attitude"),
    (0, ["user"], 4, 2, "workshop"),
    (1, ["evaluator"], 4, 2, "deepen"),
    (None, ["decision_maker"], 1, 0, "executive_visit"),
    (1, ["approver"], 2, 3, "executive_visit"),
    (0, ["approver"], 3, 3, "turn_attitude"),
])
def test_choose_activity(attitude, roles, level, coverage, expected):
    assert choose_activity(attitude, roles, level, coverage) == expected


def test_hostile_opponent_is_harder_to_turn():
    G = new_map()
    person(G, 1, attitude=-2, coverage=[(7, 4)])
    (plan,) = plan_allies(G)
    assert plan["success_probability"] == approx(0.2)


def test_top_limits_and_zero_gain_plans_are_dropped():
    G = new_map()
    person(G, 1, attitude=0, coverage=[(7, 4)])
    person(G, 2, attitude=0, coverage=[(7, 4)])
    person(G, 3, attitude=0, coverage=[(7, 4)])
    assert [p["stakeholder_id"] for p in suggest_allies(G, top=2)] == [1, 2]
    assert [p["rank"] for p in suggest_allies(G, top=5)] == [1, 2, 3]
    assert suggest_allies(G, top=2, influence={1: 1.0, 2: 0.0, 3: 0.0})[0]["stakeholder_id"] == 1
    assert len(suggest_allies(G, influence={1: 1.0, 2: 0.0, 3: 0.0})) == 1
