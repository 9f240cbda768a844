"""Graph + analysis → the map payload drawn by ``static/map.js``.

The live opportunity page (``GET /api/v1/opportunities/<id>/map``) and the
standalone HTML export (:mod:`powermap.transfer.html_map`) draw the same
payload with the same script, so what a person sees offline is what the team
sees in the app.

The payload is plain JSON:

* ``nodes`` — one per stakeholder: identity, scores, role shape and badges,
  ``color_key`` (the attitude, ``unknown`` and ``outside`` as their own keys),
  ``size`` from effective influence, ``border`` from our best coverage
  strength, competitor positions with who leads, the analysis' reasons and
  quadrant, ``entry_id``/``entry_version`` for editing, and precomputed
  positions ``org`` (org chart) and ``net`` (network) as ``[x, y]``.
* ``edges`` — ``{id, from, to, type, strength}``; their look per type lives in
  ``legend.edge_types`` so the style is defined once, here.
* ``placeholders`` — roles nobody fills yet, drawn as dashed ghost nodes.
* ``legend``, ``summary`` (health, flags, support, forecast),
  ``suggestions``, ``competition``, ``team``.

Positions are computed here, not in the browser, so maps of 300–1,000 people
draw at once with physics off:

* **org chart** — a tidy layered tree over ``reports_to`` in O(n): leaves get
  consecutive slots, a parent sits over the middle of its children, and a
  manager's many direct reports without reports of their own wrap into a
  compact block. People with no manager are roots; people with neither a
  manager nor reports are packed in a grid below.
* **network** — pivot MDS (Brandes & Pich 2006): breadth-first distances from
  up to 40 pivots, double-centred and reduced by an SVD, which approximates a
  stress layout in O(k·(n + m)); then the layout is spread to about two
  gap-squares of room per person and a few rounds of overlap removal with a
  k-d tree push apart whoever still sits too close. Deterministic: pivots are
  chosen by max–min distance from the best-connected person, signs of the
  axes are fixed.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node(1, id=1, name="Li Wei", influence=5, attitude=None, roles=["decision_maker"],
...            in_buying_center=True, coverage=[], competitors={})
>>> map_payload(G, {})["nodes"][0]["color_key"]
'unknown'
"""

from __future__ import annotations

import math
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx
import numpy as np

from . import vocabulary as v

__all__ = [
    "map_payload",
    "org_chart_layout",
    "network_layout",
    "ATTITUDE_COLORS",
    "ROLE_SHAPES",
    "EDGE_STYLES",
    "competitor_lead",
]

#: Fill colour per ``color_key``; ``unknown`` is white with a dashed border.
ATTITUDE_COLORS: dict[str, str] = {
    "champion": "#1e8449",
    "supporter": "#7dcea0",
    "neutral": "#f4d03f",
    "sceptic": "#eb984e",
    "opponent": "#c0392b",
    "unknown": "#ffffff",
    "outside": "#d5d8dc",
}

#: Node shape per role, in priority order (the first role a person has wins).
ROLE_SHAPES: dict[str, str] = {
    "decision_maker": "star",
    "approver": "diamond",
    "coach": "hexagon",
    "evaluator": "triangle",
    "gatekeeper": "square",
    "influencer": "triangleDown",
    "user": "dot",
}

#: Short badge per role, shown under the name.
ROLE_BADGES: dict[str, str] = {
    "decision_maker": "DM",
    "approver": "AP",
    "coach": "CO",
    "evaluator": "EV",
    "gatekeeper": "GK",
    "influencer": "IN",
    "user": "US",
}

#: vis-network look of each relationship type (width grows with strength in map.js).
EDGE_STYLES: dict[str, dict[str, Any]] = {
    "reports_to": {"color": "#566573", "dashes": False, "arrows": "to", "smooth": False,
                   "width": 1.5, "width_per_strength": 0},
    "influences": {"color": "#2e86c1", "dashes": [6, 4], "arrows": "to",
                   "smooth": {"type": "curvedCW", "roundness": 0.15},
                   "width": 0.5, "width_per_strength": 1.2},
    "allied": {"color": "#27ae60", "dashes": False, "arrows": "",
               "smooth": {"type": "curvedCCW", "roundness": 0.1},
               "width": 0.5, "width_per_strength": 1.2},
    "conflict": {"color": "#c0392b", "dashes": [2, 3, 8, 3], "arrows": "",
                 "smooth": {"type": "curvedCW", "roundness": 0.25},
                 "width": 0.5, "width_per_strength": 1.2},
}

_LEAD_COLORS = {"us": "#1e8449", "them": "#c0392b", "contested": "#f39c12", "nobody": "#d5d8dc"}
_STRONG = 2  # coverage strength from which a relationship counts (acquainted)

_DX, _DY = 150, 170  # org-chart spacing
_EDGE_LENGTH = 130.0  # target network edge length in px
_MIN_GAP = 70.0  # nodes closer than this are pushed apart


# --------------------------------------------------------------------------- payload


def map_payload(G: nx.MultiDiGraph, analysis: Mapping[str, Any] | None, *,
                layout: str | None = None) -> dict[str, Any]:
    """Return the JSON-ready map of one opportunity.

    Parameters
    ----------
    G : the graph of :func:`powermap.graph.build_graph` (not modified).
    analysis : the report of :func:`powermap.analysis.analyze` (may be empty).
    layout : ``"org"`` or ``"network"``, the layout shown first; by default the
        org chart when anyone reports to anyone, else the network.
    """
    analysis = analysis or {}
    team = G.graph.get("team", {})
    competitors = G.graph.get("competitors", {})
    links = _links(G)
    org = org_chart_layout(G, links=links)
    net = network_layout(G, links=links)
    ranking = _people(analysis.get("ranking"))
    forecast = _people((analysis.get("forecast") or {}).get("people"))
    quadrants = _quadrants(analysis.get("grid"))
    reasons = _reasons(analysis)
    effective = {n: _effective(G.nodes[n], ranking.get(n)) for n in G}
    top = max(effective.values(), default=0.0) or 1.0

    nodes = []
    for n in sorted(G, key=_sort_key):
        a = G.nodes[n]
        nodes.append(_node(n, a, team, competitors, org[n], net[n], effective[n] / top,
                           ranking.get(n), forecast.get(n), quadrants.get(n),
                           reasons.get(n, [])))
    edges = [
        {"id": d.get("id"), "from": u, "to": w, "type": d.get("type", k),
         "strength": d.get("strength") or v.RELATIONSHIP_TYPES.get(d.get("type", k),
                                                                   (0, 2))[1]}
        for u, w, k, d in sorted(links, key=lambda e: (e[3].get("id") or 0, e[0], e[1], e[2]))
    ]
    if layout not in ("org", "network"):
        has_hierarchy = any(e["type"] == "reports_to" for e in edges)
        layout = "org" if has_hierarchy else "network"
    opportunity = G.graph.get("opportunity", {}) or {}
    account = G.graph.get("account", {}) or {}
    return {
        "format": "powermap-map/1",
        "opportunity": {
            **{k: opportunity.get(k) for k in ("id", "name", "stage", "value", "currency",
                                               "bid_date", "decision_date")},
            "account": {"id": account.get("id"), "name": account.get("name")},
        },
        "layout": layout,
        "nodes": nodes,
        "edges": edges,
        "placeholders": _placeholders(G, org, net),
        "legend": legend(),
        "summary": _summary(analysis),
        "suggestions": _suggestions(analysis.get("suggestions"), G),
        "competition": _competition(G, analysis.get("competition")),
        "team": [{"id": t["id"], "name": t.get("name"), "role": t.get("role"),
                  "title": t.get("title")} for t in sorted(team.values(),
                                                           key=lambda t: t["id"])],
    }


def legend() -> dict[str, Any]:
    """Colours, shapes, badges and edge looks, labelled from :mod:`powermap.vocabulary`."""
    attitudes = [{"key": label, "value": value, "label": label.capitalize(),
                  "color": ATTITUDE_COLORS[label]}
                 for value, label in sorted(v.ATTITUDE.items(), reverse=True)]
    attitudes.append({"key": "unknown", "value": None, "label": "Unknown attitude",
                      "color": ATTITUDE_COLORS["unknown"]})
    attitudes.append({"key": "outside", "value": None, "label": "Not in buying center",
                      "color": ATTITUDE_COLORS["outside"]})
    return {
        "attitudes": attitudes,
        "roles": [{"key": role, "label": en, "label_zh": zh, "shape": ROLE_SHAPES[role],
                   "badge": ROLE_BADGES[role]} for role, (en, zh) in v.ROLES.items()],
        "edge_types": [{"type": t, "label": label, "directed": directed,
                        "default_strength": strength, **EDGE_STYLES[t]}
                       for t, (directed, strength, label) in v.RELATIONSHIP_TYPES.items()],
        "coverage": [{"value": k, "label": label, "border": _border(k)}
                     for k, label in v.COVERAGE.items()],
        "influence": [{"value": k, "label": label} for k, label in v.INFLUENCE.items()],
        "leads": [{"key": k, "label": {"us": "We lead", "them": "Competitor leads",
                                       "contested": "Contested",
                                       "nobody": "Nobody covers"}[k], "color": c}
                  for k, c in _LEAD_COLORS.items()],
        "action_types": [{"key": k, "label": en, "label_zh": zh}
                         for k, (en, zh) in v.ACTION_TYPES.items()],
        "relationship_strength": list(range(v.RELATIONSHIP_STRENGTH[0],
                                            v.RELATIONSHIP_STRENGTH[1] + 1)),
    }


def competitor_lead(our_best: int, their_coverage: int | None) -> str:
    """Who leads with one person: ``us``, ``them``, ``contested`` or ``nobody``.

    A relationship counts from strength 2 (acquainted). Both sides with one is
    ``contested`` unless one side is two or more levels stronger.

    >>> competitor_lead(3, 0), competitor_lead(0, 3), competitor_lead(2, 3), competitor_lead(4, 2)
    ('us', 'them', 'contested', 'us')
    """
    theirs = their_coverage or 0
    ours_strong, theirs_strong = our_best >= _STRONG, theirs >= _STRONG
    if ours_strong and theirs_strong:
        if our_best - theirs >= 2:
            return "us"
        if theirs - our_best >= 2:
            return "them"
        return "contested"
    if ours_strong:
        return "us"
    if theirs_strong:
        return "them"
    return "nobody"


# --------------------------------------------------------------------------- nodes


def _node(n: Any, a: Mapping[str, Any], team: Mapping, competitors: Mapping,
          org: tuple[float, float], net: tuple[float, float], weight: float,
          ranked: Mapping | None, forecast: Mapping | None, quadrant: str | None,
          reasons: list[str]) -> dict[str, Any]:
    roles = [r for r in ROLE_SHAPES if r in (a.get("roles") or [])]
    in_bc = bool(a.get("in_buying_center"))
    attitude = a.get("attitude")
    color_key = ("outside" if not in_bc else v.attitude_label(attitude))
    coverage = sorted(a.get("coverage") or [], key=lambda c: (-c.get("strength", 0),
                                                              c.get("team_member_id") or 0))
    best = max((c.get("strength") or 0 for c in coverage), default=0)
    badges = "·".join(ROLE_BADGES[r] for r in roles)
    label = str(a.get("name") or f"#{n}")
    node: dict[str, Any] = {
        "id": n,
        "label": f"{label}\n[{badges}]" if badges else label,
        "name": label,
        "title": a.get("title"),
        "department": a.get("department"),
        "level": a.get("level"),
        "email": a.get("email"),
        "interests": a.get("interests"),
        "notes": a.get("notes"),
        "in_buying_center": in_bc,
        "roles": roles,
        "shape": ROLE_SHAPES[roles[0]] if roles else ("dot" if in_bc else "dot"),
        "influence": a.get("influence"),
        "attitude": attitude,
        "color_key": color_key,
        "size": round(10 + 22 * weight, 1) if in_bc else 8,
        "coverage_best": best,
        "border": _border(best),
        "coverage": [{"team_member_id": c.get("team_member_id"),
                      "name": (team.get(c.get("team_member_id")) or {}).get("name"),
                      "strength": c.get("strength"), "last_contact": c.get("last_contact"),
                      "owner": bool(c.get("owner"))} for c in coverage],
        "competitors": [
            {"id": cid, "name": (competitors.get(cid) or {}).get("name"),
             "coverage": pos.get("coverage"), "preference": pos.get("preference"),
             "lead": competitor_lead(best, pos.get("coverage"))}
            for cid, pos in sorted((a.get("competitors") or {}).items())
        ],
        "verified_at": a.get("verified_at"),
        "verified_by": a.get("verified_by"),
        "entry_id": a.get("entry_id"),
        "entry_version": a.get("entry_version"),
        "version": a.get("version"),
        "org": [round(org[0]), round(org[1])],
        "net": [round(net[0]), round(net[1])],
    }
    if ranked:
        node["rank"] = ranked.get("rank")
        node["effective_influence"] = ranked.get("effective_influence")
        node["structural_power"] = ranked.get("structural_power")
    if forecast:
        node["forecast"] = forecast.get("forecast")
        node["forecast_attitude"] = forecast.get("forecast_attitude")
    if quadrant:
        node["quadrant"] = quadrant
    if reasons:
        node["reasons"] = reasons
    # drop what is empty: a 1,000-person export must stay small
    return {k: val for k, val in node.items() if val not in (None, "", [], {})}


def _border(strength: int) -> float:
    return 1.0 + 1.25 * (strength or 0)


def _sort_key(n: Any) -> tuple:
    return (0, n, "") if isinstance(n, int) else (1, 0, str(n))


def _effective(a: Mapping[str, Any], ranked: Mapping | None) -> float:
    """Effective influence (0..1) from the ranking, else declared influence / 5."""
    if ranked and isinstance(ranked.get("effective_influence"), int | float):
        return float(ranked["effective_influence"])
    return (a.get("influence") or 0) / 5 if a.get("in_buying_center") else 0.0


def _placeholders(G: nx.MultiDiGraph, org: Mapping, net: Mapping) -> list[dict[str, Any]]:
    """Ghost nodes for roles nobody fills, parked to the right of the map."""
    entries = sorted(G.graph.get("placeholders") or [], key=lambda e: e.get("id") or 0)
    right_org = max((p[0] for p in org.values()), default=0.0) + 2 * _DX
    right_net = max((p[0] for p in net.values()), default=0.0) + 2 * _DX
    out = []
    for i, e in enumerate(entries):
        roles = [r for r in ROLE_SHAPES if r in (e.get("roles") or [])]
        names = ", ".join(v.ROLES[r][0] for r in roles) or "Role"
        label = e.get("placeholder") or f"{names} (unknown)"
        out.append({
            "id": f"placeholder-{e.get('id')}",
            "entry_id": e.get("id"),
            "entry_version": e.get("version"),
            "label": f"? {label}",
            "roles": roles,
            "shape": ROLE_SHAPES[roles[0]] if roles else "dot",
            "influence": e.get("influence"),
            "org": [round(right_org), round(i * 0.7 * _DY)],
            "net": [round(right_net), round(i * 0.7 * _DY)],
        })
    return out


# --------------------------------------------------------------------------- analysis
# The report's schema is documented in docs/analysis.md: person-level data are lists of
# objects carrying ``stakeholder_id``; every key may be missing (an empty report draws).


def _people(records: Any) -> dict[Any, dict]:
    """A list of person records as ``{stakeholder_id: record}``."""
    return {rec["stakeholder_id"]: rec for rec in records or []
            if isinstance(rec, Mapping) and "stakeholder_id" in rec}


def _ids(items: Iterable) -> list:
    """Person references (or bare ids) → stakeholder ids."""
    return [i.get("stakeholder_id", i.get("id")) if isinstance(i, Mapping) else i
            for i in items or []]


def _quadrants(grid: Any) -> dict[Any, str]:
    cells = grid.get("quadrants") if isinstance(grid, Mapping) else None
    return {person: quadrant for quadrant, people in (cells or {}).items()
            for person in _ids(people)}


def _flags(analysis: Mapping[str, Any]) -> list[dict[str, Any]]:
    risks = analysis.get("risks") or {}
    return [{"code": f.get("code"), "severity": f.get("severity"),
             "title": f.get("title") or f.get("code"), "message": f.get("message"),
             "remedy": f.get("remedy"), "department": f.get("department"),
             "stakeholders": _ids(f.get("stakeholders"))}
            for f in risks.get("flags") or [] if isinstance(f, Mapping)]


def _reasons(analysis: Mapping[str, Any]) -> dict[Any, list[str]]:
    """Every explanation the analyses give about a person: ranking, then risk flags."""
    out: dict[Any, list[str]] = defaultdict(list)
    for person, rec in _people(analysis.get("ranking")).items():
        out[person].extend(str(r) for r in rec.get("reasons") or [])
    for flag in _flags(analysis):
        text = f"{flag['severity']} risk: {flag['title']}"
        # a flag about many people lists them all in its message: each person gets the title
        if flag["message"] and len(flag["stakeholders"]) <= 3:
            text += f" — {flag['message']}"
        for person in flag["stakeholders"]:
            if text not in out[person]:
                out[person].append(text)
    return out


def _summary(analysis: Mapping[str, Any]) -> dict[str, Any]:
    risks = analysis.get("risks") or {}
    support = analysis.get("support") or {}
    forecast = analysis.get("forecast") or {}
    return {
        "health": risks.get("health"),
        "counts": risks.get("counts") or {},
        "flags": _flags(analysis),
        "support": {k: support.get(k) for k in ("net_support", "net_support_known",
                                                "shares", "counts") if k in support},
        "forecast": {k: forecast.get(k) for k in ("deal", "deal_initial", "unknown_range",
                                                  "converged") if k in forecast},
    }


def _suggestions(suggestions: Any, G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Ally-expansion plans; ``path`` becomes the stakeholder ids to highlight."""
    out = []
    for rec in suggestions or []:
        if not isinstance(rec, Mapping):
            continue
        steps = [s if isinstance(s, Mapping) else {"kind": "stakeholder", "id": s}
                 for s in rec.get("path") or []]
        introducer = rec.get("introducer") or None
        out.append({
            **{k: rec.get(k) for k in ("rank", "stakeholder_id", "name", "roles", "attitude",
                                       "attitude_label", "activity", "activity_label",
                                       "reliability", "success_probability",
                                       "expected_move", "gain", "summary")},
            "introducer": introducer,
            "owner_id": introducer.get("id") if isinstance(introducer, Mapping)
            and introducer.get("kind") == "team_member" else None,
            "steps": steps,
            "path": [s.get("id") for s in steps
                     if s.get("kind") == "stakeholder" and s.get("id") in G],
        })
    return out


def _competition(G: nx.MultiDiGraph, competition: Any) -> dict[str, Any]:
    """Per competitor: share, strongholds, contested people; plus blind spots.

    The lists come from the analysis when it has them; otherwise from
    :func:`competitor_lead` over the buying center.
    """
    competition = competition if isinstance(competition, Mapping) else {}
    given = {c.get("competitor_id"): c for c in competition.get("competitors") or []
             if isinstance(c, Mapping)}
    members = [(n, a) for n, a in G.nodes(data=True) if a.get("in_buying_center")]
    out = []
    for cid, comp in sorted((G.graph.get("competitors") or {}).items()):
        leads: dict[str, list] = {"us": [], "them": [], "contested": [], "nobody": []}
        for n, a in members:
            best = max((c.get("strength") or 0 for c in a.get("coverage") or []), default=0)
            pos = (a.get("competitors") or {}).get(cid) or {}
            leads[competitor_lead(best, pos.get("coverage"))].append(n)
        rec = given.get(cid, {})
        out.append({
            "id": cid,
            "name": comp.get("name"),
            "share": rec.get("share"),
            "preference_index": rec.get("preference_index"),
            "strongholds": _ids(rec["strongholds"]) if "strongholds" in rec else leads["them"],
            "contested": _ids(rec["contested"]) if "contested" in rec else leads["contested"],
            "leads": _ids(rec.get("leads")),
        })
    blind = competition.get("blind_spots")
    us = competition.get("us") or {}
    return {
        "competitors": out,
        "blind_spots": _ids(blind) if blind is not None else sorted(
            (n for n, a in members
             if not any((c.get("strength") or 0) >= _STRONG for c in a.get("coverage") or [])
             and not any((p.get("coverage") or 0) >= _STRONG
                         for p in (a.get("competitors") or {}).values())), key=_sort_key),
        "our_share": us.get("share"),
    }


# --------------------------------------------------------------------------- layouts


def _links(G: nx.MultiDiGraph) -> list[tuple[Any, Any, Any, dict]]:
    """Every edge once, as ``(source, target, key, data)``: big maps walk them only once."""
    return list(G.edges(keys=True, data=True))


def _managers(links: list[tuple[Any, Any, Any, dict]]) -> dict[Any, Any]:
    """``{person: manager}`` from ``reports_to`` edges (source reports to target)."""
    manager: dict[Any, Any] = {}
    for u, w, k, d in links:
        if (d.get("type") or k) == "reports_to" and u != w and u not in manager:
            manager[u] = w
    # break any cycle defensively: validation forbids them, imports might not
    for start in list(manager):
        seen = {start}
        n = manager.get(start)
        while n is not None and n in manager:
            if n in seen:
                manager.pop(n)
                break
            seen.add(n)
            n = manager.get(n)
    return manager


def org_chart_layout(G: nx.MultiDiGraph, *, links: list | None = None,
                     ) -> dict[Any, tuple[float, float]]:
    """Org-chart positions ``{node: (x, y)}`` by ``reports_to``, in O(n).

    Roots are people with no manager; each level is ``_DY`` lower. A
    manager with more than four direct reports who have no reports of their
    own stacks them in a block of ``ceil(sqrt(k))`` columns under the team's
    other sub-trees. People outside every hierarchy go in a grid below.
    ``links`` is the graph's edge list ``(u, v, key, data)`` when the caller has it.
    """
    manager = _managers(_links(G) if links is None else links)
    children: dict[Any, list] = defaultdict(list)
    for person, boss in manager.items():
        children[boss].append(person)

    def order(n: Any) -> tuple:
        a = G.nodes[n]
        return (str(a.get("department") or ""), -(a.get("influence") or 0), _sort_key(n))

    for kids in children.values():
        kids.sort(key=order)
    roots = sorted((n for n in G if n not in manager and n in children), key=order)
    loners = sorted((n for n in G if n not in manager and n not in children), key=order)

    # post-order widths (iterative: chains may be deep)
    width: dict[Any, float] = {}
    block: dict[Any, tuple[list, list, int]] = {}
    for root in roots:
        stack = [(root, False)]
        while stack:
            n, done = stack.pop()
            if not done:
                stack.append((n, True))
                stack.extend((c, False) for c in children.get(n, ()))
                continue
            kids = children.get(n, [])
            leaves = [c for c in kids if c not in children]
            branches = [c for c in kids if c in children]
            if len(leaves) <= 4:
                branches, leaves = kids, []
            cols = math.ceil(math.sqrt(len(leaves))) if leaves else 0
            block[n] = (branches, leaves, cols)
            width[n] = max(float(_DX), sum(width[c] for c in branches) + cols * _DX)

    pos: dict[Any, tuple[float, float]] = {}
    left = 0.0
    for root in roots:
        stack = [(root, left, 0.0)]
        while stack:
            n, x0, y = stack.pop()
            pos[n] = (x0 + width[n] / 2, y)
            branches, leaves, cols = block[n]
            inner = sum(width[c] for c in branches) + cols * _DX
            x = x0 + (width[n] - inner) / 2
            for c in branches:
                stack.append((c, x, y + _DY))
                x += width[c]
            for i, c in enumerate(leaves):
                row, col = divmod(i, cols)
                pos[c] = (x + (col + 0.5) * _DX, y + _DY + row * 0.55 * _DY)
        left += width[root] + _DX / 2
    bottom = max((p[1] for p in pos.values()), default=-_DY) + 1.5 * _DY
    cols = max(1, math.ceil(math.sqrt(len(loners) * 2)))
    for i, n in enumerate(loners):
        row, col = divmod(i, cols)
        pos[n] = (col * _DX, bottom + row * 0.55 * _DY)
    return pos


def network_layout(G: nx.MultiDiGraph, *, pivots: int = 40, links: list | None = None,
                   ) -> dict[Any, tuple[float, float]]:
    """Force-like network positions ``{node: (x, y)}`` by pivot MDS (see module doc).

    Every relationship type counts as a link. Components are laid out
    separately and packed left to right, largest first; isolated people go in
    a grid below. ``links`` as for :func:`org_chart_layout`.
    """
    nodes = sorted(G, key=_sort_key)
    index = {n: i for i, n in enumerate(nodes)}
    adjacency: list[set[int]] = [set() for _ in nodes]
    for u, w, _, _ in _links(G) if links is None else links:
        if u != w:
            adjacency[index[u]].add(index[w])
            adjacency[index[w]].add(index[u])
    components, isolated = [], []
    seen = [False] * len(nodes)
    for i in range(len(nodes)):
        if seen[i]:
            continue
        if not adjacency[i]:
            isolated.append(i)
            seen[i] = True
            continue
        comp, queue = [], deque([i])
        seen[i] = True
        while queue:
            j = queue.popleft()
            comp.append(j)
            for k in adjacency[j]:
                if not seen[k]:
                    seen[k] = True
                    queue.append(k)
        components.append(sorted(comp))
    components.sort(key=lambda c: (-len(c), c[0]))

    xy = np.zeros((len(nodes), 2))
    left, top = 0.0, 0.0
    bottom = 0.0
    for comp in components:
        coords = _pivot_mds(comp, adjacency, pivots)
        coords *= _EDGE_LENGTH
        coords = _remove_overlaps(coords)
        coords -= coords.min(axis=0)
        xy[comp] = coords + [left, top]
        span = coords.max(axis=0)
        left += span[0] + 2 * _EDGE_LENGTH
        bottom = max(bottom, top + span[1])
    cols = max(1, math.ceil(math.sqrt(len(isolated) * 2)))
    for j, i in enumerate(isolated):
        row, col = divmod(j, cols)
        xy[i] = (col * _MIN_GAP * 1.4, bottom + 2 * _EDGE_LENGTH + row * _MIN_GAP * 1.4)
    return {n: (float(xy[i, 0]), float(xy[i, 1])) for i, n in enumerate(nodes)}


def _pivot_mds(comp: list[int], adjacency: list[set[int]], pivots: int) -> np.ndarray:
    """Pivot MDS of one connected component, in edge-length units."""
    n = len(comp)
    if n == 1:
        return np.zeros((1, 2))
    if n == 2:
        return np.array([[0.0, 0.0], [1.0, 0.0]])
    from scipy.sparse import csr_array
    from scipy.sparse.csgraph import shortest_path

    local = {g: i for i, g in enumerate(comp)}
    src = [local[g] for g in comp for h in adjacency[g]]
    dst = [local[h] for g in comp for h in adjacency[g]]
    links = csr_array((np.ones(len(src)), (src, dst)), shape=(n, n))
    pivot = local[max(comp, key=lambda g: (len(adjacency[g]), -g))]
    columns = []
    nearest = np.full(n, np.inf)
    for _ in range(min(pivots, n)):
        dist = shortest_path(links, method="D", unweighted=True, indices=pivot)  # C-speed BFS
        columns.append(dist)
        nearest = np.minimum(nearest, dist)
        pivot = int(np.argmax(nearest))  # max-min: farthest from all pivots so far
        if nearest[pivot] == 0:
            break
    D = np.stack(columns, axis=1) ** 2
    C = -0.5 * (D - D.mean(axis=0) - D.mean(axis=1, keepdims=True) + D.mean())
    # top right-singular vectors of C from its small k×k Gram matrix (a full SVD of the
    # n×k matrix is slower and, on a busy machine, at the mercy of BLAS threads)
    values, vectors = np.linalg.eigh(C.T @ C)
    coords = C @ vectors[:, ::-1][:, :2]
    if coords.shape[1] < 2:
        coords = np.hstack([coords, np.zeros((n, 2 - coords.shape[1]))])
    for axis in range(2):  # fix the SVD's sign ambiguity
        col = coords[:, axis]
        if col[int(np.argmax(np.abs(col)))] < 0:
            coords[:, axis] = -col
    # unit median edge length, whatever the spectrum's scale
    lengths = np.linalg.norm(coords[src] - coords[dst], axis=1)
    scale = float(np.median(lengths)) if len(lengths) else 0.0
    if scale > 0:
        coords /= scale
    # people at the same distances from every pivot coincide: fan them out deterministically
    golden = np.arange(n) * 2.399963
    coords += 0.35 * np.stack([np.cos(golden), np.sin(golden)], axis=1) \
        * np.sqrt((np.arange(n) % 7 + 1) / 7)[:, None]
    return coords


def _remove_overlaps(coords: np.ndarray, rounds: int = 10) -> np.ndarray:
    """Push apart nodes closer than ``_MIN_GAP`` (k-d tree neighbour pairs)."""
    from scipy.spatial import cKDTree

    n = len(coords)
    xy = coords - np.median(coords, axis=0)
    if n > 200:
        xy = _even_out(xy)
    else:  # first give everyone room: about 2 gap-squares per person
        span = np.ptp(xy, axis=0) + _MIN_GAP
        spread = math.sqrt(n * 2 * _MIN_GAP ** 2 / float(span[0] * span[1]))
        if spread > 1:
            xy *= spread
    for _ in range(rounds if n <= 2000 else rounds // 3):
        pairs = cKDTree(xy).query_pairs(_MIN_GAP, output_type="ndarray")
        if not len(pairs):
            break
        delta = xy[pairs[:, 0]] - xy[pairs[:, 1]]
        dist = np.sqrt((delta ** 2).sum(axis=1))
        dist[dist == 0] = 1e-3
        push = ((_MIN_GAP - dist) / 2 / dist)[:, None] * delta
        move = np.empty_like(xy)
        for axis in range(2):
            move[:, axis] = (np.bincount(pairs[:, 0], push[:, axis], n)
                             - np.bincount(pairs[:, 1], push[:, axis], n))
        xy += np.clip(move, -_MIN_GAP, _MIN_GAP)
    return _snap_to_free_cells(xy, _MIN_GAP * 0.6)


def _even_out(xy: np.ndarray) -> np.ndarray:
    """Keep each person's direction from the centre, give radii by rank: a disc of even density.

    Pivot MDS packs the core of a large org into a small area and lets a few
    outliers set the scale; ranking the radii (r' = R·sqrt((rank + ½)/n), R so
    that everyone has two gap-squares) keeps who is central and which side
    each group is on, at a readable density.
    """
    n = len(xy)
    radius = np.hypot(xy[:, 0], xy[:, 1])
    ranks = np.empty(n)
    ranks[np.argsort(radius, kind="stable")] = np.arange(n)
    outer = math.sqrt(n * 2 * _MIN_GAP ** 2 / math.pi)
    golden = np.arange(n) * 2.399963
    direction = np.where(radius[:, None] > 1e-9, xy / np.maximum(radius, 1e-9)[:, None],
                         np.stack([np.cos(golden), np.sin(golden)], axis=1))
    return direction * (outer * np.sqrt((ranks + 0.5) / n))[:, None]


def _snap_to_free_cells(xy: np.ndarray, cell: float) -> np.ndarray:
    """Put each node in its own grid cell (the nearest free one): no two closer than ``cell``.

    Pushing apart converges slowly where many people crowd; snapping finishes
    the job in O(n) on average, people taken in a fixed order.
    """
    taken: set[tuple[int, int]] = set()
    out = np.empty_like(xy)
    for i, (x, y) in enumerate(xy / cell):
        cx, cy = round(x), round(y)
        ring = 0
        while True:
            free = [(cx + dx, cy + dy) for dx in range(-ring, ring + 1)
                    for dy in range(-ring, ring + 1)
                    if max(abs(dx), abs(dy)) == ring and (cx + dx, cy + dy) not in taken]
            if free:
                best = min(free, key=lambda c: ((c[0] - x) ** 2 + (c[1] - y) ** 2, c))
                break
            ring += 1
        taken.add(best)
        out[i] = best
    return out * cell
