"""Validation in both languages, and coded fields that take the labels people type.

Messages (record, field label, reason) are written in the language current at the write;
English stays word for word what it was. Every write path (store, API, form, import) goes
through :func:`powermap.fields.coerce`, which reads ``决策``, ``Decision maker`` and
``decision_maker`` alike.
"""

from __future__ import annotations

import pytest

from powermap.errors import ConflictError, NotFoundError, Problem, ValidationError
from powermap.fields import coerce
from powermap.i18n import use_locale
from powermap.schema import ENTITIES


def _refusal(store, entity, values, locale, record_id=None) -> str:
    with use_locale(locale), pytest.raises(ValidationError) as caught:
        if record_id is None:
            store.create(entity, values)
        else:
            store.update(entity, record_id, values)
    return str(caught.value)


#: (entity, values with "@Name" for ids, English message, Chinese message)
BAD = [
    ("account", {"name": "  ", "size": -3},
     "new account field 'size': -3 is below the minimum 0; new account field 'name': "
     "is required",
     "新客户的“规模”：-3低于最小值 0；新客户的“名称”：不能为空"),
    ("account", {"name": "ACME", "tier": "大客户"},
     "new account 'ACME' field 'tier': '大客户' is not one of: strategic, growth, maintain",
     "新客户“ACME”的“客户分级”：“大客户”不是可选值，可选：战略型、成长型、维持型"),
    ("stakeholder", {"account_id": "@Acme", "name": "王芳", "level": "12"},
     "new stakeholder '王芳' field 'level': '12' is above the maximum 9 (allowed 1 to 9)",
     "新关键人“王芳”的“层级”：“12”高于最大值 9（允许 1 至 9）"),
    ("stakeholder", {"account_id": "@Acme", "name": "王芳", "email": "ADA@acme.test"},
     "new stakeholder '王芳' field 'email': 'ada@acme.test' is already used by stakeholder "
     "#1 'Ada' in this account",
     "新关键人“王芳”的“邮箱”：“ada@acme.test”已被本客户的关键人 #1 “Ada”使用"),
    ("buying_center_entry", {"opportunity_id": "@ERP", "stakeholder_id": "@Bo",
                             "roles": "老板", "attitude": "+3"},
     "new buying center entry field 'roles': '老板' is not one of: decision_maker, approver, "
     "evaluator, user, influencer, gatekeeper, coach; new buying center entry field "
     "'attitude': '+3' is above the maximum 2 (allowed -2 to 2)",
     "新决策小组成员的“角色”：“老板”不是可选值，可选：决策、审批、评估/选型、使用、影响、采购、"
     "教练/内线；新决策小组成员的“态度”：“+3”高于最大值 2（允许 -2 至 2）"),
    ("relationship", {"source_id": "@Cy", "target_id": "@Ada", "type": "汇报给"},
     "new relationship field 'target_id': 'Cy' reporting to 'Ada' would make a reporting "
     "cycle",
     "新关系的“终点”：“Cy”汇报给“Ada”会形成循环汇报"),
    ("relationship", {"source_id": "@Ada", "target_id": "@Bo", "type": "reports to"},
     "new relationship field 'type': 'Ada' and 'Bo' already have a reports_to relationship",
     "新关系的“关系类型”：已有“Ada”汇报给“Bo”的关系"),
    ("action", {"opportunity_id": 99, "stakeholder_id": "@Ada", "type": "高层互访",
                "due_date": "下周"},
     "new action field 'due_date': expected a date as YYYY-MM-DD, got '下周'",
     "新行动的“截止日期”：应为 YYYY-MM-DD 格式的日期，实际为“下周”"),
    ("action", {"opportunity_id": 99, "stakeholder_id": "@Ada", "type": "高层互访"},
     "new action field 'opportunity_id': refers to opportunity #99, which does not exist",
     "新行动的“商机”：引用的商机 #99 不存在"),
]


@pytest.fixture
def world(store, acme):
    store.create("relationship", {"source_id": acme["Ada"], "target_id": acme["Bo"],
                                  "type": "reports_to"})
    store.create("relationship", {"source_id": acme["Bo"], "target_id": acme["Cy"],
                                  "type": "reports_to"})
    return {"Acme": acme["account"], "ERP": acme["opportunity"],
            **{name: acme[name] for name in ("Ada", "Bo", "Cy")}}


def _values(world, values):
    return {k: world[v[1:]] if isinstance(v, str) and v.startswith("@") else v
            for k, v in values.items()}


@pytest.mark.parametrize("entity, values, english, chinese", BAD,
                         ids=[f"{c[0]}-{n}" for n, c in enumerate(BAD)])
def test_messages_in_both_languages(store, world, entity, values, english, chinese):
    before = store.counts()
    assert _refusal(store, entity, _values(world, values), "en") == english
    assert _refusal(store, entity, _values(world, values), "zh_CN") == chinese
    assert store.counts() == before


def test_an_update_names_the_stored_record(store, world):
    assert _refusal(store, "stakeholder", {"email": "x"}, "zh_CN", world["Ada"]) == \
        "关键人 #1 “Ada”的“邮箱”：“x”不是有效的邮箱地址"
    assert _refusal(store, "stakeholder", {"account_id": 5}, "en", world["Ada"]) == \
        "stakeholder #1 'Ada' field 'account_id': cannot be changed; create a new record instead"


def test_problem_fields_stay_codes_for_programs(store, world):
    with use_locale("zh_CN"), pytest.raises(ValidationError) as caught:
        store.create("coverage", {"team_member_id": 99, "stakeholder_id": world["Ada"],
                                  "strength": "铁杆", "owner": "是"})
    (problem,) = caught.value.problems
    assert (problem.record, problem.field, problem.label, problem.reason) == (
        "新关系覆盖", "team_member_id", "我方成员", "引用的我方成员 #99 不存在")


def test_where_a_problem_was_found(store):
    problem = Problem("新关键人“王芳”", "level", "“12”高于最大值 9", file="联系人.csv", row=3,
                      column="层级", label="层级")
    with use_locale("zh_CN"):
        assert str(problem) == ("联系人.csv，第 3 行，“层级”列：新关键人“王芳”的“层级”："
                                "“12”高于最大值 9")
    assert str(problem) == ("联系人.csv, row 3, column '层级': 新关键人“王芳” field 'level': "
                            "“12”高于最大值 9")


def test_not_found_and_conflict_errors(store, world):
    with use_locale("zh_CN"):
        assert str(NotFoundError("account", "Nope")) == "找不到客户 “Nope”"
        assert str(ConflictError("关键人 #1 “Ada”", 2, 3)) == (
            "关键人 #1 “Ada”已被他人修改（您编辑的是第 2 版，现已是第 3 版）；请重新加载后再修改")
    assert str(NotFoundError("account", "Nope")) == "no account 'Nope'"


# --- labels people type -----------------------------------------------------------------

def _field(entity, name):
    return ENTITIES[entity].field(name)


@pytest.mark.parametrize("entity, name, text, code", [
    ("buying_center_entry", "roles", "决策", ["decision_maker"]),
    ("buying_center_entry", "roles", "决策者", ["decision_maker"]),
    ("buying_center_entry", "roles", "Decision maker", ["decision_maker"]),
    ("buying_center_entry", "roles", "decision_maker", ["decision_maker"]),
    ("buying_center_entry", "roles", "决策，审批；教练、使用; user", [
        "decision_maker", "approver", "coach", "user"]),
    ("buying_center_entry", "roles", "评估/选型", ["evaluator"]),
    ("buying_center_entry", "roles", "Evaluator 评估/选型", ["evaluator"]),
    ("buying_center_entry", "roles", "决策/审批", ["decision_maker", "approver"]),
    ("buying_center_entry", "roles", ["审批", "Coach"], ["approver", "coach"]),
    ("buying_center_entry", "roles", '["影响者"]', ["influencer"]),
    ("buying_center_entry", "attitude", "支持者", 1),
    ("buying_center_entry", "attitude", "supporter", 1),
    ("buying_center_entry", "attitude", "+1", 1),
    ("buying_center_entry", "attitude", "-2 opponent", -2),
    ("buying_center_entry", "attitude", "未知", None),
    ("buying_center_entry", "attitude", "unknown", None),
    ("buying_center_entry", "influence", "决定性", 5),
    ("competitor_position", "preference", "未知", None),
    ("competitor_position", "preference", "怀疑", -1),
    ("competitor_position", "coverage", "熟悉", 2),
    ("coverage", "strength", "铁杆", 4),
    ("coverage", "owner", "是", True),
    ("coverage", "owner", "否", False),
    ("relationship", "type", "汇报给", "reports_to"),
    ("relationship", "type", "in conflict with", "conflict"),
    ("action", "type", "高层互访", "executive_visit"),
    ("action", "status", "已完成", "done"),
    ("account", "tier", "战略型", "strategic"),
    ("opportunity", "stage", "商务谈判", "negotiate"),
    ("team_member", "role", "客户经理", "account_lead"),
])
def test_coded_fields_take_labels_in_both_languages(entity, name, text, code):
    assert coerce(_field(entity, name), text) == code


def test_unknown_is_no_attitude_but_not_an_influence():
    with pytest.raises(ValueError, match=r"^'未知' is not one of: 1, 2, 3, 4, 5$"):
        coerce(_field("buying_center_entry", "influence"), "未知")


def test_a_score_label_nobody_uses_lists_the_labels_people_can_type():
    """Regression: a bad attitude cell said "expected a whole number" instead of naming
    the words it takes."""
    attitude = _field("buying_center_entry", "attitude")
    with use_locale("zh_CN"), pytest.raises(ValueError) as refused:
        coerce(attitude, "老板")
    assert str(refused.value) == "“老板”不是可选值，可选：反对者、怀疑、中立、支持者、拥护者"
    with pytest.raises(ValueError, match=r"^'boss' is not one of: -2, -1, 0, 1, 2$"):
        coerce(attitude, "boss")
    with pytest.raises(ValueError, match="expected a whole number, got '1.5'"):
        coerce(attitude, "1.5")


def test_every_coded_field_knows_its_vocabulary():
    coded = {(e.name, f.name): f.vocabulary for e in ENTITIES.values() for f in e.fields
             if f.vocabulary}
    assert coded == {
        ("account", "tier"): "tier", ("opportunity", "stage"): "stage",
        ("account", "value_positioning"): "value_positioning",
        ("account", "procurement_norms"): "procurement_norms",
        ("buying_center_entry", "roles"): "role",
        ("buying_center_entry", "influence"): "influence",
        ("buying_center_entry", "attitude"): "attitude",
        ("relationship", "type"): "relationship_type",
        ("team_member", "role"): "team_role", ("coverage", "strength"): "coverage",
        ("competitor_position", "coverage"): "coverage",
        ("competitor_position", "preference"): "attitude", ("action", "type"): "action_type",
        ("action", "status"): "action_status"}


def test_labels_and_help_read_in_the_current_language():
    f = _field("opportunity", "bid_date")
    assert (str(f.label), str(f.help), str(ENTITIES["buying_center_entry"].label)) == (
        "Bid date", "Bid date (YYYY-MM-DD).", "buying center entry")
    roles = _field("buying_center_entry", "roles")
    with use_locale("zh_CN"):
        assert (str(f.label), str(f.help), str(ENTITIES["buying_center_entry"].label)) == (
            "投标日期", "投标日期（YYYY-MM-DD）。", "决策小组成员")
        assert str(roles.help) == ("角色，多个用逗号分隔：决策、审批、评估/选型、使用、影响、采购、"
                                   "教练/内线。")
    assert str(roles.help) == ("Comma-separated roles: decision_maker, approver, evaluator, "
                               "user, influencer, gatekeeper, coach.")
    assert all(str(f.label) and str(f.help) for e in ENTITIES.values() for f in e.fields)


# --- the API and a form take labels too ----------------------------------------------------

@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def deal(db):
    acme = db.create("account", {"name": "Acme"})["id"]
    erp = db.create("opportunity", {"account_id": acme, "name": "ERP"})["id"]
    people = {name: db.create("stakeholder", {"account_id": acme, "name": name})["id"]
              for name in ("王建国", "李娜")}
    return {"account": acme, "opportunity": erp, **people}


def test_the_api_takes_chinese_labels(client, db, deal):
    response = client.post("/api/v1/buying-center", json={
        "opportunity_id": deal["opportunity"], "stakeholder_id": deal["王建国"],
        "roles": "决策、审批", "attitude": "支持者", "influence": "决定性"})
    assert response.status_code == 201, response.get_json()
    (entry,) = db.rows("buying_center_entry")
    assert (entry["roles"], entry["attitude"], entry["influence"]) == (
        ["decision_maker", "approver"], 1, 5)
    response = client.post("/api/v1/relationships", json={
        "source_id": deal["李娜"], "target_id": deal["王建国"], "type": "汇报给"})
    assert response.status_code == 201, response.get_json()
    assert [r["type"] for r in db.rows("relationship")] == ["reports_to"]


def test_the_api_names_a_bad_label_in_the_requests_language(client, db, deal):
    response = client.post("/api/v1/relationships", json={
        "source_id": deal["李娜"], "target_id": deal["王建国"], "type": "朋友"},
        headers={"Accept-Language": "zh-CN"})
    assert response.status_code == 422
    assert response.get_json()["problems"] == [
        {"record": "新关系", "field": "type",
         "reason": "“朋友”不是可选值，可选：汇报给、影响、结盟、冲突"}]


def test_a_form_takes_chinese_labels(client, db, deal):
    with client.session_transaction() as session:
        session["csrf_token"] = "token"
    response = client.post("/records/buying-center/new", data={
        "csrf_token": "token", "opportunity_id": deal["opportunity"],
        "stakeholder_id": deal["李娜"], "roles": ["评估/选型", "教练"], "influence": "4",
        "attitude": "未知"})
    assert response.status_code == 303
    (entry,) = db.rows("buying_center_entry")
    assert (entry["roles"], entry["influence"], entry["attitude"]) == (
        ["evaluator", "coach"], 4, None)
