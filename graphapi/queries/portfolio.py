"""Key-batched look-ups for portfolio jobs: companies by name (+ country) and names by key."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import LiteralString

from graph_schema.names import company_search_name
from graphapi.graph import Graph
from graphapi.queries.search import escape_lucene

MAX_NAME_HITS = 25

# One round trip for every name of a batch; the exact comparison happens in Python on the
# stored search_names, Lucene only narrows the candidates.
COMPANIES_BY_NAME: LiteralString = """
UNWIND $rows AS row
CALL (row) {
  CALL db.index.fulltext.queryNodes('entity_names', row.lucene, {limit: $max_hits})
  YIELD node
  WITH node WHERE node:Company
    AND (row.country IS NULL OR node.jurisdiction IS NULL OR node.jurisdiction = row.country)
  RETURN collect({key: node.key, name: node.name, search_names: node.search_names,
                  jurisdiction: node.jurisdiction}) AS hits
}
RETURN row.id AS id, hits
"""

COMPANY_NAMES: LiteralString = """
UNWIND $keys AS key
MATCH (c:Company {key: key})
RETURN key, c.name AS name
"""


@dataclass(frozen=True)
class NameQuery:
    id: int  # the caller's handle (e.g. the input row number)
    name: str
    country: str | None


@dataclass(frozen=True)
class Candidate:
    key: str
    name: str | None


def _lucene(name: str) -> str:
    tokens = [escape_lucene(t) for t in company_search_name(name).split()]
    return " AND ".join(tokens)


async def companies_by_name(
    graph: Graph, queries: Sequence[NameQuery]
) -> dict[int, list[Candidate]]:
    """Companies whose normalised name equals the query's (legal form, case, accents ignored),
    within the country when given; every query id gets a (possibly empty) list."""
    rows = []
    wanted: dict[int, str] = {}
    for q in queries:
        lucene = _lucene(q.name)
        wanted[q.id] = company_search_name(q.name)
        if lucene:
            rows.append({"id": q.id, "lucene": lucene, "country": q.country})
    found: dict[int, list[Candidate]] = {q.id: [] for q in queries}
    if not rows:
        return found
    records = await graph.read(COMPANIES_BY_NAME, {"rows": rows, "max_hits": MAX_NAME_HITS})
    for record in records:
        target = wanted[record["id"]]
        hits = sorted(record["hits"], key=lambda h: h["key"])
        found[record["id"]] = [
            Candidate(h["key"], h["name"]) for h in hits if target in (h["search_names"] or [])
        ]
    return found


async def company_names(graph: Graph, keys: Sequence[str]) -> dict[str, str | None]:
    records = await graph.read(COMPANY_NAMES, {"keys": list(keys)})
    return {r["key"]: r["name"] for r in records}
