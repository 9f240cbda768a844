"""build_graph fills networkx's structures itself: the result equals networkx's own build."""

from __future__ import annotations

import networkx as nx

from powermap.graph import build_graph


def test_the_graph_is_what_networkx_would_build(demo_store):
    edges = 0
    for opportunity in demo_store.rows("opportunity"):
        G = build_graph(demo_store, opportunity["id"])
        H = nx.MultiDiGraph()
        H.graph.update(G.graph)
        H.add_nodes_from(G.nodes(data=True))
        H.add_edges_from(G.edges(keys=True, data=True))
        assert nx.utils.graphs_equal(G, H)
        assert {n: sorted(G.predecessors(n)) for n in G} == {
            n: sorted(H.predecessors(n)) for n in H}
        assert sorted(G.in_edges(keys=True)) == sorted(H.in_edges(keys=True))
        edges += G.number_of_edges()
    assert edges > 50
