"""What-if: the map as it would be if people left, changed their minds or joined.

:func:`apply_what_if` returns a changed **copy** of a power-map graph (nothing is
saved) so the forecast, the risk flags and the campaign can be recomputed on it:

* ``leaves``: stakeholder ids removed with their relationships;
* ``flips``: ``{id: attitude}`` new attitudes (−2..+2) (outside the buying center
  an attitude only moves the forecast through the people who listen to them);
* ``joins``: new buying-center members ``{"name", "role", "attitude",
  "influence", "reports_to"}`` (the last optional: an existing person they report
  to). They get negative ids (−1, −2, …) so they never meet a stored id, no
  relationship with our team, and the level of nobody (unknown).

Unknown ids raise :class:`UnknownPerson`, out-of-range values :class:`ValueError`,
with a sentence in the current language.

:func:`what_if_campaign` is the one answer the API and ``powermap plan`` give: the
campaign on the changed map, the changes as sentences, and the risk flags and
health of the changed map (computed by :func:`~powermap.analysis.risks.risk_flags`,
the function :func:`powermap.analysis.analyze` reports them with) with the flags
that appear or disappear against the map as it is.
"""

from __future__ import annotations

import copy
import datetime as dt

import networkx as nx

from .. import vocabulary as v
from ..i18n import _

__all__ = ["UnknownPerson", "apply_what_if", "changes", "risk_change_lines", "risk_changes",
           "what_if_campaign"]


class UnknownPerson(ValueError):
    """A what-if names a stakeholder who is not on the map."""


def apply_what_if(G: nx.MultiDiGraph, *, leaves=(), flips=None, joins=()) -> nx.MultiDiGraph:
    """A copy of ``G`` with the changes applied (see the module docstring).

    >>> G = nx.MultiDiGraph(team={})
    >>> G.add_node(1, name="Ann", in_buying_center=True, attitude=0, roles=["user"])
    >>> H = apply_what_if(G, flips={1: 2}, joins=[{"name": "Bo", "role": "evaluator"}])
    >>> H.nodes[1]["attitude"], H.nodes[-1]["name"], G.nodes[1]["attitude"]
    (2, 'Bo', 0)
    """
    H = copy.deepcopy(G)
    for n in leaves:
        _known(H, n)
        H.remove_node(n)
    for n, attitude in (flips or {}).items():
        _known(H, n)
        if attitude not in v.ATTITUDE:
            raise ValueError(_("the attitude must be a whole number from -2 to 2"))
        H.nodes[n]["attitude"] = attitude
    for number, person in enumerate(joins, 1):
        role = person.get("role") or "user"
        if role not in v.ROLES:
            raise ValueError(_("unknown role %(role)s", role=role))
        attitude = person.get("attitude")
        if attitude is not None and attitude not in v.ATTITUDE:
            raise ValueError(_("the attitude must be a whole number from -2 to 2"))
        n = -number
        H.add_node(n, id=n, name=person.get("name") or "?", title=None, department=None,
                   level=None, email=None, interests=None, notes=None, version=0,
                   in_buying_center=True, entry_id=None, entry_version=0, roles=[role],
                   influence=int(person.get("influence") or 3), attitude=attitude,
                   verified_at=None, verified_by=None, coverage=[], competitors={})
        boss = person.get("reports_to")
        if boss is not None:
            _known(H, boss)
            H.add_edge(n, boss, key="reports_to", id=None, type="reports_to", strength=2,
                       directed=True)
    return H


def changes(G: nx.MultiDiGraph, *, leaves=(), flips=None, joins=()) -> list[str]:
    """The changes as sentences, for the page and the report (names from ``G``)."""
    out = [_("%(person)s leaves.", person=G.nodes[n].get("name")) for n in leaves if n in G]
    out += [_("%(person)s becomes %(attitude)s.", person=G.nodes[n].get("name"),
              attitude=v.attitude_label(a)) for n, a in (flips or {}).items() if n in G]
    out += [_("%(person)s joins the buying center.", person=p.get("name") or "?")
            for p in joins]
    return out


def what_if_campaign(G: nx.MultiDiGraph, *, today: dt.date, until: object = None,
                     capacity: int | None = None, leaves=(), flips=None, joins=()) -> dict:
    """The campaign of :func:`~.campaign.plan_campaign` on the changed map, plus
    ``what_if`` (the changes as sentences), ``risks`` (``health``, ``counts``,
    ``flags`` of the changed map, and ``health_label`` in the current language) and
    ``risk_changes`` (``appeared``, ``disappeared``, ``changed``: flags against the
    map as it is, see :func:`risk_changes`; all empty without changes; each changed
    flag carries its sentence as ``text``).

    Raises :class:`UnknownPerson` or :class:`ValueError` as :func:`apply_what_if`.
    """
    from .campaign import plan_campaign
    from .campaign_model import DEFAULT_CAPACITY
    from .risks import risk_flags

    H = apply_what_if(G, leaves=leaves, flips=flips, joins=joins)
    result = plan_campaign(H, today=today, until=until, capacity=capacity or DEFAULT_CAPACITY)
    result["what_if"] = changes(G, leaves=leaves, flips=flips, joins=joins)
    result["risks"] = risk_flags(H, today=today)
    result["risks"]["health_label"] = str(v.HEALTHS[result["risks"]["health"]])
    changed = bool(leaves or flips or joins)
    result["risk_changes"] = risk_changes(risk_flags(G, today=today), result["risks"]) \
        if changed else {"appeared": [], "disappeared": [], "changed": []}
    for flag in result["risk_changes"]["changed"]:
        flag["text"] = risk_change_lines({"changed": [flag]})[0]
    return result


def risk_changes(before: dict, after: dict) -> dict:
    """How the flags of ``after`` differ from those of ``before``.

    A flag is its code, its department and its title (the title names the role of
    a ``required_role_unfilled``); one that only changed severity is the same flag.
    ``appeared`` and ``disappeared`` hold the flags found on one side only;
    ``changed`` holds a flag found once on each side whose people differ, as the
    flag of ``after`` with ``added`` and ``removed`` (the people, as in the flag).
    A flag found more than once on a side is matched by its people as well.
    """
    def kind(flag):
        return flag["code"], flag["department"], str(flag["title"])

    def people(flag):
        return tuple(p["stakeholder_id"] for p in flag["stakeholders"])

    def counted(flags):
        counts: dict = {}
        for f in flags:
            counts[kind(f)] = counts.get(kind(f), 0) + 1
        return counts

    old_counts, new_counts = counted(before["flags"]), counted(after["flags"])
    single = {k for k in old_counts if old_counts[k] == 1 and new_counts.get(k) == 1}
    old = {(kind(f), people(f)) for f in before["flags"]}
    new = {(kind(f), people(f)) for f in after["flags"]}
    earlier = {kind(f): f for f in before["flags"] if kind(f) in single}
    changed = []
    for f in after["flags"]:
        if kind(f) in single and (kind(f), people(f)) not in old:
            was = {p["stakeholder_id"] for p in earlier[kind(f)]["stakeholders"]}
            now = {p["stakeholder_id"] for p in f["stakeholders"]}
            changed.append({**f, "added": [p for p in f["stakeholders"]
                                           if p["stakeholder_id"] not in was],
                            "removed": [p for p in earlier[kind(f)]["stakeholders"]
                                        if p["stakeholder_id"] not in now]})
    return {"appeared": [f for f in after["flags"]
                         if kind(f) not in single and (kind(f), people(f)) not in old],
            "disappeared": [f for f in before["flags"]
                            if kind(f) not in single and (kind(f), people(f)) not in new],
            "changed": changed}


def risk_change_lines(changes: dict) -> list[str]:
    """:func:`risk_changes` as sentences in the current language, one per flag."""
    from ._people import join

    def names(people):
        return join(p.get("name") or "?" for p in people)

    lines = [_("New risk: %(title)s", title=f["title"]) for f in changes.get("appeared", [])]
    lines += [_("No longer a risk: %(title)s", title=f["title"])
              for f in changes.get("disappeared", [])]
    for f in changes.get("changed", []):
        if f["added"] and f["removed"]:
            lines.append(_("Risk changed: %(title)s; now also %(added)s, no longer "
                           "%(removed)s.", title=f["title"], added=names(f["added"]),
                           removed=names(f["removed"])))
        elif f["added"]:
            lines.append(_("Risk changed: %(title)s; now also %(added)s.", title=f["title"],
                           added=names(f["added"])))
        else:
            lines.append(_("Risk changed: %(title)s; no longer %(removed)s.",
                           title=f["title"], removed=names(f["removed"])))
    return lines


def _known(G: nx.MultiDiGraph, n) -> None:
    if n not in G:
        raise UnknownPerson(_("there is no stakeholder #%(id)s on this map", id=n))
