"""The upserts write exactly what the write contract declares (graph_schema/edges.py, nodes.py),
in the real Neo4j: a link of each type from and to every kind of node lands only between the
declared labels, and the rest is reported as dangling, as the bulk-import files do
(tests/unit/loaders/test_write_contract.py)."""

from __future__ import annotations

import pytest
from neo4j import Driver

from graph_schema.labels import RelType
from graph_schema.settings import Settings
from graph_schema.write_contract import LINK_TYPES, NODE_TYPES
from loaders.rejects import Location
from loaders.write.writer import GraphWriter
from tests.unit.loaders.test_write_contract import ENDS, NODES, any_link

pytestmark = pytest.mark.neo4j


def test_links_land_only_between_the_declared_labels(graph: Driver, settings: Settings) -> None:
    links = [
        any_link(cls, src.value, dst.value)
        for cls in LINK_TYPES.values()
        for src in ENDS
        for dst in ENDS
    ]
    with GraphWriter(graph, settings.neo4j.database) as writer:
        writer.add(NODES, Location("f.jsonl", 1))
        writer.flush()
        writer.add(links, Location("f.jsonl", 2))
        writer.flush()
        rejected = writer.take_rejections()
    records = graph.execute_query(
        "MATCH (a)-[r]->(b) WHERE r.key IS NOT NULL "
        "RETURN type(r) AS type, labels(a) AS a, labels(b) AS b, r.key AS key",
        database_=settings.neo4j.database,
    ).records
    written = {(r["type"], r["key"]) for r in records}
    expected = {
        (rel_type.value, f"{src.value}->{dst.value}")
        for rel_type, cls in LINK_TYPES.items()
        for src in ENDS
        for dst in ENDS
        if cls.source in NODE_TYPES[src].node_labels()
        and cls.target in NODE_TYPES[dst].node_labels()
    }
    assert written == expected
    assert len(rejected) == len(links) - len(expected)
    assert all("dangling reference" in r.reason for r in rejected)
    for record in records:  # each end carries the label its type declares
        cls = LINK_TYPES[RelType(record["type"])]
        assert cls.source.value in record["a"] and cls.target.value in record["b"]
