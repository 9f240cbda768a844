"""The network layout: linked people close, nobody on anybody, sized by each node's box.

Pivot MDS (Brandes & Pich 2006) gives the shape, refined by stress
majorization (SMACOF) on components small enough to read at a glance; then, in
box units (x / box width, y / box height), crowded people are pushed apart and
snapped to free cells; each component is turned so that
its long side lies horizontal, like the screen. Components are packed left to
right, isolated people in a grid below, and a last pass
(:func:`~powermap.layout.boxes.clear_overlaps`) moves anyone still on
somebody else to the nearest free spot, so no two boxes overlap. Deterministic (no randomness; ties
broken by node order), never modifies ``G``.

This module is one idea (placing a graph without overlaps) in several numeric
steps; it stays a little over 300 lines so the steps can be read in order.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Mapping
from typing import Any

import networkx as nx
import numpy as np

from ._graph import edge_list, node_order
from .boxes import DEFAULT_BOX, GAP_X, ROW_GAP, Box, clear_overlaps, grid_positions

__all__ = ["network_positions"]

_SMALL = 150  # components up to this size get stress majorization (O(n²) memory)
_EDGE_BOXES = 1.1  # target network edge length, in box diagonals


def network_positions(G: nx.MultiDiGraph, boxes: Mapping[Any, Box] | None = None, *,
                      pivots: int = 40, links: list | None = None,
                      ) -> dict[Any, tuple[float, float]]:
    """Network positions ``{node: (x, y)}``: linked people close, nobody on anybody.

    Parameters
    ----------
    G : the graph; every edge counts as a link, whatever its type or direction.
    boxes : ``{node: (width, above, below)}`` footprints (:func:`~powermap.layout.boxes.node_box`);
        :data:`DEFAULT_BOX` for anyone missing. Spacing is in units of the
        median box, so bigger labels get more room.
    pivots : pivots of the pivot MDS (more: closer to a full stress layout, slower).
    links : ``G``'s edges as ``(u, v, key, data)`` when the caller already has them.

    Runs in O(pivots · (n + m)) plus O(s²) per component of s ≤ 150 people
    (stress majorization) and a k-d tree per overlap-removal round.

    Examples
    --------
    >>> pos = network_positions(nx.path_graph(4))
    >>> sorted(pos) == [0, 1, 2, 3] and pos == network_positions(nx.path_graph(4))
    True
    """
    boxes = boxes or {}
    nodes = sorted(G, key=node_order)
    index = {n: i for i, n in enumerate(nodes)}
    adjacency: list[set[int]] = [set() for _ in nodes]
    for u, w, *_ in (edge_list(G) if links is None else links):
        if u != w:
            adjacency[index[u]].add(index[w])
            adjacency[index[w]].add(index[u])
    sized = np.array([boxes.get(n, DEFAULT_BOX) for n in nodes]).reshape(-1, 3)
    unit = (np.array([np.median(sized[:, 0]) + GAP_X,
                      np.median(sized[:, 1] + sized[:, 2]) + ROW_GAP])
            if len(nodes) else np.ones(2))
    components, isolated = _components(adjacency)

    xy = np.zeros((len(nodes), 2))
    left, bottom = 0.0, 0.0
    for comp in components:
        coords = _pivot_mds(comp, adjacency, pivots)  # unit median edge length
        if len(comp) <= _SMALL:
            coords = _stress(comp, adjacency, coords)
        coords = _landscape(coords)
        # edge length ≈ _EDGE_BOXES box diagonals; work in box units from here on
        coords = coords * _EDGE_BOXES * math.hypot(*unit) / unit
        if len(comp) <= _SMALL:
            coords = _separate_boxes(_remove_overlaps(coords, snap=1.0) * unit, sized[comp])
        else:
            coords = _remove_overlaps(coords, snap=0.6) * unit
        coords -= coords.min(axis=0)
        xy[comp] = coords + [left, 0.0]
        span = coords.max(axis=0)
        left += span[0] + 2 * unit[0]
        bottom = max(bottom, span[1])
    if isolated:
        grid: dict[Any, tuple[float, float]] = {}
        grid_positions(isolated, lambda i: tuple(sized[i]), left=0.0,
              top=bottom + 2 * unit[1] if components else 0.0, out=grid)
        for i, p in grid.items():
            xy[i] = p
    xy = clear_overlaps(xy, sized)  # what the numeric steps left crowded
    return {n: (float(xy[i, 0]), float(xy[i, 1])) for i, n in enumerate(nodes)}


def _components(adjacency: list[set[int]]) -> tuple[list[list[int]], list[int]]:
    """Connected components (largest first) and isolated people, as node indices."""
    components, isolated = [], []
    seen = [False] * len(adjacency)
    for i in range(len(adjacency)):
        if seen[i]:
            continue
        seen[i] = True
        if not adjacency[i]:
            isolated.append(i)
            continue
        comp, queue = [], deque([i])
        while queue:
            j = queue.popleft()
            comp.append(j)
            for k in adjacency[j]:
                if not seen[k]:
                    seen[k] = True
                    queue.append(k)
        components.append(sorted(comp))
    components.sort(key=lambda c: (-len(c), c[0]))
    return components, isolated


def _local_links(comp: list[int], adjacency: list[set[int]]):
    from scipy.sparse import csr_array

    local = {g: i for i, g in enumerate(comp)}
    src = [local[g] for g in comp for h in adjacency[g]]
    dst = [local[h] for g in comp for h in adjacency[g]]
    n = len(comp)
    return local, np.array(src, dtype=int), np.array(dst, dtype=int), \
        csr_array((np.ones(len(src)), (src, dst)), shape=(n, n))


def _pivot_mds(comp: list[int], adjacency: list[set[int]], pivots: int) -> np.ndarray:
    """Pivot MDS of one connected component, scaled to a median edge length of 1."""
    n = len(comp)
    if n == 1:
        return np.zeros((1, 2))
    if n == 2:
        return np.array([[0.0, 0.0], [1.0, 0.0]])
    from scipy.sparse.csgraph import shortest_path

    local, src, dst, links = _local_links(comp, adjacency)
    pivot = local[max(comp, key=lambda g: (len(adjacency[g]), -g))]
    columns = []
    nearest = np.full(n, np.inf)
    for _ in range(min(pivots, n)):
        dist = shortest_path(links, method="D", unweighted=True, indices=pivot)  # C-speed BFS
        columns.append(dist)
        nearest = np.minimum(nearest, dist)
        pivot = int(np.argmax(nearest))  # max-min: farthest from all pivots so far
        if nearest[pivot] == 0:
            break
    D = np.stack(columns, axis=1) ** 2
    C = -0.5 * (D - D.mean(axis=0) - D.mean(axis=1, keepdims=True) + D.mean())
    # top right-singular vectors of C from its small k×k Gram matrix (a full SVD of the
    # n×k matrix is slower and, on a busy machine, at the mercy of BLAS threads)
    values, vectors = np.linalg.eigh(C.T @ C)
    coords = C @ vectors[:, ::-1][:, :2]
    if coords.shape[1] < 2:
        coords = np.hstack([coords, np.zeros((n, 2 - coords.shape[1]))])
    _fix_signs(coords)
    lengths = np.linalg.norm(coords[src] - coords[dst], axis=1)
    scale = float(np.median(lengths)) if len(lengths) else 0.0
    if scale > 0:
        coords /= scale
    # people at the same distances from every pivot coincide: fan them out deterministically
    golden = np.arange(n) * 2.399963
    coords += 0.35 * np.stack([np.cos(golden), np.sin(golden)], axis=1) \
        * np.sqrt((np.arange(n) % 7 + 1) / 7)[:, None]
    return coords


def _stress(comp: list[int], adjacency: list[set[int]], start: np.ndarray,
            iterations: int = 80) -> np.ndarray:
    """Stress majorization (Gansner, Koren & North 2004) from ``start``, in hop units.

    Minimises Σ d_ij⁻² (‖x_i − x_j‖ − d_ij)² over graph distances d_ij by
    repeated Guttman transforms, so linked people end about one unit apart
    and the layout uses its area evenly.
    """
    n = len(comp)
    if n < 3:
        return start
    from scipy.sparse.csgraph import shortest_path

    _, _, _, links = _local_links(comp, adjacency)
    D = shortest_path(links, method="D", unweighted=True)
    np.fill_diagonal(D, 1.0)
    W = D ** -2.0
    np.fill_diagonal(W, 0.0)
    V = np.diag(W.sum(axis=1)) - W
    V_plus = np.linalg.pinv(V + 1.0 / n) - 1.0 / n  # V is singular along the all-ones vector
    X = start - start.mean(axis=0)
    WD = W * D
    for _ in range(iterations):
        dist = np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2))
        np.fill_diagonal(dist, 1.0)
        B = -WD / np.maximum(dist, 1e-9)
        np.fill_diagonal(B, 0.0)
        np.fill_diagonal(B, -B.sum(axis=1))
        moved = V_plus @ (B @ X)
        if np.abs(moved - X).max() < 1e-4:
            X = moved
            break
        X = moved
    return X


def _landscape(coords: np.ndarray) -> np.ndarray:
    """Turn a layout so its long side lies along x (principal axes), signs fixed."""
    if len(coords) < 2:
        return coords
    centred = coords - coords.mean(axis=0)
    _, vectors = np.linalg.eigh(centred.T @ centred)
    turned = centred @ vectors[:, ::-1]
    _fix_signs(turned)
    return turned


def _fix_signs(coords: np.ndarray) -> None:
    """Make the largest coordinate of each axis positive (eigenvectors have no sign)."""
    for axis in range(coords.shape[1]):
        col = coords[:, axis]
        if col[int(np.argmax(np.abs(col)))] < 0:
            coords[:, axis] = -col


def _remove_overlaps(xy: np.ndarray, *, snap: float, rounds: int = 10) -> np.ndarray:
    """Push apart people closer than one unit (k-d tree pairs), then snap to free cells.

    Coordinates are in box units, so a unit disc is a box-shaped ellipse on screen.
    """
    from scipy.spatial import cKDTree

    n = len(xy)
    xy = xy - np.median(xy, axis=0)
    if n > 200:
        xy = _even_out(xy)
    else:  # first give everyone room: about 2 unit squares per person
        span = np.ptp(xy, axis=0) + 1.0
        spread = math.sqrt(n * 2 / float(span[0] * span[1]))
        if spread > 1:
            xy *= spread
    for _ in range(rounds if n <= 2000 else rounds // 3):
        pairs = cKDTree(xy).query_pairs(1.0, output_type="ndarray")
        if not len(pairs):
            break
        delta = xy[pairs[:, 0]] - xy[pairs[:, 1]]
        dist = np.sqrt((delta ** 2).sum(axis=1))
        dist[dist == 0] = 1e-3
        push = ((1.0 - dist) / 2 / dist)[:, None] * delta
        move = np.empty_like(xy)
        for axis in range(2):
            move[:, axis] = (np.bincount(pairs[:, 0], push[:, axis], n)
                             - np.bincount(pairs[:, 1], push[:, axis], n))
        xy += np.clip(move, -1.0, 1.0)
    return _snap_to_free_cells(xy, snap)


def _separate_boxes(xy: np.ndarray, boxes: np.ndarray, rounds: int = 40) -> np.ndarray:
    """Push apart boxes (shape plus label) that still overlap, each pair along its shallower axis.

    O(s²) per round: for the small components it is given, where a big node
    (a decision maker drawn large) needs more room than the median box.
    """
    xy = xy.copy()
    half = boxes[:, 0] / 2 + GAP_X / 2
    above, below = boxes[:, 1] + ROW_GAP / 2, boxes[:, 2] + ROW_GAP / 2
    upper = np.triu(np.ones((len(xy), len(xy)), dtype=bool), 1)
    for _ in range(rounds):
        dx = xy[:, None, 0] - xy[None, :, 0]
        dy = xy[:, None, 1] - xy[None, :, 1]
        over_x = half[:, None] + half[None, :] - np.abs(dx)
        # i below j: i's top meets j's bottom; i above j: i's bottom meets j's top
        over_y = np.where(dy >= 0, above[:, None] + below[None, :],
                          below[:, None] + above[None, :]) - np.abs(dy)
        clash = upper & (over_x > 0) & (over_y > 0)
        if not clash.any():
            break
        i, j = np.nonzero(clash)
        along_x = over_x[i, j] * 0.6 < over_y[i, j]  # labels are wide: prefer sideways
        push = np.zeros((len(i), 2))
        push[along_x, 0] = np.where(dx[i, j] >= 0, 1, -1)[along_x] * over_x[i, j][along_x] / 2
        push[~along_x, 1] = np.where(dy[i, j] >= 0, 1, -1)[~along_x] * over_y[i, j][~along_x] / 2
        move = np.zeros_like(xy)
        np.add.at(move, i, push)
        np.add.at(move, j, -push)
        xy += move * 0.6
    return xy


def _even_out(xy: np.ndarray) -> np.ndarray:
    """Keep each person's direction from the centre, give radii by rank: a disc of even density.

    Pivot MDS packs the core of a large org into a small area and lets a few
    outliers set the scale; ranking the radii (r' = R·sqrt((rank + ½)/n), R so
    that everyone has two unit squares) keeps who is central and which side
    each group is on, at a readable density.
    """
    n = len(xy)
    radius = np.hypot(xy[:, 0], xy[:, 1])
    ranks = np.empty(n)
    ranks[np.argsort(radius, kind="stable")] = np.arange(n)
    outer = math.sqrt(n * 2 / math.pi)
    golden = np.arange(n) * 2.399963
    direction = np.where(radius[:, None] > 1e-9, xy / np.maximum(radius, 1e-9)[:, None],
                         np.stack([np.cos(golden), np.sin(golden)], axis=1))
    return direction * (outer * np.sqrt((ranks + 0.5) / n))[:, None]


def _snap_to_free_cells(xy: np.ndarray, cell: float) -> np.ndarray:
    """Put each node in its own grid cell (the nearest free one): no two closer than ``cell``.

    Pushing apart converges slowly where many people crowd; snapping finishes
    the job in O(n) on average, people taken in a fixed order.
    """
    taken: set[tuple[int, int]] = set()
    out = np.empty_like(xy)
    for i, (x, y) in enumerate(xy / cell):
        cx, cy = round(x), round(y)
        ring = 0
        while True:
            free = [(cx + dx, cy + dy) for dx in range(-ring, ring + 1)
                    for dy in range(-ring, ring + 1)
                    if max(abs(dx), abs(dy)) == ring and (cx + dx, cy + dy) not in taken]
            if free:
                best = min(free, key=lambda c: ((c[0] - x) ** 2 + (c[1] - y) ** 2, c))
                break
            ring += 1
        taken.add(best)
        out[i] = best
    return out * cell
