"""Risk flags and health, one small map per flag."""

from __future__ import annotations

import datetime as dt

import pytest
from analysis_maps import new_map, person, relate

from powermap.analysis.risks import CODES, risk_flags

TODAY = dt.date(2025, 6, 30)


def flags(G, **kwargs):
    return risk_flags(G, today=TODAY, **kwargs)["flags"]


def by_code(G, code):
    return [f for f in flags(G) if f["code"] == code]


def ids(flag):
    return [p["stakeholder_id"] for p in flag["stakeholders"]]


@pytest.fixture
def healthy():
    """A well-covered map with no flags at all."""
    G = new_map()
    person(G, 1, roles=["decision_maker"], influence=5, attitude=1, level=1, department="Exec",
           coverage=[(7, 3, "2025-06-01")])
    person(G, 2, roles=["approver", "coach"], influence=4, attitude=2, department="Fin",
           coverage=[(7, 4, "2025-06-01")], verified_at="2025-06-01")
    person(G, 3, roles=["evaluator"], influence=3, attitude=1, department="IT",
           coverage=[(8, 3, "2025-05-01")])
    return G


def test_healthy_map_is_green(healthy):
    result = risk_flags(healthy, today=TODAY)
    assert result == {"health": "green", "counts": {"high": 0, "medium": 0, "low": 0},
                      "flags": []}


def test_top_decision_maker_not_contacted(healthy):
    person(healthy, 4, roles=["decision_maker"], influence=5, attitude=0, level=1)
    assert by_code(healthy, "top_decision_maker_not_contacted") == []   # tie: 1 comes first
    relate(healthy, 1, 4, "reports_to", 3)
    (flag,) = by_code(healthy, "top_decision_maker_not_contacted")
    assert flag["severity"] == "high" and ids(flag) == [4]
    assert risk_flags(healthy, today=TODAY)["health"] == "red"


def test_decision_maker_not_supportive(healthy):
    healthy.nodes[1]["attitude"] = 0
    (flag,) = by_code(healthy, "decision_maker_not_supportive")
    assert flag["severity"] == "medium" and ids(flag) == [1]
    healthy.nodes[1]["attitude"] = -1
    assert by_code(healthy, "decision_maker_not_supportive")[0]["severity"] == "high"


def test_no_coach_and_weak_champion(healthy):
    healthy.nodes[2]["roles"] = ["approver"]
    healthy.nodes[2]["attitude"] = 1
    assert [f["severity"] for f in by_code(healthy, "no_coach")] == ["high"]
    person(healthy, 5, roles=["user"], influence=1, attitude=2, coverage=[(8, 3)])
    assert by_code(healthy, "no_coach") == []
    (flag,) = by_code(healthy, "weak_champion")
    assert flag["severity"] == "medium" and ids(flag) == [5]


def test_single_threaded(healthy):
    for n in (1, 3):
        healthy.nodes[n]["coverage"][0]["strength"] = 2
    (flag,) = by_code(healthy, "single_threaded")
    assert flag["severity"] == "high" and ids(flag) == [2]


def test_single_threaded_department(healthy):
    person(healthy, 4, department="IT", coverage=[(8, 1)])
    person(healthy, 5, department="IT")
    (flag,) = by_code(healthy, "single_threaded_department")
    assert flag["department"] == "IT" and ids(flag) == [3] and flag["severity"] == "medium"


def test_high_influence_opponent_and_unknown(healthy):
    person(healthy, 4, influence=4, attitude=-1, coverage=[(7, 2)])
    person(healthy, 5, influence=5, attitude=None, coverage=[(7, 2)])
    person(healthy, 6, influence=3, attitude=-2, coverage=[(7, 2)])
    assert [ids(f) for f in by_code(healthy, "high_influence_opponent")] == [[4]]
    (flag,) = by_code(healthy, "high_influence_unknown")
    assert ids(flag) == [5] and flag["severity"] == "medium"


def test_competitor_leads_decision_maker_and_stronghold():
    G = new_map(competitors={9: {"id": 9, "name": "Rival"}})
    person(G, 1, roles=["decision_maker", "coach"], influence=5, attitude=0,
           coverage=[(7, 2)], competitors={9: {"coverage": 4, "preference": 1}},
           department="Buy")
    person(G, 2, attitude=0, department="Buy", competitors={9: {"coverage": 3}})
    (lead,) = by_code(G, "competitor_leads_decision_maker")
    assert ids(lead) == [1] and "Rival" in lead["message"]
    (hold,) = by_code(G, "competitor_stronghold")
    assert hold["department"] == "Buy" and ids(hold) == [1, 2]


def test_required_roles_unfilled_mentions_placeholders():
    G = new_map(placeholders=[{"placeholder": "Legal sign-off", "roles": ["approver"]}])
    person(G, 1, roles=["evaluator", "coach"], attitude=2, coverage=[(7, 3)])
    found = {f["title"]: f for f in by_code(G, "required_role_unfilled")}
    assert set(found) == {"No decision maker identified", "No approver identified"}
    assert found["No decision maker identified"]["severity"] == "high"
    assert "placeholder: Legal sign-off" in found["No approver identified"]["message"]


def test_no_coach_is_said_once_and_remedies_never_ask_a_coach_we_lack():
    # Regression: "No coach identified → Identify the coach: ask the coach…", and no_coach
    # repeated required_role_unfilled on the demo's second deal.
    G = new_map()
    person(G, 1, roles=["decision_maker"], influence=5, attitude=None, level=1,
           coverage=[(7, 3)], verified_at="2024-01-01")
    person(G, 2, roles=["approver", "evaluator"], attitude=1, coverage=[(8, 3)])
    result = flags(G)
    assert [f["code"] for f in result].count("no_coach") == 1
    assert not [f for f in result if f["code"] == "required_role_unfilled"]
    remedies = {f["code"]: f["remedy"] for f in result}
    assert all("coach" not in remedy or code == "no_coach" for code, remedy in remedies.items())
    assert remedies["high_influence_unknown"] == ("Find out where they stand: meet them "
                                                  "(ice-breaking), or ask a supporter who "
                                                  "knows them.")
    assert remedies["stale_scores"] == ("Re-verify influence and attitude when you next meet "
                                        "each of them.")
    # a champion but nobody in the coach role: the coach flag asks the champion
    person(G, 3, roles=["user"], influence=3, attitude=2, name="Ann", coverage=[(8, 3)])
    result = flags(G)
    assert "no_coach" not in [f["code"] for f in result]
    (coach,) = [f for f in result if f["title"] == "No coach identified"]
    assert coach["remedy"] == "Develop a coach: ask Ann, our champion, to guide us from the inside."
    assert {f["code"]: f["remedy"] for f in result}["stale_scores"] == \
        "Re-verify influence and attitude with Ann."


def test_the_last_30_days_before_the_bid_escalate_and_say_why(healthy):
    healthy.nodes[1]["attitude"] = 0            # decision maker neutral: medium
    person(healthy, 5, roles=["user"], influence=1, attitude=2, coverage=[(8, 3)])
    healthy.nodes[2]["roles"] = ["approver"]    # 5 is the only champion, and weak: medium
    healthy.nodes[2]["attitude"] = 1
    healthy.nodes[3]["verified_at"] = "2025-01-01"  # stale scores: not escalated

    def state(bid):
        healthy.graph["opportunity"]["bid_date"] = bid
        return {f["code"]: (f["severity"], f["escalated_from"], f["urgency"])
                for f in flags(healthy)}
    calm = state("2025-08-30")                  # 61 days: nothing changes
    assert calm["decision_maker_not_supportive"] == ("medium", None, None)
    assert calm["weak_champion"] == ("medium", None, None)
    near = state("2025-07-12")                  # 12 days
    assert near["decision_maker_not_supportive"] == (
        "high", "medium", "Raised from medium: the bid is in 12 days.")
    assert near["weak_champion"] == ("high", "medium",
                                     "Raised from medium: the bid is in 12 days.")
    assert near["stale_scores"] == calm["stale_scores"]
    assert state("2025-06-30")["weak_champion"][2] == "Raised from medium: the bid is today."
    assert state("2025-06-29")["weak_champion"] == ("medium", None, None)   # past: no change
    healthy.nodes[5]["influence"] = 3
    for n in (1, 3, 5):                                 # single-threaded: already high
        healthy.nodes[n]["coverage"][0]["strength"] = 2
    assert state("2025-07-01")["single_threaded"] == ("high", None,
                                                      "Urgent: the bid is in 1 day.")


def test_uncoordinated_coverage(healthy):
    person(healthy, 4, coverage=[(7, 2, None, False), (8, 1, None, False)])
    person(healthy, 5, coverage=[(7, 2, None, False), (8, 1, None, True)])
    (flag,) = by_code(healthy, "uncoordinated_coverage")
    assert ids(flag) == [4]


def test_champion_decision_maker_conflict(healthy):
    relate(healthy, 1, 2, "conflict", 3)
    (flag,) = by_code(healthy, "champion_decision_maker_conflict")
    assert flag["severity"] == "high" and ids(flag) == [1, 2]


def test_staleness(healthy):
    healthy.nodes[3]["verified_at"] = "2025-03-01"       # 121 days
    healthy.nodes[3]["coverage"][0]["last_contact"] = "2025-04-01"   # exactly 90 days: fresh
    (flag,) = by_code(healthy, "stale_scores")
    assert ids(flag) == [3] and flag["severity"] == "low"
    assert by_code(healthy, "stale_contacts") == []
    healthy.nodes[1]["coverage"][0]["last_contact"] = "2025-01-01"
    (flag,) = by_code(healthy, "stale_contacts")
    assert ids(flag) == [1] and flag["severity"] == "medium"
    assert risk_flags(healthy, today=TODAY)["health"] == "amber"


def test_stale_contacts_read_only_members_real_relationships_and_the_latest_contact(healthy):
    # docs/analysis.md: buying-center members, coverage >= 2, the latest contact counts
    healthy.nodes[1]["coverage"] = [
        {"id": 1, "team_member_id": 7, "strength": 3, "last_contact": "2025-01-01",
         "owner": True},
        {"id": 2, "team_member_id": 8, "strength": 2, "last_contact": "2025-06-01",
         "owner": False}]
    assert by_code(healthy, "stale_contacts") == []          # Uli saw them a month ago
    healthy.nodes[1]["coverage"][1]["strength"] = 1          # ... but only knows of them
    assert [ids(f) for f in by_code(healthy, "stale_contacts")] == [[1]]
    person(healthy, 6, in_buying_center=False, coverage=[(7, 4, "2020-01-01")])
    person(healthy, 7, in_buying_center=False, coverage=[(7, 2, None, False),
                                                          (8, 2, None, False)])
    assert [ids(f) for f in by_code(healthy, "stale_contacts")] == [[1]]   # outsiders: no
    assert by_code(healthy, "uncoordinated_coverage") == []


def test_single_threaded_is_silent_on_an_empty_buying_center():
    G = new_map()
    person(G, 1, in_buying_center=False, coverage=[(7, 4)])
    result = risk_flags(G, today=TODAY)
    assert "single_threaded" not in [f["code"] for f in result["flags"]]
    assert result["health"] == "red"                          # no decision maker: still red


def test_order_and_codes(healthy):
    person(healthy, 4, roles=["decision_maker"], influence=5, attitude=-2, level=1)
    healthy.nodes[3]["verified_at"] = "2024-01-01"
    result = flags(healthy)
    assert [f["severity"] for f in result] == sorted(
        (f["severity"] for f in result), key=("high", "medium", "low").index)
    assert all(f["code"] in CODES for f in result)
    assert all(set(f) == {"code", "severity", "title", "message", "stakeholders", "department",
                          "remedy", "escalated_from", "urgency"} for f in result)
