"""Evidence for the ownership maths: explanatory paths and the circular-ownership report.

Paths are for people to read: a bounded number of simple paths per person (cut off at the
depth cap). They never feed the numbers, which come from the matrix solve in graph.py.
"""

from __future__ import annotations

import math
from datetime import date
from itertools import islice

import networkx as nx
from pydantic import BaseModel, ConfigDict

from graph_schema.labels import RelType
from graphapi.analytics.model import SourceRef, interval_label
from graphapi.analytics.ubo.graph import OwnershipGraph


class Hop(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    src: str
    dst: str
    rel_type: RelType  # OWNS | DECLARED_BO_OF (a register's declaration as the stake) | CONTROLS
    share: str | None = None  # "60.00 %", "(50.00, 75.00] %"
    share_lo: float | None = None  # percent
    share_hi: float | None = None
    control: bool = False  # this hop is a control edge (> 50 % or control interest)
    start: date | None = None
    end: date | None = None
    ref: SourceRef = SourceRef()


class OwnershipPath(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    hops: tuple[Hop, ...]
    product_lo: float  # percent: product of the lower bounds along this path
    product_hi: float

    @property
    def nodes(self) -> tuple[str, ...]:
        return (self.hops[0].src, *(h.dst for h in self.hops)) if self.hops else ()


class Circularity(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    components: tuple[tuple[str, ...], ...]  # strongly connected components of size >= 2
    cycle_paths: tuple[OwnershipPath, ...]  # one closed path per component, with shares
    self_holdings: tuple[str, ...]  # entities holding their own shares (treasury), separate
    target_self_ownership: float  # percent: (A (I - A)^-1)[t, t] from the lower matrix
    target_self_ownership_hi: float  # same from the upper matrix
    target_first_return: float  # percent: share of t that flows back to t once (1 - 1/N[t,t])
    outside_controlled: bool  # an owner outside a cycle controls a member (intra-group)
    outside_owners_unknown: bool  # a cycle has no holder outside it

    @property
    def found(self) -> bool:
        return bool(self.components)


def hop(graph: OwnershipGraph, src: str, dst: str) -> Hop:
    stake = graph.stakes.get((src, dst))
    control = (src, dst) in graph.control_certain
    if stake is not None:
        first = stake.holdings[0]
        return Hop(
            src=src,
            dst=dst,
            rel_type=RelType.DECLARED_BO_OF if first.declared_by else RelType.OWNS,
            share=first.label()
            if len(stake.holdings) == 1
            else interval_label(stake.lo, stake.hi, stake.lo_ex, stake.hi_ex),
            share_lo=round(stake.lo * 100, 6),
            share_hi=round(stake.hi * 100, 6),
            control=control,
            start=first.start,
            end=first.end,
            ref=first.ref,
        )
    links = graph.control_links.get((src, dst), ())
    link = links[0] if links else None
    return Hop(
        src=src,
        dst=dst,
        rel_type=RelType.CONTROLS,
        control=True,
        start=link.start if link else None,
        end=link.end if link else None,
        ref=link.ref if link else SourceRef(),
    )


def make_path(graph: OwnershipGraph, nodes: list[str]) -> OwnershipPath:
    hops = tuple(hop(graph, a, b) for a, b in zip(nodes, nodes[1:], strict=False))
    lo = hi = 1.0
    for h in hops:
        if h.share_hi is not None:
            lo *= (h.share_lo or 0.0) / 100
            hi *= (h.share_hi or 0.0) / 100
    return OwnershipPath(hops=hops, product_lo=round(lo * 100, 6), product_hi=round(hi * 100, 6))


def path_graph(graph: OwnershipGraph) -> nx.DiGraph:
    """The subgraph weighted by -log(share), so the shortest paths are the heaviest stakes."""
    g = graph.digraph()
    for u, v in g.edges:
        stake = graph.stakes.get((u, v))
        share = max(stake.hi, 1e-9) if stake is not None else 1.0  # control link: no dilution
        g[u][v]["w"] = -math.log(share)
    return g


def paths_to(
    graph: OwnershipGraph, g: nx.DiGraph, source: str, max_paths: int
) -> list[OwnershipPath]:
    """Up to max_paths simple paths from source to the target, heaviest first (Yen's
    algorithm: the cost grows with max_paths, not with the number of paths in the graph)."""
    if source not in g or graph.target not in g or max_paths <= 0:
        return []
    if max_paths == 1:
        return [make_path(graph, p) for p in heaviest_paths(graph, g).get(source, [])[:1]]
    try:
        found = islice(nx.shortest_simple_paths(g, source, graph.target, weight="w"), max_paths)
        return [make_path(graph, list(p)) for p in found]
    except nx.NetworkXNoPath:
        return []


def heaviest_paths(graph: OwnershipGraph, g: nx.DiGraph) -> dict[str, list[list[str]]]:
    """The heaviest path from every node to the target, from ONE Dijkstra (cached on g)."""
    cached = g.graph.get("heaviest")
    if cached is None:
        back = nx.single_source_dijkstra_path(g.reverse(copy=False), graph.target, weight="w")
        cached = {node: [list(reversed(path))] for node, path in back.items()}
        g.graph["heaviest"] = cached
    return cached  # type: ignore[no-any-return]


def circularity(graph: OwnershipGraph, n_tt_lo: float, n_tt_hi: float) -> Circularity:
    g = graph.digraph()
    entity_set = set(graph.entities)
    comps = [c for c in nx.strongly_connected_components(g) if len(c) >= 2]
    comps.sort(key=lambda c: sorted(c))
    cycle_paths = []
    outside_controlled = False
    outside_unknown = False
    for comp in comps:
        cycle = nx.find_cycle(g.subgraph(comp), source=min(comp))
        cycle_paths.append(make_path(graph, [cycle[0][0], *(e[1] for e in cycle)]))
        incoming = [(u, v) for v in comp for u in g.predecessors(v) if u not in comp]
        if any(e in graph.control_certain for e in incoming):
            outside_controlled = True
        if not any(e in graph.stakes for e in incoming):
            outside_unknown = True
    self_holdings = sorted(e for e in entity_set if (e, e) in graph.stakes)
    return Circularity(
        components=tuple(tuple(sorted(c)) for c in comps),
        cycle_paths=tuple(cycle_paths),
        self_holdings=tuple(self_holdings),
        target_self_ownership=round(max(0.0, n_tt_lo - 1) * 100, 6),
        target_self_ownership_hi=round(max(0.0, n_tt_hi - 1) * 100, 6),
        target_first_return=round((1 - 1 / n_tt_lo) * 100, 6) if n_tt_lo > 0 else 0.0,
        outside_controlled=outside_controlled,
        outside_owners_unknown=outside_unknown,
    )
