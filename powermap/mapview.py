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
* ``edges`` — ``{id, from, to, type, strength, version}`` (``version`` is the
  stored relationship's, sent back when it is removed); their look per type lives in
  ``legend.edge_types`` so the style is defined once, here.
* ``placeholders`` — roles nobody fills yet, drawn as dashed ghost nodes.
* ``legend``, ``summary`` (health, flags, support, forecast),
  ``suggestions``, ``competition``, ``team``.

Positions are computed here, not in the browser, so maps of 300–1,000 people
draw at once with physics off: :mod:`powermap.layout` lays out the org chart
and the network in the units the map is drawn in, from each node's size and
label (its font sizes are ``legend.fonts``), so that names stay legible when
a map of a few dozen people is fitted to the screen. Long names are wrapped
(and cut after two lines) in ``label``; ``name`` is always whole. The format
is documented in ``docs/map.md``.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node(1, id=1, name="Li Wei", influence=5, attitude=None, roles=["decision_maker"],
...            in_buying_center=True, coverage=[], competitors={})
>>> map_payload(G, {})["nodes"][0]["color_key"]
'unknown'
"""

from __future__ import annotations

import textwrap
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from . import vocabulary as v
from .layout import Box, network_positions, node_box, org_chart_positions

__all__ = [
    "map_payload",
    "FONT_SIZES",
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

#: Label font size in px (at zoom 1) of buying-center members, everyone else and ghost roles:
#: the layouts leave room for labels this big, map.js draws them this big.
FONT_SIZES: dict[str, int] = {"member": 16, "outside": 12, "placeholder": 12}

_WRAP = 16  # characters per label line (a CJK character counts as two)
_LINES = 2  # name lines at most; the rest is cut with an ellipsis
_GHOST_SIZE = 16  # size of a placeholder's ghost node
_GHOST_GAP = 40.0  # room between the map and its ghosts
_LANDSCAPE = 1.25  # a map wider than this times its height gets its ghosts below


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
    ranking = _people(analysis.get("ranking"))
    forecast = _people((analysis.get("forecast") or {}).get("people"))
    quadrants = _quadrants(analysis.get("grid"))
    reasons = _reasons(analysis)
    effective = {n: _effective(G.nodes[n], ranking.get(n)) for n in G}
    top = max(effective.values(), default=0.0) or 1.0
    looks = {n: _look(n, G.nodes[n], effective[n] / top) for n in G}
    boxes = {n: look[2] for n, look in looks.items()}
    org = org_chart_positions(G, boxes, links=links)
    net = network_positions(G, boxes, links=links)

    nodes = []
    for n in sorted(G, key=_sort_key):
        a = G.nodes[n]
        nodes.append(_node(n, a, team, competitors, org[n], net[n], looks[n],
                           ranking.get(n), forecast.get(n), quadrants.get(n),
                           reasons.get(n, [])))
    edges = [
        {"id": d.get("id"), "from": u, "to": w, "type": d.get("type", k),
         "strength": d.get("strength") or v.RELATIONSHIP_TYPES.get(d.get("type", k),
                                                                   (0, 2))[1],
         "version": d.get("version")}
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
        "placeholders": _placeholders(G, org, net, boxes),
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
        "fonts": dict(FONT_SIZES),
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


def _look(n: Any, a: Mapping[str, Any], weight: float) -> tuple[str, float, Box]:
    """``(label, size, box)`` of a person: name (wrapped) and role badges, size by influence."""
    roles = [r for r in ROLE_SHAPES if r in (a.get("roles") or [])]
    in_bc = bool(a.get("in_buying_center"))
    badges = "·".join(ROLE_BADGES[r] for r in roles)
    name = wrap_label(str(a.get("name") or f"#{n}"))
    label = f"{name}\n[{badges}]" if badges else name
    size = round(10 + 22 * weight, 1) if in_bc else 8
    font = FONT_SIZES["member" if in_bc else "outside"]
    return label, size, node_box(size, label, font)


def wrap_label(text: str, width: int = _WRAP, lines: int = _LINES) -> str:
    r"""``text`` in lines of about ``width`` characters (a CJK character counts two), at most
    ``lines`` of them, the last cut with "…": a long name must not widen the whole map.

    >>> wrap_label("Procurement committee secretary")
    'Procurement\ncommittee…'
    >>> wrap_label("陈建国"), wrap_label("Li Wei")
    ('陈建国', 'Li Wei')
    """
    text = " ".join(text.split())
    if _cells(text) <= width:
        return text
    if " " not in text:  # CJK (or one long word): cut by display width
        out, line = [], ""
        for ch in text:
            if _cells(line + ch) > width:
                out.append(line)
                line = ""
            line += ch
        out.append(line)
    else:
        out = textwrap.wrap(text, width=width, break_long_words=True)
    if len(out) > lines:
        out = out[:lines]
        while out[-1] and _cells(out[-1]) + 1 > width:
            out[-1] = out[-1][:-1]
        out[-1] = out[-1].rstrip() + "…"
    return "\n".join(out)


def _cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _node(n: Any, a: Mapping[str, Any], team: Mapping, competitors: Mapping,
          org: tuple[float, float], net: tuple[float, float],
          look: tuple[str, float, Box], ranked: Mapping | None, forecast: Mapping | None,
          quadrant: str | None, reasons: list[str]) -> dict[str, Any]:
    roles = [r for r in ROLE_SHAPES if r in (a.get("roles") or [])]
    in_bc = bool(a.get("in_buying_center"))
    attitude = a.get("attitude")
    color_key = ("outside" if not in_bc else v.attitude_label(attitude))
    coverage = sorted(a.get("coverage") or [], key=lambda c: (-c.get("strength", 0),
                                                              c.get("team_member_id") or 0))
    best = max((c.get("strength") or 0 for c in coverage), default=0)
    node: dict[str, Any] = {
        "id": n,
        "label": look[0],
        "name": str(a.get("name") or f"#{n}"),
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
        "size": look[1],
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


def _placeholders(G: nx.MultiDiGraph, org: Mapping, net: Mapping,
                  boxes: Mapping[Any, Box]) -> list[dict[str, Any]]:
    """Ghost nodes for roles nobody fills, parked beside the map on its short side.

    A map wider than :data:`_LANDSCAPE` times its height (the usual shape of
    an org chart) gets its ghosts in a row below; others in a column on the
    right. Either way the map keeps a shape close to the screen's, so that
    fitting it leaves the names legible.
    """
    entries = sorted(G.graph.get("placeholders") or [], key=lambda e: e.get("id") or 0)
    ghosts = []
    for e in entries:
        roles = [r for r in ROLE_SHAPES if r in (e.get("roles") or [])]
        names = ", ".join(v.ROLES[r][0] for r in roles) or "Role"
        label = wrap_label(f"? {e.get('placeholder') or f'{names} (unknown)'}", lines=3)
        ghosts.append((e, roles, label, node_box(_GHOST_SIZE, label, FONT_SIZES["placeholder"])))
    spots = {"org": _ghost_spots(org, boxes, [g[3] for g in ghosts]),
             "net": _ghost_spots(net, boxes, [g[3] for g in ghosts])}
    return [{
        "id": f"placeholder-{e.get('id')}",
        "entry_id": e.get("id"),
        "entry_version": e.get("version"),
        "label": label,
        "roles": roles,
        "shape": ROLE_SHAPES[roles[0]] if roles else "dot",
        "size": _GHOST_SIZE,
        "influence": e.get("influence"),
        "org": spots["org"][i],
        "net": spots["net"][i],
    } for i, (e, roles, label, _) in enumerate(ghosts)]


def _ghost_spots(pos: Mapping, boxes: Mapping[Any, Box], ghosts: list[Box]) -> list[list[int]]:
    """``[x, y]`` of each ghost box: a row under the map or a column right of it."""
    if not ghosts:
        return []
    left = min((p[0] - boxes[n][0] / 2 for n, p in pos.items()), default=0.0)
    right = max((p[0] + boxes[n][0] / 2 for n, p in pos.items()), default=0.0)
    top = min((p[1] - boxes[n][1] for n, p in pos.items()), default=0.0)
    bottom = max((p[1] + boxes[n][2] for n, p in pos.items()), default=0.0)
    out = []
    if right - left > _LANDSCAPE * (bottom - top):
        x, y = left, bottom + _GHOST_GAP + max(box[1] for box in ghosts)
        for width, _, _ in ghosts:
            out.append([round(x + width / 2), round(y)])
            x += width + _GHOST_GAP / 2
    else:
        x, y = right + _GHOST_GAP + max(box[0] for box in ghosts) / 2, top
        for _, above, below in ghosts:
            out.append([round(x), round(y + above)])
            y += above + below + _GHOST_GAP / 2
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


def _links(G: nx.MultiDiGraph) -> list[tuple[Any, Any, Any, dict]]:
    """Every edge once, as ``(source, target, key, data)``: big maps walk them only once."""
    return list(G.edges(keys=True, data=True))
