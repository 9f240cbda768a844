"""The table editor's relationship and coverage sheets: saved all or nothing, problems by cell."""

from __future__ import annotations

import pytest

from powermap.errors import ConflictError
from powermap.grid import TableProblems
from powermap.i18n import use_locale
from powermap.record_sheets import COVERAGE, RELATIONSHIPS


@pytest.fixture
def deal(store):
    """陈总 above two 王建国 (IT部, 采购部) and 小李; our 张伟 and Lisa; 小李 not in the deal."""
    acme = store.create("account", {"name": "华东能源"})["id"]
    erp = store.create("opportunity", {"account_id": acme, "name": "ERP"})["id"]
    people = {}
    for name, department in (("陈总", "总经办"), ("王建国", "IT部"), ("王建国", "采购部"),
                             ("小李", None)):
        key = f"{name} ({department})" if name == "王建国" else name
        people[key] = store.create("stakeholder", {"account_id": acme, "name": name,
                                                   "department": department})["id"]
    for key in ("陈总", "王建国 (IT部)", "王建国 (采购部)"):
        store.create("buying_center_entry", {"opportunity_id": erp,
                                             "stakeholder_id": people[key], "roles": ["user"]})
    team = {name: store.create("team_member", {"account_id": acme, "name": name})["id"]
            for name in ("张伟", "Lisa")}
    return {"account": acme, "opportunity": erp, "people": people, "team": team}


def _edges(store):
    return sorted((r["source_id"], r["target_id"], r["type"], r["strength"])
                  for r in store.rows("relationship"))


def _versions(store, entity):
    return [(r["id"], r["version"]) for r in store.rows(entity)]


def test_new_relationships_name_people_as_the_cells_show_them(store, deal):
    p = deal["people"]
    RELATIONSHIPS.save(store, deal["opportunity"], [
        {"source": "王建国 (IT部)", "target": "陈总", "type": "汇报给"},
        {"source": "王建国（采购部）", "target": "王建国 (IT部)", "type": "结盟", "strength": "3"},
        {"source": "小李", "target": "陈总", "type": "influences", "strength": "1"},
        {}])
    assert _edges(store) == sorted([
        (p["王建国 (IT部)"], p["陈总"], "reports_to", 3),
        (p["王建国 (采购部)"], p["王建国 (IT部)"], "allied", 3),
        (p["小李"], p["陈总"], "influences", 1)])
    with use_locale("zh_CN"):
        rows = RELATIONSHIPS.table(store, deal["opportunity"])
    assert [(r["source"], r["target"], r["type"], r["strength"]) for r in rows] == [
        ("王建国 (IT部)", "陈总", "汇报给", "3"),
        ("王建国 (采购部)", "王建国 (IT部)", "结盟", "3"),
        ("小李", "陈总", "影响", "1")]


def test_a_mix_of_new_changed_deleted_and_untouched_rows(store, deal):
    p = deal["people"]
    RELATIONSHIPS.save(store, deal["opportunity"], [
        {"source": "王建国 (IT部)", "target": "陈总", "type": "reports_to"},
        {"source": "小李", "target": "陈总", "type": "influences"},
        {"source": "小李", "target": "王建国 (采购部)", "type": "conflict"}])
    rows = RELATIONSHIPS.table(store, deal["opportunity"])
    untouched = _versions(store, "relationship")[0]
    rows[1]["strength"] = "3"
    rows[2]["delete"] = "1"
    rows.append({"source": "王建国 (采购部)", "target": "陈总", "type": "Reports to"})
    RELATIONSHIPS.save(store, deal["opportunity"], rows)
    assert _edges(store) == sorted([
        (p["王建国 (IT部)"], p["陈总"], "reports_to", 3),
        (p["小李"], p["陈总"], "influences", 3),
        (p["王建国 (采购部)"], p["陈总"], "reports_to", 3)])
    assert _versions(store, "relationship")[:2] == [untouched, (untouched[0] + 1, 2)]


def test_saving_the_sheets_as_read_changes_nothing(store, deal):
    RELATIONSHIPS.save(store, deal["opportunity"], [
        {"source": "王建国 (IT部)", "target": "陈总", "type": "reports_to"}])
    COVERAGE.save(store, deal["opportunity"], [
        {"team_member": "张伟", "stakeholder": "陈总", "strength": "2", "owner": "是"},
        {"team_member": "Lisa", "stakeholder": "陈总", "strength": "1"}])
    before = {e: _versions(store, e) for e in ("relationship", "coverage")}
    for sheet in (RELATIONSHIPS, COVERAGE):
        with use_locale("zh_CN"):
            sheet.save(store, deal["opportunity"], sheet.table(store, deal["opportunity"]))
    assert {e: _versions(store, e) for e in before} == before


@pytest.mark.parametrize(("row", "column", "reason"), [
    ({"source": "陈总", "target": "陈总", "type": "allied"}, "target",
     "a stakeholder cannot have a relationship with themselves"),
    ({"source": "陈总", "target": "王建国 (IT部)", "type": "reports_to"}, "target",
     "'陈总' reporting to '王建国' would make a reporting cycle"),
    ({"source": "王建国 (IT部)", "target": "陈总", "type": "allied"}, "type",
     "'王建国' and '陈总' already have a allied relationship"),
    ({"source": "陈总", "target": "王建国 (IT部)", "type": "allied"}, "type",
     "'陈总' and '王建国' already have a allied relationship"),
    ({"source": "Nobody", "target": "陈总", "type": "allied"}, "source",
     "no stakeholder 'Nobody'"),
    ({"source": "陈总", "target": "王建国 (HR部)", "type": "allied"}, "target",
     "no record of type stakeholder called '王建国' has the e-mail, department or title 'HR部'; "
     "records of that name: #2 王建国 (IT部); #3 王建国 (采购部)"),
    ({"source": "陈总", "target": "小李", "type": "friends"}, "type",
     "'friends' is not one of: reports_to, influences, allied, conflict"),
    ({"source": "陈总", "target": "小李", "type": "allied", "strength": "5"}, "strength",
     "'5' is above the maximum 3 (allowed 1 to 3)"),
])
def test_each_refusal_is_shown_in_its_cell_and_nothing_is_written(store, deal, row, column,
                                                                  reason):
    RELATIONSHIPS.save(store, deal["opportunity"], [
        {"source": "王建国 (IT部)", "target": "陈总", "type": "reports_to"},
        {"source": "王建国 (IT部)", "target": "陈总", "type": "allied"},
        {"source": "小李", "target": "陈总", "type": "influences"},
        {"source": "小李", "target": "王建国 (采购部)", "type": "conflict"}])
    before = _versions(store, "relationship")
    rows = RELATIONSHIPS.table(store, deal["opportunity"])
    rows[2]["strength"] = "3"
    rows[3]["delete"] = "1"
    with pytest.raises(TableProblems) as caught:
        RELATIONSHIPS.save(store, deal["opportunity"],
                           [*rows, {"source": "小李", "target": "陈总", "type": "allied"}, row])
    assert [(c.row, c.column, c.reason) for c in caught.value.cells] == [(5, column, reason)]
    assert _versions(store, "relationship") == before


def test_the_same_new_relationship_twice_is_refused_on_the_second_row(store, deal):
    row = {"source": "小李", "target": "陈总", "type": "influences"}
    with pytest.raises(TableProblems) as caught:
        RELATIONSHIPS.save(store, deal["opportunity"], [row, {**row}])
    assert [(c.row, c.column) for c in caught.value.cells] == [(1, "type")]
    assert store.rows("relationship") == []


def test_an_ambiguous_name_lists_both_namesakes(store, deal):
    with pytest.raises(TableProblems) as caught:
        RELATIONSHIPS.save(store, deal["opportunity"], [
            {"source": "王建国", "target": "陈总", "type": "allied"}])
    [cell] = caught.value.cells
    assert (cell.row, cell.column) == (0, "source")
    assert "#2 王建国 (IT部); #3 王建国 (采购部)" in cell.reason


def test_a_stale_row_is_a_conflict_and_nothing_is_written(store, deal):
    RELATIONSHIPS.save(store, deal["opportunity"], [
        {"source": "小李", "target": "陈总", "type": "influences"},
        {"source": "小李", "target": "陈总", "type": "allied"}])
    rows = RELATIONSHIPS.table(store, deal["opportunity"])
    store.update("relationship", rows[0]["id"], {"strength": 1})
    rows[0]["strength"] = "3"
    rows[1]["delete"] = "on"
    with pytest.raises(ConflictError):
        RELATIONSHIPS.save(store, deal["opportunity"], rows)
    assert [r["strength"] for r in store.rows("relationship")] == [1, 2]


def test_deleting_a_row_someone_else_deleted_is_a_conflict(store, deal):
    RELATIONSHIPS.save(store, deal["opportunity"], [
        {"source": "小李", "target": "陈总", "type": "influences"}])
    rows = RELATIONSHIPS.table(store, deal["opportunity"])
    store.delete("relationship", rows[0]["id"])
    rows[0]["delete"] = "1"
    with pytest.raises(ConflictError):
        RELATIONSHIPS.save(store, deal["opportunity"], rows)


def test_coverage_of_the_buying_center(store, deal):
    p, team = deal["people"], deal["team"]
    COVERAGE.save(store, deal["opportunity"], [
        {"team_member": "张伟", "stakeholder": "陈总", "strength": "信任", "owner": "yes",
         "last_contact": "2026-11-02"},
        {"team_member": "Lisa", "stakeholder": "王建国 (采购部)", "strength": "1"}])
    assert [(c["team_member_id"], c["stakeholder_id"], c["strength"], c["last_contact"],
             c["owner"]) for c in store.rows("coverage")] == [
        (team["张伟"], p["陈总"], 3, "2026-11-02", True),
        (team["Lisa"], p["王建国 (采购部)"], 1, None, False)]
    rows = COVERAGE.table(store, deal["opportunity"])
    assert [(r["team_member"], r["stakeholder"], r["strength"], r["last_contact"], r["owner"])
            for r in rows] == [("张伟", "陈总", "3", "2026-11-02", "yes"),
                               ("Lisa", "王建国 (采购部)", "1", "", "")]
    rows[0]["delete"] = "1"
    rows[1]["owner"] = "是"
    COVERAGE.save(store, deal["opportunity"], rows)
    assert [(c["team_member_id"], c["owner"]) for c in store.rows("coverage")] == [
        (team["Lisa"], True)]


def test_coverage_refusals_by_cell(store, deal):
    COVERAGE.save(store, deal["opportunity"], [
        {"team_member": "张伟", "stakeholder": "陈总", "strength": "2"}])
    with pytest.raises(TableProblems) as caught:
        COVERAGE.save(store, deal["opportunity"], [
            {"team_member": "张伟", "stakeholder": "陈总", "strength": "3"},
            {"team_member": "王芳", "stakeholder": "陈总", "strength": "2"},
            {"team_member": "Lisa", "stakeholder": "小李", "strength": "2"},
            {"team_member": "Lisa", "stakeholder": "陈总", "strength": "7", "owner": "maybe"},
            {"team_member": "Lisa", "stakeholder": "王建国 (IT部)"}])
    assert [(c.row, c.column, c.reason) for c in caught.value.cells] == [
        (0, "stakeholder", "already exists for this team member"),
        (1, "team_member", "no team member '王芳'"),
        (2, "stakeholder", "小李 is not in this opportunity's buying center; add them on the "
                           "buying-center sheet first"),
        (3, "owner", "expected yes or no, got 'maybe'"),
        (3, "strength", "'7' is above the maximum 4 (allowed 0 to 4)"),
        (4, "strength", "is required")]
    assert [c["strength"] for c in store.rows("coverage")] == [2]
    assert store.counts()["team_member"] == 2


def test_a_row_marked_for_deletion_goes_even_with_its_cells_emptied(store, deal):
    RELATIONSHIPS.save(store, deal["opportunity"], [
        {"source": "小李", "target": "陈总", "type": "influences"}])
    [row] = RELATIONSHIPS.table(store, deal["opportunity"])
    RELATIONSHIPS.save(store, deal["opportunity"], [
        {"id": row["id"], "version": row["version"], "delete": "1"}])
    assert store.rows("relationship") == []


def test_an_emptied_row_not_marked_for_deletion_is_kept(store, deal):
    RELATIONSHIPS.save(store, deal["opportunity"], [
        {"source": "小李", "target": "陈总", "type": "influences"}])
    [row] = RELATIONSHIPS.table(store, deal["opportunity"])
    RELATIONSHIPS.save(store, deal["opportunity"], [{"id": row["id"], "version": row["version"]}])
    assert [(r["id"], r["version"]) for r in store.rows("relationship")] == [(row["id"], 1)]


def test_a_record_the_sheet_does_not_hold_is_neither_changed_nor_deleted(store, deal):
    """Regression: a relationship of another account, its id posted on this deal's sheet
    marked for deletion, was deleted."""
    other = store.create("account", {"name": "北方电网"})["id"]
    a, b = (store.create("stakeholder", {"account_id": other, "name": name})["id"]
            for name in ("赵总", "钱工"))
    tie = store.create("relationship", {"source_id": b, "target_id": a, "type": "allied"})
    cover = store.create("coverage", {"team_member_id": deal["team"]["张伟"],
                                      "stakeholder_id": deal["people"]["小李"], "strength": 1})
    with pytest.raises(TableProblems) as caught:
        RELATIONSHIPS.save(store, deal["opportunity"], [
            {"source": "小李", "target": "陈总", "type": "influences"},
            {"id": str(tie["id"]), "version": "1", "delete": "1"},
            {"id": str(tie["id"]), "version": "1", "source": "赵总", "target": "钱工",
             "type": "conflict"}])
    assert [(c.row, c.column, c.reason) for c in caught.value.cells] == [
        (1, "source", "this row is not on this sheet"),
        (2, "source", "this row is not on this sheet")]
    with pytest.raises(TableProblems) as caught:
        COVERAGE.save(store, deal["opportunity"], [
            {"id": str(cover["id"]), "version": "1", "delete": "1"}])
    assert [(c.row, c.column) for c in caught.value.cells] == [(0, "team_member")]
    assert [(r["id"], r["type"], r["version"]) for r in store.rows("relationship")] == [
        (tie["id"], "allied", 1)]
    assert [c["id"] for c in store.rows("coverage")] == [cover["id"]]
