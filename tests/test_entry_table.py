"""The buying-center table: a whole grid saved all or nothing, problems named by cell."""

from __future__ import annotations

import pytest

from powermap.entry_table import TableProblems, save, table
from powermap.errors import ConflictError


@pytest.fixture
def deal(store):
    acme = store.create("account", {"name": "Acme"})["id"]
    erp = store.create("opportunity", {"account_id": acme, "name": "ERP"})["id"]
    return {"account": acme, "opportunity": erp}


ROWS = [
    {"name": "陈总", "title": "总经理", "roles": "决策者", "influence": "5", "attitude": "0",
     "owner": "张伟", "coverage": "2", "last_contact": "2026-10-01"},
    {"name": "王建国", "department": "IT部", "reports_to": "陈总", "roles": "评估者, 教练",
     "influence": "4", "attitude": "+2", "owner": "Lisa", "coverage": "3",
     "preference:青云科技": "-1"},
    {"name": "王建国", "department": "采购部", "reports_to": "陈总", "roles": "gatekeeper",
     "influence": "3", "preference:青云科技": "2"},
    {"name": "小李", "reports_to": "王建国 (IT部)", "roles": "user"},
    {},
]


def test_a_whole_map_in_one_save(store, deal):
    save(store, deal["opportunity"], ROWS, ["青云科技"])
    people = {(p["name"], p["department"]): p["id"] for p in store.rows("stakeholder")}
    assert len(people) == 4
    edges = sorted((r["source_id"], r["target_id"]) for r in store.rows("relationship"))
    boss, it, buy = people[("陈总", None)], people[("王建国", "IT部")], people[("王建国", "采购部")]
    assert edges == sorted([(it, boss), (buy, boss), (people[("小李", None)], it)])
    entries = {e["stakeholder_id"]: (e["roles"], e["influence"], e["attitude"])
               for e in store.rows("buying_center_entry")}
    assert entries[it] == (["evaluator", "coach"], 4, 2)
    assert entries[boss] == (["decision_maker"], 5, 0)
    assert [m["name"] for m in store.rows("team_member")] == ["张伟", "Lisa"]
    assert [(c["stakeholder_id"], c["strength"], c["last_contact"], c["owner"])
            for c in store.rows("coverage")] == [(boss, 2, "2026-10-01", True),
                                                 (it, 3, None, True)]
    [rival] = store.rows("competitor")
    assert rival["name"] == "青云科技"
    assert [(p["stakeholder_id"], p["preference"]) for p in
            store.rows("competitor_position")] == [(it, -1), (buy, 2)]
    grid = table(store, deal["opportunity"])
    assert [row["name"] for row in grid["rows"]] == ["陈总", "王建国", "王建国", "小李"]
    assert grid["rows"][3]["reports_to"] == "王建国 (IT部)"
    assert grid["rows"][1]["roles"] == "Evaluator, Coach"
    assert grid["rows"][1][f"preference:{rival['id']}"] == "-1"


def test_saving_the_grid_as_read_changes_nothing(store, deal):
    save(store, deal["opportunity"], ROWS, ["青云科技"])
    before = {e: [(r["id"], r["version"]) for r in store.rows(e)]
              for e in ("stakeholder", "relationship", "buying_center_entry", "coverage",
                        "competitor_position")}
    grid = table(store, deal["opportunity"])
    save(store, deal["opportunity"], grid["rows"])
    after = {e: [(r["id"], r["version"]) for r in store.rows(e)] for e in before}
    assert after == before


def test_problems_are_named_by_cell_and_nothing_is_written(store, deal):
    rows = [{"name": "陈总", "roles": "boss", "influence": "9"},
            {"name": "小李", "reports_to": "Nobody", "roles": "user", "coverage": "2"},
            {"name": "王五", "roles": "user", "preference:Rival": "7"}]
    with pytest.raises(TableProblems) as caught:
        save(store, deal["opportunity"], rows, ["Rival"])
    assert [(c.row, c.column) for c in caught.value.cells] == [
        (0, "influence"), (0, "roles"), (1, "owner"), (1, "reports_to"),
        (2, "preference:Rival")]
    assert "above the maximum 5" in caught.value.cells[0].reason
    assert caught.value.cells[2].reason == "name the team member who owns this relationship"
    assert caught.value.cells[3].reason == "no stakeholder 'Nobody'"
    assert store.counts()["stakeholder"] == 0 and store.counts()["competitor"] == 0


def test_a_reporting_loop_is_refused(store, deal):
    save(store, deal["opportunity"], [{"name": "A", "roles": "user"},
                                      {"name": "B", "reports_to": "A", "roles": "user"}])
    grid = table(store, deal["opportunity"])["rows"]
    grid[0]["reports_to"] = "B"
    with pytest.raises(TableProblems) as caught:
        save(store, deal["opportunity"], grid)
    assert [(c.row, c.column) for c in caught.value.cells] == [(0, "reports_to")]


def test_an_ambiguous_new_name_lists_the_candidates(store, deal):
    save(store, deal["opportunity"], ROWS[:3], ["青云科技"])
    with pytest.raises(TableProblems) as caught:
        save(store, deal["opportunity"], [{"name": "小王", "reports_to": "王建国",
                                           "roles": "user"}])
    [cell] = caught.value.cells
    assert cell.column == "reports_to"
    assert "王建国 (IT部)" in cell.reason and "王建国 (采购部)" in cell.reason


def test_a_stale_row_is_a_conflict(store, deal):
    save(store, deal["opportunity"], ROWS[:1])
    grid = table(store, deal["opportunity"])["rows"]
    store.update("stakeholder", grid[0]["stakeholder_id"], {"title": "董事长"})
    grid[0]["title"] = "CEO"
    with pytest.raises(ConflictError):
        save(store, deal["opportunity"], grid)
    assert store.get("stakeholder", grid[0]["stakeholder_id"])["title"] == "董事长"


def test_every_glossary_role_word_is_read():
    """Regression: 把关者, the glossary's word for gatekeeper, was refused in a roles cell."""
    from powermap import aliases

    words = {"决策者": "decision_maker", "审批者": "approver", "评估者": "evaluator",
             "使用者": "user", "影响者": "influencer", "把关者": "gatekeeper", "教练": "coach"}
    assert {word: aliases.to_code("role", word) for word in words} == words


def _two_deals(store, deal):
    """The ERP grid of ROWS saved, and 王磊 also in a second deal of the same account."""
    save(store, deal["opportunity"], [*ROWS[:2], {"name": "王磊", "roles": "coach",
                                                  "influence": "3", "owner": "张伟",
                                                  "coverage": "3"}], ["青云科技"])
    crm = store.create("opportunity", {"account_id": deal["account"], "name": "CRM"})["id"]
    [wang] = store.rows("stakeholder", "name = ?", ["王磊"])
    other = store.create("buying_center_entry", {"opportunity_id": crm,
                                                 "stakeholder_id": wang["id"],
                                                 "roles": ["evaluator"]})
    return wang, other


def test_a_deleted_row_leaves_the_deal_but_the_person_stays(store, deal):
    wang, other = _two_deals(store, deal)
    grid = table(store, deal["opportunity"])["rows"]
    assert [row["name"] for row in grid] == ["陈总", "王建国", "王磊"]
    grid[0]["title"] = "董事长"
    grid[2]["delete"] = "1"
    grid[2]["name"] = ""  # emptied cells do not matter once the row is marked
    save(store, deal["opportunity"], [*grid, {"name": "小李", "roles": "user"}])
    assert [row["name"] for row in table(store, deal["opportunity"])["rows"]] == [
        "陈总", "王建国", "小李"]
    assert store.get("stakeholder", grid[0]["stakeholder_id"])["title"] == "董事长"
    assert store.get("stakeholder", wang["id"]) == wang
    assert [(e["opportunity_id"], e["roles"], e["version"]) for e in store.rows(
        "buying_center_entry", "stakeholder_id = ?", [wang["id"]])] == [
        (other["opportunity_id"], ["evaluator"], 1)]
    assert [(c["stakeholder_id"], c["strength"]) for c in store.rows(
        "coverage", "stakeholder_id = ?", [wang["id"]])] == [(wang["id"], 3)]


def test_a_delete_is_not_kept_when_another_cell_is_refused(store, deal):
    _two_deals(store, deal)
    before = {e: [(r["id"], r["version"]) for r in store.rows(e)]
              for e in ("stakeholder", "buying_center_entry", "coverage")}
    grid = table(store, deal["opportunity"])["rows"]
    grid[2]["delete"] = "on"
    grid[0]["influence"] = "9"
    with pytest.raises(TableProblems) as caught:
        save(store, deal["opportunity"], grid)
    assert [(c.row, c.column, c.reason) for c in caught.value.cells] == [
        (0, "influence", "'9' is above the maximum 5 (allowed 1 to 5)")]
    assert {e: [(r["id"], r["version"]) for r in store.rows(e)] for e in before} == before


def test_deleting_a_row_changed_or_removed_meanwhile_is_a_conflict(store, deal):
    wang, _other = _two_deals(store, deal)
    grid = table(store, deal["opportunity"])["rows"]
    store.update("buying_center_entry", grid[2]["entry_id"], {"influence": 4})
    grid[2]["delete"] = "1"
    grid[0]["title"] = "董事长"
    with pytest.raises(ConflictError):
        save(store, deal["opportunity"], grid)
    assert store.get("stakeholder", grid[0]["stakeholder_id"])["title"] == "总经理"
    store.delete("buying_center_entry", grid[2]["entry_id"])
    grid[2]["entry_version"] = "2"
    with pytest.raises(ConflictError):
        save(store, deal["opportunity"], grid)
    assert store.get("stakeholder", grid[0]["stakeholder_id"])["title"] == "总经理"


def test_a_row_of_another_deal_cannot_be_deleted_from_this_one(store, deal):
    _wang, other = _two_deals(store, deal)
    with pytest.raises(TableProblems) as caught:
        save(store, deal["opportunity"], [{"name": "王磊", "entry_id": str(other["id"]),
                                           "entry_version": "1", "delete": "1"}])
    assert [(c.row, c.column, c.reason) for c in caught.value.cells] == [
        (0, "name", "this row is not on this sheet")]
    assert store.get("buying_center_entry", other["id"])["version"] == 1
