"""Graph + analysis → the map payload drawn by ``static/map.js``.

The live opportunity page (``GET /api/v1/opportunities/<id>/map``) and the
standalone HTML export (:mod:`powermap.exports.html_map`) draw the same
payload with the same script, so what a person sees offline is what the team
sees in the app.

The payload is plain JSON:

* ``nodes`` — one per stakeholder: identity, scores, role shape and badges,
  ``color_key`` (the attitude, ``unknown`` and ``outside`` as their own keys),
  ``size`` from effective influence, ``border`` from our best coverage
  strength, competitor positions with who leads (the analysis' judgement),
  the analysis' reasons and quadrant, ``entry_id``/``entry_version`` for
  editing, and precomputed positions ``org`` (org chart) and ``net``
  (network) as ``[x, y]``.
* ``edges`` — ``{id, from, to, type, strength, version, org_route}`` (``version`` is
  the stored relationship's, sent back when it is removed; ``org_route`` the line's
  route on the org chart, clear of every other box); their look per type lives in
  ``legend.edge_types``.
* ``placeholders`` — roles nobody fills yet, drawn as dashed ghost nodes.
* ``legend``, ``summary`` (health, flags, support, forecast),
  ``suggestions``, ``competition``, ``team``.

Keys and codes are the same in every language; labels, reasons, ghost names and the
analysis' sentences are in the current language (:mod:`powermap.i18n`).

The look of each thing is :mod:`powermap.mapview.look`'s, the legend
:mod:`powermap.mapview.legend`'s, and every judgement (who leads, strongholds,
blind spots, ranks) is read from the analysis report by
:mod:`powermap.mapview.report`. Positions are computed here, not in the
browser, so maps of 300–1,000 people draw at once with physics off:
:mod:`powermap.layout` lays out the org chart and the network in the units the
map is drawn in, from each node's size and label. The format is documented in
``docs/map.md``.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node(1, id=1, name="Li Wei", influence=5, attitude=None, roles=["decision_maker"],
...            in_buying_center=True, coverage=[], competitors={})
>>> map_payload(G, {})["nodes"][0]["color_key"]
'unknown'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import networkx as nx

from .. import aliases
from .. import vocabulary as v
from ..analysis._people import join
from ..i18n import _, name_sort_key
from ..layout import Box, network_positions, node_box, node_order, org_chart_layout
from . import report
from .legend import map_legend
from .look import FONT_SIZES, GHOST_SIZE, ROLE_SHAPES, border, node_look, person_roles, wrap_label

__all__ = ["map_payload", "effective_weight"]

_GHOST_GAP = 40.0  # room between the map and its ghosts
_LANDSCAPE = 1.25  # a map wider than this times its height gets its ghosts below


def map_payload(G: nx.MultiDiGraph, analysis: Mapping[str, Any] | None, *,
                layout: str | None = None) -> dict[str, Any]:
    """Return the JSON-ready map of one opportunity.

    Parameters
    ----------
    G : the graph of :func:`powermap.graph.build_graph` (not modified).
    analysis : the report of :func:`powermap.analysis.analyze` (may be empty:
        then nothing is judged — no leads, strongholds or blind spots).
    layout : ``"org"`` or ``"network"``, the layout shown first; by default the
        org chart when anyone reports to anyone, else the network.
    """
    analysis = analysis or {}
    links = list(G.edges(keys=True, data=True))  # big maps walk their edges only once
    ranking = report.people(analysis.get("ranking"))
    forecast = report.people((analysis.get("forecast") or {}).get("people"))
    quadrants = report.quadrants(analysis.get("grid"))
    reasons = report.reasons(analysis)
    leads = report.competitor_leads(analysis)
    effective = {n: effective_weight(G.nodes[n], ranking.get(n)) for n in G}
    top = max(effective.values(), default=0.0) or 1.0
    looks = {n: node_look(n, G.nodes[n], effective[n] / top) for n in G}
    boxes = {n: look[2] for n, look in looks.items()}
    org, routes = org_chart_layout(G, boxes, links=links)
    net = network_positions(G, boxes, links=links)
    net.update({n: xy for n, xy in (G.graph.get("positions") or {}).items() if n in net})

    by_name = sorted(G, key=lambda n: (name_sort_key(str(G.nodes[n].get("name") or "")), n))
    name_order = {n: i for i, n in enumerate(by_name)}

    nodes = []
    for n in sorted(G, key=node_order):
        node = _node(n, G.nodes[n], G.graph, looks[n], leads)
        node["name_order"] = name_order[n]  # lists of people: pinyin in Chinese
        node["org"] = [round(org[n][0]), round(org[n][1])]
        node["net"] = [round(net[n][0]), round(net[n][1])]
        ranked, predicted = ranking.get(n), forecast.get(n)
        if ranked:
            node.update({k: ranked.get(k) for k in ("rank", "effective_influence",
                                                     "structural_power")})
        if predicted:
            node.update({k: predicted.get(k) for k in ("forecast", "forecast_attitude")})
        node["quadrant"] = quadrants.get(n)
        node["reasons"] = reasons.get(n, [])
        # drop what is empty: a 1,000-person export must stay small
        nodes.append({k: val for k, val in node.items() if val not in (None, "", [], {})})
    edges = []
    for u, w, k, d in sorted(links, key=lambda e: (e[3].get("id") or 0, e[0], e[1], e[2])):
        kind = d.get("type", k)
        edge = {"id": d.get("id"), "from": u, "to": w, "type": kind,
                "strength": d.get("strength") or v.RELATIONSHIP_TYPES.get(kind, (0, 2))[1],
                "version": d.get("version")}
        route = routes.get((u, w, k))
        if route:  # the org chart draws this line along its route
            edge["org_route"] = [[round(x), round(y)] for x, y in route]
        edges.append(edge)
    if layout not in ("org", "network"):
        has_hierarchy = any(e["type"] == "reports_to" for e in edges)
        layout = "org" if has_hierarchy else "network"
    opportunity = G.graph.get("opportunity", {}) or {}
    account = G.graph.get("account", {}) or {}
    team = G.graph.get("team", {})
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
        "placeholders": _placeholders(G, org, net, boxes, routes),
        "legend": map_legend(),
        "summary": report.summary(analysis),
        "suggestions": report.suggestions(analysis.get("suggestions"), G),
        "competition": report.competition(G, analysis.get("competition")),
        "team": [{"id": t["id"], "name": t.get("name"), "role": t.get("role"),
                  "title": t.get("title")} for t in sorted(team.values(),
                                                           key=lambda t: t["id"])],
    }


def _node(n: Any, a: Mapping[str, Any], graph: Mapping[str, Any],
          look: tuple[str, float, Box], leads: Mapping[Any, Mapping]) -> dict[str, Any]:
    """A person's identity, scores, look, our coverage and the competitors' positions."""
    team = graph.get("team") or {}
    roles = person_roles(a.get("roles"))
    in_bc = bool(a.get("in_buying_center"))
    attitude = a.get("attitude")
    coverage = sorted(a.get("coverage") or [], key=lambda c: (-c.get("strength", 0),
                                                              c.get("team_member_id") or 0))
    best = max((c.get("strength") or 0 for c in coverage), default=0)
    return {
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
        "shape": ROLE_SHAPES[roles[0]] if roles else "dot",
        "influence": a.get("influence"),
        "attitude": attitude,
        "color_key": "outside" if not in_bc else v.attitude_key(attitude),
        "size": look[1],
        "coverage_best": best,
        "border": border(best),
        "coverage": [{"id": c.get("id"), "version": c.get("version"),
                      "team_member_id": c.get("team_member_id"),
                      "name": (team.get(c.get("team_member_id")) or {}).get("name"),
                      "strength": c.get("strength"), "last_contact": c.get("last_contact"),
                      "owner": bool(c.get("owner"))} for c in coverage],
        "competitors": _positions(a, graph.get("competitors") or {}, leads.get(n) or {}),
        "verified_at": a.get("verified_at"),
        "verified_by": a.get("verified_by"),
        "entry_id": a.get("entry_id"),
        "entry_version": a.get("entry_version"),
        "version": a.get("version"),
    }


def _positions(a: Mapping[str, Any], competitors: Mapping,
               leads: Mapping[Any, str]) -> list[dict[str, Any]]:
    """Each competitor's coverage and preference of the person, and who leads (the analysis').

    A competitor the analysis judged gets an entry even where it holds no
    position, so the competitor view colours every buying-center member by
    the analysis' verdict rather than by a guess in the browser.
    """
    positions = a.get("competitors") or {}
    out = []
    for cid in sorted(set(positions) | set(leads)):
        pos = positions.get(cid) or {}
        entry = {"id": cid, "name": (competitors.get(cid) or {}).get("name"),
                 "coverage": pos.get("coverage"), "preference": pos.get("preference")}
        if pos.get("id") is not None:  # what the live map's panel edits
            entry.update(position_id=pos["id"], position_version=pos.get("version"))
        if cid in leads:
            entry["lead"] = leads[cid]
        out.append(entry)
    return out


def effective_weight(a: Mapping[str, Any], ranked: Mapping | None) -> float:
    """Effective influence (0..1) from the ranking, else declared influence / 5 (members).

    A node's size is this over the map's highest; the previous state of a changed person
    (:mod:`powermap.history.map_changes`) is sized the same way from the earlier report.
    """
    if ranked and isinstance(ranked.get("effective_influence"), int | float):
        return float(ranked["effective_influence"])
    return (a.get("influence") or 0) / 5 if a.get("in_buying_center") else 0.0


def _placeholders(G: nx.MultiDiGraph, org: Mapping, net: Mapping,
                  boxes: Mapping[Any, Box], routes: Mapping) -> list[dict[str, Any]]:
    """Ghost nodes for roles nobody fills, parked beside the map on its short side.

    A map wider than :data:`_LANDSCAPE` times its height (the usual shape of
    an org chart) gets its ghosts in a row below; others in a column on the
    right. Either way the map keeps a shape close to the screen's, so that
    fitting it leaves the names legible.
    """
    entries = sorted(G.graph.get("placeholders") or [], key=lambda e: e.get("id") or 0)
    ghosts = []
    for e in entries:
        roles = person_roles(e.get("roles"))
        label = wrap_label(f"? {e.get('placeholder') or _ghost_name(roles)}", lines=3)
        ghosts.append((e, roles, label, node_box(GHOST_SIZE, label, FONT_SIZES["placeholder"])))
    drawn = [p for route in routes.values() for p in route] if ghosts else []
    spots = {"org": _ghost_spots(org, boxes, [g[3] for g in ghosts], drawn),
             "net": _ghost_spots(net, boxes, [g[3] for g in ghosts])}
    return [{
        "id": f"placeholder-{e.get('id')}",
        "entry_id": e.get("id"),
        "entry_version": e.get("version"),
        "label": label,
        "roles": roles,
        "shape": ROLE_SHAPES[roles[0]] if roles else "dot",
        "size": GHOST_SIZE,
        "influence": e.get("influence"),
        "org": spots["org"][i],
        "net": spots["net"][i],
    } for i, (e, roles, label, _) in enumerate(ghosts)]


def _ghost_name(roles: list[str]) -> str:
    """What a ghost without a placeholder text says: its roles, nobody known yet."""
    if not roles:
        return _("Role (unknown)")
    return _("%(roles)s (unknown)", roles=join(aliases.label("role", r) for r in roles))


def _ghost_spots(pos: Mapping, boxes: Mapping[Any, Box], ghosts: list[Box],
                 lines: list = ()) -> list[list[int]]:
    """``[x, y]`` of each ghost box: a row under the map or a column right of it (and of
    the points of ``lines``)."""
    if not ghosts:
        return []
    left = min((p[0] - boxes[n][0] / 2 for n, p in pos.items()), default=0.0)
    right = max((p[0] + boxes[n][0] / 2 for n, p in pos.items()), default=0.0)
    top = min((p[1] - boxes[n][1] for n, p in pos.items()), default=0.0)
    bottom = max((p[1] + boxes[n][2] for n, p in pos.items()), default=0.0)
    landscape = right - left > _LANDSCAPE * (bottom - top)
    right = max([right, *(x for x, _ in lines)])
    bottom = max([bottom, *(y for _, y in lines)])
    out = []
    if landscape:
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
