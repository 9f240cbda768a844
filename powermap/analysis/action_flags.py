"""Risk flags about the action plan: overdue actions, key people nobody is working on.

Two checks that :func:`powermap.analysis.risks.risk_flags` runs with the
others (they take its context and return its flags):

* ``overdue_action`` (medium): an action still planned or in progress whose due
  date is before ``today``, one flag per action;
* ``key_person_without_action`` (medium): people in the buying center with
  high influence (≥ :data:`~powermap.analysis.risks.HIGH_INFLUENCE`) who are
  not supporters (attitude below +1, or unknown) and have no open action.

Bid-date urgency belongs to the meeting-grade work, not here.
"""

from __future__ import annotations

import datetime as dt

from .. import vocabulary as v
from ..aliases import label
from ..i18n import _, format_date
from ._people import join

__all__ = ["overdue_actions", "key_people_without_action", "CODES"]

#: The codes of these flags, in report order.
CODES = ("overdue_action", "key_person_without_action")


def _open(action: dict) -> bool:
    return (action.get("status") or "planned") in v.OPEN_ACTION_STATUSES


def _due(action: dict) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(action.get("due_date") or "")[:10])
    except ValueError:
        return None


def overdue_actions(ctx):
    """One flag per open action due before today."""
    for action in sorted(ctx.G.graph.get("actions") or (), key=lambda a: (a.get("due_date") or "",
                                                                         a.get("id") or 0)):
        due = _due(action)
        n = action.get("stakeholder_id")
        if not _open(action) or due is None or due >= ctx.today or n not in ctx.G:
            continue
        yield ctx.flag(
            "overdue_action", "medium", _("Overdue action"),
            _("%(action)s with %(person)s was due on %(date)s and is not done.",
              action=label("action_type", action.get("type")), person=ctx.name(n),
              date=format_date(due)), [n],
            _("Do it now or plan it again with a new date; mark it done with its outcome."))


def key_people_without_action(ctx, high_influence: int):
    """One flag naming the high-influence non-supporters with no open action."""
    planned = {a.get("stakeholder_id") for a in ctx.G.graph.get("actions") or () if _open(a)}
    people = [n for n in ctx.people
              if (ctx.data(n).get("influence") or 0) >= high_influence
              and (ctx.data(n).get("attitude") is None or ctx.data(n)["attitude"] < 1)
              and n not in planned]
    if people:
        yield ctx.flag(
            "key_person_without_action", "medium",
            _("Influential people nobody is working on"),
            _("No open action with these influential non-supporters: %(people)s.",
              people=join(ctx.name(n) for n in people)), people,
            _("Plan an action for each of them: who meets them, to do what, by when."))
