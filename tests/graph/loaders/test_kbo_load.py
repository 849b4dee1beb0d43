"""KBO/BCE snapshot folders loaded into the real Neo4j: counts, idempotence, a later snapshot.

The snapshot is the synthetic tests/fixtures/kbo (no real KBO sample is available).
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from neo4j import Driver

from graph_schema.settings import Settings
from loaders.kbo.parse import FORMAT
from loaders.rejects import RejectSink
from loaders.write.pipeline import load_paths
from loaders.write.writer import GraphWriter
from tests.graph.loading import assert_loading_again_changes_nothing, count, load

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "kbo"


def test_snapshot_loads_with_exact_counts(graph: Driver, settings: Settings) -> None:
    report = load(graph, settings, FORMAT, FIXTURE, batch_size=3)
    # rows: meta 5, code 30, enterprise 6, establishment 2, branch 1, denomination 10,
    # address 5, activity 6, contact 1
    assert (report.read, report.loaded, report.rejected) == (66, 66, 0)
    assert count(graph, "MATCH (c:Company) RETURN count(c) AS c") == 7
    assert count(graph, "MATCH (a:Address) RETURN count(a) AS c") == 3
    assert count(graph, "MATCH ()-[r:REGISTERED_AT]->() RETURN count(r) AS c") == 4
    assert count(graph, "MATCH ()-[r:IDENTIFIED_BY]->() RETURN count(r) AS c") == 7
    kinds = graph.execute_query(
        "MATCH (c:Company)-[:HAS_EVENT]->(e:Event) "
        "RETURN c.name AS name, e.kind AS kind, e.insolvency AS i ORDER BY name"
    ).records
    assert [(r["name"], r["kind"], r["i"]) for r in kinds] == [
        ("Ancienne Société Exemple", "DISSOLUTION", False),
        ("Bouwbedrijf Janssens", "BANKRUPTCY", True),
        ("Herstel Bouw Limburg", "JUDICIAL_REORGANISATION", False),
        ("Société Exemple de Namur", "LIQUIDATION", False),
    ]
    firm = graph.execute_query(
        "MATCH (c:Company {key: 'BE-BCE_KBO-0812345603'})-[:REGISTERED_AT]->(a:Address) "
        "RETURN c AS c, a.text AS address"
    ).records[0]
    company = firm["c"]
    assert company["name"] == "Dakwerken Peeters"
    assert company["legal_form"] == "Besloten vennootschap (610)"
    assert company["incorporated_on"].to_native() == date(2015, 3, 15)
    assert company["activity_codes"] == ["NACE:43.91", "NACE1.1:45.22", "NACE:41.20"]
    assert company["source"] == "kbo"
    assert firm["address"] == "Voorbeeldstraat 12 bus 3, 2000 Antwerpen, België"
    # The bankrupt company shares that address: one Address node, two companies.
    shared = count(
        graph,
        "MATCH (a:Address {text: 'Voorbeeldstraat 12 bus 3, 2000 Antwerpen, België'})"
        "<-[:REGISTERED_AT]-(c) RETURN count(c) AS c",
    )
    assert shared == 2


def test_loading_twice_leaves_the_graph_identical(graph: Driver, settings: Settings) -> None:
    load(graph, settings, FORMAT, FIXTURE, batch_size=3)
    assert_loading_again_changes_nothing(graph, settings, FORMAT, FIXTURE, batch_size=3)


def test_a_later_snapshot_updates_in_place(
    graph: Driver, settings: Settings, tmp_path: Path
) -> None:
    load(graph, settings, FORMAT, FIXTURE, batch_size=3)
    companies = count(graph, "MATCH (c:Company) RETURN count(c) AS c")
    later = tmp_path / "kbo-2026-12"
    shutil.copytree(FIXTURE, later)
    (later / "meta.csv").write_text(
        (later / "meta.csv").read_text(encoding="utf-8").replace("01-11-2026", "01-12-2026"),
        encoding="utf-8",
    )
    enterprises = (later / "enterprise.csv").read_text(encoding="utf-8")
    (later / "enterprise.csv").write_text(
        enterprises.replace('"0812.345.603","AC","000"', '"0812.345.603","AC","050"'),
        encoding="utf-8",
    )
    names = (later / "denomination.csv").read_text(encoding="utf-8")
    (later / "denomination.csv").write_text(
        names.replace("Dakwerken Peeters", "Dakwerken Peeters & Zonen"), encoding="utf-8"
    )
    report = load(graph, settings, FORMAT, later, batch_size=3)
    assert report.rejected == 0
    assert count(graph, "MATCH (c:Company) RETURN count(c) AS c") == companies
    row = graph.execute_query(
        "MATCH (c:Company {key: 'BE-BCE_KBO-0812345603'}) "
        "OPTIONAL MATCH (c)-[:HAS_EVENT]->(e:Event) "
        "RETURN c.name AS name, c.status_detail AS detail, collect(e.kind) AS kinds, "
        "collect(e.date) AS dates"
    ).records[0]
    assert row["name"] == "Dakwerken Peeters & Zonen"
    assert row["detail"] == "Opening faillissement (050)"
    assert row["kinds"] == ["BANKRUPTCY"]
    assert [d.to_native() for d in row["dates"]] == [date(2026, 12, 1)]
    # The already-bankrupt company keeps ONE bankruptcy event, now observed in December.
    janssens = graph.execute_query(
        "MATCH (:Company {key: 'BE-BCE_KBO-0823456754'})-[:HAS_EVENT]->(e:Event) RETURN e.date AS d"
    ).records
    assert [r["d"].to_native() for r in janssens] == [date(2026, 12, 1)]


def test_broken_rows_are_rejected_and_the_rest_arrives(
    graph: Driver, settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "kbo"
    shutil.copytree(FIXTURE, folder)
    with (folder / "enterprise.csv").open("ab") as fh:
        fh.write(b'"0200.065.766","AC","000","2","610","","01-01-2000"\n')
        fh.write(b'"0456.789.034","AC","000","2","610","","31-02-2020"\n')
        fh.write(b'"0456.789.034","AC","777","2","610","","01-01-2020"\n')
        fh.write(b'"0456.789.034","AC"\n')
    with (folder / "denomination.csv").open("ab") as fh:
        fh.write(b'"0834.567.808","2","001","Caf\xe9 Namen"\n')
    rejects = tmp_path / "rejects.jsonl"
    with RejectSink(rejects) as sink:
        writer = GraphWriter(graph, settings.neo4j.database, batch_size=3)
        report = load_paths(FORMAT, [folder], writer, sink)
    assert (report.read, report.loaded, report.rejected) == (71, 66, 5)
    text = rejects.read_text(encoding="utf-8")
    for reason in (
        "invalid Belgian enterprise number '0200.065.766'",
        "invalid date '31-02-2020' in StartDate",
        "unknown JuridicalSituation code '777'",
        "expected 7 columns, found 2",
        "not UTF-8",
    ):
        assert reason in text
    assert count(graph, "MATCH (c:Company) RETURN count(c) AS c") == 7
    name = graph.execute_query(
        "MATCH (c:Company {key: 'BE-BCE_KBO-0834567808'}) RETURN c.name AS n"
    ).records
    assert [r["n"] for r in name] == ["Société Exemple de Namur"]
