"""The weights a team gives the indicators of its multi-indicator score, saved in the database.

``portfolio_weights`` holds one row per indicator a team has set; indicators it has not
set weigh as :data:`~powermap.portfolio.indicators.DEFAULT_WEIGHTS` says.
"""

from __future__ import annotations

from collections.abc import Mapping

from .. import change_counter
from ..errors import Problem, ValidationError
from ..i18n import _
from ..store import Store
from .indicators import DEFAULT_WEIGHTS, INDICATORS, indicator_label

__all__ = ["load_weights", "save_weights", "MAX_WEIGHT"]

MAX_WEIGHT = 100.0


def load_weights(store: Store) -> dict[str, float]:
    """Every indicator's weight: the team's where it set one, else the default."""
    weights = dict(DEFAULT_WEIGHTS)
    weights.update((code, weight) for code, weight in store.db.execute(
        "SELECT indicator, weight FROM portfolio_weights") if code in INDICATORS)
    return weights


def _checked(weights: Mapping[str, object]) -> dict[str, float]:
    record = _("portfolio weights")
    problems, clean = [], {}
    for code, value in weights.items():
        if code not in INDICATORS:
            problems.append(Problem(record, code, _("unknown indicator %(code)s; use one of: "
                                                    "%(codes)s", code=repr(code),
                                                    codes=", ".join(INDICATORS))))
            continue
        number = (float(value) if isinstance(value, (int, float)) and not isinstance(value, bool)
                  else float("nan"))
        if not 0 <= number <= MAX_WEIGHT:
            problems.append(Problem(record, code, _(
                "the weight of %(indicator)s must be a number from 0 to %(max)s, got %(value)s",
                indicator=indicator_label(code), max=int(MAX_WEIGHT), value=repr(value))))
            continue
        clean[code] = number
    if not problems and not any(w > 0 for w in clean.values()):
        problems.append(Problem(record, None, _("at least one indicator needs a weight above 0")))
    if problems:
        raise ValidationError(problems)
    return clean


def save_weights(store: Store, weights: Mapping[str, object]) -> dict[str, float]:
    """Check and save ``{indicator: weight}`` (numbers 0–100; the others keep theirs);
    return every weight.

    Raises :class:`ValidationError` naming every bad weight; nothing is written then.
    """
    with store.transaction():
        current = load_weights(store)
        clean = _checked({**current, **weights})
        store.db.conn.executemany(
            "INSERT INTO portfolio_weights (indicator, weight) VALUES (?, ?) "
            "ON CONFLICT (indicator) DO UPDATE SET weight = excluded.weight",
            list(clean.items()))
        change_counter.bump(store.db.conn)
    return load_weights(store)
