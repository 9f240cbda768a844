"""Campaign planner: widen the circle of allies week by week until the bid.

:func:`plan_campaign` turns a power map into a :class:`~.campaign_model.Problem`
(the ally-expansion plans of :mod:`.expansion` for the candidates, the leverage of
:mod:`.forecast`, the ties along which a won ally can introduce others), searches
it (:func:`~.campaign_search.greedy`) and explains every step: why this person,
why in this week. The model and its formulas are in :mod:`.campaign_model` and
``docs/campaign.md``. Sentences are in the current language; codes stay codes.
"""

from __future__ import annotations

import datetime as dt

import networkx as nx

from .. import aliases
from ..i18n import _
from ._people import (
    RELATIONSHIP_COVERAGE,
    as_date,
    buying_center,
    join,
    our_coverage,
    r6,
    relationships,
)
from .campaign_model import DEFAULT_CAPACITY, Candidate, Problem, Step
from .campaign_search import greedy
from .expansion import BASE_SUCCESS, HOSTILE_SUCCESS, plan_allies
from .forecast import forecast_model
from .introductions import INTRODUCING

__all__ = ["DEFAULT_WEEKS", "MAX_WEEKS", "build_problem", "campaign_weeks", "plan_campaign"]

#: Horizon without a bid date (or with one already past).
DEFAULT_WEEKS = 12
#: The longest horizon planned.
MAX_WEEKS = 52


def campaign_weeks(today: dt.date, until: object) -> int:
    """Whole weeks from ``today`` to ``until`` (the bid date), at most :data:`MAX_WEEKS`.

    >>> day = dt.date(2026, 11, 30)
    >>> campaign_weeks(day, "2026-12-28"), campaign_weeks(day, None)
    (4, 12)
    """
    day = as_date(until)
    if day is None or day <= today:
        return DEFAULT_WEEKS
    return max(1, min(MAX_WEEKS, (day - today).days // 7))


def build_problem(G: nx.MultiDiGraph, *, weeks: int, capacity: int = DEFAULT_CAPACITY,
                  plans: list[dict] | None = None) -> Problem:
    """The campaign problem of a map (see :mod:`.campaign_model`)."""
    model = forecast_model(G)
    leverage = model.leverage()
    x, _, _ = model.equilibrium()
    team = sorted(G.graph.get("team") or {})
    plans = plan_allies(G, model=model) if plans is None else plans
    ids = {p["stakeholder_id"] for p in plans}
    ties: dict[int, dict[int, float]] = {}
    conflicts = set()
    for u, w, kind, strength in relationships(G):
        if kind == "conflict":
            conflicts.update(((u, w), (w, u)))
        elif kind in INTRODUCING:
            for a, b in ((u, w), (w, u)):
                if a != b and a in ids and b in ids:
                    ties.setdefault(b, {})[a] = max(strength, ties.get(b, {}).get(a, 0))
    candidates = {}
    for plan in plans:
        n = plan["stakeholder_id"]
        attitude = G.nodes[n].get("attitude")
        starter = plan["owner"]["id"] if plan["owner"] else (team[0] if team else None)
        base = HOSTILE_SUCCESS if plan["activity"] == "turn_attitude" and attitude == -2 \
            else BASE_SUCCESS[plan["activity"]]
        candidates[n] = Candidate(
            n, base, float(leverage[model.index[n]]), plan["reliability"], starter,
            (attitude or 0) >= 0 or "coach" in plan["roles"], our_coverage(G, n),
            {a: t for a, t in sorted(ties.get(n, {}).items()) if (a, n) not in conflicts})
    dm = _decision_maker(G, model)
    return Problem(candidates, max(weeks, 0),
                   {m: capacity for m in team} if team else {None: capacity},
                   model.deal(x) or 0.0, dm,
                   dm is not None and our_coverage(G, dm) >= RELATIONSHIP_COVERAGE)


def plan_campaign(G: nx.MultiDiGraph, *, today: dt.date, until: object = None,
                  capacity: int = DEFAULT_CAPACITY) -> dict:
    """The campaign of one opportunity's graph, as a JSON-ready document.

    ``until`` defaults to the bid date. Keys: ``today``, ``until``, ``weeks``,
    ``capacity``, ``deal_initial``, ``deal_expected``, ``value``,
    ``decision_maker`` (``stakeholder_id``, ``name``, ``reach_probability``;
    ``None`` without one) and ``steps``, each with ``week``, ``week_start``,
    ``stakeholder_id``, ``name``, ``activity`` / ``activity_label``, ``owner``,
    ``introducer`` (an ally, today's or won earlier in the campaign; ``None`` when
    direct or cold), ``won_introducer`` (the introducer was won by this campaign),
    ``reliability``, ``success_probability``, ``gain``, ``path`` (today's sentences
    of the hops) and ``why`` (sentences: why this person, why now).
    """
    until = as_date(until) or as_date((G.graph.get("opportunity") or {}).get("bid_date"))
    weeks = campaign_weeks(today, until)
    plans = plan_allies(G)
    problem = build_problem(G, weeks=weeks, capacity=capacity, plans=plans)
    value, steps = greedy(problem)
    by_id = {p["stakeholder_id"]: p for p in plans}
    reach = 1.0 if problem.reached else next(
        (s.reliability for s in steps if s.person == problem.decision_maker), 0.0)
    dm = problem.decision_maker
    return {
        "today": today.isoformat(),
        "until": until.isoformat() if until and until > today else None,
        "weeks": weeks,
        "capacity": capacity,
        "deal_initial": r6(problem.deal),
        "deal_expected": r6(problem.deal + sum(s.gain for s in steps)),
        "value": r6(value),
        "decision_maker": None if dm is None else {
            "stakeholder_id": dm, "name": G.nodes[dm].get("name"),
            "already_reached": problem.reached, "reach_probability": r6(reach)},
        "steps": [_step(G, s, steps, by_id, problem, today) for s in steps],
    }


def _step(G, step: Step, steps: list[Step], plans: dict, problem: Problem,
          today: dt.date) -> dict:
    plan = plans[step.person]
    introducer, won = None, False
    if step.introducer is not None:
        introducer, won = step.introducer, True
    elif plan["introducer"] and plan["introducer"]["kind"] == "stakeholder":
        introducer = plan["introducer"]["id"]
    team = G.graph.get("team") or {}
    owner = team.get(step.owner) if step.owner is not None else None
    return {
        "week": step.week,
        "week_start": (today + dt.timedelta(days=7 * (step.week - 1))).isoformat(),
        "stakeholder_id": step.person,
        "name": G.nodes[step.person].get("name"),
        "activity": plan["activity"],
        "activity_label": aliases.label("action_type", plan["activity"]),
        "owner": None if step.owner is None else {
            "kind": "team_member", "id": step.owner,
            "name": owner.get("name") if isinstance(owner, dict) else None},
        "introducer": None if introducer is None else {
            "kind": "stakeholder", "id": introducer, "name": G.nodes[introducer].get("name")},
        "won_introducer": won,
        "reliability": r6(step.reliability),
        "success_probability": r6(step.probability),
        "gain": r6(step.gain),
        "path": [hop["text"] for hop in plan["steps"]] if not won else [],
        "why": _why(G, step, steps, plan, problem, introducer, won),
    }


def _why(G, step: Step, steps: list[Step], plan: dict, problem: Problem,
         introducer: int | None, won: bool) -> list[str]:
    """Why this person in this week, as whole sentences."""
    name = G.nodes[step.person].get("name")
    out = []
    if won:
        out.append(_("After %(introducer)s is won (week %(week)d), %(introducer)s can "
                     "introduce us to %(person)s.", introducer=G.nodes[introducer].get("name"),
                     week=next(s.week for s in steps if s.person == introducer),
                     person=name))
    elif introducer is not None and "coach" in (G.nodes[introducer].get("roles") or ()):
        out.append(_("Our coach %(introducer)s can introduce us to %(person)s now.",
                     introducer=G.nodes[introducer].get("name"), person=name))
    elif introducer is not None:
        out.append(_("%(introducer)s is already an ally and can introduce us to %(person)s "
                     "now.", introducer=G.nodes[introducer].get("name"), person=name))
    elif plan["warm"]:
        out.append(_("Our team already knows %(person)s, so this can start now.", person=name))
    else:
        out.append(_("No warm introduction path to %(person)s opens before the bid; this is "
                     "a cold approach.", person=name))
    opened = [s.person for s in steps if s.introducer == step.person]
    if opened:
        out.append(_("Once won, %(person)s can introduce us to %(people)s in a later week.",
                     person=name, people=join(G.nodes[p].get("name") for p in opened)))
    if step.person == problem.decision_maker:
        out.append(_("%(person)s is the top decision maker: this step reaches them before "
                     "the bid.", person=name))
    return out


def _decision_maker(G: nx.MultiDiGraph, model) -> int | None:
    """The buying-center decision maker with the largest decision weight (lowest id on ties)."""
    makers = [n for n in buying_center(G) if "decision_maker" in (G.nodes[n].get("roles") or ())]
    if not makers:
        return None
    return max(makers, key=lambda n: (model.w[model.index[n]], -n))
