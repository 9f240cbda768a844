"""An import and an edit made meanwhile (in the web UI): the edit is never silently lost.

Regression tests of D2: the stakeholder import read the stored people (and
matched and validated the file against them) before its transaction, then
wrote whole merged records with ``WHERE id = ?``; an edit saved while a
large file was being prepared was overwritten with the values read before it.
"""

from __future__ import annotations

import threading

import pytest

from powermap.errors import ConflictError
from powermap.imports import stakeholders
from powermap.imports.relationships import import_relationships
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


def test_import_does_not_overwrite_an_edit_made_while_the_file_is_prepared(shared,
                                                                            monkeypatch):
    """The UI saves An Li's notes (through its own connection) right after the import
    has read the stored people: the edit waits for the import's write lock and then
    lands on top of the imported values, instead of being overwritten by them."""
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
    blocked: list[bool] = []

    class PeopleIndexThenEdit(stakeholders.PeopleIndex):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            editor.start()  # the snapshot is taken; now someone saves in the UI
            blocked.append(not edit_done.wait(0.5))

    monkeypatch.setattr(stakeholders, "PeopleIndex", PeopleIndexThenEdit)
    with Store(shared) as store:
        report = import_stakeholders(store, FILE.encode(), account="Acme", name="people.csv")
        editor.join(timeout=15)
        assert not editor.is_alive() and failures == []
        assert blocked == [True], "the edit was not held back while the import prepared"
        assert report.counts()["stakeholder"] == {"update": 1, "create": 1, "unchanged": 0}
        assert sorted(_state(store)) == [
            ("An Li", "Chief Executive", "met at the fair", 3),  # import, then the edit
            ("New Person", "Buyer", None, 1)]


def test_import_fails_with_a_conflict_and_writes_nothing_if_a_row_changed(store,
                                                                           monkeypatch):
    """If a stored person changes between reading and writing anyway, the bulk update
    (``WHERE id = ? AND version = ?``) refuses it: ConflictError, and nothing written."""
    acme = store.create("account", {"name": "Acme"})["id"]
    store.create("stakeholder", {"account_id": acme, "name": "An Li", "title": "CEO",
                                 "email": "an@acme.cn"})
    before, counts = _state(store), store.counts()
    prepare = stakeholders._Import.prepare_rows

    def prepare_then_edit(self):
        prepare(self)
        # an edit that slips past the lock (it cannot, since the import holds it)
        store.db.execute("UPDATE stakeholders SET notes = 'edited', version = version + 1")

    monkeypatch.setattr(stakeholders._Import, "prepare_rows", prepare_then_edit)
    with pytest.raises(ConflictError, match=r"stakeholder #1 'An Li' was changed by someone "
                                            r"else \(you edited version 1, it is now at "
                                            r"version 2\)"):
        import_stakeholders(store, FILE.encode(), account="Acme", name="people.csv")
    assert _state(store) == before  # the new person is not created either
    assert store.counts() == counts
    assert not store.db.conn.in_transaction


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
    """The relationships importer reads and writes in one transaction too; its bulk
    update carries the version it read."""
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
