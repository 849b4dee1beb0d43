"""GraphWriter + pipeline against the real Neo4j: idempotent, updates in place, nothing lost."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from neo4j import Driver

from graph_schema.edges import Directorship, Shareholding
from graph_schema.events import EventKind
from graph_schema.keys import event_key
from graph_schema.nodes import CompanyRecord, EventRecord, Identifier, PersonRecord, Record
from graph_schema.provenance import Provenance
from graph_schema.settings import Settings
from loaders.contract import Format, Parsed, ParseResult
from loaders.rejects import Location, Rejection, RejectSink
from loaders.source import ByteCounter, iter_json
from loaders.write.pipeline import LoadReport, load_paths
from loaders.write.writer import GraphWriter


def _toy_parse(path: Path, counter: ByteCounter) -> Iterator[ParseResult]:
    """A toy format: {"company": number, "name", "director", "born", "since", "until", "event"}."""
    for item in iter_json(path, counter):
        if isinstance(item, Rejection):
            yield item
            continue
        location, data = item
        if not isinstance(data, dict) or "company" not in data:
            yield Rejection(location, "missing key field: company", raw=data)
            continue
        prov = Provenance(source="toy", record_id=str(location.line), source_file=path.name)
        ckey = f"GB-COH-{int(data['company']):08d}"
        records: list[Record] = [
            CompanyRecord(
                key=ckey,
                name=data.get("name"),
                identifiers=[Identifier(scheme="GB-COH", value=ckey[7:])],
                provenance=prov,
            )
        ]
        if "director" in data:
            pkey = "person-" + data["director"].lower().replace(" ", "-")
            records.append(PersonRecord(key=pkey, name=data["director"], provenance=prov))
            since = date.fromisoformat(data["since"])
            until = date.fromisoformat(data["until"]) if data.get("until") else None
            records.append(
                Directorship(
                    key=Directorship.make_key(pkey, ckey, "director", since),
                    src=pkey,
                    dst=ckey,
                    role="director",
                    start=since,
                    end=until,
                    provenance=prov,
                )
            )
        if "owner_of_missing" in data:
            records.append(
                Shareholding(
                    key="sh-x", src=ckey, dst="GB-COH-99999999", share_exact=50, provenance=prov
                )
            )
        if "event" in data:
            on = date.fromisoformat(data["event"])
            records.append(
                EventRecord(
                    key=event_key(ckey, "BANKRUPTCY", on),
                    company=ckey,
                    kind=EventKind.BANKRUPTCY,
                    date=on,
                    provenance=prov,
                )
            )
        yield Parsed(location, records)


TOY = Format("toy", "test format", _toy_parse)

BETA = (
    '{"company": 2, "name": "Beta Ltd", "director": "Ann Lee", "since": "2019-05-01", '
    '"event": "2023-02-01"}'
)
V1 = (
    """{"company": 1, "name": "Acme Ltd", "director": "Ann Lee", "since": "2020-01-01"}
"""
    + BETA
    + """
{"bad json
{"name": "no company"}
{"company": 3, "name": "Gamma", "owner_of_missing": true}
"""
)

V2 = (
    '{"company": 1, "name": "Acme Holdings Ltd", "director": "Ann Lee", "since": "2020-01-01", '
    '"until": "2024-06-30"}\n' + BETA + "\n"
)


def _load(
    driver: Driver, settings: Settings, path: Path, rejects: Path | None = None
) -> tuple[LoadReport, RejectSink]:
    with RejectSink(rejects) as sink:
        writer = GraphWriter(driver, settings.neo4j.database, batch_size=2)
        report = load_paths(TOY, [path], writer, sink)
    return report, sink


def _snapshot(driver: Driver) -> tuple[int, int, list[tuple[str, list[tuple[str, object]]]]]:
    nodes = driver.execute_query("MATCH (n) RETURN count(n) AS c").records[0]["c"]
    rels = driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS c").records[0]["c"]
    props = driver.execute_query(
        "MATCH (n) RETURN n.key AS k, properties(n) AS p ORDER BY k"
    ).records
    return nodes, rels, [(r["k"], sorted(r["p"].items())) for r in props]


def test_load_reports_rejects_and_writes_the_good_records(
    graph: Driver, settings: Settings, tmp_path: Path
) -> None:
    src = tmp_path / "v1.jsonl"
    src.write_text(V1)
    rejects = tmp_path / "rejects.jsonl"
    report, sink = _load(graph, settings, src, rejects)
    assert report.read == 5
    assert report.rejected == 3  # bad JSON, missing key, dangling shareholding
    assert report.loaded == 2
    assert report.read == report.loaded + report.rejected
    lines = rejects.read_text().splitlines()
    assert len(lines) == 3
    assert '"line": 3' in lines[0] and "invalid JSON" in lines[0]
    assert "missing key field" in lines[1]
    assert "dangling reference" in lines[2] and "GB-COH-99999999" in lines[2]
    names = graph.execute_query("MATCH (c:Company) RETURN c.name AS n ORDER BY n").records
    assert [r["n"] for r in names] == ["Acme Ltd", "Beta Ltd", "Gamma"]
    ann = graph.execute_query(
        "MATCH (:Person {name: 'Ann Lee'})-[d:DIRECTOR_OF]->(c) RETURN c.key AS c, d.start AS s "
        "ORDER BY c"
    ).records
    assert [(r["c"], r["s"].to_native()) for r in ann] == [
        ("GB-COH-00000001", date(2020, 1, 1)),
        ("GB-COH-00000002", date(2019, 5, 1)),
    ]
    event = graph.execute_query(
        "MATCH (:Company {key: 'GB-COH-00000002'})-[:HAS_EVENT]->(e:Event) "
        "RETURN e.kind AS k, e.insolvency AS i, e.source AS s"
    ).records
    assert [(r["k"], r["i"], r["s"]) for r in event] == [("BANKRUPTCY", True, "toy")]


def test_loading_twice_leaves_the_graph_identical(
    graph: Driver, settings: Settings, tmp_path: Path
) -> None:
    src = tmp_path / "v1.jsonl"
    src.write_text(V1)
    first, _ = _load(graph, settings, src)
    before = _snapshot(graph)
    second, _ = _load(graph, settings, src)
    assert _snapshot(graph) == before
    assert second.nodes.created == 0 and second.links.created == 0
    assert second.nodes.updated == 0 and second.links.updated == 0
    assert first.nodes.created > 0


def test_a_newer_file_updates_in_place(graph: Driver, settings: Settings, tmp_path: Path) -> None:
    v1, v2 = tmp_path / "v1.jsonl", tmp_path / "v2.jsonl"
    v1.write_text(V1)
    v2.write_text(V2)
    _load(graph, settings, v1)
    nodes, rels, _ = _snapshot(graph)
    report, _ = _load(graph, settings, v2)
    nodes2, rels2, _ = _snapshot(graph)
    assert (nodes2, rels2) == (nodes, rels)  # nothing duplicated
    assert report.nodes.updated >= 1 and report.links.updated == 1
    row = graph.execute_query(
        "MATCH (:Person {name: 'Ann Lee'})-[d:DIRECTOR_OF]->(c:Company {key: 'GB-COH-00000001'}) "
        "RETURN c.name AS name, d.end AS end"
    ).records
    assert [(r["name"], r["end"].to_native()) for r in row] == [
        ("Acme Holdings Ltd", date(2024, 6, 30))
    ]


def test_identifiers_are_linked_once(graph: Driver, settings: Settings, tmp_path: Path) -> None:
    src = tmp_path / "v1.jsonl"
    src.write_text(V1)
    _load(graph, settings, src)
    _load(graph, settings, src)
    rows = graph.execute_query(
        "MATCH (c:Company)-[:IDENTIFIED_BY]->(i:Identifier) "
        "RETURN c.key AS c, i.key AS i ORDER BY c"
    ).records
    assert [(r["c"], r["i"]) for r in rows] == [
        ("GB-COH-00000001", "GB-COH-00000001"),
        ("GB-COH-00000002", "GB-COH-00000002"),
        ("GB-COH-00000003", "GB-COH-00000003"),
    ]


def test_location_is_reported(tmp_path: Path) -> None:
    assert Location("f.json", line=3).describe() == "f.json, line 3"
