"""Entities by key, identifiers, and address registrations (key-batched for DataLoaders)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, LiteralString

from graphapi.graph import Graph
from graphapi.queries.rows import (
    AnyNodeRow,
    IdentifierRow,
    Page,
    ProvenanceRow,
    RegistrationRow,
    entity_row,
    node_row,
)

NODES_BY_KEYS: LiteralString = """
UNWIND $keys AS key
CALL (key) {
  MATCH (n:Entity {key: key}) RETURN n
  UNION
  MATCH (n:Address {key: key}) RETURN n
}
RETURN key, properties(n) AS props, labels(n) AS labels
"""

IDENTIFIERS_OF: LiteralString = """
UNWIND $keys AS key
MATCH (:Company {key: key})-[:IDENTIFIED_BY]->(i:Identifier)
WITH key, i ORDER BY i.scheme, i.value
RETURN key, collect(properties(i)) AS rows
"""

# A company's own key is an identifier too, even where no Identifier node was written.
COMPANY_BY_IDENTIFIER: LiteralString = """
UNWIND $keys AS key
CALL (key) {
  MATCH (c:Company {key: key}) RETURN c
  UNION
  MATCH (c:Company)-[:IDENTIFIED_BY]->(:Identifier {key: key}) RETURN c
}
WITH key, c ORDER BY c.key
RETURN key, collect(c.key)[0] AS company
"""

ADDRESSES_OF: LiteralString = """
UNWIND $keys AS key
MATCH (e:Entity {key: key})-[r:REGISTERED_AT]->(a:Address)
WITH key, e, r, a ORDER BY r.end IS NULL DESC, r.start DESC, a.text
RETURN key, collect({rel: properties(r), a: properties(e), a_labels: labels(e),
                     b: properties(a)}) AS rows
"""

REGISTERED_AT: LiteralString = """
UNWIND $keys AS key
MATCH (a:Address {key: key})
CALL (a) {
  MATCH (e:Entity)-[r:REGISTERED_AT]->(a)
  WHERE $label IN labels(e)
  WITH e, r ORDER BY e.name, e.key, r.key
  RETURN collect({rel: properties(r), a: properties(e), a_labels: labels(e),
                  b: properties(a)}) AS rows
}
RETURN key, size(rows) AS total, rows[$skip..$skip + $limit] AS rows
"""


async def nodes_by_keys(graph: Graph, keys: Sequence[str]) -> list[AnyNodeRow | None]:
    records = await graph.read(NODES_BY_KEYS, {"keys": list(keys)})
    found = {r["key"]: node_row(r["props"], r["labels"]) for r in records}
    return [found.get(k) for k in keys]  # one result per key, in order (DataLoader contract)


async def identifiers_of(graph: Graph, keys: Sequence[str]) -> list[list[IdentifierRow]]:
    records = await graph.read(IDENTIFIERS_OF, {"keys": list(keys)})
    found = {r["key"]: [IdentifierRow.model_validate(x) for x in r["rows"]] for r in records}
    return [found.get(k, []) for k in keys]


async def company_keys_by_identifier(graph: Graph, keys: Sequence[str]) -> list[str | None]:
    """Identifier keys ("BE-BCE_KBO-0403170701") -> the key of the company they identify."""
    records = await graph.read(COMPANY_BY_IDENTIFIER, {"keys": list(keys)})
    found = {r["key"]: r["company"] for r in records}
    return [found.get(k) for k in keys]


def _registration(item: dict[str, Any]) -> RegistrationRow:
    rel = item["rel"]
    return RegistrationRow.model_validate(
        {
            **rel,
            "provenance": ProvenanceRow.model_validate(rel),
            "entity": entity_row(item["a"], item["a_labels"]),
            "address": node_row(item["b"], ["Address"]),
        }
    )


async def addresses_of(graph: Graph, keys: Sequence[str]) -> list[list[RegistrationRow]]:
    records = await graph.read(ADDRESSES_OF, {"keys": list(keys)})
    found = {r["key"]: [_registration(x) for x in r["rows"]] for r in records}
    return [found.get(k, []) for k in keys]


async def registered_at(
    graph: Graph, keys: Sequence[str], label: str, skip: int, limit: int
) -> list[Page[RegistrationRow]]:
    """Companies or persons (`label`) registered at each address: one page each + total."""
    params = {"keys": list(keys), "label": label, "skip": skip, "limit": limit}
    records = await graph.read(REGISTERED_AT, params)
    found = {
        r["key"]: Page[RegistrationRow](
            total=r["total"], rows=[_registration(x) for x in r["rows"]]
        )
        for r in records
    }
    return [found.get(k, Page[RegistrationRow](total=0, rows=[])) for k in keys]
