"""The record kinds imported by :mod:`powermap.imports.records`, beside stakeholders and
relationships: our team members, their coverage of stakeholders, competitors' positions,
and buying-center entries.

Each :class:`Kind` declares the headers that mean each target (matched by
:func:`powermap.imports.columns.map_columns`, so ``--map`` and the web's column
mapping work alike), which targets are required, the reference columns the
importer resolves to ids (people by name, e-mail or qualified name, team members
and competitors by name), and the fields that identify a stored record, so that
importing a file twice updates instead of duplicating.
"""

from __future__ import annotations

from dataclasses import dataclass

from .columns import IGNORE, STAKEHOLDER_COLUMNS

__all__ = ["Kind", "KINDS", "TEAM", "COVERAGE", "POSITIONS", "BUYING_CENTER"]

_PERSON = ("stakeholder", "person", "name", "contact", "customer contact", "关键人", "客户联系人",
           "姓名", "联系人", "人员")
_TEAM_MEMBER = ("team member", "member", "our person", "sales", "salesperson", "account manager",
                "我方成员", "我方人员", "成员", "销售", "客户经理")
#: A person's e-mail, department and title in a row tell namesakes apart.
_HINTS = {"email": STAKEHOLDER_COLUMNS["email"],
          "department": STAKEHOLDER_COLUMNS["department"],
          "title": STAKEHOLDER_COLUMNS["title"]}
_PHONES = STAKEHOLDER_COLUMNS[IGNORE]


@dataclass(frozen=True)
class Kind:
    """One importable record kind.

    ``references`` maps a target to the entity it names (``stakeholder``,
    ``team_member``, ``competitor``) and the field it fills; ``key`` are the
    fields that find the stored record a row updates; ``opportunity`` says the
    import needs one (buying-center entries, competitors put in play).
    """

    name: str
    entity: str
    columns: dict[str, tuple[str, ...]]
    required: tuple[str, ...]
    references: dict[str, tuple[str, str]]
    key: tuple[str, ...]
    opportunity: bool = False


TEAM = Kind(
    "team", "team_member",
    {"name": ("name", "team member", "member", "full name", "姓名", "成员", "我方成员", "名字"),
     "title": STAKEHOLDER_COLUMNS["title"],
     "level": STAKEHOLDER_COLUMNS["level"],
     "role": ("role", "team role", "function", "角色", "团队角色", "铁三角角色", "职责"),
     "email": STAKEHOLDER_COLUMNS["email"],
     IGNORE: _PHONES},
    required=("name",), references={}, key=("email", "name"))

COVERAGE = Kind(
    "coverage", "coverage",
    {"team_member": _TEAM_MEMBER,
     "stakeholder": _PERSON,
     "strength": ("strength", "coverage", "relationship", "relationship strength", "level",
                  "关系覆盖", "关系", "关系强度", "覆盖", "强度"),
     "last_contact": ("last contact", "last contacted", "last met", "最近接触", "最后接触",
                      "最近联系", "上次接触"),
     "owner": ("owner", "owns", "负责人", "是否负责人", "负责"),
     **_HINTS, IGNORE: _PHONES},
    required=("team_member", "stakeholder", "strength"),
    references={"team_member": ("team_member", "team_member_id"),
                "stakeholder": ("stakeholder", "stakeholder_id")},
    key=("team_member_id", "stakeholder_id"))

POSITIONS = Kind(
    "positions", "competitor_position",
    {"competitor": ("competitor", "vendor", "rival", "竞争对手", "对手", "厂商", "友商"),
     "stakeholder": _PERSON,
     "coverage": ("coverage", "relationship", "strength", "their coverage", "关系覆盖",
                  "关系", "覆盖", "强度"),
     "preference": ("preference", "leaning", "favours", "favors", "倾向", "偏好", "倾向性"),
     **_HINTS, IGNORE: _PHONES},
    required=("competitor", "stakeholder"),
    references={"competitor": ("competitor", "competitor_id"),
                "stakeholder": ("stakeholder", "stakeholder_id")},
    key=("competitor_id", "stakeholder_id"))

BUYING_CENTER = Kind(
    "buying-center", "buying_center_entry",
    {"stakeholder": _PERSON,
     "roles": STAKEHOLDER_COLUMNS["roles"],
     "influence": STAKEHOLDER_COLUMNS["influence"],
     "attitude": STAKEHOLDER_COLUMNS["attitude"],
     "verified_at": STAKEHOLDER_COLUMNS["verified_at"],
     "verified_by": STAKEHOLDER_COLUMNS["verified_by"],
     **_HINTS, IGNORE: _PHONES},
    required=("stakeholder", "roles"),
    references={"stakeholder": ("stakeholder", "stakeholder_id")},
    key=("opportunity_id", "stakeholder_id"), opportunity=True)

#: Kinds by the name the CLI (``powermap import <name>``) and the upload page use.
KINDS = {kind.name: kind for kind in (TEAM, COVERAGE, POSITIONS, BUYING_CENTER)}
