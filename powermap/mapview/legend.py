"""The map's legend: every colour, shape, badge and edge look, labelled for people.

Labels come from :mod:`powermap.aliases` (the vocabulary's labels, in the current
language) and looks from :mod:`powermap.mapview.look`, so the legend can never show a
colour the map does not draw. ``static/map.js`` styles edges and the competitor view
from it. Keys and codes are the same in every language; ``label`` is the current
language's (``label_zh`` of roles and action types stays Chinese in every language).

>>> [lead["key"] for lead in map_legend()["leads"]]
['us', 'them', 'other', 'contested', 'nobody']
"""

from __future__ import annotations

from typing import Any

from .. import aliases
from .. import vocabulary as v
from ..i18n import _, _l
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
    "us": _l("We lead"),
    "them": _l("Competitor leads"),
    "other": _l("Another competitor leads"),
    "contested": _l("Contested"),
    "nobody": _l("Nobody leads"),
}


def map_legend() -> dict[str, Any]:
    """Colours, shapes, badges and edge looks, labelled in the current language."""
    label = aliases.label
    attitudes = [{"key": key, "value": value, "label": label("attitude", value).capitalize(),
                  "color": ATTITUDE_COLORS[key]}
                 for value, key in sorted(v.ATTITUDE.items(), reverse=True)]
    attitudes.append({"key": "unknown", "value": None, "label": _("Unknown attitude"),
                      "color": ATTITUDE_COLORS["unknown"]})
    attitudes.append({"key": "outside", "value": None, "label": _("Not in buying center"),
                      "color": ATTITUDE_COLORS["outside"]})
    return {
        "attitudes": attitudes,
        "roles": [{"key": role, "label": label("role", role), "label_zh": zh,
                   "shape": ROLE_SHAPES[role], "badge": str(ROLE_BADGES[role])}
                  for role, (_en, zh) in v.ROLES.items()],
        "edge_types": [{"type": t, "label": label("relationship_type", t), "directed": directed,
                        "default_strength": strength, **EDGE_STYLES[t]}
                       for t, (directed, strength, _en) in v.RELATIONSHIP_TYPES.items()],
        "coverage": [{"value": k, "label": label("coverage", k), "border": border(k)}
                     for k in v.COVERAGE],
        "influence": [{"value": k, "label": label("influence", k)} for k in v.INFLUENCE],
        "leads": [{"key": k, "label": str(_LEAD_LABELS[k]), "color": c}
                  for k, c in LEAD_COLORS.items()],
        "action_types": [{"key": k, "label": label("action_type", k), "label_zh": zh}
                         for k, (_en, zh) in v.ACTION_TYPES.items()],
        "relationship_strength": list(range(v.RELATIONSHIP_STRENGTH[0],
                                            v.RELATIONSHIP_STRENGTH[1] + 1)),
        "fonts": dict(FONT_SIZES),
    }
