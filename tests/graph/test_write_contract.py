"""The upserts write exactly what the write contract declares (graph_schema/edges.py, nodes.py),
in the real Neo4j: a link of each type from and to every kind of node lands only between the
declared labels, and the rest is reported as dangling, as the bulk-import files do
(tests/unit/loaders/test_write_contract.py)."""

from __future__ import annotations

import pytest
from neo4j import Driver

from graph_schema.edges import Link
from graph_schema.labels import RelType
from graph_schema.nodes import AddressRecord, CompanyRecord, Node, PersonRecord
from graph_schema.provenance import Provenance
from graph_schema.settings import Settings
from graph_schema.write_contract import LINK_TYPES, NODE_TYPES
from loaders.rejects import Location
from loaders.write.writer import GraphWriter

pytestmark = pytest.mark.neo4j

PROV = Provenance(source="test", record_id="r1", source_file="f.jsonl")
NODES: list[Node] = [
    CompanyRecord(key="Company", name="X NV", provenance=PROV),
    PersonRecord(key="Person", name="Jan Peeters", provenance=PROV),
    AddressRecord(key="Address", text="Rue 1, Brussels", provenance=PROV),
]


def _link(cls: type[Link], src: str, dst: str) -> Link:
    extra = {
        name: "x"
        for name, field in cls.model_fields.items()
        if field.is_required() and name not in {"key", "src", "dst", "provenance"}
    }
    return cls(key=f"{src}->{dst}", src=src, dst=dst, provenance=PROV, **extra)


def test_links_land_only_between_the_declared_labels(graph: Driver, settings: Settings) -> None:
    ends = [node.label for node in NODES]
    links = [
        _link(cls, src.value, dst.value)
        for cls in LINK_TYPES.values()
        for src in ends
        for dst in ends
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
        for src in ends
        for dst in ends
        if cls.source in NODE_TYPES[src].node_labels()
        and cls.target in NODE_TYPES[dst].node_labels()
    }
    assert written == expected
    assert len(rejected) == len(links) - len(expected)
    assert all("dangling reference" in r.reason for r in rejected)
    for record in records:  # each end carries the label its type declares
        cls = LINK_TYPES[RelType(record["type"])]
        assert cls.source.value in record["a"] and cls.target.value in record["b"]
