"""The map's legend: every colour, shape, badge and edge look, labelled for people.

Labels come from :mod:`powermap.vocabulary` and looks from
:mod:`powermap.mapview.look`, so the legend can never show a colour the map
does not draw. ``static/map.js`` styles edges and the competitor view from it.

>>> [lead["key"] for lead in map_legend()["leads"]]
['us', 'them', 'other', 'contested', 'nobody']
"""

from __future__ import annotations

from typing import Any

from .. import vocabulary as v
from .look import (
    ATTITUDE_COLORS,
    EDGE_STYLES,
    FONT_SIZES,
    LEAD_COLORS,
    ROLE_BADGES,
    ROLE_SHAPES,
    border,
)

__all__ = ["map_legend"]

_LEAD_LABELS = {
    "us": "We lead",
    "them": "Competitor leads",
    "other": "Another competitor leads",
    "contested": "Contested",
    "nobody": "Nobody leads",
}


def map_legend() -> dict[str, Any]:
    """Colours, shapes, badges and edge looks, labelled from :mod:`powermap.vocabulary`."""
    attitudes = [{"key": label, "value": value, "label": label.capitalize(),
                  "color": ATTITUDE_COLORS[label]}
                 for value, label in sorted(v.ATTITUDE.items(), reverse=True)]
    attitudes.append({"key": "unknown", "value": None, "label": "Unknown attitude",
                      "color": ATTITUDE_COLORS["unknown"]})
    attitudes.append({"key": "outside", "value": None, "label": "Not in buying center",
                      "color": ATTITUDE_COLORS["outside"]})
    return {
        "attitudes": attitudes,
        "roles": [{"key": role, "label": en, "label_zh": zh, "shape": ROLE_SHAPES[role],
                   "badge": ROLE_BADGES[role]} for role, (en, zh) in v.ROLES.items()],
        "edge_types": [{"type": t, "label": label, "directed": directed,
                        "default_strength": strength, **EDGE_STYLES[t]}
                       for t, (directed, strength, label) in v.RELATIONSHIP_TYPES.items()],
        "coverage": [{"value": k, "label": label, "border": border(k)}
                     for k, label in v.COVERAGE.items()],
        "influence": [{"value": k, "label": label} for k, label in v.INFLUENCE.items()],
        "leads": [{"key": k, "label": _LEAD_LABELS[k], "color": c}
                  for k, c in LEAD_COLORS.items()],
        "action_types": [{"key": k, "label": en, "label_zh": zh}
                         for k, (en, zh) in v.ACTION_TYPES.items()],
        "relationship_strength": list(range(v.RELATIONSHIP_STRENGTH[0],
                                            v.RELATIONSHIP_STRENGTH[1] + 1)),
        "fonts": dict(FONT_SIZES),
    }
