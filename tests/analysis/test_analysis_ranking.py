"""Effective influence and ranking on hand-made maps."""

from __future__ import annotations

import networkx as nx
import pytest
from analysis_maps import approx, new_map, person, relate

from powermap.analysis.ranking import effective_influence, influence_pagerank, rank_stakeholders


def test_no_edges_means_uniform_structure():
    G = new_map()
    person(G, 1, influence=5)
    person(G, 2, influence=2)
    assert effective_influence(G) == approx({1: 1.0, 2: 0.7 * 2 / 5 + 0.3})


def test_influencer_gains_structural_power():
    # 1 influences 2: flow 2 -> 1; PageRank p2 = 0.5 / 1.425, p1 = 1 - p2.
    G = new_map()
    person(G, 1)
    person(G, 2)
    relate(G, 1, 2, "influences", 2)
    pr = influence_pagerank(G)
    assert pr[2] == approx(0.5 / 1.425)
    assert effective_influence(G) == approx({1: 0.72, 2: 0.42 + 0.3 * 20 / 37})


def test_manager_gains_from_reports_and_allied_and_conflict_are_ignored():
    G = new_map()
    for n in (1, 2, 3):
        person(G, n)
    relate(G, 2, 1, "reports_to", 3)
    relate(G, 3, 1, "reports_to", 3)
    relate(G, 2, 3, "allied", 3)
    relate(G, 2, 3, "conflict", 3)
    ranking = rank_stakeholders(G)
    assert [r["stakeholder_id"] for r in ranking] == [1, 2, 3]
    assert ranking[0]["structural_power"] == 1.0
    assert ranking[1]["structural_power"] == ranking[2]["structural_power"]
    assert "2 direct reports" in ranking[0]["reasons"]


def test_only_buying_center_is_ranked_with_reasons_and_ties_by_id():
    G = new_map()
    person(G, 3, influence=4, roles=["decision_maker"], level=1, attitude=1)
    person(G, 2, influence=4, roles=["user"])
    person(G, 9, in_buying_center=False)
    ranking = rank_stakeholders(G)
    assert [(r["rank"], r["stakeholder_id"]) for r in ranking] == [(1, 2), (2, 3)]
    top = ranking[1]
    assert top["reasons"][:2] == ["declared influence 4 (major)", "role: decision maker"]
    assert "senior executive (level 1)" in top["reasons"]
    assert top["attitude_label"] == "supporter"


def test_empty_map():
    G = new_map()
    assert influence_pagerank(G) == {}
    assert rank_stakeholders(G) == []


def test_parallel_relationships_add_up_in_pagerank():
    # 2 takes 1's advice (1) and reports to 1 (2): a flow of 3 towards 1, as much as
    # towards 3 (3 influences 2 at 3); networkx on the summed graph is the reference.
    G = new_map()
    for n in (1, 2, 3):
        person(G, n)
    relate(G, 1, 2, "influences", 1)
    relate(G, 2, 1, "reports_to", 2)
    relate(G, 3, 2, "influences", 3)
    summed = nx.DiGraph()
    summed.add_nodes_from((1, 2, 3))
    summed.add_weighted_edges_from([(2, 1, 3), (2, 3, 3)])
    expected = nx.pagerank(summed, alpha=0.85, tol=1e-12)
    assert influence_pagerank(G) == pytest.approx(expected, abs=1e-9)
