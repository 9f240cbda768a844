"""An import and an edit made meanwhile (in the web UI): the edit is never silently lost.

Regression tests of D2: the stakeholder import read the stored people (and
matched and validated the file against them) before its transaction, then
wrote whole merged records with ``WHERE id = ?``; an edit saved while a
large file was being prepared was overwritten with the values read before it.
And of the import that held the write lock while it prepared, so that web
edits waited past their busy timeout: now it prepares without the lock and
prepares again if what it read changed.
"""

from __future__ import annotations

import threading

import pytest

from powermap.errors import ConflictError
from powermap.imports import relationships, stakeholders
from powermap.imports.relationships import import_relationships
from powermap.imports.snapshot import ChangedMeanwhile
from powermap.imports.stakeholders import import_stakeholders
from powermap.store import Store

FILE = ("Name,Title,Email\n"
        "An Li,Chief Executive,an@acme.cn\n"
        "New Person,Buyer,new@acme.cn\n")


@pytest.fixture
def shared(tmp_path):
    """A database file with Acme and An Li (who the file updates), and its path."""
    path = str(tmp_path / "shared.db")
    with Store(path) as store:
        acme = store.create("account", {"name": "Acme"})["id"]
        store.create("stakeholder", {"account_id": acme, "name": "An Li", "title": "CEO",
                                     "email": "an@acme.cn"})
    return path


def _state(store: Store) -> list[tuple]:
    return [(p["name"], p["title"], p["notes"], p["version"]) for p in store.rows("stakeholder")]


def test_an_edit_made_while_the_file_is_prepared_is_not_held_up_nor_overwritten(shared,
                                                                                 monkeypatch):
    """The UI saves An Li's notes (through its own connection) right after the import
    has read the stored people: the edit does not wait for the import (which holds
    no write lock while preparing), and the import, seeing under the lock that the
    account changed, prepares the file again on the new data and keeps the edit."""
    edit_done = threading.Event()
    failures: list[BaseException] = []

    def ui_edit():
        try:
            with Store(shared) as ui:
                person = ui.rows("stakeholder", "email = ?", ["an@acme.cn"])[0]
                ui.update("stakeholder", person["id"], {"notes": "met at the fair"})
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)
        finally:
            edit_done.set()

    editor = threading.Thread(target=ui_edit)
    waited: list[bool] = []

    class PeopleIndexThenEdit(stakeholders.PeopleIndex):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if not waited:  # the snapshot is taken; now someone saves in the UI
                editor.start()
                waited.append(edit_done.wait(5))
            else:
                waited.append(True)

    monkeypatch.setattr(stakeholders, "PeopleIndex", PeopleIndexThenEdit)
    with Store(shared) as store:
        report = import_stakeholders(store, FILE.encode(), account="Acme", name="people.csv")
        editor.join(timeout=15)
        assert not editor.is_alive() and failures == []
        assert waited == [True, True], "the edit waited, or the file was not prepared again"
        assert report.counts()["stakeholder"] == {"update": 1, "create": 1, "unchanged": 0}
        assert sorted(_state(store)) == [
            ("An Li", "Chief Executive", "met at the fair", 3),  # the edit, then the import
            ("New Person", "Buyer", None, 1)]


def test_an_edit_in_another_account_does_not_make_the_import_start_again(shared,
                                                                        monkeypatch):
    with Store(shared) as setup:
        other = setup.create("account", {"name": "Other"})["id"]
        bo = setup.create("stakeholder", {"account_id": other, "name": "Bo"})["id"]
    prepared: list[int] = []

    class PeopleIndexThenEdit(stakeholders.PeopleIndex):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            prepared.append(1)
            with Store(shared) as ui:
                ui.update("stakeholder", bo, {"notes": f"call {len(prepared)}"})

    monkeypatch.setattr(stakeholders, "PeopleIndex", PeopleIndexThenEdit)
    with Store(shared) as store:
        import_stakeholders(store, FILE.encode(), account="Acme", name="people.csv")
        assert prepared == [1]
        assert store.get("stakeholder", bo)["notes"] == "call 1"
        assert len(store.rows("stakeholder", "account_id = 1")) == 2


def test_an_import_whose_account_keeps_changing_gives_up_and_writes_nothing(shared,
                                                                           monkeypatch):
    edits: list[int] = []

    class PeopleIndexThenEdit(stakeholders.PeopleIndex):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            with Store(shared) as ui:
                edits.append(ui.update("stakeholder", 1, {"notes": f"edit {len(edits)}"})
                             ["version"])

    monkeypatch.setattr(stakeholders, "PeopleIndex", PeopleIndexThenEdit)
    with Store(shared) as store:
        with pytest.raises(ChangedMeanwhile, match=r"^the account's stakeholders or "
                           r"relationships kept changing while the file was prepared \(3 "
                           r"tries\); nothing was imported, import the file again$"):
            import_stakeholders(store, FILE.encode(), account="Acme", name="people.csv")
        assert edits == [2, 3, 4]
        assert _state(store) == [("An Li", "CEO", "edit 2", 4)]
        assert not store.db.conn.in_transaction


def test_import_fails_with_a_conflict_and_writes_nothing_if_a_row_changed(store,
                                                                           monkeypatch):
    """If a stored person changes between the check and the write anyway, the bulk
    update (``WHERE id = ? AND version = ?``) refuses it: ConflictError, nothing written."""
    acme = store.create("account", {"name": "Acme"})["id"]
    store.create("stakeholder", {"account_id": acme, "name": "An Li", "title": "CEO",
                                 "email": "an@acme.cn"})
    before, counts = _state(store), store.counts()
    update_many = store.update_many

    def edited_first(entity_name, updates):
        # an edit that slips past the check (it cannot, since the import holds the lock)
        store.db.execute("UPDATE stakeholders SET notes = 'edited', version = version + 1")
        update_many(entity_name, updates)

    monkeypatch.setattr(store, "update_many", edited_first)
    with pytest.raises(ConflictError, match=r"stakeholder #1 'An Li' was changed by someone "
                                            r"else \(you edited version 1, it is now at "
                                            r"version 2\)"):
        import_stakeholders(store, FILE.encode(), account="Acme", name="people.csv")
    assert _state(store) == before  # the new person is not created either
    assert store.counts() == counts
    assert not store.db.conn.in_transaction


def test_relationship_import_prepares_again_after_an_edit_meanwhile(shared, monkeypatch):
    with Store(shared) as setup:
        bo = setup.create("stakeholder", {"account_id": 1, "name": "Bo"})["id"]
        edge = setup.create("relationship", {"source_id": 1, "target_id": bo,
                                             "type": "influences", "strength": 1})["id"]
    prepared: list[int] = []
    prepare = relationships._prepare

    def prepare_then_edit(*args):
        result = prepare(*args)
        prepared.append(1)
        if len(prepared) == 1:
            with Store(shared) as ui:
                ui.update("relationship", edge, {"strength": 2})
        return result

    monkeypatch.setattr(relationships, "_prepare", prepare_then_edit)
    with Store(shared) as store:
        report = import_relationships(store, b"Source,Target,Type,Strength\n"
                                      b"An Li,Bo,influences,3\n", account="Acme",
                                      name="edges.csv")
        assert prepared == [1, 1]
        assert [(str(c), c.changes) for c in report.changes] == [
            ("row 2: update relationship 'An Li' influences 'Bo' (strength: 2 → 3)",
             {"strength": (2, 3)})]
        assert (store.get("relationship", edge)["strength"],
                store.get("relationship", edge)["version"]) == (3, 3)


def test_bulk_update_with_a_stale_version_raises_conflict_and_writes_nothing(store):
    acme = store.create("account", {"name": "Acme"})["id"]
    an = store.create("stakeholder", {"account_id": acme, "name": "An", "title": "CEO"})
    bo = store.create("stakeholder", {"account_id": acme, "name": "Bo", "title": "CIO"})
    store.update("stakeholder", bo["id"], {"title": "CTO"})  # now at version 2
    with pytest.raises(ConflictError) as caught, store.transaction():
        store.update_many("stakeholder", [(an["id"], 1, {**an, "title": "Chair"}),
                                      (bo["id"], 1, {**bo, "title": "Chief"})])
    assert (caught.value.expected, caught.value.actual) == (1, 2)
    assert "stakeholder #2 'Bo'" in str(caught.value)
    assert [(p["title"], p["version"]) for p in store.rows("stakeholder")] == [
        ("CEO", 1), ("CTO", 2)]  # An's update was rolled back with Bo's refusal
    with store.transaction():
        store.update_many("stakeholder", [(an["id"], 1, {**an, "title": "Chair"})])
    assert store.get("stakeholder", an["id"])["version"] == 2


def test_bulk_update_of_a_row_deleted_meanwhile_raises_conflict(store):
    acme = store.create("account", {"name": "Acme"})["id"]
    an = store.create("stakeholder", {"account_id": acme, "name": "An"})
    store.delete("stakeholder", an["id"])
    with pytest.raises(ConflictError, match="deleted meanwhile"), store.transaction():
        store.update_many("stakeholder", [(an["id"], 1, an)])


def test_relationship_import_refuses_a_stale_update(store, monkeypatch):
    """The relationships importer's bulk update carries the version it read, too."""
    acme = store.create("account", {"name": "Acme"})["id"]
    an = store.create("stakeholder", {"account_id": acme, "name": "An"})["id"]
    bo = store.create("stakeholder", {"account_id": acme, "name": "Bo"})["id"]
    edge = store.create("relationship", {"source_id": an, "target_id": bo,
                                         "type": "influences", "strength": 1})
    update_many = store.update_many

    def edited_first(entity_name, updates):
        store.db.execute("UPDATE relationships SET version = version + 1")
        update_many(entity_name, updates)

    monkeypatch.setattr(store, "update_many", edited_first)
    with pytest.raises(ConflictError):
        import_relationships(store, b"Source,Target,Type,Strength\nAn,Bo,influences,3\n",
                             account="Acme", name="edges.csv")
    assert store.get("relationship", edge["id"])["strength"] == 1
    assert store.get("relationship", edge["id"])["version"] == 1
