"""The actions page: planned relationship activities, filtered, marked done."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from .. import vocabulary as v
from ..fields import record_label, whole_number
from ..i18n import _
from ..schema import ENTITIES
from .db import get_store
from .records import safe_next

__all__ = ["bp", "STATUS_FILTERS"]

bp = Blueprint("actions", __name__)

#: The status filter's choices: open (planned or in progress), each status, or all.
STATUS_FILTERS: tuple[str, ...] = ("open", *v.ACTION_STATUSES, "all")


@bp.get("/actions")
def index():
    """Actions by due date; ``?status=open|planned|…|all``, ``?opportunity_id=``."""
    status = request.args.get("status") or "open"
    if status not in STATUS_FILTERS:
        abort(400, description=_("status must be one of: %(choices)s",
                                 choices=", ".join(STATUS_FILTERS)))
    where, params = [], []
    if status == "open":
        where.append(f"status IN ({', '.join('?' for _ in v.OPEN_ACTION_STATUSES)})")
        params += v.OPEN_ACTION_STATUSES
    elif status != "all":
        where.append("status = ?")
        params.append(status)
    opportunity_id = request.args.get("opportunity_id", "")
    if opportunity_id:
        if whole_number(opportunity_id) is None:
            abort(400, description=_("opportunity_id must be a whole number"))
        where.append("opportunity_id = ?")
        params.append(whole_number(opportunity_id))
    store = get_store()
    actions = store.rows("action", " AND ".join(where) or None, params,
                         order_by="due_date IS NULL, due_date, id")
    return render_template(
        "actions.html", actions=actions, status=status, statuses=STATUS_FILTERS,
        opportunity_id=opportunity_id,
        opportunities={o["id"]: o for o in store.rows("opportunity", order_by="name")},
        people={p["id"]: p for p in store.rows("stakeholder")},
        team={t["id"]: t for t in store.rows("team_member")})


@bp.post("/actions/<int:action_id>/done")
def mark_done(action_id: int):
    """Mark one action done with its outcome (refused with 409 if it changed since the page
    was drawn).

    Optional form fields ``attitude``, ``strength``, ``contact_date`` and
    ``actual_effect`` are written as ordinary changes linked to the action
    (:func:`powermap.history.outcomes.complete`).
    """
    from ..history.outcomes import complete

    store = get_store()
    version = request.form.get("version", "")
    outcome = {name: request.form.get(name, "").strip() or None
               for name in ("attitude", "strength", "contact_date", "actual_effect")}
    action = complete(store, action_id, **outcome, version=whole_number(version))
    flash(_("Done: %(record)s.", record=record_label(ENTITIES["action"], action, action_id)))
    return redirect(safe_next() or url_for("actions.index"), 303)
