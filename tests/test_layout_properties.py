"""Layouts that never lie, checked geometrically on generated maps of 50–1,000 people.

* Org chart: no two boxes overlap; every line drawn is a relationship of the map (a
  reporting line, a second manager, influences, allied, conflict) and has a route from
  one end to the other in horizontal and vertical segments, and no segment passes
  through the box of anybody but the two people it joins.
* Network: no two boxes overlap.

Boxes are the ones the map draws (:func:`powermap.mapview.look.node_look`): shape plus
the label under it, from names in English and Chinese, members drawn bigger.
"""

from __future__ import annotations

import random

import networkx as nx
import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from powermap.graph import build_graph
from powermap.layout import network_positions, node_box, org_chart_layout
from powermap.mapview import map_payload
from powermap.mapview.look import FONT_SIZES, node_look

_NAMES = ["Li Wei", "Michael Sun", "陈晓峰", "吴磊", "Procurement committee secretary",
          "欧阳明月", "Ada", "Zhang Wei-Ling Christopher", "王"]


def generated_map(n: int, seed: int, *, leaf_share: float, fan: int) -> tuple[nx.MultiDiGraph,
                                                                                dict]:
    """A map of ``n`` people: a reporting forest in which some managers have many reports
    without reports of their own (stacked), informal edges, and each person's box."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    for i in range(n):
        member = rng.random() < 0.5
        G.add_node(i, name=f"{rng.choice(_NAMES)} {i}", in_buying_center=member,
                   roles=[rng.choice(["decision_maker", "coach", "user", "evaluator"])]
                   if member else [], influence=rng.randint(1, 5),
                   department=rng.choice("ABC"))
    for i in range(1, n):
        if rng.random() < 0.05:
            continue  # a second root, or a person outside every hierarchy
        if rng.random() < leaf_share:  # a report of a recent person: often a leaf
            boss = rng.randint(max(0, i - fan), i - 1)
        else:
            boss = rng.randint(0, max(0, i // 3))
        G.add_edge(i, boss, key="reports_to", type="reports_to")
    for _ in range(n // 3):
        a, b = rng.randrange(n), rng.randrange(n)
        if a != b:
            kind = rng.choice(["influences", "allied", "conflict"])
            G.add_edge(a, b, key=kind, type=kind)
            if rng.random() < 0.1:  # two relationships between one pair
                G.add_edge(b, a, key="influences", type="influences")
    for _ in range(n // 20):  # a second manager: a line that is not the tree's
        a, b = rng.randrange(1, n), rng.randrange(n)
        if a != b and G.has_edge(a, b) is False:
            G.add_edge(a, b, key="reports_to", type="reports_to")
    boxes = {p: node_look(p, G.nodes[p], rng.random())[2] for p in G}
    return G, boxes


def overlapping_pairs(pos: dict, boxes: dict) -> list[tuple]:
    """Pairs of people whose boxes intersect (touching edges do not count)."""
    nodes = sorted(pos)
    xy = np.array([pos[p] for p in nodes])
    b = np.array([boxes[p] for p in nodes])
    out = []
    for i in range(len(nodes)):
        dx = np.abs(xy[i + 1:, 0] - xy[i, 0]) < (b[i + 1:, 0] + b[i, 0]) / 2 - 1e-6
        dy = ((xy[i, 1] - b[i, 1] < xy[i + 1:, 1] + b[i + 1:, 2] - 1e-6)
              & (xy[i + 1:, 1] - b[i + 1:, 1] < xy[i, 1] + b[i, 2] - 1e-6))
        out.extend((nodes[i], nodes[i + 1 + j]) for j in np.nonzero(dx & dy)[0])
    return out


def crossings(route: list, ends: tuple, pos: dict, boxes: dict) -> list:
    """People other than ``ends`` whose box one of the route's segments passes through."""
    people = [p for p in pos if p not in ends]
    if not people:
        return []
    xy = np.array([pos[p] for p in people], dtype=float)
    b = np.array([boxes[p] for p in people], dtype=float)
    left, right = xy[:, 0] - b[:, 0] / 2 + 1e-6, xy[:, 0] + b[:, 0] / 2 - 1e-6
    top, bottom = xy[:, 1] - b[:, 1] + 1e-6, xy[:, 1] + b[:, 2] - 1e-6
    hit = np.zeros(len(people), dtype=bool)
    for (x0, y0), (x1, y1) in zip(route, route[1:], strict=False):
        assert x0 == x1 or y0 == y1, "segments are horizontal or vertical"
        hit |= ((min(x0, x1) < right) & (left < max(x0, x1))
                & (min(y0, y1) < bottom) & (top < max(y0, y1)))
    return [people[i] for i in np.nonzero(hit)[0]]


def assert_org_chart_never_lies(G: nx.MultiDiGraph, boxes: dict) -> None:
    pos, routes = org_chart_layout(G, boxes)
    assert overlapping_pairs(pos, boxes) == []
    # every line drawn is a relationship, and every relationship is drawn along a route
    assert set(routes) == {(u, w, k) for u, w, k in G.edges(keys=True) if u != w}
    for (u, w, _k), route in routes.items():
        assert route[0] == pos[u] and route[-1] == pos[w]
        assert crossings(route, (u, w), pos, boxes) == []


maps = st.tuples(st.integers(50, 1000), st.integers(0, 10 ** 6),
                 st.sampled_from([0.3, 0.7, 0.9]), st.integers(1, 12))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps)
def test_org_chart_lines_are_real_and_cross_nobody(params):
    n, seed, leaf_share, fan = params
    G, boxes = generated_map(n, seed, leaf_share=leaf_share, fan=fan)
    assert_org_chart_never_lies(G, boxes)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps)
def test_network_boxes_never_overlap(params):
    n, seed, leaf_share, fan = params
    G, boxes = generated_map(n, seed, leaf_share=leaf_share, fan=fan)
    pos = network_positions(G, boxes)
    assert sorted(pos) == sorted(G)
    assert overlapping_pairs(pos, boxes) == []


def test_stacked_reports_are_each_joined_to_their_own_manager():
    """Regression: 陈晓峰 has reports without reports of their own; stacked in one column,
    the straight line to the lower one (吴磊) ran through the upper one (Michael Sun)."""
    G = nx.MultiDiGraph()
    names = ["陈晓峰", "Michael Sun", "吴磊", "周强"]
    for i, name in enumerate(names):
        G.add_node(i, name=name, in_buying_center=True, roles=["user"], influence=3)
    for i in range(1, 4):
        G.add_edge(i, 0, key="reports_to", type="reports_to")
    boxes = {p: node_look(p, G.nodes[p], 0.5)[2] for p in G}
    pos, routes = org_chart_layout(G, boxes)
    column = sorted(range(1, 4), key=lambda p: pos[p][1])
    assert len({pos[p][0] for p in column}) == 1  # still stacked in one column
    lowest = column[-1]
    # the old straight line crossed every report stacked above the lowest one
    assert crossings([pos[lowest], pos[0]], (lowest, 0), pos, boxes) == column[:-1]
    # the route goes sideways to a spine clear of the column, then up to the manager
    route = routes[lowest, 0, "reports_to"]
    assert crossings(route, (lowest, 0), pos, boxes) == []
    left_edge = pos[lowest][0] - max(boxes[p][0] for p in column) / 2
    assert route[1][0] < left_edge
    assert sorted(routes) == [(p, 0, "reports_to") for p in range(1, 4)]
    assert_org_chart_never_lies(G, boxes)


def test_a_second_manager_is_routed_clear_of_the_first():
    """2 reports to 0 and to 1: the tree keeps 2 under 0, the line to 1 gets its own route."""
    G = nx.MultiDiGraph()
    G.add_edges_from([(u, w, "reports_to") for u, w in ((1, 0), (2, 0), (2, 1))],
                     type="reports_to")
    boxes = {n: (40.0, 10.0, 30.0) for n in G}
    pos, routes = org_chart_layout(G, boxes)
    assert sorted(routes) == [(1, 0, "reports_to"), (2, 0, "reports_to"), (2, 1, "reports_to")]
    # 1 and 2 stack in one column (58 px: the box and GAP_X) under 0, the tree's spine on
    # its left at x = 0; the line from 2 leaves sideways to the column's right side, runs up
    # it on a track 3 px off its middle and comes back into 1 along 1's row
    assert routes[2, 0, "reports_to"][1][0] == 0.0
    assert pos[1] == (29.0, 70.0) and pos[2] == (29.0, 122.0)
    assert routes[2, 1, "reports_to"] == [(29.0, 122.0), (61.0, 122.0), (61.0, 70.0),
                                          (29.0, 70.0)]
    assert_org_chart_never_lies(G, boxes)


def test_the_demo_map_as_drawn_has_every_line_routed_clear_of_other_boxes(demo_store):
    """What the page and the picture draw: the payload's rounded positions and routes, the
    boxes of the drawn sizes and labels (as map_picture sizes them); no line crosses the
    ghost of a role nobody fills either."""
    payload = map_payload(build_graph(demo_store, 1), {})
    pos = {n["id"]: tuple(n["org"]) for n in payload["nodes"]}
    boxes = {n["id"]: node_box(n["size"], n["label"],
                               FONT_SIZES["member" if n.get("in_buying_center") else "outside"])
             for n in payload["nodes"]}
    assert overlapping_pairs(pos, boxes) == []
    assert payload["placeholders"]
    for ghost in payload["placeholders"]:
        pos[ghost["id"]] = tuple(ghost["org"])
        boxes[ghost["id"]] = node_box(ghost["size"], ghost["label"], FONT_SIZES["placeholder"])
    kinds = set()
    for e in payload["edges"]:
        route = [tuple(p) for p in e["org_route"]]
        assert route[0] == pos[e["from"]] and route[-1] == pos[e["to"]]
        assert crossings(route, (e["from"], e["to"]), pos, boxes) == []
        kinds.add(e["type"])
    assert kinds == {"reports_to", "influences", "allied", "conflict"}


def test_a_line_to_someone_outside_every_hierarchy_runs_beside_the_slots():
    """2 reports to nobody and manages nobody (the grid under the chart); its influence on 1
    leaves sideways to its cell's side, climbs it and 1's slot side on a track 3 px off the
    middle and comes into 1 along 1's row."""
    G = nx.MultiDiGraph()
    G.add_edge(1, 0, key="reports_to", type="reports_to")
    G.add_node(2)
    G.add_edge(2, 1, key="influences", type="influences")
    boxes = {n: (40.0, 10.0, 30.0) for n in G}
    pos, routes = org_chart_layout(G, boxes)
    assert pos == {0: (29.0, 0.0), 1: (29.0, 70.0), 2: (29.0, 170.0)}
    assert routes[2, 1, "influences"] == [(29.0, 170.0), (61.0, 170.0), (61.0, 70.0),
                                          (29.0, 70.0)]
    assert_org_chart_never_lies(G, boxes)
