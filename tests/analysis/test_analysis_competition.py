"""Competitor coverage on a hand-made map."""

from __future__ import annotations

import pytest
from analysis_maps import approx, new_map, person

from powermap.analysis.competition import competitor_coverage

RIVALS = {9: {"id": 9, "name": "Rival"}, 5: {"id": 5, "name": "Other"}}
WEIGHTS = {1: 0.4, 2: 0.3, 3: 0.2, 4: 0.1}


@pytest.fixture
def contest():
    G = new_map(competitors=RIVALS)
    # 1: we are trusted, Rival acquainted -> contested, we lead
    person(G, 1, attitude=1, department="IT", coverage=[(7, 3)],
           competitors={9: {"coverage": 2, "preference": 0}})
    # 2: Rival stronghold, prefers them
    person(G, 2, attitude=0, department="Buy", coverage=[(7, 1)],
           competitors={9: {"coverage": 4, "preference": 2}})
    # 3: Rival trusted, preference unknown, in the same department
    person(G, 3, attitude=None, department="Buy",
           competitors={9: {"coverage": 3, "preference": None}, 5: {"coverage": 0}})
    # 4: nobody
    person(G, 4, attitude=0, department="IT")
    return G


def test_shares_and_people(contest):
    result = competitor_coverage(contest, influence=WEIGHTS)
    assert [c["competitor_id"] for c in result["competitors"]] == [5, 9]
    other, rival = result["competitors"]
    assert result["us"]["share"] == approx(0.4 * 3 / 4 + 0.3 * 1 / 4)
    assert [p["stakeholder_id"] for p in result["us"]["covered"]] == [1]
    assert rival["share"] == approx(0.4 * 2 / 4 + 0.3 + 0.2 * 3 / 4)
    assert rival["preference_index"] == approx((0.3 * 1) / 0.7)
    assert [p["stakeholder_id"] for p in rival["covered"]] == [1, 2, 3]
    assert [p["stakeholder_id"] for p in rival["contested"]] == [1]
    assert [p["stakeholder_id"] for p in rival["strongholds"]] == [2, 3]
    assert [p["stakeholder_id"] for p in rival["leads"]] == [2, 3]
    assert rival["stronghold_departments"] == [
        {"department": "Buy", "share": approx((0.3 + 0.2 * 0.75) / 0.5),
         "our_share": approx(0.3 * 0.25 / 0.5)}]
    assert other["share"] == 0.0 and other["preference_index"] is None
    assert [p["stakeholder_id"] for p in result["blind_spots"]] == [4]


def test_matrix(contest):
    matrix = competitor_coverage(contest, influence=WEIGHTS)["matrix"]
    assert [p["key"] for p in matrix["parties"]] == ["us", "competitor:5", "competitor:9"]
    row = matrix["rows"][0]
    assert row["stakeholder_id"] == 1 and row["leader"] == "us"
    assert row["cells"] == [{"coverage": 3, "preference": 1},
                            {"coverage": None, "preference": None, "lead": "us"},
                            {"coverage": 2, "preference": 0, "lead": "us"}]
    assert matrix["rows"][3]["leader"] is None


def test_lead_against_each_competitor_names_the_leader_from_its_side(contest):
    """Each competitor cell says who leads the person as seen against that competitor."""
    rows = competitor_coverage(contest, influence=WEIGHTS)["matrix"]["rows"]
    leads = {row["stakeholder_id"]: [cell["lead"] for cell in row["cells"][1:]] for row in rows}
    # parties: us, Other (5), Rival (9); Rival leads 2 and 3, nobody's position is positive on 4
    assert leads == {1: ["us", "us"], 2: ["other", "them"], 3: ["other", "them"],
                     4: ["nobody", "nobody"]}


def test_coverage_alone_does_not_lead_a_person_who_prefers_us():
    """Regression: the map called a person the competitor covers at 2 and prefers +1 contested
    while the review said the competitor leads; both now read the position p/2 + c/4."""
    G = new_map(competitors={9: {"id": 9, "name": "Rival"}})
    person(G, 1, attitude=0, coverage=[(7, 2)], competitors={9: {"coverage": 2, "preference": 1}})
    person(G, 2, attitude=2, coverage=[(7, 2)], competitors={9: {"coverage": 4, "preference": 0}})
    result = competitor_coverage(G)
    assert [row["cells"][1]["lead"] for row in result["matrix"]["rows"]] == ["them", "us"]
    assert [p["stakeholder_id"] for p in result["competitors"][0]["leads"]] == [1]


def test_tie_has_no_leader():
    G = new_map(competitors=RIVALS)
    person(G, 1, attitude=0, coverage=[(7, 2)], competitors={9: {"coverage": 2, "preference": 0}})
    [row] = competitor_coverage(G)["matrix"]["rows"]
    assert row["leader"] is None and row["cells"][2]["lead"] == "contested"
    assert row["cells"][1]["lead"] == "contested"  # a tie at the top, whoever is in it
