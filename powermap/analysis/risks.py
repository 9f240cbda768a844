"""Risk flags for a deal review, and a red/amber/green health.

Each flag carries a ``code``, a ``severity`` (``high``, ``medium``, ``low``),
a title, a message, the people involved, a department where it applies and a
suggested remedy. Thresholds:

* *contacted*: at least one of our team has a coverage entry of strength ≥ 1;
* *reached* (a relationship): coverage strength ≥ 2; *strong*: ≥ 3 (the
  coverage thresholds are shared by every analysis, in :mod:`._people`);
* *high influence*: declared influence ≥ :data:`HIGH_INFLUENCE` (4);
* *champion*: attitude +2 or the ``coach`` role; *weak*: declared influence ≤ 2;
* *stale*: scores verified, or our latest contact, more than
  :data:`STALE_DAYS` (90) days before ``today``.

In the last 30 days before the bid, flags about the decision maker, the coach and
single-threading are raised one severity step and say why (:mod:`.urgency`). Remedies
name whom to ask (the coach, else a champion) and never ask a coach the deal lacks; a
missing coach is said once (``no_coach``, or ``required_role_unfilled`` when there is a
champion).

Health: **red** if any flag is high, **amber** if any is medium (after escalation), else
**green**.

Titles, messages and remedies are sentences in the current language (see
:mod:`powermap.i18n`), written when the flags are computed; codes and severities stay
English.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import networkx as nx

from .. import vocabulary as v
from ..i18n import _, _l, format_percent, ngettext
from . import action_flags
from ._people import (
    CONTACT_COVERAGE,
    RELATIONSHIP_COVERAGE,
    STRONG_COVERAGE,
    as_date,
    buying_center,
    join,
    our_coverage,
    person_ref,
    role_label,
)
from .competition import competitor_coverage
from .ranking import effective_influence
from .urgency import days_to_bid, escalate

__all__ = ["CODES", "STALE_DAYS", "HIGH_INFLUENCE", "risk_flags"]

STALE_DAYS = 90
HIGH_INFLUENCE = 4
WEAK_INFLUENCE = 2
SEVERITIES = ("high", "medium", "low")
#: Every flag code, in report order within a severity.
CODES = (
    "top_decision_maker_not_contacted",
    "decision_maker_not_supportive",
    "no_coach",
    "weak_champion",
    "single_threaded",
    "single_threaded_department",
    "high_influence_opponent",
    "high_influence_unknown",
    "competitor_leads_decision_maker",
    "competitor_stronghold",
    "required_role_unfilled",
    "uncoordinated_coverage",
    "champion_decision_maker_conflict",
    "stale_scores",
    "stale_contacts",
    *action_flags.CODES,
)


def risk_flags(G: nx.MultiDiGraph, *, today: dt.date,
               influence: dict[int, float] | None = None,
               competition: dict | None = None) -> dict:
    """Every risk flag of the deal and its health.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A power-map graph.
    today : datetime.date
        Staleness is measured against this date.
    influence : dict, optional
        Precomputed effective influence.
    competition : dict, optional
        Precomputed :func:`~powermap.analysis.competition.competitor_coverage`.

    Returns
    -------
    dict
        ``health`` (``"red"``, ``"amber"``, ``"green"``), ``counts`` per severity
        and ``flags`` (by severity, then :data:`CODES` order, then people).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node(1, name="Ann", in_buying_center=True, roles=["decision_maker", "coach"],
    ...            influence=5, attitude=2, level=1, coverage=[], competitors={})
    >>> result = risk_flags(G, today=dt.date(2025, 1, 1))
    >>> result["health"], [f["code"] for f in result["flags"]][:2]
    ('red', ['top_decision_maker_not_contacted', 'single_threaded'])
    """
    weights = effective_influence(G) if influence is None else influence
    competition = competitor_coverage(G, influence=weights) if competition is None \
        else competition
    ctx = _Context(G, today, weights, competition)
    flags: list[dict] = []
    for check in (_decision_makers, _champions, _threads, _attitudes, _competitors, _roles,
                  _coordination, _staleness, action_flags.overdue_actions,
                  lambda c: action_flags.key_people_without_action(c, HIGH_INFLUENCE)):
        flags.extend(check(ctx))
    days = days_to_bid((G.graph.get("opportunity") or {}).get("bid_date"), today)
    flags = [escalate(flag, days) for flag in flags]
    flags.sort(key=lambda f: (SEVERITIES.index(f["severity"]), CODES.index(f["code"]),
                              [p["stakeholder_id"] for p in f["stakeholders"]],
                              f["department"] or ""))
    counts = {s: sum(1 for f in flags if f["severity"] == s) for s in SEVERITIES}
    health = "red" if counts["high"] else "amber" if counts["medium"] else "green"
    return {"health": health, "counts": counts, "flags": flags}


class _Context:
    def __init__(self, G, today, weights, competition):
        self.G, self.today, self.weights, self.competition = G, today, weights, competition
        self.people = buying_center(G)
        self.deciders = [n for n in self.people if "decision_maker" in self.roles(n)]
        self.champions = [n for n in self.people if self.is_champion(n)]
        # whom to ask about the inside: a coach, else a +2 champion, the most influential first
        insiders = sorted(self.champions, key=lambda n: ("coach" not in self.roles(n),
                                                          -(self.data(n).get("influence") or 0),
                                                          n))
        self.insider = self.name(insiders[0]) if insiders else None

    def data(self, n: int) -> dict:
        return self.G.nodes[n]

    def roles(self, n: int) -> list[str]:
        return self.G.nodes[n].get("roles") or []

    def is_champion(self, n: int) -> bool:
        return self.data(n).get("attitude") == 2 or "coach" in self.roles(n)

    def name(self, n: int) -> str:
        return self.data(n).get("name") or f"#{n}"

    def flag(self, code: str, severity: str, title: str, message: str, people=(),
             remedy: str = "", department: str | None = None) -> dict:
        return {"code": code, "severity": severity, "title": title, "message": message,
                "stakeholders": [person_ref(self.G, n) for n in people],
                "department": department, "remedy": remedy}


def _names(ctx: _Context, people) -> str:
    return join(ctx.name(n) for n in people)


def _decision_makers(ctx: _Context):
    if ctx.deciders:
        top = min(ctx.deciders, key=lambda n: (-ctx.weights.get(n, 0.0),
                                               ctx.data(n).get("level") or 99, n))
        if not any((c["strength"] or 0) >= CONTACT_COVERAGE
                   for c in ctx.data(top).get("coverage") or ()):
            yield ctx.flag(
                "top_decision_maker_not_contacted", "high", _("Top decision maker not contacted"),
                _("Nobody on our team has a relationship with %(person)s, the top decision "
                  "maker.", person=ctx.name(top)), [top],
                _("Plan an executive visit or an introduction through an ally before the bid."))
    for n in ctx.deciders:
        attitude = ctx.data(n).get("attitude")
        if attitude is not None and attitude <= 0:
            word = v.attitude_label(attitude)
            yield ctx.flag(
                "decision_maker_not_supportive", "high" if attitude < 0 else "medium",
                _("Decision maker is %(attitude)s", attitude=word),
                _("%(person)s (decision maker) is %(attitude)s (%(score)+d).",
                  person=ctx.name(n), attitude=word, score=attitude), [n],
                _("Find out what they need; turn the attitude through a trusted ally or an "
                  "executive visit."))


def _champions(ctx: _Context):
    if not ctx.champions:
        yield ctx.flag("no_coach", "high", _("No coach or champion"),
                       _("Nobody in the buying center is a coach or a champion (+2)."), [],
                       _("Develop a coach: deepen the relationship with the strongest "
                         "supporter."))
        return
    strong = [n for n in ctx.champions
              if (ctx.data(n).get("influence") or 0) > WEAK_INFLUENCE]
    for n in ctx.champions:
        influence = ctx.data(n).get("influence") or 0
        if influence <= WEAK_INFLUENCE:
            yield ctx.flag(
                "weak_champion", "low" if strong else "medium",
                _("Champion with little influence"),
                _("%(person)s is on our side but has little influence (%(influence)d).",
                  person=ctx.name(n), influence=influence), [n],
                _("Use them as a guide, and win a champion with more influence."))
    for n in ctx.champions:
        for m, data in _conflicts(ctx.G, n):
            if m in ctx.deciders and m != n:
                yield ctx.flag(
                    "champion_decision_maker_conflict", "high",
                    _("Our champion is in conflict with the decision maker"),
                    _("%(champion)s (our champion) is in conflict with %(decider)s (decision "
                      "maker), strength %(strength)s.", champion=ctx.name(n),
                      decider=ctx.name(m), strength=data.get("strength")), sorted((n, m)),
                    _("Do not let the champion carry our case to the decision maker; build a "
                      "separate path to them."))


def _conflicts(G: nx.MultiDiGraph, n: int):
    seen = set()
    for a, b, data in list(G.out_edges(n, data=True)) + list(G.in_edges(n, data=True)):
        other = b if a == n else a
        if data.get("type") == "conflict" and other not in seen:
            seen.add(other)
            yield other, data


def _threads(ctx: _Context):
    if not ctx.people:
        return
    strong = [n for n in ctx.people if our_coverage(ctx.G, n) >= STRONG_COVERAGE]
    if len(strong) <= 1:
        if strong:
            message = _("We have a strong relationship (trusted or better) only with %(person)s "
                        "in the buying center.", person=ctx.name(strong[0]))
        else:
            message = _("We have a strong relationship (trusted or better) with nobody in the "
                        "buying center.")
        yield ctx.flag(
            "single_threaded", "high", _("Single-threaded"), message,
            strong, _("Widen the support base: win a second strong relationship in another "
                      "department."))
    departments: dict[str, list[int]] = defaultdict(list)
    for n in ctx.people:
        if ctx.data(n).get("department"):
            departments[ctx.data(n)["department"]].append(n)
    for department in sorted(departments):
        members = departments[department]
        reached = [n for n in members if our_coverage(ctx.G, n) >= RELATIONSHIP_COVERAGE]
        if len(members) >= 2 and len(reached) == 1:
            yield ctx.flag(
                "single_threaded_department", "medium",
                _("Department reached through one person"),
                ngettext("%(department)s (%(num)d person in the buying center) is reached "
                         "through %(person)s only.",
                         "%(department)s (%(num)d people in the buying center) is reached "
                         "through %(person)s only.", len(members),
                         department=department, person=ctx.name(reached[0])), reached,
                _("Build a second relationship in %(department)s; ask %(person)s for an "
                  "introduction.", department=department, person=ctx.name(reached[0])),
                department)


def _attitudes(ctx: _Context):
    for n in ctx.people:
        data = ctx.data(n)
        if (data.get("influence") or 0) >= HIGH_INFLUENCE and (data.get("attitude") or 0) <= -1:
            yield ctx.flag(
                "high_influence_opponent", "high", _("High-influence opponent"),
                _("%(person)s has influence %(influence)d and is %(attitude)s (%(score)+d).",
                  person=ctx.name(n), influence=data["influence"],
                  attitude=v.attitude_label(data["attitude"]), score=data["attitude"]), [n],
                _("Understand the objection; neutralise it through an ally they respect, or "
                  "turn the attitude."))
    unknown = [n for n in ctx.people if (ctx.data(n).get("influence") or 0) >= HIGH_INFLUENCE
               and ctx.data(n).get("attitude") is None]
    if unknown:
        yield ctx.flag(
            "high_influence_unknown", "medium", _("High-influence people with unknown attitude"),
            _("Attitude unknown for %(people)s.", people=_names(ctx, unknown)), unknown,
            _("Find out where they stand: ask %(insider)s, or meet them (ice-breaking).",
              insider=ctx.insider) if ctx.insider else
            _("Find out where they stand: meet them (ice-breaking), or ask a supporter who "
              "knows them."))


def _competitors(ctx: _Context):
    deciders = set(ctx.deciders)
    for rival in ctx.competition.get("competitors", []):
        for person in rival["leads"]:
            n = person["stakeholder_id"]
            if n in deciders:
                yield ctx.flag(
                    "competitor_leads_decision_maker", "high",
                    _("A competitor leads with a decision maker"),
                    _("%(competitor)s is ahead of us with %(person)s (decision maker).",
                      competitor=rival["name"], person=ctx.name(n)), [n],
                    _("Plan an executive visit and a reference visit to change the balance."))
        for department in rival.get("stronghold_departments", []):
            name = department["department"]
            held = [p["stakeholder_id"] for p in rival["strongholds"]
                    if ctx.data(p["stakeholder_id"]).get("department") == name]
            yield ctx.flag(
                "competitor_stronghold", "medium", _("Competitor stronghold"),
                _("%(competitor)s holds %(department)s: %(share)s of its weighted coverage "
                  "against our %(ours)s.", competitor=rival["name"], department=name,
                  share=format_percent(department["share"]),
                  ours=format_percent(department["our_share"])), held,
                _("Do not fight %(department)s head-on: contain it through people "
                  "%(department)s listens to.", department=name),
                name)


def _roles(ctx: _Context):
    filled = {r for n in ctx.people for r in ctx.roles(n)}
    placeholders = ctx.G.graph.get("placeholders") or []
    for role in v.REQUIRED_ROLES:
        if role in filled or (role == "coach" and not ctx.champions):
            continue  # with no champion either, no_coach says it (and more)
        labels = [p.get("placeholder") for p in placeholders
                  if role in (p.get("roles") or []) and p.get("placeholder")]
        word = role_label(role)
        if labels:
            message = _("Nobody fills the %(role)s role (placeholder: %(placeholders)s).",
                        role=word, placeholders=join(labels))
        else:
            message = _("Nobody fills the %(role)s role.", role=word)
        if role == "coach":   # there is a champion, or no_coach would have said it
            remedy = _("Develop a coach: ask %(champion)s, our champion, to guide us from the "
                       "inside.", champion=ctx.insider)
        elif ctx.insider:
            remedy = _("Identify the %(role)s: ask %(insider)s or map the sign-off chain.",
                       role=word, insider=ctx.insider)
        else:
            remedy = _("Identify the %(role)s: map the sign-off chain with the people we know.",
                       role=word)
        flag = ctx.flag(
            "required_role_unfilled", "high" if role == "decision_maker" else "medium",
            _("No %(role)s identified", role=word), message, [], remedy)
        flag["role"] = role   # read (and removed) by urgency.escalate
        yield flag


def _coordination(ctx: _Context):
    for n in ctx.people:
        coverage = [c for c in ctx.data(n).get("coverage") or ()
                    if (c["strength"] or 0) >= CONTACT_COVERAGE]
        if len(coverage) >= 2 and not any(c.get("owner") for c in coverage):
            yield ctx.flag(
                "uncoordinated_coverage", "medium", _("Several of us, no owner"),
                ngettext("%(num)d of our team covers %(person)s but nobody owns the "
                         "relationship.",
                         "%(num)d of our team cover %(person)s but nobody owns the "
                         "relationship.", len(coverage), person=ctx.name(n)), [n],
                _("Name one owner so the customer sees one face."))


def _staleness(ctx: _Context):
    limit = ctx.today - dt.timedelta(days=STALE_DAYS)
    stale_scores = [n for n in ctx.people
                    if (d := as_date(ctx.data(n).get("verified_at"))) is not None and d < limit]
    stale_contacts = []
    for n in ctx.people:
        dates = [as_date(c.get("last_contact")) for c in ctx.data(n).get("coverage") or ()
                 if (c["strength"] or 0) >= RELATIONSHIP_COVERAGE]
        dates = [d for d in dates if d is not None]
        if dates and max(dates) < limit:
            stale_contacts.append(n)
    for code, people, (title, message, remedy) in (
        ("stale_scores", stale_scores, _STALE_SCORES),
        ("stale_contacts", stale_contacts, _STALE_CONTACTS),
    ):
        if people:
            important = any((ctx.data(n).get("influence") or 0) >= HIGH_INFLUENCE
                            or {"decision_maker", "approver"} & set(ctx.roles(n))
                            for n in people)
            if code == "stale_scores":   # ask someone on the inside, if there is one
                remedy = _("Re-verify influence and attitude with %(insider)s.",
                           insider=ctx.insider) if ctx.insider else \
                    _("Re-verify influence and attitude when you next meet each of them.")
            yield ctx.flag(code, "medium" if important else "low", str(title),
                           message % {"num": STALE_DAYS, "people": _names(ctx, people)},
                           people, str(remedy))


#: (title, message, remedy) of the two staleness flags; the message takes ``num`` and
#: ``people``; the remedy of stale scores names whom to ask (see ``_staleness``).
_STALE_SCORES = (
    _l("Stale scores"),
    _l("More than %(num)d days since scores last verified: %(people)s."),
    None,
)
_STALE_CONTACTS = (
    _l("Stale contacts"),
    _l("More than %(num)d days since our last contact with: %(people)s."),
    _l("Schedule a contact; relationships fade."),
)

