"""Lay out the influence × attitude grid for an inline SVG drawn server-side.

:func:`grid_figure` turns ``analysis["grid"]`` into coordinates; the template
``_grid.svg.html`` draws them, so every name goes through Jinja's escaping.
x is the attitude (−2 … +2, with "unknown" in its own column on the left),
y the effective influence (0 … 1, high at the top) with the analysis'
threshold drawn as a line. People at the same spot are fanned out so no
circle hides another.
"""

from __future__ import annotations

import math
from typing import Any

from .. import vocabulary as v

__all__ = ["grid_figure", "QUADRANT_COLORS"]

WIDTH, HEIGHT = 680, 440
_LEFT, _RIGHT, _TOP, _BOTTOM = 60, 30, 20, 50

#: Colour of each quadrant's points (and its legend swatch).
QUADRANT_COLORS: dict[str, str] = dict(zip(
    v.QUADRANTS, ("#1e8449", "#d68910", "#c0392b", "#7f8c8d"), strict=True))

_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
_COLUMNS = (None, -2, -1, 0, 1, 2)  # None: attitude unknown


def _x(attitude: int | None) -> float:
    slot = _COLUMNS.index(attitude) if attitude in _COLUMNS else 0
    inner = WIDTH - _LEFT - _RIGHT
    return _LEFT + inner * (slot + 0.5) / len(_COLUMNS)


def _y(influence: float) -> float:
    inner = HEIGHT - _TOP - _BOTTOM
    return _TOP + inner * (1 - max(0.0, min(1.0, influence)))


def grid_figure(grid: dict[str, Any]) -> dict[str, Any]:
    """Coordinates of every person, axes and threshold of an analysis grid."""
    seen: dict[tuple[int | None, int], int] = {}
    points = []
    for person in grid.get("people", []):
        attitude = person.get("attitude")
        influence = float(person.get("effective_influence") or 0.0)
        spot = (attitude, round(influence * 20))
        k = seen[spot] = seen.get(spot, -1) + 1
        # a sunflower spiral: the k-th person at one spot moves out by √k steps
        dx = 9 * math.sqrt(k) * math.cos(k * _GOLDEN_ANGLE)
        dy = 9 * math.sqrt(k) * math.sin(k * _GOLDEN_ANGLE)
        x, y = _x(attitude) + dx, _y(influence) + dy
        quadrant = person.get("quadrant") or "monitor"
        points.append({
            "x": round(x, 1), "y": round(y, 1), "r": 4 + 2 * int(person.get("influence") or 1),
            "name": str(person.get("name") or f"#{person.get('stakeholder_id')}"),
            "short": _short(str(person.get("name") or "")),
            "quadrant": quadrant, "color": QUADRANT_COLORS.get(quadrant, "#7f8c8d"),
            "stakeholder_id": person.get("stakeholder_id"),
        })
    columns = [{"x": round(_x(a), 1), "label": "?" if a is None else f"{a:+d}" if a else "0"}
               for a in _COLUMNS]
    threshold = grid.get("threshold")
    return {
        "width": WIDTH, "height": HEIGHT, "points": points, "columns": columns,
        "threshold_y": None if threshold is None else round(_y(float(threshold)), 1),
        "support_x": round((_x(0) + _x(1)) / 2, 1),
        "plot": {"left": _LEFT, "right": WIDTH - _RIGHT, "top": _TOP,
                 "bottom": HEIGHT - _BOTTOM},
        "legend": [{"quadrant": q, "color": c, "count": len(grid.get("quadrants", {}).get(q, []))}
                   for q, c in QUADRANT_COLORS.items()],
    }


def _short(name: str, limit: int = 14) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"
