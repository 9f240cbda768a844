"""Fixtures of the web tests: an app on a temporary database and its client."""

from __future__ import annotations

import datetime as dt

import pytest

from powermap.demo import load_demo
from powermap.store import Store

TODAY = dt.date(2026, 11, 1)


@pytest.fixture
def client(app):
    return app.test_client()



@pytest.fixture
def csrf(client) -> str:
    """The client's session CSRF token (set it as a page would)."""
    with client.session_transaction() as session:
        session["csrf_token"] = "test-token"
    return "test-token"


@pytest.fixture
def deal(db) -> dict:
    """A small hand-made account with one opportunity; ids by name."""
    acme = db.create("account", {"name": "Acme", "tier": "strategic"})["id"]
    erp = db.create("opportunity", {"account_id": acme, "name": "ERP", "value": 1000000,
                                    "currency": "CNY"})["id"]
    ids = {"account": acme, "opportunity": erp}
    for name, title, level in (("Ada", "CEO", 1), ("Bo", "CIO", 2), ("Cy", "Buyer", 3)):
        ids[name] = db.create("stakeholder", {"account_id": acme, "name": name, "title": title,
                                              "level": level})["id"]
    db.create("relationship", {"source_id": ids["Bo"], "target_id": ids["Ada"],
                               "type": "reports_to"})
    db.create("relationship", {"source_id": ids["Cy"], "target_id": ids["Bo"],
                               "type": "influences"})
    ids["entry_ada"] = db.create("buying_center_entry", {
        "opportunity_id": erp, "stakeholder_id": ids["Ada"], "roles": ["decision_maker"],
        "influence": 5})["id"]
    ids["entry_bo"] = db.create("buying_center_entry", {
        "opportunity_id": erp, "stakeholder_id": ids["Bo"], "roles": ["evaluator", "coach"],
        "influence": 4, "attitude": 2})["id"]
    db.create("buying_center_entry", {"opportunity_id": erp, "stakeholder_id": ids["Cy"],
                                      "roles": ["gatekeeper"], "influence": 2, "attitude": -1})
    ids["sam"] = db.create("team_member", {"account_id": acme, "name": "Sam",
                                           "role": "account_lead"})["id"]
    db.create("coverage", {"team_member_id": ids["sam"], "stakeholder_id": ids["Bo"],
                           "strength": 3, "last_contact": "2026-10-01", "owner": True})
    ids["rival"] = db.create("competitor", {"name": "Rival"})["id"]
    db.create("opportunity_competitor", {"opportunity_id": erp, "competitor_id": ids["rival"]})
    db.create("competitor_position", {"competitor_id": ids["rival"], "stakeholder_id": ids["Ada"],
                                      "coverage": 3, "preference": 1})
    ids["action"] = db.create("action", {"opportunity_id": erp, "stakeholder_id": ids["Ada"],
                                         "owner_id": ids["sam"], "type": "executive_visit",
                                         "due_date": "2026-11-15"})["id"]
    return ids


@pytest.fixture
def demo(app) -> dict:
    """The demo account loaded into the app's database; ids of its opportunities."""
    with Store(app.config["DATABASE"]) as store:
        load_demo(store, today=TODAY)
        return {"opportunities": [o["id"] for o in store.rows("opportunity")],
                "accounts": [a["id"] for a in store.rows("account")]}
