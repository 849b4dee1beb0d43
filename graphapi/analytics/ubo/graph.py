"""The ownership subgraph of one target and the matrix maths on it (docs/analytics.md §The maths).

A[i, j] is the fraction of entity j held directly by entity i, P[p, j] the fraction held by a
natural person. Integrated ownership is O = P (I - A)^-1, computed column-wise: (I - A) is
factorised once (sparse LU) and each column c costs one solve (I - A) x = e_c, x[j] being
entity j's walk-sum ownership of c. Cycles are handled by the inverse, never by enumerating
paths. Ranges use two solves (lower and upper
matrices); exclusive bounds are tracked by reachability (a walk sum is strict exactly when some
contributing walk has a strict factor and no factor that may be zero).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import networkx as nx
import numpy as np
import scipy.sparse as sp
import scipy.sparse.linalg as spla

from graphapi.analytics.dates import valid_at
from graphapi.analytics.model import ControlLink, Holding

# Interests that amount to control (AMLR Art. 53; PSC natures; BODS interest types).
_CONTROL_WORDS = ("appoint", "influence", "control", "veto", "board")
_EPS = 1e-12


def is_control_interest(interest: str) -> bool:
    lowered = interest.lower()
    return any(word in lowered for word in _CONTROL_WORDS)


@dataclass(frozen=True)
class Stake:
    """The direct stake of one owner in one company: the largest over its valid holdings
    (shares or votes; the same fact loaded from two sources must not be counted twice)."""

    lo: float
    hi: float
    lo_ex: bool
    hi_ex: bool
    holdings: tuple[Holding, ...]


@dataclass
class OwnershipGraph:
    target: str
    stakes: dict[tuple[str, str], Stake] = field(default_factory=dict)
    # Control edges: certain (stake > 50 % for sure, or a control interest) and possible.
    control_certain: set[tuple[str, str]] = field(default_factory=set)
    control_possible: set[tuple[str, str]] = field(default_factory=set)
    control_links: dict[tuple[str, str], tuple[ControlLink, ...]] = field(default_factory=dict)
    persons: set[str] = field(default_factory=set)
    entities: list[str] = field(default_factory=list)  # target first
    exempt_entities: set[str] = field(default_factory=set)
    truncated: bool = False
    solvers: dict[tuple[bool, frozenset[str]], Solver] = field(default_factory=dict)

    def digraph(self, certain_only: bool = False) -> nx.DiGraph:
        graph = nx.DiGraph()
        graph.add_nodes_from([*self.entities, *self.persons])
        graph.add_edges_from(self.control_certain if certain_only else self.control_possible)
        if not certain_only:
            graph.add_edges_from(self.stakes)
        return graph


def _stake(holdings: list[Holding]) -> Stake:
    bounds = [h.bounds() for h in holdings]
    lo = max(b[0] for b in bounds)
    hi = min(1.0, max(b[1] for b in bounds))
    lo_ex = any(b[0] == lo and b[2] for b in bounds)
    hi_ex = all(b[3] for b in bounds if b[1] == hi) and hi < 1.0
    return Stake(lo, hi, lo_ex, hi_ex, tuple(holdings))


def build_graph(
    target: str,
    holdings: Iterable[Holding],
    controls: Iterable[ControlLink],
    natural_persons: set[str],
    listed: set[str],
    as_of: date,
    max_depth: int = 25,
    max_nodes: int = 5000,
) -> OwnershipGraph:
    """Reverse breadth-first search from the target over holdings and control links valid at
    as_of; listed entities are not looked through (AMLD: listed companies are excluded)."""
    into: dict[str, dict[str, list[Holding]]] = {}
    for h in holdings:
        if valid_at(h.start, h.end, as_of):
            into.setdefault(h.owned, {}).setdefault(h.owner, []).append(h)
    ctl_into: dict[str, dict[str, list[ControlLink]]] = {}
    for c in controls:
        if valid_at(c.start, c.end, as_of):
            ctl_into.setdefault(c.controlled, {}).setdefault(c.controller, []).append(c)
    graph = OwnershipGraph(target=target, entities=[target])
    seen = {target}
    queue: deque[tuple[str, int]] = deque([(target, 0)])
    while queue:
        node, depth = queue.popleft()
        if node != target and node in listed:
            graph.exempt_entities.add(node)
            continue
        owners = set(into.get(node, {})) | set(ctl_into.get(node, {}))
        if owners and depth >= max_depth:
            graph.truncated = True
            continue
        for owner in sorted(owners):
            _add_edges(
                graph,
                owner,
                node,
                into.get(node, {}).get(owner, []),
                ctl_into.get(node, {}).get(owner, []),
            )
            if owner in seen:
                continue
            if len(seen) >= max_nodes:
                graph.truncated = True
                continue
            seen.add(owner)
            if owner in natural_persons:
                graph.persons.add(owner)
            else:
                graph.entities.append(owner)
                queue.append((owner, depth + 1))
    # Edges to nodes dropped by the caps would point outside the matrices.
    graph.stakes = {k: v for k, v in graph.stakes.items() if k[0] in seen and k[1] in seen}
    graph.control_certain = {e for e in graph.control_certain if e[0] in seen and e[1] in seen}
    graph.control_possible = {e for e in graph.control_possible if e[0] in seen and e[1] in seen}
    return graph


def _add_edges(
    graph: OwnershipGraph, owner: str, owned: str, hs: list[Holding], cs: list[ControlLink]
) -> None:
    edge = (owner, owned)
    if hs:
        stake = _stake(hs)
        graph.stakes[edge] = stake
        majority = stake.lo > 0.5 + _EPS or (abs(stake.lo - 0.5) <= _EPS and stake.lo_ex)
        interests = any(is_control_interest(i) for h in hs for i in h.control_interests)
        if majority or interests:
            graph.control_certain.add(edge)
        if majority or interests or stake.hi > 0.5 + _EPS:
            graph.control_possible.add(edge)
    if cs:
        graph.control_links[edge] = tuple(cs)
        graph.control_certain.add(edge)
        graph.control_possible.add(edge)


def _matrices(
    graph: OwnershipGraph, upper: bool, absorbing: frozenset[str]
) -> tuple[sp.csc_matrix, dict[str, list[tuple[int, float]]], dict[str, int]]:
    index = {e: i for i, e in enumerate(graph.entities)}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    person_rows: dict[str, list[tuple[int, float]]] = {}
    for (owner, owned), stake in graph.stakes.items():
        value = stake.hi if upper else stake.lo
        if value <= 0 or owned in absorbing:
            continue
        if owner in index:
            rows.append(index[owner])
            cols.append(index[owned])
            vals.append(value)
        else:
            person_rows.setdefault(owner, []).append((index[owned], value))
    n = len(index)
    a = sp.csc_matrix((vals, (rows, cols)), shape=(n, n))
    return a, person_rows, index


@dataclass
class Solver:
    """(I - A) factorised once per matrix and reused for every column solve."""

    a: sp.csc_matrix
    person_rows: dict[str, list[tuple[int, float]]]
    index: dict[str, int]
    lu: spla.SuperLU | None  # None: the walk sum diverges (rho(A) >= 1)


def _factorise(a: sp.csc_matrix) -> spla.SuperLU | None:
    """LU of I - A if rho(A) < 1, else None.

    For non-negative A, rho(A) < 1 exactly when (I - A)^T y = 1 has a positive solution: if
    rho < 1 then y = sum (A^T)^k 1 >= 1; conversely, with A v = rho v (v >= 0, Perron), v^T 1 =
    (1 - rho) v^T y, so y > 0 forces rho < 1. No eigenvalue computation is needed."""
    n = a.shape[0]
    try:
        lu = spla.splu((sp.identity(n, format="csc") - a).tocsc())
    except RuntimeError:  # exactly singular: rho(A) == 1
        return None
    y = lu.solve(np.ones(n), trans="T")
    if not np.all(np.isfinite(y)) or np.any(y <= 0) or np.max(y) > 1e12:
        return None
    return lu


def solver(graph: OwnershipGraph, upper: bool, absorbing: frozenset[str]) -> Solver:
    cached = graph.solvers.get((upper, absorbing))
    if cached is not None:
        return cached
    a, person_rows, index = _matrices(graph, upper, absorbing)
    lu = _factorise(a)
    if lu is None and not upper and a.nnz:
        # Shares summing past 100 % or closed cycles: shrink A below its largest column sum
        # (which bounds rho); smaller entries keep the result a valid lower bound.
        largest = float(np.max(np.asarray(a.sum(axis=0))))
        a = (a * ((1 - 1e-6) / max(largest, 1.0))).tocsc()
        lu = _factorise(a)
    made = Solver(a, person_rows, index, lu)
    graph.solvers[(upper, absorbing)] = made
    return made


def integrated(
    graph: OwnershipGraph, column: str, upper: bool, absorbing: frozenset[str] = frozenset()
) -> dict[str, float]:
    """Walk-sum ownership of `column` for every node of the subgraph (clipped at 1).

    For the column itself the value is N[c, c] = 1 + self-ownership. Edges into `absorbing`
    nodes are cut so that each unit is attributed to the first absorbing holder only."""
    s = solver(graph, upper, absorbing)
    if s.lu is None:  # divergent upper walk sum: the only safe bound is 100 % for all upstream
        return _reach_all(column, s.a, s.person_rows, s.index)
    rhs = np.zeros(len(s.index))
    rhs[s.index[column]] = 1.0
    x = s.lu.solve(rhs)
    result = {e: float(x[i]) if e == column else min(1.0, float(x[i])) for e, i in s.index.items()}
    for person, cells in s.person_rows.items():
        result[person] = min(1.0, sum(v * float(x[j]) for j, v in cells))
    return result


def _reach_all(
    column: str,
    a: sp.csc_matrix,
    person_rows: dict[str, list[tuple[int, float]]],
    index: dict[str, int],
) -> dict[str, float]:
    g = nx.DiGraph()
    coo = a.tocoo()
    names = list(index)
    g.add_edges_from((names[r], names[c]) for r, c in zip(coo.row, coo.col, strict=True))
    for person, cells in person_rows.items():
        g.add_edges_from((person, names[j]) for j, _ in cells)
    g.add_node(column)
    up = nx.ancestors(g, column)
    return {node: (1.0 if node in up or node == column else 0.0) for node in g.nodes}


def strict_nodes(graph: OwnershipGraph, column: str, upper: bool) -> set[str]:
    """Nodes whose walk-sum bound on `column` is strict (exclusive).

    Lower bound: strict iff a walk uses only edges that are surely positive (lo > 0 or
    exclusive) and at least one exclusive lower bound. Upper bound: strict iff a walk of
    possibly positive edges uses an exclusive upper bound."""
    layered = nx.DiGraph()
    for (owner, owned), s in graph.stakes.items():
        usable = s.hi > 0 if upper else (s.lo > 0 or s.lo_ex)
        if not usable:
            continue
        exclusive = s.hi_ex if upper else s.lo_ex
        layered.add_edge((owner, 0), (owned, 1 if exclusive else 0))
        layered.add_edge((owner, 1), (owned, 1))
    goal = (column, 1)
    if goal not in layered:
        return set()
    return {node for node, flag in nx.ancestors(layered, goal) if flag == 0}
