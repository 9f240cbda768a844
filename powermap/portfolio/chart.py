"""The Pareto (20/80) chart's geometry, drawn by ``templates/_pareto.svg.html``.

:func:`pareto_figure` turns the ``pareto`` part of a portfolio report into coordinates:
one bar per account (its share of the total, tallest first), the cumulative line through
the top right corner of each bar's column, and the 80 % mark. The portfolio page and the
exported chart (``/portfolio/pareto.svg``) render the same partial from the same figure.

>>> fig = pareto_figure({"rows": [{"account_id": 1, "share": 0.75, "cumulative_share": 0.75,
...                                 "class": "A"}, {"account_id": 2, "share": 0.25,
...                                 "cumulative_share": 1.0, "class": "B"}]}, {1: "A", 2: "B"})
>>> [bar["h"] for bar in fig["bars"]], fig["mark_y"]
([210.0, 70.0], 76.0)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .classify import A_SHARE

__all__ = ["pareto_figure"]

WIDTH = 720
HEIGHT = 360
LEFT, RIGHT, TOP, BOTTOM = 56, 56, 20, 60


def _short(name: str, limit: int = 10) -> str:
    return name if len(name) <= limit else name[:limit - 1] + "…"


def pareto_figure(pareto: Mapping[str, Any], names: Mapping[int, str]) -> dict[str, Any]:
    """Coordinates of the bars, the cumulative line, the 80 % mark and the axis ticks."""
    rows = list(pareto.get("rows", []))
    plot = {"left": LEFT, "right": WIDTH - RIGHT, "top": TOP, "bottom": HEIGHT - BOTTOM}
    span_y = plot["bottom"] - plot["top"]
    step = (plot["right"] - plot["left"]) / max(len(rows), 1)

    def y(share: float) -> float:
        return round(plot["bottom"] - share * span_y, 1)

    bars, points = [], [(plot["left"], plot["bottom"])]
    for i, row in enumerate(rows):
        x = plot["left"] + i * step
        name = names.get(row["account_id"], "")
        bars.append({"x": round(x + step * 0.1, 1), "w": round(step * 0.8, 1),
                     "y": y(row["share"]), "h": round(row["share"] * span_y, 1),
                     "name": name, "short": _short(name), "class": row["class"],
                     "share": row["share"], "cumulative_share": row["cumulative_share"],
                     "label_x": round(x + step / 2, 1)})
        points.append((round(x + step, 1), y(row["cumulative_share"])))
    return {
        "width": WIDTH, "height": HEIGHT, "plot": plot, "bars": bars,
        "line": " ".join(f"{px},{py}" for px, py in points),
        "points": [{"x": px, "y": py} for px, py in points[1:]],
        "mark_y": y(A_SHARE), "mark": A_SHARE,
        "ticks": [{"y": y(t / 4), "share": t / 4} for t in range(5)],
        "labels": len(rows) <= 30,
    }
