"""Actions close the loop: marking an action done writes what it achieved.

:func:`complete` marks an action done and writes its outcome as ordinary
edits, in one change set linked to the action (``kind="outcome"``,
``action_id``): the person's new attitude on the action's opportunity
(stamping ``verified_at`` / ``verified_by``), our coverage strength with the
person (the action's owner's relationship, created if there was none) and
the contact date (``last_contact``). The trend and "since the last review"
then move with the action, and the history says which action moved them.
"""

from __future__ import annotations

import datetime as dt

from .. import actor, clock
from ..errors import Problem, ValidationError
from ..fields import record_label
from ..i18n import _
from ..schema import ENTITIES
from ..store import Store

__all__ = ["complete"]


def complete(store: Store, action_id: int, *, attitude: int | None = None,
             strength: int | None = None, contact_date: dt.date | str | None = None,
             actual_effect: str | None = None, version: int | None = None) -> dict:
    """Mark an action done with its outcome; return the action as stored.

    ``attitude`` / ``strength`` None leave them as they are; ``contact_date``
    defaults to today when an attitude or a strength is given. Raises
    :class:`ValidationError` (nothing written) when the outcome cannot be
    written: an attitude for someone outside the opportunity's buying center,
    a strength for an action without an owner.
    """
    with store.noting(kind="outcome", action_id=action_id):
        action = store.get("action", action_id)
        label = record_label(ENTITIES["action"], action, action_id)
        changes: dict = {"status": "done"}
        if actual_effect is not None and str(actual_effect).strip():
            changes["actual_effect"] = actual_effect
        done = store.update("action", action_id, changes, version=version)
        if contact_date in ("", None) and (attitude is not None or strength is not None):
            contact_date = clock.now().date()
        contact = str(contact_date)[:10] if contact_date not in ("", None) else None
        if attitude is not None:
            entries = store.rows("buying_center_entry",
                                 "opportunity_id = ? AND stakeholder_id = ?",
                                 [action["opportunity_id"], action["stakeholder_id"]])
            if not entries:
                raise ValidationError([Problem(label, "attitude", _(
                    "the person is not in this opportunity's buying center; add them before "
                    "recording a new attitude"))])
            store.update("buying_center_entry", entries[0]["id"], {
                "attitude": attitude, "verified_at": contact or clock.now().date().isoformat(),
                "verified_by": actor.current().login})
        if strength is not None or contact:
            _coverage(store, action, label, strength, contact)
        return done


def _coverage(store: Store, action: dict, label: str, strength: int | None,
              contact: str | None) -> None:
    if action.get("owner_id") is None:
        if strength is None:
            return
        raise ValidationError([Problem(label, "strength", _(
            "the action has no owner, so there is no relationship to strengthen; give it an "
            "owner first"))])
    found = store.rows("coverage", "team_member_id = ? AND stakeholder_id = ?",
                       [action["owner_id"], action["stakeholder_id"]])
    changes = {k: v for k, v in (("strength", strength), ("last_contact", contact))
               if v is not None}
    if found:
        store.update("coverage", found[0]["id"], changes)
    elif strength is not None:
        store.create("coverage", {"team_member_id": action["owner_id"],
                                  "stakeholder_id": action["stakeholder_id"], **changes})
