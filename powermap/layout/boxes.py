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

import numpy as np

__all__ = [
    "Box",
    "DEFAULT_BOX",
    "GAP_X",
    "GAP_Y",
    "ROW_GAP",
    "clear_overlaps",
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


def clear_overlaps(xy: np.ndarray, sized: np.ndarray) -> np.ndarray:
    """Positions like ``xy`` (n × 2) where no two boxes (``sized``: n × (width, above, below))
    come closer than :data:`GAP_X` side by side or :data:`ROW_GAP` one above the other.

    The guarantee behind "nobody on anybody": each person in turn keeps their
    spot if it is free, else takes the nearest free one on a lattice of half
    median boxes around it, so only the crowded move and only a little. Placed
    boxes are kept in buckets of one median box; O(n) on a layout that is
    already nearly free of overlaps.

    >>> clear_overlaps(np.zeros((2, 2)), np.array([[20.0, 10, 10]] * 2)).tolist()
    [[0.0, 0.0], [-38.0, 0.0]]
    """
    n = len(xy)
    out = np.array(xy, dtype=float).reshape(-1, 2)
    if n < 2:
        return out
    half_w = sized[:, 0] / 2 + GAP_X / 2
    up, down = sized[:, 1] + ROW_GAP / 2, sized[:, 2] + ROW_GAP / 2
    cell = (float(np.median(half_w)) * 2, float(np.median(up + down)))
    buckets: dict[tuple[int, int], list[int]] = {}

    def cells(i: int, x: float, y: float):
        x0, x1 = math.floor((x - half_w[i]) / cell[0]), math.floor((x + half_w[i]) / cell[0])
        y0, y1 = math.floor((y - up[i]) / cell[1]), math.floor((y + down[i]) / cell[1])
        return [(a, b) for a in range(x0, x1 + 1) for b in range(y0, y1 + 1)]

    def free(i: int, x: float, y: float) -> bool:
        for key in cells(i, x, y):
            for j in buckets.get(key, ()):
                if (abs(x - out[j, 0]) < half_w[i] + half_w[j]
                        and y - up[i] < out[j, 1] + down[j] and out[j, 1] - up[j] < y + down[i]):
                    return False
        return True

    step = (cell[0] / 2, cell[1] / 2)
    for i in range(n):
        x, y = out[i]
        ring = 0
        while True:
            spots = [(x, y)] if ring == 0 else sorted(
                ((x + dx * step[0], y + dy * step[1])
                 for dx in range(-ring, ring + 1) for dy in range(-ring, ring + 1)
                 if max(abs(dx), abs(dy)) == ring),
                key=lambda p: ((p[0] - x) / cell[0]) ** 2 + ((p[1] - y) / cell[1]) ** 2)
            found = next((p for p in spots if free(i, *p)), None)
            if found is not None:
                break
            ring += 1
        out[i] = found
        for key in cells(i, *found):
            buckets.setdefault(key, []).append(i)
    return out
