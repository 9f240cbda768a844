"""Pure analyses of a power map: one module per capability.

Every function takes the graph of :func:`powermap.graph.build_graph` (and
parameters), never mutates it, never touches SQL, Flask or the terminal, and
returns plain, deterministic data. :func:`analyze` runs them all and returns
the one JSON-serialisable report the web app, the CLI and the exporters share;
its schema is documented in ``docs/analysis.md``.
"""

from __future__ import annotations

import datetime as dt

import networkx as nx

from ._people import shared_reads
from .competition import competitor_coverage
from .expansion import suggest_allies
from .forecast import consensus_forecast, forecast_model
from .grid import influence_attitude_grid
from .ranking import effective_influence, influence_pagerank, rank_stakeholders
from .risks import risk_flags
from .support import support
from .urgency import days_to_bid

__all__ = [
    "SCHEMA_VERSION",
    "analyze",
    "competitor_coverage",
    "consensus_forecast",
    "effective_influence",
    "forecast_model",
    "influence_attitude_grid",
    "influence_pagerank",
    "rank_stakeholders",
    "risk_flags",
    "suggest_allies",
    "support",
]

#: Version of the report layout of :func:`analyze` (keys are only ever added).
SCHEMA_VERSION = 1


def analyze(G: nx.MultiDiGraph, *, today: dt.date | None = None, top: int = 10) -> dict:
    """Run every analysis on one opportunity's graph and return one report.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph of :func:`powermap.graph.build_graph`; not modified.
    today : datetime.date, optional
        The date staleness is measured against (default: the current date).
        Pass it explicitly for reproducible reports.
    top : int
        Number of ally-expansion suggestions to return.

    Returns
    -------
    dict
        JSON-serialisable, keys ``schema_version``, ``opportunity``, ``ranking``,
        ``support``, ``forecast``, ``suggestions``, ``competition``, ``risks`` and
        ``grid`` (see ``docs/analysis.md``).

    Examples
    --------
    >>> from powermap.store import Store
    >>> from powermap.graph import build_graph
    >>> store = Store(":memory:")
    >>> acme = store.create("account", {"name": "Acme"})
    >>> deal = store.create("opportunity", {"account_id": acme["id"], "name": "ERP"})
    >>> report = analyze(build_graph(store, deal["id"]), today=dt.date(2025, 1, 1))
    >>> report["risks"]["health"]
    'red'
    """
    today = today or dt.date.today()
    with shared_reads(G):
        pagerank = influence_pagerank(G)
        influence = effective_influence(G, pagerank=pagerank)
        model = forecast_model(G, influence=influence)
        competition = competitor_coverage(G, influence=influence)
        return {
            "schema_version": SCHEMA_VERSION,
            "opportunity": _opportunity(G, today),
            "ranking": rank_stakeholders(G, pagerank=pagerank),
            "support": support(G, influence=influence),
            "forecast": consensus_forecast(G, model=model),
            "suggestions": suggest_allies(G, top=top, model=model),
            "competition": competition,
            "risks": risk_flags(G, today=today, influence=influence, competition=competition),
            "grid": influence_attitude_grid(G, influence=influence),
        }


def _opportunity(G: nx.MultiDiGraph, today: dt.date) -> dict:
    opportunity = G.graph.get("opportunity") or {}
    account = G.graph.get("account") or {}
    return {
        "id": opportunity.get("id"),
        "name": opportunity.get("name"),
        "account_id": account.get("id"),
        "account_name": account.get("name"),
        "stage": opportunity.get("stage"),
        "value": opportunity.get("value"),
        "currency": opportunity.get("currency"),
        "bid_date": opportunity.get("bid_date"),
        "decision_date": opportunity.get("decision_date"),
        "today": today.isoformat(),
        "days_to_bid": days_to_bid(opportunity.get("bid_date"), today),
        "stakeholders": G.number_of_nodes(),
        "buying_center": sum(1 for _, d in G.nodes(data=True) if d.get("in_buying_center")),
        "placeholders": len(G.graph.get("placeholders") or []),
    }
