"""The deal-review report: one printable HTML file for a bid committee.

It shows what :func:`powermap.analysis.analyze` found — map health, the
consensus forecast, risk flags, the ranking, the influence × attitude grid
(inline SVG), the competitor matrix and the open actions — with a
generated-at stamp. CSS is inline and there are no external URLs, so it
prints and opens offline. Every string goes through Jinja's autoescaping.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape

from .. import vocabulary as v
from ..resources import templates_dir

__all__ = ["export_review", "grid_points"]

TEMPLATE = "export_review.html"

#: Size of the grid drawing, in SVG user units.
GRID_WIDTH, GRID_HEIGHT, GRID_MARGIN = 520, 360, 40


@functools.cache
def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(templates_dir())),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.filters["signed"] = lambda n: "–" if n is None else (f"{n:+.2f}" if isinstance(
        n, float) else f"{n:+d}")
    env.filters["percent"] = lambda n: "–" if n is None else f"{100 * n:.0f}%"
    return env


def grid_points(analysis: dict) -> list[dict]:
    """Position each grid person: x by attitude (−2 … +2), y by effective influence.

    People with an unknown attitude sit on the neutral line, drawn hollow.
    """
    grid = analysis.get("grid", {})
    inner_w, inner_h = GRID_WIDTH - 2 * GRID_MARGIN, GRID_HEIGHT - 2 * GRID_MARGIN
    points = []
    for person in grid.get("people", []):
        attitude = person.get("attitude")
        x = GRID_MARGIN + inner_w * ((0 if attitude is None else attitude) + 2) / 4
        y = GRID_MARGIN + inner_h * (1 - float(person.get("effective_influence") or 0))
        points.append({**person, "x": round(x, 1), "y": round(y, 1),
                       "unknown": attitude is None})
    return points


def export_review(G: nx.MultiDiGraph, analysis: dict, *,
                  generated_at: str | dt.datetime | None = None) -> str:
    """Render the deal review of one opportunity as a standalone HTML document."""
    if generated_at is None:
        generated_at = dt.datetime.now().astimezone()
    if isinstance(generated_at, dt.datetime):
        generated_at = generated_at.strftime("%Y-%m-%d %H:%M %Z").strip()
    team = G.graph.get("team", {})
    names = {n: d.get("name") for n, d in G.nodes(data=True)}
    open_actions = [
        {**a, "stakeholder": names.get(a["stakeholder_id"], a["stakeholder_id"]),
         "owner": team.get(a.get("owner_id"), {}).get("name"),
         "type_label": v.ACTION_TYPES.get(a["type"], (a["type"],))[0]}
        for a in G.graph.get("actions", []) if a.get("status") in v.OPEN_ACTION_STATUSES]
    open_actions.sort(key=lambda a: (a.get("due_date") or "9999", a["id"]))
    threshold = float(analysis.get("grid", {}).get("threshold") or 0.5)
    context: dict[str, Any] = {
        "a": analysis,
        "opportunity": analysis.get("opportunity") or G.graph.get("opportunity") or {},
        "generated_at": generated_at,
        "actions": open_actions,
        "points": grid_points(analysis),
        "grid": {"width": GRID_WIDTH, "height": GRID_HEIGHT, "margin": GRID_MARGIN,
                 "mid_x": GRID_WIDTH / 2,
                 "threshold_y": GRID_MARGIN + (GRID_HEIGHT - 2 * GRID_MARGIN) * (1 - threshold)},
        "roles": {k: label for k, (label, _) in v.ROLES.items()},
        "coverage_labels": v.COVERAGE,
        "attitude_labels": v.ATTITUDE,
    }
    return _environment().get_template(TEMPLATE).render(**context)
