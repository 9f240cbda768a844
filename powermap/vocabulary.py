"""The one vocabulary of powermap: roles, scales, relationship and action types.

Store, validation, analysis, API, UI and exports all read their enums and
labels from here (see ``shared/domain.md`` section 3), so a term means the
same thing everywhere.
"""

from __future__ import annotations

from .i18n import _l, lazy_pgettext

__all__ = [
    "ROLES",
    "REQUIRED_ROLES",
    "INFLUENCE",
    "ATTITUDE",
    "STANCES",
    "QUADRANTS",
    "COVERAGE",
    "RELATIONSHIP_TYPES",
    "DIRECTED_RELATIONSHIPS",
    "TEAM_ROLES",
    "ACTION_TYPES",
    "ACTION_STATUSES",
    "OPEN_ACTION_STATUSES",
    "STAGES",
    "TIERS",
    "VALUE_POSITIONINGS",
    "PROCUREMENT_NORMS",
    "SEVERITIES",
    "HEALTHS",
    "attitude_key",
    "attitude_label",
]

#: Buying-center roles, with their English and Chinese labels.
ROLES: dict[str, tuple[str, str]] = {
    "decision_maker": ("Decision maker", "决策"),
    "approver": ("Approver", "审批"),
    "evaluator": ("Evaluator", "评估/选型"),
    "user": ("User", "使用"),
    "influencer": ("Influencer", "影响"),
    "gatekeeper": ("Gatekeeper", "采购"),
    "coach": ("Coach", "教练/内线"),
}

#: Roles every buying center needs filled (by a person, not a placeholder).
REQUIRED_ROLES: tuple[str, ...] = ("decision_maker", "approver", "evaluator", "coach")

#: Influence on the decision, 1 (marginal) to 5 (decisive).
INFLUENCE: dict[int, str] = {
    1: "marginal",
    2: "minor",
    3: "moderate",
    4: "major",
    5: "decisive",
}

#: Attitude toward us, -2 (opponent) to +2 (champion). Unknown is ``None``.
ATTITUDE: dict[int, str] = {
    -2: "opponent",
    -1: "sceptic",
    0: "neutral",
    1: "supporter",
    2: "champion",
}

#: Support buckets (domain section 4): attitudes grouped for the support shares. Plural on
#: purpose: "supporters" holds supporters and champions, "opponents" sceptics and opponents,
#: so they never read as the single attitude labels above. Values: (label, meaning), lazy
#: (they read in the current language).
STANCES: dict[str, tuple[str, str]] = {
    "supporters": (_l("supporters"), _l("attitude +1 or +2")),
    "neutrals": (_l("neutrals"), _l("attitude 0")),
    "opponents": (_l("opponents"), _l("attitude -1 or -2")),
    "unknowns": (_l("unknowns"), _l("attitude unknown")),
}

#: Quadrants of the influence x attitude grid (the stakeholder matrix): (label, what to do).
QUADRANTS: dict[str, tuple[str, str]] = {
    "leverage": (_l("leverage"), _l("high influence, on our side: use them")),
    "convert": (_l("convert"), _l("high influence, not on our side: win them over")),
    "neutralise": (_l("neutralise"), _l("low influence, against us: keep them from blocking")),
    "monitor": (_l("monitor"), _l("low influence, not against us: keep informed")),
}

#: Severity of a risk flag, most severe first, with its label.
SEVERITIES: dict[str, str] = {
    "high": lazy_pgettext("severity", "high"),
    "medium": lazy_pgettext("severity", "medium"),
    "low": lazy_pgettext("severity", "low"),
}

#: Health of a deal (from its risk flags), with its label.
HEALTHS: dict[str, str] = {
    "red": lazy_pgettext("health", "red"),
    "amber": lazy_pgettext("health", "amber"),
    "green": lazy_pgettext("health", "green"),
}

#: Relationship strength of a team member (or competitor) with a stakeholder.
COVERAGE: dict[int, str] = {
    0: "none",
    1: "aware",
    2: "acquainted",
    3: "trusted",
    4: "advocate",
}

#: Typed edges between stakeholders: (directed, default strength, label).
RELATIONSHIP_TYPES: dict[str, tuple[bool, int, str]] = {
    "reports_to": (True, 3, "reports to"),
    "influences": (True, 2, "influences"),
    "allied": (False, 2, "allied with"),
    "conflict": (False, 2, "in conflict with"),
}
DIRECTED_RELATIONSHIPS = frozenset(
    name for name, (directed, _, _) in RELATIONSHIP_TYPES.items() if directed
)
RELATIONSHIP_STRENGTH = (1, 3)

#: Roles on our side of the table.
TEAM_ROLES: dict[str, str] = {
    "account_lead": "Account lead",
    "solution_lead": "Solution lead",
    "delivery_lead": "Delivery lead",
    "executive_sponsor": "Executive sponsor",
    "sales": "Sales",
    "partner": "Partner",
}

#: Planned relationship activities.
ACTION_TYPES: dict[str, tuple[str, str]] = {
    "ice_breaking": ("Ice-breaking", "破冰"),
    "turn_attitude": ("Turn attitude", "扭转态度"),
    "deepen": ("Deepen relationship", "提升关系"),
    "executive_visit": ("Executive visit", "高层互访"),
    "reference_visit": ("Reference visit", "参观样板"),
    "workshop": ("Workshop", "技术交流"),
}

ACTION_STATUSES: tuple[str, ...] = ("planned", "in_progress", "done", "cancelled")
OPEN_ACTION_STATUSES: tuple[str, ...] = ("planned", "in_progress")

#: Opportunity stages, in order.
STAGES: tuple[str, ...] = ("qualify", "develop", "propose", "negotiate", "won", "lost")

#: Account tiers (section 2.7 of the domain brief).
TIERS: dict[str, tuple[str, str]] = {
    "strategic": ("Strategic", "战略型"),
    "growth": ("Growth", "成长型"),
    "maintain": ("Maintain", "维持型"),
}

#: What an account pays for (demand fit, domain section 2.7), least to most aligned with a
#: key-account offer: the lowest price, price and quality balanced, or the value of a solution.
VALUE_POSITIONINGS: dict[str, tuple[str, str]] = {
    "price": ("Price-driven", "价格导向"),
    "balanced": ("Balanced", "性价比导向"),
    "value": ("Value-driven", "价值导向"),
}

#: How regular an account's procurement is (demand fit): ad hoc, partly, or fully by the rules.
PROCUREMENT_NORMS: dict[str, tuple[str, str]] = {
    "irregular": ("Irregular", "不规范"),
    "partly_regular": ("Partly regular", "较规范"),
    "regular": ("Regular", "规范"),
}


def attitude_key(attitude: int | None) -> str:
    """The code word of an attitude score, the same in every language (CSS classes, colour
    keys); ``None`` is ``"unknown"``.

    >>> attitude_key(2), attitude_key(None)
    ('champion', 'unknown')
    """
    return "unknown" if attitude is None else ATTITUDE[attitude]


def attitude_label(attitude: int | None) -> str:
    """The word for an attitude score in the current language; ``None`` is unknown.

    >>> attitude_label(2), attitude_label(None)
    ('champion', 'unknown')
    >>> from powermap.i18n import use_locale
    >>> with use_locale("zh_CN"):
    ...     attitude_label(2), attitude_label(None)
    ('拥护者', '未知')
    """
    if attitude is None:
        from .i18n import pgettext

        return pgettext("attitude", "unknown")
    from .aliases import label

    return label("attitude", attitude)
