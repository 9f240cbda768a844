"""The rules for relationships: no self-loops, one account, no duplicates, one
manager per person and no ``reports_to`` cycle.

They see a whole batch (one record from a form, 90,000 from an import) plus
the stored relationships it touches, so a cycle closed by rows 10 and 9,000
of one file is found as surely as one closed by a single edit.
"""

from __future__ import annotations

import json

from . import vocabulary as v
from .errors import quote
from .i18n import _, lazy_gettext
from .rules import CHUNK, Batch, RecordReader, Report, other_account

__all__ = ["relationship_rule"]


#: Why a relationship repeats a stored one (or one earlier in the batch), by type: one
#: sentence each, since each reads differently in Chinese (汇报给, 结盟...).
_ALREADY = {
    "reports_to": lazy_gettext("%(one)s and %(other)s already have a reports_to relationship"),
    "influences": lazy_gettext("%(one)s and %(other)s already have a influences relationship"),
    "allied": lazy_gettext("%(one)s and %(other)s already have a allied relationship"),
    "conflict": lazy_gettext("%(one)s and %(other)s already have a conflict relationship"),
}


def relationship_rule(store: RecordReader, batch: Batch, problem: Report) -> None:
    """Self-loops, accounts, duplicates, one manager each and no reporting cycle."""
    records, refs = batch.records, batch.refs
    ok: list[int] = []
    default_strength = {kind: spec[1] for kind, spec in v.RELATIONSHIP_TYPES.items()}
    for i in batch.live:
        record, ref = records[i], refs[i]
        source, target = ref["source_id"], ref["target_id"]
        if record.get("strength") is None:
            record["strength"] = default_strength[record["type"]]
        if source["id"] == target["id"]:
            problem(i, "target_id", _("a stakeholder cannot have a relationship with "
                                      "themselves"))
        elif source["account_id"] != target["account_id"]:
            problem(i, "target_id", other_account(quote(target["name"]), quote(source["name"])))
        else:
            record["account_id"] = source["account_id"]
            ok.append(i)
    edges, managers = _stored_lines(store, [records[i] for i in ok], batch.updating())

    known: dict[int, str] = {}

    def name(person: int) -> str:
        """A person's name for a message: from the batch's references, else the store."""
        if not known:  # gathered once, when the first message needs it
            known.update((end["id"], end["name"]) for i in ok
                         for end in (refs[i]["source_id"], refs[i]["target_id"]))
        return known.get(person) or store.get("stakeholder", person)["name"]

    mine: list[int] = []
    directed = v.DIRECTED_RELATIONSHIPS
    for i in ok:
        record = records[i]
        s, t, kind = record["source_id"], record["target_id"], record["type"]
        if (s, t, kind) in edges or (kind not in directed and (t, s, kind) in edges):
            problem(i, "type", _ALREADY[kind] % {"one": quote(refs[i]["source_id"]["name"]),
                                                  "other": quote(refs[i]["target_id"]["name"])})
            continue
        edges.add((s, t, kind))
        if kind != "reports_to":
            continue
        if s in managers:
            problem(i, "target_id", _("%(person)s already reports to %(manager)s; a person has "
                                      "at most one manager",
                                      person=quote(refs[i]["source_id"]["name"]),
                                      manager=quote(name(managers[s]))))
            continue
        managers[s] = t
        mine.append(i)
    on_cycle = reporting_cycles(managers)
    for i in mine:
        s, t = records[i]["source_id"], records[i]["target_id"]
        if s in on_cycle:  # then so is t, its manager: the next person on the cycle
            problem(i, "target_id", _("%(person)s reporting to %(manager)s would make a "
                                      "reporting cycle",
                                      person=quote(refs[i]["source_id"]["name"]),
                                      manager=quote(refs[i]["target_id"]["name"])))


def _stored_lines(store: RecordReader, records: list[dict], updating: set[int]
                  ) -> tuple[set[tuple[int, int, str]], dict[int, int]]:
    """The stored edges the checks need, less those the batch rewrites.

    Returns ``{(source, target, type)}`` and ``{person: manager}``. For a few
    people: their own edges, and the ``reports_to`` lines above them (any
    cycle a new edge closes runs up such a line); for many: every edge of
    their accounts, read once.
    """
    if 2 * len(records) <= CHUNK:
        people = sorted({r[end] for r in records for end in ("source_id", "target_id")})
        rows = store.db.execute(
            "SELECT id, source_id, target_id, type FROM relationships WHERE source_id IN "
            f"({', '.join('?' * len(people))})", people).fetchall()
        rows += store.db.execute(
            """WITH RECURSIVE line(id) AS (
                   SELECT value FROM json_each(?)
                   UNION
                   SELECT r.target_id FROM relationships r JOIN line l ON r.source_id = l.id
                   WHERE r.type = 'reports_to'
               ) SELECT r.id, r.source_id, r.target_id, r.type
                 FROM relationships r JOIN line l ON r.source_id = l.id
                 WHERE r.type = 'reports_to'""", [json.dumps(people)]).fetchall()
    else:
        rows = []
        for account_id in sorted({r["account_id"] for r in records}):
            rows += store.db.execute("SELECT id, source_id, target_id, type FROM relationships "
                                     "WHERE account_id = ?", [account_id]).fetchall()
    edges: set[tuple[int, int, str]] = set()
    managers: dict[int, int] = {}
    for rid, s, t, kind in rows:
        if rid not in updating:
            edges.add((s, t, kind))
            if kind == "reports_to":
                managers[s] = t
    return edges, managers


def reporting_cycles(managers: dict[int, int]) -> set[int]:
    """People on a ``reports_to`` cycle of two or more, in one pass over the lines.

    Each person has at most one manager, so walking upward from anyone ends
    at the top or runs into a cycle; every person is walked over once.

    >>> sorted(reporting_cycles({1: 2, 2: 3, 3: 1, 4: 1, 5: 6}))
    [1, 2, 3]
    """
    walk_of: dict[int, int] = {}
    on_cycle: set[int] = set()
    for walk, start in enumerate(managers):
        if start in walk_of:
            continue
        path = []
        person: int | None = start
        while person is not None and person not in walk_of:
            walk_of[person] = walk
            path.append(person)
            person = managers.get(person)
        if person is not None and walk_of[person] == walk:  # back on this walk: a cycle
            cycle = path[path.index(person):]
            if len(cycle) > 1:
                on_cycle.update(cycle)
    return on_cycle

