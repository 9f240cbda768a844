"""Introduction paths: how our team gets to a person, and how reliably.

The rules a seller signs off, in order:

1. **Direct, when we already know them.** If someone on our team has a relationship
   of *acquainted* or better with the person (coverage
   :math:`s \\ge` :data:`~._people.RELATIONSHIP_COVERAGE`, 2), that team member goes
   direct: the one with the strongest relationship, the relationship's owner first on
   ties, then the lowest team-member id. Reliability :math:`r = s / 4`.
2. **Through an introducer we can reach.** Otherwise an ally *A* (attitude ≥ +1 or
   the coach role) can introduce us, but only if someone on our team reaches *A*
   (coverage :math:`s_A \\ge 2`; the team member is chosen as in rule 1) and *A* has an
   ``allied``, ``influences`` or ``reports_to`` relationship with the person, in
   either direction (strength :math:`t \\in \\{1, 2, 3\\}`, the strongest of parallel
   edges), and no ``conflict`` with them. Reliability
   :math:`r = \\frac{s_A}{4} \\cdot \\frac{t}{4}`: the team member asks *A*, *A*
   introduces us. A weaker contact of our own (coverage 1, *aware*) is a direct path
   with :math:`r = 1/4`; the more reliable of the two is taken (direct on ties, then
   owner first, then the lowest introducer and team-member ids).
3. **Cold.** Without a warm path — or with none more reliable than a cold approach —
   :math:`r =` :data:`COLD_RELIABILITY` (0.1). The account lead (lowest id) opens the
   door; with none, nobody on the team is named.

Consequences, checked by the tests:

* every hop through a customer person costs a factor :math:`t/4 \\le 3/4`, so no
  chain of introductions is as reliable as a direct relationship of the same
  strength, and a strength-3 tie passes an introduction with 3/4, not certainty;
* introducers are only people our team reaches: nobody introduces us on the
  say-so of another customer (a CEO set to +1 whom nobody on our team has met is
  not an introducer), so a path has at most one customer hop before the target;
* the weakest warm path, :math:`\\frac{2}{4} \\cdot \\frac{1}{4} = 0.125`, is
  above the cold approach: a warm path never scores below it.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from ._people import RELATIONSHIP_COVERAGE, is_ally, relationships

__all__ = ["COLD_RELIABILITY", "Introduction", "introductions", "relationship_reliability",
           "coverage_reliability"]

#: Reliability of a cold approach when no warm introduction path exists.
COLD_RELIABILITY = 0.1
#: Relationship types an ally can pass an introduction along (either direction).
INTRODUCING = ("allied", "influences", "reports_to")
_COVERAGE_SCALE = 4.0
_RELATIONSHIP_SCALE = 4.0


def coverage_reliability(strength: int) -> float:
    """Reliability of our own relationship of coverage ``strength`` (0–4): ``s / 4``.

    >>> coverage_reliability(3)
    0.75
    """
    return max(strength, 0) / _COVERAGE_SCALE


def relationship_reliability(strength: float) -> float:
    """Chance an ally passes an introduction along a tie of ``strength`` (1–3): ``t / 4``.

    >>> relationship_reliability(3)
    0.75
    """
    return max(strength, 0) / _RELATIONSHIP_SCALE


@dataclass(frozen=True)
class Introduction:
    """How our team reaches one person.

    ``starter`` is the team member who starts the path (the one who meets the person,
    asks the introducer, or opens the door cold; ``None`` if nobody on our team is
    named); ``coverage`` that member's strength with the first person they meet;
    ``introducer`` the ally who introduces us (``None`` when direct or cold) and
    ``relationship`` / ``strength`` the introducer's tie to the person.
    """

    reliability: float
    starter: int | None
    coverage: int | None = None
    introducer: int | None = None
    relationship: str | None = None
    strength: float | None = None

    @property
    def warm(self) -> bool:
        """A path through a relationship of ours (direct or introduced)."""
        return self.coverage is not None


def introductions(G: nx.MultiDiGraph, targets) -> dict[int, Introduction]:
    """The best way to each of ``targets`` (see the module docstring).

    Examples
    --------
    >>> G = nx.MultiDiGraph(team={7: {"id": 7, "name": "Ann"}})
    >>> G.add_node(1, attitude=1, roles=[], coverage=[{"team_member_id": 7, "strength": 4,
    ...                                               "owner": True}])
    >>> G.add_node(2, attitude=None, roles=[], coverage=[])
    >>> _ = G.add_edge(2, 1, key="reports_to", type="reports_to", strength=3)
    >>> way = introductions(G, [1, 2])[2]
    >>> way.reliability, way.starter, way.introducer, way.relationship
    (0.75, 7, 1, 'reports_to')
    """
    team = G.graph.get("team") or {}
    holders = {n: _holders(G, n, team) for n in G}
    ties: dict[int, dict[int, tuple[float, str]]] = {}
    conflicts: set[tuple[int, int]] = set()
    for u, w, kind, strength in relationships(G):
        if kind == "conflict":
            conflicts.update(((u, w), (w, u)))
        elif kind in INTRODUCING:
            for a, b in ((u, w), (w, u)):
                best = ties.setdefault(b, {}).get(a)
                if best is None or (strength, _rank(kind)) > (best[0], _rank(best[1])):
                    ties[b][a] = (strength, kind)
    introducers = {n for n in G if is_ally(G.nodes[n]) and holders[n]
                   and holders[n][0][0] >= RELATIONSHIP_COVERAGE}
    opener = _account_lead(team)
    out = {}
    for n in targets:
        out[n] = _best(n, holders[n], ties.get(n, {}), introducers, holders, conflicts, opener)
    return out


def _best(n, own, ties, introducers, holders, conflicts, opener) -> Introduction:
    options = []
    if own:
        strength, _, member = own[0]
        direct = Introduction(coverage_reliability(strength), member, strength)
        if strength >= RELATIONSHIP_COVERAGE:
            return direct
        options.append(((-direct.reliability, 0, 0, 0, 0), direct))
    for a, (t, kind) in ties.items():
        if a == n or a not in introducers or (a, n) in conflicts:
            continue
        strength, owner_first, member = holders[a][0]
        r = coverage_reliability(strength) * relationship_reliability(t)
        options.append(((-r, 1, owner_first, a, member),
                         Introduction(r, member, strength, a, kind, t)))
    if options:
        key, best = min(options, key=lambda item: item[0])
        if best.reliability >= COLD_RELIABILITY:
            return best
    return Introduction(COLD_RELIABILITY, opener)


def _holders(G: nx.MultiDiGraph, n: int, team) -> list[tuple[int, int, int]]:
    """Our relationships with ``n`` as ``(strength, 0 if owner else 1, member)``, best first."""
    rows = [(c["strength"] or 0, 0 if c.get("owner") else 1, c["team_member_id"])
            for c in G.nodes[n].get("coverage") or ()
            if c["team_member_id"] in team and (c["strength"] or 0) > 0]
    return sorted(rows, key=lambda row: (-row[0], row[1], row[2]))


def _rank(kind: str) -> int:
    """Among equally strong parallel ties, the one reported: allied, influences, reports_to."""
    return -INTRODUCING.index(kind)


def _account_lead(team) -> int | None:
    leads = sorted(t for t, member in team.items()
                   if isinstance(member, dict) and member.get("role") == "account_lead")
    return leads[0] if leads else None
