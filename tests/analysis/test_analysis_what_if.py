"""What-if: the risk flags and health of the changed map, and what appeared or disappeared."""

from __future__ import annotations

import datetime as dt

from analysis_maps import new_map, person, relate

from powermap.analysis.what_if import what_if_campaign

DAY = dt.date(2026, 11, 30)


def small_map():
    """Bo (coach, trusted by Tess) reports to the decision maker Cy (neutral, acquainted)."""
    G = new_map(team={7: {"id": 7, "name": "Tess", "role": "account_lead"}})
    person(G, 1, name="Bo", roles=["coach"], attitude=2, coverage=[(7, 3, "2026-11-20")],
           verified_at="2026-11-20")
    person(G, 2, name="Cy", roles=["decision_maker"], attitude=0, influence=5,
           coverage=[(7, 2, "2026-11-20")], verified_at="2026-11-20")
    relate(G, 1, 2, "reports_to", 3)
    return G


def flags(document):
    return [(f["code"], f["severity"], [p["stakeholder_id"] for p in f["stakeholders"]])
            for f in document]


def test_without_changes_the_flags_are_the_maps_and_nothing_changes():
    result = what_if_campaign(small_map(), today=DAY)
    assert result["risks"]["health"] == "red" and result["risks"]["health_label"] == "red"
    assert flags(result["risks"]["flags"]) == [
        ("single_threaded", "high", [1]),
        ("decision_maker_not_supportive", "medium", [2]),
        ("required_role_unfilled", "medium", []),
        ("required_role_unfilled", "medium", []),
        ("key_person_without_action", "medium", [2]),
    ]
    assert result["risk_changes"] == {"appeared": [], "disappeared": [], "changed": []}


def test_the_decision_maker_leaves():
    G = small_map()
    result = what_if_campaign(G, today=DAY, leaves=[2])
    assert result["what_if"] == ["Cy leaves."]
    assert result["risks"]["counts"] == {"high": 2, "medium": 2, "low": 0}
    appeared = result["risk_changes"]["appeared"]
    assert [(f["code"], f["severity"], f["title"]) for f in appeared] == [
        ("required_role_unfilled", "high", "No decision maker identified")]
    assert flags(result["risk_changes"]["disappeared"]) == [
        ("decision_maker_not_supportive", "medium", [2]),
        ("key_person_without_action", "medium", [2]),
    ]
    assert 2 in G   # the map itself is unchanged


def test_a_high_influence_opponent_joins():
    result = what_if_campaign(small_map(), today=DAY, joins=[
        {"name": "Wu", "role": "evaluator", "attitude": -2, "influence": 5}])
    assert flags(result["risk_changes"]["appeared"]) == [
        ("high_influence_opponent", "high", [-1]),
    ]
    # Wu is an evaluator: the flag about the missing evaluator goes
    assert [(f["code"], f["title"]) for f in result["risk_changes"]["disappeared"]] == [
        ("required_role_unfilled", "No evaluator identified"),
    ]
    # the same flag with one more person is a change, not a new flag and a lost one
    [changed] = result["risk_changes"]["changed"]
    assert (changed["code"], changed["title"]) == (
        "key_person_without_action", "Influential people nobody is working on")
    assert [p["name"] for p in changed["added"]] == ["Wu"] and changed["removed"] == []


def test_a_flag_whose_people_change_both_ways_is_one_change():
    from powermap.analysis.what_if import risk_changes

    def flag(*people, code="stale_contacts"):
        return {"code": code, "department": None, "title": "Stale", "severity": "low",
                "stakeholders": [{"stakeholder_id": n, "name": f"P{n}"} for n in people]}

    before = {"flags": [flag(1, 2), flag(5, code="x"), flag(6, code="x")]}
    after = {"flags": [flag(2, 3), flag(5, code="x"), flag(7, code="x")]}
    changes = risk_changes(before, after)
    [changed] = changes["changed"]
    assert [p["name"] for p in changed["added"]] == ["P3"]
    assert [p["name"] for p in changed["removed"]] == ["P1"]
    # a kind of flag raised more than once is matched by its people
    assert [f["stakeholders"][0]["name"] for f in changes["appeared"]] == ["P7"]
    assert [f["stakeholders"][0]["name"] for f in changes["disappeared"]] == ["P6"]
    assert risk_changes(after, after) == {"appeared": [], "disappeared": [], "changed": []}


def test_flipping_the_decision_maker_to_champion_clears_the_flag_about_them():
    result = what_if_campaign(small_map(), today=DAY, flips={2: 2})
    assert "decision_maker_not_supportive" not in [f["code"] for f in result["risks"]["flags"]]
    assert flags(result["risk_changes"]["disappeared"]) == [
        ("decision_maker_not_supportive", "medium", [2]),
        ("key_person_without_action", "medium", [2]),   # a champion needs no next step
    ]
    assert result["risk_changes"]["appeared"] == []
