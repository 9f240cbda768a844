"""Hand-made power-map graphs for the analysis tests (same layout as build_graph)."""

from __future__ import annotations

import datetime as dt

import networkx as nx

#: The day the demo is loaded with in the analysis tests.
DEMO_DAY = dt.date(2026, 11, 1)

TEAM = {7: {"id": 7, "name": "Tess"}, 8: {"id": 8, "name": "Uli"}}


def new_map(*, team: dict | None = None, competitors: dict | None = None,
            placeholders: list | None = None) -> nx.MultiDiGraph:
    return nx.MultiDiGraph(
        opportunity={"id": 1, "name": "Deal", "stage": "propose"},
        account={"id": 1, "name": "Acme"},
        team=dict(TEAM if team is None else team),
        competitors=competitors or {},
        placeholders=placeholders or [],
        actions=[],
    )


def person(G: nx.MultiDiGraph, n: int, *, roles=("user",), influence: int | None = 3,
           attitude: int | None = None, level: int | None = 3, department: str | None = None,
           coverage=(), competitors: dict | None = None, verified_at: str | None = None,
           in_buying_center: bool = True, name: str | None = None) -> None:
    """Add stakeholder ``n``; ``coverage``: (team_member_id, strength[, last, owner]) tuples."""
    rows = []
    for item in coverage:
        member, strength, *rest = item
        rows.append({"id": len(rows) + 1, "team_member_id": member, "strength": strength,
                     "last_contact": rest[0] if rest else None,
                     "owner": rest[1] if len(rest) > 1 else True})
    G.add_node(
        n, id=n, name=name or f"P{n}", title=None, department=department, level=level,
        email=None, interests=None, notes=None, version=1,
        in_buying_center=in_buying_center, entry_id=n if in_buying_center else None,
        entry_version=1, roles=list(roles) if in_buying_center else [],
        influence=influence if in_buying_center else None,
        attitude=attitude if in_buying_center else None,
        verified_at=verified_at, verified_by=None, coverage=rows,
        competitors=dict(competitors or {}),
    )


def relate(G: nx.MultiDiGraph, u: int, v: int, kind: str, strength: int = 2) -> None:
    G.add_edge(u, v, key=kind, id=G.number_of_edges() + 1, type=kind, strength=strength,
               directed=kind in ("reports_to", "influences"))


def approx(expected, **kwargs):
    """``pytest.approx`` at the 6-decimal precision of reported floats."""
    import pytest

    return pytest.approx(expected, abs=kwargs.pop("abs", 1e-6), **kwargs)
