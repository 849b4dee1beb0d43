"""The company's neighbourhood as an inline SVG: owners above, the company, directors below.

Layers: ownership/control ancestors at negative depths, with the declared beneficial owners
(PSC / BODS) of those companies beside them, the company at 0, its directors at 1, their other
companies at 2. A declared owner who holds no share on record (the person behind a front
person) is thus in the picture too. The picture is of the as-of date: links that begin later
are left out, links that had ended are dashed (never merged into a current one). A link whose
straight line would pass through a node it does not join goes round instead, through the free
corridors between rows and a lane beside the picture, so no line suggests a tie that is not
there. Companies are boxes, people ovals, names wrapped on two lines and whole in each node's
<title>; insolvent companies are red and say so. Every text is escaped.
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
GUTTER = 70  # free strips left and right of the nodes: the lanes of detoured links
LINE_CHARS = 26  # characters per line of a node's name
EDGE_LABEL_CHARS = 40  # a longer label ends in "…"; the link's <title> has it whole
HALF_H = 20  # half the height of every node (boxes and ovals)
CORRIDOR = 35  # px from a row's centre to the free corridor between it and the next row


@dataclass(frozen=True)
class Edge:
    src: str
    dst: str
    label: str
    current: bool


def _lines(text: str, width: int = LINE_CHARS, most: int = 2) -> list[str]:
    """The name in at most `most` lines of about `width` characters, broken between words; a
    longer name ends in "…" (the node's <title> has it whole)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    lines = [ln if len(ln) <= width else ln[: width - 1] + "…" for ln in lines] or [""]
    if len(lines) > most:
        lines = [*lines[: most - 1], _short(" ".join(lines[most - 1 :]), width)]
    return lines


def _short(text: str, n: int = 26) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _merge(edges: list[Edge]) -> list[Edge]:
    """One arrow per pair of nodes and state: "director · 100.00 %" rather than two overlapping
    labels. An ended link is never merged into a current one, so it stays dashed."""
    merged: dict[tuple[str, str, bool], Edge] = {}
    for e in edges:
        seen = merged.get((e.src, e.dst, e.current))
        if seen is None:
            merged[(e.src, e.dst, e.current)] = e
            continue
        labels = seen.label.split(" · ")
        label = seen.label if e.label in labels else " · ".join(sorted([*labels, e.label]))
        merged[(e.src, e.dst, e.current)] = Edge(e.src, e.dst, label, e.current)
    return list(merged.values())


def _begun(start: date | None, as_of: date) -> bool:
    """A link that begins after the as-of date is not in the picture of that date."""
    return start is None or start <= as_of


def _ancestors(ix: Index, as_of: date, layer: dict[str, int], edges: list[Edge]) -> None:
    """Owners and controllers of the company, one level up at a time."""
    frontier = [ix.data.target]
    depth = 0
    while frontier and len(layer) < MAX_NODES:
        depth -= 1
        nxt = []
        for company in frontier:
            for h in ix.holdings_into.get(company, []):
                if not _begun(h.start, as_of):
                    continue
                edges.append(Edge(h.owner, company, h.label(), valid_at(h.start, h.end, as_of)))
                if h.owner not in layer:
                    layer[h.owner] = depth
                    nxt.append(h.owner)
            for c in ix.controls_into.get(company, []):
                if not _begun(c.start, as_of):
                    continue
                edges.append(
                    Edge(c.controller, company, "control", valid_at(c.start, c.end, as_of))
                )
                if c.controller not in layer:
                    layer[c.controller] = depth
                    nxt.append(c.controller)
        frontier = nxt


def _edges(ix: Index, as_of: date) -> tuple[dict[str, int], list[Edge]]:
    """Nodes with their layer, and the labelled links between them, as they stood at as_of."""
    target = ix.data.target
    layer: dict[str, int] = {target: 0}
    edges: list[Edge] = []
    _ancestors(ix, as_of, layer, edges)
    _declared(ix, layer, edges, as_of)
    directors = []
    for m in ix.mandates_in.get(target, []):
        if not _begun(m.start, as_of):
            continue
        edges.append(Edge(m.person, target, m.role, valid_at(m.start, m.end, as_of)))
        if m.person not in layer:
            layer[m.person] = 1
        directors.append(m.person)
    for person in dict.fromkeys(directors):
        for m in ix.mandates_of.get(person, []):
            if m.company == target or not _begun(m.start, as_of):
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
        if not _begun(d.start, as_of):
            continue
        if d.declared not in layer:
            if len(layer) >= MAX_NODES:
                continue
            layer[d.declared] = layer[d.company] - 1
        edges.append(
            Edge(d.declared, d.company, _declared_label(d), valid_at(d.start, d.end, as_of))
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
    links to the second row pass between the boxes of the first. A gutter on each side keeps
    lanes free for the links that must go around other nodes."""
    widest = min(PER_ROW, max(len(v) for v in per_layer.values()))
    width = max(900, widest * NODE_GAP + NODE_GAP // 2 + 2 * MARGIN) + 2 * GUTTER
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


Box = tuple[float, float, float, float]  # x0, y0, x1, y1
Point = tuple[float, float]


def half_width(ix: Index, key: str) -> float:
    return 88.0 if key == ix.data.target else 84.0


def boxes(ix: Index, xy: dict[str, Point]) -> dict[str, Box]:
    """Every node's bounding box (an oval's too)."""
    out = {}
    for key, (x, y) in xy.items():
        w = half_width(ix, key)
        out[key] = (x - w, y - HALF_H, x + w, y + HALF_H)
    return out


def crosses(a: Point, b: Point, box: Box, pad: float = 3.0) -> bool:
    """Does the segment a-b pass through the box (grown by pad)? Liang-Barsky clipping."""
    x0, y0, x1, y1 = box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad
    dx, dy = b[0] - a[0], b[1] - a[1]
    lo, hi = 0.0, 1.0
    for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            lo = max(lo, t)
        else:
            hi = min(hi, t)
        if lo > hi:
            return False
    return True


def _route(
    e: Edge, xy: dict[str, Point], box: dict[str, Box], lane: int, width: int, offset: float
) -> tuple[list[Point], bool]:
    """The link's points: straight from box to box when that passes through no other node;
    otherwise through the free corridors between rows and, when rows lie between the two
    nodes, down a lane in the gutter. Returns (points, detoured)."""
    (x1, y1), (x2, y2) = xy[e.src], xy[e.dst]
    down = 1 if y2 > y1 + 1 else -1 if y2 < y1 - 1 else 0
    if down:  # leave and enter through the facing sides of the boxes
        a, b = (x1 + offset, y1 + down * (HALF_H + 2)), (x2 + offset, y2 - down * (HALF_H + 4))
    else:
        side = 1 if x2 > x1 else -1
        a = (x1 + side * (box[e.src][2] - x1), y1 + offset)
        b = (x2 - side * (box[e.dst][2] - x2 + 4), y2 + offset)
    others = [v for k, v in box.items() if k not in (e.src, e.dst)]
    if not any(crosses(a, b, o) for o in others):
        return [a, b], False
    step = down or 1  # a link within one row goes round through the corridor below it
    c1, c2 = y1 + step * CORRIDOR + offset, y2 - step * CORRIDOR + offset
    if not down:
        c2 = c1
    start = (x1 + offset, y1 + step * (HALF_H + 2))
    end = (x2 + offset, y2 - step * (HALF_H + 4)) if down else (x2 + offset, y2 + HALF_H + 4)
    rows_between = sorted({y for _, y in xy.values() if min(y1, y2) < y < max(y1, y2)})
    if not rows_between:
        return [start, (x1 + offset, c1), (x2 + offset, c1), end], True
    left = min(v[0] for v in box.values())
    right = max(v[2] for v in box.values())
    gap = 6.0 * (lane % 10) + 14.0
    side = -1 if (x1 + x2) / 2 < width / 2 else 1
    lane_x = left - gap if side < 0 else right + gap
    # Leave from the side of the box that faces the lane, clear of the straight links.
    exit_x = x1 + side * (40.0 + 5.0 * (lane % 6))
    start = (exit_x, y1 + step * (HALF_H + 2))
    return [start, (exit_x, c1), (lane_x, c1), (lane_x, c2), (x2 + offset, c2), end], True


def _label_at(points: list[Point], near: int, detoured: bool) -> Point:
    """Where the label goes: for a straight link by the end where links fan out (so 14
    mandates of one person keep 14 legible labels, each just above its own box), midway
    otherwise; for a detour on its last crossing of a corridor, by the node it reaches."""
    if detoured:
        (xa, ya), (xb, yb) = points[-3], points[-2]
        return (xa + xb) / 2, (ya + yb) / 2 + 4
    (x1, y1), (x2, y2) = points
    t = 0.5
    if near and abs(y2 - y1) > 2 * LABEL_OFFSET:
        off = LABEL_OFFSET / abs(y2 - y1)
        t = 1 - off if near > 0 else off
    return x1 + (x2 - x1) * t, y1 + (y2 - y1) * t + 4


def _edge_svg(e: Edge, points: list[Point], label_at: Point, detoured: bool) -> str:
    """A link as a polyline with its label; dashed when it had ended at the as-of date."""
    dash = "" if e.current else ' stroke-dasharray="6 4"'
    cls = "edge" if e.current else "edge ended"
    pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    lx, ly = label_at
    state = "" if e.current else " (ended)"
    detour = ' data-detour="yes"' if detoured else ""
    return (
        f'<g class="{cls}" data-src="{escape(e.src)}" data-dst="{escape(e.dst)}"'
        f"{detour}><title>{escape(e.label)}{state}</title>"
        f'<polyline points="{pts}" fill="none" stroke="#555"{dash} marker-end="url(#arrow)"/>'
        f'<text x="{lx:.1f}" y="{ly:.1f}" class="edge-label" text-anchor="middle" '
        f'font-size="11" paint-order="stroke" stroke="#fff" stroke-width="4" '
        f'fill="#333">{escape(_short(e.label, EDGE_LABEL_CHARS))}</text></g>'
    )


def network_svg(bundle: DueDiligenceInput, as_of: date) -> str:
    ix = Index.build(bundle)
    layer, edges = _edges(ix, as_of)
    per_layer = _order(ix, layer, edges)
    xy, width, height = _coordinates(per_layer)
    box = boxes(ix, xy)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="network" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Network of {escape(ix.name(bundle.target))} on {as_of}">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>',
    ]
    fan_out = Counter(e.src for e in edges)
    fan_in = Counter(e.dst for e in edges)
    # Links between the same two nodes (both ways, current and ended) are drawn side by side.
    pair: Counter[frozenset[str]] = Counter()
    lanes = 0
    for e in edges:
        if e.src not in xy or e.dst not in xy:
            continue
        nth = pair[frozenset((e.src, e.dst))]
        pair[frozenset((e.src, e.dst))] += 1
        offset = 7.0 * ((nth + 1) // 2) * (1 if nth % 2 else -1) if nth else 0.0
        points, detoured = _route(e, xy, box, lanes, width, offset)
        lanes += len(points) > 4
        near = -1 if nth else fan_out[e.src] - fan_in[e.dst]  # > 0: label by dst
        parts.append(_edge_svg(e, points, _label_at(points, near, detoured), detoured))
    for key, (x, y) in xy.items():
        parts.append(_node(ix, key, x, y, as_of))
    parts.append("</svg>")
    return "".join(parts)


def _text(x: float, y: float, lines: list[str], size: int, extra: str = "") -> str:
    """Lines centred on (x, y), then `extra` (already escaped SVG) below them."""
    step = size + 1
    top = y - (len(lines) - 1) * step / 2 + size / 3 - (5 if extra else 0)
    spans = "".join(
        f'<tspan x="{x:.1f}" y="{top + i * step:.1f}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text text-anchor="middle" font-size="{size}" fill="#111">{spans}</text>{extra}'


def _node(ix: Index, key: str, x: float, y: float, as_of: date) -> str:
    name = ix.name(key)
    title = f"<title>{escape(name)} ({escape(key)})</title>"
    if key in ix.companies:
        insolvent = ix.insolvency_at(key, as_of) is not None
        fill, stroke = ("#f8d0d0", "#c62828") if insolvent else ("#e3ecfa", "#1f4e9c")
        cls = (
            "node company"
            + (" insolvent" if insolvent else "")
            + (" target" if key == ix.data.target else "")
        )
        w = half_width(ix, key)
        mark = (  # said in words too, not only in red
            f'<text x="{x:.1f}" y="{y + 16:.1f}" text-anchor="middle" font-size="8" '
            'font-weight="700" fill="#8e0000">INSOLVENT</text>'
            if insolvent
            else ""
        )
        label = _text(x, y, _lines(name), 10 if insolvent else 11, mark)
        return (
            f'<g class="{cls}" data-key="{escape(key)}">{title}<rect x="{x - w:.1f}" '
            f'y="{y - HALF_H:.1f}" width="{2 * w:.0f}" height="{2 * HALF_H}" rx="6" '
            f'fill="{fill}" stroke="{stroke}" '
            f'stroke-width="{3 if key == ix.data.target else 1.5}"/>{label}</g>'
        )
    w = half_width(ix, key)
    return (
        f'<g class="node person" data-key="{escape(key)}">{title}<ellipse cx="{x:.1f}" '
        f'cy="{y:.1f}" rx="{w:.0f}" ry="{HALF_H}" fill="#eef7ee" stroke="#2e7d32" '
        f'stroke-width="1.5"/>{_text(x, y, _lines(name, LINE_CHARS - 4), 11)}</g>'
    )
