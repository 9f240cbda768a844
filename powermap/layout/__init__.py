"""Server-side map layouts: the org chart and the network, sized by what each node shows.

* :mod:`~powermap.layout.boxes` — a node's box (shape plus label) from its size,
  label and font; the margins between boxes; grid packing.
* :mod:`~powermap.layout.org_chart` — :func:`org_chart_layout`, a tidy layered tree
  over ``reports_to`` whose lines are all routed clear of every other box (the
  lines other than the tree's by :mod:`~powermap.layout.org_routes`).
* :mod:`~powermap.layout.network` — :func:`network_positions`, pivot MDS and
  stress majorization, then overlap removal in box units.

Both layouts work in the units the map is drawn in (vis-network pixels at
zoom 1), are deterministic (ties broken by :func:`node_order`, the order the
map payload lists nodes in), never modify ``G`` and return ``{node: (x, y)}``
— the centre of each node's shape, y growing downwards.
"""

from __future__ import annotations

from ._graph import node_order
from .boxes import DEFAULT_BOX, Box, label_extent, node_box
from .network import network_positions
from .org_chart import OrgChart, org_chart_layout, org_chart_positions

__all__ = [
    "Box",
    "DEFAULT_BOX",
    "label_extent",
    "node_box",
    "node_order",
    "OrgChart",
    "org_chart_layout",
    "org_chart_positions",
    "network_positions",
]
