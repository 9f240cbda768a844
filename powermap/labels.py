"""What people call each kind of record and each field, in the current language.

The schema names records and fields for programs (``buying_center_entry``,
``verified_at``); forms, page titles and messages need the words a key-account
team uses in their language (``决策小组成员``, ``核实日期``). The labels are lazy
strings, so they translate when shown.

>>> from powermap.i18n import use_locale
>>> with use_locale("zh_CN"):
...     print(entity_label("stakeholder"), field_label("title"), field_label("name", "stakeholder"))
关键人 职务 姓名
>>> print(field_label("bid_date"), field_label("unheard_of_field"))
Bid date Unheard of field
"""

from __future__ import annotations

from .i18n import _l, lazy_pgettext

__all__ = ["ENTITY_LABELS", "FIELD_LABELS", "entity_label", "field_label"]

#: Each kind of record, as a noun.
ENTITY_LABELS = {
    "account": _l("account"),
    "opportunity": _l("opportunity"),
    "stakeholder": _l("stakeholder"),
    "buying_center_entry": _l("buying center entry"),
    "relationship": _l("relationship"),
    "team_member": _l("team member"),
    "coverage": _l("coverage"),
    "competitor": _l("competitor"),
    "opportunity_competitor": _l("opportunity competitor"),
    "competitor_position": _l("competitor position"),
    "action": _l("action"),
}

#: Each field (without its ``_id``), as a form label.
FIELD_LABELS = {
    "account": _l("Account"),
    "name": _l("Name"),
    "industry": _l("Industry"),
    "size": _l("Size"),
    "tier": _l("Tier"),
    "cumulative_sales": _l("Cumulative sales"),
    "profit": _l("Profit"),
    "average_deal_size": _l("Average deal size"),
    "collection_period_days": _l("Collection period days"),
    "arrears": _l("Arrears"),
    "notes": _l("Notes"),
    "opportunity": _l("Opportunity"),
    "stage": _l("Stage"),
    "value": _l("Value"),
    "currency": _l("Currency"),
    "bid_date": _l("Bid date"),
    "decision_date": _l("Decision date"),
    "title": _l("Title"),
    "department": _l("Department"),
    "level": _l("Level"),
    "email": _l("Email"),
    "interests": _l("Interests"),
    "stakeholder": _l("Stakeholder"),
    "placeholder": _l("Placeholder"),
    "roles": _l("Roles"),
    "influence": _l("Influence"),
    "attitude": _l("Attitude"),
    "verified_at": _l("Verified at"),
    "verified_by": _l("Verified by"),
    "source": _l("Source"),
    "target": _l("Target"),
    "type": _l("Type"),
    "strength": _l("Strength"),
    "role": _l("Role"),
    "team_member": _l("Team member"),
    "last_contact": _l("Last contact"),
    "owner": _l("Owner"),
    "competitor": _l("Competitor"),
    "coverage": _l("Coverage"),
    "preference": _l("Preference"),
    "due_date": _l("Due date"),
    "status": _l("Status"),
    "expected_effect": _l("Expected effect"),
    "actual_effect": _l("Actual effect"),
}

#: Where a field's word depends on its record: a person's name is a 姓名.
_BY_ENTITY = {
    ("stakeholder", "name"): lazy_pgettext("person", "Name"),
    ("team_member", "name"): lazy_pgettext("person", "Name"),
}


def entity_label(entity: str) -> str:
    """The noun for a kind of record (``"buying_center_entry"`` → ``"buying center entry"``)."""
    label = ENTITY_LABELS.get(entity)
    return str(label) if label is not None else entity.replace("_", " ")


def field_label(name: str, entity: str | None = None) -> str:
    """The label of a field (``"owner_id"`` → ``"Owner"``); unknown ones from their name."""
    key = name.removesuffix("_id")
    label = _BY_ENTITY.get((entity or "", key)) or FIELD_LABELS.get(key)
    return str(label) if label is not None else key.replace("_", " ").capitalize()
