"""Every write lands in the change log, in the same transaction, with before and after."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from powermap import clock
from powermap.actor import Actor, acting_as, current
from powermap.changelog import COMPACT_FROM
from powermap.errors import ConflictError, ValidationError

MOMENT = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)


def _sets(store):
    return [tuple(r) for r in store.db.execute(
        "SELECT id, at, actor, user_id, kind, reason, action_id, reverts FROM change_sets "
        "ORDER BY id")]


def _changes(store, set_id=None):
    sql = ("SELECT set_id, entity, op, record_id, last_id, account_id, person_id, label, "
           "before, after FROM changes")
    rows = store.db.execute(sql + (" WHERE set_id = ?" if set_id else "") + " ORDER BY id",
                            [set_id] if set_id else []).fetchall()
    return [(*r[:8], json.loads(r[8]) if r[8] else None, json.loads(r[9]) if r[9] else None)
            for r in rows]


@pytest.fixture
def acme(store):
    with clock.frozen_at(MOMENT), acting_as(Actor("alice", 7)):
        account = store.create("account", {"name": "Acme"})
        li = store.create("stakeholder", {"account_id": account["id"], "name": "李伟",
                                          "title": "CIO"})
    return store, account["id"], li["id"]


def test_a_create_is_one_change_set_with_who_when_and_the_values(acme):
    store, account_id, li = acme
    assert _sets(store) == [
        (1, "2026-03-02T09:30:00.000000+00:00", "alice", 7, "edit", None, None, None),
        (2, "2026-03-02T09:30:00.000000+00:00", "alice", 7, "edit", None, None, None)]
    assert _changes(store) == [
        (1, "account", "create", account_id, None, account_id, None, "account #1 'Acme'",
         None, {"name": "Acme"}),
        (2, "stakeholder", "create", li, None, account_id, li, "stakeholder #1 '李伟'",
         None, {"account_id": 1, "name": "李伟", "title": "CIO"})]


def test_an_update_logs_only_the_fields_that_changed(acme):
    store, account_id, li = acme
    store.update("stakeholder", li, {"title": "CEO", "department": "Board", "name": "李伟"})
    [change] = _changes(store, 3)
    assert change == (3, "stakeholder", "update", li, None, account_id, li,
                      "stakeholder #1 '李伟'", {"title": "CIO", "department": None},
                      {"title": "CEO", "department": "Board"})


def test_an_update_that_changes_nothing_logs_nothing(acme):
    store, _, li = acme
    store.update("stakeholder", li, {"title": "CIO"})
    assert len(_sets(store)) == 2


def test_lists_and_references_are_logged_as_stored(acme):
    store, account_id, li = acme
    deal = store.create("opportunity", {"account_id": account_id, "name": "ERP"})
    entry = store.create("buying_center_entry", {"opportunity_id": deal["id"],
                                                 "stakeholder_id": li, "roles": ["approver"],
                                                 "attitude": 0})
    store.update("buying_center_entry", entry["id"], {"roles": ["decision_maker"],
                                                      "attitude": 1})
    [change] = _changes(store, 5)
    assert change[1:] == ("buying_center_entry", "update", entry["id"], None, account_id, li,
                          f"buying center entry #{entry['id']}",
                          {"roles": '["approver"]', "attitude": 0, "verified_at": None,
                           "verified_by": None},
                          {"roles": '["decision_maker"]', "attitude": 1,
                           "verified_at": clock.now().date().isoformat(),
                           "verified_by": current().login})


def test_a_delete_keeps_the_rows_it_took_and_the_references_it_cleared(acme):
    store, account_id, li = acme
    wang = store.create("stakeholder", {"account_id": account_id, "name": "Wang"})
    rel = store.create("relationship", {"source_id": wang["id"], "target_id": li,
                                        "type": "reports_to"})
    member = store.create("team_member", {"account_id": account_id, "name": "Bo"})
    deal = store.create("opportunity", {"account_id": account_id, "name": "ERP"})
    done = store.create("action", {"opportunity_id": deal["id"], "stakeholder_id": li,
                                   "owner_id": member["id"], "type": "deepen",
                                   "status": "done"})
    store.delete("team_member", member["id"])
    store.delete("stakeholder", li)
    member_set, li_set = _sets(store)[-2][0], _sets(store)[-1][0]
    unlink = _changes(store, member_set)
    assert [c[1:4] for c in unlink] == [("team_member", "delete", member["id"]),
                                        ("action", "unlink", done["id"])]
    assert (unlink[1][8], unlink[1][9]) == ({"owner_id": member["id"]}, {"owner_id": None})
    went = _changes(store, li_set)
    assert [(c[1], c[2], c[3]) for c in went] == [
        ("stakeholder", "delete", li), ("relationship", "delete", rel["id"]),
        ("action", "delete", done["id"])]
    before = went[0][8]
    assert dict(zip(before["columns"], before["rows"][0], strict=True))["name"] == "李伟"
    assert went[1][8]["rows"][0][:5] == [rel["id"], account_id, wang["id"], li, "reports_to"]


def test_a_large_batch_is_logged_as_id_ranges(acme):
    store, account_id, _ = acme
    with store.noting(kind="import"):
        ids = store.create_many("stakeholder", [
            {"account_id": account_id, "name": f"P{n}"} for n in range(COMPACT_FROM + 5)])
    [set_row] = _sets(store)[2:]
    assert set_row[4] == "import"
    assert _changes(store, set_row[0]) == [
        (set_row[0], "stakeholder", "create", ids[0], ids[-1], account_id, None, None, None,
         None)]


def test_a_large_batch_of_several_accounts_gets_one_range_per_account(store):
    a = store.create("account", {"name": "A"})["id"]
    b = store.create("account", {"name": "B"})["id"]
    records = [{"account_id": a if n < 30 else b, "name": f"P{n}"} for n in range(60)]
    ids = store.create_many("stakeholder", records)
    assert [c[3:6] for c in _changes(store, 3)] == [(ids[0], ids[29], a), (ids[30], ids[59], b)]


def test_update_many_logs_each_changed_record(acme):
    store, _, li = acme
    other = store.create("stakeholder", {"account_id": 1, "name": "Wang"})
    rows = {r["id"]: r for r in store.rows("stakeholder")}
    store.update_many("stakeholder", [
        (li, rows[li]["version"], {**rows[li], "level": 2}),
        (other["id"], rows[other["id"]]["version"], {**rows[other["id"]]})])
    assert [(c[3], c[8], c[9]) for c in _changes(store, 4)] == [(li, {"level": None},
                                                                {"level": 2})]


def test_writes_in_one_transaction_are_one_change_set_with_a_reason(acme):
    store, account_id, li = acme
    with store.noting(reason="met at the trade fair", action_id=None):
        store.update("stakeholder", li, {"title": "CTO"})
        store.create("stakeholder", {"account_id": account_id, "name": "Zhou"})
    assert _sets(store)[-1][4:6] == ("edit", "met at the trade fair")
    assert [c[2] for c in _changes(store, 3)] == ["update", "create"]


@pytest.mark.parametrize("write", [
    lambda s, li: s.update("stakeholder", li, {"level": 99}),
    lambda s, li: s.update("stakeholder", li, {"title": "x"}, version=5),
    lambda s, li: s.create("stakeholder", {"account_id": 1}),
    lambda s, li: s.delete("stakeholder", li, version=9),
    lambda s, li: s.create_many("relationship", [{"account_id": 1, "source_id": li,
                                                  "target_id": 999, "type": "influences"}]),
])
def test_a_failed_write_logs_nothing(acme, write):
    store, _, li = acme
    with pytest.raises((ValidationError, ConflictError)):
        write(store, li)
    assert len(_sets(store)) == 2
    assert len(_changes(store)) == 2


def test_a_failed_write_inside_a_transaction_leaves_the_rest_logged(acme):
    store, account_id, li = acme
    with store.transaction():
        with pytest.raises(ValidationError), store.transaction():
            store.create("stakeholder", {"account_id": account_id, "name": "In the savepoint"})
            store.update("stakeholder", li, {"level": 99})
        store.update("stakeholder", li, {"title": "CTO"})
    assert [c[1:3] for c in _changes(store, 3)] == [("stakeholder", "update")]


def test_the_log_can_be_switched_off_for_benchmarks(tmp_path):
    from powermap.store import Store

    with Store(tmp_path / "off.db", log_changes=False) as store:
        store.create("account", {"name": "Acme"})
        assert store.db.execute("SELECT count(*) FROM changes").fetchone()[0] == 0


def test_restored_rows_come_back_under_their_ids_and_are_logged(acme):
    store, account_id, li = acme
    row = store.get("stakeholder", li)
    store.delete("stakeholder", li)
    store.restore_rows("stakeholder", [row])
    again = store.get("stakeholder", li)
    assert (again["name"], again["version"], again["created_at"]) == (
        "李伟", row["version"] + 1, row["created_at"])
    assert _changes(store)[-1][1:4] == ("stakeholder", "create", li)
