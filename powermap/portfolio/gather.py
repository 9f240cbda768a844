"""The portfolio report: accounts classified, the 20/80 table, the matrix, the weak maps.

Reads the accounts, their teams and the analysis reports of their open deals (through
:mod:`powermap.report_cache`, so a portfolio of 500 deals analyses each deal once per
change), then calls the pure functions of :mod:`.classify` and :mod:`.matrix`. The web
page, the API, the CLI and the exports all show :func:`portfolio_report`.
"""

from __future__ import annotations

import datetime as dt

from ..database import read_snapshot
from ..report_cache import opportunity_report
from ..store import Store
from .classify import abc, pareto, ranked, scores, suggest_tier
from .indicators import DEFAULT_BY, INDICATORS, RANKABLE
from .matrix import map_strength, next_steps, quadrant
from .weights import load_weights

__all__ = ["portfolio_report", "account_facts", "CLOSED_STAGES"]

#: Stages of a deal that is over; every other stage (or none) is open.
CLOSED_STAGES = ("won", "lost")


def _deal_facts(report: dict) -> dict:
    opportunity = report["opportunity"]
    top = next((p for p in report["ranking"] if "decision_maker" in p["roles"]), None)
    return {
        "id": opportunity["id"],
        "name": opportunity["name"],
        "health": report["risks"]["health"],
        "forecast": report["forecast"]["deal"],
        "coverage": report["competition"]["us"]["share"],
        "top_decision_maker": ({"stakeholder_id": top["stakeholder_id"], "name": top["name"]}
                               if top else None),
    }


def account_facts(store: Store, account_ids: list[int], today: dt.date) -> dict[int, dict]:
    """``{account id: facts}`` as :mod:`.matrix` reads them."""
    facts = {a: {"open_deals": [], "team_roles": [], "sponsor_covers": {}} for a in account_ids}
    marks = ", ".join("?" for _ in CLOSED_STAGES)
    for opportunity_id, account_id in store.db.execute(
            "SELECT id, account_id FROM opportunities "
            f"WHERE stage IS NULL OR stage NOT IN ({marks}) ORDER BY account_id, name, id",
            CLOSED_STAGES).fetchall():
        if account_id in facts:
            report = opportunity_report(store, opportunity_id, today=today)
            facts[account_id]["open_deals"].append(_deal_facts(report))
    for account_id, role in store.db.execute(
            "SELECT DISTINCT account_id, role FROM team_members WHERE role IS NOT NULL"):
        if account_id in facts:
            facts[account_id]["team_roles"].append(role)
    for account_id, stakeholder_id, strength in store.db.execute(
            "SELECT t.account_id, c.stakeholder_id, max(c.strength) FROM coverage c "
            "JOIN team_members t ON t.id = c.team_member_id "
            "WHERE t.role = 'executive_sponsor' GROUP BY t.account_id, c.stakeholder_id"):
        if account_id in facts:
            facts[account_id]["sponsor_covers"][stakeholder_id] = strength
    return facts


def portfolio_report(store: Store, *, by: str = DEFAULT_BY, today: dt.date | None = None,
                     weights: dict[str, float] | None = None) -> dict:
    """Every account classified and placed in the matrix (see docs/portfolio.md).

    ``by`` is the indicator of the ranking, ABC classes and 20/80 view (one of
    :data:`~powermap.portfolio.indicators.RANKABLE`; ``score`` is the multi-indicator
    score); ``weights`` default to the team's saved ones. Raises ``ValueError`` for an
    unknown ``by``.
    """
    if by not in RANKABLE:
        raise ValueError(by)
    today = today or dt.date.today()
    with read_snapshot(store.db.conn):
        weights = dict(weights) if weights is not None else load_weights(store)
        accounts = {a["id"]: a for a in store.rows("account")}
        facts = account_facts(store, list(accounts), today)
    values = {key: {code: a.get(code) for code in INDICATORS} for key, a in accounts.items()}
    scored = scores(values, weights) if accounts else {}
    by_value = {key: (scored[key]["score"] if by == "score" else accounts[key].get(by))
                for key in accounts}
    classes = abc(by_value)
    rows = []
    for key in ranked(by_value):
        account, score, place = accounts[key], scored[key], classes[key]
        tier, reasons = suggest_tier(score, place["class"], by, weights, values[key])
        strength = map_strength(facts[key])
        rows.append({
            "account_id": key, "name": account["name"], "industry": account["industry"],
            "tier": account["tier"], "suggested_tier": tier, "reasons": reasons,
            "score": score["score"], "score_parts": score["parts"],
            "value": by_value[key], "rank": place["rank"], "class": place["class"],
            "share": place["share"], "cumulative_share": place["cumulative_share"],
            "indicators": values[key],
            "open_deals": len(facts[key]["open_deals"]),
            "strength": strength["strength"], "strength_parts": strength["parts"],
            "quadrant": quadrant(score["score"], place["class"], strength["strength"]),
            "steps": next_steps(facts[key]),
        })
    weak = sorted((r for r in rows if r["quadrant"] == "fix_map"),
                  key=lambda r: (-r["score"], r["strength"], r["account_id"]))
    return {
        "today": today.isoformat(),
        "by": by,
        "weights": weights,
        "accounts": rows,
        "pareto": pareto(by_value) if accounts else {
            "total": 0.0, "accounts": 0, "top_fifth": {"count": 0, "share": 0.0},
            "accounts_for_80": 0, "rows": []},
        "weak_maps": [{"account_id": r["account_id"], "name": r["name"], "score": r["score"],
                       "class": r["class"], "strength": r["strength"], "steps": r["steps"]}
                      for r in weak],
    }
