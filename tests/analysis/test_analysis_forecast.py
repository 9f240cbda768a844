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
