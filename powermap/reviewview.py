"""The deal review's context and its figures (the map picture, the influence × attitude
grid), written once.

The review page (:mod:`powermap.web.review_page`) and the exported review
(:mod:`powermap.exports.deal_review`) both render ``templates/_review.html``
with :func:`review_context`, so page and file show the same sections, tables
and grid and cannot drift apart; the deck (:mod:`powermap.exports.deck`) reads
the same top risks and next steps. The review is one A4 landscape page: the
top :data:`TOP_RISKS` flags and :data:`NEXT_STEPS` steps, the rest counted.

:func:`grid_figure` turns ``analysis["grid"]`` into coordinates; the partial
``_grid.svg.html`` draws them, so every name goes through Jinja's escaping.
x is the attitude (−2 … +2, with "unknown" in its own column on the left),
y the effective influence (0 … 1, high at the top) with the analysis'
threshold drawn as a line. Each person's quadrant is the analysis' own; the
quadrant areas, their dividers and labels are found by asking
:func:`powermap.analysis.grid.quadrant` about every column above and below
the threshold, so the drawing follows the rule wherever it is changed.
People at the same spot are fanned out so no circle hides another.
"""

from __future__ import annotations

import math
from typing import Any

import networkx as nx
from markupsafe import Markup

from . import vocabulary as v
from .analysis.grid import quadrant
from .analysis.urgency import bid_countdown

__all__ = ["grid_figure", "next_steps", "review_context", "NEXT_STEPS", "QUADRANT_COLORS",
           "TOP_RISKS"]

#: The one-page review shows this many risk flags (most severe first) and next steps.
TOP_RISKS = 5
NEXT_STEPS = 6

WIDTH, HEIGHT = 520, 330  # small, so the labels print legibly on the one-page review
_LEFT, _RIGHT, _TOP, _BOTTOM = 60, 30, 20, 50

#: Colour of each quadrant's points (and its legend swatch).
QUADRANT_COLORS: dict[str, str] = dict(zip(
    v.QUADRANTS, ("#1e8449", "#d68910", "#c0392b", "#7f8c8d"), strict=True))

_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
_COLUMNS = (None, -2, -1, 0, 1, 2)  # None: attitude unknown
_SLOT = (WIDTH - _LEFT - _RIGHT) / len(_COLUMNS)


def _x(attitude: int | None) -> float:
    slot = _COLUMNS.index(attitude) if attitude in _COLUMNS else 0
    return _LEFT + _SLOT * (slot + 0.5)


def _y(influence: float) -> float:
    inner = HEIGHT - _TOP - _BOTTOM
    return _TOP + inner * (1 - max(0.0, min(1.0, influence)))


def review_context(G: nx.MultiDiGraph, analysis: dict[str, Any]) -> dict[str, Any]:
    """What ``_review.html`` needs: records, the report, the grid figure, open actions.

    ``G`` is the graph of :func:`powermap.graph.build_graph` (not modified),
    ``analysis`` the report of :func:`powermap.analysis.analyze` on it.
    Open actions come soonest due first, undated last; ``bid_countdown`` says how
    many days are left to the bid (None without a bid date).
    """
    actions = [a for a in G.graph.get("actions", []) if a.get("status") in
               v.OPEN_ACTION_STATUSES]
    actions.sort(key=lambda a: (a.get("due_date") is None, a.get("due_date") or "", a["id"]))
    people, team = dict(G.nodes(data=True)), G.graph.get("team") or {}
    flags = (analysis.get("risks") or {}).get("flags") or []  # most severe first
    steps = next_steps(actions, analysis.get("suggestions") or [], people, team)
    return {
        "opportunity": G.graph.get("opportunity") or {},
        "account": G.graph.get("account") or {},
        "analysis": analysis,
        "grid": grid_figure(analysis.get("grid") or {}),
        "actions": actions,
        "people": people,
        "team": team,
        "top_flags": flags[:TOP_RISKS],
        "more_flags": max(0, len(flags) - TOP_RISKS),
        "next_steps": steps[:NEXT_STEPS],
        "more_steps": max(0, len(steps) - NEXT_STEPS),
        "map_picture": _map_picture(G, analysis),
        "bid_countdown": bid_countdown((analysis.get("opportunity") or {}).get("days_to_bid")),
    }


def next_steps(actions: list[dict], plans: list[dict], people: dict, team: dict
               ) -> list[dict[str, Any]]:
    """What happens next: the open actions (soonest due first), then the analysis' plans
    for allies to win that no open action covers yet (best first).

    Each step is ``{kind: "action" | "plan", due, activity, person, owner, detail}``;
    a plan's owner is the team member its introduction path starts with.
    """
    steps = [{"kind": "action", "due": a.get("due_date"), "activity": a.get("type"),
              "person": (people.get(a.get("stakeholder_id")) or {}).get("name"),
              "owner": (team.get(a.get("owner_id")) or {}).get("name"),
              "detail": a.get("expected_effect")} for a in actions]
    covered = {a.get("stakeholder_id") for a in actions}
    for plan in plans:
        if plan.get("stakeholder_id") in covered:
            continue
        starter = next((hop for hop in plan.get("path") or []
                        if hop.get("kind") == "team_member"), None)
        steps.append({"kind": "plan", "due": None, "activity": plan.get("activity"),
                      "person": plan.get("name"), "owner": (starter or {}).get("name"),
                      "detail": plan.get("summary")})
    return steps


def _map_picture(G: nx.MultiDiGraph, analysis: dict[str, Any]) -> Markup:
    """The map as inline SVG: ElementTree's serialization, so every name in it is escaped."""
    from .exports.map_picture import map_svg
    from .mapview import map_payload

    return Markup(map_svg(map_payload(G, analysis)))  # noqa: S704 - serializer-escaped XML


def grid_figure(grid: dict[str, Any]) -> dict[str, Any]:
    """Coordinates of every person, axes, threshold and quadrant areas of an analysis grid."""
    threshold = grid.get("threshold")
    seen: dict[tuple[int | None, int], int] = {}
    points = []
    for person in grid.get("people", []):
        attitude = person.get("attitude")
        influence = float(person.get("effective_influence") or 0.0)
        spot = (attitude, round(influence * 20))
        k = seen[spot] = seen.get(spot, -1) + 1
        # a sunflower spiral: the k-th person at one spot moves out by √k steps
        dx = 9 * math.sqrt(k) * math.cos(k * _GOLDEN_ANGLE)
        dy = 9 * math.sqrt(k) * math.sin(k * _GOLDEN_ANGLE)
        x, y = _x(attitude) + dx, _y(influence) + dy
        where = person.get("quadrant") or quadrant(
            influence, attitude, **({} if threshold is None else {"threshold": threshold}))
        points.append({
            "x": round(x, 1), "y": round(y, 1), "r": 4 + 2 * int(person.get("influence") or 1),
            "name": str(person.get("name") or f"#{person.get('stakeholder_id')}"),
            "short": _short(str(person.get("name") or "")),
            "quadrant": where, "color": QUADRANT_COLORS.get(where, "#7f8c8d"),
            "stakeholder_id": person.get("stakeholder_id"),
        })
    columns = [{"x": round(_x(a), 1), "label": "?" if a is None else f"{a:+d}" if a else "0"}
               for a in _COLUMNS]
    areas = [] if threshold is None else _areas(float(threshold))
    return {
        "width": WIDTH, "height": HEIGHT, "points": points, "columns": columns,
        "threshold_y": None if threshold is None else round(_y(float(threshold)), 1),
        "areas": areas,
        "dividers": [{"x": a["x0"], "y0": a["y0"], "y1": a["y1"]} for a in areas
                     if a["x0"] > _LEFT],
        "plot": {"left": _LEFT, "right": WIDTH - _RIGHT, "top": _TOP,
                 "bottom": HEIGHT - _BOTTOM},
        "legend": [{"quadrant": q, "color": c, "count": len(grid.get("quadrants", {}).get(q, []))}
                   for q, c in QUADRANT_COLORS.items()],
    }


def _areas(threshold: float) -> list[dict[str, Any]]:
    """The quadrant areas: runs of columns that :func:`quadrant` puts together, per band.

    Above the threshold line every column is asked at ``threshold`` (high
    influence), below it at an influence under the threshold.
    """
    line = round(_y(threshold), 1)
    bands = ((threshold, _TOP, line), (threshold - 1.0, line, HEIGHT - _BOTTOM))
    areas: list[dict[str, Any]] = []
    for influence, top, bottom in bands:
        if bottom <= top:  # a threshold of 0 or 1 leaves one band only
            continue
        start = 0
        for slot in range(1, len(_COLUMNS) + 1):
            name = quadrant(influence, _COLUMNS[start], threshold=threshold)
            if slot < len(_COLUMNS) and quadrant(
                    influence, _COLUMNS[slot], threshold=threshold) == name:
                continue
            areas.append({"quadrant": name, "x0": round(_LEFT + _SLOT * start, 1),
                          "x1": round(_LEFT + _SLOT * slot, 1), "y0": top, "y1": bottom})
            start = slot
    return areas


def _short(name: str, limit: int = 14) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"
