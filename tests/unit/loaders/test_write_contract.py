"""The write contract is declared once, on the record classes (graph_schema/nodes.py, edges.py):
every relationship type a loader writes has a declaration, and the transactional upserts, the
bulk-import files, the benchmark's LOAD CSV statements and the keys all agree with it.

The expected Cypher fragments are spelled out here from the declaration, not taken from
graph_schema/write_contract.py, so that a wrong derivation fails."""

from __future__ import annotations

import csv
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from graph_schema import edges, nodes
from graph_schema.constraints import SCHEMA
from graph_schema.edges import (
    AddressLink,
    Control,
    DeclaredOwnership,
    Directorship,
    Link,
    Parent,
    Relation,
    Shareholding,
)
from graph_schema.labels import NodeLabel, RelType
from graph_schema.nodes import (
    AddressRecord,
    CompanyRecord,
    DisqualificationRecord,
    EventRecord,
    FinancialStatementRecord,
    Identifier,
    Node,
    PersonRecord,
    Record,
)
from graph_schema.provenance import Provenance
from graph_schema.write_contract import (
    API_REL_TYPES,
    LINK_TYPES,
    NODE_TYPES,
    loaded_rel_types,
)
from graphapi.tooling.bench.cypher import CSV_IDENTIFIERS, CSV_LINKS, CSV_NODES, CSV_OWNED
from loaders.bulk.csv_export import _rows_of
from loaders.bulk.csv_files import NODE_LABELS, write_import_files
from loaders.bulk.stage import ENDPOINTS, BulkStage
from loaders.rejects import Location
from loaders.write.upserts import IDENTIFIER_UPSERT, LINK_UPSERTS, NODE_UPSERTS, OWNED_UPSERTS

NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
PROV = Provenance(source="test", record_id="r1", source_file="f.jsonl")


def _concrete(base: type[Record]) -> list[type[Record]]:
    found: list[type[Record]] = []
    sub: type[Record]
    for sub in base.__subclasses__():
        found += [sub, *_concrete(sub)]
    return found


def _link_classes() -> list[type[Record]]:
    """Every link class defined in graph_schema.edges that names a relationship type."""
    return [
        cls
        for cls in _concrete(Link)
        if cls.__module__ == edges.__name__ and isinstance(getattr(cls, "rel_type", None), RelType)
    ]


def _node_classes() -> list[type[Node]]:
    return [
        cls for cls in _concrete(Node) if cls.__module__ == nodes.__name__ and issubclass(cls, Node)
    ]


def test_every_relationship_type_a_loader_writes_is_declared() -> None:
    # A record class the writer, the stage or the LOAD CSV export would dispatch on must be in
    # the declaration tables; a new link class left out of LinkRecord fails here.
    assert sorted(LINK_TYPES.values(), key=str) == sorted(_link_classes(), key=str)
    assert sorted(NODE_TYPES.values(), key=str) == sorted(_node_classes(), key=str)
    # Every relationship type is written either by a loader (declared here) or by the API.
    assert loaded_rel_types() == frozenset(RelType) - API_REL_TYPES
    assert loaded_rel_types() == {
        *LINK_TYPES,
        RelType.HAS_EVENT,
        RelType.DISQUALIFIED,
        RelType.FILED,
        RelType.IDENTIFIED_BY,
    }


def _labels_matched_by(label: NodeLabel) -> set[str]:
    return {cls.label.value for cls in _node_classes() if label in cls.node_labels()}


@pytest.mark.parametrize("rel_type", sorted(LINK_TYPES), ids=str)
def test_the_upsert_and_load_csv_of_a_link_type_follow_its_declaration(rel_type: RelType) -> None:
    cls = LINK_TYPES[rel_type]
    source = f"MATCH (a:{cls.source.value} {{key: row.src}})"
    target = f"MATCH (b:{cls.target.value} {{key: row.dst}})"
    merge = f"MERGE (a)-[r:{rel_type.value} {{key: row.key}}]->(b)"
    upsert = LINK_UPSERTS[rel_type]
    assert source in upsert and target in upsert and merge in upsert
    assert upsert.index(source) < upsert.index(target) < upsert.index(merge)
    load_csv = CSV_LINKS[rel_type.value]
    assert source in load_csv and target in load_csv and merge in load_csv
    # The stage resolves the ends among the labels a MATCH on the declared label finds.
    src_labels, dst_labels = ENDPOINTS[rel_type]
    assert set(src_labels) == _labels_matched_by(cls.source)
    assert set(dst_labels) == _labels_matched_by(cls.target)
    # Every declared key has its uniqueness constraint (MERGE on the key relies on it).
    constraint = f"FOR ()-[r:{rel_type.value}]-() REQUIRE r.key IS UNIQUE"
    assert any(constraint in item.cypher for item in SCHEMA)


@pytest.mark.parametrize("label", sorted(NODE_TYPES), ids=str)
def test_the_upsert_and_load_csv_of_a_node_type_follow_its_declaration(label: NodeLabel) -> None:
    cls = NODE_TYPES[label]
    labels = ":".join(lbl.value for lbl in (cls.label, *cls.extra_labels))
    merge = f"MERGE (n:{labels} {{key: row.key}})"
    if cls.owner is None:
        upsert, load_csv = NODE_UPSERTS[label], CSV_NODES[label.value]
        assert label not in OWNED_UPSERTS and label.value not in CSV_OWNED
    else:
        upsert, load_csv = OWNED_UPSERTS[label], CSV_OWNED[label.value]
        assert label not in NODE_UPSERTS and label.value not in CSV_NODES
        owner = f"MATCH (o:{cls.owner.label.value} {{key: row.owner}})"
        link = f"MERGE (o)-[:{cls.owner.rel_type.value}]->(n)"
        for statement in (upsert, load_csv):
            assert statement.index(owner) < statement.index(merge) < statement.index(link)
        assert cls.owner.field in cls.model_fields
    assert merge in upsert and merge in load_csv
    assert ("n.sources =" in upsert) is cls.keeps_sources
    assert ("n.sources =" in load_csv) is cls.keeps_sources
    assert NODE_LABELS[label.value] == labels
    constraint = f"FOR (n:{label.value}) REQUIRE n.key IS UNIQUE"
    assert any(constraint in item.cypher for item in SCHEMA)


def test_identifiers_are_linked_from_the_declared_owner() -> None:
    owner, rel_type = Identifier.linked_from
    for statement in (IDENTIFIER_UPSERT, CSV_IDENTIFIERS):
        assert f"MATCH (c:{owner.value} {{key: row.company}})" in statement
        assert "MERGE (i:Identifier {key: row.key})" in statement
        assert f"MERGE (c)-[:{rel_type.value}]->(i)" in statement


# One record of each node type, keyed by its label, and owned ones under their owner.
NODES: list[Node] = [
    CompanyRecord(key="Company", name="X NV", provenance=PROV),
    PersonRecord(key="Person", name="Jan Peeters", provenance=PROV),
    AddressRecord(key="Address", text="Rue 1, Brussels", provenance=PROV),
]
ENDS = [node.label for node in NODES]


def any_link(cls: type[Link], src: str, dst: str) -> Link:
    # Required fields beyond the common ones are all plain strings (role, level).
    extra = {
        name: "x"
        for name, field in cls.model_fields.items()
        if field.is_required() and name not in {"key", "src", "dst", "provenance"}
    }
    return cls(key=f"{src}->{dst}", src=src, dst=dst, provenance=PROV, **extra)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("rel_type", sorted(LINK_TYPES), ids=str)
def test_bulk_files_keep_exactly_the_links_whose_ends_have_the_declared_labels(
    tmp_path: Path, rel_type: RelType
) -> None:
    """A link from and to every kind of node: the import file holds those the upsert's MATCH
    would find, the rest come back as dangling references, as the writer reports them."""
    cls = LINK_TYPES[rel_type]
    links = [any_link(cls, src.value, dst.value) for src in ENDS for dst in ENDS]
    with BulkStage(tmp_path / "stage.sqlite") as stage:
        assert stage.add([*NODES, *links], Location("f.jsonl", 1), "test") is None
        files = write_import_files(stage, tmp_path / "csv", NOW)
    ids = {r[":ID"]: r["key"] for path in files.nodes.values() for r in _rows(path)}
    [path] = files.relationships[rel_type.value]
    rows = _rows(path)
    header = list(rows[0]) if rows else []
    assert header[:3] == [":START_ID", ":END_ID", "key"]
    assert header[-1] == "first_loaded_at:datetime"
    written = {(ids[r[":START_ID"]], ids[r[":END_ID"]]) for r in rows}
    assert all(r["key"] == f"{ids[r[':START_ID']]}->{ids[r[':END_ID']]}" for r in rows)
    expected = {
        (src.value, dst.value)
        for src in ENDS
        for dst in ENDS
        if src.value in _labels_matched_by(cls.source)
        and dst.value in _labels_matched_by(cls.target)
    }
    assert written == expected and expected
    assert len(files.rejections) == len(links) - len(expected)


def _columns(records: list[Record]) -> dict[str, set[str]]:
    columns: dict[str, set[str]] = {}
    for kind, row in _rows_of(records):
        columns.setdefault(kind, set()).update(row)
    return columns


def test_the_load_csv_statements_read_columns_the_export_writes() -> None:
    company = CompanyRecord(
        key="C", identifiers=[Identifier(scheme="GB-COH", value="1")], provenance=PROV
    )
    person = PersonRecord(key="P", name="Jan Peeters", provenance=PROV)
    event = EventRecord(key="E", company="C", kind="BANKRUPTCY", provenance=PROV)
    ban = DisqualificationRecord(key="D", person="P", provenance=PROV)
    address = AddressRecord(key="A", text="Rue 1", provenance=PROV)
    accounts = FinancialStatementRecord(
        key="F",
        company="C",
        period_end=date(2024, 12, 31),
        accounts_type="micro",
        source_format="ch-ixbrl",
        figures={"equity": 100.0},
        provenance=PROV,
    )
    links = [any_link(cls, "P", "C") for cls in LINK_TYPES.values()]
    columns = _columns([company, person, event, ban, address, accounts, *links])
    statements = {**CSV_NODES, **CSV_OWNED, **CSV_LINKS, Identifier.label.value: CSV_IDENTIFIERS}
    assert set(columns) == set(statements)
    for kind, statement in statements.items():
        read = set(re.findall(r"row\.(\w+)", statement))
        assert read <= columns[kind], kind


# Keys computed with the string-typed `relationship_key` these builders replace: the graphs
# already loaded keep their keys.
_GOLDEN = [
    (
        Directorship.make_key("P", "C", "director", date(2020, 1, 1)),
        "director_of-672afdeb3c371f001785",
    ),
    (Directorship.make_key("P", "C", "director", "ftm-id-1"), "director_of-f617b836090910ad56cd"),
    (Shareholding.make_key("P", "C", "shareholding", None), "owns-e77c8bae89c0c6719af3"),
    (Control.make_key("P", "C", date(2020, 1, 1)), "controls-e634b0cca2b287ef3f51"),
    (
        DeclaredOwnership.make_key("P", "C", "psc", date(2020, 1, 1)),
        "declared_bo_of-b61f70e97b4a45e44c6b",
    ),
    (
        DeclaredOwnership.make_key("P", "C", "bods", date(2020, 1, 1), "indirect"),
        "declared_bo_of-4e09ee96bf910a96df85",
    ),
    (Parent.make_key("C1", "C", "ultimate"), "parent_of-09e2598bc0687fc0864f"),
    (AddressLink.make_key("C", "A", "registered"), "registered_at-9bbd11b4f800b2a7f99e"),
    (Relation.make_key("P", "P2", "ftm-id-2"), "related_to-7c91a1e5c27931e46c7a"),
]


@pytest.mark.parametrize(("key", "expected"), _GOLDEN, ids=[g[1].split("-")[0] for g in _GOLDEN])
def test_link_keys_stay_byte_identical(key: str, expected: str) -> None:
    assert key == expected


def test_every_link_type_builds_its_own_keys() -> None:
    built = {key.split("-")[0] for key, _ in _GOLDEN}
    assert built == {rel_type.value.lower() for rel_type in LINK_TYPES}
    for cls in LINK_TYPES.values():
        assert "make_key" in vars(cls), f"{cls.__name__} declares no key builder"
