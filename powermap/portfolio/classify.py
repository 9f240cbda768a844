"""Classifying accounts: one indicator's ranking, the multi-indicator score, ABC, 20/80, tiers.

Pure functions over plain ``{account id: {indicator: value}}`` dicts; docs/portfolio.md
has the formulas.

* **Score** (0–1): ``score(a) = Σ_i w_i · n_i(a) / Σ_i w_i`` with ``n_i`` the
  normalised indicators of :mod:`.indicators` and ``w_i ≥ 0`` the team's weights.
* **ABC** by one indicator: accounts in descending order (ties by id); an account's
  *share before* is the sum of the values ahead of it over the total (negative and
  missing values count 0). Class **A** if the share before it is below 80 % (the fewest
  accounts that reach 80 %), **B** if below 95 %, else **C**; an account whose value is
  0 or missing is C.
* **20/80**: the top fifth is ``ceil(0.2 · n)`` accounts of the ``n`` ranked; its share
  is what they bring of the total.
* **Suggested tier**: *strategic* if the score is at least 0.6, or at least 0.4 in
  class A; *growth* if the score is at least 0.3, or the class is A or B; else
  *maintain*. The hand-set tier stays the user's decision; the suggestion carries reasons.

>>> abc({1: 50, 2: 30, 3: 20})[3]["class"]
'B'
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from .. import aliases
from ..i18n import _, format_number, format_percent
from .indicators import INDICATORS, indicator_label, normalised

__all__ = ["A_SHARE", "B_SHARE", "TOP_FIFTH", "STRATEGIC_SCORE", "STRATEGIC_SCORE_IN_A",
           "GROWTH_SCORE", "scores", "ranked", "abc", "pareto", "suggest_tier"]

A_SHARE = 0.8
B_SHARE = 0.95
TOP_FIFTH = 0.2
STRATEGIC_SCORE = 0.6
STRATEGIC_SCORE_IN_A = 0.4
GROWTH_SCORE = 0.3

Values = Mapping[int, Mapping[str, object]]


def _r6(x: float) -> float:
    return round(x, 6) + 0.0


def scores(values: Values, weights: Mapping[str, float]) -> dict[int, dict]:
    """``{account id: {"score", "parts": {indicator: w·n/Σw}, "normalised": {indicator: n}}}``.

    ``parts`` sum to the score; ``weights`` name indicators of :data:`INDICATORS`
    (others, and indicators left out, weigh 0). Raises ``ValueError`` if no weight is
    above 0.

    >>> got = scores({1: {"profit": 10}, 2: {"profit": 0}}, {"profit": 1})
    >>> got[1]["score"], got[2]["score"]
    (1.0, 0.0)
    """
    used = {code: float(w) for code, w in weights.items() if code in INDICATORS and w > 0}
    total = sum(used.values())
    if total <= 0:
        raise ValueError(_("at least one indicator needs a weight above 0"))
    scales = {code: normalised(values, code) for code in INDICATORS}
    result = {}
    for key in values:
        parts = {code: _r6(w * scales[code][key] / total) for code, w in used.items()}
        result[key] = {
            "score": _r6(sum(w * scales[code][key] for code, w in used.items()) / total),
            "parts": parts,
            "normalised": {code: _r6(scales[code][key]) for code in INDICATORS},
        }
    return result


def ranked(by_value: Mapping[int, float | None]) -> list[int]:
    """Account ids by value, highest first; missing values last; ties by id.

    >>> ranked({1: 5, 2: None, 3: 7, 4: 5})
    [3, 1, 4, 2]
    """
    return sorted(by_value, key=lambda k: (by_value[k] is None, -(by_value[k] or 0), k))


def abc(by_value: Mapping[int, float | None]) -> dict[int, dict]:
    """``{account id: {"rank", "value", "share", "cumulative_share", "class"}}`` (see above).

    ``share`` is the account's part of the total, ``cumulative_share`` the part of the
    accounts up to and including it.
    """
    order = ranked(by_value)
    counted = {k: max(float(by_value[k] or 0), 0.0) for k in order}
    total = sum(counted.values())
    result, running = {}, 0.0
    for rank, key in enumerate(order, start=1):
        before = running / total if total else 1.0
        running += counted[key]
        if counted[key] <= 0:
            klass = "C"
        elif before < A_SHARE:
            klass = "A"
        elif before < B_SHARE:
            klass = "B"
        else:
            klass = "C"
        result[key] = {"rank": rank, "value": by_value[key],
                       "share": _r6(counted[key] / total) if total else 0.0,
                       "cumulative_share": _r6(running / total) if total else 0.0,
                       "class": klass}
    return result


def pareto(by_value: Mapping[int, float | None]) -> dict:
    """The 20/80 summary: ``{"total", "accounts", "top_fifth": {"count", "share"},
    "accounts_for_80": count of class A, "rows": [{"account_id", …abc row}] by rank}``.

    >>> summary = pareto({1: 60, 2: 20, 3: 10, 4: 5, 5: 5})
    >>> summary["top_fifth"], summary["accounts_for_80"]
    ({'count': 1, 'share': 0.6}, 2)
    """
    rows = abc(by_value)
    order = sorted(rows, key=lambda k: rows[k]["rank"])
    count = math.ceil(TOP_FIFTH * len(order) - 1e-9)
    total = sum(max(float(by_value[k] or 0), 0.0) for k in order)
    return {
        "total": _r6(total),
        "accounts": len(order),
        "top_fifth": {"count": count,
                      "share": rows[order[count - 1]]["cumulative_share"] if count else 0.0},
        "accounts_for_80": sum(1 for k in order if rows[k]["class"] == "A"),
        "rows": [{"account_id": k, **rows[k]} for k in order],
    }


def suggest_tier(score: dict, klass: str, by: str, weights: Mapping[str, float],
                 values: Mapping[str, object]) -> tuple[str, list[str]]:
    """The suggested tier of one account and the reasons for it, in the current language.

    ``score`` is the account's entry of :func:`scores`, ``klass`` its ABC class by
    indicator ``by``, ``values`` its indicators (to name the missing ones).
    """
    s = score["score"]
    if s >= STRATEGIC_SCORE or (klass == "A" and s >= STRATEGIC_SCORE_IN_A):
        tier = "strategic"
    elif s >= GROWTH_SCORE or klass in ("A", "B"):
        tier = "growth"
    else:
        tier = "maintain"
    reasons = [_("Score %(score)s of 100: strategic from %(strategic)s, growth from "
                 "%(growth)s.", score=format_number(math.floor(s * 100 + 0.5)),
                 strategic=format_number(round(STRATEGIC_SCORE * 100)),
                 growth=format_number(round(GROWTH_SCORE * 100)))]
    label = indicator_label(by)
    if klass == "A":
        reasons.append(_("Class A by %(indicator)s: among the fewest accounts that bring "
                         "%(share)s of it.", indicator=label, share=format_percent(A_SHARE)))
    elif klass == "B":
        reasons.append(_("Class B by %(indicator)s: brings part of the next %(share)s of it.",
                         indicator=label, share=format_percent(B_SHARE - A_SHARE)))
    else:
        reasons.append(_("Class C by %(indicator)s: in the last %(share)s of it, or none.",
                         indicator=label, share=format_percent(1 - B_SHARE)))
    strongest = sorted((code for code, part in score["parts"].items() if part > 0),
                       key=lambda code: (-score["parts"][code], code))[:2]
    if strongest:
        reasons.append(_("Strongest indicators: %(indicators)s.",
                         indicators=_join(indicator_label(c) for c in strongest)))
    missing = [code for code, w in weights.items()
               if w > 0 and code in INDICATORS and values.get(code) is None]
    if missing:
        reasons.append(_("No figure yet for: %(indicators)s.",
                         indicators=_join(indicator_label(c) for c in missing)))
    return tier, reasons


def _join(labels) -> str:
    from ..i18n import pgettext

    return pgettext("separator of listed values", ", ").join(labels)


def tier_label(code: str | None) -> str:
    """The label of a tier code in the current language ('' for none)."""
    return aliases.label("tier", code) if code else ""
