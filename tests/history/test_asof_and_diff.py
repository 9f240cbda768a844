"""As-of rebuilds the map of a past moment exactly; diffs list exactly what changed."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from history_maps import TODAY, day

from powermap import clock
from powermap.analysis import analyze
from powermap.demo import load_demo
from powermap.errors import NotFoundError
from powermap.graph import build_graph
from powermap.history import compare, snapshots
from powermap.history.asof import BadMoment, parse_moment
from powermap.history.trend import trend


def _same(a: dict, b: dict) -> bool:
    return json.dumps(a, sort_keys=True, default=str) == json.dumps(b, sort_keys=True,
                                                                    default=str)


def test_as_of_reproduces_exactly_the_report_recorded_then(store):
    with clock.frozen_at(dt.datetime(2026, 5, 1, 8, tzinfo=dt.UTC)):
        summary = load_demo(store, today=dt.date(2026, 5, 1))
    deal = summary["opportunities"][0]["id"]
    recorded = analyze(build_graph(store, deal), today=dt.date(2026, 5, 1))
    moment = clock.stamp()
    entries = store.rows("buying_center_entry", "opportunity_id = ? AND stakeholder_id IS NOT "
                         "NULL", [deal])
    store.update("buying_center_entry", entries[0]["id"], {"attitude": -2, "influence": 1})
    store.delete("stakeholder", entries[1]["stakeholder_id"])
    store.delete("team_member", store.rows("team_member")[0]["id"],
                 reassign_to=store.rows("team_member")[1]["id"])
    new = store.create("stakeholder", {"account_id": summary["account_id"], "name": "新人"})
    store.create("buying_center_entry", {"opportunity_id": deal, "stakeholder_id": new["id"],
                                         "roles": ["decision_maker"], "influence": 5})
    store.delete("competitor", store.rows("competitor")[0]["id"])
    assert not _same(analyze(build_graph(store, deal), today=dt.date(2026, 5, 1)), recorded)
    again = analyze(build_graph(store, deal, as_of=moment), today=dt.date(2026, 5, 1))
    assert _same(again, recorded)


def test_as_of_a_date_means_the_end_of_that_day(history):
    store, ids = history
    before = build_graph(store, ids["deal"], as_of="2026-03-09")
    after = build_graph(store, ids["deal"], as_of="2026-03-10")
    assert sorted(n for n, d in before.nodes(data=True) if d["in_buying_center"]) == [
        ids["ann"], ids["bo"]]
    assert sorted(n for n, d in after.nodes(data=True) if d["in_buying_center"]) == [
        ids["ann"], ids["cai"]]
    assert before.nodes[ids["ann"]]["coverage"][0]["strength"] == 1


def test_as_of_before_the_opportunity_existed_finds_no_opportunity(history):
    store, ids = history
    with pytest.raises(NotFoundError):
        build_graph(store, ids["deal"], as_of="2026-02-28")


@pytest.mark.parametrize("text", ["yesterday", "2026-13-01", "2026-03-01T25:00"])
def test_a_moment_that_is_not_a_date_is_refused(text):
    with pytest.raises(BadMoment):
        parse_moment(text)


def test_moments_are_utc_and_a_date_is_its_last_microsecond():
    assert parse_moment("2026-03-09").isoformat() == "2026-03-09T23:59:59.999999+00:00"
    assert parse_moment("2026-03-09T10:00+08:00").isoformat() == "2026-03-09T02:00:00+00:00"


def test_since_the_last_review_lists_exactly_what_changed(history):
    store, ids = history
    found = compare.since(store, ids["deal"], "review", today=TODAY)
    assert found["from"] == {"kind": "review", "id": ids["review"], "name": "First review",
                             "at": "2026-03-02T12:00:00.000000+00:00"}
    changes = found["changes"]
    ann = {"stakeholder_id": ids["ann"], "name": "Ann"}
    assert changes["joined"] == [{"stakeholder_id": ids["cai"], "name": "Cai"}]
    assert changes["left"] == [{"stakeholder_id": ids["bo"], "name": "Bo"}]
    assert (changes["roles"], changes["influence"]) == ([], [])
    assert changes["attitude"] == [{**ann, "before": 0, "after": 1}]
    assert changes["coverage_gained"] == [{**ann, "team_member_id": ids["me"],
                                           "team_member": "Mei", "before": 1, "after": 3}]
    assert changes["coverage_lost"] == []
    assert changes["relationships_added"] == [{"source_id": ids["cai"], "source": "Cai",
                                               "target_id": ids["ann"], "target": "Ann",
                                               "type": "conflict"}]
    assert changes["relationships_removed"] == [{"source_id": ids["bo"], "source": "Bo",
                                                 "target_id": ids["ann"], "target": "Ann",
                                                 "type": "influences"}]
    assert changes["competitor_moves"] == [{**ann, "competitor_id": ids["rival"],
                                            "competitor": "Rival",
                                            "before": {"coverage": 2, "preference": 1},
                                            "after": {"coverage": 3, "preference": 1}}]
    assert (changes["competitors_entered"], changes["competitors_left"]) == ([], [])
    assert [(f["code"], [p["name"] for p in f["people"]]) for f in changes["flags_raised"]] == [
        ("single_threaded_department", ["Ann"])]
    assert [(f["code"], [p["name"] for p in f["people"]])
            for f in changes["flags_resolved"]] == [
        ("competitor_leads_decision_maker", ["Ann"]),
        ("decision_maker_not_supportive", ["Ann"]),
        ("key_person_without_action", ["Ann"])]
    figures = changes["figures"]
    assert {k: figures[k]["delta"] for k in ("neutrals", "opponents", "strong_coverage",
                                             "open_high_flags")} == {
        "neutrals": -1, "opponents": 1, "strong_coverage": 1, "open_high_flags": -1}
    assert figures["health"] == {"before": "red", "after": "red", "delta": None}


def test_since_a_date_compares_with_the_map_as_of_that_date(history):
    store, ids = history
    changes = compare.since(store, ids["deal"], "2026-03-01", today=TODAY)["changes"]
    assert [p["name"] for p in changes["joined"]] == ["Cai"]
    nothing = compare.since(store, ids["deal"], "2026-03-10", today=TODAY)["changes"]
    assert all(nothing[kind] == [] for kind in ("joined", "left", "attitude",
                                                "coverage_gained", "relationships_added"))


def test_since_the_last_review_without_a_review_says_so(store):
    account = store.create("account", {"name": "Acme"})
    deal = store.create("opportunity", {"account_id": account["id"], "name": "ERP"})
    with pytest.raises(compare.NoReview):
        compare.since(store, deal["id"], "review")


def test_two_reviews_are_compared_on_what_they_recorded(history):
    store, ids = history
    with clock.frozen_at(day(20)):
        second = snapshots.record(store, ids["deal"], "Second review", today=TODAY)
    found = compare.between_reviews(store, ids["review"], second["id"])
    assert found["to"]["name"] == "Second review"
    assert [p["name"] for p in found["changes"]["left"]] == ["Bo"]
    assert [r["name"] for r in snapshots.listing(store, ids["deal"])] == [
        "Second review", "First review"]


def test_the_trend_has_a_point_a_week_from_the_first_change(history):
    store, ids = history
    points = trend(store, ids["deal"], today=TODAY)
    assert [p["date"] for p in points] == ["2026-03-03", "2026-03-10", "2026-03-17",
                                           "2026-03-24", "2026-03-31"]
    assert [(p["opponents"], p["strong_coverage"]) for p in points] == [
        (0, 0), (1, 1), (1, 1), (1, 1), (1, 1)]


def test_the_chart_places_every_line_and_readable_date_ticks():
    from powermap.history.chart import trend_chart

    points = [{"date": f"2026-03-{d:02d}", "net_support": 0.5, "forecast": -1.0,
               "supporters": d // 7, "opponents": 1, "unknowns": 0, "allies": 0,
               "strong_coverage": 0, "open_high_flags": 2} for d in (3, 10, 17, 24, 31)]
    chart = trend_chart(points)
    lines = {line["key"]: line["points"] for line in chart["lines"]}
    assert lines["net_support"] == "40.0,39.0 187.0,39.0 334.0,39.0 481.0,39.0 628.0,39.0"
    assert lines["forecast"].split()[0] == "40.0,120.0"
    assert chart["top_count"] == 4
    assert [(t["date"], t["anchor"]) for t in chart["ticks"]] == [
        ("2026-03-03", "start"), ("2026-03-10", "middle"), ("2026-03-17", "middle"),
        ("2026-03-24", "middle"), ("2026-03-31", "end")]
