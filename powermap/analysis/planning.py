"""From a suggestion to an action: its owner, its due date, and the action it already is.

Pure rules over plain records, shared by the analysis (which marks suggestions
already planned) and :mod:`powermap.planning` (which writes the action):

* **Owner**: the team member who starts the introduction path (the suggestion's
  ``owner``: the one who meets the person, asks the introducer, or — on a cold
  approach — the account lead).
* **Due date** (:func:`due_date`): the activity's lead time from today
  (:data:`LEAD_DAYS`); with a bid date ahead, no later than
  :data:`BID_MARGIN_DAYS` (7) days before the bid — the relationship work has to
  land before the bid, not on the day — and never before today. A bid date already
  past does not bind.
* **Same plan** (:func:`open_action`): an open action (planned or in progress) of
  the opportunity for the same person and the same activity; planning the
  suggestion again updates it instead of adding a duplicate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from .. import vocabulary as v
from ._people import as_date

__all__ = ["BID_MARGIN_DAYS", "LEAD_DAYS", "due_date", "open_action", "planned"]

#: Days an activity needs, from planning to done.
LEAD_DAYS: dict[str, int] = {
    "ice_breaking": 14,
    "deepen": 21,
    "workshop": 21,
    "turn_attitude": 30,
    "executive_visit": 30,
    "reference_visit": 30,
}
#: How many days before the bid date planned activities must be done.
BID_MARGIN_DAYS = 7


def due_date(activity: str, today: dt.date, bid_date: dt.date | str | None = None) -> dt.date:
    """When a planned ``activity`` is due (see the module docstring).

    Examples
    --------
    >>> day = dt.date(2026, 11, 1)
    >>> due_date("ice_breaking", day), due_date("turn_attitude", day, "2026-11-20")
    (datetime.date(2026, 11, 15), datetime.date(2026, 11, 13))
    >>> due_date("deepen", day, "2026-11-03"), due_date("deepen", day, "2026-10-01")
    (datetime.date(2026, 11, 1), datetime.date(2026, 11, 22))
    """
    due = today + dt.timedelta(days=LEAD_DAYS.get(activity, 30))
    bid = as_date(bid_date)
    if bid is not None and bid >= today:
        due = max(today, min(due, bid - dt.timedelta(days=BID_MARGIN_DAYS)))
    return due


def open_action(actions: Iterable[Mapping], stakeholder_id: int,
                activity: str) -> Mapping | None:
    """The open action for this person and activity (the newest if several), or None."""
    matches = [a for a in actions
               if a.get("stakeholder_id") == stakeholder_id and a.get("type") == activity
               and a.get("status") in v.OPEN_ACTION_STATUSES]
    return max(matches, key=lambda a: a.get("id") or 0) if matches else None


def planned(action: Mapping | None, team: Mapping) -> dict | None:
    """A suggestion's ``planned`` marker: the open action, its owner and due date."""
    if action is None:
        return None
    owner = team.get(action.get("owner_id")) if action.get("owner_id") is not None else None
    return {"action_id": action.get("id"), "status": action.get("status"),
            "due_date": action.get("due_date"),
            "owner": {"kind": "team_member", "id": action["owner_id"],
                      "name": owner.get("name") if isinstance(owner, Mapping) else None}
            if action.get("owner_id") is not None else None}
