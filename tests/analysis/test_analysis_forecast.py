"""Friedkin–Johnsen consensus forecast on hand-made maps."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from analysis_maps import approx, new_map, person, relate

from powermap.analysis.forecast import consensus_forecast, forecast_model

HALF = {1: 0.5, 2: 0.5}


def by_id(result):
    return {p["stakeholder_id"]: p for p in result["people"]}


def test_champion_pulls_a_neutral_user():
    G = new_map()
    person(G, 1, attitude=2)
    person(G, 2, attitude=0)
    relate(G, 1, 2, "influences", 2)
    result = consensus_forecast(G, influence=HALF)
    people = by_id(result)
    assert people[1]["forecast"] == approx(1.0)      # nobody influences 1: keeps x0
    assert people[1]["susceptibility"] == 0.0
    assert people[2]["forecast"] == approx(0.7)      # λ = 0.7 (user)
    assert people[2]["forecast_attitude"] == approx(1.4)
    assert people[2]["drift"] == approx(0.7)
    assert result["deal"] == approx(0.85)
    assert result["deal_initial"] == approx(0.5)
    # c = (I - Λ)(I - ΛW)^-T w = [0.85, 0.15]
    assert [people[1]["leverage"], people[2]["leverage"]] == approx([0.85, 0.15])
    assert result["converged"]


def test_reporting_line_both_ways():
    # 2 reports to 1: 2 listens to 1 (3), 1 listens to 2 (1); rows normalise to 1.
    G = new_map()
    person(G, 1, attitude=2, roles=["decision_maker"])    # λ = 0.3
    person(G, 2, attitude=-2, roles=["user"])             # λ = 0.7
    relate(G, 2, 1, "reports_to", 3)
    people = by_id(consensus_forecast(G, influence=HALF))
    x1 = 0.61 / 0.79
    assert people[1]["forecast"] == approx(x1)
    assert people[2]["forecast"] == approx(0.7 * x1 - 0.3)


def test_allied_is_mutual_and_conflict_transmits_nothing():
    G = new_map()
    person(G, 1, attitude=2)
    person(G, 2, attitude=-2)
    relate(G, 1, 2, "conflict", 3)
    people = by_id(consensus_forecast(G, influence=HALF))
    assert (people[1]["forecast"], people[2]["forecast"]) == (1.0, -1.0)
    relate(G, 1, 2, "allied", 2)
    people = by_id(consensus_forecast(G, influence=HALF))
    # x1 = .7 x2 + .3, x2 = .7 x1 - .3  ->  x1 = 0.09 / 0.51 ... symmetric: x1 = -x2
    assert people[1]["forecast"] == approx(0.3 / 1.7)
    assert people[2]["forecast"] == approx(-0.3 / 1.7)


def test_nobody_listens_and_unknown_range():
    G = new_map()
    person(G, 1, attitude=None)
    person(G, 2, attitude=2)
    result = consensus_forecast(G, influence=HALF)
    assert result["iterations"] == 0 and result["converged"]
    assert result["deal"] == approx(0.5)
    assert result["unknown_range"] == approx({"low": 0.0, "high": 1.0})
    assert by_id(result)[1]["unknown"] is True


def test_unknown_range_counts_only_the_buying_centers_unknowns():
    # 3 is outside the buying center and influences member 2: its prior 0 moves the deal,
    # but nobody can fill in an outsider's attitude, so it is not an unknown.
    G = new_map()
    person(G, 1, attitude=None)
    person(G, 2, attitude=2)
    person(G, 3, in_buying_center=False)
    relate(G, 3, 2, "influences", 2)
    result = consensus_forecast(G, influence=HALF)
    people = by_id(result)
    assert people[3]["unknown"] is False and people[1]["unknown"] is True
    assert people[3]["leverage"] == approx(0.35)       # 0.5 · λ(user) 0.7
    assert result["deal"] == approx(0.5 * 0.3)         # 2 keeps 0.3 of +1, 1 is at 0
    assert result["unknown_range"] == approx({"low": 0.15 - 0.5, "high": 0.15 + 0.5})


def test_parallel_relationships_add_up():
    # 2 listens to 1 through influences (1) and allied (2 / 2 = 1): 2 in all, as much as
    # to 3 (influences 2), so 2's row is [1: 0.5, 3: 0.5]; 1 listens to 2 (allied) only.
    G = new_map()
    person(G, 1, attitude=2)
    person(G, 2, attitude=0)
    person(G, 3, attitude=-2)
    relate(G, 1, 2, "influences", 1)
    relate(G, 1, 2, "allied", 2)
    relate(G, 3, 2, "influences", 2)
    people = by_id(consensus_forecast(G, influence={1: 1 / 3, 2: 1 / 3, 3: 1 / 3}))
    x1 = 0.055 / 0.755          # x1 = 0.7 x2 + 0.3, x2 = 0.7 (x1 / 2 - 1 / 2), x3 = -1
    assert people[1]["forecast"] == approx(x1)
    assert people[2]["forecast"] == approx(0.35 * x1 - 0.35)
    assert people[3]["forecast"] == approx(-1.0)


def test_several_roles_the_stubbornest_and_the_weightiest_win():
    G = new_map()
    person(G, 1, attitude=0, roles=["user", "decision_maker"])
    person(G, 2, attitude=2, roles=["user"])
    relate(G, 2, 1, "influences", 2)
    model = forecast_model(G, influence=HALF)
    assert model.lam[model.index[1]] == 0.3              # decision maker's, not user's 0.7
    assert list(model.w) == approx([0.75, 0.25])          # 0.5 · 3 against 0.5 · 1


def test_decision_weights_favour_decision_makers():
    G = new_map()
    person(G, 1, attitude=2, roles=["decision_maker"])
    person(G, 2, attitude=-2, roles=["user"])
    person(G, 3, in_buying_center=False)
    model = forecast_model(G, influence=HALF)
    assert model.w.tolist() == approx([0.75, 0.25, 0.0])
    assert consensus_forecast(G, model=model)["deal"] == approx(0.5)


def test_no_buying_center_gives_no_deal_forecast():
    G = new_map()
    person(G, 1, in_buying_center=False)
    result = consensus_forecast(G)
    assert result["deal"] is None and result["unknown_range"] is None
    assert result["people"][0]["forecast"] == 0.0


def test_matches_direct_solve_on_a_cycle():
    G = new_map()
    for n, a in zip(range(1, 5), (2, -1, 0, 1), strict=True):
        person(G, n, attitude=a, roles=["evaluator"])
    for u, v in ((1, 2), (2, 3), (3, 4), (4, 1)):
        relate(G, u, v, "influences", u)
    model = forecast_model(G)
    x, _, converged = model.equilibrium()
    A = model.A.toarray()
    direct = np.linalg.solve(np.eye(4) - A, (1 - model.lam) * model.x0)
    assert converged and x == pytest.approx(direct, abs=1e-10)
    assert model.leverage().sum() == approx(1.0)


def test_does_not_mutate_the_graph():
    G = new_map()
    person(G, 1, attitude=1)
    person(G, 2, attitude=None)
    relate(G, 1, 2, "influences")
    before = nx.node_link_data(G, edges="edges")
    consensus_forecast(G)
    assert nx.node_link_data(G, edges="edges") == before
