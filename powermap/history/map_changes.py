"""What changed since the last review, as the map marks it: per person, and as they were.

The live map and the HTML export mark the people who changed since the last
recorded review (or since a date, ``?since=`` as on the review page) and can
redraw them as they were. This module turns the same comparison the review
page shows (:func:`.compare.baseline` for the earlier side, :func:`.diff.diff`
against the map's own graph and report) into the payload's ``changes``:

.. code-block:: text

    {"since": {"kind": "review", "id", "name", "at"} | {"kind": "date", "at"},
     "people": [{"id", "name", "marks": [...], "before": {...}, "coverage": [...]}, ...],
     "gone": [{"id", "name", "marks": [...]}, ...]}

``marks`` are codes, in this order: ``joined`` / ``left`` the buying center,
``roles``, ``influence``, ``attitude_up`` / ``attitude_down`` (or ``attitude``: to or
from unknown), ``coverage_gained`` / ``coverage_lost``. ``before`` holds the person's
previous values (``in_buying_center``, ``roles``, ``influence``, ``attitude``,
``coverage_best``; ``new`` when they were not on the map) and their previous look,
computed like a node's (``color_key``, ``shape``, ``size`` from the earlier report's
effective influence, ``border``). ``coverage`` lists each of our team's changed
relationships ``{team_member_id, team_member, before, after}``. ``gone`` are people the
diff names who are no longer on the map. Without a review to compare with there is no
``changes`` at all, so such payloads do not grow.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Mapping
from typing import Any

import networkx as nx

from .. import vocabulary as v
from ..mapview.look import ROLE_SHAPES, border, node_look, person_roles
from ..mapview.payload import effective_weight
from ..mapview.report import people as report_people
from ..store import Store
from . import compare, snapshots
from .asof import moment_stamp, parse_moment
from .diff import diff, state

__all__ = ["map_changes", "marks", "since_key", "MARKS"]

#: The marks a changed person can carry, in the order they are listed.
MARKS = ("joined", "left", "roles", "influence", "attitude_up", "attitude_down", "attitude",
         "coverage_gained", "coverage_lost")


def since_key(store: Store, opportunity_id: int, since: str | dt.date | None = "review", *,
              as_of=None) -> Hashable:
    """What ``since`` names, cheaply, for a cache key: the last review's id, or the moment.

    A recorded review is not a write to the map, so the map's cache must tell a payload
    made before a review from one made after. Raises ``BadMoment`` for a bad date.
    """
    wanted = "review" if since in (None, "") else since
    if isinstance(wanted, str) and wanted.startswith("review"):
        if ":" in wanted:
            return wanted
        moment = parse_moment(as_of)
        return ("review", snapshots.latest_id(
            store, opportunity_id, before=moment_stamp(moment) if moment else None))
    return parse_moment(wanted).isoformat()


def map_changes(store: Store, opportunity_id: int, G: nx.MultiDiGraph, report: Mapping,
                *, since: str | dt.date | None = "review", as_of=None) -> dict | None:
    """The payload's ``changes`` (module docstring) of the map drawn from ``G`` and ``report``.

    ``G`` and ``report`` are the map's own (now, or as of ``as_of``); the earlier side is
    :func:`.compare.baseline`'s. None when ``since`` is the last review and there is none.
    """
    try:
        old, old_report, origin = compare.baseline(store, opportunity_id, since, as_of=as_of)
    except compare.NoReview:
        return None
    found = diff(old, state(G, report))
    weights = _weights(old, old_report)
    people, gone = [], []
    for pid, codes in marks(found).items():
        if pid not in G:
            gone.append({"id": pid, "name": (old["people"].get(str(pid)) or {}).get("name"),
                         "marks": codes})
            continue
        entry = {"id": pid, "name": G.nodes[pid].get("name"), "marks": codes,
                 "before": _before(pid, old, weights)}
        coverage = [_coverage(item) for kind in ("coverage_gained", "coverage_lost")
                    for item in found[kind] if item["stakeholder_id"] == pid]
        if coverage:
            entry["coverage"] = sorted(coverage, key=lambda c: c["team_member_id"])
        people.append(entry)
    return {"since": origin, "people": people, "gone": gone}


def marks(changes: Mapping[str, list]) -> dict[int, list[str]]:
    """``{stakeholder_id: [mark, ...]}`` of a :func:`.diff.diff`, marks in :data:`MARKS`
    order, people by id.

    >>> marks({"joined": [], "left": [], "roles": [], "influence": [],
    ...        "attitude": [{"stakeholder_id": 4, "before": -1, "after": 1},
    ...                     {"stakeholder_id": 2, "before": None, "after": 0}],
    ...        "coverage_gained": [{"stakeholder_id": 4}], "coverage_lost": []})
    {2: ['attitude'], 4: ['attitude_up', 'coverage_gained']}
    """
    found: dict[int, set[str]] = {}
    for kind in ("joined", "left", "roles", "influence", "coverage_gained", "coverage_lost"):
        for item in changes.get(kind) or ():
            found.setdefault(item["stakeholder_id"], set()).add(kind)
    for item in changes.get("attitude") or ():
        before, after = item["before"], item["after"]
        code = ("attitude" if before is None or after is None
                else "attitude_up" if after > before else "attitude_down")
        found.setdefault(item["stakeholder_id"], set()).add(code)
    return {pid: [m for m in MARKS if m in found[pid]] for pid in sorted(found)}


def _weights(old: Mapping, old_report: Mapping) -> dict[int, float]:
    """Each earlier person's size weight (0..1), as the map sized them then."""
    ranking = report_people(old_report.get("ranking"))
    effective = {int(k): effective_weight(p, ranking.get(int(k)))
                 for k, p in old["people"].items()}
    top = max(effective.values(), default=0.0) or 1.0
    return {k: e / top for k, e in effective.items()}


def _before(pid: int, old: Mapping, weights: Mapping[int, float]) -> dict[str, Any]:
    """The person's values and look in the earlier state (``new``: not on the map then)."""
    was = old["people"].get(str(pid))
    if was is None:
        return {"new": True, "in_buying_center": False, "color_key": "outside",
                "shape": "dot", "size": node_look(pid, {}, 0.0)[1], "border": border(0),
                "coverage_best": 0}
    in_bc = bool(was.get("in_buying_center"))
    roles = person_roles(was.get("roles"))
    best = max((s or 0 for s in (was.get("coverage") or {}).values()), default=0)
    out = {
        "in_buying_center": in_bc,
        "roles": roles,
        "influence": was.get("influence"),
        "attitude": was.get("attitude"),
        "coverage_best": best,
        "color_key": v.attitude_key(was.get("attitude")) if in_bc else "outside",
        "shape": ROLE_SHAPES[roles[0]] if roles else "dot",
        "size": node_look(pid, was, weights[pid])[1],
        "border": border(best),
    }
    return {k: val for k, val in out.items() if val not in (None, [])}


def _coverage(item: Mapping) -> dict[str, Any]:
    return {"team_member_id": item["team_member_id"], "team_member": item.get("team_member"),
            "before": item.get("before"), "after": item.get("after")}
