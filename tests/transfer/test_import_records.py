"""Imports of team members, coverage, competitor positions and buying-center entries."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from powermap.cli import cli
from powermap.errors import ValidationError
from powermap.imports.encodings import EncodingUnsure
from powermap.imports.records import import_records
from powermap.imports.relationships import import_relationships
from powermap.store import Store


@pytest.fixture
def people(store, account):
    """Three stakeholders of Acme: two called 王建国 (IT部 and 采购部) and 陈总."""
    made = {}
    for key, values in (("it", {"name": "王建国", "department": "IT部", "email": "wang@a.cn"}),
                        ("buy", {"name": "王建国", "department": "采购部"}),
                        ("boss", {"name": "陈总", "title": "总经理"})):
        made[key] = store.create("stakeholder", {"account_id": account["id"], **values})["id"]
    return made


def refused(store, kind, path, **options):
    """Import expecting failure; the problems, after checking nothing was written."""
    before = store.counts()
    with pytest.raises(ValidationError) as caught:
        import_records(store, kind, path, **{"account": "Acme", **options})
    assert store.counts() == before
    return caught.value.problems


def test_team_import_creates_then_updates(store, account, write):
    path = write("team.csv", "姓名,职务,角色,邮箱\n张伟,客户经理,account_lead,zw@us.cn\n"
                             "Lisa Chen,Architect,解决方案经理,lisa@us.cn\n")
    report = import_records(store, "team", path, account="Acme")
    assert report.counts() == {"team_member": {"create": 2, "update": 0, "unchanged": 0}}
    assert [(m["name"], m["title"], m["role"], m["email"]) for m in store.rows("team_member")] \
        == [("张伟", "客户经理", "account_lead", "zw@us.cn"),
            ("Lisa Chen", "Architect", "solution_lead", "lisa@us.cn")]
    again = write("team2.csv", "Name,Title,Email\nZhang Wei,VP Sales,ZW@us.cn\n")
    report = import_records(store, "team", again, account="Acme")
    assert [str(c) for c in report.changes] == [
        "row 2: update team member 'Zhang Wei' (name: '张伟' → 'Zhang Wei', "
        "title: '客户经理' → 'VP Sales', email: 'zw@us.cn' → 'ZW@us.cn')"]
    assert len(store.rows("team_member")) == 2


def test_coverage_import_with_namesakes_and_dry_run(store, account, people, write):
    import_records(store, "team", write("t.csv", "Name\n张伟\n"), account="Acme")
    path = write("cov.csv", "我方成员,关键人,部门,关系覆盖,最近接触,负责人\n"
                            "张伟,王建国,采购部,信任,2026-10-01,是\n"
                            "张伟,王建国 (IT部),,2,,否\n"
                            "张伟,陈总,,1,,\n")
    dry = import_records(store, "coverage", path, account="Acme", dry_run=True)
    assert dry.summary() == "cov.csv (dry run, nothing written): coverage: would create 3"
    assert store.rows("coverage") == []
    import_records(store, "coverage", path, account="Acme")
    assert [(c["stakeholder_id"], c["strength"], c["last_contact"], c["owner"])
            for c in store.rows("coverage")] == [
        (people["buy"], 3, "2026-10-01", True), (people["it"], 2, None, False),
        (people["boss"], 1, None, False)]
    update = write("cov2.csv", "team member,stakeholder,email,strength\n张伟,王建国,wang@a.cn,4\n")
    report = import_records(store, "coverage", update, account="Acme")
    assert report.counts()["coverage"] == {"create": 0, "update": 1, "unchanged": 0}
    assert store.rows("coverage", "stakeholder_id = ?", [people["it"]])[0]["strength"] == 4


def test_coverage_import_malformed(store, account, people, write):
    import_records(store, "team", write("t.csv", "Name\n张伟\n"), account="Acme")
    found = refused(store, "coverage", write(
        "cov.csv", "team member,stakeholder,strength,last contact\n"
                   "张伟,王建国,3,\n"
                   "Nobody,陈总,3,\n"
                   "张伟,陈总,9,\n"
                   "张伟,Ghost,1,\n"
                   "张伟,王建国 (IT部),2,yesterday\n"
                   ",陈总,1,\n"))
    assert [(p.row, p.column) for p in found] == [
        (2, "stakeholder"), (3, "team member"), (5, "stakeholder"), (7, "team member"),
        (4, "strength"), (6, "last contact")]
    assert found[0].reason.startswith("2 stakeholders are called '王建国': #1 王建国 (IT部, "
                                      "wang@a.cn); #2 王建国 (采购部)")
    assert found[1].reason == "no team member 'Nobody'"
    assert found[3].reason == "is empty; fill it in"
    assert "above the maximum 4" in found[4].reason


def test_missing_required_column_and_bad_mapping(store, account, write):
    [p] = refused(store, "coverage", write("c.csv", "stakeholder,strength\nAn,2\n"))
    assert (p.file, p.row) == ("c.csv", 1)
    assert p.reason == ("missing required column 'team_member'; the file has: stakeholder, "
                        "strength")
    [p] = refused(store, "team", write("t.csv", "Name\nAn\n"), mapping={"Nope": "name"})
    assert "the file has no such column" in p.reason


def test_wrong_delimiter_and_encoding(store, account, write):
    [p] = refused(store, "team", write("semi.csv", '"Name;Email"\n"An;an@a.cn"\n'))
    assert p.row == 1 and "wrong delimiter" in p.reason
    with pytest.raises(EncodingUnsure):
        import_records(store, "team", write("bad.csv", b"Name\nAn\n\xff\xfe\xfa\n"),
                       account="Acme")
    assert store.counts()["team_member"] == 0


def test_positions_import_creates_competitors_in_play(store, account, people, write):
    path = write("pos.xlsx", b"")  # replaced below by a real workbook
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["竞争对手", "关键人", "关系覆盖", "倾向"])
    sheet.append(["青云科技", "陈总", 3, "+2"])
    sheet.append(["青云科技", "王建国 (采购部)", 1, "-1"])
    book.save(path)
    report = import_records(store, "positions", path, account="Acme", opportunity="ERP")
    assert report.counts() == {"competitor": {"create": 1, "update": 0, "unchanged": 0},
                               "competitor_position": {"create": 2, "update": 0,
                                                       "unchanged": 0}}
    [rival] = store.rows("competitor")
    assert rival["name"] == "青云科技"
    assert [(r["opportunity_id"], r["competitor_id"])
            for r in store.rows("opportunity_competitor")] == [(1, rival["id"])]
    assert [(p["stakeholder_id"], p["coverage"], p["preference"])
            for p in store.rows("competitor_position")] == [
        (people["boss"], 3, 2), (people["buy"], 1, -1)]


def test_positions_refused_leaves_no_new_competitor(store, account, people, write):
    found = refused(store, "positions", write(
        "pos.csv", "competitor,stakeholder,coverage,preference\nNewCo,陈总,1,+2\n"
                   "NewCo,王建国 (IT部),1,7\n"))
    assert [(p.row, p.column) for p in found][-1] == (3, "preference")
    assert store.rows("competitor") == []


def test_buying_center_import(store, account, people, write):
    path = write("bc.csv", "关键人,部门,角色,影响力,态度\n王建国,IT部,\"决策者, 评估者\",5,支持者\n"
                           "陈总,,approver,4,\n")
    report = import_records(store, "buying-center", path, account="Acme", opportunity="ERP")
    assert report.counts() == {"buying_center_entry": {"create": 2, "update": 0,
                                                       "unchanged": 0}}
    assert [(e["stakeholder_id"], e["roles"], e["influence"], e["attitude"])
            for e in store.rows("buying_center_entry")] == [
        (people["it"], ["decision_maker", "evaluator"], 5, 1),
        (people["boss"], ["approver"], 4, None)]
    again = import_records(store, "buying-center", path, account="Acme", opportunity="ERP")
    assert again.counts()["buying_center_entry"] == {"create": 0, "update": 0, "unchanged": 2}


def test_buying_center_import_malformed(store, account, people, write):
    with pytest.raises(ValidationError) as caught:
        import_records(store, "buying-center", write("bc.csv", "stakeholder,roles\n陈总,user\n"),
                       account="Acme")
    assert [p.reason for p in caught.value.problems] == [
        "choose the opportunity whose buying center the file fills"]
    found = refused(store, "buying-center", write(
        "bc.csv", "stakeholder,roles,influence,attitude\n陈总,boss,3,0\n陈总,user,8,0\n"
                  "王建国 (IT部),user,3,+5\n"), opportunity="ERP")
    assert [(p.row, p.column, p.field) for p in found] == [
        (2, "roles", "roles"), (3, "influence", "influence"), (4, "attitude", "attitude")]


def test_symmetric_edge_list_imports_as_one_relationship(store, account, people, write):
    path = write("edges.csv", "source,target,type\n陈总,wang@a.cn,allied\n"
                              "wang@a.cn,陈总,allied\n王建国 (采购部),陈总,reports_to\n")
    report = import_relationships(store, path, account="Acme")
    assert sorted((r["source_id"], r["target_id"], r["type"])
                  for r in store.rows("relationship")) == [
        (people["buy"], people["boss"], "reports_to"),
        (people["boss"], people["it"], "allied")]
    assert report.counts()["relationship"] == {"create": 2, "update": 0, "unchanged": 1}
    assert report.notices == ["row 3 repeats row 2 in reverse; 'allied with' has no "
                              "direction, so both are one relationship"]


def test_cli_imports_every_kind(tmp_path, write):
    db = str(tmp_path / "cli.db")
    runner = CliRunner()

    def run(*args):
        result = runner.invoke(cli, [*args, "--db", db, "--lang", "en"])
        assert result.exit_code == 0, result.output
        return result.output

    run("init")
    run("account", "add", "--name", "Acme")
    run("opportunity", "add", "--account", "Acme", "--name", "ERP")
    run("stakeholder", "add", "--account", "Acme", "--name", "王建国", "--department", "IT部")
    run("stakeholder", "add", "--account", "Acme", "--name", "王建国", "--department", "采购部")
    assert run("import", "team", str(write("t.csv", "Name\nZhang\n")), "--account", "Acme") \
        == "t.csv: team member: created 1\n"
    assert run("import", "coverage", str(write("c.csv", "member,stakeholder,department,strength\n"
                                                        "Zhang,王建国,IT部,2\n")),
               "--account", "Acme") == "c.csv: coverage: created 1\n"
    assert run("import", "positions", str(write("p.csv", "competitor,stakeholder,coverage\n"
                                                         "Rival,王建国 (采购部),1\n")),
               "--account", "Acme", "--opportunity", "ERP") == \
        "p.csv: competitor: created 1; competitor position: created 1\n"
    out = run("import", "buying-center", str(write("b.csv", "stakeholder,roles\n"
                                                            "王建国 (IT部),coach\n")),
              "--account", "Acme", "--opportunity", "ERP", "--dry-run")
    assert out.endswith("b.csv (dry run, nothing written): buying center entry: would create "
                        "1\n")
    bad = runner.invoke(cli, ["import", "coverage", str(write("x.csv", "member,stakeholder,"
                                                                       "strength\nZhang,王建国,2\n")),
                              "--account", "Acme", "--db", db, "--lang", "en"])
    assert bad.exit_code == 1
    assert "1 problem found; nothing was imported" in bad.output
    with Store(db) as store:
        assert store.counts()["coverage"] == 1


def _post(client, **form):
    return client.post("/accounts/1/import", data={"csrf_token": "tok", **form},
                       content_type="multipart/form-data")


@pytest.fixture
def client(app):
    client = app.test_client()
    with client.session_transaction() as session:
        session["csrf_token"] = "tok"
    return client


def test_web_upload_offers_every_kind_and_imports_coverage(app, client):
    import io

    with Store(app.config["DATABASE"]) as store:
        acme = store.create("account", {"name": "Acme"})
        store.create("stakeholder", {"account_id": acme["id"], "name": "王建国",
                                     "department": "IT部"})
        store.create("team_member", {"account_id": acme["id"], "name": "张伟"})
    html = client.get("/accounts/1/import").get_data(as_text=True)
    for kind in ("team-members", "coverage", "competitor-positions", "buying-center"):
        assert f'value="{kind}"' in html
    text = "我方成员,关键人,关系覆盖\n张伟,王建国,3\n".encode()
    page = _post(client, file=(io.BytesIO(text), "cov.csv"), kind="coverage", step="preview")
    html = page.get_data(as_text=True)
    assert page.status_code == 200, html
    assert "cov.csv (dry run, nothing written): coverage: would create 1" in html
    page = _post(client, file=(io.BytesIO(text), "cov.csv"), kind="coverage", step="import")
    assert page.status_code == 200
    with Store(app.config["DATABASE"]) as store:
        assert [(c["stakeholder_id"], c["strength"]) for c in store.rows("coverage")] == [(1, 3)]
    bad = "我方成员,关键人,关系覆盖\n张伟,王建国,9\n".encode()
    page = _post(client, file=(io.BytesIO(bad), "bad.csv"), kind="coverage", step="import")
    assert page.status_code == 422
    assert "above the maximum 4" in page.get_data(as_text=True)
