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
                            {"coverage": None, "preference": None},
                            {"coverage": 2, "preference": 0}]
    assert matrix["rows"][3]["leader"] is None


def test_tie_has_no_leader():
    G = new_map(competitors=RIVALS)
    person(G, 1, attitude=0, coverage=[(7, 2)], competitors={9: {"coverage": 2, "preference": 0}})
    assert competitor_coverage(G)["matrix"]["rows"][0]["leader"] is None
