"""The server-side layouts: org chart and network, in the units the map is drawn in."""

from __future__ import annotations

import doctest

import networkx as nx
import numpy as np
import pytest
from scipy.spatial import cKDTree

from powermap.graph import build_graph
from powermap.layout import (
    DEFAULT_BOX,
    boxes,
    label_extent,
    network,
    network_positions,
    node_box,
    org_chart,
    org_chart_positions,
)
from tests.test_mapview import _synthetic_graph, board  # noqa: F401  (fixture)


def reports(pairs):
    """A graph where each ``(person, manager)`` pair reports_to."""
    G = nx.MultiDiGraph()
    G.add_edges_from(pairs, type="reports_to")
    return G


@pytest.mark.parametrize("module", [boxes, org_chart, network])
def test_doctests(module):
    assert doctest.testmod(module).failed == 0


def test_label_extent_counts_cjk_as_one_em_and_lines_by_height():
    assert label_extent("陈建国", 16) == (48.0, 19.2)
    assert label_extent("Li Na\n[EV]", 10) == (29.0, 24.0)  # widest line: 5 × 0.58 em
    assert node_box(20, "", 16) == (40.0, 20.0, 20.0)  # no label: the shape alone
    assert node_box(8, "Helen Wu", 12) == (55.7, 8.0, 27.4)


def test_org_chart_puts_managers_above_and_centred_over_their_reports(board):  # noqa: F811
    pos = org_chart_positions(board["G"])
    ids = board["ids"]
    ada, bo, cy, di, ed = (pos[ids[x]] for x in ("Ada", "Bo", "Cy", "Di", "Ed"))
    assert ada[1] < bo[1] == cy[1] < di[1]
    assert ada[0] == pytest.approx((bo[0] + cy[0]) / 2)
    assert di[0] == bo[0]
    assert ed[1] > di[1]  # outside every hierarchy: parked below
    assert len({p for p in pos.values()}) == len(pos)


def test_org_chart_stacks_direct_reports_without_reports_into_a_block():
    G = nx.MultiDiGraph()
    G.add_nodes_from(range(26))
    for i in range(1, 26):
        G.add_edge(i, 0, key="reports_to", type="reports_to")
    pos = org_chart_positions(G)
    columns = {p[0] for i, p in pos.items() if i}
    assert len(columns) == 3  # ceil(sqrt(25 / 3)) columns of 9 rows
    assert len(set(pos.values())) == 26
    assert pos[0][0] == pytest.approx((min(columns) + max(columns)) / 2)
    # two leaves stack in one column under their manager, one per row
    G = reports([(1, 0), (2, 0)])
    pos = org_chart_positions(G)
    assert pos[1][0] == pos[2][0] == pos[0][0] and pos[0][1] < pos[1][1] < pos[2][1]


def test_org_chart_spacing_follows_the_boxes():
    G = reports([(1, 0), (2, 0), (3, 1), (4, 2)])
    narrow = org_chart_positions(G, {n: (40.0, 10.0, 30.0) for n in G})
    wide = org_chart_positions(G, {n: (200.0, 10.0, 30.0) for n in G})
    assert narrow[2][0] - narrow[1][0] == 40.0 + boxes.GAP_X
    assert wide[2][0] - wide[1][0] == 200.0 + boxes.GAP_X
    # a level sits below the tallest box of the level above, plus the gap
    tall = org_chart_positions(G, {**{n: (40.0, 10.0, 30.0) for n in G}, 0: (40.0, 10.0, 90.0)})
    assert tall[1][1] - tall[0][1] == 90.0 + boxes.GAP_Y + 10.0


def _overlaps(pos, boxes):
    """Pairs whose boxes (shape plus label below) intersect."""
    items = list(pos)
    out = []
    for k, a in enumerate(items):
        for b in items[k + 1:]:
            (xa, ya), (xb, yb) = pos[a], pos[b]
            wa, ua, da = boxes.get(a, DEFAULT_BOX)
            wb, ub, db = boxes.get(b, DEFAULT_BOX)
            if abs(xa - xb) < (wa + wb) / 2 and ya - ua < yb + db and yb - ub < ya + da:
                out.append((a, b))
    return out


def test_demo_layouts_are_compact_and_nobody_overlaps(demo_store):
    from powermap.mapview.look import FONT_SIZES, node_look

    G = build_graph(demo_store, 1)
    boxes = {n: node_look(n, G.nodes[n], (G.nodes[n].get("influence") or 0) / 5)[2] for n in G}
    for positions in (org_chart_positions(G, boxes), network_positions(G, boxes)):
        assert _overlaps(positions, boxes) == []
        xs = [positions[n][0] + s * boxes[n][0] / 2 for n in G for s in (-1, 1)]
        ys = [positions[n][1] + d for n in G for d in (-boxes[n][1], boxes[n][2])]
        width, height = max(xs) - min(xs), max(ys) - min(ys)
        # fitted into an 850 × 770 canvas, a member's name is drawn at 10 px or more
        assert min(850 / width, 770 / height) * FONT_SIZES["member"] >= 10, (width, height)


def test_network_turns_a_long_component_to_lie_horizontal():
    pos = network_positions(nx.path_graph(12))
    xy = np.array(list(pos.values()))
    assert np.ptp(xy[:, 0]) > np.ptp(xy[:, 1])


def test_network_packs_components_and_parks_isolated_people_below():
    G = nx.MultiDiGraph()
    G.add_edges_from([(1, 2), (2, 3), (4, 5)])
    G.add_nodes_from([6, 7])
    pos = network_positions(G)
    assert max(pos[n][0] for n in (1, 2, 3)) < min(pos[n][0] for n in (4, 5))
    assert min(pos[n][1] for n in (6, 7)) > max(pos[n][1] for n in range(1, 6))


def test_layouts_are_deterministic_and_spread_out():
    G = _synthetic_graph(400, seed=3)
    assert network_positions(G) == network_positions(G.copy())
    assert org_chart_positions(G) == org_chart_positions(G.copy())
    xy = np.array(list(network_positions(G).values()))
    assert cKDTree(xy).query_pairs(20.0) == set()  # nobody sits on anybody


def test_layouts_do_not_modify_the_graph():
    G = _synthetic_graph(60, seed=1)
    before = nx.node_link_data(G, edges="edges")
    org_chart_positions(G)
    network_positions(G)
    assert nx.node_link_data(G, edges="edges") == before


def test_reporting_cycles_are_broken():
    G = reports([(1, 2), (2, 3), (3, 1), (4, 1)])
    pos = org_chart_positions(G)
    assert sorted(pos) == [1, 2, 3, 4] and len(set(pos.values())) == 4
