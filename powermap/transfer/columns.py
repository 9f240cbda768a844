"""Map the column headers of an import file to powermap fields.

Headers are matched case-insensitively, ignoring spaces, underscores,
hyphens and dots, against the names common CRM exports use (Salesforce,
Dynamics, HubSpot, and their Chinese versions). A mapping given by the user
(``"Job Title=title"`` on the CLI, a dict in the API) wins; map a column to
``ignore`` to skip it.

>>> header = ["First Name", "Last_Name", "E-mail", "职位", "Phone"]
>>> mapping = map_columns(header, STAKEHOLDER_COLUMNS)
>>> mapping.fields
{'First Name': 'first_name', 'Last_Name': 'last_name', 'E-mail': 'email', '职位': 'title'}
>>> mapping.ignored
['Phone']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["ColumnMapping", "STAKEHOLDER_COLUMNS", "RELATIONSHIP_COLUMNS", "IGNORE",
           "map_columns", "parse_overrides", "normalise"]

IGNORE = "ignore"

#: Stakeholder import targets and the headers that mean them.
STAKEHOLDER_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name", "fullname", "contact name", "contact", "person", "姓名",
             "名字", "联系人", "全名"),
    "first_name": ("first name", "firstname", "given name", "forename", "名"),
    "last_name": ("last name", "lastname", "surname", "family name", "姓"),
    "title": ("title", "job title", "position", "job position", "role title", "职位", "职务",
              "头衔", "岗位"),
    "account": ("account", "account name", "company", "company name", "organisation",
                "organization", "customer", "客户", "客户名称", "公司", "公司名称", "单位"),
    "email": ("email", "e-mail", "email address", "e-mail address", "mail", "work email",
              "邮箱", "电子邮件", "电子邮箱", "邮件"),
    "department": ("department", "dept", "division", "部门", "科室"),
    "reports_to": ("reports to", "reportsto", "manager", "manager name", "manager email",
                   "supervisor", "boss", "上级", "直属上级", "汇报对象", "领导"),
    "level": ("level", "org level", "grade", "级别", "层级", "职级"),
    "interests": ("interests", "personal interests", "hobbies", "兴趣", "爱好"),
    "notes": ("notes", "note", "description", "comments", "comment", "备注", "说明"),
    "roles": ("role", "roles", "buying role", "buying roles", "buying center role", "角色",
              "采购角色"),
    "influence": ("influence", "影响力"),
    "attitude": ("attitude", "support", "态度", "支持度"),
    "verified_at": ("verified at", "verified", "verified on", "核实日期"),
    "verified_by": ("verified by", "核实人"),
    IGNORE: ("phone", "mobile", "mobile phone", "telephone", "tel", "business phone",
             "work phone", "fax", "电话", "手机", "座机", "传真", "id", "contact id", "record id"),
}

#: Relationship import targets.
RELATIONSHIP_COLUMNS: dict[str, tuple[str, ...]] = {
    "source": ("source", "from", "source name", "source email", "person", "stakeholder",
               "来源", "从"),
    "target": ("target", "to", "target name", "target email", "other", "目标", "到"),
    "type": ("type", "relationship", "relationship type", "relation", "kind", "类型", "关系"),
    "strength": ("strength", "weight", "强度"),
    "account": STAKEHOLDER_COLUMNS["account"],
}


def normalise(header: str) -> str:
    """Lower-case, without spaces, underscores, hyphens and dots: ``"E-mail"`` → ``"email"``."""
    return re.sub(r"[\s_\-.:：]+", "", header.strip().lower().lstrip("\ufeff"))


@dataclass
class ColumnMapping:
    """Which header feeds which field; what is ignored; what could not be mapped."""

    fields: dict[str, str] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)

    def column_of(self, target: str) -> str | None:
        """The header mapped to ``target``, if any."""
        return next((h for h, t in self.fields.items() if t == target), None)


def parse_overrides(pairs: list[str] | tuple[str, ...]) -> dict[str, str]:
    """``["Job Title=title", "Mobile=ignore"]`` → ``{"Job Title": "title", …}``."""
    overrides: dict[str, str] = {}
    for pair in pairs:
        header, sep, target = pair.rpartition("=")
        if not sep or not header.strip():
            raise ValueError(f"--map {pair!r}: expected HEADER=FIELD, e.g. \"Job Title=title\"")
        overrides[header.strip()] = target.strip() or IGNORE
    return overrides


def map_columns(header: list[str], targets: dict[str, tuple[str, ...]],
                overrides: dict[str, str] | None = None) -> ColumnMapping:
    """Map each header to a target of ``targets`` (overrides first, then known names).

    Raises ``ValueError`` when an override names an unknown header or target.
    """
    overrides = dict(overrides or {})
    by_normal = {normalise(h): h for h in header}
    explicit: dict[str, str] = {}
    for wanted, target in overrides.items():
        actual = wanted if wanted in header else by_normal.get(normalise(wanted))
        if actual is None:
            raise ValueError(f"--map {wanted!r}: the file has no such column; it has: "
                             + ", ".join(h for h in header if h))
        if target != IGNORE and target not in targets:
            choices = ", ".join(t for t in targets if t != IGNORE)
            raise ValueError(f"--map {wanted}={target}: unknown field {target!r}; "
                             f"use one of: {choices}, ignore")
        explicit[actual] = target
    lookup = {normalise(alias): target for target, aliases in targets.items()
              for alias in (target, *aliases)}
    mapping = ColumnMapping()
    taken = {t for t in explicit.values() if t != IGNORE}
    for h in header:
        if not h:
            continue
        target = explicit.get(h) or lookup.get(normalise(h))
        if target is None:
            mapping.unknown.append(h)
        elif target == IGNORE:
            mapping.ignored.append(h)
        elif h not in explicit and (target in taken or target in mapping.fields.values()):
            mapping.ignored.append(h)  # a second column for the same field
        else:
            mapping.fields[h] = target
    return mapping
