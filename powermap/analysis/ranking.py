"""Effective influence: declared influence blended with structural power.

Structural power is PageRank over the *influence flow* graph: a directed edge
``a -> b`` of weight ``s`` means "``a`` listens to ``b``", so rank accumulates
at the people others listen to:

* ``u influences v`` (strength ``s``) gives ``v -> u`` with weight ``s``;
* ``r reports_to m`` (strength ``s``) gives ``r -> m`` with weight ``s``.

``allied`` and ``conflict`` edges carry no authority and are ignored here.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import scipy.sparse as sp

from .. import aliases
from .. import vocabulary as v
from ..i18n import _, ngettext
from ._people import buying_center, join, r6, relationships, role_label

__all__ = ["ALPHA", "influence_pagerank", "effective_influence", "rank_stakeholders"]

#: Weight of declared influence in the blend (the rest is structural power).
ALPHA = 0.7
#: PageRank damping factor.
DAMPING = 0.85


def influence_pagerank(G: nx.MultiDiGraph, *, damping: float = DAMPING) -> dict[int, float]:
    """PageRank of every stakeholder over the influence-flow graph.

    .. math::

        PR = d \\left(PR^\\top P + \\frac{\\sum_{j\\,dangling} PR_j}{n}\\right)
             + \\frac{1 - d}{n}

    with :math:`P` the row-normalised flow weights (the same fixed point as
    :func:`networkx.pagerank`), solved by power iteration on a sparse matrix.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A power-map graph (see :mod:`powermap.graph`).
    damping : float
        PageRank damping factor :math:`d`.

    Returns
    -------
    dict
        ``{stakeholder_id: pagerank}``, summing to 1 (empty for an empty graph).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge(1, 2, type="influences", strength=2)
    >>> pr = influence_pagerank(G)
    >>> pr[1] > pr[2]
    True
    """
    nodes = sorted(G.nodes)
    size = len(nodes)
    if not size:
        return {}
    index = {n: i for i, n in enumerate(nodes)}
    rows, cols, vals = [], [], []
    for u, w, kind, strength in relationships(G):
        if kind == "influences":
            rows.append(index[w]), cols.append(index[u]), vals.append(strength)
        elif kind == "reports_to":
            rows.append(index[u]), cols.append(index[w]), vals.append(strength)
    flow = sp.csr_matrix((vals, (rows, cols)), shape=(size, size), dtype=float)
    out = np.asarray(flow.sum(axis=1)).ravel()
    dangling = out == 0
    P = (sp.diags(np.divide(1.0, out, out=np.zeros(size), where=~dangling)) @ flow).T.tocsr()
    x = np.full(size, 1.0 / size)
    for _iteration in range(1000):
        new = damping * (P @ x + x[dangling].sum() / size) + (1 - damping) / size
        if np.abs(new - x).sum() < size * 1e-12:
            x = new
            break
        x = new
    x /= x.sum()
    return dict(zip(nodes, x.tolist(), strict=True))


def effective_influence(G: nx.MultiDiGraph, *, alpha: float = ALPHA,
                        pagerank: dict[int, float] | None = None) -> dict[int, float]:
    """Effective influence of each buying-center member, in [0, 1].

    .. math::

        e_i = \\alpha \\, \\frac{d_i}{5} + (1 - \\alpha) \\, \\frac{PR_i}{\\max_k PR_k}

    with :math:`d_i` the declared influence (1–5) and :math:`PR` the
    :func:`influence_pagerank` over every stakeholder of the account;
    :math:`\\alpha` = :data:`ALPHA` = 0.7.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A power-map graph.
    alpha : float
        Weight of the declared influence.
    pagerank : dict, optional
        Precomputed :func:`influence_pagerank`.

    Returns
    -------
    dict
        ``{stakeholder_id: e}`` for buying-center members only.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node(1, in_buying_center=True, influence=5)
    >>> effective_influence(G)
    {1: 1.0}
    """
    structural = _structural(G, pagerank)
    return {n: alpha * (G.nodes[n].get("influence") or 0) / 5 + (1 - alpha) * structural[n]
            for n in buying_center(G)}


def rank_stakeholders(G: nx.MultiDiGraph, *, alpha: float = ALPHA,
                      pagerank: dict[int, float] | None = None) -> list[dict]:
    """Buying-center members ranked by :func:`effective_influence`, with reasons.

    Returns
    -------
    list of dict
        Best first (ties by id), each with ``rank``, ``stakeholder_id``, ``name``,
        ``title``, ``department``, ``level``, ``roles``, ``influence``,
        ``attitude``, ``attitude_label``, ``pagerank``, ``structural_power``,
        ``effective_influence`` and ``reasons`` (sentences saying why).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node(1, name="Ann", in_buying_center=True, influence=5, roles=["decision_maker"])
    >>> G.add_node(2, name="Bo", in_buying_center=True, influence=2, roles=["user"])
    >>> [r["name"] for r in rank_stakeholders(G)]
    ['Ann', 'Bo']
    """
    pagerank = influence_pagerank(G) if pagerank is None else pagerank
    structural = _structural(G, pagerank)
    scores = effective_influence(G, alpha=alpha, pagerank=pagerank)
    order = sorted(scores, key=lambda n: (-scores[n], n))
    reports: dict[int, int] = {}
    influenced: dict[int, int] = {}
    for u, w, kind, _strength in relationships(G):
        if kind == "reports_to":
            reports[w] = reports.get(w, 0) + 1
        elif kind == "influences":
            influenced[u] = influenced.get(u, 0) + 1
    ranking = []
    for rank, n in enumerate(order, 1):
        data = G.nodes[n]
        ranking.append({
            "rank": rank,
            "stakeholder_id": n,
            "name": data.get("name"),
            "title": data.get("title"),
            "department": data.get("department"),
            "level": data.get("level"),
            "roles": list(data.get("roles") or []),
            "influence": data.get("influence"),
            "attitude": data.get("attitude"),
            "attitude_label": v.attitude_label(data.get("attitude")),
            "pagerank": r6(pagerank.get(n, 0.0)),
            "structural_power": r6(structural[n]),
            "effective_influence": r6(scores[n]),
            "reasons": _reasons(data, structural[n], reports.get(n, 0), influenced.get(n, 0)),
        })
    return ranking


def _structural(G: nx.MultiDiGraph, pagerank: dict[int, float] | None) -> dict[int, float]:
    pagerank = influence_pagerank(G) if pagerank is None else pagerank
    top = max(pagerank.values(), default=0.0)
    return {n: (pagerank.get(n, 0.0) / top if top > 0 else 0.0) for n in G.nodes}


def _reasons(data: dict, structural: float, reports: int, influenced: int) -> list[str]:
    """Why a person ranks where they do, in the current language."""
    influence = data.get("influence")
    reasons = []
    if influence:
        reasons.append(_("declared influence %(influence)d (%(label)s)", influence=influence,
                         label=aliases.label("influence", influence)))
    roles = [role_label(r) for r in data.get("roles") or ()]
    if roles:
        reasons.append(_("role: %(roles)s", roles=join(roles)))
    if reports:
        reasons.append(ngettext("%(num)d direct report", "%(num)d direct reports", reports))
    if influenced:
        reasons.append(ngettext("influences %(num)d person", "influences %(num)d people",
                                influenced))
    if structural >= 0.5:
        power = f"{structural:.2f}"
        reasons.append(_("structural power %(power)s (PageRank over influence and reporting "
                         "lines)", power=power))
    if data.get("level") in (1, 2):
        reasons.append(_("senior executive (level %(level)d)", level=data["level"]))
    return reasons
