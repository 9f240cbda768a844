"""Bid-date awareness: how many days are left, and which risk flags that makes urgent.

In the last :data:`BID_WINDOW_DAYS` (30) days before the bid (the bid day
included, a bid date already past excluded), a flag about the decision maker, the
coach or single-threading (:data:`URGENT_CODES`) can no longer wait: its severity
is raised one step (low → medium → high; high stays high) and the flag says why
in ``urgency`` — "Raised from medium: the bid is in 12 days." — or, when it was
already high, "Urgent: the bid is in 12 days." Other flags, and every flag outside
the window, carry ``urgency`` None and ``escalated_from`` None.
"""

from __future__ import annotations

import datetime as dt

from .. import vocabulary as v
from ..i18n import _, ngettext
from ._people import as_date

__all__ = ["BID_WINDOW_DAYS", "URGENT_CODES", "bid_countdown", "days_to_bid", "escalate"]

#: Days before the bid in which decision-maker, coach and threading flags escalate.
BID_WINDOW_DAYS = 30
#: The flags about the decision maker, the coach and single-threading.
URGENT_CODES = frozenset({
    "top_decision_maker_not_contacted", "decision_maker_not_supportive",
    "competitor_leads_decision_maker", "no_coach", "weak_champion", "single_threaded",
    "single_threaded_department",
})
_RAISE = {"low": "medium", "medium": "high", "high": "high"}


def days_to_bid(bid_date: object, today: dt.date) -> int | None:
    """Whole days from ``today`` to the bid date (negative once past; None if unknown).

    >>> days_to_bid("2026-12-16", dt.date(2026, 11, 30)), days_to_bid(None, dt.date.today())
    (16, None)
    """
    bid_date = as_date(bid_date)
    return None if bid_date is None else (bid_date - today).days


def bid_countdown(days: int | None) -> str | None:
    """Days to the bid as a sentence for people (None when the bid date is unknown).

    >>> bid_countdown(12), bid_countdown(0), bid_countdown(-3), bid_countdown(None)
    ('12 days to the bid.', 'The bid is today.', 'The bid was 3 days ago.', None)
    """
    if days is None:
        return None
    if days == 0:
        return _("The bid is today.")
    if days > 0:
        return ngettext("%(num)d day to the bid.", "%(num)d days to the bid.", days)
    return ngettext("The bid was %(num)d day ago.", "The bid was %(num)d days ago.", -days)


def escalate(flag: dict, days: int | None) -> dict:
    """``flag`` with ``severity``, ``escalated_from`` and ``urgency`` set for ``days`` left.

    ``role`` flags count too: ``required_role_unfilled`` about the decision maker or
    the coach (its ``role`` given in ``flag["role"]``, removed here).
    """
    role = flag.pop("role", None)
    flag.setdefault("escalated_from", None)
    flag.setdefault("urgency", None)
    urgent = flag["code"] in URGENT_CODES or role in ("decision_maker", "coach")
    if not urgent or days is None or not 0 <= days <= BID_WINDOW_DAYS:
        return flag
    before = flag["severity"]
    flag["severity"] = _RAISE[before]
    if flag["severity"] != before:
        flag["escalated_from"] = before
        word = str(v.SEVERITIES[before]).lower()
        flag["urgency"] = _("Raised from %(severity)s: the bid is today.", severity=word) \
            if days == 0 else ngettext("Raised from %(severity)s: the bid is in %(num)d day.",
                                       "Raised from %(severity)s: the bid is in %(num)d days.",
                                       days, severity=word)
    else:
        flag["urgency"] = _("Urgent: the bid is today.") if days == 0 else ngettext(
            "Urgent: the bid is in %(num)d day.", "Urgent: the bid is in %(num)d days.", days)
    return flag
