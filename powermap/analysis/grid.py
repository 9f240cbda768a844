"""The influence × attitude grid (stakeholder matrix).

Each buying-center member falls in one quadrant, by effective influence
:math:`e_i` (high when :math:`e_i \\ge` :data:`HIGH_THRESHOLD` = 0.6, e.g. declared
influence 4 with some structural power, or 3 with a lot) and attitude:

============  ==========================  =====================================
quadrant      who                         what to do
============  ==========================  =====================================
leverage      high influence, +1 or +2    use them: references, introductions
convert       high influence, ≤ 0/unknown win them over
neutralise    low influence, −1 or −2     contain low-level blockers (搞定小鬼)
monitor       low influence, ≥ 0/unknown  keep informed
============  ==========================  =====================================
"""

from __future__ import annotations

import networkx as nx

from .. import vocabulary as v
from ._people import r6
from .ranking import effective_influence

__all__ = ["HIGH_THRESHOLD", "QUADRANTS", "quadrant", "influence_attitude_grid"]

HIGH_THRESHOLD = 0.6
QUADRANTS = tuple(v.QUADRANTS)


def quadrant(effective: float, attitude: int | None, *,
             threshold: float = HIGH_THRESHOLD) -> str:
    """The quadrant of one person.

    Examples
    --------
    >>> quadrant(0.8, 1), quadrant(0.8, None), quadrant(0.2, -2), quadrant(0.2, 0)
    ('leverage', 'convert', 'neutralise', 'monitor')
    """
    if effective >= threshold:
        return "leverage" if attitude is not None and attitude >= 1 else "convert"
    return "neutralise" if attitude is not None and attitude <= -1 else "monitor"


def influence_attitude_grid(G: nx.MultiDiGraph, *, influence: dict[int, float] | None = None,
                            threshold: float = HIGH_THRESHOLD) -> dict:
    """Place every buying-center member in the influence × attitude grid.

    Returns
    -------
    dict
        ``threshold``, ``quadrants`` (``{quadrant: [stakeholder ids by effective
        influence, then id]}``) and ``people`` (by id).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node(1, name="Ann", in_buying_center=True, influence=5, attitude=2)
    >>> influence_attitude_grid(G)["quadrants"]["leverage"]
    [1]
    """
    weights = effective_influence(G) if influence is None else influence
    quadrants: dict[str, list[int]] = {q: [] for q in QUADRANTS}
    people = []
    for n in sorted(weights):
        data = G.nodes[n]
        q = quadrant(weights[n], data.get("attitude"), threshold=threshold)
        people.append({"stakeholder_id": n, "name": data.get("name"), "quadrant": q,
                       "influence": data.get("influence"),
                       "effective_influence": r6(weights[n]),
                       "attitude": data.get("attitude"),
                       "high_influence": weights[n] >= threshold})
    for n in sorted(weights, key=lambda n: (-weights[n], n)):
        quadrants[quadrant(weights[n], G.nodes[n].get("attitude"), threshold=threshold)].append(n)
    return {"threshold": threshold, "quadrants": quadrants, "people": people}
