"""Account value × strength of its power map: the portfolio matrix and what to do next.

The question only a power-map tool can answer: which valuable accounts have a weak map.
Pure functions over per-account *facts* (gathered by :mod:`.gather` from the store and
the cached analysis reports):

``{"open_deals": [{"id", "name", "health", "forecast", "coverage",
"top_decision_maker": {"stakeholder_id", "name"} | None}], "team_roles": [role codes],
"sponsor_covers": {stakeholder id: coverage strength}}``

**Map strength** (0–1) is the mean of four parts:

* *health*: mean over open deals of green 1, amber 0.5, red 0;
* *forecast*: mean over open deals of ``(forecast.deal + 1) / 2`` (unknown: 0);
* *coverage*: mean over open deals of our influence-weighted share of the buying
  center (``competition.us.share``);
* *iron triangle*: ``(leads named + sponsor) / 4``, the leads being the account,
  solution and delivery lead; the sponsor counts 1 when an executive sponsor of the
  team has at least an acquaintance (coverage ≥ 2) with the top decision maker of
  every open deal that has one, 0.5 when a sponsor is named but not paired, else 0.

An account without an open deal has only the iron-triangle part. The map is **weak**
below 0.5; the account is of **high value** with a score of at least 0.5 or in
class A. Quadrants: ``defend`` (high value, strong map), ``fix_map`` (high value,
weak map), ``grow`` (lower value, strong map), ``watch`` (lower value, weak map).
"""

from __future__ import annotations

from collections.abc import Mapping

from .. import aliases
from ..analysis._people import RELATIONSHIP_COVERAGE as REACHED
from ..i18n import _, format_percent

__all__ = ["WEAK_MAP", "HIGH_VALUE", "LEADS", "map_strength", "quadrant", "next_steps"]

WEAK_MAP = 0.5
HIGH_VALUE = 0.5
LEADS: tuple[str, ...] = ("account_lead", "solution_lead", "delivery_lead")
_HEALTH = {"green": 1.0, "amber": 0.5, "red": 0.0}


def _mean(items: list[float]) -> float:
    return sum(items) / len(items) if items else 0.0


def _sponsor_part(facts: Mapping) -> float:
    if "executive_sponsor" not in facts["team_roles"]:
        return 0.0
    tops = [d["top_decision_maker"] for d in facts["open_deals"] if d["top_decision_maker"]]
    covers = facts["sponsor_covers"]
    paired = bool(tops) and all(covers.get(t["stakeholder_id"], 0) >= REACHED for t in tops)
    return 1.0 if paired else 0.5


def map_strength(facts: Mapping) -> dict:
    """``{"strength", "parts": {"health", "forecast", "coverage", "iron_triangle"}}``.

    >>> facts = {"open_deals": [], "team_roles": ["account_lead"], "sponsor_covers": {}}
    >>> map_strength(facts)["strength"]
    0.0625
    """
    deals = facts["open_deals"]
    leads = sum(1 for role in LEADS if role in facts["team_roles"])
    parts = {
        "health": _mean([_HEALTH[d["health"]] for d in deals]),
        "forecast": _mean([(d["forecast"] + 1) / 2 if d["forecast"] is not None else 0.0
                           for d in deals]),
        "coverage": _mean([d["coverage"] for d in deals]),
        "iron_triangle": (leads + _sponsor_part(facts)) / 4,
    }
    parts = {k: round(v, 6) + 0.0 for k, v in parts.items()}
    return {"strength": round(sum(parts.values()) / 4, 6) + 0.0, "parts": parts}


def quadrant(score: float, klass: str, strength: float) -> str:
    """``defend``, ``fix_map``, ``grow`` or ``watch`` (see the module docstring)."""
    high = score >= HIGH_VALUE or klass == "A"
    weak = strength < WEAK_MAP
    if high:
        return "fix_map" if weak else "defend"
    return "watch" if weak else "grow"


def next_steps(facts: Mapping) -> list[dict]:
    """What to do next to strengthen an account's map: ``[{"code", "text", "opportunity_id"}]``.

    In this order: open a deal if there is none; name the missing leads and the
    sponsor; pair the sponsor with each top decision maker; then per open deal, work
    a red health, turn a forecast against us, widen a coverage below half.
    """
    steps: list[dict] = []

    def add(code: str, text: str, opportunity_id: int | None = None) -> None:
        steps.append({"code": code, "text": text, "opportunity_id": opportunity_id})

    deals = facts["open_deals"]
    if not deals:
        add("open_deal", _("Qualify an opportunity at this account and draw its power map."))
    for role in (*LEADS, "executive_sponsor"):
        if role not in facts["team_roles"]:
            add("name_" + role, _("Name a team member as %(role)s for this account.",
                                  role=aliases.label("team_role", role)))
    covers = facts["sponsor_covers"]
    if "executive_sponsor" in facts["team_roles"]:
        for deal in deals:
            top = deal["top_decision_maker"]
            if top and covers.get(top["stakeholder_id"], 0) < REACHED:
                add("pair_sponsor", _("Pair the executive sponsor with %(person)s, the top "
                                      "decision maker of %(deal)s, through an executive visit.",
                                      person=top["name"], deal=deal["name"]), deal["id"])
    for deal in deals:
        if deal["health"] == "red":
            add("fix_risks", _("%(deal)s is red: work its high-severity risk flags first.",
                               deal=deal["name"]), deal["id"])
        if deal["forecast"] is not None and deal["forecast"] < 0:
            add("turn_forecast", _("%(deal)s is forecast against us: turn the most "
                                   "influential opponents.", deal=deal["name"]), deal["id"])
        if deal["coverage"] < 0.5:
            add("widen_coverage", _("Our team reaches only %(share)s of the buying center of "
                                    "%(deal)s: plan ice-breaking with the people nobody covers.",
                                    share=format_percent(deal["coverage"]), deal=deal["name"]),
                deal["id"])
    return steps
