"""Ally expansion: whom to win next, through whom, with which activity.

**Targets** are buying-center members below champion (attitude < +2 or
unknown). For each target there is exactly one plan:

1. *Introduction path* — the most reliable chain from us to the target, over a
   derived graph: a virtual *us* node → each team member (reliability 1) →
   stakeholders they cover (reliability ``strength / 4``); stakeholders who are
   allies (attitude ≥ +1, or coaches) → people they have an ``allied``,
   ``influences`` or ``reports_to`` relationship with, either direction
   (reliability ``strength / 3``). ``conflict`` edges never carry introductions.
   The path maximises the product of reliabilities :math:`r = \\prod_e r_e`,
   found by one Dijkstra from *us* on edge costs :math:`-\\log r_e`. A target
   with no warm path gets a cold approach, reliability :data:`COLD_RELIABILITY`.
   The *introducer* is the last person on the path before the target.
2. *Activity* by the target's state: a decision maker or approver at level 1–2
   gets an ``executive_visit`` (for top executives the first meeting is itself
   a peer visit); otherwise no relationship with us (coverage < 1) or unknown
   attitude → ``ice_breaking``; attitude ≤ −1 → ``turn_attitude``; 0 →
   ``workshop`` for evaluators and users, else ``turn_attitude``; +1 → ``deepen``.
3. *Move model* — a successful activity raises the attitude by one step
   (unknown counts as its prior 0). It succeeds with probability
   :math:`p = b(\\text{activity}, a) \\cdot r` where :math:`b` is
   :data:`BASE_SUCCESS` (turning a −2 opponent uses :data:`HOSTILE_SUCCESS`),
   so the expected move is :math:`p` attitude points, i.e. :math:`\\delta = p / 2`
   on the forecast scale.
4. *Gain* — the forecast is linear in starting opinions, so the expected change
   of the deal forecast is exactly :math:`G_j = c_j \\, \\delta_j` with leverage
   :math:`c` from :meth:`~powermap.analysis.forecast.ForecastModel.leverage`.

Plans for different people add up (:math:`D(x_0 + \\sum_j \\delta_j e_j) = D(x_0)
+ \\sum_j G_j`), one plan per person, so the top-*k* plans by gain are the exact
optimum over all *k*-subsets.

``summary``, ``attitude_label`` and ``activity_label`` are in the current language
(:mod:`powermap.i18n`); ``activity`` and the path's ``kind`` stay codes.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import dijkstra

from .. import aliases
from .. import vocabulary as v
from ..i18n import _, pgettext
from ._people import (
    CONTACT_COVERAGE,
    buying_center,
    is_ally,
    join,
    our_coverage,
    r6,
    relationships,
    role_label,
)
from .forecast import ForecastModel, forecast_model

__all__ = ["BASE_SUCCESS", "COLD_RELIABILITY", "choose_activity", "plan_allies",
           "suggest_allies"]

#: Chance that an activity, reached with reliability 1, moves the attitude one step.
BASE_SUCCESS: dict[str, float] = {
    "ice_breaking": 0.5,
    "turn_attitude": 0.35,
    "workshop": 0.5,
    "deepen": 0.7,
    "executive_visit": 0.6,
}
#: Success of ``turn_attitude`` on an opponent at −2.
HOSTILE_SUCCESS = 0.2
#: Reliability of a cold approach when no warm introduction path exists.
COLD_RELIABILITY = 0.1
#: Reliability of one edge: coverage strength / 4, relationship strength / 3.
_COVERAGE_SCALE, _RELATIONSHIP_SCALE = 4.0, 3.0
_INTRODUCING = ("allied", "influences", "reports_to")
_EPSILON = 1e-9  # keeps zero-cost edges explicit and prefers shorter paths on ties


def choose_activity(attitude: int | None, roles: list[str], level: int | None,
                    coverage: int) -> str:
    """The activity for a target (see module docstring, step 2).

    Examples
    --------
    >>> choose_activity(None, ["user"], 4, 0), choose_activity(1, ["user"], 4, 3)
    ('ice_breaking', 'deepen')
    >>> choose_activity(0, ["decision_maker"], 1, 0)
    'executive_visit'
    """
    if {"decision_maker", "approver"} & set(roles) and level in (1, 2):
        return "executive_visit"
    if attitude is None or coverage < CONTACT_COVERAGE:
        return "ice_breaking"
    if attitude < 0:
        return "turn_attitude"
    if attitude == 0:
        return "workshop" if {"evaluator", "user"} & set(roles) else "turn_attitude"
    return "deepen"


def plan_allies(G: nx.MultiDiGraph, *, influence: dict[int, float] | None = None,
                model: ForecastModel | None = None) -> list[dict]:
    """One plan per target, best first (gain, then id), including zero-gain plans.

    Each plan is a dict as in :func:`suggest_allies`, with the unrounded ``gain``.
    """
    return _plans(G, influence, model, top=None)


def suggest_allies(G: nx.MultiDiGraph, *, top: int = 10,
                   influence: dict[int, float] | None = None,
                   model: ForecastModel | None = None) -> list[dict]:
    """The ``top`` ally-expansion plans with a positive expected gain, best first.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A power-map graph.
    top : int
        How many plans to return.
    influence, model : optional
        Precomputed effective influence / :class:`ForecastModel`.

    Returns
    -------
    list of dict
        ``rank``, ``stakeholder_id``, ``name``, ``roles``, ``attitude``,
        ``attitude_label``, ``activity``, ``activity_label``, ``introducer``
        (``{"kind", "id", "name"}``, the team member or ally who makes the
        introduction; ``None`` for a cold approach), ``path`` (from ``us`` to the
        target), ``warm``, ``reliability``, ``success_probability``,
        ``expected_move`` (attitude points), ``gain`` (expected change of the
        deal forecast, exact under the forecast model) and ``summary``.

    Examples
    --------
    >>> G = nx.MultiDiGraph(team={7: {"id": 7, "name": "Ann"}})
    >>> G.add_node(1, name="Bo", in_buying_center=True, attitude=0, roles=["evaluator"],
    ...            influence=3, level=3,
    ...            coverage=[{"team_member_id": 7, "strength": 4, "owner": True}])
    >>> plan = suggest_allies(G)[0]
    >>> plan["activity"], plan["introducer"]["name"], plan["gain"]
    ('workshop', 'Ann', 0.25)
    """
    plans = _plans(G, influence, model, top=max(top, 0))
    for plan in plans:
        for key in ("reliability", "success_probability", "expected_move", "gain"):
            plan[key] = r6(plan[key])
    return plans


def _plans(G: nx.MultiDiGraph, influence: dict[int, float] | None,
           model: ForecastModel | None, top: int | None) -> list[dict]:
    """Score every target cheaply, then build full plans for the best ``top`` (all if None)."""
    model = forecast_model(G, influence=influence) if model is None else model
    leverage = model.leverage()
    reach = _Reach(G)
    scored = []
    for n in buying_center(G):
        data = G.nodes[n]
        attitude = data.get("attitude")
        if attitude is not None and attitude >= 2:
            continue
        activity = choose_activity(attitude, data.get("roles") or [], data.get("level"),
                                   our_coverage(G, n))
        reliability = reach.reliability.get(n, COLD_RELIABILITY)
        base = HOSTILE_SUCCESS if activity == "turn_attitude" and attitude == -2 \
            else BASE_SUCCESS[activity]
        probability = base * reliability
        gain = float(leverage[model.index[n]]) * probability / 2
        scored.append((gain, n, activity, reliability, probability))
    scored.sort(key=lambda item: (-round(item[0], 12), item[1]))
    if top is not None:
        scored = [item for item in scored if item[0] > 0][:top]
    plans = []
    for rank, (gain, n, activity, reliability, probability) in enumerate(scored, 1):
        data = G.nodes[n]
        roles = list(data.get("roles") or [])
        path = reach.path(n)
        warm = path is not None
        if not warm:
            path = [{"kind": "us", "id": None, "name": _us()},
                    {"kind": "stakeholder", "id": n, "name": data.get("name")}]
        introducer = path[-2] if warm and path[-2]["kind"] != "us" else None
        plans.append({
            "rank": rank,
            "stakeholder_id": n,
            "name": data.get("name"),
            "roles": roles,
            "attitude": data.get("attitude"),
            "attitude_label": v.attitude_label(data.get("attitude")),
            "activity": activity,
            "activity_label": aliases.label("action_type", activity),
            "introducer": introducer,
            "path": path,
            "warm": warm,
            "reliability": reliability,
            "success_probability": probability,
            "expected_move": probability,
            "gain": gain,
            "summary": _summary(data, roles, activity, introducer, path, gain),
        })
    return plans


class _Reach:
    """Most reliable introduction paths from *us* (one Dijkstra over a derived graph).

    Nodes: 0 = us, then team members, then stakeholders (ascending ids). Edge
    reliabilities are kept exactly; Dijkstra runs on ``-log(r) + ε`` and the
    reliability of each path is the exact product along the predecessor chain.
    """

    def __init__(self, G: nx.MultiDiGraph):
        self.G = G
        team = G.graph.get("team") or {}
        self.team = sorted(team)
        people = sorted(G.nodes)
        self.labels = [("us", None)] + [("team_member", t) for t in self.team] + \
            [("stakeholder", n) for n in people]
        member = {t: i for i, t in enumerate(self.team, 1)}
        offset = 1 + len(self.team)
        at = {n: offset + i for i, n in enumerate(people)}
        self.at = at
        self.names = {t: (team[t].get("name") if isinstance(team[t], dict) else None)
                      for t in self.team}
        best: dict[tuple[int, int], float] = {}

        def link(a: int, b: int, r: float) -> None:
            if r > 0 and best.get((a, b), 0.0) < r:
                best[(a, b)] = min(r, 1.0)

        for i in member.values():
            link(0, i, 1.0)
        for n in people:
            for c in G.nodes[n].get("coverage") or ():
                if c["team_member_id"] in member:
                    link(member[c["team_member_id"]], at[n], (c["strength"] or 0) / _COVERAGE_SCALE)
        allies = {n for n in people if is_ally(G.nodes[n])}
        for u, w, kind, strength in relationships(G):
            if kind in _INTRODUCING:
                r = strength / _RELATIONSHIP_SCALE
                if u in allies:
                    link(at[u], at[w], r)
                if w in allies:
                    link(at[w], at[u], r)
        self.best = best
        self.reliability: dict[int, float] = {}
        self.predecessors = np.full(len(self.labels), -9999)
        if not best:
            return
        keys = list(best)
        values = np.array([best[k] for k in keys])
        graph = sp.csr_matrix(
            (-np.log(values) + _EPSILON, ([k[0] for k in keys], [k[1] for k in keys])),
            shape=(len(self.labels), len(self.labels)))
        distance, self.predecessors = dijkstra(graph, directed=True, indices=0,
                                               return_predecessors=True)
        exact = np.zeros(len(self.labels))
        exact[0] = 1.0
        for j in np.argsort(distance, kind="stable")[1:]:
            p = self.predecessors[j]
            if p < 0:
                break  # unreachable nodes sort last (infinite distance)
            exact[j] = exact[p] * best[(int(p), int(j))]
        self.reliability = {n: float(exact[at[n]]) for n in people
                            if self.predecessors[at[n]] >= 0}

    def path(self, n: int) -> list[dict] | None:
        """The path ``us → … → n`` as ``{"kind", "id", "name"}`` steps, or None."""
        j = self.at[n]
        if self.predecessors[j] < 0:
            return None
        chain = [j]
        while chain[-1] != 0:
            chain.append(int(self.predecessors[chain[-1]]))
        steps = []
        for i in reversed(chain):
            kind, key = self.labels[i]
            name = _us() if kind == "us" else self.names[key] if kind == "team_member" \
                else self.G.nodes[key].get("name")
            steps.append({"kind": kind, "id": key, "name": name})
        return steps


def _us() -> str:
    # TRANSLATORS: our side (our company) as a party on a path or in the competition matrix.
    return pgettext("party", "us")


def _summary(data: dict, roles: list[str], activity: str, introducer: dict | None,
             path: list[dict], gain: float) -> str:
    """Why this person, through whom, with which activity: one sentence."""
    who = data.get("name")
    if roles:
        who = _("%(person)s (%(roles)s, %(attitude)s)", person=who,
                roles=join(role_label(r) for r in roles),
                attitude=v.attitude_label(data.get("attitude")))
    how = aliases.label("action_type", activity).lower()
    gain_text = f"{gain:+.3f}"
    if introducer is None:
        return _("Win %(person)s through %(activity)s, by a cold approach (no warm introduction "
                 "path); expected forecast gain %(gain)s.", person=who, activity=how,
                 gain=gain_text)
    route = " → ".join(p["name"] or "?" for p in path[1:])
    return _("Win %(person)s through %(activity)s, introduced by %(introducer)s along "
             "%(route)s; expected forecast gain %(gain)s.", person=who, activity=how,
             introducer=introducer["name"], route=route, gain=gain_text)
