"""GraphML and GEXF files of a power map, for Gephi, networkx, igraph, yEd.

Both formats take only scalar attributes, so lists become comma-separated
text (``roles``) and dicts become JSON text (``coverage``, ``competitors``);
``None`` (unknown) attributes are left out of the node rather than written
as an empty value. Analysis results (rank, effective influence, forecast,
grid quadrant) are added when an ``analyze()`` report is given, so Gephi can
size and colour by them.
"""

from __future__ import annotations

import io
import json

import networkx as nx

from ..fields import printable

__all__ = ["flat_graph", "to_graphml", "to_gexf"]

_NODE_FIELDS = ("name", "title", "department", "level", "email", "interests", "notes",
                "in_buying_center", "roles", "influence", "attitude", "verified_at",
                "verified_by", "coverage", "competitors")


def _flat(value: object) -> object:
    """A scalar as XML can hold it (text stored before it was checked may hold control
    characters, which would make the file not well-formed)."""
    if isinstance(value, (list, tuple)):
        value = ",".join(str(item) for item in value)
    elif isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return printable(value) if isinstance(value, str) else value


def flat_graph(G: nx.MultiDiGraph, analysis: dict | None = None) -> nx.MultiDiGraph:
    """A copy of ``G`` with string node ids and scalar, non-null attributes only.

    Does not modify ``G``.
    """
    scores: dict[int, dict] = {}
    if analysis:
        for person in analysis.get("ranking", []):
            scores.setdefault(person["stakeholder_id"], {}).update(
                rank=person["rank"], effective_influence=float(person["effective_influence"]))
        for person in analysis.get("forecast", {}).get("people", []):
            scores.setdefault(person["stakeholder_id"], {}).update(
                forecast=float(person["forecast"]),
                forecast_attitude=person["forecast_attitude"])
        for person in analysis.get("grid", {}).get("people", []):
            scores.setdefault(person["stakeholder_id"], {})["quadrant"] = person["quadrant"]
    H = nx.MultiDiGraph()
    opportunity, account = G.graph.get("opportunity") or {}, G.graph.get("account") or {}
    H.graph.update({k: v for k, v in {
        "opportunity": _flat(opportunity.get("name")), "opportunity_id": opportunity.get("id"),
        "account": _flat(account.get("name")), "account_id": account.get("id")}.items()
        if v is not None})
    for node, data in sorted(G.nodes(data=True)):
        attrs = {"label": _flat(data.get("name")), "stakeholder_id": node}
        attrs.update({k: _flat(data.get(k)) for k in _NODE_FIELDS})
        attrs.update(scores.get(node, {}))
        if isinstance(attrs.get("competitors"), str) and attrs["competitors"] == "{}":
            attrs["competitors"] = None
        H.add_node(str(node), **{k: v for k, v in attrs.items() if v not in (None, "")})
    for source, target, key, data in sorted(G.edges(keys=True, data=True),
                                            key=lambda e: e[3].get("id") or 0):
        attrs = {"type": _flat(data.get("type")), "strength": data.get("strength"),
                 "directed": bool(data.get("directed")), "relationship_id": data.get("id")}
        H.add_edge(str(source), str(target), key=key,
                   **{k: v for k, v in attrs.items() if v is not None})
    return H


def to_graphml(G: nx.MultiDiGraph, analysis: dict | None = None) -> bytes:
    """GraphML (UTF-8) with every attribute typed; readable by networkx and igraph."""
    buffer = io.BytesIO()
    nx.write_graphml(flat_graph(G, analysis), buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def to_gexf(G: nx.MultiDiGraph, analysis: dict | None = None) -> bytes:
    """GEXF 1.2 (UTF-8), Gephi's own format; node labels are the people's names."""
    H = flat_graph(G, analysis)
    H.graph.clear()  # GEXF has no free-form graph attributes
    buffer = io.BytesIO()
    nx.write_gexf(H, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()
