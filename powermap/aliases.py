"""Labels and aliases of the coded vocabularies, in English and Chinese.

People type labels, not codes: an import column says ``决策``, ``Decision maker`` or
``decision_maker``; an attitude says ``支持者``, ``supporter`` or ``+1``. :func:`to_code`
turns any of them into the code the store keeps, for every coded vocabulary
(:data:`VOCABULARIES`), and :func:`label` gives a code's label in a language, so what
the interface shows can always be typed back.

English labels come from :mod:`powermap.vocabulary`; so do the Chinese ones where it
carries them (roles, action types, tiers, value positionings, procurement norms); the
others are below, in the words key-account practitioners use (shared/domain.md
section 6). Matching ignores case, width, spaces, ``-``, ``_`` and ``/``, so
``ice-breaking``, ``Ice breaking`` and ``ICE_BREAKING`` are one alias.

Field coercion should call :func:`to_code` through :func:`vocabulary_of` before checking
choices (see docs/i18n.md); :func:`is_unknown` tells the words for "attitude unknown".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from types import MappingProxyType

from . import vocabulary as v

__all__ = ["VOCABULARIES", "FIELD_VOCABULARIES", "to_code", "label", "aliases", "vocabulary_of",
           "is_unknown", "listing"]

Code = str | int


def _words(code: str) -> str:
    return code.replace("_", " ")


#: Each coded vocabulary: ``{code: English label}``.
VOCABULARIES: dict[str, dict[Code, str]] = {
    "role": {code: en for code, (en, _) in v.ROLES.items()},
    "influence": dict(v.INFLUENCE),
    "attitude": dict(v.ATTITUDE),
    "coverage": dict(v.COVERAGE),
    "relationship_type": {code: en for code, (_, _, en) in v.RELATIONSHIP_TYPES.items()},
    "team_role": dict(v.TEAM_ROLES),
    "action_type": {code: en for code, (en, _) in v.ACTION_TYPES.items()},
    "action_status": {code: _words(code) for code in v.ACTION_STATUSES},
    "stage": {code: _words(code) for code in v.STAGES},
    "tier": {code: en for code, (en, _) in v.TIERS.items()},
    "value_positioning": {code: en for code, (en, _) in v.VALUE_POSITIONINGS.items()},
    "procurement_norms": {code: en for code, (en, _) in v.PROCUREMENT_NORMS.items()},
}

#: ``(entity, field)`` → the vocabulary its values come from (for field coercion).
FIELD_VOCABULARIES: dict[tuple[str, str], str] = {
    ("account", "tier"): "tier",
    ("account", "value_positioning"): "value_positioning",
    ("account", "procurement_norms"): "procurement_norms",
    ("opportunity", "stage"): "stage",
    ("buying_center_entry", "roles"): "role",
    ("buying_center_entry", "influence"): "influence",
    ("buying_center_entry", "attitude"): "attitude",
    ("relationship", "type"): "relationship_type",
    ("team_member", "role"): "team_role",
    ("coverage", "strength"): "coverage",
    ("competitor_position", "coverage"): "coverage",
    ("competitor_position", "preference"): "attitude",
    ("action", "type"): "action_type",
    ("action", "status"): "action_status",
}

#: Chinese labels of the vocabularies vocabulary.py gives no Chinese for.
_CHINESE: dict[str, dict[Code, str]] = {
    "role": {code: zh for code, (_, zh) in v.ROLES.items()},
    "influence": {1: "很小", 2: "较小", 3: "中等", 4: "较大", 5: "决定性"},
    "attitude": {-2: "反对者", -1: "怀疑", 0: "中立", 1: "支持者", 2: "拥护者"},
    "coverage": {0: "无关系", 1: "认识", 2: "熟悉", 3: "信任", 4: "铁杆"},
    "relationship_type": {"reports_to": "汇报给", "influences": "影响",
                          "allied": "结盟", "conflict": "冲突"},
    "team_role": {"account_lead": "客户经理", "solution_lead": "解决方案经理",
                  "delivery_lead": "交付经理", "executive_sponsor": "高层赞助人",
                  "sales": "销售", "partner": "合作伙伴"},
    "action_type": {code: zh for code, (_, zh) in v.ACTION_TYPES.items()},
    "action_status": {"planned": "计划中", "in_progress": "进行中", "done": "已完成",
                      "cancelled": "已取消"},
    "stage": {"qualify": "商机确认", "develop": "商机培育", "propose": "方案建议",
              "negotiate": "商务谈判", "won": "赢单", "lost": "丢单"},
    "tier": {code: zh for code, (_, zh) in v.TIERS.items()},
    "value_positioning": {code: zh for code, (_, zh) in v.VALUE_POSITIONINGS.items()},
    "procurement_norms": {code: zh for code, (_, zh) in v.PROCUREMENT_NORMS.items()},
}

#: Other words people use for a code, in either language.
_SYNONYMS: dict[str, dict[Code, tuple[str, ...]]] = {
    "role": {
        "decision_maker": ("决策者", "决策人", "拍板人", "最终决策者", "decider", "DM"),
        "approver": ("审批人", "审批者", "批准人", "approval"),
        "evaluator": ("评估", "选型", "评估者", "评估人", "技术评估", "technical evaluator"),
        "user": ("使用者", "用户", "最终用户", "end user"),
        "influencer": ("影响者", "影响人"),
        "gatekeeper": ("把关者", "采购人员", "采购部", "把关人", "守门人", "procurement"),
        "coach": ("教练", "内线", "向导", "guide", "inside guide"),
    },
    "influence": {1: ("边缘", "微弱"), 5: ("决定",)},
    "attitude": {
        -2: ("反对", "敌对", "against", "enemy"),
        -1: ("怀疑者", "质疑", "疑虑", "skeptic", "sceptical", "skeptical"),
        0: ("中立者",),
        1: ("支持", "support"),
        2: ("拥护", "盟友", "ally"),
    },
    "coverage": {0: ("无", "没有", "陌生"), 4: ("力挺", "倡导者", "代言人")},
    "relationship_type": {
        "reports_to": ("汇报", "上下级", "下属", "reports", "manager"),
        "influences": ("影响力", "influence"),
        "allied": ("同盟", "盟友关系", "交好", "ally", "alliance"),
        "conflict": ("对立", "矛盾", "不和", "rivalry"),
    },
    "team_role": {
        "account_lead": ("AR", "客户负责人", "大客户经理", "account manager"),
        "solution_lead": ("SR", "方案经理", "解决方案负责人", "solution manager"),
        "delivery_lead": ("FR", "交付负责人", "delivery manager"),
        "executive_sponsor": ("高层发起人", "高管赞助人", "高层对接人", "sponsor"),
        "sales": ("销售代表", "销售人员"),
        "partner": ("伙伴", "渠道", "渠道伙伴"),
    },
    "action_type": {
        "ice_breaking": ("破冰拜访", "icebreaker"),
        "turn_attitude": ("扭转", "转变态度"),
        "deepen": ("深化关系", "加深关系", "deepen"),
        "executive_visit": ("高层拜访", "高管拜访"),
        "reference_visit": ("样板参观", "参观样板点", "客户参观", "参观"),
        "workshop": ("交流会", "研讨会", "工作坊", "技术研讨"),
    },
    "action_status": {
        "planned": ("计划", "已计划", "待办"),
        "in_progress": ("进行", "执行中", "doing"),
        "done": ("完成", "已完成", "completed", "finished"),
        "cancelled": ("取消", "canceled"),
    },
    "stage": {
        "qualify": ("确认", "验证", "线索", "qualification"),
        "develop": ("培育", "开发", "development"),
        "propose": ("方案", "提案", "投标", "报价", "proposal"),
        "negotiate": ("谈判", "negotiation"),
        "won": ("赢", "中标", "成交", "签约", "win"),
        "lost": ("输单", "失单", "未中标", "lose", "loss"),
    },
    "tier": {
        "strategic": ("战略", "战略客户", "战略型客户"),
        "growth": ("成长", "成长客户", "成长型客户"),
        "maintain": ("维持", "维持客户", "维持型客户", "maintenance"),
    },
    "value_positioning": {
        "price": ("价格", "低价", "低价导向", "price driven", "price sensitive"),
        "balanced": ("性价比", "均衡", "balance"),
        "value": ("价值", "重价值", "value driven", "solution"),
    },
    "procurement_norms": {
        "irregular": ("不规范采购", "无规范", "ad hoc"),
        "partly_regular": ("较规范采购", "部分规范", "partly"),
        "regular": ("规范采购", "严格规范", "formal"),
    },
}

#: Words for "attitude not known" (stored as null, never 0).
_UNKNOWN = ("unknown", "未知", "不明", "不清楚", "?", "？")


def _key(text: str) -> str:
    """What matching compares: NFKC, casefolded, without spaces and ``-_/·``; a sign stays
    when it starts a number (``-1`` is not ``1``)."""
    text = unicodedata.normalize("NFKC", text).replace("\u2212", "-").casefold()
    return "".join(re.findall(r"[+-](?=\d)|[^\W_]", text))


def label(vocabulary: str, code: Code, locale: str | None = None) -> str:
    """The label of ``code`` in ``locale`` (default: the current language).

    >>> label("attitude", 1, "zh_CN"), label("role", "decision_maker", "en")
    ('支持者', 'Decision maker')
    """
    if locale is None:
        from .i18n import current_locale

        locale = current_locale()
    table = _CHINESE[vocabulary] if locale == "zh_CN" else VOCABULARIES[vocabulary]
    return table[code]


def aliases(vocabulary: str, code: Code) -> tuple[str, ...]:
    """Every text that :func:`to_code` maps to ``code``: the code, its labels, its synonyms,
    the ``English 中文`` pair the pages show and, for scores, the signed number."""
    english, chinese = VOCABULARIES[vocabulary][code], _CHINESE[vocabulary][code]
    texts = [str(code), english, chinese, f"{english} {chinese}",
             *_SYNONYMS[vocabulary].get(code, ())]
    if isinstance(code, int):
        for number in {str(code), f"{code:+d}"}:
            texts += [number, f"{number} {english}", f"{number} {chinese}"]
    return tuple(dict.fromkeys(texts))


def _table(vocabulary: str) -> dict[str, Code]:
    table: dict[str, Code] = {}
    for code in VOCABULARIES[vocabulary]:
        for text in aliases(vocabulary, code):
            other = table.setdefault(_key(text), code)
            if other != code:
                raise ValueError(f"{text!r} means both {other!r} and {code!r} in {vocabulary}")
    return table


#: ``{vocabulary: {matching key: code}}``, built once at import (an ambiguous alias fails it)
#: and never written after.
_TABLES: Mapping[str, Mapping[str, Code]] = MappingProxyType(
    {name: MappingProxyType(_table(name)) for name in VOCABULARIES})

#: ``{vocabulary: {text: code}}`` for every alias exactly as :func:`aliases` spells it: what
#: files and forms send most, found without normalising.
_EXACT: Mapping[str, Mapping[str, Code]] = MappingProxyType({
    name: MappingProxyType({text: code for code in table for text in aliases(name, code)})
    for name, table in VOCABULARIES.items()})


def to_code(vocabulary: str, text: str | int) -> Code | None:
    """The code of ``vocabulary`` that ``text`` names, or None when it names none.

    >>> to_code("role", "决策"), to_code("role", "Decision maker"), to_code("attitude", "+1")
    ('decision_maker', 'decision_maker', 1)
    >>> to_code("action_type", "高层互访"), to_code("tier", "战略型客户"), to_code("stage", "maybe")
    ('executive_visit', 'strategic', None)
    """
    if text.__class__ is str:
        code = _EXACT[vocabulary].get(text)
        return code if code is not None else _TABLES[vocabulary].get(_key(text))
    if isinstance(text, bool):
        return None
    if isinstance(text, int):
        return text if text in VOCABULARIES[vocabulary] else None
    return _TABLES[vocabulary].get(_key(text))


def listing(vocabulary: str, codes: Iterable[Code] | None = None) -> str:
    """``codes`` (default: all of ``vocabulary``) as a message lists the accepted values.

    English lists the codes, which the API, the CLI and English files use; another
    language lists the labels its people see and type (both are accepted everywhere).

    >>> listing("tier")
    'strategic, growth, maintain'
    >>> from powermap.i18n import use_locale
    >>> with use_locale("zh_CN"):
    ...     listing("tier")
    '战略型、成长型、维持型'
    """
    from .i18n import SOURCE_LOCALE, current_locale, pgettext

    codes = VOCABULARIES[vocabulary] if codes is None else codes
    if current_locale() == SOURCE_LOCALE:
        return ", ".join(map(str, codes))
    return pgettext("separator of listed values", ", ").join(
        label(vocabulary, code) for code in codes)


def vocabulary_of(entity: str, field: str) -> str | None:
    """The vocabulary a field's values come from, or None for free text and plain numbers.

    >>> vocabulary_of("action", "type"), vocabulary_of("stakeholder", "name")
    ('action_type', None)
    """
    return FIELD_VOCABULARIES.get((entity, field))


def is_unknown(text: str) -> bool:
    """Whether ``text`` says "not known" (``unknown``, ``未知``...): an empty score, not 0.

    >>> is_unknown("未知"), is_unknown(" Unknown "), is_unknown("0"), is_unknown("")
    (True, True, False, False)
    """
    return text.strip() in _UNKNOWN or (_key(text) or None) in _UNKNOWN_KEYS


_UNKNOWN_KEYS = frozenset(key for key in map(_key, _UNKNOWN) if key)
