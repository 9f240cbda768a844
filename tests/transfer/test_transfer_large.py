"""Large stakeholder imports: the bulk path keeps every check, message and guarantee."""

from __future__ import annotations

import pytest

from powermap.errors import ValidationError
from powermap.imports.stakeholders import import_stakeholders

HEADER = "Name,Email,Level,Reports To"


def _tree(rows: int = 2000) -> list[str]:
    """Lines of a ``rows``-person file: P0 at the top, ten reports each, by e-mail."""
    return [f"P{n},p{n}@a.cn,{min(9, 1 + len(str(n)))},"
            + ("" if n == 0 else f"p{(n - 1) // 10}@a.cn") for n in range(rows)]


def _file(write, lines: list[str], name: str = "big.csv"):
    return write(name, "\n".join([HEADER, *lines]) + "\n")


def _refused(store, path) -> list:
    before = store.counts()
    with pytest.raises(ValidationError) as caught:
        import_stakeholders(store, path, account="Acme")
    assert store.counts() == before
    return caught.value.problems


def test_tree_of_2000_is_imported_with_every_manager(store, account, write):
    report = import_stakeholders(store, _file(write, _tree()), account="Acme")
    assert report.counts() == {"relationship": {"create": 1999, "update": 0, "unchanged": 0},
                               "stakeholder": {"create": 2000, "update": 0, "unchanged": 0}}
    names = {p["id"]: p["name"] for p in store.rows("stakeholder")}
    lines = {names[r["source_id"]]: names[r["target_id"]]
             for r in store.rows("relationship", "type = 'reports_to'")}
    assert lines["P1999"] == "P199" and lines["P10"] == "P0" and "P0" not in lines
    edges = [str(c) for c in report.changes if c.entity == "relationship"]
    assert edges[0] == "row 3: create relationship 'P1' reports to 'p0@a.cn'"


def test_cycle_closed_by_rows_far_apart_names_both_rows(store, account, write):
    lines = _tree()
    lines[1] = "P1,p1@a.cn,2,P1999"  # row 3: P1 → P1999 → P199 → P19 → P1
    found = _refused(store, _file(write, lines))
    assert [(p.row, p.column) for p in found] == [
        (3, "Reports To"), (21, "Reports To"), (201, "Reports To"), (2001, "Reports To")]
    assert str(found[0]) == ("big.csv, row 3, column 'Reports To': new relationship field "
                             "'target_id': 'P1' reporting to 'P1999' would make a reporting "
                             "cycle")
    assert found[-1].reason == "'P1999' reporting to 'P199' would make a reporting cycle"


def test_duplicate_emails_far_apart(store, account, write):
    lines = _tree()
    lines[1999] = "P1999,P5@A.cn,5,p199@a.cn"
    [p] = _refused(store, _file(write, lines))
    assert str(p) == ("big.csv, row 2001, column 'Email': new stakeholder 'P1999' field "
                      "'email': 'p5@a.cn' is also given for new stakeholder 'P5' in this "
                      "account")


def test_one_bad_row_means_nothing_is_written(store, account, write):
    store.create("stakeholder", {"account_id": account["id"], "name": "Old",
                                 "email": "old@a.cn"})
    lines = _tree()
    lines[1500] = "P1500,p1500@a.cn,12,p150@a.cn"
    lines[1700] = "P1700,p1700@a.cn,4,Nobody"
    found = _refused(store, _file(write, lines))
    assert [str(p) for p in found] == [
        "big.csv, row 1502, column 'Level': new stakeholder 'P1500' field 'level': '12' is "
        "above the maximum 9 (allowed 1 to 9)",
        "big.csv, row 1702, column 'Reports To': stakeholder 'P1700': unknown manager "
        "'Nobody': no stakeholder with this name or e-mail in the file or the account"]
    assert [p["name"] for p in store.rows("stakeholder")] == ["Old"]


def test_managers_by_name_among_new_and_stored_people(store, account, write):
    """Only the people a Reports To cell names are looked up; the answers are unchanged."""
    store.create("stakeholder", {"account_id": account["id"], "name": "Old Name",
                                 "email": "old@a.cn"})
    store.create("stakeholder", {"account_id": account["id"], "name": "Kept",
                                 "email": "kept@a.cn"})
    lines = ["New Name,old@a.cn,1,", "Twin,t1@a.cn,2,", "Twin,t2@a.cn,2,",
             "An,an@a.cn,3,new  name", "Bo,bo@a.cn,3,Old Name", "Cy,cy@a.cn,3,twin",
             "Di,di@a.cn,3,KEPT", "Ed,ed@a.cn,3,T2@a.cn"]
    found = _refused(store, _file(write, lines, "names.csv"))
    assert [(p.row, p.reason) for p in found] == [
        (6, "unknown manager 'Old Name': no stakeholder with this name or e-mail in the file "
            "or the account"),
        (7, "2 stakeholders match manager 'twin': #3 Twin (t1@a.cn); #4 Twin (t2@a.cn); add "
            "the e-mail, department or title in brackets, or use the manager's e-mail "
            "instead")]
    del lines[4:6]
    report = import_stakeholders(store, _file(write, lines, "names.csv"), account="Acme")
    names = {p["id"]: p["name"] for p in store.rows("stakeholder")}
    assert sorted((names[r["source_id"]], names[r["target_id"]])
                  for r in store.rows("relationship")) == [
        ("An", "New Name"), ("Di", "Kept"), ("Ed", "Twin")]
    assert report.counts()["stakeholder"] == {"create": 5, "update": 1, "unchanged": 0}


def test_reimport_of_a_large_file_changes_nothing(store, account, write):
    path = _file(write, _tree(1200))
    import_stakeholders(store, path, account="Acme")
    before = store.rows("relationship")
    report = import_stakeholders(store, path, account="Acme")
    assert report.counts() == {"relationship": {"create": 0, "update": 0, "unchanged": 1199},
                               "stakeholder": {"create": 0, "update": 0, "unchanged": 1200}}
    assert store.rows("relationship") == before


@pytest.mark.parametrize("count", [1, 81, 82, 83, 500])
def test_insert_many_writes_every_row_across_statement_boundaries(store, account, count):
    """Rows go in many per INSERT (82 stakeholders fit one); none is lost or shifted."""
    records = [{"account_id": account["id"], "name": f"P{n}", "level": 1 + n % 9,
                "email": None if n % 2 else f"p{n}@a.cn"} for n in range(count)]
    ids = store.create_many("stakeholder", records)
    assert ids == list(range(1, count + 1))
    assert [(p["id"], p["name"], p["level"], p["email"], p["version"])
            for p in store.rows("stakeholder")] == [
        (n + 1, f"P{n}", 1 + n % 9, None if n % 2 else f"p{n}@a.cn", 1) for n in range(count)]


def test_insert_many_encodes_list_fields_as_json(store, account):
    opp = store.rows("opportunity")[0]["id"]
    people = [store.create("stakeholder", {"account_id": account["id"], "name": name})["id"]
              for name in ("An", "Bo", "Cy")]
    records = [{"opportunity_id": opp, "stakeholder_id": people[0], "roles": ["coach", "user"],
                "influence": 3},
               {"opportunity_id": opp, "stakeholder_id": people[1], "roles": ["coach", "user"],
                "influence": 4},
               {"opportunity_id": opp, "stakeholder_id": people[2], "roles": ["user"],
                "influence": 3}]
    store.create_many("buying_center_entry", records)
    assert [e["roles"] for e in store.rows("buying_center_entry")] == [
        ["coach", "user"], ["coach", "user"], ["user"]]
    assert store.db.execute("SELECT roles FROM buying_center ORDER BY id").fetchall() == [
        ('["coach", "user"]',), ('["coach", "user"]',), ('["user"]',)]
