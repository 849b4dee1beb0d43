"""Paths between entities, groups, and the company list the population scan walks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, LiteralString

from graphapi.graph import Graph
from graphapi.queries.rows import GroupRow, PathLinkRow, PathNodeRow, PathRow

# Variable-length bounds cannot be parameters: one literal query per allowed hop count.
_SHORTEST: dict[int, LiteralString] = {
    n: "MATCH (a:Entity {key: $src}), (b:Entity {key: $dst}) "
    "MATCH p = allShortestPaths((a)-[:DIRECTOR_OF|OWNS|CONTROLS|DECLARED_BO_OF|PARENT_OF"
    "|REGISTERED_AT|RELATED_TO*.." + hops + "]-(b)) "
    "WHERE none(n IN nodes(p) WHERE n.key IN $exclude) "
    "WITH p LIMIT $limit "
    "RETURN [n IN nodes(p) | {key: n.key, name: coalesce(n.name, n.text), labels: labels(n)}] "
    "AS nodes, [r IN relationships(p) | {type: type(r), src: startNode(r).key, "
    "dst: endNode(r).key, props: properties(r)}] AS rels"
    for n, hops in ((1, "1"), (2, "2"), (3, "3"), (4, "4"), (5, "5"), (6, "6"))
}
MAX_HOPS = max(_SHORTEST)
FETCH_FACTOR = 5  # paths read per path returned: parallel links repeat a path

COMPANY_PAGE: LiteralString = """
MATCH (c:Company) WHERE c.key > $after
RETURN c.key AS key ORDER BY key LIMIT $limit
"""

COMPANY_COUNT: LiteralString = "MATCH (c:Company) RETURN count(c) AS n"

COMPANIES_UP_TO: LiteralString = "MATCH (c:Company) WHERE c.key <= $key RETURN count(c) AS n"

# Group: ultimate parents (GLEIF level 2, or the top of > 50 % holding chains) and the tree
# below the company through PARENT_OF and OWNS.
GROUP: LiteralString = """
MATCH (c:Company {key: $key})
CALL (c) {
  OPTIONAL MATCH (top:Company)-[:PARENT_OF|OWNS]->{1,8}(c)
  WHERE NOT EXISTS { (:Company)-[:PARENT_OF|OWNS]->(top) }
  RETURN collect(DISTINCT top.key) AS tops
}
CALL (c) {
  OPTIONAL MATCH (c)-[:PARENT_OF|OWNS]->{1,8}(sub:Company)
  RETURN collect(DISTINCT sub.key) AS members
}
WITH c, tops, members
UNWIND ([c.key] + tops + members) AS k
MATCH (x:Company {key: k})
OPTIONAL MATCH (x)-[r:PARENT_OF|OWNS]->(y:Company)
WHERE y.key IN ([c.key] + tops + members)
RETURN tops, members,
       collect(DISTINCT {key: x.key, name: x.name}) AS nodes,
       collect(CASE WHEN r IS NULL THEN NULL ELSE
               {src: x.key, dst: y.key, type: type(r), props: properties(r)} END) AS rels
"""


def _links(rels: list[dict[str, Any]]) -> list[PathLinkRow]:
    return [PathLinkRow.of(r["src"], r["type"], r["dst"], r["props"]) for r in rels if r]


def _nodes(nodes: list[dict[str, Any]]) -> list[PathNodeRow]:
    return [PathNodeRow.model_validate(n) for n in nodes]


async def shortest_paths(
    graph: Graph,
    src: str,
    dst: str,
    max_hops: int,
    limit: int = 10,
    exclude: Sequence[str] = (),
) -> list[PathRow]:
    """The shortest paths, each once: paths through the same entities by the same kinds of
    link (two spells as director of one company, say) count as one. None passes through an
    entity of `exclude`."""
    query = _SHORTEST[max(1, min(max_hops, MAX_HOPS))]
    params = {"src": src, "dst": dst, "limit": limit * FETCH_FACTOR, "exclude": list(exclude)}
    rows = await graph.read(query, params)
    out: dict[tuple[str, ...], PathRow] = {}
    for r in rows:
        path = PathRow(nodes=_nodes(r["nodes"]), links=_links(r["rels"]))
        shape = (
            *(n.key for n in path.nodes),
            *(f"{x.src}-{x.type.value}-{x.dst}" for x in path.links),
        )
        out.setdefault(shape, path)
    return list(out.values())[:limit]


async def company_keys_after(graph: Graph, after: str, limit: int) -> list[str]:
    rows = await graph.read(COMPANY_PAGE, {"after": after, "limit": limit})
    return [str(r["key"]) for r in rows]


async def company_count(graph: Graph) -> int:
    rows = await graph.read(COMPANY_COUNT, {})
    return int(rows[0]["n"]) if rows else 0


async def companies_up_to(graph: Graph, key: str) -> int:
    """Companies whose key sorts at or before `key` (how far an id-ordered walk has come)."""
    rows = await graph.read(COMPANIES_UP_TO, {"key": key})
    return int(rows[0]["n"]) if rows else 0


async def group_of(graph: Graph, key: str) -> GroupRow | None:
    rows = await graph.read(GROUP, {"key": key})
    if not rows:
        return None
    row = rows[0]
    return GroupRow(
        tops=row["tops"], members=row["members"], nodes=_nodes(row["nodes"]),
        links=_links(row["rels"]),
    )  # fmt: skip
