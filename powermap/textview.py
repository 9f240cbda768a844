"""Plain-text views of accounts and opportunities for the terminal.

Widths are measured in terminal cells (:func:`powermap.i18n.display_width`),
so Chinese names (two cells per character) line up with Latin ones. Words,
vocabulary labels, dates and amounts are in the current language.
"""

from __future__ import annotations

from . import aliases
from .i18n import (
    _,
    display_width,
    format_date,
    format_money,
    format_number,
    name_sort_key,
    ngettext,
    pad,
)
from .store import Store

__all__ = ["account_text"]

#: Width of the roles column of a buying center, in terminal cells.
_ROLES_WIDTH = 26


def _attitude(attitude: int | None) -> str:
    if attitude is None:
        return _("unknown")
    sign = f"{attitude:+d}" if attitude else "0"
    return f"{sign} {aliases.label('attitude', attitude)}"


def _score(entry: dict) -> str:
    return _("influence %(influence)s  attitude %(attitude)s",
             influence=entry["influence"] or "-", attitude=_attitude(entry["attitude"]))


def _account_line(account: dict) -> str:
    facts = [account["industry"],
             account["tier"] and _("%(tier)s account", tier=aliases.label("tier",
                                                                          account["tier"])),
             account["size"] and ngettext("%(size)s employee", "%(size)s employees",
                                          account["size"], size=format_number(account["size"]))]
    facts = [f for f in facts if f]
    if facts:
        return _("%(name)s  (#%(id)s, %(facts)s)", name=account["name"], id=account["id"],
                 facts=_(", ").join(facts))
    return _("%(name)s  (#%(id)s)", name=account["name"], id=account["id"])


def _opportunity_facts(opp: dict) -> str:
    facts = [opp["stage"] and aliases.label("stage", opp["stage"]),
             opp["value"] and format_money(opp["value"], opp["currency"] or None),
             opp["bid_date"] and _("bid %(date)s", date=format_date(opp["bid_date"])),
             opp["decision_date"] and _("decision %(date)s",
                                        date=format_date(opp["decision_date"]))]
    return _(", ").join(f for f in facts if f)


def _by_department(person: dict) -> tuple:
    """Department by department (none first), top of the hierarchy down, then by name
    (pinyin in Chinese): how a reader looks a person up in the list."""
    department, level = person["department"], person["level"]
    return (department is not None, name_sort_key(department or ""),
            level is not None, level or 0, name_sort_key(person["name"]))


def account_text(store: Store, account_id: int) -> str:
    """The account, its opportunities with their buying centers, its people and team."""
    account = store.get("account", account_id)
    people = {p["id"]: p for p in sorted(store.rows("stakeholder", "account_id = ?",
                                                    [account_id]), key=_by_department)}
    managers = {r["source_id"]: r["target_id"] for r in store.rows(
        "relationship", "account_id = ? AND type = 'reports_to'", [account_id])}
    team = {t["id"]: t for t in sorted(store.rows("team_member", "account_id = ?", [account_id]),
                                       key=lambda t: name_sort_key(t["name"]))}
    lines = [_account_line(account)]
    for opp in store.rows("opportunity", "account_id = ?", [account_id]):
        lines += ["", _("Opportunity #%(id)s  %(name)s", id=opp["id"], name=opp["name"]),
                  "  " + _opportunity_facts(opp)]
        rivals = [c["name"] for c in store.rows(
            "competitor", "id IN (SELECT competitor_id FROM opportunity_competitors "
            "WHERE opportunity_id = ?)", [opp["id"]])]
        if rivals:
            lines.append("  " + _("competitors: %(names)s", names=_(", ").join(rivals)))
        entries = store.rows("buying_center_entry", "opportunity_id = ?", [opp["id"]],
                             order_by="stakeholder_id IS NULL, influence DESC, id")
        lines.append("  " + _("buying center (%(count)s):", count=len(entries)))
        names = [people[e["stakeholder_id"]]["name"] if e["stakeholder_id"] else
                 f"? {e['placeholder']}" for e in entries]
        width = max(map(display_width, names), default=10)
        for who, e in zip(names, entries, strict=True):
            roles = _(", ").join(aliases.label("role", role) for role in e["roles"])
            lines.append(f"    {pad(who, width)}  {pad(roles, _ROLES_WIDTH)}  {_score(e)}")
    lines += ["", _("Stakeholders (%(count)s)", count=len(people))]
    department = object()
    for person in people.values():
        if person["department"] != department:
            department = person["department"]
            lines.append("  " + (department or _("(no department)")))
        boss = people.get(managers.get(person["id"]))
        title = _(", ") + person["title"] if person["title"] else ""
        if boss:
            lines.append("    " + _("#%(id)s %(name)s%(title)s  → reports to %(manager)s",
                                      id=person["id"], name=person["name"], title=title,
                                      manager=boss["name"]))
        else:
            lines.append(f"    #{person['id']} {person['name']}{title}")
    lines += ["", _("Our team (%(count)s)", count=len(team))]
    for member in team.values():
        covered = store.rows("coverage", "team_member_id = ?", [member["id"]],
                             order_by="strength DESC, id")
        reach = _(", ").join(_("%(name)s (%(coverage)s)", name=people[c["stakeholder_id"]]["name"],
                               coverage=aliases.label("coverage", c["strength"]))
                             for c in covered) or _("no coverage")
        if member["role"]:
            lines.append("  " + _("%(name)s — %(role)s: %(reach)s", name=member["name"],
                                  role=aliases.label("team_role", member["role"]), reach=reach))
        else:
            lines.append("  " + _("%(name)s: %(reach)s", name=member["name"], reach=reach))
    return "\n".join(lines)
