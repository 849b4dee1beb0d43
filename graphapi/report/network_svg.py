"""The company's neighbourhood as an inline SVG: owners above, the company, directors below.

Layers (networkx multipartite layout): ownership/control ancestors at negative depths, with
the declared beneficial owners (PSC / BODS) of those companies beside them, the company at 0,
its directors at 1, their other companies at 2. A declared owner who holds no share on record
(the person behind a front person) is thus in the picture too. Companies are boxes, people
circles; insolvent companies are red and say so; ended links are dashed. Every text is escaped.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from html import escape

import networkx as nx

from graphapi.analytics.dates import valid_at
from graphapi.analytics.inputs import DueDiligenceInput, Index
from graphapi.analytics.model import Declaration

MAX_NODES = 60
LAYER_GAP = 150  # between layers
ROW_GAP = 70  # between the rows of one wide layer
NODE_GAP = 190
PER_ROW = 6  # a wider layer wraps, so the picture fits a page at a readable size
MARGIN = 90
LABEL_OFFSET = 36  # px from a node's centre to its edge labels: in the gap between rows


@dataclass(frozen=True)
class Edge:
    src: str
    dst: str
    label: str
    current: bool


def _short(text: str, n: int = 26) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _merge(edges: list[Edge]) -> list[Edge]:
    """One arrow per pair of nodes: "director · 100.00 %" rather than two overlapping labels."""
    merged: dict[tuple[str, str], Edge] = {}
    for e in edges:
        seen = merged.get((e.src, e.dst))
        if seen is None:
            merged[(e.src, e.dst)] = e
            continue
        labels = seen.label.split(" · ")
        label = seen.label if e.label in labels else " · ".join(sorted([*labels, e.label]))
        merged[(e.src, e.dst)] = Edge(e.src, e.dst, label, seen.current or e.current)
    return list(merged.values())


def _edges(ix: Index, as_of: date) -> tuple[dict[str, int], list[Edge]]:
    """Nodes with their layer, and the labelled links between them."""
    target = ix.data.target
    layer: dict[str, int] = {target: 0}
    edges: list[Edge] = []
    frontier = [target]
    depth = 0
    while frontier and len(layer) < MAX_NODES:  # ancestors, one level up at a time
        depth -= 1
        nxt = []
        for company in frontier:
            for h in ix.holdings_into.get(company, []):
                edges.append(Edge(h.owner, company, h.label(), valid_at(h.start, h.end, as_of)))
                if h.owner not in layer:
                    layer[h.owner] = depth
                    nxt.append(h.owner)
            for c in ix.controls_into.get(company, []):
                edges.append(
                    Edge(c.controller, company, "control", valid_at(c.start, c.end, as_of))
                )
                if c.controller not in layer:
                    layer[c.controller] = depth
                    nxt.append(c.controller)
        frontier = nxt
    _declared(ix, layer, edges, as_of)
    directors = []
    for m in ix.mandates_in.get(target, []):
        edges.append(Edge(m.person, target, m.role, valid_at(m.start, m.end, as_of)))
        if m.person not in layer:
            layer[m.person] = 1
        directors.append(m.person)
    for person in dict.fromkeys(directors):
        for m in ix.mandates_of.get(person, []):
            if m.company == target:
                continue
            if m.company not in layer:
                if len(layer) >= MAX_NODES:
                    continue
                layer[m.company] = 2
            edges.append(Edge(person, m.company, m.role, valid_at(m.start, m.end, as_of)))
    return layer, _merge(edges)


def _declared_label(d: Declaration) -> str:
    """Short enough for an arrow: "declared BO 75-100 %" (the UBO table has the exact bounds)."""
    if d.share_min is None and d.share_max is None:
        return "declared BO" + (" · control" if d.control else "")
    lo, hi = d.share_min or 0.0, 100.0 if d.share_max is None else d.share_max
    return f"declared BO {lo:g} %" if lo == hi else f"declared BO {lo:g}-{hi:g} %"


def _declared(ix: Index, layer: dict[str, int], edges: list[Edge], as_of: date) -> None:
    """Declared beneficial owners of the company and of its owning companies, one layer above
    the company they are declared for (a declaration is a statement, drawn beside the shares)."""
    for d in sorted(ix.data.declarations, key=lambda x: (x.company, x.declared)):
        if d.company not in layer or layer[d.company] > 0:
            continue
        if d.declared not in layer:
            if len(layer) >= MAX_NODES:
                continue
            layer[d.declared] = layer[d.company] - 1
        edges.append(
            Edge(d.declared, d.company, _declared_label(d), valid_at(d.start, d.end, as_of))
        )


def _edge_svg(
    e: Edge, a: tuple[float, float], b: tuple[float, float], near: int, reverse: bool
) -> str:
    """An arrow with its label. The label sits by the end where edges fan out (so 14
    mandates of one person keep 14 legible labels, each just above its own box), midway
    otherwise; a pair of opposite arrows (a cycle) is drawn apart, each label by its source."""
    (x1, y1), (x2, y2) = a, b
    if reverse:
        length = max(1.0, ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5)
        ox, oy = -(y2 - y1) / length * 6, (x2 - x1) / length * 6
        x1, y1, x2, y2 = x1 + ox, y1 + oy, x2 + ox, y2 + oy
        near = -1
    dy = 24 if y2 > y1 + 1 else -24 if y2 < y1 - 1 else 0  # stop short of the node
    t = 0.5
    if near and abs(y2 - y1) > 2 * LABEL_OFFSET:
        off = LABEL_OFFSET / abs(y2 - y1)
        t = 1 - off if near > 0 else off
    lx, ly = x1 + (x2 - x1) * t, y1 + (y2 - y1) * t + 4
    dash = "" if e.current else ' stroke-dasharray="6 4"'
    cls = "edge" if e.current else "edge ended"
    return (
        f'<g class="{cls}"><line x1="{x1:.1f}" y1="{y1 + dy:.1f}" x2="{x2:.1f}" '
        f'y2="{y2 - dy:.1f}" stroke="#555"{dash} marker-end="url(#arrow)"/>'
        f'<text x="{lx:.1f}" y="{ly:.1f}" class="edge-label" text-anchor="middle" '
        f'font-size="11" paint-order="stroke" stroke="#fff" stroke-width="4" '
        f'fill="#333">{escape(_short(e.label, 22))}</text></g>'
    )


def _order(ix: Index, layer: dict[str, int], edges: list[Edge]) -> dict[int, list[str]]:
    """Each layer's left-to-right order: the company first, then layers moving outwards, each
    node by the mean position of its already placed neighbours (barycentre: fewer crossings),
    then by name, so the same data always gives the same picture."""
    g = nx.Graph()
    g.add_nodes_from(layer)
    g.add_edges_from((e.src, e.dst) for e in edges)
    rank: dict[str, float] = {}
    out: dict[int, list[str]] = {}
    for lay in sorted(set(layer.values()), key=lambda v: (abs(v), v)):
        members = [k for k in layer if layer[k] == lay]

        def key(k: str) -> tuple[float, str, str]:
            placed = [rank[n] for n in g.neighbors(k) if n in rank]
            return (sum(placed) / len(placed) if placed else 0.5, ix.name(k), k)

        members.sort(key=key)
        for i, k in enumerate(members):
            rank[k] = (i + 0.5) / len(members)
        out[lay] = members
    return dict(sorted(out.items()))


def _coordinates(
    per_layer: dict[int, list[str]],
) -> tuple[dict[str, tuple[float, float]], int, int]:
    """Layers top to bottom, at most PER_ROW nodes a row; odd rows shifted half a step so
    links to the second row pass between the boxes of the first."""
    widest = min(PER_ROW, max(len(v) for v in per_layer.values()))
    width = max(900, widest * NODE_GAP + NODE_GAP // 2 + 2 * MARGIN)
    xy: dict[str, tuple[float, float]] = {}
    y = float(MARGIN)
    for lay in sorted(per_layer):
        members = per_layer[lay]
        rows = [members[i : i + PER_ROW] for i in range(0, len(members), PER_ROW)]
        for r, row in enumerate(rows):
            span = (len(row) - 1) * NODE_GAP
            shift = 0.0 if len(rows) == 1 else NODE_GAP / 4 if r % 2 else -NODE_GAP / 4
            for i, key in enumerate(row):
                xy[key] = (width / 2 - span / 2 + i * NODE_GAP + shift, y)
            y += ROW_GAP if r < len(rows) - 1 else LAYER_GAP
    height = int(y - LAYER_GAP + MARGIN)
    return xy, width, height


def network_svg(bundle: DueDiligenceInput, as_of: date) -> str:
    ix = Index.build(bundle)
    layer, edges = _edges(ix, as_of)
    per_layer = _order(ix, layer, edges)
    xy, width, height = _coordinates(per_layer)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="network" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Network of {escape(ix.name(bundle.target))}">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>',
    ]
    fan_out = Counter(e.src for e in edges)
    fan_in = Counter(e.dst for e in edges)
    pairs = {(e.src, e.dst) for e in edges}
    for e in edges:
        if e.src in xy and e.dst in xy:
            near = fan_out[e.src] - fan_in[e.dst]  # > 0: a fan out of src, label by dst
            parts.append(_edge_svg(e, xy[e.src], xy[e.dst], near, (e.dst, e.src) in pairs))
    for key, (x, y) in xy.items():
        parts.append(_node(ix, key, x, y, as_of))
    parts.append("</svg>")
    return "".join(parts)


def _node(ix: Index, key: str, x: float, y: float, as_of: date) -> str:
    name = ix.name(key)
    title = f"<title>{escape(name)} ({escape(key)})</title>"
    label = (
        f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" font-size="12" '
        f'fill="#111">{escape(_short(name, 21))}</text>'
    )
    if key in ix.companies:
        insolvent = ix.insolvency_at(key, as_of) is not None
        fill, stroke = ("#f8d0d0", "#c62828") if insolvent else ("#e3ecfa", "#1f4e9c")
        cls = (
            "node company"
            + (" insolvent" if insolvent else "")
            + (" target" if key == ix.data.target else "")
        )
        width = 176 if key == ix.data.target else 168
        if insolvent:  # said in words too, not only in red
            label = (
                f'<text x="{x:.1f}" y="{y - 2:.1f}" text-anchor="middle" font-size="12" '
                f'fill="#111">{escape(_short(name, 21))}</text>'
                f'<text x="{x:.1f}" y="{y + 13:.1f}" text-anchor="middle" font-size="9" '
                'font-weight="700" fill="#8e0000">INSOLVENT</text>'
            )
        return (
            f'<g class="{cls}" data-key="{escape(key)}">{title}<rect x="{x - width / 2:.1f}" '
            f'y="{y - 20:.1f}" width="{width}" height="40" rx="6" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="{3 if key == ix.data.target else 1.5}"/>{label}</g>'
        )
    return (
        f'<g class="node person" data-key="{escape(key)}">{title}<ellipse cx="{x:.1f}" '
        f'cy="{y:.1f}" rx="84" ry="20" fill="#eef7ee" stroke="#2e7d32" stroke-width="1.5"/>'
        f"{label}</g>"
    )
