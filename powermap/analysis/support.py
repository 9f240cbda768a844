"""Support: the influence-weighted make-up of the buying center (支持面)."""

from __future__ import annotations

import networkx as nx

from .. import vocabulary as v
from ._people import r6, stance
from .ranking import effective_influence

__all__ = ["STANCES", "support"]

#: The four stances, in report order.
STANCES = tuple(v.STANCES)


def support(G: nx.MultiDiGraph, *, influence: dict[int, float] | None = None) -> dict:
    """Influence-weighted shares of each stance and the net support index.

    With weights :math:`e_i` (:func:`~powermap.analysis.ranking.effective_influence`)
    over buying-center members and attitudes :math:`a_i \\in \\{-2..2\\}`:

    .. math::

        \\text{share}_s = \\frac{\\sum_{i: stance(i)=s} e_i}{\\sum_i e_i}, \\qquad
        \\text{net} = \\frac{\\sum_i e_i \\, a_i / 2}{\\sum_i e_i} \\in [-1, 1]

    where an unknown attitude counts as 0 in ``net_support`` (it is reported
    separately as the ``unknown`` share); ``net_support_known`` divides by the
    weight of the known attitudes only. Supporter = +1 or +2, neutral = 0,
    opponent = -1 or -2. Raising anyone's attitude never lowers ``net_support``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A power-map graph.
    influence : dict, optional
        Precomputed weights ``{stakeholder_id: e}``.

    Returns
    -------
    dict
        ``net_support``, ``net_support_known`` (``None`` without people),
        ``total_weight``, ``shares``, ``counts`` and ``people`` (by weight, then id).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node(1, in_buying_center=True, attitude=2)
    >>> G.add_node(2, in_buying_center=True, attitude=None)
    >>> support(G, influence={1: 0.75, 2: 0.25})["net_support"]
    0.75
    """
    weights = effective_influence(G) if influence is None else influence
    total = sum(weights.values())
    shares = dict.fromkeys(STANCES, 0.0)
    counts = dict.fromkeys(STANCES, 0)
    weighted = known = 0.0
    people = []
    for n in sorted(weights, key=lambda n: (-weights[n], n)):
        attitude = G.nodes[n].get("attitude")
        s = stance(attitude)
        shares[s] += weights[n]
        counts[s] += 1
        if attitude is not None:
            weighted += weights[n] * attitude / 2
            known += weights[n]
        people.append({"stakeholder_id": n, "name": G.nodes[n].get("name"),
                       "attitude": attitude, "stance": s, "weight": r6(weights[n])})
    return {
        "net_support": r6(weighted / total) if total > 0 else None,
        "net_support_known": r6(weighted / known) if known > 0 else None,
        "total_weight": r6(total),
        "shares": {s: (r6(w / total) if total > 0 else 0.0) for s, w in shares.items()},
        "counts": counts,
        "people": people,
    }
