"""The introduction model: direct first, every customer hop costs, only reached introducers."""

from __future__ import annotations

from analysis_maps import approx, new_map, person, relate
from krackhardt import krackhardt_map

from powermap.analysis.expansion import plan_allies
from powermap.analysis.introductions import COLD_RELIABILITY, introductions

TEAM = {7: {"id": 7, "name": "李娜"}, 8: {"id": 8, "name": "周强"},
        9: {"id": 9, "name": "Kim", "role": "account_lead"}}


def _plans(G):
    return {p["stakeholder_id"]: p for p in plan_allies(G)}


def test_zhang_wei_is_approached_directly_by_the_team_member_who_trusts_him():
    # Regression: 周强 holds a trusted (3) relationship with Zhang Wei, but the plan routed
    # through his boss (an advocate of 李娜's, 4/4 × 3/3 = "100%") instead.
    G = new_map(team=TEAM)
    person(G, 1, name="王总", attitude=2, roles=["approver"], coverage=[(7, 4)])
    person(G, 2, name="Zhang Wei", attitude=0, roles=["evaluator"],
           coverage=[(8, 3, None, False)])
    relate(G, 2, 1, "reports_to", 3)
    plan = _plans(G)[2]
    assert [s["name"] for s in plan["path"]] == ["us", "周强", "Zhang Wei"]
    assert plan["introducer"] == {"kind": "team_member", "id": 8, "name": "周强"}
    assert plan["owner"] == {"kind": "team_member", "id": 8, "name": "周强"}
    assert plan["reliability"] == approx(0.75)
    assert [(s["kind"], s["strength"]) for s in plan["steps"]] == [("direct", 3)]
    assert plan["steps"][0]["text"] == \
        "周强 meets Zhang Wei directly (our relationship: trusted)."


def test_the_owner_goes_first_on_ties_then_the_lowest_id():
    G = new_map(team=TEAM)
    person(G, 1, attitude=0, coverage=[(7, 3, None, False), (8, 3, None, True)])
    person(G, 2, attitude=0, coverage=[(8, 2, None, False), (7, 2, None, False)])
    plans = _plans(G)
    assert plans[1]["owner"]["id"] == 8
    assert plans[2]["owner"]["id"] == 7


def test_our_own_acquaintance_beats_any_introduction():
    # an advocate ally with the strongest tie would score 1 × 3/4; we know B ourselves.
    G = new_map(team=TEAM)
    person(G, 1, attitude=2, coverage=[(7, 4)])
    person(G, 2, attitude=-1, coverage=[(8, 2)])
    relate(G, 1, 2, "allied", 3)
    plan = _plans(G)[2]
    assert plan["introducer"]["kind"] == "team_member" and plan["reliability"] == approx(0.5)


def test_ceo_nobody_has_met_does_not_introduce_us():
    # Regression: after the CEO was set to +1, plans routed through him although nobody on
    # our team had met him.
    G = new_map(team=TEAM)
    person(G, 1, name="CEO", attitude=1, roles=["decision_maker"], level=1)
    person(G, 2, name="Ally", attitude=2, roles=["user"], coverage=[(7, 4)])
    person(G, 3, name="CFO", attitude=0, roles=["approver"])
    person(G, 4, name="CTO", attitude=None, roles=["evaluator"])
    relate(G, 2, 1, "reports_to", 3)          # the ally reaches the CEO
    relate(G, 3, 1, "reports_to", 3)          # the CFO and CTO only through the CEO
    relate(G, 1, 4, "influences", 3)
    plans = _plans(G)
    assert [s["name"] for s in plans[1]["path"]] == ["us", "李娜", "Ally", "CEO"]
    for n in (3, 4):
        assert plans[n]["introducer"] is None and not plans[n]["warm"]
        assert plans[n]["reliability"] == COLD_RELIABILITY
        assert plans[n]["owner"] == {"kind": "team_member", "id": 9, "name": "Kim"}
        assert [s["kind"] for s in plans[n]["steps"]] == ["cold"]
        assert plans[n]["steps"][0]["text"].startswith("Kim approaches ")
    assert all("CEO" not in [s["name"] for s in p["path"][:-1]] for p in plans.values())


def test_no_account_lead_names_nobody_on_a_cold_approach():
    G = new_map()
    person(G, 1, name="Bo", attitude=0)
    plan = _plans(G)[1]
    assert plan["owner"] is None
    assert plan["steps"][0]["text"] == "We approach Bo without an introduction."


def test_a_conflict_disqualifies_an_introducer_and_parallel_ties_take_the_strongest():
    G = new_map(team=TEAM)
    person(G, 1, attitude=2, coverage=[(7, 4)])
    person(G, 2, attitude=2, coverage=[(7, 4)])
    person(G, 3, attitude=0)
    relate(G, 1, 3, "allied", 3)
    relate(G, 1, 3, "conflict", 1)
    relate(G, 2, 3, "influences", 1)
    relate(G, 3, 2, "reports_to", 2)
    way = introductions(G, [3])[3]
    assert (way.introducer, way.relationship, way.strength) == (2, "reports_to", 2)
    assert way.reliability == approx(0.5)


def test_a_weak_contact_of_ours_still_beats_the_cold_approach():
    G = new_map(team=TEAM)
    person(G, 1, attitude=0, coverage=[(8, 1)])
    way = introductions(G, [1])[1]
    assert (way.starter, way.introducer, way.reliability) == (8, None, 0.25)


def test_krackhardt_managers_are_no_longer_all_certain():
    # Regression: every plan on the Krackhardt managers had reliability 1.0, with chains of
    # strength-3 ties through allies counted as certain.
    plans = plan_allies(krackhardt_map())
    assert len(plans) == 17
    direct = {p["stakeholder_id"] for p in plans if len(p["path"]) == 3}
    assert direct == {3, 18}
    for p in plans:
        if p["stakeholder_id"] in direct:
            assert p["reliability"] == 1.0
        else:   # one introducer our advocate reaches, a strength-3 tie: 4/4 × 3/4
            assert len(p["path"]) == 4 and p["reliability"] == approx(0.75)
            assert p["path"][2]["id"] in (3, 18)
    assert {p["path"][2]["id"] for p in plans if len(p["path"]) == 4} == {3, 18}
