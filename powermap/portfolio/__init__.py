"""The portfolio: accounts classified by one or many indicators, 20/80, value × map strength.

``indicators`` (the four indicator groups and their 0–1 scales), ``classify`` (score,
ranking, ABC, 20/80, suggested tier: pure), ``matrix`` (map strength, quadrants, next
steps: pure), ``weights`` (the team's saved weights), ``gather`` (the report every view
shows, from the store and the cached deal analyses), ``chart`` (the Pareto chart's
geometry). docs/portfolio.md gives the formulas.
"""

from __future__ import annotations

from typing import Any

from .indicators import DEFAULT_WEIGHTS, GROUPS, INDICATORS, RANKABLE

_LAZY = {"portfolio_report": "gather", "load_weights": "weights", "save_weights": "weights"}


def __getattr__(name: str) -> Any:
    """The store-reading functions load on first use: ``powermap --help`` stays light."""
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(name)


__all__ = ["portfolio_report", "load_weights", "save_weights", "INDICATORS", "GROUPS",
           "DEFAULT_WEIGHTS", "RANKABLE"]
