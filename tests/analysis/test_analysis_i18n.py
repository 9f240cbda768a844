"""The report speaks the current language: sentences translate, keys, codes and numbers do not."""

from __future__ import annotations

import datetime as dt

import pytest
from analysis_maps import DEMO_DAY, new_map, person, relate

from powermap.analysis import analyze
from powermap.analysis.review import review_text, summary_text
from powermap.graph import build_graph
from powermap.i18n import use_locale

TODAY = dt.date(2025, 1, 1)

#: Report keys whose string values are sentences or labels for people (they may differ).
HUMAN = {"title", "message", "remedy", "summary", "attitude_label", "activity_label", "reasons",
         "text"}


def _map():
    """A sceptic top decision maker nobody knows, an evaluator only Tess is close to."""
    G = new_map(placeholders=[{"id": 9, "roles": ["approver"], "placeholder": "Legal sign-off"}])
    person(G, 1, name="王建国", roles=["decision_maker"], influence=5, attitude=-1, level=1)
    person(G, 2, name="Bo", roles=["evaluator", "user"], influence=4, attitude=None,
           coverage=[(7, 3), (8, 2, None, False)], department="IT")
    person(G, 3, name="Cy", roles=["user"], influence=2, attitude=1, department="IT")
    relate(G, 1, 2, "influences", 2)
    return G


def _flags(locale):
    with use_locale(locale):
        report = analyze(_map(), today=TODAY)
    return [(f["code"], f["title"], f["message"], f["remedy"]) for f in report["risks"]["flags"]]


def test_flags_in_english():
    assert _flags("en")[:2] == [
        ("top_decision_maker_not_contacted", "Top decision maker not contacted",
         "Nobody on our team has a relationship with 王建国, the top decision maker.",
         "Plan an executive visit or an introduction through an ally before the bid."),
        ("decision_maker_not_supportive", "Decision maker is sceptic",
         "王建国 (decision maker) is sceptic (-1).",
         "Find out what they need; turn the attitude through a trusted ally or an executive "
         "visit."),
    ]
    messages = {f[2] for f in _flags("en")}
    assert "IT (2 people in the buying center) is reached through Bo only." in messages
    assert "Nobody fills the approver role (placeholder: Legal sign-off)." in messages


def test_flags_in_chinese():
    flags = _flags("zh_CN")
    assert flags[:2] == [
        ("top_decision_maker_not_contacted", "最高决策者尚未接触",
         "我方团队中没有人与最高决策者王建国建立关系。", "投标前安排高层互访，或请盟友引荐。"),
        ("decision_maker_not_supportive", "决策者态度为怀疑",
         "王建国（决策者）的态度为怀疑（-1）。",
         "弄清其诉求；通过其信任的盟友或高层互访扭转态度。"),
    ]
    by_title = {f[1]: f for f in flags}
    assert by_title["单线联系"][2] == "在采购决策小组中，我方只与Bo建立了牢固关系（信任及以上）。"
    assert by_title["部门仅靠一人联系"][2] == "IT（采购决策小组中有 2 人）仅通过Bo一人联系。"
    assert by_title["审批角色空缺"][2] == "没有人担任审批角色（待定：Legal sign-off）。"
    assert by_title["高影响力关键人态度未知"][2] == "Bo的态度未知。"


def test_suggestions_and_reasons_in_chinese():
    with use_locale("zh_CN"):
        report = analyze(_map(), today=TODAY)
    plans = {p["name"]: p for p in report["suggestions"]}
    assert plans["Bo"]["summary"] == ("通过破冰争取Bo（评估/选型、使用，未知），由Tess直接接触"
                                      "（我方自有关系）；预计共识预测提升 +0.018。")
    assert plans["王建国"]["summary"] == ("通过高层互访争取王建国（决策，怀疑），以陌生拜访方式接触"
                                       "（没有引荐路径）；预计共识预测提升 +0.024。")
    assert (plans["Bo"]["activity"], plans["Bo"]["activity_label"]) == ("ice_breaking", "破冰")
    assert (plans["Bo"]["path"][0]["kind"], plans["Bo"]["path"][0]["name"]) == ("us", "我方")
    assert report["ranking"][0]["reasons"] == [
        "影响力评分 5（决定性）", "角色：决策", "可影响 1 人",
        "结构性权力 1.00（基于影响关系和汇报关系的 PageRank）", "高层领导（层级 1）"]


def test_plural_forms_in_english():
    G = _map()
    relate(G, 1, 3, "influences", 2)
    with use_locale("en"):
        reasons = analyze(G, today=TODAY)["ranking"][0]["reasons"]
    assert "influences 2 people" in reasons


def _same_but_words(en, zh, key=None, parent=None):
    """Walk two reports together; return how many human strings differ."""
    if isinstance(en, dict):
        assert isinstance(zh, dict) and list(en) == list(zh), key
        ours = en.get("kind") == "us" or en.get("key") == "us"
        return sum(_same_but_words(en[k], zh[k], "party name" if ours and k == "name" else k)
                   for k in en)
    if isinstance(en, list):
        assert isinstance(zh, list) and len(en) == len(zh), key
        return sum(_same_but_words(a, b, key) for a, b in zip(en, zh, strict=True))
    if isinstance(en, str) and (key in HUMAN or key == "party name"):
        assert isinstance(zh, str) and zh
        return en != zh
    assert type(en) is type(zh) and en == zh, (key, en, zh)
    return 0


@pytest.mark.parametrize("which", ["grid", "maintenance"])
def test_report_structure_is_the_same_in_both_languages(demo, which):
    store, opportunities = demo
    G = build_graph(store, opportunities[which])
    with use_locale("en"):
        en = analyze(G, today=DEMO_DAY)
    with use_locale("zh_CN"):
        zh = analyze(G, today=DEMO_DAY)
    differing = _same_but_words(en, zh)
    # every flag's title, message and remedy is translated
    assert differing >= 3 * len(en["risks"]["flags"]) > 0
    for a, b in zip(en["risks"]["flags"], zh["risks"]["flags"], strict=True):
        assert (a["code"], a["severity"]) == (b["code"], b["severity"])
        assert a["title"] != b["title"] and a["remedy"] != b["remedy"]


def test_same_structure_for_the_hand_made_map():
    with use_locale("en"):
        en = analyze(_map(), today=TODAY)
    with use_locale("zh_CN"):
        zh = analyze(_map(), today=TODAY)
    assert _same_but_words(en, zh) > 0
    assert [p["quadrant"] for p in en["grid"]["people"]] == \
        [p["quadrant"] for p in zh["grid"]["people"]]


def test_review_text_in_chinese():
    with use_locale("zh_CN"):
        text = review_text(analyze(_map(), today=TODAY))
    lines = text.splitlines()
    assert lines[:5] == ["Deal — Acme", "===========", "阶段：方案建议，截至2025年1月1日", "",
                         "健康度：红（高 5 项，中 4 项，低 0 项）"]
    assert "[高] 最高决策者尚未接触：我方团队中没有人与最高决策者王建国建立关系。" in lines
    assert "       → 投标前安排高层互访，或请盟友引荐。" in lines
    assert "风险提示" in lines and "下一步（争取盟友）" in lines
    assert "    成功率 38%（路径可靠度 75%），预计态度变化 +0.38" in lines


def test_review_text_in_english_keeps_its_layout():
    with use_locale("en"):
        lines = review_text(analyze(_map(), today=TODAY)).splitlines()
    assert lines[2:5] == ["stage propose, as of 1 Jan 2025", "",
                          "Health: RED (5 high, 4 medium, 0 low)"]
    # Regression: "No coach identified → Identify the coach: ask the coach…"; the missing
    # coach is said by no_coach only, and no remedy asks a coach the deal does not have
    assert "[MEDIUM] No coach identified: Nobody fills the coach role." not in lines
    approver = lines.index("[MEDIUM] No approver identified: Nobody fills the approver role "
                           "(placeholder: Legal sign-off).")
    assert lines[approver + 1] == ("           → Identify the approver: map the sign-off chain "
                                   "with the people we know.")
    assert not [line for line in lines if "ask the coach" in line]


def test_summary_text_in_chinese_labels_quadrants_and_stances():
    with use_locale("zh_CN"):
        text = summary_text(analyze(_map(), today=TODAY))
    assert "关键人（实际影响力）" in text
    assert ("支持面：净支持度 -0.13（按影响力加权：支持者 20%、中立者 0%、反对者 46%、"
            "未知 33%）") in text
    lines = text.splitlines()
    grid = lines.index("影响力×态度矩阵")
    assert lines[grid + 1:grid + 6] == ["-" * 15, "借力       —", "转化       王建国、Bo",
                                        "化解       —", "关注       Cy"]
    assert "  2. Bo                       0.72  未知      评估/选型、使用" in lines
    assert "健康度：红 — 运行 `powermap review` 查看风险提示。" in text
