"""Key-batched look-ups for portfolio jobs: companies by name (+ country) and names by key."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import LiteralString

from graphapi.graph import Graph
from graphapi.queries.search import lucene_query, search_readings

MAX_NAME_HITS = 25

# One round trip for every name of a batch, with the Lucene query `search` uses (phrase, all
# tokens, each token, a near miss, a prefix); which hits count is decided in Python
# (graphapi/batch/resolve.py) on the stored search_names.
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
RETURN key, c.name AS name, coalesce(c.search_names, []) AS search_names
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
    search_names: tuple[str, ...] = ()  # normalised current and former names

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.search_names) if self.name else self.search_names


def _lucene(name: str) -> str:
    return lucene_query(search_readings(name, "Company"))


async def companies_by_name(
    graph: Graph, queries: Sequence[NameQuery]
) -> dict[int, list[Candidate]]:
    """Companies the full-text index finds for each query's name (as `search` would), within
    the country when given, by key; every query id gets a (possibly empty) list."""
    rows = []
    for q in queries:
        lucene = _lucene(q.name)
        if lucene:
            rows.append({"id": q.id, "lucene": lucene, "country": q.country})
    found: dict[int, list[Candidate]] = {q.id: [] for q in queries}
    if not rows:
        return found
    records = await graph.read(COMPANIES_BY_NAME, {"rows": rows, "max_hits": MAX_NAME_HITS})
    for record in records:
        hits = sorted(record["hits"], key=lambda h: h["key"])
        found[record["id"]] = [
            Candidate(h["key"], h["name"], tuple(h["search_names"] or ())) for h in hits
        ]
    return found


async def company_names(graph: Graph, keys: Sequence[str]) -> dict[str, Candidate]:
    records = await graph.read(COMPANY_NAMES, {"keys": list(keys)})
    return {r["key"]: Candidate(r["key"], r["name"], tuple(r["search_names"])) for r in records}
