"""Restoring a JSON export does not hold the write lock while it checks the file.

Regression tests of "the JSON importer holds the write lock for its whole
run": web edits waited for the restore of a large file. Now the file is
checked in a scratch database (no lock) and the lock is taken only to write;
what the check read of the target (its accounts and competitors) is compared
under the lock, and the check is redone if it changed meanwhile.
"""

from __future__ import annotations

import pytest

from powermap import json_restore
from powermap.database import set_busy_timeout
from powermap.errors import ValidationError
from powermap.imports.snapshot import ChangedMeanwhile
from powermap.json_map import export_account, import_json
from powermap.store import Store

DOCUMENT = {
    "format": "powermap", "format_version": 1,
    "account": {"name": "Acme", "industry": "Energy"},
    "stakeholders": [{"key": "s1", "name": "An Li", "email": "an@acme.cn"},
                     {"key": "s2", "name": "Bo Wu", "email": "bo@acme.cn"}],
    "relationships": [{"source": "s2", "target": "s1", "type": "reports_to"}],
    "team": [{"key": "t1", "name": "Mia"}],
    "coverage": [{"team_member": "t1", "stakeholder": "s1", "strength": 2}],
    "competitors": [{"name": "Rival", "notes": None}],
    "competitor_positions": [{"competitor": "Rival", "stakeholder": "s2", "coverage": 2}],
    "opportunities": [{"name": "ERP", "competitors": ["Rival"],
                       "buying_center": [{"stakeholder": "s1", "roles": ["decision_maker"]}],
                       "actions": []}],
}


@pytest.fixture
def target(tmp_path):
    """A database file holding another account (Other, with Cai and a competitor)."""
    path = str(tmp_path / "target.db")
    with Store(path) as store:
        other = store.create("account", {"name": "Other"})["id"]
        store.create("stakeholder", {"account_id": other, "name": "Cai"})
        store.create("competitor", {"name": "Elsewhere"})
    return path


def _while_checking(monkeypatch, edit):
    """Run ``edit(attempt)`` right after each check of the file, before the write."""
    attempts: list[int] = []
    load = json_restore._Loader.load

    def load_then_edit(self, data):
        plan = load(self, data)
        attempts.append(len(attempts) + 1)
        edit(attempts[-1])
        return plan
    monkeypatch.setattr(json_restore._Loader, "load", load_then_edit)
    return attempts


def _edit(path: str, sql: str, params: list) -> None:
    """Write through a connection of its own that waits at most 0.2 s for the lock."""
    with Store(path) as ui:
        set_busy_timeout(ui.db.conn, 0.2)
        ui.db.execute(sql, params)


def test_an_edit_while_the_file_is_checked_does_not_wait(target, monkeypatch):
    attempts = _while_checking(monkeypatch, lambda attempt: _edit(
        target, "UPDATE stakeholders SET notes = ?, version = version + 1 WHERE id = 1",
        [f"edit {attempt}"]))
    with Store(target) as store:
        report = import_json(store, DOCUMENT, name="acme.json")
        assert attempts == [1]  # an edit of another account's person: nothing to redo
        assert store.get("stakeholder", 1)["notes"] == "edit 1"
        assert [str(change) for change in report.changes] == [
            "create account 'Acme'", "create stakeholder 'An Li'", "create stakeholder 'Bo Wu'",
            "create team member 'Mia'", "create relationship #1", "create coverage #1",
            "create competitor 'Rival'", "create competitor position #1",
            "create opportunity 'ERP'", "create opportunity competitor #1",
            "create buying center entry #1"]
        [acme] = store.rows("account", "name = ?", ["Acme"])
        people = {p["name"]: p["id"] for p in store.rows("stakeholder", "account_id = ?",
                                                          [acme["id"]])}
        assert people == {"An Li": 2, "Bo Wu": 3}
        [line] = store.rows("relationship")
        assert (line["source_id"], line["target_id"], line["account_id"]) == (3, 2, acme["id"])
        [rival] = store.rows("competitor", "name = ?", ["Rival"])
        [position] = store.rows("competitor_position")
        assert (position["competitor_id"], position["stakeholder_id"]) == (rival["id"], 3)
        assert export_account(store, acme["id"])["competitor_positions"] == [
            {"competitor": "Rival", "stakeholder": "s2", "coverage": 2, "preference": None}]


def test_an_account_of_the_same_name_created_meanwhile_is_found_on_the_second_check(
        target, monkeypatch):
    attempts = _while_checking(monkeypatch, lambda attempt: attempt == 1 and _edit(
        target, "INSERT INTO accounts (name, version, created_at, updated_at) "
        "VALUES (?, 1, '2026-01-01', '2026-01-01')", ["ACME"]))
    with Store(target) as store:
        before = store.counts()
        with pytest.raises(ValidationError) as caught:
            import_json(store, DOCUMENT, name="acme.json")
        assert attempts == [1, 2]
        assert [(p.column, p.reason) for p in caught.value.problems] == [
            ("account.name", "'Acme' is already taken by #2")]
        assert store.counts() == {**before, "account": 2}  # only the edit made meanwhile


def test_a_competitor_created_meanwhile_is_reused_not_repeated(target, monkeypatch):
    attempts = _while_checking(monkeypatch, lambda attempt: attempt == 1 and _edit(
        target, "INSERT INTO competitors (name, version, created_at, updated_at) "
        "VALUES (?, 1, '2026-01-01', '2026-01-01')", ["Rival"]))
    with Store(target) as store:
        report = import_json(store, DOCUMENT, name="acme.json")
        assert attempts == [1, 2]
        assert [c["name"] for c in store.rows("competitor")] == ["Elsewhere", "Rival"]
        assert [p["competitor_id"] for p in store.rows("competitor_position")] == [2]
        assert "competitor" not in report.counts()


def test_a_restore_whose_target_keeps_changing_gives_up_and_writes_nothing(target,
                                                                          monkeypatch):
    attempts = _while_checking(monkeypatch, lambda attempt: _edit(
        target, "UPDATE competitors SET notes = ?, version = version + 1", [str(attempt)]))
    with Store(target) as store:
        before = store.counts()
        with pytest.raises(ChangedMeanwhile, match=r"^accounts or competitors kept changing "
                           r"while the file was checked; nothing was restored, restore the "
                           r"file again$"):
            import_json(store, DOCUMENT, name="acme.json")
        assert attempts == [1, 2, 3]
        assert store.counts() == before
        assert not store.db.conn.in_transaction


def test_a_dry_run_needs_no_write_lock_and_names_the_ids_the_restore_gives(target):
    with Store(target) as holder, Store(target) as store:
        set_busy_timeout(store.db.conn, 0.2)
        holder.db.execute("BEGIN IMMEDIATE")  # someone else writes all along
        try:
            dry = import_json(store, DOCUMENT, name="acme.json", dry_run=True)
        finally:
            holder.db.execute("ROLLBACK")
        assert dry.dry_run and store.counts()["account"] == 1
        done = import_json(store, DOCUMENT, name="acme.json")
    assert [str(c) for c in dry.changes] == [str(c) for c in done.changes]
    assert dry.counts() == done.counts() == {
        entity: {"create": 1, "update": 0, "unchanged": 0}
        for entity in ("account", "buying_center_entry", "competitor", "competitor_position",
                       "coverage", "opportunity", "opportunity_competitor", "relationship",
                       "team_member")} | {"stakeholder": {"create": 2, "update": 0,
                                                          "unchanged": 0}}
