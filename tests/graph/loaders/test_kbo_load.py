"""KBO/BCE extracts loaded into the real Neo4j: counts, idempotence, a later snapshot, update
extracts in order.

The full set is the synthetic tests/fixtures/kbo (no real full set is available); the update
tests/fixtures/kbo-update-0151 is written from the documented layout; update 0147 is real.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from neo4j import Driver

from graph_schema.errors import OutOfOrder
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


UPDATE = FIXTURE.parent / "kbo-update-0151"


def test_an_update_extract_changes_deletes_and_dates_what_changed(
    graph: Driver, settings: Settings
) -> None:
    """The full set 0150, then update 0151 (hand-written from the documented update layout)."""
    load(graph, settings, FORMAT, FIXTURE, batch_size=3)
    report = load(graph, settings, FORMAT, UPDATE, batch_size=3)
    assert report.rejected == 0
    # rows: deleted for good 5 (0834 in three tables, 0823's address and activities),
    # deleted and inserted again 3 (0812 in three tables), new 4 (0899 in four tables)
    assert report.changes == {"deleted": 5, "modified": 3, "added": 4}
    peeters = graph.execute_query(
        "MATCH (c:Company {key: 'BE-BCE_KBO-0812345603'}) "
        "OPTIONAL MATCH (c)-[:HAS_EVENT]->(e:Event) "
        "RETURN c.status_detail AS d, c.activity_codes AS a, "
        "collect([e.kind, e.date, e.description]) AS events"
    ).records[0]
    assert peeters["d"] == "Opening faillissement (050)"
    assert peeters["a"] == ["NACE:43.12"]  # the inserted list replaced the deleted rows
    ((kind, on, text),) = peeters["events"]
    assert (kind, on.to_native()) == ("BANKRUPTCY", date(2026, 11, 8))
    assert "KBO update extract 151 (snapshot 2026-11-08)" in text
    # moved: the old registered office ended on the snapshot date, the new one is open
    moves = graph.execute_query(
        "MATCH (:Company {key: 'BE-BCE_KBO-0812345603'})-[r:REGISTERED_AT]->(a:Address) "
        "RETURN a.text AS t, r.end AS e ORDER BY t"
    ).records
    assert [(r["t"], r["e"] and r["e"].to_native()) for r in moves] == [
        ("Nieuwstraat 40, 2018 Antwerpen, België", None),
        ("Voorbeeldstraat 12 bus 3, 2000 Antwerpen, België", date(2026, 11, 8)),
    ]
    # left the open data: stopped, with a dated event; its address ended
    namur = graph.execute_query(
        "MATCH (c:Company {key: 'BE-BCE_KBO-0834567808'})-[:HAS_EVENT]->(e:Event) "
        "WHERE e.kind = 'STATUS_CHANGE' "
        "MATCH (c)-[r:REGISTERED_AT]->() RETURN c.status AS s, e.date AS d, r.end AS end"
    ).records
    assert [(r["s"], r["d"].to_native(), r["end"].to_native()) for r in namur] == [
        ("stopped", date(2026, 11, 8), date(2026, 11, 8))
    ]
    # deleted activities and no new ones: none left
    janssens = graph.execute_query(
        "MATCH (c:Company {key: 'BE-BCE_KBO-0823456754'}) RETURN c.activity_codes AS a"
    ).records
    assert janssens[0]["a"] is None
    new = graph.execute_query(
        "MATCH (c:Company {key: 'BE-BCE_KBO-0899999949'}) RETURN c.name AS n"
    ).records
    assert new[0]["n"] == "Nieuwe Daken Antwerpen"
    state = graph.execute_query(
        "MATCH (s:LoadState {key: 'kbo'}) RETURN s.extract_number AS n, s.extract_type AS t"
    ).records
    assert [(r["n"], r["t"]) for r in state] == [(151, "update")]


def test_update_extracts_apply_in_order_only(
    graph: Driver, settings: Settings, tmp_path: Path
) -> None:
    load(graph, settings, FORMAT, FIXTURE, batch_size=3)  # 0150
    gap = tmp_path / "gap"
    shutil.copytree(UPDATE, gap)
    meta = (gap / "meta.csv").read_text(encoding="utf-8")
    (gap / "meta.csv").write_text(meta.replace('"0151"', '"0153"'), encoding="utf-8")
    with pytest.raises(OutOfOrder) as refused:
        load(graph, settings, FORMAT, gap, batch_size=3)
    assert refused.value.message == (
        "KBO update extract 153 does not follow extract 150, the last one applied to this "
        "graph: extracts 151 to 152 must be applied first"
    )
    assert (
        count(graph, "MATCH (c:Company {key: 'BE-BCE_KBO-0899999949'}) RETURN count(c) AS c") == 0
    )
    load(graph, settings, FORMAT, UPDATE, batch_size=3)
    with pytest.raises(OutOfOrder) as again:
        load(graph, settings, FORMAT, UPDATE, batch_size=3)
    assert again.value.message == (
        "KBO update extract 151 is not newer than extract 151, the last one applied to this "
        "graph; it is refused (apply extracts in ExtractNumber order)"
    )
    load(graph, settings, FORMAT, FIXTURE, batch_size=3)  # a full set is always accepted
    state = "MATCH (s:LoadState {key: 'kbo'}) RETURN s.extract_number AS c"
    assert count(graph, state) == 150


def test_the_real_daily_update_extract_loads(
    graph: Driver, settings: Settings, datasets_dir: Path
) -> None:
    """KBO update extract 0147 of 11-10-2025 (the shared sample), on a graph without KBO data."""
    report = load(
        graph,
        settings,
        FORMAT,
        datasets_dir / "kbo" / "KboOpenData_0147_2025_10_12_Update",
        batch_size=3,
    )
    assert (report.read, report.loaded, report.rejected) == (22608, 22608, 0)
    assert report.changes == {"added": 273, "modified": 363, "deleted": 390}
    counts = {
        "companies": "MATCH (c:Company) RETURN count(c) AS c",
        "stopped": "MATCH (c:Company {status: 'stopped'}) RETURN count(c) AS c",
        "events": "MATCH (:Company)-[:HAS_EVENT]->(e:Event) RETURN count(e) AS c",
        "addresses": "MATCH ()-[r:REGISTERED_AT]->() WHERE r.end IS NULL RETURN count(r) AS c",
    }
    # every enterprise an update row names: 158 gone from the open data (stopped, with a
    # dated event), the others inserted or changed; 12 registered offices among 68 addresses
    assert {k: count(graph, q) for k, q in counts.items()} == {
        "companies": 192,
        "stopped": 158,
        "events": 158,
        "addresses": 12,
    }
