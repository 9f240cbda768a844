"""The map of one opportunity, as the JSON payload ``static/map.js`` draws.

* :mod:`~powermap.mapview.payload` — :func:`map_payload`: graph + analysis →
  nodes, edges, ghost roles, positions and panels data.
* :mod:`~powermap.mapview.look` — the visual encoding: colours, shapes,
  badges, sizes, borders, edge looks and label wrapping.
* :mod:`~powermap.mapview.legend` — :func:`map_legend`, the same looks labelled.
* :mod:`~powermap.mapview.report` — what the map reads from the analysis
  report (who leads, strongholds, blind spots, reasons…); the map judges nothing.

The format is documented in ``docs/map.md``.
"""

from __future__ import annotations

from .legend import map_legend
from .look import ATTITUDE_COLORS, EDGE_STYLES, FONT_SIZES, ROLE_SHAPES, wrap_label
from .payload import map_payload

__all__ = [
    "map_payload",
    "map_legend",
    "wrap_label",
    "ATTITUDE_COLORS",
    "EDGE_STYLES",
    "FONT_SIZES",
    "ROLE_SHAPES",
]
