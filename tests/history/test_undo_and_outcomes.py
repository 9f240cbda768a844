"""Undo restores the state before a change; action outcomes are ordinary linked changes."""

from __future__ import annotations

import datetime as dt

import pytest
from history_maps import day

from powermap import clock
from powermap.actor import Actor, acting_as
from powermap.errors import ValidationError
from powermap.history import outcomes, undo


def _everything(store) -> dict:
    """Every record of every type, without the fields a revert must change."""
    return {name: [{k: v for k, v in r.items() if k not in ("version", "updated_at")}
                   for r in store.rows(name)] for name in store.counts()}


def _last_set(store) -> int:
    return store.db.execute("SELECT max(id) FROM change_sets").fetchone()[0]


def test_reverting_an_update_puts_the_values_back_and_versions_go_on(history):
    store, ids = history
    before = store.get("buying_center_entry", ids["entry_ann"])
    store.update("buying_center_entry", ids["entry_ann"], {"attitude": -2, "roles": ["user"]})
    revert_id = undo.revert(store, _last_set(store))
    after = store.get("buying_center_entry", ids["entry_ann"])
    assert (after["attitude"], after["roles"], after["version"]) == (
        before["attitude"], before["roles"], before["version"] + 2)
    assert undo.change_set(store, revert_id)["kind"] == "revert"
    assert undo.change_set(store, revert_id)["reverts"] == revert_id - 1


def test_reverting_a_cascading_delete_brings_everything_back(history):
    store, ids = history
    member = store.create("action", {"opportunity_id": ids["deal"], "stakeholder_id": ids["ann"],
                                     "owner_id": ids["me"], "type": "deepen", "status": "done"})
    state = _everything(store)
    store.delete("team_member", ids["me"])
    gone_member = _last_set(store)
    store.delete("stakeholder", ids["ann"])
    undo.revert(store, _last_set(store))
    undo.revert(store, gone_member)
    assert _everything(store) == state
    assert store.get("action", member["id"])["owner_id"] == ids["me"]


def test_reverting_a_create_deletes_what_it_created(history):
    store, ids = history
    state = _everything(store)
    with store.transaction():
        new = store.create("stakeholder", {"account_id": ids["account"], "name": "Dan"})
        store.create("relationship", {"source_id": new["id"], "target_id": ids["ann"],
                                      "type": "influences"})
    undo.revert(store, _last_set(store))
    assert _everything(store) == state


def test_a_revert_refuses_to_overwrite_a_later_edit(history):
    store, ids = history
    store.update("stakeholder", ids["ann"], {"title": "CIO"})
    mine = _last_set(store)
    store.update("stakeholder", ids["ann"], {"title": "CEO"})
    with pytest.raises(undo.RevertConflict, match="changed again since"):
        undo.revert(store, mine)
    assert store.get("stakeholder", ids["ann"])["title"] == "CEO"
    assert _last_set(store) == mine + 1


def test_a_change_is_reverted_once(history):
    store, ids = history
    store.update("stakeholder", ids["ann"], {"title": "CIO"})
    mine = _last_set(store)
    undo.revert(store, mine)
    with pytest.raises(undo.RevertConflict, match="already reverted"):
        undo.revert(store, mine)


def test_the_last_own_change_skips_reverted_ones_and_other_people(history):
    store, ids = history
    with acting_as(Actor("mei")):
        store.update("stakeholder", ids["ann"], {"title": "CIO"})
        first = _last_set(store)
        store.update("stakeholder", ids["bo"], {"title": "CTO"})
        undo.revert(store, _last_set(store))
        assert undo.last_own_set(store) == first
    with acting_as(Actor("bob")):
        assert undo.last_own_set(store) is None


def test_signed_in_people_revert_their_own_changes_and_admins_any(history):
    from powermap.users import add_user

    store = history[0]
    li = add_user(store, "li", "a long password")
    wang = add_user(store, "wang", "a long password")
    boss = add_user(store, "boss", "a long password", role="admin")
    mine = {"user_id": li.id}
    assert undo.may_revert(store, Actor("li", li.id), mine)
    assert not undo.may_revert(store, Actor("wang", wang.id), mine)
    assert undo.may_revert(store, Actor("boss", boss.id), mine)
    assert undo.may_revert(store, Actor("local"), mine)


def test_marking_an_action_done_writes_its_outcome_linked_to_it(history):
    store, ids = history
    action = store.create("action", {"opportunity_id": ids["deal"],
                                     "stakeholder_id": ids["ann"], "owner_id": ids["me"],
                                     "type": "turn_attitude", "status": "planned"})
    with clock.frozen_at(day(20)), acting_as(Actor("mei")):
        done = outcomes.complete(store, action["id"], attitude=2, strength=4,
                                 contact_date=dt.date(2026, 3, 19), actual_effect="Convinced")
    assert (done["status"], done["actual_effect"]) == ("done", "Convinced")
    entry = store.get("buying_center_entry", ids["entry_ann"])
    assert (entry["attitude"], entry["verified_at"], entry["verified_by"]) == (
        2, "2026-03-19", "mei")
    cover = store.get("coverage", ids["cover"])
    assert (cover["strength"], cover["last_contact"]) == (4, "2026-03-19")
    linked = undo.change_set(store, _last_set(store))
    assert (linked["kind"], linked["action_id"], linked["actor"]) == (
        "outcome", action["id"], "mei")
    entities = [r[0] for r in store.db.execute(
        "SELECT entity FROM changes WHERE set_id = ? ORDER BY id", [linked["id"]])]
    assert entities == ["action", "buying_center_entry", "coverage"]


def test_an_outcome_creates_the_owners_relationship_when_there_was_none(history):
    store, ids = history
    action = store.create("action", {"opportunity_id": ids["deal"], "stakeholder_id": ids["cai"],
                                     "owner_id": ids["me"], "type": "ice_breaking"})
    with clock.frozen_at(day(21)):
        outcomes.complete(store, action["id"], strength=1)
    [cover] = store.rows("coverage", "stakeholder_id = ?", [ids["cai"]])
    assert (cover["strength"], cover["last_contact"], cover["team_member_id"]) == (
        1, "2026-03-21", ids["me"])


def test_an_outcome_that_cannot_be_written_leaves_the_action_open(history):
    store, ids = history
    action = store.create("action", {"opportunity_id": ids["deal"], "stakeholder_id": ids["bo"],
                                     "type": "deepen", "status": "planned"})
    sets = _last_set(store)
    with pytest.raises(ValidationError, match="not in this opportunity's buying center"):
        outcomes.complete(store, action["id"], attitude=1)
    assert store.get("action", action["id"])["status"] == "planned"
    assert _last_set(store) == sets
