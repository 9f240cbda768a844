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

__all__ = ["UnknownPerson", "apply_what_if", "changes", "risk_changes", "what_if_campaign"]


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
    ``risk_changes`` (``appeared``, ``disappeared``: flags against the map as it is;
    both empty without changes).

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
        if changed else {"appeared": [], "disappeared": []}
    return result


def risk_changes(before: dict, after: dict) -> dict:
    """The flags of ``after`` not in ``before`` (``appeared``) and the other way round
    (``disappeared``); a flag is its code, its people, its department and its title
    (the title names the role of a ``required_role_unfilled``); a flag that only
    changed severity is the same flag.
    """
    def key(flag):
        return (flag["code"], tuple(p["stakeholder_id"] for p in flag["stakeholders"]),
                flag["department"], str(flag["title"]))

    old = {key(f) for f in before["flags"]}
    new = {key(f) for f in after["flags"]}
    return {"appeared": [f for f in after["flags"] if key(f) not in old],
            "disappeared": [f for f in before["flags"] if key(f) not in new]}


def _known(G: nx.MultiDiGraph, n) -> None:
    if n not in G:
        raise UnknownPerson(_("there is no stakeholder #%(id)s on this map", id=n))
