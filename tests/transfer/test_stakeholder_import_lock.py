"""The stakeholder import checks reporting lines and buying-center entries before it takes
the write lock, and holds the lock only to insert and update.

Regression tests of "the write phase holds the lock ~5 s at 400,000 rows": the
reporting lines were matched and validated under the lock, after the people
were written. Now new people get the ids they will be given while the file is
prepared; if someone creates people meanwhile the ids move, and so do the lines.
"""

from __future__ import annotations

import pytest

from powermap.database import set_busy_timeout
from powermap.errors import ValidationError
from powermap.imports import stakeholders
from powermap.imports.stakeholders import import_stakeholders
from powermap.store import Store

FILE = ("Name,Email,Reports To,Role\n"
        "An Li,an@acme.cn,,decision maker\n"
        "Bo Wu,bo@acme.cn,An Li,evaluator\n"
        "Cai Yu,cai@acme.cn,bo@acme.cn,user\n")


@pytest.fixture
def shared(tmp_path):
    """A database file with Acme (opportunity ERP, no people) and Other (one person)."""
    path = str(tmp_path / "shared.db")
    with Store(path) as store:
        acme = store.create("account", {"name": "Acme"})["id"]
        store.create("opportunity", {"account_id": acme, "name": "ERP"})
        other = store.create("account", {"name": "Other"})["id"]
        store.create("stakeholder", {"account_id": other, "name": "Dan"})
    return path


def _lines(store: Store) -> list[tuple[str, str]]:
    name = {p["id"]: p["name"] for p in store.rows("stakeholder")}
    return sorted((name[r["source_id"]], name[r["target_id"]])
                  for r in store.rows("relationship", "type = 'reports_to'"))


def test_people_created_meanwhile_elsewhere_move_the_new_ids_and_their_lines(shared,
                                                                            monkeypatch):
    prepared: list[int] = []
    prepare = stakeholders._Import.prepare

    def prepare_then_create(self):
        prepare(self)
        prepared.append(1)
        with Store(shared) as ui:  # another account: the import need not prepare again
            set_busy_timeout(ui.db.conn, 0.2)
            ui.create("stakeholder", {"account_id": 2, "name": f"Eve {len(prepared)}"})

    monkeypatch.setattr(stakeholders._Import, "prepare", prepare_then_create)
    with Store(shared) as store:
        import_stakeholders(store, FILE.encode(), account="Acme", opportunity="ERP",
                            name="people.csv")
        assert prepared == [1]
        people = {p["name"]: p["id"] for p in store.rows("stakeholder")}
        assert people == {"Dan": 1, "Eve 1": 2, "An Li": 3, "Bo Wu": 4, "Cai Yu": 5}
        assert _lines(store) == [("Bo Wu", "An Li"), ("Cai Yu", "Bo Wu")]
        assert {r["account_id"] for r in store.rows("relationship")} == {1}
        assert sorted((e["stakeholder_id"], e["roles"]) for e in
                      store.rows("buying_center_entry")) == [
            (3, ["decision_maker"]), (4, ["evaluator"]), (5, ["user"])]


def test_reporting_lines_are_checked_and_a_dry_run_done_while_someone_holds_the_lock(shared):
    cycle = FILE.replace("An Li,an@acme.cn,,", "An Li,an@acme.cn,Cai Yu,")
    with Store(shared) as holder, Store(shared) as store:
        set_busy_timeout(store.db.conn, 0.2)
        holder.db.execute("BEGIN IMMEDIATE")  # a long write elsewhere
        try:
            with pytest.raises(ValidationError) as caught:
                import_stakeholders(store, cycle.encode(), account="Acme", name="people.csv")
            dry = import_stakeholders(store, FILE.encode(), account="Acme", opportunity="ERP",
                                      name="people.csv", dry_run=True)
        finally:
            holder.db.execute("ROLLBACK")
        assert [(p.row, p.column, p.reason) for p in caught.value.problems] == [
            (2, "Reports To", "'An Li' reporting to 'Cai Yu' would make a reporting cycle"),
            (3, "Reports To", "'Bo Wu' reporting to 'An Li' would make a reporting cycle"),
            (4, "Reports To", "'Cai Yu' reporting to 'Bo Wu' would make a reporting cycle")]
        assert dry.counts() == {
            "buying_center_entry": {"create": 3, "update": 0, "unchanged": 0},
            "relationship": {"create": 2, "update": 0, "unchanged": 0},
            "stakeholder": {"create": 3, "update": 0, "unchanged": 0}}
        assert store.counts()["stakeholder"] == 1 and _lines(store) == []
