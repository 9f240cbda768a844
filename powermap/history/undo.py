"""Undo: revert a change set, as a new change set of its own.

:func:`revert` writes the opposite of every change of a set through the
store (so it is validated, versioned and logged like any edit, with
``kind="revert"`` and ``reverts`` pointing at the set): an update puts the
``before`` values back, a create deletes what it created, a delete puts the
rows it took back under their own ids, and the references it cleared.

It refuses (:class:`RevertConflict`, nothing written) when a record was
changed again since, in a field the set changed, or when something now
depends on a record the revert would delete: reverting must never throw
away someone else's later edit.

Who may revert what is :func:`may_revert`, the one check (the web and the
CLI ask it): in local mode anyone may revert any change; a signed-in person
their own changes; an administrator any change.
"""

from __future__ import annotations

import json

from .. import actor
from ..actor import Actor
from ..dependents import HasDependentsError
from ..errors import NotFoundError, PowermapError
from ..fields import record_label
from ..i18n import _
from ..schema import ENTITIES
from ..store import Store

__all__ = ["revert", "may_revert", "last_own_set", "change_set", "RevertConflict",
           "NotAllowed"]


class RevertConflict(PowermapError):
    """A revert would overwrite or lose a later change; nothing was reverted."""


class NotAllowed(PowermapError):
    """The person acting may not revert this change."""


def change_set(store: Store, set_id: int) -> dict:
    """One change set's row (who, when, kind…); NotFoundError if there is none."""
    row = store.db.execute(
        "SELECT id, at, actor, user_id, kind, reason, action_id, reverts FROM change_sets "
        "WHERE id = ?", [set_id]).fetchone()
    if row is None:
        raise NotFoundError("change", set_id, _("no change %(id)s", id=set_id))
    keys = ("id", "at", "actor", "user_id", "kind", "reason", "action_id", "reverts")
    return dict(zip(keys, row, strict=True))


def may_revert(store: Store, who: Actor, change: dict) -> bool:
    """Whether ``who`` may revert the change set ``change`` (see the module docstring)."""
    from ..users import get_user

    if who.user_id is None:  # local mode: the database's owner
        return True
    if change.get("user_id") == who.user_id:
        return True
    user = get_user(store, who.user_id)
    return user is not None and user.is_admin


def last_own_set(store: Store, who: Actor | None = None, *,
                 account_id: int | None = None) -> int | None:
    """The latest change set of ``who`` (default: the current actor) not reverted yet.

    Reverts themselves are skipped; with ``account_id``, only sets touching it.
    """
    who = who or actor.current()
    sql = ("SELECT s.id FROM change_sets s WHERE s.actor = ? AND s.kind != 'revert' AND "
           "NOT EXISTS (SELECT 1 FROM change_sets r WHERE r.reverts = s.id)")
    params: list = [who.login]
    if account_id is not None:
        sql += " AND EXISTS (SELECT 1 FROM changes c WHERE c.set_id = s.id AND c.account_id = ?)"
        params.append(account_id)
    row = store.db.execute(sql + " ORDER BY s.id DESC LIMIT 1", params).fetchone()
    return row[0] if row else None


def revert(store: Store, set_id: int, *, who: Actor | None = None) -> int:
    """Revert change set ``set_id``; return the id of the new (revert) change set."""
    who = who or actor.current()
    target = change_set(store, set_id)
    if not may_revert(store, who, target):
        raise NotAllowed(_("only the person who made a change can revert it"))
    if store.db.execute("SELECT 1 FROM change_sets WHERE reverts = ?", [set_id]).fetchone():
        raise RevertConflict(_("change %(id)s was already reverted", id=set_id))
    changes = store.db.execute(
        "SELECT entity, op, record_id, last_id, before, after FROM changes WHERE set_id = ? "
        "ORDER BY id DESC", [set_id]).fetchall()
    with store.noting(kind="revert", reverts=set_id):
        store.db.execute("PRAGMA defer_foreign_keys = ON")  # rows come back in any order
        relinks = []
        for entity_name, op, record_id, last_id, before, after in changes:
            ent = ENTITIES[entity_name]
            if op == "update":
                _put_back(store, ent, record_id, json.loads(before), json.loads(after))
            elif op == "unlink":
                relinks.append((ent, record_id, json.loads(before), json.loads(after)))
            elif op == "create":
                for rid in range(record_id, (last_id or record_id) + 1):
                    _remove(store, ent, rid)
            elif op == "delete":
                data = json.loads(before)
                store.restore_rows(ent.name, [dict(zip(data["columns"], row, strict=True))
                                              for row in data["rows"]])
        for ent, record_id, values, cleared in relinks:
            _put_back(store, ent, record_id, values, cleared)
        broken = store.db.execute("PRAGMA foreign_key_check").fetchone()
        if broken:
            raise RevertConflict(_("the change cannot be reverted: a record it refers to "
                                   "was deleted since"))
        return store.log.current_set()


def _put_back(store: Store, ent, record_id: int, values: dict, expected: dict) -> None:
    """Write ``values`` (as stored) over a record still holding ``expected``."""
    columns = list(values)
    row = store.db.execute(f"SELECT {', '.join(columns)} FROM {ent.table} WHERE id = ?",
                           [record_id]).fetchone()
    if row is None:
        raise RevertConflict(_("the change cannot be reverted: %(record)s was deleted since",
                               record=record_label(ent, {}, record_id)))
    if list(row) != [expected.get(c) for c in columns]:
        raise RevertConflict(_("the change cannot be reverted: %(record)s was changed again "
                               "since", record=record_label(ent, {}, record_id)))
    store.update(ent.name, record_id, {c: _readable(ent, c, values[c]) for c in columns})


def _remove(store: Store, ent, record_id: int) -> None:
    try:
        store.delete(ent.name, record_id, cascade=False)
    except NotFoundError:
        return  # deleted since: nothing left to undo
    except HasDependentsError:
        raise RevertConflict(_("the change cannot be reverted: other records were added to "
                               "%(record)s since", record=record_label(ent, {}, record_id))
                             ) from None


def _readable(ent, name: str, value: object) -> object:
    """A stored value as a write takes it (lists from their JSON, booleans)."""
    kind = ent.field(name).kind
    if kind == "list" and isinstance(value, str):
        return json.loads(value)
    if kind == "bool" and value is not None:
        return bool(value)
    return value
