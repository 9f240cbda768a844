"""A Chinese CRM export: roles, attitudes and relationship types typed as Chinese labels.

Field coercion turns labels into codes (powermap.aliases), so every import path stores
the same codes a form or the API would: 决策 is decision_maker, 支持者 is 1, 未知 is an
unknown attitude (null, not 0), 汇报给 is reports_to.
"""

from __future__ import annotations

import pytest

from powermap.errors import ValidationError
from powermap.i18n import use_locale
from powermap.imports.relationships import import_relationships
from powermap.imports.stakeholders import import_stakeholders

CONTACTS = (
    "姓名,职务,邮箱,部门,上级,角色,影响力,态度\n"
    "王建国,总经理,wang@acme.cn,总经办,,决策,决定性,支持者\n"
    "李娜,CIO,li@acme.cn,信息部,wang@acme.cn,评估/选型、教练,4,拥护者\n"
    "张伟,采购经理,zhang@acme.cn,采购部,王建国,采购；审批,3,未知\n"
    "陈晓峰,工程师,chen@acme.cn,信息部,李娜,Decision maker,2,-1 怀疑\n"
)

EDGES = (
    "来源,目标,关系类型,强度\n"
    "陈晓峰,张伟,影响,2\n"
    "李娜,张伟,结盟,\n"
    "chen@acme.cn,wang@acme.cn,冲突,3\n"
)


def _entries(store) -> dict[str, tuple]:
    names = {p["id"]: p["name"] for p in store.rows("stakeholder")}
    return {names[e["stakeholder_id"]]: (e["roles"], e["influence"], e["attitude"])
            for e in store.rows("buying_center_entry")}


def _edges(store) -> list[tuple]:
    names = {p["id"]: p["name"] for p in store.rows("stakeholder")}
    return sorted((names[r["source_id"]], r["type"], names[r["target_id"]], r["strength"])
                  for r in store.rows("relationship"))


def test_a_chinese_crm_export_imports_labels_as_codes(store, account, write):
    import_stakeholders(store, write("联系人.csv", CONTACTS), account="Acme", opportunity="ERP")
    assert _entries(store) == {
        "王建国": (["decision_maker"], 5, 1),
        "李娜": (["evaluator", "coach"], 4, 2),
        "张伟": (["gatekeeper", "approver"], 3, None),
        "陈晓峰": (["decision_maker"], 2, -1),
    }
    import_relationships(store, write("关系.csv", EDGES), account="Acme",
                         mapping={"关系类型": "type"})
    assert _edges(store) == [
        ("张伟", "reports_to", "王建国", 3),
        ("李娜", "allied", "张伟", 2),
        ("李娜", "reports_to", "王建国", 3),
        ("陈晓峰", "conflict", "王建国", 3),
        ("陈晓峰", "influences", "张伟", 2),
        ("陈晓峰", "reports_to", "李娜", 3),
    ]


def test_the_same_file_from_xlsx_reads_alike(store, account, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    for line in CONTACTS.strip().splitlines():
        book.active.append(line.split(","))
    path = tmp_path / "联系人.xlsx"
    book.save(path)
    import_stakeholders(store, path, account="Acme", opportunity="ERP")
    assert _entries(store)["张伟"] == (["gatekeeper", "approver"], 3, None)


BAD = (
    "姓名,邮箱,角色,态度\n"
    "王建国,wang@acme.cn,老板,支持者\n"
    "李娜,li@acme.cn,决策,很好\n"
)


def test_a_label_that_names_no_code_is_refused_listing_the_choices(store, account, write,
                                                                  counts):
    before = counts()
    with use_locale("zh_CN"), pytest.raises(ValidationError) as caught:
        import_stakeholders(store, write("联系人.csv", BAD), account="Acme", opportunity="ERP")
    reasons = [(p.row, p.field, p.reason) for p in caught.value.problems]
    assert reasons == [
        (2, "roles", "“老板”不是可选值，可选：决策、审批、评估/选型、使用、影响、采购、教练/内线"),
        (3, "attitude", "“很好”不是可选值，可选：反对者、怀疑、中立、支持者、拥护者"),
    ]
    assert counts() == before
    with pytest.raises(ValidationError) as caught:
        import_stakeholders(store, write("contacts.csv", BAD), account="Acme",
                            opportunity="ERP")
    assert [(p.row, p.reason) for p in caught.value.problems] == [
        (2, "'老板' is not one of: decision_maker, approver, evaluator, user, influencer, "
            "gatekeeper, coach"),
        (3, "'很好' is not one of: -2, -1, 0, 1, 2"),
    ]
