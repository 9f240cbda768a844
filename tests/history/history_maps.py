"""A hand-made history: a small deal written on chosen days, with one recorded review."""

from __future__ import annotations

import datetime as dt

from powermap import clock
from powermap.history import snapshots


def day(n: int, hour: int = 12) -> dt.datetime:
    """March ``n``, 2026, at ``hour`` UTC."""
    return dt.datetime(2026, 3, n, hour, tzinfo=dt.UTC)


TODAY = dt.date(2026, 3, 31)


def write_history(store) -> dict:
    """Day 1 the deal, day 2 a review, day 10 the changes; returns the ids."""
    with clock.frozen_at(day(1)), store.transaction():
        acme = store.create("account", {"name": "Acme"})["id"]
        deal = store.create("opportunity", {"account_id": acme, "name": "ERP"})["id"]
        ann, bo, cai = (store.create("stakeholder", {"account_id": acme, "name": name,
                                                     "department": "IT"})["id"]
                        for name in ("Ann", "Bo", "Cai"))
        me = store.create("team_member", {"account_id": acme, "name": "Mei"})["id"]
        entry_ann = store.create("buying_center_entry", {
            "opportunity_id": deal, "stakeholder_id": ann, "roles": ["decision_maker"],
            "influence": 5, "attitude": 0})["id"]
        entry_bo = store.create("buying_center_entry", {
            "opportunity_id": deal, "stakeholder_id": bo, "roles": ["evaluator"],
            "influence": 3, "attitude": 1})["id"]
        cover = store.create("coverage", {"team_member_id": me, "stakeholder_id": ann,
                                          "strength": 1})["id"]
        link = store.create("relationship", {"source_id": bo, "target_id": ann,
                                             "type": "influences", "strength": 2})["id"]
        rival = store.create("competitor", {"name": "Rival"})["id"]
        store.create("opportunity_competitor", {"opportunity_id": deal, "competitor_id": rival})
        position = store.create("competitor_position", {
            "competitor_id": rival, "stakeholder_id": ann, "coverage": 2,
            "preference": 1})["id"]
    with clock.frozen_at(day(2)):
        review = snapshots.record(store, deal, "First review", today=day(2).date())
    with clock.frozen_at(day(10)):
        store.update("buying_center_entry", entry_ann, {"attitude": 1})
        store.update("coverage", cover, {"strength": 3})
        store.create("buying_center_entry", {"opportunity_id": deal, "stakeholder_id": cai,
                                             "roles": ["user"], "influence": 2,
                                             "attitude": -1})
        store.delete("buying_center_entry", entry_bo)
        store.create("relationship", {"source_id": cai, "target_id": ann, "type": "conflict",
                                      "strength": 3})
        store.delete("relationship", link)
        store.update("competitor_position", position, {"coverage": 3})
    return {"account": acme, "deal": deal, "ann": ann, "bo": bo, "cai": cai, "me": me,
            "rival": rival, "review": review["id"], "entry_ann": entry_ann, "cover": cover}
