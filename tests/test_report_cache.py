"""The report cache never serves a stale report: every kind of write invalidates it."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from powermap import change_counter
from powermap.analysis import analyze
from powermap.errors import ValidationError
from powermap.graph import build_graph
from powermap.history import undo
from powermap.i18n import use_locale
from powermap.positions import forget_positions, keep_positions
from powermap.report_cache import ReportCache, graph_and_report, opportunity_map, opportunity_report
from powermap.store import Store

TODAY = dt.date(2026, 11, 1)


@pytest.fixture
def deal(tmp_path):
    """One account with a record of every kind; yields (store, ids)."""
    with Store(tmp_path / "cache.db") as store:
        account = store.create("account", {"name": "Acme"})["id"]
        opp = store.create("opportunity", {"account_id": account, "name": "ERP"})["id"]
        people = [store.create("stakeholder", {"account_id": account, "name": name})["id"]
                  for name in ("Ada", "Bo", "Cy")]
        entry = store.create("buying_center_entry", {
            "opportunity_id": opp, "stakeholder_id": people[0], "roles": ["decision_maker"],
            "influence": 5, "attitude": 0})["id"]
        store.create("buying_center_entry", {"opportunity_id": opp, "stakeholder_id": people[1],
                                             "roles": ["evaluator"], "influence": 3})
        relationship = store.create("relationship", {
            "account_id": account, "source_id": people[1], "target_id": people[0],
            "type": "influences", "strength": 2})["id"]
        member = store.create("team_member", {"account_id": account, "name": "Lin",
                                              "role": "account_lead"})["id"]
        coverage = store.create("coverage", {"team_member_id": member,
                                             "stakeholder_id": people[0], "strength": 2})["id"]
        competitor = store.create("competitor", {"name": "Rival"})["id"]
        in_play = store.create("opportunity_competitor", {"opportunity_id": opp,
                                                          "competitor_id": competitor})["id"]
        position = store.create("competitor_position", {
            "competitor_id": competitor, "stakeholder_id": people[0], "coverage": 3})["id"]
        action = store.create("action", {"opportunity_id": opp, "stakeholder_id": people[1],
                                         "type": "workshop"})["id"]
        yield store, {"account": account, "opportunity": opp, "people": people,
                      "buying_center_entry": entry, "relationship": relationship,
                      "team_member": member, "coverage": coverage, "competitor": competitor,
                      "opportunity_competitor": in_play, "competitor_position": position,
                      "action": action}


def _fresh(store: Store, opportunity_id: int) -> dict:
    return analyze(build_graph(store, opportunity_id), today=TODAY)


def _served(store: Store, opportunity_id: int, cache: ReportCache) -> dict:
    return opportunity_report(store, opportunity_id, today=TODAY, cache=cache)


#: One write of every kind the store makes, each changing what the report says.
WRITES = {
    "update account": lambda s, i: s.update("account", i["account"], {"name": "Acme Group"}),
    "update opportunity": lambda s, i: s.update("opportunity", i["opportunity"],
                                                {"stage": "propose"}),
    "create stakeholder": lambda s, i: s.create("stakeholder", {"account_id": i["account"],
                                                                "name": "Di"}),
    "update stakeholder": lambda s, i: s.update("stakeholder", i["people"][0], {"level": 1}),
    "delete stakeholder": lambda s, i: s.delete("stakeholder", i["people"][2]),
    "create entry": lambda s, i: s.create("buying_center_entry", {
        "opportunity_id": i["opportunity"], "stakeholder_id": i["people"][2],
        "roles": ["coach"], "influence": 2, "attitude": 2}),
    "update entry": lambda s, i: s.update("buying_center_entry", i["buying_center_entry"],
                                          {"attitude": 2}),
    "delete entry": lambda s, i: s.delete("buying_center_entry", i["buying_center_entry"]),
    "update relationship": lambda s, i: s.update("relationship", i["relationship"],
                                                 {"type": "reports_to"}),
    "delete relationship": lambda s, i: s.delete("relationship", i["relationship"]),
    "update team member": lambda s, i: s.update("team_member", i["team_member"],
                                                {"name": "Lin Tao"}),
    "delete team member": lambda s, i: s.delete("team_member", i["team_member"]),
    "update coverage": lambda s, i: s.update("coverage", i["coverage"], {"strength": 4}),
    "delete coverage": lambda s, i: s.delete("coverage", i["coverage"]),
    "update competitor": lambda s, i: s.update("competitor", i["competitor"],
                                               {"name": "Rival Inc"}),
    "delete in play": lambda s, i: s.delete("opportunity_competitor",
                                            i["opportunity_competitor"]),
    "update position": lambda s, i: s.update("competitor_position", i["competitor_position"],
                                             {"preference": 2}),
    "update action": lambda s, i: s.update("action", i["action"], {"status": "done"}),
    "delete action": lambda s, i: s.delete("action", i["action"]),
    "create_many": lambda s, i: s.create_many("stakeholder", [
        {"account_id": i["account"], "name": "Ed"}, {"account_id": i["account"], "name": "Fay"}]),
    "update_many": lambda s, i: s.update_many("buying_center_entry", [
        (i["buying_center_entry"], 1, {**s.get("buying_center_entry",
                                               i["buying_center_entry"]), "influence": 1})]),
    "revert action": lambda s, i: undo.revert(
        s, s.db.execute("SELECT max(id) FROM change_sets").fetchone()[0]),
}


@pytest.mark.parametrize("write", WRITES)
def test_every_kind_of_write_invalidates_the_cached_report(deal, write):
    store, ids = deal
    cache = ReportCache()
    before = _served(store, ids["opportunity"], cache)
    assert before == _fresh(store, ids["opportunity"])
    assert _served(store, ids["opportunity"], cache) == before
    assert cache.hits == 1
    WRITES[write](store, ids)
    after = _served(store, ids["opportunity"], cache)
    assert after == _fresh(store, ids["opportunity"])
    assert (cache.hits, cache.misses) == (1, 2), "a write makes the next view recompute"
    if "action" not in write:  # the report does not read actions (the review reads the graph)
        assert after != before, "the write should change the report"


def test_a_write_through_another_connection_is_seen(deal):
    store, ids = deal
    cache = ReportCache()
    before = _served(store, ids["opportunity"], cache)
    with Store(store.path) as other:
        other.update("buying_center_entry", ids["buying_center_entry"], {"attitude": -2})
    after = _served(store, ids["opportunity"], cache)
    assert after["support"] != before["support"]
    assert after == _fresh(store, ids["opportunity"])


def test_a_refused_write_keeps_the_counter_and_the_cached_report(deal):
    store, ids = deal
    cache = ReportCache()
    _served(store, ids["opportunity"], cache)
    state = change_counter.current(store.db.conn)
    with pytest.raises(ValidationError):
        store.update("buying_center_entry", ids["buying_center_entry"], {"attitude": 9})
    assert change_counter.current(store.db.conn) == state
    _served(store, ids["opportunity"], cache)
    assert (cache.hits, cache.misses) == (1, 1)


def test_each_write_moves_the_counter_by_one_and_changes_the_stamp(deal):
    store, ids = deal
    counter, stamp = change_counter.current(store.db.conn)
    store.update("account", ids["account"], {"industry": "Steel"})
    assert change_counter.current(store.db.conn)[0] == counter + 1
    assert change_counter.current(store.db.conn)[1] != stamp


def test_reports_are_kept_per_language_date_and_options(deal):
    store, ids = deal
    cache = ReportCache()
    english = _served(store, ids["opportunity"], cache)
    with use_locale("zh_CN"):
        chinese = _served(store, ids["opportunity"], cache)
    assert english["risks"]["flags"][0]["title"] != chinese["risks"]["flags"][0]["title"]
    later = opportunity_report(store, ids["opportunity"], today=dt.date(2027, 1, 1), cache=cache)
    assert later["opportunity"]["today"] == "2027-01-01"
    short = opportunity_report(store, ids["opportunity"], today=TODAY, top=1, cache=cache)
    assert len(short["suggestions"]) <= 1
    assert (cache.hits, len(cache)) == (0, 4)


def test_a_caller_changing_its_report_does_not_change_the_next_one(deal):
    store, ids = deal
    cache = ReportCache()
    first = _served(store, ids["opportunity"], cache)
    first["risks"]["health"] = "changed"
    assert _served(store, ids["opportunity"], cache)["risks"]["health"] != "changed"


def test_map_and_review_share_the_cache_and_follow_writes(deal):
    store, ids = deal
    cache = ReportCache()
    payload = opportunity_map(store, ids["opportunity"], today=TODAY, cache=cache)
    assert opportunity_map(store, ids["opportunity"], today=TODAY, cache=cache) == payload
    graph, report = graph_and_report(store, ids["opportunity"], today=TODAY, cache=cache)
    assert report == _fresh(store, ids["opportunity"])
    assert graph.number_of_nodes() == 3
    store.update("stakeholder", ids["people"][0], {"name": "Ada Wu"})
    names = {n["label"] for n in opportunity_map(store, ids["opportunity"], today=TODAY,
                                                 cache=cache)["nodes"]}
    assert any("Ada Wu" in name for name in names)


def test_the_cache_is_bounded_by_entries_and_bytes():
    cache = ReportCache(max_entries=3, max_bytes=10_000)
    for n in range(5):
        cache.put(n, n)
    assert len(cache) == 3 and cache.get(0) is None and cache.get(4) == 4
    cache.put("big", "x" * 20_000)
    assert cache.get("big") is None
    cache.put("half", "x" * 6_000)
    cache.put("other half", "y" * 6_000)
    assert cache.get("half") is None and cache.get("other half") == "y" * 6_000


def test_many_threads_share_the_cache_without_mixing_reports(tmp_path):
    with Store(tmp_path / "t.db") as store:
        account = store.create("account", {"name": "Acme"})["id"]
        opps = [store.create("opportunity", {"account_id": account, "name": f"Deal {n}"})["id"]
                for n in range(4)]
    cache = ReportCache()
    seen: list[tuple[int, int]] = []

    def work(opportunity_id: int) -> None:
        with Store(tmp_path / "t.db") as mine:
            for _ in range(5):
                report = opportunity_report(mine, opportunity_id, today=TODAY, cache=cache)
                seen.append((opportunity_id, report["opportunity"]["id"]))

    threads = [threading.Thread(target=work, args=(opp,)) for opp in opps * 2]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 40 and all(asked == got for asked, got in seen)
    assert len(cache) == 4


def test_kept_positions_invalidate_the_cached_map(deal):
    store, ids = deal
    cache = ReportCache()
    served = lambda: opportunity_map(store, ids["opportunity"], today=TODAY,  # noqa: E731
                                     layout="network", cache=cache)
    where = lambda payload: {n["id"]: n.get("net") for n in payload["nodes"]}  # noqa: E731
    before = served()
    keep_positions(store, ids["opportunity"],
                   [{"stakeholder_id": ids["people"][0], "x": 1234, "y": -567}])
    moved = served()
    assert where(moved)[ids["people"][0]] != where(before)[ids["people"][0]]
    forget_positions(store, ids["opportunity"])
    assert where(served()) == where(before)
