"""Build the networkx graph of one opportunity from the store.

This is the only bridge from storage to analysis: every analysis, the map,
the CLI and the exports start from :func:`build_graph`.

Graph layout (a :class:`networkx.MultiDiGraph`):

* ``G.graph``: ``opportunity``, ``account`` (the stored records), ``team``
  (team members by id), ``competitors`` (competitors in play, by id),
  ``placeholders`` (buying-center entries with no person yet), ``actions``,
  ``positions`` (``{stakeholder_id: (x, y)}`` dragged on the network layout and kept,
  :mod:`powermap.positions`).
* One node per stakeholder of the account, keyed by stakeholder id, with the
  stakeholder's fields plus ``in_buying_center``, ``entry_id``, ``roles``,
  ``influence``, ``attitude`` (``None`` = unknown), ``verified_at``,
  ``verified_by``, ``coverage`` (list of our team's relationships:
  ``team_member_id``, ``strength``, ``last_contact``, ``owner``) and
  ``competitors`` (``{competitor_id: {"coverage": c, "preference": p}}``).
  People outside the buying center have ``influence`` and ``attitude`` None.
* One edge per relationship, ``source -> target`` with ``key`` = type and
  attributes ``type``, ``strength``, ``id``, ``directed``, ``version`` (the
  stored relationship's, for editing and deleting it). ``allied`` and
  ``conflict`` are undirected: stored once, ``directed=False``.
"""

from __future__ import annotations

import json

import networkx as nx

from . import vocabulary as v
from .errors import NotFoundError
from .i18n import _, format_date
from .positions import kept_positions
from .store import Store

__all__ = ["build_graph"]


_PERSON = ("id", "name", "title", "department", "level", "email", "interests", "notes",
           "version")
_ENTRY = ("id", "version", "roles", "influence", "attitude", "verified_at", "verified_by")


def _node(person: tuple, entry: tuple) -> dict:
    """Node attributes from a stakeholder row and its (possibly empty) entry row."""
    attrs = dict(zip(_PERSON, person, strict=True))
    in_buying_center = entry[0] is not None
    attrs.update(
        in_buying_center=in_buying_center,
        entry_id=entry[0],
        entry_version=entry[1],
        roles=json.loads(entry[2]) if in_buying_center else [],
        influence=entry[3],
        attitude=entry[4],
        verified_at=entry[5],
        verified_by=entry[6],
        coverage=[],
        competitors={},
    )
    return attrs


def build_graph(store: Store, opportunity_id: int, *, as_of=None) -> nx.MultiDiGraph:
    """Return the power-map graph of one opportunity (see module docstring).

    With ``as_of`` (a date, a datetime or their ISO text), the graph as it
    was at that moment, rebuilt from the change log
    (:func:`powermap.history.asof.past_store`).
    """
    if as_of is not None:
        from .history.asof import parse_moment, past_store

        account_id = store.get("opportunity", opportunity_id)["account_id"]
        with past_store(store, account_id, as_of) as past:
            if not past.db.execute("SELECT 1 FROM opportunities WHERE id = ?",
                                   [opportunity_id]).fetchone():
                raise NotFoundError("opportunity", opportunity_id, _(
                    "the opportunity did not exist yet on %(date)s",
                    date=format_date(parse_moment(as_of))))
            return build_graph(past, opportunity_id)
    opportunity = store.get("opportunity", opportunity_id)
    account = store.get("account", opportunity["account_id"])
    account_id = account["id"]
    G = nx.MultiDiGraph()
    team = {t["id"]: t for t in store.rows("team_member", "account_id = ?", [account_id])}
    competitors = {
        c["id"]: c for c in store.rows(
            "competitor",
            "id IN (SELECT competitor_id FROM opportunity_competitors WHERE opportunity_id = ?)",
            [opportunity_id])
    }
    G.graph.update(
        opportunity=opportunity,
        account=account,
        team=team,
        competitors=competitors,
        placeholders=store.rows("buying_center_entry",
                                "opportunity_id = ? AND stakeholder_id IS NULL",
                                [opportunity_id]),
        actions=store.rows("action", "opportunity_id = ?", [opportunity_id]),
        positions=kept_positions(store, opportunity_id),
    )
    # one query, plain tuples: this runs for every analysis, on maps of thousands of people
    rows = store.db.execute(
        f"SELECT {', '.join('s.' + c for c in _PERSON)}, "
        f"{', '.join('b.' + c for c in _ENTRY)} FROM stakeholders s "
        "LEFT JOIN buying_center b ON b.stakeholder_id = s.id AND b.opportunity_id = ? "
        "WHERE s.account_id = ? ORDER BY s.id", [opportunity_id, account_id])
    split = len(_PERSON)
    _add_nodes(G, ((row[0], _node(row[:split], row[split:])) for row in rows))
    for row in store.db.execute(
        "SELECT c.id, c.team_member_id, c.stakeholder_id, c.strength, c.last_contact, c.owner, "
        "c.version "
        "FROM coverage c JOIN stakeholders s ON s.id = c.stakeholder_id "
        "WHERE s.account_id = ? ORDER BY c.id", [account_id]):
        G.nodes[row[2]]["coverage"].append({
            "id": row[0], "team_member_id": row[1], "strength": row[3],
            "last_contact": row[4], "owner": bool(row[5]), "version": row[6],
        })
    if competitors:
        marks = ", ".join("?" for _ in competitors)
        for row in store.db.execute(
            "SELECT p.competitor_id, p.stakeholder_id, p.coverage, p.preference, p.id, "
            "p.version "
            "FROM competitor_positions p JOIN stakeholders s ON s.id = p.stakeholder_id "
            f"WHERE s.account_id = ? AND p.competitor_id IN ({marks}) ORDER BY p.id",
            [account_id, *competitors]):
            G.nodes[row[1]]["competitors"][row[0]] = {
                "id": row[4], "coverage": row[2], "preference": row[3], "version": row[5]}
    _add_edges(G, (
        (source, target, kind, {"id": rid, "type": kind, "strength": strength,
                                "directed": kind in v.DIRECTED_RELATIONSHIPS,
                                "version": version})
        for rid, source, target, kind, strength, version in store.db.execute(
            "SELECT id, source_id, target_id, type, strength, version FROM relationships "
            "WHERE account_id = ? ORDER BY id", [account_id])))
    return G


# networkx's add_nodes_from / add_edges_from copy every attribute dict and check every
# node again; on a map of 10,000 people that made building the graph 8x the cost of
# fetching its rows. The graph is new and empty and every row comes from the database's
# own keys, so the dicts are put into networkx's documented adjacency structures
# (``_node``, ``_succ``, ``_pred``: the same ones add_* fill) without those checks.


def _add_nodes(G: nx.MultiDiGraph, nodes) -> None:
    """Add ``(node, attributes)`` pairs to the new graph ``G``, keeping each dict as given."""
    node, succ, pred = G._node, G._succ, G._pred
    for key, attrs in nodes:
        node[key] = attrs
        succ[key] = {}
        pred[key] = {}


def _add_edges(G: nx.MultiDiGraph, edges) -> None:
    """Add ``(source, target, key, attributes)`` between nodes ``G`` already holds."""
    succ, pred = G._succ, G._pred
    for source, target, key, attrs in edges:
        keys = succ[source].get(target)
        if keys is None:
            keys = succ[source][target] = {}
            pred[target][source] = keys
        keys[key] = attrs
