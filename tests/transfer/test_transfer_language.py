"""Import and export in Chinese: headers and labels in the exporter's language, read back
in either; importer reports and problems in the reader's language; English unchanged."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from powermap.errors import ValidationError
from powermap.exports import formats as exports
from powermap.i18n import use_locale
from powermap.imports.columns import RELATIONSHIP_COLUMNS, STAKEHOLDER_COLUMNS, map_columns
from powermap.imports.relationships import import_relationships
from powermap.imports.stakeholders import import_stakeholders
from powermap.imports.tables import read_table

OPP = 1
EN_HEADER = ["id", "name", "title", "department", "level", "email", "in_buying_center",
             "roles", "influence", "attitude", "attitude_label", "rank",
             "effective_influence", "forecast_attitude", "quadrant", "best_coverage",
             "verified_at", "verified_by"]
ZH_HEADER = ["编号", "姓名", "职务", "部门", "层级", "邮箱", "决策小组成员", "角色", "影响力",
             "态度", "态度说明", "排名", "实际影响力", "预测态度", "矩阵象限", "最佳关系覆盖",
             "核实日期", "核实人"]


def _csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def _export(store, locale: str, fmt: str, table: str = "stakeholders"):
    with use_locale(locale):
        return exports.export(store, OPP, fmt, table=table)


def test_csv_headers_follow_the_exporters_language(demo_store):
    assert _csv(_export(demo_store, "en", "csv"))[0] == EN_HEADER
    assert _csv(_export(demo_store, "zh_CN", "csv"))[0] == ZH_HEADER
    assert _csv(_export(demo_store, "zh_CN", "csv", "relationships"))[0] == [
        "来源", "目标", "类型", "强度"]
    assert _csv(_export(demo_store, "zh_CN", "csv", "actions"))[0] == [
        "类型", "关键人", "负责人", "截止日期", "状态", "预期效果", "实际效果", "备注"]


def test_xlsx_headers_follow_the_exporters_language(demo_store):
    for locale, expected in (("en", EN_HEADER), ("zh_CN", ZH_HEADER)):
        book = load_workbook(io.BytesIO(_export(demo_store, locale, "xlsx")))
        first = next(book["stakeholders"].iter_rows(max_row=1, values_only=True))
        assert list(first) == expected
        coverage = next(book["coverage"].iter_rows(max_row=1, values_only=True))
        assert list(coverage) == (
            ["team_member", "stakeholder", "strength", "strength_label", "last_contact", "owner"]
            if locale == "en" else
            ["我方成员", "关键人", "强度", "关系覆盖等级", "最近接触", "负责人"])


def test_coded_values_are_labels_in_the_exporters_language(store, account):
    ada = store.create("stakeholder", {"account_id": account["id"], "name": "Ada"})["id"]
    bo = store.create("stakeholder", {"account_id": account["id"], "name": "Bo"})["id"]
    store.create("relationship", {"source_id": bo, "target_id": ada, "type": "reports_to"})
    store.create("buying_center_entry", {"opportunity_id": OPP, "stakeholder_id": ada,
                                         "roles": ["decision_maker", "coach"], "influence": 5,
                                         "attitude": 1})
    store.create("buying_center_entry", {"opportunity_id": OPP, "stakeholder_id": bo,
                                         "roles": ["user"], "influence": 2})
    zh = {row[1]: row for row in _csv(_export(store, "zh_CN", "csv"))[1:]}
    assert zh["Ada"][6:11] == ["是", "决策, 教练/内线", "5", "1", "支持者"]
    assert zh["Bo"][6:11] == ["是", "使用", "2", "", "未知"]
    en = {row[1]: row for row in _csv(_export(store, "en", "csv"))[1:]}
    assert en["Ada"][6:11] == ["yes", "Decision maker, Coach", "5", "1", "supporter"]
    assert _csv(_export(store, "zh_CN", "csv", "relationships"))[1] == ["Bo", "Ada", "汇报给", "3"]


def test_exports_in_chinese_stay_formula_safe(store, account):
    store.create("stakeholder", {"account_id": account["id"], "name": "=HYPERLINK(1)",
                                 "title": "@SUM(A1)"})
    row = _csv(_export(store, "zh_CN", "csv"))[1]
    assert row[1:3] == ["'=HYPERLINK(1)", "'@SUM(A1)"]
    book = load_workbook(io.BytesIO(_export(store, "zh_CN", "xlsx")))
    assert book["stakeholders"]["B2"].value == "'=HYPERLINK(1)"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_chinese_export_imports_back_identically(demo_store, store, fmt):
    """Export under zh_CN, import into an empty account: the same people, scores and ties."""
    with use_locale("zh_CN"):
        data = exports.export(demo_store, OPP, fmt)
        edges = exports.export(demo_store, OPP, "csv", table="relationships")
        account = store.create("account", {"name": "Copy"})
        store.create("opportunity", {"account_id": account["id"], "name": "Copy deal"})
        people = import_stakeholders(store, data, account=account["id"], opportunity=1,
                                     name=f"people.{fmt}")
        import_relationships(store, edges, account=account["id"], name="edges.csv")
    assert people.notices == [f"已忽略列 '{h}'" for h in (
        "编号", "决策小组成员", "态度说明", "排名", "实际影响力", "预测态度", "矩阵象限",
        "最佳关系覆盖")]

    def people_of(s, account_id):
        return sorted((p["name"], p["title"], p["department"], p["level"], p["email"])
                      for p in s.rows("stakeholder", "account_id = ?", [account_id]))

    def entries_of(s, opportunity_id):
        names = {p["id"]: p["name"] for p in s.rows("stakeholder")}
        return sorted((names[e["stakeholder_id"]], tuple(e["roles"]), e["influence"],
                       e["attitude"], e["verified_at"], e["verified_by"])
                      for e in s.rows("buying_center_entry", "opportunity_id = ?",
                                      [opportunity_id]) if e["stakeholder_id"] is not None)

    def edges_of(s, account_id):
        names = {p["id"]: p["name"] for p in s.rows("stakeholder")}
        return sorted((names[r["source_id"]], names[r["target_id"]], r["type"], r["strength"])
                      for r in s.rows("relationship", "account_id = ?", [account_id]))

    source_account = demo_store.get("opportunity", OPP)["account_id"]
    in_map = {p["name"] for p in demo_store.rows("stakeholder", "account_id = ?",
                                                 [source_account])}
    assert people_of(store, account["id"]) == [
        p for p in people_of(demo_store, source_account) if p[0] in in_map]
    assert entries_of(store, 1) == entries_of(demo_store, OPP)
    assert edges_of(store, account["id"]) == edges_of(demo_store, source_account)
    assert entries_of(store, 1) and edges_of(store, account["id"])


def test_chinese_crm_headers_are_recognised():
    header = ["姓名", "职位", "部门", "电子邮件", "汇报对象", "角色", "影响力", "态度",
              "个人诉求与偏好", "备注", "手机"]
    mapping = map_columns(header, STAKEHOLDER_COLUMNS)
    assert mapping.fields == {
        "姓名": "name", "职位": "title", "部门": "department", "电子邮件": "email",
        "汇报对象": "reports_to", "角色": "roles", "影响力": "influence", "态度": "attitude",
        "个人诉求与偏好": "interests", "备注": "notes"}
    assert mapping.ignored == ["手机"]
    other = map_columns(["氏名", "職位", "部門", "メールアドレス", "上司", "役職"],
                        STAKEHOLDER_COLUMNS)
    assert other.fields == {"氏名": "name", "職位": "title", "部門": "department",
                            "メールアドレス": "email", "上司": "reports_to"}
    assert other.ignored == ["役職"]  # a second title column
    edges = map_columns(["来源", "目标", "关系类型", "强度"], RELATIONSHIP_COLUMNS)
    assert edges.fields == {"来源": "source", "目标": "target", "关系类型": "type",
                            "强度": "strength"}


def test_chinese_header_import_creates_people_and_managers(store, account):
    data = ("姓名,职务,部门,邮箱,上级\n"
            "王建国,总经理,总经办,wang@acme.cn,\n"
            "陈晓峰,信息中心主任,信息中心,chen@acme.cn,王建国\n").encode()
    report = import_stakeholders(store, data, account=account["id"], name="名单.csv")
    people = {p["name"]: p for p in store.rows("stakeholder")}
    assert (people["陈晓峰"]["title"], people["陈晓峰"]["department"]) == ("信息中心主任",
                                                                          "信息中心")
    (edge,) = store.rows("relationship")
    assert (edge["source_id"], edge["target_id"], edge["type"]) == (
        people["陈晓峰"]["id"], people["王建国"]["id"], "reports_to")
    assert report.summary() == "名单.csv: relationship: created 1; stakeholder: created 2"


def test_relationship_types_are_read_in_either_language(store, account):
    for name in ("Ada", "Bo", "Cy"):
        store.create("stakeholder", {"account_id": account["id"], "name": name})
    data = "来源,目标,类型\nBo,Ada,汇报给\nCy,Bo,Influences\nCy,Ada,冲突\n".encode()
    import_relationships(store, data, account=account["id"], name="r.csv")
    assert sorted(r["type"] for r in store.rows("relationship")) == [
        "conflict", "influences", "reports_to"]


def test_report_and_notices_are_chinese(store, account):
    data = "姓名,电话,Shoe size\nAda,123,42\n".encode()
    with use_locale("zh_CN"):
        report = import_stakeholders(store, data, account=account["id"], name="p.csv",
                                     dry_run=True)
        assert report.summary() == "p.csv（试运行，未写入任何数据）：关键人：将新建 1 条"
        assert [str(c) for c in report.changes] == ["第 2 行：新建关键人 'Ada'"]
        assert report.notices == [
            "已忽略列 '电话'",
            "无法识别列 'Shoe size'，已忽略（可用 --map \"Shoe size=字段\" 指定）"]
    assert store.rows("stakeholder") == []
    with use_locale("en"):
        report = import_stakeholders(store, data, account=account["id"], name="p.csv",
                                     dry_run=True)
        assert report.summary() == ("p.csv (dry run, nothing written): "
                                    "stakeholder: would create 1")


def test_problems_say_where_in_chinese(store, account, counts):
    before = counts()
    data = "姓名,层级\nAda,1\nBo,12\nCy\tx\n".encode()
    with use_locale("zh_CN"):
        with pytest.raises(ValidationError) as caught:
            import_stakeholders(store, data, account=account["id"], name="p.csv")
        texts = [str(p) for p in caught.value.problems]
    assert texts[0] == "p.csv，第 4 行：数据行：分隔符有误：此行以制表符分隔，而表头以逗号分隔"
    assert counts() == before


def test_encoding_note_is_chinese():
    data = "姓名\n王建国\n".encode("gb18030")
    table = read_table(data, name="p.csv", encoding="gb18030")
    with use_locale("zh_CN"):
        assert table.encoding_note() == "已按所选的 GB18030 / GBK（简体中文） 读取文件。"
    assert table.encoding_note() == ("The file was read as GB18030 / GBK (Simplified Chinese), "
                                     "as chosen.")
