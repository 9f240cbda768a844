"""Node boxes: how much room a node takes on the map, and the margins between boxes.

Both layouts (:mod:`~powermap.layout.org_chart`, :mod:`~powermap.layout.network`)
work in the units the map is drawn in (vis-network pixels at zoom 1): every
node has a *box* — its shape plus the label under it — and spacing is a
margin between boxes, so a map fitted to the screen is as small as it can be
without names overlapping. A label's box is estimated from its text (CJK
characters one em wide, others a little over half an em) and font size.

>>> node_box(10, "Ada", 10)
(20.0, 10.0, 27.0)
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable
from typing import Any

__all__ = [
    "Box",
    "DEFAULT_BOX",
    "GAP_X",
    "GAP_Y",
    "ROW_GAP",
    "grid_positions",
    "label_extent",
    "node_box",
]

#: A node's footprint ``(width, above, below)``: width of shape or label, whichever is
#: wider; how far it reaches above and below the centre of its shape (the label hangs below).
Box = tuple[float, float, float]

#: The box of a node nobody sized: a two-line label at 13 px under a 10 px shape.
DEFAULT_BOX: Box = (96.0, 10.0, 48.0)

#: Margin between two boxes side by side.
GAP_X = 18.0
#: Margin between two levels of the org chart (edges run through it).
GAP_Y = 30.0
#: Margin between two rows of boxes (a block of direct reports, a grid).
ROW_GAP = 12.0

_LINE = 1.2  # line height in ems
_LABEL_GAP = 5.0  # vis-network's space between a shape and the label under it


def label_extent(label: str, font_size: float) -> tuple[float, float]:
    """Estimated ``(width, height)`` in px of a (multi-line) label drawn at ``font_size``.

    Wide and full-width characters (CJK) count one em, others 0.58 em — a
    little over the average of a sans-serif face, so the estimate errs wide.

    >>> label_extent("陈建国\\n[DM]", 10)
    (30.0, 24.0)
    """
    lines = label.split("\n") if label else [""]
    ems = max(sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.58 for ch in line)
              for line in lines)
    return round(ems * font_size, 1), round(len(lines) * _LINE * font_size, 1)


def node_box(size: float, label: str, font_size: float) -> Box:
    """The :data:`Box` of a node drawn ``size`` px (vis-network radius) with ``label`` below.

    >>> node_box(10, "Ada", 10)
    (20.0, 10.0, 27.0)
    """
    width, height = label_extent(label, font_size)
    below = size + (_LABEL_GAP + height if label else 0.0)
    return max(2.0 * size, width), float(size), round(below, 1)


def grid_positions(people: list, box: Callable[[Any], Box], *, left: float, top: float,
                   out: dict[Any, tuple[float, float]]) -> None:
    """Place ``people`` in rows under ``top`` into ``out``: about twice as many columns as
    rows, in cells of the widest box (``box(person)``). Both layouts park unlinked people so."""
    cell_w = max(box(n)[0] for n in people) + GAP_X
    cell_h = max(box(n)[1] + box(n)[2] for n in people) + ROW_GAP
    reach = max(box(n)[1] for n in people)
    cols = max(1, math.ceil(math.sqrt(len(people) * 2)))
    for i, n in enumerate(people):
        row, col = divmod(i, cols)
        out[n] = (left + (col + 0.5) * cell_w, top + reach + row * cell_h)
