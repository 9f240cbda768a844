"""Plan a suggestion as an action: one write, the same for the map, the API and the CLI.

:func:`plan_suggestion` recomputes the opportunity's ally-expansion plan for one
person and turns it into an action by the rules of
:mod:`powermap.analysis.planning`: the owner is the team member who starts the
introduction path, the due date follows from the activity and the bid date, and
planning the same suggestion again updates the open action for that person and
activity instead of adding a duplicate. On an update, what people may have
changed since — the owner, the due date, the notes — is kept when set, and only
filled in when empty; the expected effect is refreshed to the current plan.
"""

from __future__ import annotations

import datetime as dt

from .errors import Problem, ValidationError
from .fields import record_label
from .graph import build_graph
from .i18n import _
from .schema import ENTITIES
from .store import Store

__all__ = ["plan_suggestion"]


def plan_suggestion(store: Store, opportunity_id: int, stakeholder_id: int, *,
                    today: dt.date | None = None) -> tuple[dict, bool]:
    """Create or update the action for one person's suggestion; ``(action, created)``.

    Raises :class:`~powermap.errors.ValidationError` (field ``stakeholder_id``) when
    the person has no suggestion on this opportunity (not in its buying center, or
    already a champion), and :class:`~powermap.errors.NotFoundError` for an unknown
    opportunity.
    """
    from .analysis.expansion import plan_allies
    from .analysis.planning import due_date, open_action

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
        existing = open_action(G.graph.get("actions") or [], stakeholder_id, plan["activity"])
        if existing is None:
            action = store.create("action", {
                "opportunity_id": opportunity_id, "stakeholder_id": stakeholder_id,
                "type": plan["activity"], "status": "planned",
                "expected_effect": plan["summary"], **values})
            return action, True
        changes = {"expected_effect": plan["summary"]}
        changes.update({k: value for k, value in values.items()
                        if existing.get(k) in (None, "") and value is not None})
        action = store.update("action", existing["id"], changes, version=existing["version"])
        return action, False
