"""The history of an account or an opportunity, as people read it: change sets, newest first.

:func:`history` filters the log by account (and opportunity: its own
records plus the account's shared ones, such as stakeholders and coverage),
person, who, and dates, and returns each change set with its changes (those
that match the account, opportunity and person filters) in readable form:
record type, record, what happened, and for updates each field's label
with its value before and after (lists and codes decoded).
A change set also says whether it was reverted and whether the current
person may revert it (:func:`.undo.may_revert`).
"""

from __future__ import annotations

import json

from .. import actor
from ..aliases import label, vocabulary_of
from ..i18n import _, pgettext
from ..labels import entity_label
from ..schema import ENTITIES
from ..store import Store
from .asof import moment_stamp, parse_moment
from .undo import may_revert

__all__ = ["history", "note", "LIMIT"]

#: The most change sets one listing shows.
LIMIT = 200


def history(store: Store, account_id: int, *, opportunity_id: int | None = None,
            person: int | None = None, who: str | None = None, since=None, until=None,
            limit: int = LIMIT) -> list[dict]:
    """Change sets touching the account (see the module docstring), newest first."""
    where = ["c.account_id = ?"]
    params: list = [account_id]
    if opportunity_id is not None:
        where.append("(c.opportunity_id = ? OR c.opportunity_id IS NULL)")
        params.append(opportunity_id)
    if person is not None:
        where.append("c.person_id = ?")
        params.append(person)
    if who:
        where.append("s.actor = ?")
        params.append(who)
    start = parse_moment(since)
    if start is not None:
        if len(str(since).strip()) == 10:  # a date: from its beginning
            start = start.replace(hour=0, minute=0, second=0, microsecond=0)
        where.append("s.at >= ?")
        params.append(moment_stamp(start))
    end = parse_moment(until)
    if end is not None:
        where.append("s.at <= ?")
        params.append(moment_stamp(end))
    sets = store.db.execute(
        "SELECT DISTINCT s.id, s.at, s.actor, s.user_id, s.kind, s.reason, s.action_id, "
        "s.reverts, (SELECT r.id FROM change_sets r WHERE r.reverts = s.id) "
        "FROM change_sets s JOIN changes c ON c.set_id = s.id "
        f"WHERE {' AND '.join(where)} ORDER BY s.id DESC LIMIT ?", [*params, limit]).fetchall()
    if not sets:
        return []
    ids = [row[0] for row in sets]
    changes: dict[int, list[dict]] = {i: [] for i in ids}
    marks = ", ".join("?" * len(ids))
    narrow, extra = "", []
    if opportunity_id is not None:
        narrow += " AND (opportunity_id = ? OR opportunity_id IS NULL)"
        extra.append(opportunity_id)
    if person is not None:
        narrow += " AND person_id = ?"
        extra.append(person)
    for row in store.db.execute(
            "SELECT set_id, entity, op, record_id, last_id, label, before, after FROM changes "
            f"WHERE set_id IN ({marks}) AND account_id = ?{narrow} ORDER BY id",
            [*ids, account_id, *extra]):
        changes[row[0]].append(_readable(*row[1:]))
    me = actor.current()
    keys = ("id", "at", "actor", "user_id", "kind", "reason", "action_id", "reverts",
            "reverted_by")
    out = []
    for row in sets:
        entry = dict(zip(keys, row, strict=True))
        entry["changes"] = changes[entry["id"]]
        entry["can_revert"] = entry["reverted_by"] is None and may_revert(store, me, entry)
        entry["note"] = note(entry)
        out.append(entry)
    return out


def _readable(entity_name: str, op: str, record_id: int, last_id: int | None,
              label: str | None, before: str | None, after: str | None) -> dict:
    ent = ENTITIES[entity_name]
    was = json.loads(before) if before else {}
    now = json.loads(after) if after else {}
    count = 1
    if op == "delete":
        count = len(was.get("rows") or [])
        was = {}
    elif op == "create" and last_id is not None:
        count = last_id - record_id + 1
    fields = []
    for name in sorted(set(was) | set(now), key=_field_order(ent)):
        if name not in ent.field_names:
            continue
        fields.append({"name": name, "label": str(ent.field(name).label or name),
                       "before": _shown(ent, name, was.get(name)),
                       "after": _shown(ent, name, now.get(name))})
    kind = entity_label(entity_name)
    return {"entity": entity_name, "record_type": kind, "op": op,
            "record_id": record_id, "count": count, "label": label, "fields": fields,
            "sentence": _sentence(op, count, label or kind, kind)}


def _sentence(op: str, count: int, record: str, kind: str) -> str:
    """What happened to the record, as a sentence in the current language."""
    if op == "create" and count > 1:
        return _("Created %(count)s records of type %(type)s.", count=count, type=kind)
    if op == "create":
        return _("Created %(record)s.", record=record)
    if op == "delete" and count > 1:
        return _("Deleted %(count)s records of type %(type)s.", count=count, type=kind)
    if op == "delete":
        return _("Deleted %(record)s.", record=record)
    if op == "unlink":
        return _("%(record)s lost its reference.", record=record)
    return _("Changed %(record)s.", record=record)


def note(entry: dict) -> str | None:
    """What kind of change set ``entry`` is, as a sentence (None for an ordinary edit)."""
    if entry["kind"] == "import":
        return _("Import")
    if entry["kind"] == "restore":
        return _("Restore from a JSON file")
    if entry["kind"] == "revert":
        return _("Revert of change %(id)s", id=entry["reverts"])
    if entry["kind"] == "outcome":
        return _("Outcome of action %(id)s", id=entry["action_id"])
    return None


def _field_order(ent):
    names = list(ent.field_names)
    return lambda name: names.index(name) if name in names else len(names)


def _shown(ent, name: str, value: object) -> str:
    """A stored value as people read it: codes as their labels, lists joined, yes/no."""
    if value is None or value == "":
        return "–"
    vocabulary = vocabulary_of(ent.name, name)
    kind = ent.field(name).kind
    if kind == "list" and isinstance(value, str):
        try:
            items = json.loads(value)
        except ValueError:
            return value
        return pgettext("list separator", ", ").join(
            label(vocabulary, item) if vocabulary else str(item) for item in items) or "–"
    if kind == "bool":
        return _("yes") if value else _("no")
    if vocabulary:
        return label(vocabulary, value)
    return str(value)
