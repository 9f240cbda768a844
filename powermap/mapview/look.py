"""The map's visual encoding: what colour, shape, badge, size and label each thing gets.

One place for the look of the map, read by the payload (every node's look),
the legend (the same colours and shapes, labelled) and, through the legend,
``static/map.js``:

* fill colour by attitude (:data:`ATTITUDE_COLORS`; ``unknown`` is its own
  colour, not neutral's), or by who leads the person in the competitor view
  (:data:`LEAD_COLORS`);
* shape and badge by role (:data:`ROLE_SHAPES`, :data:`ROLE_BADGES`);
* border width by our best coverage (:func:`border`), size by effective
  influence, label font by buying-center membership (:data:`FONT_SIZES`);
* edge look by relationship type (:data:`EDGE_STYLES`).

>>> node_look(1, {"name": "Li Wei", "roles": ["decision_maker"], "in_buying_center": True}, 1.0)
('Li Wei\\n[DM]', 32.0, (64.0, 32.0, 75.4))
"""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Mapping
from typing import Any

from ..i18n import lazy_pgettext
from ..layout import Box, node_box

__all__ = [
    "ATTITUDE_COLORS",
    "EDGE_STYLES",
    "FONT_SIZES",
    "GHOST_SIZE",
    "LEAD_COLORS",
    "ROLE_BADGES",
    "ROLE_SHAPES",
    "border",
    "node_look",
    "person_roles",
    "wrap_label",
]

#: Fill colour per ``color_key``; ``unknown`` is white with a dashed border.
ATTITUDE_COLORS: dict[str, str] = {
    "champion": "#1e8449",
    "supporter": "#7dcea0",
    "neutral": "#f4d03f",
    "sceptic": "#eb984e",
    "opponent": "#c0392b",
    "unknown": "#ffffff",
    "outside": "#d5d8dc",
}

#: Node shape per role, in priority order (the first role a person has wins).
ROLE_SHAPES: dict[str, str] = {
    "decision_maker": "star",
    "approver": "diamond",
    "coach": "hexagon",
    "evaluator": "triangle",
    "gatekeeper": "square",
    "influencer": "triangleDown",
    "user": "dot",
}

#: Short badge per role, shown under the name (two letters in English, one character in
#: Chinese: 决 审 教 评 采 影 用); lazy, so ``str()`` gives the current language's.
ROLE_BADGES: dict[str, Any] = {
    "decision_maker": lazy_pgettext("role badge", "DM"),
    "approver": lazy_pgettext("role badge", "AP"),
    "coach": lazy_pgettext("role badge", "CO"),
    "evaluator": lazy_pgettext("role badge", "EV"),
    "gatekeeper": lazy_pgettext("role badge", "GK"),
    "influencer": lazy_pgettext("role badge", "IN"),
    "user": lazy_pgettext("role badge", "US"),
}

#: vis-network look of each relationship type (width grows with strength in map.js).
EDGE_STYLES: dict[str, dict[str, Any]] = {
    "reports_to": {"color": "#566573", "dashes": False, "arrows": "to", "smooth": False,
                   "width": 1.5, "width_per_strength": 0},
    "influences": {"color": "#2e86c1", "dashes": [6, 4], "arrows": "to",
                   "smooth": {"type": "curvedCW", "roundness": 0.15},
                   "width": 0.5, "width_per_strength": 1.2},
    "allied": {"color": "#27ae60", "dashes": False, "arrows": "",
               "smooth": {"type": "curvedCCW", "roundness": 0.1},
               "width": 0.5, "width_per_strength": 1.2},
    "conflict": {"color": "#c0392b", "dashes": [2, 3, 8, 3], "arrows": "",
                 "smooth": {"type": "curvedCW", "roundness": 0.25},
                 "width": 0.5, "width_per_strength": 1.2},
}

#: Fill colour per lead of the competitor view, one per value of
#: :data:`powermap.analysis.competition.LEADS` (the analysis decides who leads).
LEAD_COLORS: dict[str, str] = {
    "us": "#1e8449",
    "them": "#c0392b",
    "other": "#8e44ad",
    "contested": "#f39c12",
    "nobody": "#d5d8dc",
}

#: Label font size in px (at zoom 1) of buying-center members, everyone else and ghost roles:
#: the layouts leave room for labels this big, map.js draws them this big.
FONT_SIZES: dict[str, int] = {"member": 16, "outside": 12, "placeholder": 12}

#: Size of a placeholder's ghost node.
GHOST_SIZE = 16

_WRAP = 16  # characters per label line (a CJK character counts as two)
_LINES = 2  # name lines at most; the rest is cut with an ellipsis


def person_roles(roles: Any) -> list[str]:
    """A person's roles in :data:`ROLE_SHAPES` priority order (the first decides the shape)."""
    return [r for r in ROLE_SHAPES if r in (roles or [])]


def node_look(n: Any, a: Mapping[str, Any], weight: float) -> tuple[str, float, Box]:
    """``(label, size, box)`` of a person: name (wrapped) and role badges, size by influence.

    ``weight`` is the person's effective influence relative to the most
    influential (0..1); people outside the buying center are drawn small.
    """
    roles = person_roles(a.get("roles"))
    in_bc = bool(a.get("in_buying_center"))
    badges = "·".join(str(ROLE_BADGES[r]) for r in roles)
    name = wrap_label(str(a.get("name") or f"#{n}"))
    label = f"{name}\n[{badges}]" if badges else name
    size = round(10 + 22 * weight, 1) if in_bc else 8
    font = FONT_SIZES["member" if in_bc else "outside"]
    return label, size, node_box(size, label, font)


def border(strength: int | None) -> float:
    """Border width of a node from our best coverage strength (0–4).

    >>> border(0), border(4)
    (1.0, 6.0)
    """
    return 1.0 + 1.25 * (strength or 0)


def wrap_label(text: str, width: int = _WRAP, lines: int = _LINES) -> str:
    r"""``text`` in lines of about ``width`` characters (a CJK character counts two), at most
    ``lines`` of them, the last cut with "…": a long name must not widen the whole map.

    >>> wrap_label("Procurement committee secretary")
    'Procurement\ncommittee…'
    >>> wrap_label("陈建国"), wrap_label("Li Wei")
    ('陈建国', 'Li Wei')
    """
    text = " ".join(text.split())
    if _cells(text) <= width:
        return text
    if " " not in text:  # CJK (or one long word): cut by display width
        out, line = [], ""
        for ch in text:
            if _cells(line + ch) > width:
                out.append(line)
                line = ""
            line += ch
        out.append(line)
    else:
        out = textwrap.wrap(text, width=width, break_long_words=True)
    if len(out) > lines:
        out = out[:lines]
        while out[-1] and _cells(out[-1]) + 1 > width:
            out[-1] = out[-1][:-1]
        out[-1] = out[-1].rstrip() + "…"
    return "\n".join(out)


def _cells(text: str) -> int:
    """Display width: wide and full-width characters (CJK) take two cells."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
