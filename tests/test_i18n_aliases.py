"""aliases.to_code: what people type (labels in English or Chinese, synonyms, codes) -> codes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from powermap import aliases
from powermap import vocabulary as v
from powermap.i18n import use_locale
from powermap.schema import ENTITIES

EXPECTED = [
    ("role", "决策", "decision_maker"),
    ("role", "决策者", "decision_maker"),
    ("role", "Decision maker", "decision_maker"),
    ("role", "decision_maker", "decision_maker"),
    ("role", "decision-maker", "decision_maker"),
    ("role", "DECISION MAKER", "decision_maker"),
    ("role", "Decision maker 决策", "decision_maker"),
    ("role", "审批", "approver"),
    ("role", "评估/选型", "evaluator"),
    ("role", "评估", "evaluator"),
    ("role", "选型", "evaluator"),
    ("role", "使用", "user"),
    ("role", "影响", "influencer"),
    ("role", "采购", "gatekeeper"),
    ("role", "教练/内线", "coach"),
    ("role", "教练", "coach"),
    ("role", "内线", "coach"),
    ("attitude", "反对者", -2),
    ("attitude", "opponent", -2),
    ("attitude", "-2", -2),
    ("attitude", "−2", -2),  # U+2212 minus, as spreadsheets write it
    ("attitude", "怀疑", -1),
    ("attitude", "sceptic", -1),
    ("attitude", "skeptic", -1),
    ("attitude", "-1 sceptic", -1),
    ("attitude", "中立", 0),
    ("attitude", "neutral", 0),
    ("attitude", "0", 0),
    ("attitude", "支持者", 1),
    ("attitude", "supporter", 1),
    ("attitude", "+1", 1),
    ("attitude", "1", 1),
    ("attitude", "＋１", 1),  # full width
    ("attitude", "拥护者", 2),
    ("attitude", "盟友", 2),
    ("attitude", "champion", 2),
    ("attitude", "+2 champion", 2),
    ("influence", "决定性", 5),
    ("influence", "decisive", 5),
    ("influence", "3", 3),
    ("coverage", "无", 0),
    ("coverage", "none", 0),
    ("coverage", "认识", 1),
    ("coverage", "熟悉", 2),
    ("coverage", "信任", 3),
    ("coverage", "trusted", 3),
    ("coverage", "铁杆", 4),
    ("relationship_type", "汇报给", "reports_to"),
    ("relationship_type", "reports to", "reports_to"),
    ("relationship_type", "影响", "influences"),
    ("relationship_type", "allied with", "allied"),
    ("relationship_type", "同盟", "allied"),
    ("relationship_type", "冲突", "conflict"),
    ("relationship_type", "in conflict with", "conflict"),
    ("team_role", "客户经理", "account_lead"),
    ("team_role", "AR", "account_lead"),
    ("team_role", "解决方案经理", "solution_lead"),
    ("team_role", "SR", "solution_lead"),
    ("team_role", "交付经理", "delivery_lead"),
    ("team_role", "FR", "delivery_lead"),
    ("team_role", "Executive sponsor", "executive_sponsor"),
    ("team_role", "高层赞助人", "executive_sponsor"),
    ("action_type", "破冰", "ice_breaking"),
    ("action_type", "Ice-breaking", "ice_breaking"),
    ("action_type", "icebreaking", "ice_breaking"),
    ("action_type", "扭转态度", "turn_attitude"),
    ("action_type", "提升关系", "deepen"),
    ("action_type", "Deepen relationship", "deepen"),
    ("action_type", "高层互访", "executive_visit"),
    ("action_type", "参观样板", "reference_visit"),
    ("action_type", "技术交流", "workshop"),
    ("action_status", "计划中", "planned"),
    ("action_status", "进行中", "in_progress"),
    ("action_status", "In progress", "in_progress"),
    ("action_status", "已完成", "done"),
    ("action_status", "已取消", "cancelled"),
    ("action_status", "canceled", "cancelled"),
    ("stage", "商机确认", "qualify"),
    ("stage", "投标", "propose"),
    ("stage", "谈判", "negotiate"),
    ("stage", "赢单", "won"),
    ("stage", "丢单", "lost"),
    ("tier", "战略型", "strategic"),
    ("tier", "战略型客户", "strategic"),
    ("tier", "Growth", "growth"),
    ("tier", "成长型客户", "growth"),
    ("tier", "维持型", "maintain"),
]


@pytest.mark.parametrize(("vocabulary", "text", "code"), EXPECTED)
def test_to_code(vocabulary, text, code):
    assert aliases.to_code(vocabulary, text) == code


@pytest.mark.parametrize(("vocabulary", "text"), [
    ("role", "chairman"), ("role", ""), ("role", "   "), ("role", "--"),
    ("attitude", "3"), ("attitude", "+3"), ("attitude", "unknown"), ("attitude", "1.5"),
    ("influence", "0"), ("influence", "6"), ("stage", "maybe"), ("tier", "决策"),
    ("action_type", "executive"), ("coverage", "-1"),
])
def test_what_names_no_code_is_none(vocabulary, text):
    assert aliases.to_code(vocabulary, text) is None


def test_numbers_and_flags():
    assert aliases.to_code("attitude", 2) == 2
    assert aliases.to_code("attitude", 5) is None
    assert aliases.to_code("attitude", True) is None


def _every_code():
    return [(name, code) for name, table in aliases.VOCABULARIES.items() for code in table]


@pytest.mark.parametrize(("vocabulary", "code"), _every_code())
def test_every_code_and_label_in_both_languages_maps_back(vocabulary, code):
    """The property the importers rely on: whatever the interface shows can be typed back."""
    assert aliases.to_code(vocabulary, str(code)) == code
    for locale in ("en", "zh_CN"):
        assert aliases.to_code(vocabulary, aliases.label(vocabulary, code, locale)) == code
        with use_locale(locale):
            assert aliases.to_code(vocabulary, aliases.label(vocabulary, code)) == code
    for text in aliases.aliases(vocabulary, code):
        assert aliases.to_code(vocabulary, text) == code


def test_the_vocabularies_cover_every_coded_field():
    assert {name: set(table) for name, table in aliases.VOCABULARIES.items()} == {
        "role": set(v.ROLES), "influence": set(v.INFLUENCE), "attitude": set(v.ATTITUDE),
        "coverage": set(v.COVERAGE), "relationship_type": set(v.RELATIONSHIP_TYPES),
        "team_role": set(v.TEAM_ROLES), "action_type": set(v.ACTION_TYPES),
        "action_status": set(v.ACTION_STATUSES), "stage": set(v.STAGES), "tier": set(v.TIERS),
        "value_positioning": set(v.VALUE_POSITIONINGS),
        "procurement_norms": set(v.PROCUREMENT_NORMS)}
    for (entity, field), name in aliases.FIELD_VOCABULARIES.items():
        f = ENTITIES[entity].field(field)
        codes = set(aliases.VOCABULARIES[name])
        if f.choices:
            assert set(f.choices) == codes, (entity, field)
        else:
            assert codes == set(range(int(f.minimum), int(f.maximum) + 1)), (entity, field)
    chosen = {(e.name, f.name) for e in ENTITIES.values() for f in e.fields if f.choices}
    assert chosen <= set(aliases.FIELD_VOCABULARIES)


def test_chinese_labels_are_the_vocabularys_where_it_has_them():
    assert aliases.label("role", "coach", "zh_CN") == v.ROLES["coach"][1]
    assert aliases.label("action_type", "executive_visit", "zh_CN") == "高层互访"
    assert aliases.label("tier", "growth", "zh_CN") == "成长型"
    assert aliases.label("attitude", -1, "en") == "sceptic"
    assert aliases.label("action_status", "in_progress", "en") == "in progress"


@pytest.mark.parametrize(("text", "unknown"), [
    ("unknown", True), ("Unknown", True), ("未知", True), ("不明", True), ("?", True),
    ("？", True), ("", False), ("0", False), ("neutral", False)])
def test_is_unknown(text, unknown):
    assert aliases.is_unknown(text) is unknown


def test_vocabulary_of():
    assert aliases.vocabulary_of("buying_center_entry", "roles") == "role"
    assert aliases.vocabulary_of("competitor_position", "preference") == "attitude"
    assert aliases.vocabulary_of("account", "name") is None


_SEPARATORS = st.sampled_from(["", " ", "-", "_", "  ", "/"])


@given(data=st.data())
def test_case_and_separators_do_not_matter(data):
    vocabulary, code = data.draw(st.sampled_from(_every_code()))
    # a "-" before a number is a sign, not a separator: scores are covered by EXPECTED
    text = data.draw(st.sampled_from([a for a in aliases.aliases(vocabulary, code)
                                      if not a.lstrip("+-")[:1].isdigit()]))
    flipped = "".join(ch.upper() if data.draw(st.booleans()) else ch.lower() for ch in text)
    spaced = data.draw(_SEPARATORS) + flipped.replace(" ", data.draw(_SEPARATORS)) + \
        data.draw(_SEPARATORS)
    assert aliases.to_code(vocabulary, spaced) == code
