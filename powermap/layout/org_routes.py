"""Routes for the org chart's other lines: influences, allied, conflict, a second manager.

The reporting lines of the tree are routed by :mod:`~powermap.layout.org_chart`
itself. Every other relationship drawn on the chart gets a route here, in
horizontal and vertical segments through lanes the tidy tree leaves free, so
no line passes through anybody's box but its two ends':

* a person's *slot* is the strip of the chart the layout gave them: a
  sub-tree's width, a column of stacked reports, a cell of the grid of
  people outside every hierarchy. Boxes sit at least ``GAP_X / 2`` inside
  their slot and slots nest, so the two sides of a slot are free from the
  slot's *top* (the bus of the person's manager; for a root the band above
  the chart) all the way down;
* the *bus* of a manager (the middle of the gap under their level) is free
  across the manager's whole slot; the band above the roots and the band
  under the tree (above the grid) are free across the chart;
* from their centre, a person reaches their slot's top straight up (a
  stacked report or someone in the grid first goes sideways to a side of
  their slot), a manager reaches their own bus straight down, and anyone
  reaches a side of their slot sideways along their own row.

A line between two people of one tree climbs from each end, slot side by
slot side, to the bus of their lowest common manager and meets there; people
in different trees meet in the band above the chart; any two can also meet in
the band under the tree — whichever needs less climbing. Several lines may
share a lane: each line takes its own *track*, a small offset from the lane's
middle (within the margin the lane has on both sides), so lines running side
by side stay apart and off the reporting lines, which keep the middle.
O(depth) per line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from .boxes import GAP_X, GAP_Y

__all__ = ["Lanes", "route_lines", "simplify"]

Point = tuple[float, float]

#: Offsets of the tracks of a vertical lane (it has GAP_X / 2 = 9 px each side) and of
#: a horizontal one (GAP_Y / 2 = 15 px each side), leaving room for the line's width.
TRACKS_X = tuple(k * GAP_X / 6 for k in (1, -1, 2, -2))
TRACKS_Y = tuple(k * GAP_Y / 7.5 for k in (1, -1, 2, -2, 3, -3))


class Lanes(NamedTuple):
    """The free lanes of one org chart (see the module docstring).

    ``slot[n]`` is ``(left, right)``; ``top[n]`` the y from which both sides
    of the slot are free downwards; ``bus[m]`` the y of manager ``m``'s bus;
    ``parent``/``depth`` the tree (roots have no parent; people in the grid
    have no depth); ``sideways`` the people who leave their centre sideways
    only (stacked reports, the grid); ``above``/``below`` the y of the band
    over the roots and of the band under the tree.
    """

    pos: Mapping[Any, Point]
    slot: Mapping[Any, tuple[float, float]]
    top: Mapping[Any, float]
    bus: Mapping[Any, float]
    parent: Mapping[Any, Any]
    depth: Mapping[Any, int]
    sideways: frozenset
    above: float
    below: float


def route_lines(lanes: Lanes, links: Iterable[tuple[Any, Any, Any, dict]],
                skip: Iterable[tuple] = ()) -> dict[tuple, list[Point]]:
    """A route ``{(u, v, key): [(x, y), ...]}`` from ``u``'s centre to ``v``'s for every
    link between two people on the chart, except those in ``skip`` (routed already)."""
    skip = set(skip)
    used: tuple[dict, dict] = ({}, {})  # lines given a track so far, per lane
    out = {}
    for u, w, k, _d in links:
        if u == w or (u, w, k) in skip or u not in lanes.pos or w not in lanes.pos:
            continue
        out[u, w, k] = _tracked(_line(lanes, u, w), used)
    return out


def _line(lanes: Lanes, a: Any, b: Any) -> list[tuple]:
    """The lanes of the line from ``a`` to ``b``: points ``(x, on_lane, y, on_lane)``."""
    depth, pos = lanes.depth, lanes.pos
    (ax, ay), (bx, by) = pos[a], pos[b]
    under = 2 * lanes.below - ay - by  # climbing down to the band under the tree and back
    if a in depth and b in depth:
        meet = _common(lanes, a, b)
        if meet is not None:
            bus = lanes.bus[meet]
            if abs(ay - bus) + abs(by - bus) <= under:
                return _half(lanes, a, meet, bx) + _half(lanes, b, meet, ax)[::-1]
        elif ay + by - 2 * lanes.above <= under:
            return _half(lanes, a, None, bx) + _half(lanes, b, None, ax)[::-1]
    return _down(lanes, a, bx) + _down(lanes, b, ax)[::-1]


def _common(lanes: Lanes, a: Any, b: Any) -> Any:
    """The lowest manager ``a`` and ``b`` share (one of them, if one manages the other)."""
    depth, parent = lanes.depth, lanes.parent
    while depth[a] > depth[b]:
        a = parent[a]
    while depth[b] > depth[a]:
        b = parent[b]
    while a != b:
        a, b = parent.get(a), parent.get(b)
        if a is None or b is None:
            return None
    return a


def _half(lanes: Lanes, n: Any, meet: Any, toward: float) -> list[tuple]:
    """From ``n``'s centre to the bus of ``meet`` (the band above the chart if ``None``),
    climbing the sides of the slots on the way, each the side nearer ``toward``."""
    x, y = lanes.pos[n]
    if n == meet:  # a manager: straight down into their own bus
        return [(x, False, y, False), (x, False, lanes.bus[n], True)]
    if n in lanes.sideways:
        side = _side(lanes.slot[n], toward)
        points = [(x, False, y, False), (side, True, y, False), (side, True, lanes.top[n], True)]
    else:
        points = [(x, False, y, False), (x, False, lanes.top[n], True)]
    c = lanes.parent.get(n)
    while c != meet:
        side = _side(lanes.slot[c], toward)
        points += [(side, True, lanes.bus[c], True), (side, True, lanes.top[c], True)]
        c = lanes.parent.get(c)
    return points


def _down(lanes: Lanes, n: Any, toward: float) -> list[tuple]:
    """From ``n``'s centre sideways to a side of their slot, then down (or, from the grid,
    up) to the band under the tree."""
    x, y = lanes.pos[n]
    side = _side(lanes.slot[n], toward)
    return [(x, False, y, False), (side, True, y, False), (side, True, lanes.below, True)]


def _side(slot: tuple[float, float], toward: float) -> float:
    """The side of ``slot`` nearer ``toward``."""
    return slot[0] if toward < (slot[0] + slot[1]) / 2 else slot[1]


def _tracked(points: list[tuple], used: tuple[dict, dict]) -> list[Point]:
    """``points`` with each lane moved to the line's track on it: the next one of that lane
    (``used``: how many lines each vertical and each horizontal lane has carried so far)."""
    used_x, used_y = used
    mine_x: dict[float, float] = {}
    mine_y: dict[float, float] = {}
    for x, x_lane, y, y_lane in points:
        if x_lane and x not in mine_x:
            count = used_x.get(x, 0)
            used_x[x] = count + 1
            mine_x[x] = x + TRACKS_X[count % len(TRACKS_X)]
        if y_lane and y not in mine_y:
            count = used_y.get(y, 0)
            used_y[y] = count + 1
            mine_y[y] = y + TRACKS_Y[count % len(TRACKS_Y)]
    return simplify([(mine_x[x] if x_lane else x, mine_y[y] if y_lane else y)
                     for x, x_lane, y, y_lane in points])


def simplify(points: list[Point]) -> list[Point]:
    """``points`` without repeats and without middle points of straight runs."""
    out: list[Point] = []
    for p in points:
        if out and p == out[-1]:
            continue
        if len(out) >= 2 and (out[-2][0] == out[-1][0] == p[0] or out[-2][1] == out[-1][1] == p[1]):
            out[-1] = p
            if len(out) >= 2 and out[-1] == out[-2]:  # ran straight back to where it was
                out.pop()
            continue
        out.append(p)
    return out
