"""Property tests (hypothesis): invariants of the analysis on random small maps."""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import json

import networkx as nx
import numpy as np
from analysis_maps import new_map, person, relate
from hypothesis import given, settings
from hypothesis import strategies as st

from powermap import vocabulary as v
from powermap.analysis import analyze
from powermap.analysis._people import is_ally, our_coverage
from powermap.analysis.expansion import plan_allies, suggest_allies
from powermap.analysis.forecast import consensus_forecast, forecast_model
from powermap.analysis.introductions import COLD_RELIABILITY
from powermap.analysis.ranking import effective_influence
from powermap.analysis.support import support

TODAY = dt.date(2025, 1, 1)
FAST = settings(max_examples=60, deadline=None)


@st.composite
def maps(draw, max_people: int = 7):
    """A random power map: people, roles, scores, coverage and typed edges."""
    size = draw(st.integers(1, max_people))
    G = new_map(competitors={9: {"id": 9, "name": "Rival"}})
    for n in range(1, size + 1):
        coverage = draw(st.lists(st.tuples(st.sampled_from([7, 8]), st.integers(0, 4)),
                                 max_size=2, unique_by=lambda c: c[0]))
        rival = draw(st.none() | st.tuples(st.integers(0, 4), st.none() | st.integers(-2, 2)))
        person(G, n,
               in_buying_center=draw(st.sampled_from([True, True, True, False])),
               roles=draw(st.lists(st.sampled_from(list(v.ROLES)), min_size=1, max_size=2,
                                   unique=True)),
               influence=draw(st.integers(1, 5)),
               attitude=draw(st.none() | st.integers(-2, 2)),
               level=draw(st.integers(1, 5)),
               department=draw(st.sampled_from(["A", "B", None])),
               coverage=coverage,
               competitors={9: {"coverage": rival[0], "preference": rival[1]}} if rival else {})
    edges = draw(st.lists(st.tuples(st.integers(1, size), st.integers(1, size),
                                    st.sampled_from(list(v.RELATIONSHIP_TYPES)),
                                    st.integers(1, 3)), max_size=3 * size))
    for a, b, kind, strength in edges:
        if a != b:
            relate(G, a, b, kind, strength)
    return G


@FAST
@given(maps())
def test_forecasts_stay_in_range_and_converge(G):
    result = consensus_forecast(G)
    assert result["converged"]
    for p in result["people"]:
        assert -1 - 1e-12 <= p["forecast"] <= 1 + 1e-12
        assert 0 <= p["susceptibility"] <= 0.9
    if result["deal"] is not None:
        assert -1 - 1e-12 <= result["deal"] <= 1 + 1e-12
        low, high = result["unknown_range"]["low"], result["unknown_range"]["high"]
        assert -1 - 1e-9 <= low <= result["deal"] <= high <= 1 + 1e-9


@FAST
@given(maps(), st.data())
def test_turning_someone_into_a_supporter_never_lowers_support(G, data):
    candidates = [n for n, d in G.nodes(data=True)
                  if d["in_buying_center"] and (d["attitude"] is None or d["attitude"] < 1)]
    if not candidates:
        return
    n = data.draw(st.sampled_from(candidates))
    H = copy.deepcopy(G)
    H.nodes[n]["attitude"] = 1
    before, after = support(G), support(H)
    assert after["net_support"] >= before["net_support"] - 1e-12
    assert after["shares"]["supporters"] >= before["shares"]["supporters"] - 1e-12
    assert consensus_forecast(H)["deal"] >= consensus_forecast(G)["deal"] - 1e-12


def _value(model, plans) -> float:
    """Expected deal forecast after applying ``plans``, by re-solving the model."""
    x0 = model.x0.copy()
    for plan in plans:
        x0[model.index[plan["stakeholder_id"]]] += plan["expected_move"] / 2
    x, _, _ = model.equilibrium(x0)
    return model.deal(x)


@settings(max_examples=40, deadline=None)
@given(maps(max_people=6), st.integers(1, 3))
def test_top_k_suggestions_match_the_exhaustive_optimum(G, k):
    model = forecast_model(G, influence=effective_influence(G))
    if model.deal(model.x0) is None:
        return
    plans = plan_allies(G, model=model)
    base = _value(model, [])
    for plan in plans:   # each gain is exact under the forecast model
        assert abs(_value(model, [plan]) - base - plan["gain"]) < 1e-9
        assert max(model.x0[model.index[plan["stakeholder_id"]]] + plan["expected_move"] / 2,
                   -1) <= 1 + 1e-12
    best = max((_value(model, list(subset))
                for subset in itertools.combinations(plans, min(k, len(plans)))),
               default=base)
    chosen = [p for p in plans if p["gain"] > 0][:k]
    assert abs(_value(model, chosen) - best) < 1e-9
    assert abs(sum(p["gain"] for p in chosen) - (best - base)) < 1e-9
    suggested = suggest_allies(G, top=k, model=model)   # the same plans, rounded for reports
    assert [p["stakeholder_id"] for p in suggested] == [p["stakeholder_id"] for p in chosen]
    assert all(abs(a["gain"] - b["gain"]) <= 5e-7 for a, b in zip(suggested, chosen, strict=True))


@FAST
@given(maps())
def test_introduction_rules_hold_on_every_map(G):
    for plan in plan_allies(G):
        n, path = plan["stakeholder_id"], plan["path"]
        assert plan["reliability"] >= COLD_RELIABILITY   # warm is never below cold
        assert len(path) <= 4 and path[-1]["id"] == n
        if our_coverage(G, n) >= 2:                       # we know them: direct
            assert [p["kind"] for p in path] == ["us", "team_member", "stakeholder"]
            assert plan["reliability"] == our_coverage(G, n) / 4
        if len(path) == 4:                                # one introducer we reach ourselves
            introducer = path[2]["id"]
            assert is_ally(G.nodes[introducer]) and our_coverage(G, introducer) >= 2
            assert plan["reliability"] < our_coverage(G, introducer) / 4
        if plan["warm"]:
            assert plan["owner"] == path[1]
        assert len(plan["steps"]) == max(len(path) - 2, 1)


def _reordered(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    H = nx.MultiDiGraph()
    H.graph.update(copy.deepcopy(G.graph))
    H.add_nodes_from(reversed(list(copy.deepcopy(G).nodes(data=True))))
    H.add_edges_from(reversed(list(G.edges(keys=True, data=True))))
    return H


@settings(max_examples=30, deadline=None)
@given(maps())
def test_same_input_same_output(G):
    snapshot = copy.deepcopy(G)
    first = json.dumps(analyze(G, today=TODAY), sort_keys=True)
    assert json.dumps(analyze(G, today=TODAY), sort_keys=True) == first
    assert nx.utils.graphs_equal(G, snapshot)
    assert json.dumps(analyze(_reordered(G), today=TODAY), sort_keys=True) == first


def test_leverage_sums_to_one_when_everyone_decides():
    G = new_map()
    for n in range(1, 4):
        person(G, n, attitude=0)
    relate(G, 1, 2, "influences", 3)
    relate(G, 2, 3, "reports_to", 1)
    assert np.isclose(forecast_model(G).leverage().sum(), 1.0)
