"""Deletes say what they take: Store.delete_impact / delete_unlinks and the team-member rule."""

from __future__ import annotations

import shutil

import pytest

from powermap.dependents import HasDependentsError, OpenActionsError
from powermap.errors import ValidationError
from powermap.schema import ENTITIES
from powermap.store import Store

#: What deleting the demo account takes (156 records besides the account itself).
ACCOUNT_IMPACT = {"opportunity": 2, "stakeholder": 30, "buying_center_entry": 34,
                  "relationship": 52, "team_member": 3, "coverage": 16,
                  "opportunity_competitor": 3, "competitor_position": 12, "action": 4}


def test_demo_account_impact_is_exact(demo_store):
    assert demo_store.delete_impact("account", 1) == ACCOUNT_IMPACT
    assert sum(ACCOUNT_IMPACT.values()) == 156
    assert demo_store.delete_unlinks("account", 1) == {}


def test_demo_stakeholder_and_opportunity_impact(demo_store):
    assert demo_store.delete_impact("stakeholder", 1) == {
        "buying_center_entry": 1, "relationship": 10, "competitor_position": 1}
    assert demo_store.delete_impact("stakeholder", 3) == {
        "buying_center_entry": 1, "relationship": 8, "coverage": 1, "competitor_position": 1}
    assert demo_store.delete_impact("opportunity", 1) == {
        "buying_center_entry": 23, "opportunity_competitor": 2, "action": 3}
    assert demo_store.delete_impact("competitor", 1) == {
        "opportunity_competitor": 2, "competitor_position": 7}
    assert demo_store.delete_impact("relationship", 1) == {}


def test_demo_team_member_impact(demo_store):
    assert demo_store.delete_impact("team_member", 2) == {"coverage": 6}
    assert demo_store.delete_unlinks("team_member", 2) == {"action": 2}
    assert [a["status"] for a in demo_store.open_actions_of(2)] == ["in_progress"]


def test_impact_matches_what_sqlite_deletes_for_every_demo_record(demo_store, tmp_path):
    """For every record of the demo: delete it in a copy; the counts that vanished are the
    impact, and the actions that lost their owner are the unlinks."""
    demo_store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = demo_store.counts()
    checked = 0
    for name in ENTITIES:
        for row in demo_store.rows(name):
            impact = demo_store.delete_impact(name, row["id"])
            unlinks = demo_store.delete_unlinks(name, row["id"])
            copy = tmp_path / f"{name}-{row['id']}.db"
            shutil.copy(demo_store.path, copy)
            with Store(copy) as other:
                owned = other.db.execute(
                    "SELECT count(*) FROM actions WHERE owner_id IS NOT NULL").fetchone()[0]
                other.db.execute(f"DELETE FROM {ENTITIES[name].table} WHERE id = ?",
                                 [row["id"]])
                after = other.counts()
                still_owned = other.db.execute(
                    "SELECT count(*) FROM actions WHERE owner_id IS NOT NULL").fetchone()[0]
            gone = {n: before[n] - after[n] for n in before if before[n] != after[n]}
            assert gone == {name: 1, **impact}, (name, row["id"])
            kept_unlinked = (owned - still_owned
                             - _owned_actions_deleted(demo_store, name, row["id"]))
            assert unlinks == ({"action": kept_unlinked} if kept_unlinked else {})
            checked += 1
    assert checked == sum(before.values())


def _owned_actions_deleted(store, name, record_id):
    """Actions with an owner that go with the record (they lose the owner by going)."""
    if name == "account":
        return store.db.execute("SELECT count(*) FROM actions WHERE owner_id IS NOT NULL")\
            .fetchone()[0]
    column = {"opportunity": "opportunity_id", "stakeholder": "stakeholder_id",
              "action": "id"}.get(name)
    if column is None:
        return 0
    return store.db.execute(f"SELECT count(*) FROM actions WHERE owner_id IS NOT NULL "
                            f"AND {column} = ?", [record_id]).fetchone()[0]


def test_delete_returns_the_impact(demo_store):
    assert demo_store.delete("stakeholder", 1) == {
        "buying_center_entry": 1, "relationship": 10, "competitor_position": 1}


def test_delete_without_cascade_is_refused_and_writes_nothing(demo_store):
    before = demo_store.counts()
    with pytest.raises(HasDependentsError) as caught:
        demo_store.delete("stakeholder", 1, cascade=False)
    assert caught.value.dependents == {
        "buying_center_entry": 1, "relationship": 10, "competitor_position": 1}
    assert demo_store.counts() == before


def test_delete_without_cascade_of_a_record_without_dependents(demo_store):
    assert demo_store.delete("relationship", 1, cascade=False) == {}
    assert demo_store.counts()["relationship"] == 51


def test_team_member_with_open_actions_is_refused(demo_store):
    before = demo_store.counts()
    with pytest.raises(OpenActionsError) as caught:
        demo_store.delete("team_member", 2)
    assert caught.value.count == 1
    assert "owns 1 open action;" in str(caught.value)
    assert demo_store.counts() == before


def test_team_member_open_actions_go_to_the_successor(demo_store):
    open_ids = [a["id"] for a in demo_store.open_actions_of(2)]
    closed = demo_store.rows("action", "owner_id = 2 AND status IN ('done', 'cancelled')")
    assert demo_store.delete("team_member", 2, reassign_to=1) == {"coverage": 6}
    assert [demo_store.get("action", i)["owner_id"] for i in open_ids] == [1]
    assert [demo_store.get("action", a["id"])["owner_id"] for a in closed] == [None]
    assert demo_store.counts()["action"] == 4


def test_team_member_successor_must_be_another_member_of_the_account(demo_store):
    other = demo_store.create("account", {"name": "Elsewhere"})
    stranger = demo_store.create("team_member", {"account_id": other["id"], "name": "Zed"})
    before = demo_store.counts()
    for successor in (2, stranger["id"]):
        with pytest.raises(ValidationError, match="same account team"):
            demo_store.delete("team_member", 2, reassign_to=successor)
    assert demo_store.counts() == before


def test_only_team_members_hand_over_actions(demo_store):
    with pytest.raises(TypeError):
        demo_store.delete("stakeholder", 1, reassign_to=1)


def test_delete_refuses_when_what_it_takes_changed_since_shown(demo_store):
    from powermap.dependents import ImpactChangedError

    shown = demo_store.delete_impact("stakeholder", 2)
    demo_store.create("relationship", {"source_id": 2, "target_id": 4, "type": "conflict"})
    before = demo_store.counts()
    with pytest.raises(ImpactChangedError) as caught:
        demo_store.delete("stakeholder", 2, expected=shown)
    assert caught.value.dependents == {"buying_center_entry": 1, "relationship": 6}
    assert demo_store.counts() == before
    assert demo_store.delete("stakeholder", 2, expected=caught.value.dependents) == {
        "buying_center_entry": 1, "relationship": 6}
