"""Map strength, the portfolio matrix and the next steps for a weak map."""

from __future__ import annotations

import pytest

from powermap.portfolio.matrix import map_strength, next_steps, quadrant

LEADS = ["account_lead", "solution_lead", "delivery_lead"]


def _facts(roles, covers, deals):
    return {"open_deals": deals, "team_roles": roles, "sponsor_covers": covers}


DEAL = {"id": 3, "name": "ERP", "health": "green", "forecast": 0.5, "coverage": 0.6,
        "top_decision_maker": {"stakeholder_id": 7, "name": "Wang"}}


def test_strength_with_a_full_iron_triangle_paired_with_the_decision_maker():
    got = map_strength(_facts([*LEADS, "executive_sponsor"], {7: 2}, [DEAL]))
    assert got == {"strength": 0.8375, "parts": {"health": 1.0, "forecast": 0.75,
                                                 "coverage": 0.6, "iron_triangle": 1.0}}


def test_a_sponsor_who_barely_knows_the_decision_maker_counts_half():
    got = map_strength(_facts([*LEADS, "executive_sponsor"], {7: 1}, [DEAL]))
    assert got["parts"]["iron_triangle"] == 0.875 and got["strength"] == 0.80625


def test_deal_parts_are_averaged_over_open_deals():
    other = {**DEAL, "id": 4, "health": "red", "forecast": None, "coverage": 0.2}
    got = map_strength(_facts([], {}, [DEAL, other]))
    assert got["parts"] == {"health": 0.5, "forecast": 0.375, "coverage": 0.4,
                            "iron_triangle": 0.0}


def test_an_account_without_open_deals_has_only_its_team():
    assert map_strength(_facts(LEADS, {}, []))["strength"] == 0.1875


@pytest.mark.parametrize(("score", "klass", "strength", "expected"), [
    (0.5, "C", 0.5, "defend"), (0.5, "C", 0.499999, "fix_map"), (0.1, "A", 0.2, "fix_map"),
    (0.499999, "B", 0.5, "grow"), (0.499999, "B", 0.499999, "watch"),
])
def test_quadrant_cut_offs(score, klass, strength, expected):
    assert quadrant(score, klass, strength) == expected


def test_next_steps_name_what_is_missing_in_order():
    weak = {**DEAL, "health": "red", "forecast": -0.2, "coverage": 0.25}
    steps = next_steps(_facts(["account_lead", "executive_sponsor"], {7: 1}, [weak]))
    assert [(s["code"], s["opportunity_id"]) for s in steps] == [
        ("name_solution_lead", None), ("name_delivery_lead", None), ("pair_sponsor", 3),
        ("fix_risks", 3), ("turn_forecast", 3), ("widen_coverage", 3)]
    assert steps[2]["text"] == ("Pair the executive sponsor with Wang, the top decision maker "
                                "of ERP, through an executive visit.")
    assert steps[5]["text"] == ("Our team reaches only 25% of the buying center of ERP: plan "
                                "ice-breaking with the people nobody covers.")


def test_an_account_without_deals_or_team_starts_with_a_deal():
    assert [s["code"] for s in next_steps(_facts([], {}, []))] == [
        "open_deal", "name_account_lead", "name_solution_lead", "name_delivery_lead",
        "name_executive_sponsor"]
