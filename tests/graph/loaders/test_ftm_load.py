"""FtM samples loaded end to end into the real Neo4j."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from neo4j import Driver

from graph_schema.settings import Settings
from loaders.ftm import FORMAT
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
        "Identifier": 11,
        "IDENTIFIED_BY": 11,
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
        "Identifier": 73,
        "IDENTIFIED_BY": 73,
        "REGISTERED_AT": 102,
    }  # the 290 Payments are read, not modelled
    graph.execute_query("MATCH (n) DETACH DELETE n")
    report = load(graph, settings, FORMAT, datasets_dir / "ftm" / "yente-t1-eu_fsf")
    assert (report.read, report.loaded, report.rejected) == (7, 7, 0)
    assert graph_counts(graph) == {
        "Company": 2,
        "Person": 4,
        "Address": 1,
        "Identifier": 2,
        "IDENTIFIED_BY": 2,
    }


def test_deltas_update_in_place_and_del_is_not_applied(
    graph: Driver, settings: Settings, datasets_dir: Path
) -> None:
    folder = datasets_dir / "ftm" / "yente-t2-deltas"
    versions = sorted(folder.glob("*.entities.delta.jsonl"))
    reports = [load(graph, settings, FORMAT, v) for v in versions]
    assert [r.read for r in reports] == [0, 2, 2, 1, 1]
    assert sum(r.rejected for r in reports) == 0
    rows = graph.execute_query(
        "MATCH (c:Company {key: 'XI-OPENSANCTIONS-NK-2T3S8Hu29ktYnKSTgQp2wL'}) RETURN c.name AS n"
    ).records
    assert [r["n"] for r in rows] == ["Foobar Foobargroup"]  # MOD replaced the ADD
    assert reports[2].nodes.updated >= 1
    assert graph_counts(graph) == {"Company": 2, "Person": 2, "Identifier": 2, "IDENTIFIED_BY": 2}


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
    assert reasons[:3] == [
        "invalid date '1970-13-01' in birthDate",
        "owner 'p9' is not in this file",
        "unknown FtM schema 'Spaceship'",
    ]
    assert reasons[3].startswith("not UTF-8")
    assert graph_counts(graph) == {"Company": 1, "Identifier": 1, "IDENTIFIED_BY": 1}
