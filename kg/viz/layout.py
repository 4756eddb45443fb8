"""Node positions computed in Python, for graphs too big for the browser's physics.

vis-network's physics did not settle a 1,000-node graph in 150 s in headless Chromium, while it
draws 10,000 nodes with given positions and physics off in a few seconds. networkx's
``spring_layout`` is exact but slow beyond a few hundred nodes (5,000 nodes: ~15 s with 15
iterations), so large graphs use :func:`force_layout`: Fruchterman-Reingold with the repulsion
estimated from a random sample of nodes each iteration (O(n * sample) instead of O(n^2)), springs
along the edges and a weak pull to the centre that keeps components together. Deterministic for a
given seed.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

EDGE_LENGTH_PX = 140.0  # median edge length of the result, in vis-network canvas units
EXACT_MAX_NODES = 400  # up to this many nodes use networkx's spring_layout
SAMPLE = 256
ITERATIONS = 80
GRAVITY = 0.02
LEAF_RADIUS_PX = 60.0  # distance of an anchor's first leaf
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def positions(node_ids: list[str], pairs: list[tuple[str, str]], *, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Canvas positions ``{node: (x, y)}`` for the nodes, laid out along the (undirected) ``pairs``."""
    if not node_ids:
        return {}
    index = {n: i for i, n in enumerate(node_ids)}
    edges = np.array(sorted({(min(index[a], index[b]), max(index[a], index[b]))
                             for a, b in pairs if a != b}), dtype=np.int64).reshape(-1, 2)
    if len(node_ids) <= EXACT_MAX_NODES:
        graph = nx.Graph()
        graph.add_nodes_from(range(len(node_ids)))
        graph.add_edges_from(map(tuple, edges))
        layout = nx.spring_layout(graph, seed=seed, iterations=50, method="force")
        xy = np.array([layout[i] for i in range(len(node_ids))], dtype=float)
        xy = _to_canvas(xy, edges)
    else:
        xy = force_layout(len(node_ids), edges, seed=seed)
    return {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in zip(node_ids, xy)}


def force_layout(n: int, edges: np.ndarray, *, seed: int = 7, iterations: int = ITERATIONS,
                 sample: int = SAMPLE) -> np.ndarray:
    """An ``(n, 2)`` array of canvas positions for ``n`` nodes and ``(m, 2)`` edges.

    Leaves (nodes with one neighbour, which has others) are left out of the simulation and put
    in a disc around their neighbour afterwards; a node's repulsion grows with its leaves."""
    rng = np.random.default_rng(seed)
    degree = np.bincount(edges.ravel(), minlength=n) if len(edges) else np.zeros(n, dtype=np.int64)
    leaf_edge = (degree[edges[:, 0]] == 1) ^ (degree[edges[:, 1]] == 1) if len(edges) else np.zeros(0, bool)
    leaves = np.where(degree[edges[leaf_edge, 0]] == 1, edges[leaf_edge, 0], edges[leaf_edge, 1])
    anchors = np.where(degree[edges[leaf_edge, 0]] == 1, edges[leaf_edge, 1], edges[leaf_edge, 0])
    core = np.setdiff1d(np.arange(n), leaves)
    mass = 1.0 + np.bincount(anchors, minlength=n).astype(np.float32)
    local = np.full(n, -1, dtype=np.int64)
    local[core] = np.arange(len(core))
    core_edges = edges[~leaf_edge]
    pos = np.zeros((n, 2), dtype=np.float32)
    core_edges = local[core_edges]
    pos[core] = _to_canvas(_simulate(core_edges, mass[core], rng, iterations, sample), core_edges)
    _place_leaves(pos, leaves, anchors)
    return pos


def _simulate(edges: np.ndarray, mass: np.ndarray, rng: np.random.Generator, iterations: int,
              sample: int) -> np.ndarray:
    n = len(mass)
    radius = math.sqrt(float(mass.sum()))
    pos = rng.uniform(-radius, radius, size=(n, 2)).astype(np.float32)
    temperature = radius / 4
    cooling = temperature / (iterations + 1)
    u, v = edges[:, 0], edges[:, 1]
    for _ in range(iterations):
        disp = _repulsion(pos, mass, rng, sample)
        if len(u):
            diff = pos[u] - pos[v]
            pull = diff * np.sqrt((diff * diff).sum(axis=1, keepdims=True))  # |d|^2 along d (k = 1)
            for k in (0, 1):
                disp[:, k] += np.bincount(v, pull[:, k], n) - np.bincount(u, pull[:, k], n)
        disp -= GRAVITY * mass[:, None] * pos * np.sqrt((pos * pos).sum(axis=1, keepdims=True)) / radius
        length = np.maximum(np.sqrt((disp * disp).sum(axis=1, keepdims=True)), 1e-9)
        pos += (disp / length * np.minimum(length, temperature)).astype(np.float32)
        temperature -= cooling
    return pos


def _repulsion(pos: np.ndarray, mass: np.ndarray, rng: np.random.Generator, sample: int) -> np.ndarray:
    """m_i m_j k^2 / d along each pair, summed over a random sample of nodes, scaled up to all."""
    n = len(pos)
    others = np.arange(n) if n <= sample else rng.choice(n, size=sample, replace=False)
    dx = pos[:, 0, None] - pos[None, others, 0]
    dy = pos[:, 1, None] - pos[None, others, 1]
    dist2 = dx * dx + dy * dy
    weight = np.where(dist2 > 0, mass[None, others] / np.maximum(dist2, 1e-4), 0)
    scale = mass * (mass.sum() / mass[others].sum())
    return np.stack([(dx * weight).sum(axis=1), (dy * weight).sum(axis=1)], axis=1) * scale[:, None]


def _place_leaves(pos: np.ndarray, leaves: np.ndarray, anchors: np.ndarray) -> None:
    """Each anchor's leaves on a sunflower spiral around it, the first ones closest."""
    order = np.lexsort((leaves, anchors))
    leaves, anchors = leaves[order], anchors[order]
    starts = np.searchsorted(anchors, anchors)  # index of each anchor's first leaf
    rank = np.arange(len(leaves)) - starts
    radius = LEAF_RADIUS_PX * (1 + 0.4 * np.sqrt(rank))
    angle = rank * GOLDEN_ANGLE + anchors  # a different start per anchor
    pos[leaves, 0] = pos[anchors, 0] + radius * np.cos(angle)
    pos[leaves, 1] = pos[anchors, 1] + radius * np.sin(angle)


def _to_canvas(xy: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Centre ``xy`` and scale it so that the median edge is ``EDGE_LENGTH_PX`` long."""
    xy = xy - xy.mean(axis=0)
    if len(edges):
        lengths = np.linalg.norm(xy[edges[:, 0]] - xy[edges[:, 1]], axis=1)
        unit = float(np.median(lengths))
    else:
        unit = float(np.abs(xy).max()) / max(math.sqrt(len(xy)), 1.0)
    return xy * (EDGE_LENGTH_PX / unit if unit > 0 else 1.0)
