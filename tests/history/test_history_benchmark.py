"""The change log's benchmark runs end to end on small sizes; imports are one compact set."""

from __future__ import annotations

import json

from benchmarks.history import as_of_cost, import_cost, review_cost
from powermap.imports.stakeholders import import_stakeholders
from powermap.json_map import export_account, import_json


def test_the_benchmark_measures_both_figures(tmp_path):
    cost = import_cost(300, 1, tmp_path)
    assert cost["rows"] == 300
    assert cost["size_on"] > 0 and cost["size_off"] > 0 and cost["time_on"] > 0
    found = as_of_cost(30, 20, 1, tmp_path)
    assert found["changes"] > 0 and found["now"] > 0 and found["as_of"] > 0


def test_the_review_benchmark_times_a_first_and_a_repeated_view(tmp_path):
    found = review_cost(30, 20, 2, tmp_path)
    assert (found["people"], found["days"], found["runs"], found["points"]) == (30, 20, 2, 4)
    assert found["first"] > found["repeated"] > 0


def test_an_import_is_one_change_set_of_a_few_rows(store, tmp_path):
    store.create("account", {"name": "Acme"})
    csv = tmp_path / "people.csv"
    csv.write_text("Name,Title,Reports To\n" + "".join(
        f"P{n},T,{'P0' if n else ''}\n" for n in range(120)), encoding="utf-8")
    import_stakeholders(store, csv, account="Acme")
    sets = store.db.execute("SELECT id, kind FROM change_sets ORDER BY id").fetchall()
    assert [kind for _, kind in sets] == ["edit", "import"]
    rows = store.db.execute("SELECT entity, op, record_id, last_id FROM changes WHERE set_id = ?",
                            [sets[-1][0]]).fetchall()
    assert rows == [("stakeholder", "create", 1, 120), ("relationship", "create", 1, 119)]


def test_a_json_restore_is_one_change_set(store, tmp_path):
    account = store.create("account", {"name": "Acme"})
    store.create("stakeholder", {"account_id": account["id"], "name": "李伟"})
    data = export_account(store, account["id"])
    data["account"]["name"] = "Acme 2"
    path = tmp_path / "acme.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    import_json(store, path)
    [kind] = store.db.execute("SELECT kind FROM change_sets ORDER BY id DESC LIMIT 1").fetchone()
    assert kind == "restore"
