"""Ally expansion: whom to win next, through whom, with which activity.

**Targets** are buying-center members below champion (attitude < +2 or
unknown). For each target there is exactly one plan:

1. *Introduction path* — how our team gets to the target and how reliably
   (:mod:`.introductions`): direct through the team member who holds a
   relationship of acquainted or better (the owner first on ties), else through an
   ally our team reaches, else a cold approach. The reliability :math:`r` is
   :math:`s/4` direct, :math:`s_A/4 \\cdot t/4` through an introducer *A*, and
   :data:`COLD_RELIABILITY` cold. The plan names each hop as a *step*, and its
   *owner* is the team member who starts the path.
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

from .. import aliases
from .. import vocabulary as v
from ..i18n import _, pgettext
from ._people import CONTACT_COVERAGE, buying_center, join, our_coverage, r6, role_label
from .forecast import ForecastModel, forecast_model
from .introductions import COLD_RELIABILITY, Introduction, introductions
from .planning import open_action, planned

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
        deal forecast, exact under the forecast model), ``summary``, ``owner`` (the
        team member who starts the path), ``steps`` (each hop, with its sentence) and
        ``planned`` (the open action for this person and activity: ``action_id``,
        ``status``, ``owner``, ``due_date``; ``None`` if not planned).

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
    targets = [n for n in buying_center(G)
               if G.nodes[n].get("attitude") is None or G.nodes[n]["attitude"] < 2]
    ways = introductions(G, targets)
    scored = []
    for n in targets:
        data = G.nodes[n]
        attitude = data.get("attitude")
        activity = choose_activity(attitude, data.get("roles") or [], data.get("level"),
                                   our_coverage(G, n))
        reliability = ways[n].reliability
        base = HOSTILE_SUCCESS if activity == "turn_attitude" and attitude == -2 \
            else BASE_SUCCESS[activity]
        probability = base * reliability
        gain = float(leverage[model.index[n]]) * probability / 2
        scored.append((gain, n, activity, reliability, probability))
    scored.sort(key=lambda item: (-round(item[0], 12), item[1]))
    if top is not None:
        scored = [item for item in scored if item[0] > 0][:top]
    actions = G.graph.get("actions") or []
    team = G.graph.get("team") or {}
    plans = []
    for rank, (gain, n, activity, reliability, probability) in enumerate(scored, 1):
        data = G.nodes[n]
        roles = list(data.get("roles") or [])
        way = ways[n]
        path = _path(G, n, way)
        introducer = path[-2] if way.warm else None
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
            "owner": _member(G, way.starter),
            "path": path,
            "steps": _steps(G, n, way),
            "warm": way.warm,
            "reliability": reliability,
            "success_probability": probability,
            "expected_move": probability,
            "gain": gain,
            "summary": _summary(data, roles, activity, introducer, path, gain),
            "planned": planned(open_action(actions, n, activity), team),
        })
    return plans


def _member(G: nx.MultiDiGraph, member: int | None) -> dict | None:
    """A team member as a path step ``{"kind": "team_member", "id", "name"}``."""
    if member is None:
        return None
    record = (G.graph.get("team") or {}).get(member)
    return {"kind": "team_member", "id": member,
            "name": record.get("name") if isinstance(record, dict) else None}


def _person(G: nx.MultiDiGraph, n: int) -> dict:
    return {"kind": "stakeholder", "id": n, "name": G.nodes[n].get("name")}


def _path(G: nx.MultiDiGraph, n: int, way: Introduction) -> list[dict]:
    """``us → team member → [introducer →] target``; a cold approach is ``us → target``."""
    path = [{"kind": "us", "id": None, "name": _us()}]
    if way.warm:
        path.append(_member(G, way.starter))
        if way.introducer is not None:
            path.append(_person(G, way.introducer))
    return [*path, _person(G, n)]


def _steps(G: nx.MultiDiGraph, n: int, way: Introduction) -> list[dict]:
    """Each hop of the path as a step a person can act on, with its sentence."""
    target = _person(G, n)
    member = _member(G, way.starter)
    if not way.warm:
        text = _("%(member)s approaches %(person)s without an introduction.",
                 member=member["name"], person=target["name"]) if member else \
            _("We approach %(person)s without an introduction.", person=target["name"])
        return [{"kind": "cold", "from": member, "to": target, "relationship": None,
                 "strength": None, "text": text}]
    coverage = aliases.label("coverage", way.coverage)
    if way.introducer is None:
        return [{"kind": "direct", "from": member, "to": target, "relationship": None,
                 "strength": way.coverage,
                 "text": _("%(member)s meets %(person)s directly (our relationship: "
                           "%(coverage)s).", member=member["name"], person=target["name"],
                           coverage=coverage)}]
    introducer = _person(G, way.introducer)
    strength = int(way.strength or 0)
    return [
        {"kind": "ask", "from": member, "to": introducer, "relationship": None,
         "strength": way.coverage,
         "text": _("%(member)s asks %(introducer)s for an introduction to %(person)s (our "
                   "relationship: %(coverage)s).", member=member["name"],
                   introducer=introducer["name"], person=target["name"], coverage=coverage)},
        {"kind": "introduction", "from": introducer, "to": target,
         "relationship": way.relationship, "strength": strength,
         "text": _("%(introducer)s introduces us to %(person)s (%(relationship)s, strength "
                   "%(strength)d).", introducer=introducer["name"], person=target["name"],
                   relationship=aliases.label("relationship_type", way.relationship).lower(),
                   strength=strength)},
    ]


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
    if introducer["kind"] == "team_member":
        return _("Win %(person)s through %(activity)s, approached directly by %(member)s "
                 "(our own relationship); expected forecast gain %(gain)s.", person=who,
                 activity=how, member=introducer["name"], gain=gain_text)
    route = " → ".join(p["name"] or "?" for p in path[1:])
    return _("Win %(person)s through %(activity)s, introduced by %(introducer)s along "
             "%(route)s; expected forecast gain %(gain)s.", person=who, activity=how,
             introducer=introducer["name"], route=route, gain=gain_text)
