"""The portfolio: accounts classified by one or many indicators, 20/80, value × map strength.

``indicators`` (the four indicator groups and their 0–1 scales), ``classify`` (score,
ranking, ABC, 20/80, suggested tier: pure), ``matrix`` (map strength, quadrants, next
steps: pure), ``weights`` (the team's saved weights), ``gather`` (the report every view
shows, from the store and the cached deal analyses), ``chart`` (the Pareto chart's
geometry). docs/portfolio.md gives the formulas.
"""

from __future__ import annotations

from .gather import portfolio_report
from .indicators import DEFAULT_WEIGHTS, GROUPS, INDICATORS, RANKABLE
from .weights import load_weights, save_weights

__all__ = ["portfolio_report", "load_weights", "save_weights", "INDICATORS", "GROUPS",
           "DEFAULT_WEIGHTS", "RANKABLE"]
