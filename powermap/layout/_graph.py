"""How both layouts read the graph: every edge once, nodes in a stable order."""

from __future__ import annotations

from typing import Any

import networkx as nx

__all__ = ["edge_list", "node_order"]


def edge_list(G: nx.Graph) -> list[tuple[Any, Any, Any, dict]]:
    """Every edge as ``(u, v, key, data)``; plain graphs have no key (``None``)."""
    if G.is_multigraph():
        return list(G.edges(keys=True, data=True))
    return [(u, w, None, d) for u, w, d in G.edges(data=True)]


def node_order(n: Any) -> tuple:
    """Sort key of a node id: integers first, in order, then anything else by its text."""
    return (0, n, "") if isinstance(n, int) else (1, 0, str(n))
