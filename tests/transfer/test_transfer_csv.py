"""Importing stakeholder lists from CSV: headers, encodings, updates, dry runs."""

from __future__ import annotations

import pytest

from powermap.errors import ValidationError
from powermap.imports.columns import STAKEHOLDER_COLUMNS, map_columns, parse_overrides
from powermap.imports.stakeholders import import_stakeholders

CRM = (
    "First Name,Last Name,Job Title,Account Name,E-mail,Department,Reports To,Level,Phone\n"
    "An,Li,CEO,Acme,an@acme.cn,Board,,1,123\n"
    "Bo,Wu,CIO,Acme,BO@acme.cn,IT,an@acme.cn,2,\n"
    "Cy,Zhang,Architect,Acme,cy@acme.cn,IT,Bo Wu,3,\n"
)


def people(store):
    return [(p["name"], p["title"], p["email"], p["department"], p["level"])
            for p in store.rows("stakeholder")]


def managers(store):
    names = {p["id"]: p["name"] for p in store.rows("stakeholder")}
    return sorted((names[r["source_id"]], names[r["target_id"]])
                  for r in store.rows("relationship", "type = 'reports_to'"))


def test_crm_export_is_mapped_and_imported(store, account, write):
    report = import_stakeholders(store, write("crm.csv", CRM), account="Acme")
    assert people(store) == [("An Li", "CEO", "an@acme.cn", "Board", 1),
                             ("Bo Wu", "CIO", "bo@acme.cn", "IT", 2),
                             ("Cy Zhang", "Architect", "cy@acme.cn", "IT", 3)]
    assert managers(store) == [("Bo Wu", "An Li"), ("Cy Zhang", "Bo Wu")]
    assert report.counts() == {"relationship": {"create": 2, "update": 0, "unchanged": 0},
                               "stakeholder": {"create": 3, "update": 0, "unchanged": 0}}
    assert "column 'Phone' ignored" in report.notices
    assert store.get("stakeholder", 1)["version"] == 1


def test_headers_match_case_spaces_and_underscores_and_chinese():
    mapping = map_columns(["FULL_NAME", "job title", "邮箱", "部门", "上级", "客户", "职位 "],
                          STAKEHOLDER_COLUMNS)
    assert mapping.fields == {"FULL_NAME": "name", "job title": "title", "邮箱": "email",
                              "部门": "department", "上级": "reports_to", "客户": "account"}
    assert mapping.ignored == ["职位 "]  # a second title column


def test_mapping_override(store, account, write):
    path = write("o.csv", "Person,Rolle,Mobile\nAn Li,CEO,1\n")
    report = import_stakeholders(store, path, account="Acme",
                                 mapping=parse_overrides(["Person=name", "rolle=title",
                                                          "Mobile=ignore"]))
    assert people(store) == [("An Li", "CEO", None, None, None)]
    assert report.columns == {"Person": "name", "Rolle": "title"}


def test_unknown_override_target_is_reported(store, account, write):
    with pytest.raises(ValidationError) as caught:
        import_stakeholders(store, write("o.csv", "Name\nAn\n"), account="Acme",
                            mapping={"Name": "nickname"})
    assert "unknown field 'nickname'" in str(caught.value)


def test_bad_override_syntax():
    with pytest.raises(ValueError, match="HEADER=FIELD"):
        parse_overrides(["Job Title"])


@pytest.mark.parametrize("encoding,bom", [("utf-8", b"\xef\xbb\xbf"), ("utf-8", b""),
                                          ("gb18030", b"")])
def test_chinese_names_in_utf8_bom_and_gb18030(store, account, write, encoding, bom):
    text = "姓,名,职位,邮箱,上级\n王,伟,总经理,wang@acme.cn,\n李,娜,财务总监,li@acme.cn,王伟\n"
    path = write("cn.csv", bom + text.encode(encoding))
    report = import_stakeholders(store, path, account="Acme")
    assert [p[:3] for p in people(store)] == [("王伟", "总经理", "wang@acme.cn"),
                                              ("李娜", "财务总监", "li@acme.cn")]
    assert managers(store) == [("李娜", "王伟")]
    assert report.counts()["stakeholder"]["create"] == 2


def test_explicit_encoding_wins(store, account, write):
    path = write("cn.csv", "姓名\n王伟\n".encode("gb18030"))
    with pytest.raises(ValidationError) as caught:
        import_stakeholders(store, path, account="Acme", encoding="utf-8")
    assert "cannot be decoded as UTF-8" in str(caught.value)
    import_stakeholders(store, path, account="Acme", encoding="gb18030")
    assert people(store)[0][0] == "王伟"


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_delimiter_is_sniffed(store, account, write, delimiter):
    path = write("d.csv", f"Name{delimiter}Email\nAn Li{delimiter}an@acme.cn\n")
    import_stakeholders(store, path, account="Acme")
    assert people(store) == [("An Li", None, "an@acme.cn", None, None)]


def test_reimport_updates_instead_of_duplicating(store, account, write):
    import_stakeholders(store, write("crm.csv", CRM), account="Acme")
    changed = CRM.replace("CIO,Acme,BO@acme.cn", "CTO,Acme,bo@acme.cn").replace(
        "cy@acme.cn,IT,Bo Wu", "cy@acme.cn,IT,An Li")
    report = import_stakeholders(store, write("crm2.csv", changed), account="Acme")
    assert len(store.rows("stakeholder")) == 3
    assert people(store)[1] == ("Bo Wu", "CTO", "bo@acme.cn", "IT", 2)
    assert managers(store) == [("Bo Wu", "An Li"), ("Cy Zhang", "An Li")]
    assert report.counts() == {"relationship": {"create": 0, "update": 1, "unchanged": 1},
                               "stakeholder": {"create": 0, "update": 1, "unchanged": 2}}
    update = next(c for c in report.changes if c.action == "update" and c.entity == "stakeholder")
    assert update.row == 3 and update.changes == {"title": ("CIO", "CTO")}
    assert store.get("stakeholder", 2)["version"] == 2


def test_reimport_matches_by_name_when_there_is_no_email(store, account, write):
    import_stakeholders(store, write("a.csv", "Name,Title\nAn Li,CEO\n"), account="Acme")
    import_stakeholders(store, write("b.csv", "Name,Title\nan  li,Chair\n"), account="Acme")
    assert people(store) == [("An Li", "Chair", None, None, None)]


def test_dry_run_reports_and_writes_nothing(store, account, write, counts):
    before = counts()
    report = import_stakeholders(store, write("crm.csv", CRM), account="Acme", dry_run=True)
    assert counts() == before
    assert report.dry_run
    assert [str(c) for c in report.changes][:2] == [
        "row 2: create stakeholder 'An Li' <an@acme.cn>",
        "row 3: create stakeholder 'Bo Wu' <bo@acme.cn>"]
    assert "dry run, nothing written" in report.summary()
    assert "would create 3" in report.summary()


def test_buying_center_columns_with_opportunity(store, account, write):
    path = write("bc.csv", "Name,Email,Role,Influence,Attitude\n"
                           "An Li,an@acme.cn,decision_maker,5,-1\n"
                           "Bo Wu,bo@acme.cn,\"evaluator, coach\",3,2\n"
                           "Cy,cy@acme.cn,,,\n")
    report = import_stakeholders(store, path, account="Acme", opportunity="ERP")
    entries = [(e["stakeholder_id"], e["roles"], e["influence"], e["attitude"])
               for e in store.rows("buying_center_entry")]
    assert entries == [(1, ["decision_maker"], 5, -1), (2, ["evaluator", "coach"], 3, 2)]
    assert report.counts()["buying_center_entry"]["create"] == 2
    path = write("bc2.csv", "Name,Email,Attitude\nAn Li,an@acme.cn,0\n")
    import_stakeholders(store, path, account="Acme", opportunity="ERP")
    assert store.rows("buying_center_entry")[0]["attitude"] == 0


def test_buying_center_columns_without_opportunity_give_a_notice(store, account, write):
    report = import_stakeholders(store, write("bc.csv", "Name,Influence\nAn,5\n"),
                                 account="Acme")
    assert "column 'Influence' ignored: buying-center columns need --opportunity" \
        in report.notices
    assert store.rows("buying_center_entry") == []


def test_account_column_chooses_the_account(store, account, write):
    store.create("account", {"name": "Globex"})
    import_stakeholders(store, write("a.csv", "Name,Company\nAn,acme\nBo,Globex\n"))
    assert [(p["name"], p["account_id"]) for p in store.rows("stakeholder")] == [
        ("An", 1), ("Bo", 2)]


def test_xlsx_import(store, account, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Full Name", "Title", "Email", "Level", "Manager"])
    sheet.append(["王伟", "总经理", "wang@acme.cn", 1, None])
    sheet.append(["Li Na", "CFO", "li@acme.cn", 2.0, "王伟"])
    path = tmp_path / "people.xlsx"
    book.save(path)
    import_stakeholders(store, path, account="Acme")
    assert people(store) == [("王伟", "总经理", "wang@acme.cn", None, 1),
                             ("Li Na", "CFO", "li@acme.cn", None, 2)]
    assert managers(store) == [("Li Na", "王伟")]
