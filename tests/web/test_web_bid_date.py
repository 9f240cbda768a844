"""Days to the bid in the map header and the review, and the flags they make urgent."""

from __future__ import annotations

import datetime as dt

from powermap.analysis import analyze
from powermap.analysis.review import review_text
from powermap.graph import build_graph


def test_review_and_map_say_how_many_days_are_left(client, deal, db):
    db.update("opportunity", deal["opportunity"], {"bid_date": "2026-11-13"})
    page = client.get(f"/opportunities/{deal['opportunity']}/review?today=2026-11-01")
    html = page.get_data(as_text=True)
    assert '<p class="bid-countdown"><strong>12 days to the bid.</strong></p>' in html
    assert '<span class="urgency">Urgent: the bid is in 12 days.</span>' in html
    payload = client.get(f"/api/v1/opportunities/{deal['opportunity']}/map?today=2026-11-01")
    summary = payload.json["summary"]
    assert summary["days_to_bid"] == 12
    urgent = {f["code"]: f["urgency"] for f in summary["flags"] if f["urgency"]}
    assert urgent == dict.fromkeys(("top_decision_maker_not_contacted", "single_threaded",
                                    "competitor_leads_decision_maker"),
                                   "Urgent: the bid is in 12 days.")


def test_review_text_names_the_countdown_and_why_a_flag_is_urgent(deal, db):
    db.update("opportunity", deal["opportunity"], {"bid_date": "2026-11-13"})
    report = analyze(build_graph(db, deal["opportunity"]), today=dt.date(2026, 11, 1))
    assert report["opportunity"]["days_to_bid"] == 12
    lines = review_text(report).splitlines()
    assert lines[3] == "12 days to the bid."
    flag = lines.index(next(line for line in lines if "Top decision maker" in line))
    assert lines[flag + 1].strip() == "! Urgent: the bid is in 12 days."
