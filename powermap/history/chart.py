"""The support-base trend as a drawing: coordinates for ``templates/_trend.svg.html``.

Two panels over the same weeks: above, net support and the deal forecast
(both from -1 to +1); below, counts (supporters, opponents, unknowns, allies,
strong coverage, open high flags) from 0 to the largest. The opportunity
page and the deal review (page and export) draw the same figure; labels are
added by the template in the reader's language.
"""

from __future__ import annotations

__all__ = ["trend_chart", "SERIES"]

#: ``(key, panel, colour)`` of every line, in legend order.
SERIES = (
    ("net_support", "support", "#1a7f37"),
    ("forecast", "support", "#6f42c1"),
    ("supporters", "counts", "#2da44e"),
    ("opponents", "counts", "#cf222e"),
    ("unknowns", "counts", "#8c959f"),
    ("allies", "counts", "#0969da"),
    ("strong_coverage", "counts", "#bf8700"),
    ("open_high_flags", "counts", "#a40e26"),
)

WIDTH, LEFT, RIGHT = 640, 40, 12
PANELS = {"support": (12, 120), "counts": (150, 270)}  # top and bottom y of each panel
HEIGHT = 300


def trend_chart(points: list[dict]) -> dict:
    """Polylines, axes and date ticks of the weekly ``points`` (from :func:`.trend.trend`)."""
    count = len(points)
    span = WIDTH - LEFT - RIGHT

    def x(i: int) -> float:
        return round(LEFT + (span * i / (count - 1) if count > 1 else span / 2), 1)

    top_count = max([1, *(p.get(k) or 0 for p in points for k, panel, _c in SERIES
                          if panel == "counts")])
    lines = []
    for key, panel, colour in SERIES:
        top, bottom = PANELS[panel]
        coords = []
        for i, point in enumerate(points):
            value = point.get(key)
            if value is None:
                continue
            share = (value + 1) / 2 if panel == "support" else value / top_count
            coords.append(f"{x(i)},{round(bottom - share * (bottom - top), 1)}")
        lines.append({"key": key, "panel": panel, "colour": colour, "points": " ".join(coords),
                      "last": points[-1].get(key) if points else None})
    step = max(1, count // 5)
    ticks = [{"x": x(i), "date": points[i]["date"], "anchor": "middle"}
             for i in range(0, count, step)]
    if count:
        if ticks[-1]["date"] != points[-1]["date"]:
            if len(ticks) > 1 and x(count - 1) - ticks[-1]["x"] < 90:
                ticks.pop()  # too close to the last date to be read
            ticks.append({"x": x(count - 1), "date": points[-1]["date"]})
        ticks[0]["anchor"] = "start" if count > 1 else "middle"
        ticks[-1]["anchor"] = "end" if count > 1 else "middle"
    support_top, support_bottom = PANELS["support"]
    return {
        "width": WIDTH, "height": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT,
        "panels": PANELS, "zero": (support_top + support_bottom) / 2,
        "top_count": top_count, "lines": lines, "ticks": ticks, "points": count,
    }
