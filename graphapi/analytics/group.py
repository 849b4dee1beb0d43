"""Group structure: ultimate parents and the subsidiary tree with effective percentages."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from graph_schema.labels import RelType

MAX_DEPTH = 8


@dataclass(frozen=True)
class GroupEdge:
    parent: str
    child: str
    rel_type: RelType  # OWNS | PARENT_OF
    percent: float | None  # direct share; None for consolidation without a known share


@dataclass(frozen=True)
class GroupMember:
    key: str
    parent: str
    depth: int
    direct_percent: float | None
    effective_percent: float | None  # sum over paths of the product of direct shares


def subsidiary_tree(root: str, edges: list[GroupEdge]) -> list[GroupMember]:
    """Breadth-first tree under `root` (each member once, under its first-found parent);
    effective percent sums every path's product of shares, None when a share is unknown."""
    g = nx.DiGraph()
    for e in edges:
        known = g.get_edge_data(e.parent, e.child)
        # An OWNS share beats a PARENT_OF link without one between the same two companies.
        if known is None or (known["percent"] is None and e.percent is not None):
            g.add_edge(e.parent, e.child, percent=e.percent)
    if root not in g:
        return []
    members: list[GroupMember] = []
    depths = nx.single_source_shortest_path_length(g, root, cutoff=MAX_DEPTH)
    for node, depth in sorted(depths.items(), key=lambda kv: (kv[1], kv[0])):
        if node == root:
            continue
        parent = next(p for p in g.predecessors(node) if depths.get(p) == depth - 1)
        members.append(
            GroupMember(
                key=node,
                parent=parent,
                depth=depth,
                direct_percent=g.edges[parent, node]["percent"],
                effective_percent=_effective(g, root, node),
            )
        )
    return members


def _effective(g: nx.DiGraph, root: str, node: str) -> float | None:
    total = 0.0
    for path in nx.all_simple_paths(g, root, node, cutoff=MAX_DEPTH):
        product = 1.0
        for a, b in zip(path, path[1:], strict=False):
            share = g.edges[a, b]["percent"]
            if share is None:
                return None
            product *= share / 100
        total += product
    return round(min(total, 1.0) * 100, 6)
