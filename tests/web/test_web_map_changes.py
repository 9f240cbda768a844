"""The map API carries what changed since the last review (or ``?since=``); the page asks."""

from __future__ import annotations

import datetime as dt

import pytest

from powermap import clock
from powermap.history import snapshots

TODAY = "2026-11-01"


def _map(client, deal, query=""):
    return client.get(f"/api/v1/opportunities/{deal['opportunity']}/map?today={TODAY}{query}")


def test_no_review_no_changes_then_a_review_and_an_edit(client, deal, db):
    assert "changes" not in _map(client, deal).get_json()
    review = snapshots.record(db, deal["opportunity"], "Kick-off")
    assert _map(client, deal).get_json()["changes"] == {
        "since": {"kind": "review", "id": review["id"], "name": "Kick-off", "at": review["at"]},
        "people": [], "gone": []}
    db.update("buying_center_entry", deal["entry_bo"], {"attitude": 0})
    people = _map(client, deal).get_json()["changes"]["people"]
    assert [(p["id"], p["marks"], p["before"]["attitude"], p["before"]["color_key"])
            for p in people] == [(deal["Bo"], ["attitude_down"], 2, "champion")]


def test_since_a_date_and_a_named_review(client, deal, db):
    with clock.frozen_at(dt.datetime(2030, 1, 1, tzinfo=dt.UTC)):
        review = snapshots.record(db, deal["opportunity"], "Kick-off")
    with clock.frozen_at(dt.datetime(2030, 2, 1, tzinfo=dt.UTC)):
        db.update("buying_center_entry", deal["entry_ada"], {"influence": 3})
    by_date = _map(client, deal, "&since=2030-01-15").get_json()["changes"]
    assert by_date["since"] == {"kind": "date", "at": "2030-01-15T23:59:59.999999+00:00"}
    assert [(p["id"], p["marks"]) for p in by_date["people"]] == [(deal["Ada"], ["influence"])]
    assert _map(client, deal, "&since=2030-02-15").get_json()["changes"]["people"] == []
    named = _map(client, deal, f"&since=review:{review['id']}").get_json()["changes"]
    assert [(p["id"], p["before"]["influence"]) for p in named["people"]] == [(deal["Ada"], 5)]


@pytest.mark.parametrize("since", ["soon", "review:x", "2026-13-01"])
def test_a_since_that_is_neither_a_review_nor_a_date_is_refused(client, deal, since):
    assert _map(client, deal, f"&since={since}").status_code == 400
    assert client.get(f"/opportunities/{deal['opportunity']}?since={since}").status_code == 400


def test_the_page_passes_since_to_its_map(client, deal):
    page = client.get(f"/opportunities/{deal['opportunity']}?since=2030-01-15")
    assert f'data-map-url="/api/v1/opportunities/{deal["opportunity"]}/map?since=2030-01-15"' \
        in page.get_data(as_text=True)
