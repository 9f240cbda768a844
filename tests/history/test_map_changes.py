"""The map marks exactly who changed since the last review, with their previous values."""

from __future__ import annotations

import json

import pytest
from history_maps import TODAY, day, write_history

from powermap import clock
from powermap.analysis import analyze
from powermap.exports.formats import export
from powermap.graph import build_graph
from powermap.history import compare, snapshots
from powermap.history.map_changes import map_changes, marks
from powermap.report_cache import ReportCache, opportunity_map

REVIEW_AT = "2026-03-02T12:00:00.000000+00:00"


def _changes(store, deal, **options):
    G = build_graph(store, deal)
    return map_changes(store, deal, G, analyze(G, today=TODAY), **options)


def test_since_the_last_review_each_changed_person_has_marks_and_previous_values(history):
    store, ids = history
    assert _changes(store, ids["deal"]) == {
        "since": {"kind": "review", "id": ids["review"], "name": "First review",
                  "at": REVIEW_AT},
        "people": [
            {"id": ids["ann"], "name": "Ann", "marks": ["attitude_up", "coverage_gained"],
             "before": {"in_buying_center": True, "roles": ["decision_maker"], "influence": 5,
                        "attitude": 0, "coverage_best": 1, "color_key": "neutral",
                        "shape": "star", "size": 32.0, "border": 2.25},
             "coverage": [{"team_member_id": ids["me"], "team_member": "Mei", "before": 1,
                           "after": 3}]},
            {"id": ids["bo"], "name": "Bo", "marks": ["left"],
             "before": {"in_buying_center": True, "roles": ["evaluator"], "influence": 3,
                        "attitude": 1, "coverage_best": 0, "color_key": "supporter",
                        "shape": "triangle", "size": 28.4, "border": 1.0}},
            {"id": ids["cai"], "name": "Cai", "marks": ["joined"],
             "before": {"in_buying_center": False, "coverage_best": 0,
                        "color_key": "outside", "shape": "dot", "size": 8, "border": 1.0}},
        ],
        "gone": [],
    }


def test_the_marks_are_the_review_pages_diff(history):
    """The map and "Since the last review" make one comparison, so they cannot disagree."""
    store, ids = history
    found = compare.since(store, ids["deal"], "review", today=TODAY)["changes"]
    assert {c["id"]: c["marks"] for c in _changes(store, ids["deal"])["people"]} == marks(found)


def test_roles_influence_attitude_down_coverage_lost_and_people_gone(history):
    store, ids = history
    with clock.frozen_at(day(12)):
        store.update("buying_center_entry", ids["entry_ann"], {
            "attitude": -1, "influence": 3, "roles": ["decision_maker", "approver"]})
        store.delete("coverage", ids["cover"])
        store.delete("stakeholder", ids["bo"])
    changes = _changes(store, ids["deal"])
    ann = changes["people"][0]
    assert (ann["id"], ann["marks"]) == (
        ids["ann"], ["roles", "influence", "attitude_down", "coverage_lost"])
    assert ann["coverage"] == [{"team_member_id": ids["me"], "team_member": "Mei",
                                "before": 1, "after": None}]
    assert [(c["name"], c["marks"]) for c in changes["people"]] == [
        ("Ann", ["roles", "influence", "attitude_down", "coverage_lost"]), ("Cai", ["joined"])]
    assert changes["gone"] == [{"id": ids["bo"], "name": "Bo", "marks": ["left"]}]


def test_an_attitude_that_becomes_unknown_is_changed_neither_up_nor_down(history):
    store, ids = history
    with clock.frozen_at(day(12)):
        store.update("buying_center_entry", ids["entry_ann"], {"attitude": None})
    ann = _changes(store, ids["deal"])["people"][0]
    assert ann["marks"] == ["attitude", "coverage_gained"]
    assert ann["before"]["attitude"] == 0


def test_a_person_new_since_the_review_was_not_on_the_map_then(history):
    store, ids = history
    with clock.frozen_at(day(12)):
        dan = store.create("stakeholder", {"account_id": ids["account"], "name": "Dan"})["id"]
        store.create("buying_center_entry", {"opportunity_id": ids["deal"],
                                             "stakeholder_id": dan, "roles": ["coach"],
                                             "influence": 4, "attitude": 2})
    dan_change = _changes(store, ids["deal"])["people"][-1]
    assert dan_change == {"id": dan, "name": "Dan", "marks": ["joined"],
                          "before": {"new": True, "in_buying_center": False,
                                     "color_key": "outside", "shape": "dot", "size": 8,
                                     "border": 1.0, "coverage_best": 0}}


def test_since_a_date_compares_with_the_map_then(history):
    store, ids = history
    changes = _changes(store, ids["deal"], since="2026-03-05")
    assert changes["since"] == {"kind": "date", "at": "2026-03-05T23:59:59.999999+00:00"}
    assert [(c["name"], c["marks"]) for c in changes["people"]] == [
        ("Ann", ["attitude_up", "coverage_gained"]), ("Bo", ["left"]), ("Cai", ["joined"])]
    assert _changes(store, ids["deal"], since="2026-03-10")["people"] == []


def test_without_a_review_the_payload_has_no_changes(store):
    with clock.frozen_at(day(1)):
        acme = store.create("account", {"name": "Acme"})["id"]
        deal = store.create("opportunity", {"account_id": acme, "name": "ERP"})["id"]
    assert _changes(store, deal) is None
    payload = opportunity_map(store, deal, today=TODAY, cache=ReportCache())
    assert "changes" not in payload


def test_the_cached_map_sees_a_review_recorded_after_it(store):
    """Recording a review writes no map record; the cached map must not hide it."""
    ids = write_history(store)
    cache = ReportCache()
    first = opportunity_map(store, ids["deal"], today=TODAY, cache=cache)
    assert [c["name"] for c in first["changes"]["people"]] == ["Ann", "Bo", "Cai"]
    with clock.frozen_at(day(20)):
        second = snapshots.record(store, ids["deal"], "Second review", today=TODAY)
    again = opportunity_map(store, ids["deal"], today=TODAY, cache=cache)
    assert again["changes"]["since"]["id"] == second["id"]
    assert again["changes"]["people"] == []
    dated = opportunity_map(store, ids["deal"], today=TODAY, since="2026-03-05", cache=cache)
    assert [c["name"] for c in dated["changes"]["people"]] == ["Ann", "Bo", "Cai"]


@pytest.mark.parametrize("moment", [None, "2026-03-31"])
def test_the_html_export_carries_the_changes(history, moment):
    store, ids = history
    html = export(store, ids["deal"], "html", today=TODAY, as_of=moment)
    data = html.split('id="powermap-data"')[1].split(">", 1)[1].split("</script>")[0]
    changes = json.loads(data)["changes"]
    assert [(c["name"], c["marks"]) for c in changes["people"]] == [
        ("Ann", ["attitude_up", "coverage_gained"]), ("Bo", ["left"]), ("Cai", ["joined"])]
