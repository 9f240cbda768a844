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


def _account(store: Store, name: str) -> dict:
    """One account with a record of every kind; its ids by kind."""
    account = store.create("account", {"name": name})["id"]
    opp = store.create("opportunity", {"account_id": account, "name": "ERP"})["id"]
    people = [store.create("stakeholder", {"account_id": account, "name": person})["id"]
              for person in ("Ada", "Bo", "Cy")]
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
    competitor = store.create("competitor", {"name": f"Rival of {name}"})["id"]
    in_play = store.create("opportunity_competitor", {"opportunity_id": opp,
                                                      "competitor_id": competitor})["id"]
    position = store.create("competitor_position", {
        "competitor_id": competitor, "stakeholder_id": people[0], "coverage": 3})["id"]
    action = store.create("action", {"opportunity_id": opp, "stakeholder_id": people[1],
                                     "type": "workshop"})["id"]
    return {"account": account, "opportunity": opp, "people": people,
            "buying_center_entry": entry, "relationship": relationship,
            "team_member": member, "coverage": coverage, "competitor": competitor,
            "opportunity_competitor": in_play, "competitor_position": position,
            "action": action}


@pytest.fixture
def deal(tmp_path):
    """One account with a record of every kind; yields (store, ids)."""
    with Store(tmp_path / "cache.db") as store:
        yield store, _account(store, "Acme")


@pytest.fixture
def two_deals(tmp_path):
    """Two accounts with a record of every kind each; yields (store, ids of A, ids of B)."""
    with Store(tmp_path / "cache.db") as store:
        yield store, _account(store, "Acme"), _account(store, "Bolt")


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
    "revert action": lambda s, i: undo.revert(s, s.db.execute(
        "SELECT set_id FROM changes WHERE entity = 'action' AND op = 'create' "
        "AND record_id = ?", [i["action"]]).fetchone()[0]),
}

#: The writes of WRITES that change what every account shares.
SHARED_WRITES = {"update competitor"}


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


def test_a_refused_write_keeps_the_counters_and_the_cached_report(deal):
    store, ids = deal
    cache = ReportCache()
    _served(store, ids["opportunity"], cache)
    state = change_counter.opportunity_state(store.db.conn, ids["opportunity"])
    with pytest.raises(ValidationError):
        store.update("buying_center_entry", ids["buying_center_entry"], {"attitude": 9})
    assert change_counter.opportunity_state(store.db.conn, ids["opportunity"]) == state
    _served(store, ids["opportunity"], cache)
    assert (cache.hits, cache.misses) == (1, 1)


def test_a_write_moves_its_accounts_counter_by_one_and_changes_the_stamp(two_deals):
    store, a, b = two_deals
    account, shared, shared_stamp, counter, stamp = change_counter.opportunity_state(
        store.db.conn, a["opportunity"])
    other = change_counter.opportunity_state(store.db.conn, b["opportunity"])
    store.update("stakeholder", a["people"][1], {"title": "CFO"})
    now = change_counter.opportunity_state(store.db.conn, a["opportunity"])
    assert now[:4] == (account, shared, shared_stamp, counter + 1) and now[4] != stamp
    assert change_counter.opportunity_state(store.db.conn, b["opportunity"]) == other


def test_a_shared_write_moves_the_shared_counter_for_every_account(two_deals):
    store, a, b = two_deals
    states = [change_counter.opportunity_state(store.db.conn, ids["opportunity"])
              for ids in (a, b)]
    store.update("competitor", a["competitor"], {"notes": "bigger now"})
    for ids, (account, shared, stamp, counter, own) in zip((a, b), states, strict=True):
        now = change_counter.opportunity_state(store.db.conn, ids["opportunity"])
        assert now[0] == account and now[1] == shared + 1 and now[2] != stamp
        assert now[3:] == (counter, own)


@pytest.mark.parametrize("write", WRITES)
def test_a_write_in_one_account_leaves_the_other_accounts_report_cached(two_deals, write):
    store, a, b = two_deals
    cache = ReportCache()
    before = {n: _served(store, ids["opportunity"], cache) for n, ids in (("a", a), ("b", b))}
    WRITES[write](store, a)
    after_a = _served(store, a["opportunity"], cache)
    after_b = _served(store, b["opportunity"], cache)
    assert after_a == _fresh(store, a["opportunity"])
    assert after_b == _fresh(store, b["opportunity"]) == before["b"]
    if write in SHARED_WRITES:
        assert (cache.hits, cache.misses) == (0, 4), "a shared write refreshes every account"
    else:
        assert (cache.hits, cache.misses) == (1, 3), "only A's report is computed again"
    if "action" not in write:
        assert after_a != before["a"]


def test_a_record_moved_to_another_account_refreshes_both(two_deals):
    store, a, b = two_deals
    cache = ReportCache()
    for ids in (a, b):
        _served(store, ids["opportunity"], cache)
    store.update("opportunity_competitor", a["opportunity_competitor"],
                 {"opportunity_id": b["opportunity"]})
    for ids in (a, b):
        assert _served(store, ids["opportunity"], cache) == _fresh(store, ids["opportunity"])
    assert (cache.hits, cache.misses) == (0, 4)
    rivals = _served(store, b["opportunity"], cache)["competition"]["competitors"]
    assert sorted(r["name"] for r in rivals) == ["Rival of Acme", "Rival of Bolt"]


def test_a_write_in_one_account_through_another_connection(two_deals):
    store, a, b = two_deals
    cache = ReportCache()
    before_b = _served(store, b["opportunity"], cache)
    before_a = _served(store, a["opportunity"], cache)
    with Store(store.path) as other:
        other.update("buying_center_entry", a["buying_center_entry"], {"attitude": -2})
    assert _served(store, a["opportunity"], cache)["support"] != before_a["support"]
    assert _served(store, b["opportunity"], cache) == before_b
    assert (cache.hits, cache.misses) == (1, 3)


def test_kept_positions_in_one_account_leave_the_others_map(two_deals):
    store, a, b = two_deals
    cache = ReportCache()
    served = lambda ids: opportunity_map(store, ids["opportunity"], today=TODAY,  # noqa: E731
                                         layout="network", cache=cache)
    served(a), served(b)
    keep_positions(store, a["opportunity"],
                   [{"stakeholder_id": a["people"][0], "x": 1234, "y": -567}])
    moved = {n["id"]: n.get("net") for n in served(a)["nodes"]}
    assert moved[a["people"][0]] == [1234, -567]
    served(b)
    # each map computed asks for its report: A's map and report again, B's map found
    assert (cache.hits, cache.misses) == (1, 6)


def test_an_account_that_takes_a_deleted_ones_id_is_not_served_its_report(tmp_path):
    with Store(tmp_path / "reuse.db") as store:
        cache = ReportCache()
        gone = _account(store, "Acme")
        old = _served(store, gone["opportunity"], cache)
        store.delete("account", gone["account"])
        new = _account(store, "Bolt")
        assert (new["account"], new["opportunity"]) == (gone["account"], gone["opportunity"])
        report = _served(store, new["opportunity"], cache)
        assert report == _fresh(store, new["opportunity"]) != old
        assert cache.hits == 0


def test_a_write_by_another_program_that_bumps_the_shared_counter_is_seen(deal):
    store, ids = deal
    cache = ReportCache()
    before = _served(store, ids["opportunity"], cache)
    with store.db.conn:  # the SQL docs/portfolio.md gives such a program
        store.db.conn.execute("UPDATE buying_center SET attitude = -2 WHERE id = ?",
                              [ids["buying_center_entry"]])
        store.db.conn.execute("UPDATE change_counter SET counter = counter + 1, "
                              "stamp = lower(hex(randomblob(8)))")
    after = _served(store, ids["opportunity"], cache)
    assert after["support"] != before["support"] and after == _fresh(store, ids["opportunity"])


def test_an_upgrade_bumps_the_shared_counter(tmp_path):
    path = tmp_path / "old.db"
    with Store(path) as store:
        cache = ReportCache()
        ids = _account(store, "Acme")
        before = _served(store, ids["opportunity"], cache)
        shared = change_counter.current(store.db.conn)
        with store.db.conn:  # back to before 0007, then a migration rewrites a record
            store.db.conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0007_cache'")
            store.db.conn.execute("DROP TABLE account_change_counter")
            store.db.conn.execute("UPDATE buying_center SET influence = 1")
    with Store(path) as store:
        assert change_counter.current(store.db.conn)[0] == shared[0] + 1
        after = _served(store, ids["opportunity"], cache)
        assert after == _fresh(store, ids["opportunity"]) != before
        assert cache.hits == 0


def test_a_restored_backup_is_served_its_own_reports(two_deals, tmp_path):
    from powermap.cli.backup import backup_database, restore_database

    store, a, b = two_deals
    cache = ReportCache()
    saved = {n: _served(store, ids["opportunity"], cache) for n, ids in (("a", a), ("b", b))}
    backup_database(store.path, tmp_path / "saved.db")
    store.update("buying_center_entry", a["buying_center_entry"], {"attitude": -2})
    store.update("competitor", b["competitor"], {"name": "Rival Group"})
    changed = {n: _served(store, ids["opportunity"], cache) for n, ids in (("a", a), ("b", b))}
    assert changed["a"] != saved["a"] and changed["b"] != saved["b"]
    restore_database(tmp_path / "saved.db", store.path, yes=True)
    with Store(store.path) as restored:
        for n, ids in (("a", a), ("b", b)):
            assert _served(restored, ids["opportunity"], cache) == saved[n] == _fresh(
                restored, ids["opportunity"])
        restored.update("stakeholder", a["people"][2], {"level": 2})
        assert _served(restored, a["opportunity"], cache) == _fresh(restored, a["opportunity"])


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
