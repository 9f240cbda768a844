"""Plain-text views of accounts and opportunities for the terminal.

Widths are measured in terminal cells (:func:`powermap.i18n.display_width`),
so Chinese names (two cells per character) line up with Latin ones.
"""

from __future__ import annotations

from . import vocabulary as v
from .i18n import display_width, pad
from .store import Store

__all__ = ["account_text"]


def _score(entry: dict) -> str:
    attitude = entry["attitude"]
    sign = "" if attitude is None else f"{attitude:+d} " if attitude else "0 "
    return f"influence {entry['influence'] or '-'}  attitude {sign}{v.attitude_label(attitude)}"


def account_text(store: Store, account_id: int) -> str:
    """The account, its opportunities with their buying centers, its people and team."""
    account = store.get("account", account_id)
    people = {p["id"]: p for p in store.rows("stakeholder", "account_id = ?", [account_id],
                                             order_by="department, level, name")}
    managers = {r["source_id"]: r["target_id"] for r in store.rows(
        "relationship", "account_id = ? AND type = 'reports_to'", [account_id])}
    team = {t["id"]: t for t in store.rows("team_member", "account_id = ?", [account_id])}
    facts = [x for x in (account["industry"], account["tier"] and f"{account['tier']} account",
                         account["size"] and f"{account['size']:,} employees") if x]
    lines = [f"{account['name']}  (#{account['id']}{', ' if facts else ''}{', '.join(facts)})"]
    for opp in store.rows("opportunity", "account_id = ?", [account_id]):
        value = f"{opp['value']:,.0f} {opp['currency'] or ''}".strip() if opp["value"] else ""
        dates = [f"{label} {opp[key]}" for key, label in (("bid_date", "bid"),
                 ("decision_date", "decision")) if opp[key]]
        lines += ["", f"Opportunity #{opp['id']}  {opp['name']}",
                  "  " + ", ".join(x for x in (opp["stage"], value, *dates) if x)]
        rivals = [c["name"] for c in store.rows(
            "competitor", "id IN (SELECT competitor_id FROM opportunity_competitors "
            "WHERE opportunity_id = ?)", [opp["id"]])]
        if rivals:
            lines.append("  competitors: " + ", ".join(rivals))
        entries = store.rows("buying_center_entry", "opportunity_id = ?", [opp["id"]],
                             order_by="stakeholder_id IS NULL, influence DESC, id")
        lines.append(f"  buying center ({len(entries)}):")
        names = [people[e["stakeholder_id"]]["name"] if e["stakeholder_id"] else
                 f"? {e['placeholder']}" for e in entries]
        width = max(map(display_width, names), default=10)
        for who, e in zip(names, entries, strict=True):
            lines.append(f"    {pad(who, width)}  {pad(', '.join(e['roles']), 26)}  {_score(e)}")
    lines += ["", f"Stakeholders ({len(people)})"]
    department = object()
    for person in people.values():
        if person["department"] != department:
            department = person["department"]
            lines.append(f"  {department or '(no department)'}")
        boss = people.get(managers.get(person["id"]))
        extra = f"  → reports to {boss['name']}" if boss else ""
        title = f", {person['title']}" if person["title"] else ""
        lines.append(f"    #{person['id']} {person['name']}{title}{extra}")
    lines += ["", f"Our team ({len(team)})"]
    for member in team.values():
        covered = store.rows("coverage", "team_member_id = ?", [member["id"]],
                             order_by="strength DESC, id")
        reach = ", ".join(f"{people[c['stakeholder_id']]['name']} ({v.COVERAGE[c['strength']]})"
                          for c in covered)
        role = v.TEAM_ROLES.get(member["role"] or "", "")
        lines.append(f"  {member['name']}{' — ' + role if role else ''}: {reach or 'no coverage'}")
    return "\n".join(lines)
