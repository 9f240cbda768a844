"""The account indicators a portfolio is classified by, and how each is put on a 0–1 scale.

Four groups (domain brief 2.7): *transaction* (cumulative sales, profit, average deal
size), *financial* (collection period, arrears: lower is better), *characteristics*
(size; industry is shown, not scored) and *demand fit* (value positioning, procurement
norms, satisfaction).

Normalisation, for an indicator ``i`` and an account ``a`` with value ``x``:

* a measured figure, higher better: ``n = (x - min) / (max - min)``;
  lower better: ``n = (max - x) / (max - min)``; min and max over the accounts that
  have the figure; when they are all equal, ``n = 1`` (each is as good as the best);
* a coded or rated figure has a fixed scale: value positioning ``price`` 0,
  ``balanced`` 0.5, ``value`` 1; procurement norms ``irregular`` 0,
  ``partly_regular`` 0.5, ``regular`` 1; satisfaction ``(s - 1) / 4``;
* a missing figure gives ``n = 0``: what is not known earns no points.

>>> values = {1: {"arrears": 0}, 2: {"arrears": 50}, 3: {"arrears": None}}
>>> normalised(values, "arrears")
{1: 1.0, 2: 0.0, 3: 0.0}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..i18n import LazyString, _l, lazy_pgettext

__all__ = ["Indicator", "INDICATORS", "GROUPS", "DEFAULT_WEIGHTS", "RANKABLE", "DEFAULT_BY",
           "normalised", "indicator_label"]


@dataclass(frozen=True)
class Indicator:
    """One indicator: its account field (= code), group, direction and fixed scale if any."""

    code: str
    group: str
    higher_is_better: bool = True
    scale: Mapping[str | int, float] | None = None


#: The indicator groups, in the brief's order, with their labels.
GROUPS: dict[str, LazyString] = {
    "transaction": _l("Transaction"),
    "financial": _l("Financial"),
    "characteristics": _l("Customer characteristics"),
    "demand_fit": _l("Demand fit"),
}

INDICATORS: dict[str, Indicator] = {i.code: i for i in (
    Indicator("cumulative_sales", "transaction"),
    Indicator("profit", "transaction"),
    Indicator("average_deal_size", "transaction"),
    Indicator("collection_period_days", "financial", higher_is_better=False),
    Indicator("arrears", "financial", higher_is_better=False),
    Indicator("size", "characteristics"),
    Indicator("value_positioning", "demand_fit",
              scale={"price": 0.0, "balanced": 0.5, "value": 1.0}),
    Indicator("procurement_norms", "demand_fit",
              scale={"irregular": 0.0, "partly_regular": 0.5, "regular": 1.0}),
    Indicator("satisfaction", "demand_fit", scale={s: (s - 1) / 4 for s in range(1, 6)}),
)}

#: Weights used until a team saves its own: sales count most, then profit.
DEFAULT_WEIGHTS: dict[str, float] = {
    "cumulative_sales": 3.0, "profit": 2.0, "average_deal_size": 1.0,
    "collection_period_days": 1.0, "arrears": 1.0, "size": 1.0,
    "value_positioning": 1.0, "procurement_norms": 1.0, "satisfaction": 1.0,
}

#: What a portfolio can be ranked by (``--by``): one measured indicator or the score.
RANKABLE: tuple[str, ...] = ("cumulative_sales", "profit", "average_deal_size", "size",
                             "satisfaction", "score")
#: Ranked by sales unless asked otherwise: 20/80 is about where the revenue comes from.
DEFAULT_BY = "cumulative_sales"


def indicator_label(code: str) -> str:
    """The label of an indicator (or of ``score``) in the current language."""
    if code == "score":
        return str(lazy_pgettext("portfolio", "Score"))
    from ..schema import ENTITIES

    return str(ENTITIES["account"].field(code).label)


def normalised(values: Mapping[int, Mapping[str, object]], code: str) -> dict[int, float]:
    """``{account id: n}``: indicator ``code`` of each account on the 0–1 scale above."""
    indicator = INDICATORS[code]
    if indicator.scale is not None:
        return {key: float(indicator.scale.get(row.get(code), 0.0))  # type: ignore[arg-type]
                for key, row in values.items()}
    known = [float(row[code]) for row in values.values()  # type: ignore[arg-type]
             if row.get(code) is not None]
    low, high = (min(known), max(known)) if known else (0.0, 0.0)
    result = {}
    for key, row in values.items():
        x = row.get(code)
        if x is None:
            result[key] = 0.0
        elif high == low:
            result[key] = 1.0
        elif indicator.higher_is_better:
            result[key] = (float(x) - low) / (high - low)  # type: ignore[arg-type]
        else:
            result[key] = (high - float(x)) / (high - low)  # type: ignore[arg-type]
    return result
