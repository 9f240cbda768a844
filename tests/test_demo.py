"""The demo account holds what each analysis is meant to find."""

from __future__ import annotations

from powermap.graph import build_graph


def test_demo_shape(demo_store):
    counts = demo_store.counts()
    assert counts["stakeholder"] == 30 and counts["opportunity"] == 2
    assert counts["team_member"] == 3 and counts["competitor"] == 2
    departments = {p["department"] for p in demo_store.rows("stakeholder")}
    assert len(departments) == 5
    assert any(any("\u4e00" <= ch <= "\u9fff" for ch in p["name"])
               for p in demo_store.rows("stakeholder"))
    types = {r["type"] for r in demo_store.rows("relationship")}
    assert types == {"reports_to", "influences", "allied", "conflict"}


def test_top_decision_maker_is_uncontacted_and_competitor_covers_him(demo_store):
    G = build_graph(demo_store, 1)
    ceo = next(n for n, d in G.nodes(data=True) if "decision_maker" in d["roles"])
    assert G.nodes[ceo]["name"] == "陈建国" and G.nodes[ceo]["level"] == 1
    assert G.nodes[ceo]["coverage"] == []
    assert max(p["coverage"] for p in G.nodes[ceo]["competitors"].values()) == 3


def test_operations_is_reached_through_one_person(demo_store):
    G = build_graph(demo_store, 1)
    covered = [d["name"] for _, d in G.nodes(data=True)
               if d["department"] == "Operations" and any(c["strength"] for c in d["coverage"])]
    assert covered == ["唐强"]


def test_graph_carries_scores_edges_and_placeholders(demo_store):
    G = build_graph(demo_store, 2)
    assert G.number_of_nodes() == 30
    assert sum(1 for _, d in G.nodes(data=True) if d["in_buying_center"]) == 10
    assert [p["placeholder"] for p in G.graph["placeholders"]] == ["Inside coach (none yet)"]
    assert [c["name"] for c in G.graph["competitors"].values()] == ["Northwind Systems"]
    edge_types = {k for _, _, k in G.edges(keys=True)}
    assert edge_types == {"reports_to", "influences", "allied", "conflict"}
