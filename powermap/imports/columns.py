"""Map the column headers of an import file to powermap fields.

Headers are matched case-insensitively, ignoring spaces, underscores,
hyphens and dots, against the names common CRM exports use (Salesforce,
Dynamics, HubSpot, and their Chinese versions), in English, Simplified and
Traditional Chinese and Japanese, and every header powermap's own CSV/XLSX
exports write in either language (``姓名``, ``职务``, ``角色``, ``影响力``...;
the analysis columns of an export, such as ``rank`` / ``排名``, are known and
ignored). A mapping given by the user
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

from ..i18n import _

__all__ = ["ColumnMapping", "STAKEHOLDER_COLUMNS", "RELATIONSHIP_COLUMNS", "IGNORE",
           "map_columns", "parse_overrides", "normalise"]

IGNORE = "ignore"

#: Stakeholder import targets and the headers that mean them.
STAKEHOLDER_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name", "fullname", "contact name", "contact", "person", "姓名",
             "名字", "联系人", "全名", "联系人姓名", "氏名", "名前", "連絡先", "聯絡人"),
    "first_name": ("first name", "firstname", "given name", "forename", "名"),
    "last_name": ("last name", "lastname", "surname", "family name", "姓"),
    "title": ("title", "job title", "position", "job position", "role title", "职位", "职务",
              "头衔", "岗位", "职称", "職位", "職務", "職稱", "役職", "肩書"),
    "account": ("account", "account name", "company", "company name", "organisation",
                "organization", "customer", "客户", "客户名称", "公司", "公司名称", "单位",
                "客戶", "公司名", "会社名", "取引先"),
    "email": ("email", "e-mail", "email address", "e-mail address", "mail", "work email",
              "邮箱", "电子邮件", "电子邮箱", "邮件", "邮箱地址", "電子郵件", "電郵",
              "メール", "メールアドレス", "電子メール"),
    "department": ("department", "dept", "division", "部门", "科室", "所属部门", "部門",
                   "部署", "所属"),
    "reports_to": ("reports to", "reportsto", "manager", "manager name", "manager email",
                   "supervisor", "boss", "上级", "直属上级", "汇报对象", "领导", "汇报给",
                   "直属领导", "上級", "上司", "直屬主管"),
    "level": ("level", "org level", "grade", "级别", "层级", "职级", "層級", "職級"),
    "interests": ("interests", "personal interests", "hobbies", "兴趣", "爱好",
                  "个人诉求与偏好", "个人诉求", "个人偏好", "兴趣爱好", "興趣"),
    "notes": ("notes", "note", "description", "comments", "comment", "备注", "说明",
              "備註", "備考", "メモ"),
    "roles": ("role", "roles", "buying role", "buying roles", "buying center role", "角色",
              "采购角色", "决策角色", "役割"),
    "influence": ("influence", "影响力", "影響力"),
    "attitude": ("attitude", "support", "态度", "支持度", "態度"),
    "verified_at": ("verified at", "verified", "verified on", "核实日期", "核实时间"),
    "verified_by": ("verified by", "核实人"),
    IGNORE: ("phone", "mobile", "mobile phone", "telephone", "tel", "business phone",
             "work phone", "fax", "电话", "手机", "座机", "传真", "id", "contact id", "record id",
             "電話", "手機", "電話番号", "携帯", "编号",
             # the analysis columns of powermap's own exports (en, zh_CN)
             "in buying center", "attitude label", "rank", "effective influence",
             "forecast attitude", "quadrant", "best coverage", "决策小组成员", "态度说明",
             "排名", "实际影响力", "预测态度", "矩阵象限", "最佳关系覆盖"),
}

#: Relationship import targets.
RELATIONSHIP_COLUMNS: dict[str, tuple[str, ...]] = {
    "source": ("source", "from", "source name", "source email", "person", "stakeholder",
               "来源", "从", "起点", "來源"),
    "target": ("target", "to", "target name", "target email", "other", "目标", "到",
               "对象", "目標"),
    "type": ("type", "relationship", "relationship type", "relation", "kind", "类型", "关系",
             "关系类型", "類型", "關係"),
    "strength": ("strength", "weight", "强度", "強度"),
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
            raise ValueError(_("--map %(pair)s: expected HEADER=FIELD, e.g. "
                               "\"Job Title=title\"", pair=repr(pair)))
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
            raise ValueError(_("--map %(wanted)s: the file has no such column; it has: "
                               "%(columns)s", wanted=repr(wanted),
                               columns=", ".join(h for h in header if h)))
        if target != IGNORE and target not in targets:
            choices = ", ".join(t for t in targets if t != IGNORE)
            raise ValueError(_("--map %(wanted)s=%(target)s: unknown field %(field)s; use one "
                               "of: %(choices)s, ignore", wanted=wanted, target=target,
                               field=repr(target), choices=choices))
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
