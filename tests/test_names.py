"""Names are not identities: two people of one name, told apart by e-mail, department or title."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from powermap.cli import cli
from powermap.errors import NotFoundError, ValidationError
from powermap.imports.relationships import import_relationships
from powermap.imports.stakeholders import import_stakeholders
from powermap.imports.tables import read_table
from powermap.names import split_qualifier
from powermap.store import Store
from powermap.web.forms import _reference_options


@pytest.fixture
def twins(db_path):
    with Store(db_path) as store:
        acme = store.create("account", {"name": "Acme"})
        it = store.create("stakeholder", {"account_id": acme["id"], "name": "王建国",
                                          "department": "IT部", "title": "CIO",
                                          "email": "wang@acme.cn"})
        buy = store.create("stakeholder", {"account_id": acme["id"], "name": "王建国",
                                           "department": "采购部", "title": "经理"})
        boss = store.create("stakeholder", {"account_id": acme["id"], "name": "陈总"})
        yield store, acme["id"], it["id"], buy["id"], boss["id"]


def _csv(header, rows, name="file.csv"):
    text = "\n".join(",".join(row) for row in [header, *rows]) + "\n"
    return read_table(text.encode("utf-8"), name=name)


def test_split_qualifier_forms():
    assert split_qualifier("王建国 (IT部)") == ("王建国", "IT部")
    assert split_qualifier("王建国（采购部）") == ("王建国", "采购部")
    assert split_qualifier("王建国 <wang@acme.cn>") == ("王建国", "wang@acme.cn")
    assert split_qualifier("王建国 ()") == ("王建国 ()", None)
    assert split_qualifier("王建国") == ("王建国", None)


def test_resolve_by_department_title_or_email(twins):
    store, account, it, buy, _boss = twins
    assert store.resolve("stakeholder", "王建国 (IT部)") == it
    assert store.resolve("stakeholder", "王建国（经理）") == buy
    assert store.resolve("stakeholder", "王建国 <WANG@acme.cn>") == it
    assert store.resolve("stakeholder", "wang@acme.cn", account_id=account) == it
    assert store.resolve("stakeholder", "王建国", hints={"department": "采购部"}) == buy
    assert store.resolve("stakeholder", "王建国", hints={"email": "wang@acme.cn"}) == it


def test_an_ambiguous_name_lists_the_candidates(twins):
    store, *_ = twins
    with pytest.raises(NotFoundError) as info:
        store.resolve("stakeholder", "王建国")
    assert str(info.value) == (
        "2 records of type stakeholder are called '王建国': #1 王建国 (IT部, CIO, "
        "wang@acme.cn); #2 王建国 (采购部, 经理); add the e-mail, department or title in "
        "brackets, e.g. 王建国 (IT部), or use the id")


def test_a_qualifier_that_fits_nobody_lists_the_namesakes(twins):
    store, *_ = twins
    with pytest.raises(NotFoundError) as info:
        store.resolve("stakeholder", "王建国 (财务部)")
    assert str(info.value) == (
        "no record of type stakeholder called '王建国' has the e-mail, department or title "
        "'财务部'; records of that name: #1 王建国 (IT部, CIO, wang@acme.cn); #2 王建国 "
        "(采购部, 经理)")


def test_a_name_with_brackets_of_its_own_is_found_as_typed(twins):
    store, account, *_ = twins
    odd = store.create("stakeholder", {"account_id": account, "name": "Li (Jr)"})
    assert store.resolve("stakeholder", "Li (Jr)") == odd["id"]


def test_cli_reference_by_qualified_name(twins, db_path):
    store, _account, it, buy, boss = twins
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", db_path, "--lang", "en", "relationship", "add",
                                 "--source", "王建国 (采购部)", "--target", "陈总",
                                 "--type", "reports_to"])
    assert result.exit_code == 0, result.output
    [edge] = store.rows("relationship")
    assert (edge["source_id"], edge["target_id"]) == (buy, boss)
    result = runner.invoke(cli, ["--db", db_path, "--lang", "en", "relationship", "add",
                                 "--source", "王建国", "--target", "陈总", "--type", "allied"])
    assert result.exit_code == 1
    assert "#1 王建国 (IT部, CIO, wang@acme.cn); #2 王建国 (采购部, 经理)" in result.output
    assert "Traceback" not in result.output
    assert it != buy


def test_relationship_import_by_qualified_name_and_candidates(twins):
    store, account, it, buy, boss = twins
    table = _csv(["source", "target", "type"],
                 [["王建国 (IT部)", "陈总", "reports_to"], ["王建国（经理）", "陈总", "allied"]],
                 "edges.csv")
    import_relationships(store, table, account=str(account))
    assert sorted((r["source_id"], r["target_id"], r["type"]) for r in
                  store.rows("relationship")) == [(it, boss, "reports_to"),
                                                  (buy, boss, "allied")]
    bad = _csv(["source", "target", "type"], [["王建国", "陈总", "conflict"]], "e.csv")
    with pytest.raises(ValidationError) as info:
        import_relationships(store, bad, account=str(account))
    assert [p.reason for p in info.value.problems] == [
        "2 stakeholders are called '王建国': #1 王建国 (IT部, CIO, wang@acme.cn); #2 王建国 "
        "(采购部, 经理); add the e-mail, department or title in brackets, or use the e-mail "
        "instead"]


def test_stakeholder_import_matches_a_namesake_by_department(twins):
    store, account, it, buy, boss = twins
    table = _csv(["Name", "Department", "Level", "Reports To"],
                 [["王建国", "采购部", "3", "陈总"], ["陈总", "", "1", ""]], "p.csv")
    import_stakeholders(store, table, account=str(account))
    assert store.get("stakeholder", buy)["level"] == 3
    assert store.get("stakeholder", it)["level"] is None
    assert len(store.rows("stakeholder")) == 3
    ambiguous = _csv(["Name", "Level"], [["王建国", "2"]], "p.csv")
    with pytest.raises(ValidationError) as info:
        import_stakeholders(store, ambiguous, account=str(account))
    assert [p.reason for p in info.value.problems] == [
        "2 stakeholders in this account are called '王建国': #1 王建国 (IT部, CIO, "
        "wang@acme.cn); #2 王建国 (采购部, 经理); add an Email, Department or Title column to "
        "tell them apart"]


def test_stakeholder_import_manager_by_qualified_name(twins):
    store, account, it, buy, boss = twins
    table = _csv(["Name", "Reports To"], [["小李", "王建国 (CIO)"], ["小张", "王建国"]], "p.csv")
    with pytest.raises(ValidationError) as info:
        import_stakeholders(store, table, account=str(account))
    [problem] = info.value.problems
    assert (problem.row, problem.reason) == (3, (
        "2 stakeholders match manager '王建国': #1 王建国 (IT部, CIO, wang@acme.cn); "
        "#2 王建国 (采购部, 经理); add the e-mail, department or title in brackets, or use "
        "the manager's e-mail instead"))
    good = _csv(["Name", "Reports To"], [["小李", "王建国 (CIO)"]], "p.csv")
    import_stakeholders(store, good, account=str(account))
    li = store.resolve("stakeholder", "小李")
    [edge] = store.rows("relationship", "source_id = ?", [li])
    assert (edge["target_id"], edge["type"]) == (it, "reports_to")


def test_pickers_show_department_and_title(twins):
    store, account, it, buy, boss = twins
    options = dict(_reference_options(store, "stakeholder", account))
    assert options[str(it)] == "王建国 — IT部, CIO"
    assert options[str(buy)] == "王建国 — 采购部, 经理"
    assert options[str(boss)] == "陈总"
