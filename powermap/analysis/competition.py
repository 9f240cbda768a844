"""Competitor coverage: who holds which part of the decision chain.

Parties are *us* and each competitor in play. For party :math:`k` and
buying-center member :math:`i`: coverage :math:`c_{ki}` (0–4; ours is the
strongest of our team's relationships) and preference :math:`p_{ki}` (−2..2;
ours is the attitude; ``None`` = unknown).

* **share** :math:`S_k = \\sum_i e_i \\, c_{ki} / 4 \\; / \\sum_i e_i` — the
  influence-weighted coverage (:math:`e` = effective influence).
* **preference_index**: the influence-weighted mean of :math:`p_{ki}/2` over the
  people whose preference is known (``None`` if nobody's is).
* **covered**: :math:`c_{ki} \\ge 2` (acquainted or closer;
  :data:`~powermap.analysis._people.RELATIONSHIP_COVERAGE`).
* **contested**: covered by us and by the competitor.
* **position** :math:`\\pi_{ki} = p_{ki}/2 + c_{ki}/4` (unknown preference = 0):
  a party's coverage *and* the person's preference for it, so a competitor who
  only knows someone the person dislikes does not hold them.
* **leader** of a person: the party with the strictly highest positive
  position; a competitor **leads** the people it is leader of.
* **lead** of a person as seen against competitor :math:`k` (one of
  :data:`LEADS`, the competitor view of the map): ``us`` if we are the leader,
  ``them`` if :math:`k` is, ``other`` if another competitor is; with no leader,
  ``contested`` when several parties tie at the top with a positive position,
  ``nobody`` when no party's position is positive. It is derived from the
  leader alone, so the map and the review always agree on who leads whom.
* **strongholds**: people the competitor covers at 3+ (trusted), prefers it at
  0 or above (or unknown), and covers more strongly than we do.
* **stronghold_departments**: departments with 2+ buying-center members where
  the competitor's weighted share is at least 0.5 and above ours.
* **matrix**: per buying-center member, the leader and each party's cell
  with its lead; ``outside`` holds the same rows for people outside the
  buying center whom a competitor has a position with (they count in no share).
* **blind_spots**: buying-center members nobody (us or any competitor) covers
  at all (every coverage below 1, aware).
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from ..i18n import pgettext
from ._people import (
    CONTACT_COVERAGE,
    RELATIONSHIP_COVERAGE,
    STRONG_COVERAGE,
    buying_center,
    our_coverage,
    person_ref,
    r6,
)
from .ranking import effective_influence

__all__ = ["competitor_coverage", "lead_against", "LEADS", "STRONGHOLD_COVERAGE",
           "STRONGHOLD_SHARE"]

#: Competitor coverage from which a person can be a stronghold (3 = trusted).
STRONGHOLD_COVERAGE = STRONG_COVERAGE
#: Every value of a person's lead against one competitor (see :func:`lead_against`).
LEADS = ("us", "them", "other", "contested", "nobody")
#: Weighted share of a department from which it is a competitor stronghold.
STRONGHOLD_SHARE = 0.5


def competitor_coverage(G: nx.MultiDiGraph, *,
                        influence: dict[int, float] | None = None) -> dict:
    """Per-competitor shares, contested people, strongholds, blind spots and a matrix.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A power-map graph; competitors in play come from ``G.graph["competitors"]``.
    influence : dict, optional
        Precomputed effective influence.

    Returns
    -------
    dict
        ``us``, ``competitors``, ``blind_spots`` and ``matrix`` (see
        ``docs/analysis.md``).

    Examples
    --------
    >>> G = nx.MultiDiGraph(competitors={9: {"id": 9, "name": "Rival"}})
    >>> G.add_node(1, name="Bo", in_buying_center=True, attitude=0, influence=5,
    ...            coverage=[], competitors={9: {"coverage": 4, "preference": 2}})
    >>> result = competitor_coverage(G)
    >>> result["competitors"][0]["share"], [p["name"] for p in result["competitors"][0]["leads"]]
    (1.0, ['Bo'])
    """
    weights = effective_influence(G) if influence is None else influence
    people = buying_center(G)
    total = sum(weights.get(n, 0.0) for n in people)
    competitors = G.graph.get("competitors") or {}
    rivals = sorted(competitors)
    # TRANSLATORS: our side (our company) as a party on a path or in the competition matrix.
    parties = [{"key": "us", "competitor_id": None, "name": pgettext("party", "us")}] + [
        {"key": f"competitor:{c}", "competitor_id": c, "name": _name(competitors[c])}
        for c in rivals]
    cells = {n: _cells(G, n, rivals) for n in people}
    leaders = {n: _leader(parties, cells[n]) for n in people}
    people_set = set(people)

    def share(k: int, members: list[int]) -> float:
        weight = sum(weights.get(n, 0.0) for n in members)
        if weight <= 0:
            return 0.0
        return sum(weights.get(n, 0.0) * (cells[n][k]["coverage"] or 0) / 4
                   for n in members) / weight

    def covered(k: int) -> list[int]:
        return [n for n in people if (cells[n][k]["coverage"] or 0) >= RELATIONSHIP_COVERAGE]

    ours = covered(0)
    ours_set = set(ours)
    led: dict[str, list[int]] = defaultdict(list)
    for n in people:
        if leaders[n] is not None:
            led[leaders[n]].append(n)
    report = []
    for k, c in enumerate(rivals, 1):
        theirs = covered(k)
        known = [n for n in people if cells[n][k]["preference"] is not None]
        known_weight = sum(weights.get(n, 0.0) for n in known)
        report.append({
            "competitor_id": c,
            "name": parties[k]["name"],
            "share": r6(share(k, people)),
            "preference_index": (
                r6(sum(weights.get(n, 0.0) * cells[n][k]["preference"] / 2 for n in known)
                   / known_weight) if known_weight > 0 else None),
            "covered": [person_ref(G, n) for n in theirs],
            "contested": [person_ref(G, n) for n in theirs if n in ours_set],
            "strongholds": [person_ref(G, n) for n in people if _stronghold(cells[n], k)],
            "leads": [person_ref(G, n) for n in led.get(parties[k]["key"], ())],
            "stronghold_departments": _departments(G, people, k, share),
        })
    nobody = [n for n in people
              if all((cell["coverage"] or 0) < CONTACT_COVERAGE for cell in cells[n])]
    return {
        "us": {"share": r6(share(0, people)) if total > 0 else 0.0,
               "covered": [person_ref(G, n) for n in ours]},
        "competitors": report,
        "blind_spots": [person_ref(G, n) for n in nobody],
        "matrix": {
            "parties": parties,
            "rows": [_row(G, n, parties, cells[n]) for n in people],
            "outside": [_row(G, n, parties, _cells(G, n, rivals)) for n in sorted(G)
                        if n not in people_set
                        and set(G.nodes[n].get("competitors") or ()) & set(rivals)],
        },
    }


def _row(G: nx.MultiDiGraph, n: int, parties: list[dict], cells: list[dict]) -> dict:
    """One person's line of the matrix: who leads, and each party's cell with its lead."""
    for k in range(1, len(parties)):
        cells[k]["lead"] = lead_against(cells, k)
    return {**person_ref(G, n), "department": G.nodes[n].get("department"),
            "influence": G.nodes[n].get("influence"), "leader": _leader(parties, cells),
            "cells": cells}


def _name(record: object) -> str | None:
    return record.get("name") if isinstance(record, dict) else None


def _cells(G: nx.MultiDiGraph, n: int, rivals: list[int]) -> list[dict]:
    data = G.nodes[n]
    cells = [{"coverage": our_coverage(G, n), "preference": data.get("attitude")}]
    positions = data.get("competitors") or {}
    for c in rivals:
        position = positions.get(c) or {}
        cells.append({"coverage": position.get("coverage"),
                      "preference": position.get("preference")})
    return cells


def _position(cell: dict) -> float:
    return (cell["preference"] or 0) / 2 + (cell["coverage"] or 0) / 4


def _leader(parties: list[dict], cells: list[dict]) -> str | None:
    """The key of the party with the strictly highest positive position, else ``None``."""
    scores = [_position(cell) for cell in cells]
    top = max(scores)
    if top <= 0 or scores.count(top) > 1:
        return None
    return parties[scores.index(top)]["key"]


def lead_against(cells: list[dict], k: int) -> str:
    """Who leads one person, seen against the competitor of ``cells[k]``: one of :data:`LEADS`.

    ``cells`` are the person's ``{"coverage", "preference"}`` per party, ours
    first (as in the report's matrix). The leader is the party with the
    strictly highest positive position p/2 + c/4; this names it from the
    competitor's side: ``us``, ``them`` (competitor ``k``), ``other`` (another
    competitor); ``contested`` for a tie at the top, ``nobody`` when no
    position is positive.

    >>> us = {"coverage": 2, "preference": 0}
    >>> rival = {"coverage": 2, "preference": 1}
    >>> lead_against([us, rival], 1), lead_against([rival, us], 1)
    ('them', 'us')
    >>> lead_against([us, us], 1), lead_against([{"coverage": 0, "preference": None}] * 2, 1)
    ('contested', 'nobody')
    >>> lead_against([us, us, rival], 1)
    'other'
    """
    scores = [_position(cell) for cell in cells]
    top = max(scores)
    if top <= 0:
        return "nobody"
    if scores.count(top) > 1:
        return "contested"
    winner = scores.index(top)
    return "us" if winner == 0 else "them" if winner == k else "other"


def _stronghold(cells: list[dict], k: int) -> bool:
    cell = cells[k]
    return ((cell["coverage"] or 0) >= STRONGHOLD_COVERAGE
            and (cell["preference"] is None or cell["preference"] >= 0)
            and (cell["coverage"] or 0) > (cells[0]["coverage"] or 0))


def _departments(G: nx.MultiDiGraph, people: list[int], k: int, share) -> list[dict]:
    groups: dict[str, list[int]] = defaultdict(list)
    for n in people:
        department = G.nodes[n].get("department")
        if department:
            groups[department].append(n)
    found = []
    for department in sorted(groups):
        members = groups[department]
        theirs, ours = share(k, members), share(0, members)
        if len(members) >= 2 and theirs >= STRONGHOLD_SHARE and theirs > ours:
            found.append({"department": department, "share": r6(theirs), "our_share": r6(ours)})
    return found
