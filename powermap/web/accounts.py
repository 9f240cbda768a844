"""Pages of accounts: the list (home page) and one account's people and deals."""

from __future__ import annotations

from flask import Blueprint, render_template

from ..i18n import name_sort_key
from ..store import Store
from .db import get_store
from .reports import opportunity_analysis

__all__ = ["bp", "opportunity_health"]

bp = Blueprint("accounts", __name__)


def opportunity_health(store: Store, opportunities: list[dict]) -> dict[int, dict]:
    """``{opportunity id: analysis["risks"]}`` (health and flags) of each opportunity."""
    return {o["id"]: opportunity_analysis(store, o["id"])["risks"] for o in opportunities}


def _level_then_name(person: dict) -> tuple:
    """People from the top of the hierarchy down (unknown level first, as they need filling
    in), by name within a level: pinyin in Chinese, letters in English."""
    level = person["level"]
    return level is not None, level or 0, name_sort_key(person["name"])


@bp.get("/")
@bp.get("/accounts")
def index():
    """Every account with its opportunities and each one's health (red/amber/green)."""
    store = get_store()
    accounts = store.rows("account", order_by="name")
    opportunities = store.rows("opportunity", order_by="account_id, name")
    by_account: dict[int, list[dict]] = {}
    for opportunity in opportunities:
        by_account.setdefault(opportunity["account_id"], []).append(opportunity)
    return render_template("accounts.html", accounts=accounts, by_account=by_account,
                           risks=opportunity_health(store, opportunities))


@bp.get("/accounts/<int:account_id>")
def account(account_id: int):
    """One account: stakeholders, our team, opportunities, relationships, competitors."""
    store = get_store()
    record = store.get("account", account_id)
    where, params = "account_id = ?", [account_id]
    people = {p["id"]: p for p in sorted(store.rows("stakeholder", where, params),
                                         key=_level_then_name)}
    team = {t["id"]: t for t in sorted(store.rows("team_member", where, params),
                                       key=lambda t: name_sort_key(t["name"]))}
    opportunities = store.rows("opportunity", where, params, order_by="name")
    relationships = store.rows("relationship", where, params)
    managers = {r["source_id"]: people.get(r["target_id"]) for r in relationships
                if r["type"] == "reports_to"}
    in_account = "stakeholder_id IN (SELECT id FROM stakeholders WHERE account_id = ?)"
    coverage = store.rows("coverage", in_account, params)
    positions = store.rows("competitor_position", in_account, params)
    competitors = {c["id"]: c for c in store.rows("competitor", order_by="name")}
    in_play = store.rows(
        "opportunity_competitor",
        "opportunity_id IN (SELECT id FROM opportunities WHERE account_id = ?)", params)
    return render_template(
        "account.html", account=record, people=people, team=team,
        opportunities=opportunities, risks=opportunity_health(store, opportunities),
        relationships=relationships, managers=managers, coverage=coverage,
        positions=positions, competitors=competitors, in_play=in_play)
