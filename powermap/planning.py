"""Plan a suggestion as an action: one write, the same for the map, the API and the CLI.

:func:`plan_suggestion` recomputes the opportunity's ally-expansion plan for one
person and turns it into an action by the rules of
:mod:`powermap.analysis.planning`: the owner is the team member who starts the
introduction path, the due date follows from the activity and the bid date, and
planning the same suggestion again updates the open action for that person and
activity instead of adding a duplicate. On an update, what people may have
changed since — the owner, the due date, the notes — is kept when set, and only
filled in when empty; the expected effect is refreshed to the current plan.

:func:`plan_campaign_actions` does the same for every step of the opportunity's
campaign (:mod:`powermap.analysis.campaign`): the owner is the step's team member,
the due date is the activity's lead time from the start of the step's week (capped
by the bid date), and planning the campaign again updates the same actions.
"""

from __future__ import annotations

import datetime as dt

from .errors import Problem, ValidationError
from .fields import record_label
from .graph import build_graph
from .i18n import _
from .schema import ENTITIES
from .store import Store

__all__ = ["plan_campaign_actions", "plan_suggestion"]


def plan_suggestion(store: Store, opportunity_id: int, stakeholder_id: int, *,
                    today: dt.date | None = None) -> tuple[dict, bool]:
    """Create or update the action for one person's suggestion; ``(action, created)``.

    Raises :class:`~powermap.errors.ValidationError` (field ``stakeholder_id``) when
    the person has no suggestion on this opportunity (not in its buying center, or
    already a champion), and :class:`~powermap.errors.NotFoundError` for an unknown
    opportunity.
    """
    from .analysis.expansion import plan_allies
    from .analysis.planning import due_date

    today = today or dt.date.today()
    with store.transaction():
        G = build_graph(store, opportunity_id)
        plan = next((p for p in plan_allies(G) if p["stakeholder_id"] == stakeholder_id), None)
        if plan is None:
            raise ValidationError([Problem(
                record_label(ENTITIES["action"], {}), "stakeholder_id",
                _("there is no suggestion for stakeholder #%(id)s on this opportunity (not "
                  "in its buying center, or already a champion)", id=stakeholder_id))])
        values = {
            "owner_id": plan["owner"]["id"] if plan["owner"] else None,
            "due_date": due_date(plan["activity"], today,
                                 (G.graph.get("opportunity") or {}).get("bid_date")).isoformat(),
            "notes": "\n".join(step["text"] for step in plan["steps"]),
        }
        return _write(store, G, opportunity_id, stakeholder_id, plan["activity"], values,
                      plan["summary"])


def plan_campaign_actions(store: Store, opportunity_id: int, *, today: dt.date | None = None,
                          until: dt.date | None = None,
                          capacity: int | None = None) -> list[tuple[dict, bool]]:
    """Create or update one action per step of the campaign; ``[(action, created)]``."""
    from .analysis.campaign import plan_campaign
    from .analysis.campaign_model import DEFAULT_CAPACITY
    from .analysis.planning import due_date

    today = today or dt.date.today()
    out = []
    with store.transaction():
        G = build_graph(store, opportunity_id)
        bid = (G.graph.get("opportunity") or {}).get("bid_date")
        campaign = plan_campaign(G, today=today, until=until,
                                 capacity=capacity or DEFAULT_CAPACITY)
        for step in campaign["steps"]:
            start = dt.date.fromisoformat(step["week_start"])
            values = {
                "owner_id": step["owner"]["id"] if step["owner"] else None,
                "due_date": due_date(step["activity"], start, bid).isoformat(),
                "notes": "\n".join([*step["why"], *step["path"]]),
            }
            effect = _("Campaign week %(week)d: %(activity)s with %(person)s.",
                       week=step["week"], activity=step["activity_label"], person=step["name"])
            out.append(_write(store, G, opportunity_id, step["stakeholder_id"],
                              step["activity"], values, effect))
    return out


def _write(store: Store, G, opportunity_id: int, stakeholder_id: int, activity: str,
           values: dict, effect: str) -> tuple[dict, bool]:
    """Create the action, or update the open one for the same person and activity."""
    from .analysis.planning import open_action

    existing = open_action(G.graph.get("actions") or [], stakeholder_id, activity)
    if existing is None:
        action = store.create("action", {
            "opportunity_id": opportunity_id, "stakeholder_id": stakeholder_id,
            "type": activity, "status": "planned", "expected_effect": effect, **values})
        return action, True
    changes = {"expected_effect": effect}
    changes.update({k: value for k, value in values.items()
                    if existing.get(k) in (None, "") and value is not None})
    action = store.update("action", existing["id"], changes, version=existing["version"])
    return action, False
