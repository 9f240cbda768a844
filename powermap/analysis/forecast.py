"""Consensus forecast: where attitudes drift as people influence each other.

The Friedkin–Johnsen model. Each stakeholder :math:`i` starts at
:math:`x_{0,i} = a_i / 2 \\in [-1, 1]` (attitude −2..+2; an unknown attitude
starts at the neutral prior 0 and is flagged ``unknown``) and repeatedly mixes
the opinions of the people they listen to with their own starting point:

.. math::

    x \\leftarrow \\Lambda W x + (I - \\Lambda) x_0, \\qquad
    x^* = (I - \\Lambda W)^{-1} (I - \\Lambda) x_0

**Influence weights W** (row :math:`i` = whom :math:`i` listens to), raw
weights then normalised so each non-empty row sums to 1:

* ``u influences v`` (strength ``s``): ``v`` listens to ``u`` with ``s``;
* ``r reports_to m``: ``r`` listens to ``m`` with ``s`` and ``m`` listens to
  ``r`` with ``s / 3`` (managers influence reports strongly, reports their
  manager weakly);
* ``allied`` (mutual): each listens to the other with ``s / 2``;
* ``conflict``: nothing — rivals do not pull each other toward their views.
  (Modelling repulsion would need negative weights, which break the
  guarantee that forecasts stay in [−1, 1]; conflicts are raised as risks.)

**Susceptibility Λ** depends on roles only (never on attitudes, so the
forecast stays linear in :math:`x_0`): the stubbornest role a person holds,
from :data:`SUSCEPTIBILITY` (decision makers 0.3 … users 0.7; people outside
the buying center 0.7), capped at :data:`MAX_SUSCEPTIBILITY` = 0.9. A person
nobody influences has :math:`\\lambda_i = 0` and keeps :math:`x_{0,i}`.

Because :math:`\\lVert \\Lambda W \\rVert_\\infty \\le 0.9`, the Jacobi
iteration above converges geometrically on every map, including maps where
nobody listens to anyone; each :math:`x^*_i` is a convex combination of
starting attitudes, so it stays in [−1, 1].

**Deal forecast** :math:`D = \\sum_i w_i x^*_i` with decision weights
:math:`w_i \\propto e_i \\cdot r_i` over the buying center (:math:`e_i` the
effective influence, :math:`r_i` the largest :data:`ROLE_WEIGHTS` entry of
the person's roles), normalised to sum to 1. Since :math:`D` is linear in
:math:`x_0`, :math:`D = c^\\top x_0` with *leverage*
:math:`c = (I - \\Lambda)(I - \\Lambda W)^{-\\top} w \\ge 0`, found by one
transposed solve; ``unknown_range`` is :math:`D \\mp \\sum_{j\\,unknown} c_j` over the
buying-center members whose attitude is unknown (people outside it have no attitude
anyone could fill in: they keep the prior 0 and are not ``unknown``).
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import scipy.sparse as sp

from ._people import r6, relationships
from .ranking import effective_influence

__all__ = [
    "SUSCEPTIBILITY",
    "MAX_SUSCEPTIBILITY",
    "ROLE_WEIGHTS",
    "ForecastModel",
    "forecast_model",
    "consensus_forecast",
]

#: Susceptibility to others' influence by role (the smallest of a person's roles wins).
SUSCEPTIBILITY: dict[str, float] = {
    "decision_maker": 0.3,
    "approver": 0.4,
    "coach": 0.5,
    "evaluator": 0.6,
    "gatekeeper": 0.6,
    "influencer": 0.6,
    "user": 0.7,
}
#: Susceptibility of people outside the buying center (and members without roles).
DEFAULT_SUSCEPTIBILITY = 0.7
#: Upper bound of any susceptibility: keeps the iteration a contraction.
MAX_SUSCEPTIBILITY = 0.9
#: How much a role counts in the deal forecast (the largest of a person's roles wins).
ROLE_WEIGHTS: dict[str, float] = {"decision_maker": 3.0, "approver": 2.0, "evaluator": 1.5}
#: Raw listening weight per unit of strength: (towards target, towards source).
EDGE_WEIGHTS: dict[str, tuple[float, float]] = {
    "influences": (1.0, 0.0),      # target listens to source
    "reports_to": (1 / 3, 1.0),    # manager listens weakly to report; report listens to manager
    "allied": (0.5, 0.5),
    "conflict": (0.0, 0.0),
}
TOLERANCE = 1e-12
MAX_ITERATIONS = 10_000


@dataclass(frozen=True)
class ForecastModel:
    """The Friedkin–Johnsen system of one map, in stakeholder-id order.

    ``A`` is :math:`\\Lambda W` (sparse CSR), ``lam`` the susceptibilities,
    ``x0`` the starting opinions, ``unknown`` a mask of unknown attitudes and
    ``w`` the normalised decision weights (all zero without a buying center).
    """

    nodes: list[int]
    index: dict[int, int]
    A: sp.csr_matrix
    lam: np.ndarray
    x0: np.ndarray
    unknown: np.ndarray
    w: np.ndarray

    def equilibrium(self, x0: np.ndarray | None = None) -> tuple[np.ndarray, int, bool]:
        """Solve :math:`x = \\Lambda W x + (I-\\Lambda) x_0`.

        Returns ``(x, iterations, converged)``.
        """
        x0 = self.x0 if x0 is None else np.asarray(x0, dtype=float)
        return _jacobi(self.A, (1 - self.lam) * x0, x0)

    def leverage(self) -> np.ndarray:
        """Leverage :math:`c = (I-\\Lambda)(I-\\Lambda W)^{-\\top} w`, i.e. dD/dx0."""
        z, _, _ = _jacobi(self.A.T.tocsr(), self.w, self.w)
        return (1 - self.lam) * z

    def deal(self, x: np.ndarray) -> float | None:
        """Decision-weighted mean :math:`w^\\top x` (``None`` without a buying center)."""
        return float(self.w @ x) if self.w.sum() > 0 else None


def forecast_model(G: nx.MultiDiGraph, *,
                   influence: dict[int, float] | None = None) -> ForecastModel:
    """Build the :class:`ForecastModel` of a power-map graph (see module docstring).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node(1, in_buying_center=True, attitude=2, roles=["user"], influence=3)
    >>> G.add_node(2, in_buying_center=True, attitude=None, roles=["user"], influence=3)
    >>> _ = G.add_edge(1, 2, type="influences", strength=2)
    >>> model = forecast_model(G)
    >>> model.lam.tolist(), model.x0.tolist()
    ([0.0, 0.7], [1.0, 0.0])
    """
    nodes = sorted(G.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    size = len(nodes)
    rows, cols, vals = [], [], []
    for u, v, kind, s in relationships(G):
        to_target, to_source = EDGE_WEIGHTS.get(kind, (0.0, 0.0))
        if to_target:   # v listens to u
            rows.append(index[v]), cols.append(index[u]), vals.append(to_target * s)
        if to_source:   # u listens to v
            rows.append(index[u]), cols.append(index[v]), vals.append(to_source * s)
    raw = sp.csr_matrix((vals, (rows, cols)), shape=(size, size), dtype=float)
    raw.sum_duplicates()
    totals = np.asarray(raw.sum(axis=1)).ravel()
    listens = totals > 0
    inverse = np.divide(1.0, totals, out=np.zeros(size), where=listens)
    lam = np.array([_susceptibility(G.nodes[n]) for n in nodes]) * listens
    A = (sp.diags(lam * inverse) @ raw).tocsr()
    attitudes = [G.nodes[n].get("attitude") for n in nodes]
    x0 = np.array([0.0 if a is None else a / 2 for a in attitudes])
    # only members have an attitude a person could fill in; outsiders keep the prior 0
    unknown = np.array([a is None and bool(G.nodes[n].get("in_buying_center"))
                        for n, a in zip(nodes, attitudes, strict=True)], dtype=bool)
    w = _decision_weights(G, nodes, influence)
    return ForecastModel(nodes, index, A, lam, x0, unknown, w)


def consensus_forecast(G: nx.MultiDiGraph, *, influence: dict[int, float] | None = None,
                       model: ForecastModel | None = None) -> dict:
    """Each person's forecast attitude and the decision-weighted deal forecast.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A power-map graph.
    influence : dict, optional
        Precomputed effective influence (decision weights are built from it).
    model : ForecastModel, optional
        A prebuilt :func:`forecast_model` of ``G``.

    Returns
    -------
    dict
        ``deal``, ``deal_initial``, ``unknown_range`` (``{"low", "high"}``),
        ``converged``, ``iterations`` and ``people``: every stakeholder by id with
        ``initial`` and ``forecast`` on [−1, 1], ``forecast_attitude`` on −2..2,
        ``drift``, ``susceptibility``, ``decision_weight`` and ``leverage``
        (:math:`\\partial D / \\partial x_{0,i}`).

    Examples
    --------
    A champion influencing a neutral user pulls them up by λ = 0.7 of the way:

    >>> G = nx.MultiDiGraph()
    >>> G.add_node(1, name="Ann", in_buying_center=True, attitude=2, roles=["user"], influence=3)
    >>> G.add_node(2, name="Bo", in_buying_center=True, attitude=0, roles=["user"], influence=3)
    >>> _ = G.add_edge(1, 2, type="influences", strength=2)
    >>> [round(p["forecast"], 3) for p in consensus_forecast(G)["people"]]
    [1.0, 0.7]
    """
    model = forecast_model(G, influence=influence) if model is None else model
    x, iterations, converged = model.equilibrium()
    c = model.leverage()
    deal = model.deal(x)
    spread = float(c[model.unknown].sum())
    def rounded(values: np.ndarray) -> list[float]:
        return (np.round(values, 6) + 0.0).tolist()

    columns = zip(model.nodes, rounded(model.x0), rounded(x), rounded(2 * x),
                  rounded(x - model.x0), rounded(model.lam), rounded(model.w), rounded(c),
                  model.unknown.tolist(), strict=True)
    people = []
    for n, initial, final, attitude, drift, lam, weight, lever, unknown in columns:
        data = G.nodes[n]
        people.append({
            "stakeholder_id": n,
            "name": data.get("name"),
            "in_buying_center": bool(data.get("in_buying_center")),
            "attitude": data.get("attitude"),
            "unknown": unknown,
            "initial": initial,
            "forecast": final,
            "forecast_attitude": attitude,
            "drift": drift,
            "susceptibility": lam,
            "decision_weight": weight,
            "leverage": lever,
        })
    return {
        "deal": None if deal is None else r6(deal),
        "deal_initial": None if deal is None else r6(model.deal(model.x0)),
        "unknown_range": None if deal is None else {"low": r6(deal - spread),
                                                    "high": r6(deal + spread)},
        "converged": converged,
        "iterations": iterations,
        "people": people,
    }


def _susceptibility(data: dict) -> float:
    roles = [SUSCEPTIBILITY[r] for r in data.get("roles") or () if r in SUSCEPTIBILITY]
    if not data.get("in_buying_center") or not roles:
        return DEFAULT_SUSCEPTIBILITY
    return min(min(roles), MAX_SUSCEPTIBILITY)


def _decision_weights(G: nx.MultiDiGraph, nodes: list[int],
                      influence: dict[int, float] | None) -> np.ndarray:
    influence = effective_influence(G) if influence is None else influence
    w = np.zeros(len(nodes))
    for i, n in enumerate(nodes):
        if n in influence:
            role = max((ROLE_WEIGHTS.get(r, 1.0) for r in G.nodes[n].get("roles") or ()),
                       default=1.0)
            w[i] = influence[n] * role
    total = w.sum()
    return w / total if total > 0 else w


def _jacobi(A: sp.csr_matrix, b: np.ndarray, start: np.ndarray) -> tuple[np.ndarray, int, bool]:
    """Iterate :math:`x \\leftarrow A x + b` until the largest change is below TOLERANCE."""
    x = np.array(start, dtype=float)
    if A.nnz == 0:
        return b.copy(), 0, True
    for iteration in range(1, MAX_ITERATIONS + 1):
        new = A @ x + b
        if np.max(np.abs(new - x), initial=0.0) <= TOLERANCE:
            return new, iteration, True
        x = new
    return x, MAX_ITERATIONS, False
