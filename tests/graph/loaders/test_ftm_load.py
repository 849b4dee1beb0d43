"""FtM samples loaded end to end into the real Neo4j."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from neo4j import Driver

from graph_schema.nodes import CompanyRecord
from graph_schema.provenance import Provenance
from graph_schema.settings import Settings
from loaders.ftm import FORMAT
from loaders.rejects import Location
from loaders.write.writer import GraphWriter
from tests.graph.loading import assert_loading_again_changes_nothing, graph_counts, load


def test_zala_loads_with_owners_directors_family_and_sanctions(
    graph: Driver, settings: Settings, datasets_dir: Path
) -> None:
    report = load(graph, settings, FORMAT, datasets_dir / "ftm" / "zala.ftm.jsonl")
    assert (report.read, report.loaded, report.rejected) == (91, 91, 0)
    assert graph_counts(graph) == {
        "Company": 11,
        "Person": 6,
        "Address": 101,
        "Identifier": 17,  # every company and person carries its OpenSanctions id
        "IDENTIFIED_BY": 17,
        "OWNS": 14,
        "DIRECTOR_OF": 3,
        "RELATED_TO": 4,
        "REGISTERED_AT": 106,
    }
    owns = graph.execute_query(
        "MATCH (p:Person {name: 'Alexander Vyacheslavovich ZAKHAROV'})-[o:OWNS]->"
        "(c:Company {name: 'Limited Liability Company Aeroscan'}) "
        "RETURN o.share_exact AS s, o.start AS a, o.end AS b, p.birth_year_month AS ym"
    ).records
    assert [(r["s"], r["a"].to_native(), r["b"].to_native(), r["ym"]) for r in owns] == [
        (100.0, date(2024, 3, 1), date(2024, 3, 24), "1965-09")
    ]
    maria = graph.execute_query(
        "MATCH (p:Person {name: 'Maria Aleksandrovna Osetrova'})-[f:RELATED_TO]->(q:Person) "
        "RETURN p.topics AS t, p.key AS k, q.name AS q, f.relationship AS rel"
    ).records
    assert [(r["t"], r["q"], r["rel"]) for r in maria] == [
        (
            ["corp.disqual", "debarment", "sanction"],
            "Alexander Vyacheslavovich ZAKHAROV",
            "Family member of",
        )
    ]
    director = graph.execute_query(
        "MATCH (:Person {name: 'Абашкін Костянтин Ігорьович'})-[d:DIRECTOR_OF]->(c:Company) "
        "RETURN c.name AS c, d.role AS r, d.role_label AS l, d.start AS s"
    ).records
    assert [(r["c"], r["r"], r["l"], r["s"].to_native()) for r in director] == [
        (
            "LLC CST",
            "managing_director",
            "ГЕНЕРАЛЬНЫЙ ДИРЕКТОР",
            date(2017, 10, 23),
        )
    ]
    # topics only from a Sanction entity (the company's own list lacks "sanction")
    cst = graph.execute_query(
        "MATCH (c:Company {key: 'XI-OPENSANCTIONS-NK-DSxJ9ZzHxBBMyEMnnTBhai'}) "
        "RETURN c.topics AS t, c.source AS s"
    ).records
    assert [(r["t"], r["s"]) for r in cst] == [(["sanction"], "ftm")]


def test_other_samples_exact_counts(graph: Driver, settings: Settings, datasets_dir: Path) -> None:
    report = load(graph, settings, FORMAT, datasets_dir / "ftm" / "donations.ftm.jsonl")
    assert (report.read, report.loaded, report.rejected) == (474, 474, 0)
    assert graph_counts(graph) == {
        "Company": 73,  # 56 Company + 17 Organization
        "Person": 22,
        "Address": 88,  # 89 Address entities, two with the same text
        "Identifier": 95,
        "IDENTIFIED_BY": 95,
        "REGISTERED_AT": 102,
    }  # the 290 Payments are read, not modelled
    graph.execute_query("MATCH (n) DETACH DELETE n")
    report = load(graph, settings, FORMAT, datasets_dir / "ftm" / "yente-t1-eu_fsf")
    assert (report.read, report.loaded, report.rejected) == (7, 7, 0)
    assert graph_counts(graph) == {
        "Company": 2,
        "Person": 4,
        "Address": 1,
        "Identifier": 6,
        "IDENTIFIED_BY": 6,
    }


def test_deltas_are_streams_of_changes(
    graph: Driver, settings: Settings, datasets_dir: Path
) -> None:
    """The five real OpenSanctions delta versions of yente's t2 fixture: ADD, MOD, then DEL of
    NK-500Poltergeist; loading its ADD version again brings it back."""
    folder = datasets_dir / "ftm" / "yente-t2-deltas"
    versions = sorted(folder.glob("*.entities.delta.jsonl"))
    reports = [load(graph, settings, FORMAT, v) for v in versions]
    assert [r.read for r in reports] == [0, 2, 2, 1, 1]
    assert sum(r.rejected for r in reports) == 0
    assert [r.changes for r in reports] == [
        {},
        {"added": 2},
        {"added": 1, "modified": 1},
        {"deleted": 1},
        {"added": 1},
    ]
    assert "changes: 1 added, 1 modified, 0 deleted" in reports[2].summary()
    rows = graph.execute_query(
        "MATCH (c:Company {key: 'XI-OPENSANCTIONS-NK-2T3S8Hu29ktYnKSTgQp2wL'}) "
        "RETURN c.name AS n, c.topics AS t"
    ).records
    # MOD replaced the ADD, topics included (crime.terror is gone)
    assert [(r["n"], r["t"]) for r in rows] == [("Foobar Foobargroup", ["sanction"])]
    assert reports[2].nodes.updated >= 1
    # DEL: the entity, known from this source only, is gone with its identifier
    gone = "MATCH (n:Company {key: 'XI-OPENSANCTIONS-NK-500Poltergeist'}) RETURN count(n) AS c"
    assert graph.execute_query(gone).records[0]["c"] == 0
    assert graph_counts(graph) == {"Company": 1, "Person": 2, "Identifier": 3, "IDENTIFIED_BY": 3}
    # a later ADD brings it back
    again = load(graph, settings, FORMAT, versions[2])
    assert (again.rejected, again.changes) == (0, {"added": 1, "modified": 1})
    assert graph.execute_query(gone).records[0]["c"] == 1


def _delta(tmp_path: Path, name: str, *lines: dict[str, Any]) -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def _entity(entity_id: str, schema: str, **props: Any) -> dict[str, Any]:
    return {
        "id": entity_id,
        "schema": schema,
        "properties": {k: v if isinstance(v, list) else [v] for k, v in props.items()},
    }


def test_a_delta_changes_an_ownership_of_entities_already_in_the_graph(
    graph: Driver, settings: Settings, tmp_path: Path
) -> None:
    """Written from OpenSanctions' delta documentation (op/entity lines; a changed Ownership
    carries no copy of its unchanged endpoints): no real sample has one."""
    base = _delta(
        tmp_path,
        "20240601000000-aaa.entities.delta.jsonl",
        {"op": "ADD", "entity": _entity("p1", "Person", name="Ivan Petrov", birthDate="1965-09")},
        {"op": "ADD", "entity": _entity("c1", "Company", name="Target LLC", country="ru")},
        {
            "op": "ADD",
            "entity": _entity("o1", "Ownership", owner="p1", asset="c1", percentage="30"),
        },
    )
    assert load(graph, settings, FORMAT, base).rejected == 0
    change = _delta(
        tmp_path,
        "20240602000000-bbb.entities.delta.jsonl",
        {
            "op": "MOD",
            "entity": _entity("o1", "Ownership", owner="p1", asset="c1", percentage="60"),
        },
        {"op": "ADD", "entity": _entity("s1", "Sanction", entity="c1", country="gb")},
        {"op": "ADD", "entity": _entity("o2", "Ownership", owner="p404", asset="c1")},
    )
    rejects = tmp_path / "rejects.jsonl"
    report = load(graph, settings, FORMAT, change, rejects=rejects)
    assert (report.loaded, report.rejected) == (2, 1)
    assert report.changes == {"modified": 1, "added": 1}  # the rejected ADD is not counted
    (bad,) = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert (bad["line"], bad["reason"]) == (
        3,
        "dangling reference: XI-OPENSANCTIONS-p404 is neither in this file nor in the graph",
    )
    rows = graph.execute_query(
        "MATCH (p:Person)-[o:OWNS]->(c:Company) RETURN p.name AS p, o.share_exact AS s, "
        "c.topics AS t, count(*) AS n"
    ).records
    # the same link, updated in place; the Sanction's meaning on the unchanged company
    assert [(r["p"], r["s"], r["t"], r["n"]) for r in rows] == [
        ("Ivan Petrov", 60.0, ["sanction"], 1)
    ]


def test_del_ends_what_the_entity_contributed_and_add_brings_it_back(
    graph: Driver, settings: Settings, tmp_path: Path
) -> None:
    """A DEL of an Ownership ends its link (dated with the delta version, with provenance); a
    DEL of a company that another source also describes strips this source's part only."""
    base = _delta(
        tmp_path,
        "20240601000000-aaa.entities.delta.jsonl",
        {"op": "ADD", "entity": _entity("p1", "Person", name="Ann Lee", birthDate="1970-05")},
        {
            "op": "ADD",
            "entity": _entity(
                "c1",
                "Company",
                name="Acme Ltd",
                jurisdiction="gb",
                registrationNumber="123",
                topics=["sanction"],
            ),
        },
        {
            "op": "ADD",
            "entity": _entity("o1", "Ownership", owner="p1", asset="c1", percentage="60"),
        },
    )
    load(graph, settings, FORMAT, base)
    with GraphWriter(graph, settings.neo4j.database) as writer:  # Companies House knows it too
        writer.add(
            [
                CompanyRecord(
                    key="GB-COH-00000123",
                    name="ACME LTD",
                    provenance=Provenance(source="companies-house", record_id="00000123"),
                )
            ],
            Location("profile.json"),
        )
    deleted = _delta(
        tmp_path,
        "20240605000000-ccc.entities.delta.jsonl",
        {"op": "DEL", "entity": {"id": "o1"}},
        {"op": "DEL", "entity": {"id": "c1"}},
    )
    report = load(graph, settings, FORMAT, deleted)
    assert (report.rejected, report.changes) == (0, {"deleted": 2})
    link = graph.execute_query(
        "MATCH (:Person)-[o:OWNS]->(c:Company) RETURN o.end AS e, o.end_reason AS why, "
        "o.source_file AS f, c.topics AS t, c.sources AS s"
    ).records
    assert [(r["e"].to_native(), r["why"], r["f"], r["t"], r["s"]) for r in link] == [
        (
            date(2024, 6, 5),
            "withdrawn by the source (20240605000000-ccc.entities.delta.jsonl)",
            "20240605000000-ccc.entities.delta.jsonl",
            None,  # no longer sanctioned: that came from the withdrawn record
            ["companies-house"],
        )
    ]
    # the OpenSanctions id no longer leads to the company
    ident = "MATCH (:Identifier {key: 'XI-OPENSANCTIONS-c1'})<-[:IDENTIFIED_BY]-(c) RETURN c"
    assert graph.execute_query(ident).records == []
    # a later ADD brings both back, the link open again
    load(graph, settings, FORMAT, base)
    back = graph.execute_query(
        "MATCH (:Person)-[o:OWNS]->(c:Company) RETURN o.end AS e, o.end_reason AS why, "
        "c.topics AS t"
    ).records
    assert [(r["e"], r["why"], r["t"]) for r in back] == [(None, None, ["sanction"])]


def test_loading_twice_leaves_the_graph_identical(
    graph: Driver, settings: Settings, datasets_dir: Path
) -> None:
    path = datasets_dir / "ftm" / "zala.ftm.jsonl"
    load(graph, settings, FORMAT, path)
    assert_loading_again_changes_nothing(graph, settings, FORMAT, path)


def test_malformed_lines_are_rejected_and_good_ones_arrive(
    graph: Driver, settings: Settings, tmp_path: Path
) -> None:
    lines = [
        {"id": "c1", "schema": "Company", "properties": {"name": ["Good Co"]}},
        {
            "id": "p1",
            "schema": "Person",
            "properties": {"name": ["Ann Lee"], "birthDate": ["1970-13-01"]},
        },
        {"id": "o1", "schema": "Ownership", "properties": {"owner": ["p9"], "asset": ["c1"]}},
        {"id": "x1", "schema": "Spaceship", "properties": {}},
    ]
    src = tmp_path / "bad.jsonl"
    src.write_bytes(
        b"\r\n".join(json.dumps(line).encode() for line in lines) + b'\r\n{"id": "\xff"}\r\n'
    )
    rejects = tmp_path / "rejects.jsonl"
    report = load(graph, settings, FORMAT, src, rejects=rejects)
    assert (report.read, report.loaded, report.rejected) == (5, 1, 4)
    reasons = [json.loads(line)["reason"] for line in rejects.read_text().splitlines()]
    assert reasons[:2] == [
        "invalid date '1970-13-01' in birthDate",
        "unknown FtM schema 'Spaceship'",
    ]
    assert reasons[2].startswith("not UTF-8")
    # found missing when its batch is written: neither in the file nor in the graph
    assert reasons[3] == (
        "dangling reference: XI-OPENSANCTIONS-p9 is neither in this file nor in the graph"
    )
    assert graph_counts(graph) == {"Company": 1, "Identifier": 1, "IDENTIFIED_BY": 1}
