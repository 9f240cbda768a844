"""What changed between two states of one opportunity's map: a pure comparison.

:func:`state` extracts from a graph (:func:`powermap.graph.build_graph`) and
its report (:func:`powermap.analysis.analyze`) what a review compares, as
plain JSON-able data (ids as text keys), so a recorded review
(:mod:`.snapshots`) keeps it and a diff can be made between any two:
snapshots, dates (as-of graphs) or "the last review" and now.

:func:`diff` lists, in a stable order (by name, then id):

* ``joined`` / ``left``: people who came into or went out of the buying center;
* ``roles``, ``influence``, ``attitude``: changes of people in both;
* ``coverage_gained`` / ``coverage_lost``: one of our team's relationships with
  a person got stronger (or began) / weaker (or ended);
* ``relationships_added`` / ``relationships_removed`` between stakeholders;
* ``competitor_moves``: a competitor's coverage or preference with a person;
  ``competitors_entered`` / ``competitors_left`` the opportunity;
* ``flags_raised`` / ``flags_resolved``: risk flags by code and department (and
  people, for a code raised once per person);
* ``figures``: net support, deal forecast, stance counts, allies, strong
  coverage, open high flags and health, each ``{"before", "after", "delta"}``.
"""

from __future__ import annotations

import networkx as nx

from ..analysis._people import STRONG_COVERAGE, our_coverage

__all__ = ["state", "diff", "figures", "KINDS"]

#: The lists of a diff, in the order they are shown.
KINDS = ("joined", "left", "roles", "influence", "attitude", "coverage_gained",
         "coverage_lost", "relationships_added", "relationships_removed", "competitor_moves",
         "competitors_entered", "competitors_left", "flags_raised", "flags_resolved")


def state(G: nx.MultiDiGraph, report: dict) -> dict:
    """What a diff compares, from one graph and its report (JSON-able, ids as text)."""
    people = {}
    for n, d in G.nodes(data=True):
        people[str(n)] = {
            "name": d.get("name"),
            "in_buying_center": bool(d.get("in_buying_center")),
            "roles": list(d.get("roles") or []),
            "influence": d.get("influence"),
            "attitude": d.get("attitude"),
            "coverage": {str(c["team_member_id"]): c["strength"] for c in d.get("coverage") or ()},
            "competitors": {str(k): {"coverage": p.get("coverage"),
                                     "preference": p.get("preference")}
                            for k, p in (d.get("competitors") or {}).items()},
        }
    relationships = sorted([str(a), str(b), data.get("type"), data.get("strength")]
                           for a, b, data in G.edges(data=True))
    return {
        "people": people,
        "relationships": relationships,
        "team": {str(k): t.get("name") for k, t in (G.graph.get("team") or {}).items()},
        "competitors": {str(k): c.get("name")
                        for k, c in (G.graph.get("competitors") or {}).items()},
        "flags": [{"code": f["code"], "severity": f["severity"], "title": f["title"],
                   "people": [p["stakeholder_id"] for p in f["stakeholders"]],
                   "department": f.get("department")} for f in report["risks"]["flags"]],
        "figures": figures(G, report),
    }


def figures(G: nx.MultiDiGraph, report: dict) -> dict:
    """The support base in numbers (one point of the trend, and a diff's deltas)."""
    members = [n for n, d in G.nodes(data=True) if d.get("in_buying_center")]
    counts = report["support"]["counts"]
    return {
        "net_support": report["support"]["net_support"],
        "forecast": report["forecast"]["deal"],
        "supporters": counts.get("supporters", 0),
        "neutrals": counts.get("neutrals", 0),
        "opponents": counts.get("opponents", 0),
        "unknowns": counts.get("unknowns", 0),
        "allies": sum(1 for n in members if G.nodes[n].get("attitude") == 2
                      or "coach" in (G.nodes[n].get("roles") or [])),
        "strong_coverage": sum(1 for n in members if our_coverage(G, n) >= STRONG_COVERAGE),
        "open_high_flags": report["risks"]["counts"].get("high", 0),
        "health": report["risks"]["health"],
    }


def _person(pid: str, entry: dict) -> dict:
    return {"stakeholder_id": int(pid), "name": entry.get("name")}


def _order(item: dict) -> tuple:
    return (item.get("name") or "", item.get("stakeholder_id") or 0, item.get("code") or "")


def diff(old: dict, new: dict) -> dict:
    """Every change from state ``old`` to state ``new`` (see the module docstring)."""
    out: dict[str, list] = {kind: [] for kind in KINDS}
    before, after = old["people"], new["people"]
    for pid in sorted(set(before) | set(after), key=int):
        was, now = before.get(pid), after.get(pid)
        was_in = bool(was and was["in_buying_center"])
        now_in = bool(now and now["in_buying_center"])
        person = _person(pid, now or was)
        if now_in and not was_in:
            out["joined"].append(person)
        elif was_in and not now_in:
            out["left"].append(person)
        elif was_in and now_in:
            for field in ("roles", "influence", "attitude"):
                if was[field] != now[field]:
                    out[field].append({**person, "before": was[field], "after": now[field]})
        _coverage(out, person, was, now, new["team"] | old["team"])
        _competitors(out, person, was, now, new["competitors"] | old["competitors"])
    names = {pid: p.get("name") for pid, p in {**before, **after}.items()}
    old_edges = {tuple(r[:3]) for r in old["relationships"]}
    new_edges = {tuple(r[:3]) for r in new["relationships"]}
    for key, edges in (("relationships_added", new_edges - old_edges),
                       ("relationships_removed", old_edges - new_edges)):
        out[key] = sorted(({"source_id": int(a), "source": names.get(a), "target_id": int(b),
                            "target": names.get(b), "type": kind} for a, b, kind in edges),
                          key=lambda r: (r["source"] or "", r["target"] or "", r["type"]))
    for key, ids in (("competitors_entered", set(new["competitors"]) - set(old["competitors"])),
                     ("competitors_left", set(old["competitors"]) - set(new["competitors"]))):
        out[key] = [{"competitor_id": int(c), "competitor": (new["competitors"]
                                                             | old["competitors"])[c]}
                    for c in sorted(ids, key=int)]
    old_flags = {_flag_key(f, old["flags"]): f for f in old["flags"]}
    new_flags = {_flag_key(f, new["flags"]): f for f in new["flags"]}
    out["flags_raised"] = [_flag(new_flags[k], names) for k in new_flags if k not in old_flags]
    out["flags_resolved"] = [_flag(old_flags[k], names) for k in old_flags if k not in new_flags]
    for kind in ("joined", "left", "roles", "influence", "attitude", "coverage_gained",
                 "coverage_lost", "competitor_moves"):
        out[kind].sort(key=_order)
    return {**out, "figures": _deltas(old["figures"], new["figures"])}


def _coverage(out: dict, person: dict, was: dict | None, now: dict | None,
              team: dict) -> None:
    old = (was or {}).get("coverage") or {}
    new = (now or {}).get("coverage") or {}
    for member in sorted(set(old) | set(new), key=int):
        a, b = old.get(member) or 0, new.get(member) or 0
        if a == b:
            continue
        item = {**person, "team_member_id": int(member), "team_member": team.get(member),
                "before": old.get(member), "after": new.get(member)}
        out["coverage_gained" if b > a else "coverage_lost"].append(item)


def _competitors(out: dict, person: dict, was: dict | None, now: dict | None,
                 competitors: dict) -> None:
    old = (was or {}).get("competitors") or {}
    new = (now or {}).get("competitors") or {}
    for rival in sorted(set(old) | set(new), key=int):
        if old.get(rival) != new.get(rival):
            out["competitor_moves"].append({
                **person, "competitor_id": int(rival), "competitor": competitors.get(rival),
                "before": old.get(rival), "after": new.get(rival)})


def _flag_key(flag: dict, flags: list[dict]) -> tuple:
    """A flag's identity: code and department, and its people when the code is raised
    several times (one per person); "single-threaded" naming another person is still
    the same flag."""
    alike = sum(1 for f in flags if (f["code"], f.get("department"))
                == (flag["code"], flag.get("department")))
    people = tuple(flag["people"]) if alike > 1 else ()
    return (flag["code"], flag.get("department"), people)


def _flag(flag: dict, names: dict) -> dict:
    return {"code": flag["code"], "severity": flag["severity"], "title": flag["title"],
            "people": [{"stakeholder_id": p, "name": names.get(str(p))} for p in flag["people"]],
            "department": flag.get("department")}


def _deltas(old: dict, new: dict) -> dict:
    out = {}
    for key in new:
        a, b = old.get(key), new.get(key)
        numeric = isinstance(a, int | float) and isinstance(b, int | float)
        out[key] = {"before": a, "after": b,
                    "delta": round(b - a, 6) if numeric else None}
    return out
