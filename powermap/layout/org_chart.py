"""The org chart: a tidy layered tree over ``reports_to``, sized by each node's box.

Each sub-tree takes the width its widest part needs, a manager sits over the
middle of its reports, and a manager's direct reports without reports of their
own stack in a compact block (a column for two or three, a few columns for
more). People with no manager are roots; people with neither a manager nor
reports are packed in a grid below. Deterministic, O(n), never modifies ``G``.

Reporting lines are routed, not drawn straight: a straight line from a
manager to the lower of two stacked reports would run through the upper one
and make it look like the manager. :func:`org_chart_layout` gives each reporting
line of the tree a route of horizontal and vertical segments that touches no
other person's box: up from a report in a row to a bus in the gap above its
level, along the bus, up into the manager; a stacked report first goes
sideways to a spine in the gap left of its column. Every other line (influences,
allied, conflict, a second manager) is routed through the lanes the tree leaves
free by :mod:`~powermap.layout.org_routes`, so no line drawn on the chart
passes through a third person's box.

>>> G = nx.MultiDiGraph()
>>> G.add_edges_from([("Bo", "Ada"), ("Cy", "Ada"), ("Di", "Bo")], type="reports_to")
[0, 0, 0]
>>> pos = org_chart_positions(G)
>>> pos["Ada"][1] < pos["Bo"][1] == pos["Cy"][1] < pos["Di"][1]
True
>>> pos["Ada"][0] == (pos["Bo"][0] + pos["Cy"][0]) / 2
True
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from typing import Any, NamedTuple

import networkx as nx

from ._graph import edge_list, node_order
from .boxes import DEFAULT_BOX, GAP_X, GAP_Y, ROW_GAP, Box, grid_positions
from .org_routes import Lanes, route_lines, simplify

__all__ = ["OrgChart", "org_chart_layout", "org_chart_positions"]

Point = tuple[float, float]


class OrgChart(NamedTuple):
    """Positions ``{node: (x, y)}`` and routes ``{(u, v, key): [(x, y), ...]}``.

    Every edge between two people has a route (``key`` is the edge's key,
    ``None`` in a graph without keys): from ``u``'s centre to ``v``'s in
    horizontal and vertical segments that pass through nobody else's box.
    The reporting lines of the tree keep the middle of their lanes; other
    lines (:mod:`~powermap.layout.org_routes`) run on tracks beside it.
    """

    positions: dict[Any, Point]
    routes: dict[tuple[Any, Any, Any], list[Point]]


def org_chart_positions(G: nx.MultiDiGraph, boxes: Mapping[Any, Box] | None = None, *,
                        links: list | None = None) -> dict[Any, Point]:
    """Org-chart positions ``{node: (x, y)}``: :func:`org_chart_layout` without the routes."""
    return org_chart_layout(G, boxes, links=links).positions


def org_chart_layout(G: nx.MultiDiGraph, boxes: Mapping[Any, Box] | None = None, *,
              links: list | None = None) -> OrgChart:
    """Org-chart positions by ``reports_to`` (source reports to target), and line routes.

    Parameters
    ----------
    G : the graph; nodes may carry ``department`` and ``influence`` (sibling order).
    boxes : ``{node: (width, above, below)}`` footprints (:func:`~powermap.layout.boxes.node_box`);
        :data:`DEFAULT_BOX` for anyone missing.
    links : ``G``'s edges as ``(u, v, key, data)`` when the caller already has them.

    A sub-tree is as wide as the widest of its own box and its children side
    by side (boxes plus :data:`GAP_X`); levels are as far apart as their
    tallest boxes need. Two or more direct reports without reports of their
    own stack in a block of ``ceil(sqrt(k / 3))`` columns beside the
    manager's other sub-trees. Runs in O(n); cycles are broken.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edges_from([(i, 0, "reports_to", {"type": "reports_to"}) for i in (1, 2, 3)])
    ['reports_to', 'reports_to', 'reports_to']
    >>> pos, routes = org_chart_layout(G)
    >>> len({pos[i][0] for i in (1, 2, 3)}), pos[1][1] < pos[2][1] < pos[3][1]
    (1, True)
    >>> route = routes[3, 0, "reports_to"]
    >>> route[0] == pos[3] and route[-1] == pos[0]
    True
    """
    boxes = boxes or {}
    links = edge_list(G) if links is None else links
    manager, tree_keys = _managers(links)
    children: dict[Any, list] = defaultdict(list)
    for person, boss in manager.items():
        children[boss].append(person)

    def order(n: Any) -> tuple:
        a = G.nodes[n]
        return (str(a.get("department") or ""), -(a.get("influence") or 0), node_order(n))

    def box(n: Any) -> Box:
        return boxes.get(n, DEFAULT_BOX)

    for kids in children.values():
        kids.sort(key=order)
    roots = sorted((n for n in G if n not in manager and n in children), key=order)
    loners = sorted((n for n in G if n not in manager and n not in children), key=order)

    # post-order: sub-tree widths and blocks of direct reports (iterative: chains may be deep)
    width: dict[Any, float] = {}
    plan: dict[Any, tuple[list, list[list], list[float]]] = {}
    depth: dict[Any, int] = {}
    for root in roots:
        depth[root] = 0
        stack = [(root, False)]
        while stack:
            n, done = stack.pop()
            if not done:
                stack.append((n, True))
                for c in children.get(n, ()):
                    depth[c] = depth[n] + 1
                    stack.append((c, False))
                continue
            kids = children.get(n, [])
            leaves = [c for c in kids if c not in children]
            branches = [c for c in kids if c in children]
            if len(leaves) < 2:
                branches, leaves = kids, []
            cols = math.ceil(math.sqrt(len(leaves) / 3)) if leaves else 0
            rows = math.ceil(len(leaves) / cols) if cols else 0
            columns = [leaves[i * rows:(i + 1) * rows] for i in range(cols)]
            col_widths = [max(box(c)[0] for c in col) + GAP_X for col in columns]
            plan[n] = (branches, columns, col_widths)
            width[n] = max(box(n)[0] + GAP_X,
                           sum(width[c] for c in branches) + sum(col_widths))

    # level heights: a level is as tall as its tallest box (block rows are spaced by their own)
    above: dict[int, float] = defaultdict(float)
    below: dict[int, float] = defaultdict(float)
    for n, d in depth.items():
        above[d] = max(above[d], box(n)[1])
        below[d] = max(below[d], box(n)[2])
    level_y = [0.0]
    for d in range(1, max(depth.values(), default=0) + 1):
        level_y.append(level_y[-1] + below[d - 1] + GAP_Y + above[d])

    pos: dict[Any, Point] = {}
    routes: dict[tuple[Any, Any, Any], list[Point]] = {}
    # the lanes other lines take (org_routes): each person's slot, where its sides are free
    # from, and each manager's bus
    slot: dict[Any, tuple[float, float]] = {}
    slot_top: dict[Any, float] = {}
    buses: dict[Any, float] = {}
    band_above = -above[0] - GAP_Y / 2
    left = 0.0
    for root in roots:
        slot[root], slot_top[root] = (left, left + width[root]), band_above
        stack = [(root, left)]
        while stack:
            n, x0 = stack.pop()
            y = level_y[depth[n]]
            pos[n] = top = (x0 + width[n] / 2, y)
            # the bus runs through the middle of the gap between this level and the next
            bus = buses[n] = y + below[depth[n]] + GAP_Y / 2
            branches, columns, col_widths = plan[n]
            inner = sum(width[c] for c in branches) + sum(col_widths)
            x = x0 + (width[n] - inner) / 2
            for c in branches:
                stack.append((c, x))
                slot[c], slot_top[c] = (x, x + width[c]), bus
                cx = x + width[c] / 2
                routes[c, n, tree_keys[c]] = simplify(
                    [(cx, level_y[depth[c]]), (cx, bus), (top[0], bus), top])
                x += width[c]
            for col, col_width in zip(columns, col_widths, strict=True):
                row_y = level_y[depth[n] + 1]
                for i, c in enumerate(col):
                    if i:  # below the one above: its label, the margin, then this one's shape
                        row_y += box(col[i - 1])[2] + ROW_GAP + box(c)[1]
                    pos[c] = (x + col_width / 2, row_y)
                    slot[c], slot_top[c] = (x, x + col_width), bus
                    # the spine runs in the margin left of the column, clear of every box
                    routes[c, n, tree_keys[c]] = simplify(
                        [pos[c], (x, row_y), (x, bus), (top[0], bus), top])
                x += col_width
        left += width[root] + GAP_X
    tree_bottom = max((p[1] + box(n)[2] for n, p in pos.items()), default=0.0)
    if loners:
        grid_positions(loners, box, left=0.0, top=tree_bottom + 2 * GAP_Y, out=pos)
        cell = max(box(n)[0] for n in loners) + GAP_X
        for n in loners:
            slot[n] = (pos[n][0] - cell / 2, pos[n][0] + cell / 2)
    stacked = frozenset(c for _, columns, _w in plan.values() for col in columns for c in col)
    lanes = Lanes(pos, slot, slot_top, buses, manager, depth, stacked | frozenset(loners),
                  band_above, tree_bottom + GAP_Y / 2)
    routes.update(route_lines(lanes, links, skip=routes))
    return OrgChart(pos, routes)


def _managers(links: list[tuple[Any, Any, Any, dict]]) -> tuple[dict[Any, Any], dict[Any, Any]]:
    """``{person: manager}`` from ``reports_to`` edges (source reports to target), and
    ``{person: key}``, the key of the edge that made the tree (a person's first)."""
    manager: dict[Any, Any] = {}
    keys: dict[Any, Any] = {}
    for u, w, k, d in links:
        if (d.get("type") or k) == "reports_to" and u != w and u not in manager:
            manager[u], keys[u] = w, k
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
    return manager, keys
