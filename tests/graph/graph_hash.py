"""A content digest of a whole graph: two graphs with the same digest hold the same facts.

Used to prove that an interrupted-then-resumed load, or a load run twice, leaves exactly the graph
that one clean load leaves. Nodes are compared by (labels, key, properties) and relationships by
(type, start key, end key, properties): element ids and write order never matter.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from neo4j import Driver

# Properties that may legitimately differ between two loads of the same data: when the writer
# first loaded a node or link and when a fact of it last changed (wall clock of the load run).
# Every other property comes from the source (seen_at is the source's own date).
VOLATILE: frozenset[str] = frozenset({"first_loaded_at", "changed_at"})


@dataclass(frozen=True)
class GraphDigest:
    nodes: dict[str, int]  # "Company:Entity" -> count (labels sorted, joined by ":")
    relationships: dict[str, int]  # "OWNS" -> count
    content: str  # sha256 over the sorted canonical form of every node and relationship

    def describe(self) -> str:
        return f"nodes {self.nodes}, relationships {self.relationships}, {self.content[:16]}"


def _plain(value: Any) -> Any:
    """Neo4j temporal and spatial values as text, so they hash the same on every machine."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return f"{type(value).__name__}:{value.isoformat() if hasattr(value, 'isoformat') else value}"


def _canonical(*parts: Any) -> str:
    return json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)


def _props(props: dict[str, Any], ignore: frozenset[str]) -> dict[str, Any]:
    return {k: _plain(v) for k, v in props.items() if k not in ignore}


def graph_facts(
    driver: Driver, database: str = "neo4j", ignore: frozenset[str] = VOLATILE
) -> list[str]:
    """Every node and relationship in a canonical form, sorted: equal lists, equal graphs."""
    node_lines: list[str] = []
    rel_lines: list[str] = []
    with driver.session(database=database) as session:
        result = session.run("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")
        for record in result:
            labels = ":".join(sorted(record["labels"]))
            props = dict(record["props"])
            node_lines.append(_canonical("N", labels, props.get("key"), _props(props, ignore)))
        result = session.run(
            "MATCH (a)-[r]->(b) RETURN type(r) AS type, a.key AS src, b.key AS dst, "
            "properties(r) AS props"
        )
        for record in result:
            rel_lines.append(
                _canonical(
                    "R",
                    record["type"],
                    record["src"],
                    record["dst"],
                    _props(record["props"], ignore),
                )
            )
    return sorted(node_lines) + sorted(rel_lines)


def graph_digest(
    driver: Driver, database: str = "neo4j", ignore: frozenset[str] = VOLATILE
) -> GraphDigest:
    node_counts: Counter[str] = Counter()
    rel_counts: Counter[str] = Counter()
    digest = hashlib.sha256()
    for line in graph_facts(driver, database, ignore):
        kind, name = json.loads(line)[:2]
        (node_counts if kind == "N" else rel_counts)[name] += 1
        digest.update(line.encode("utf-8") + b"\n")
    return GraphDigest(dict(node_counts), dict(rel_counts), digest.hexdigest())
