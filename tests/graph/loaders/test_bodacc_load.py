"""BODACC announcements loaded into the real Neo4j: the real sample, broken input, re-loads."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

from neo4j import Driver

from graph_schema.settings import Settings
from loaders.bodacc.parse import FORMAT, NO_SIREN
from tests.graph.loading import assert_loading_again_changes_nothing, count, load

SAMPLE = Path("bodacc") / "procedures-collectives-2026-02-13.json"


def test_the_real_sample_loads_with_exact_counts(
    graph: Driver, settings: Settings, datasets_dir: Path, tmp_path: Path
) -> None:
    rejects = tmp_path / "rejects.jsonl"
    report = load(graph, settings, FORMAT, datasets_dir / SAMPLE, rejects=rejects, batch_size=200)
    assert (report.read, report.loaded, report.rejected) == (500, 461, 39)
    lines = [json.loads(line) for line in rejects.read_text(encoding="utf-8").splitlines()]
    assert {line["reason"] for line in lines} == {NO_SIREN}
    assert count(graph, "MATCH (c:Company) RETURN count(c) AS c") == 459
    assert count(graph, "MATCH (p:Person) RETURN count(p) AS c") == 17
    assert count(graph, "MATCH (:Person)-[:DISQUALIFIED]->(d) RETURN count(d) AS c") == 17
    kinds = graph.execute_query(
        "MATCH (:Company)-[:HAS_EVENT]->(e:Event) "
        "RETURN e.kind AS kind, e.insolvency AS i, count(*) AS n ORDER BY kind"
    ).records
    assert [(r["kind"], r["i"], r["n"]) for r in kinds] == [
        ("COMPULSORY_LIQUIDATION", True, 148),
        ("FILING", False, 72),
        ("INSOLVENCY_CLOSED", False, 98),
        ("JUDICIAL_REORGANISATION", False, 67),
        ("REORGANISATION_FAILED", True, 59),
    ]


def test_known_announcements_end_to_end(
    graph: Driver, settings: Settings, datasets_dir: Path
) -> None:
    load(graph, settings, FORMAT, datasets_dir / SAMPLE, batch_size=200)
    event = graph.execute_query(
        "MATCH (c:Company {key: 'FR-SIREN-489466755'})-[:HAS_EVENT]->(e:Event) "
        "RETURN c.name AS name, e.kind AS kind, e.date AS d, e.court AS court, "
        "e.reference AS ref, e.seen_at AS seen"
    ).records
    assert [
        (r["name"], r["kind"], r["d"].to_native(), r["court"], r["ref"], r["seen"].to_native())
        for r in event
    ] == [
        (
            "MARRON T.P.",
            "REORGANISATION_FAILED",
            date(2026, 2, 4),
            "Greffe du Tribunal de Commerce de Lille Métropole",
            "2026-02-13-3174",
            date(2026, 2, 13),
        )
    ]
    bans = graph.execute_query(
        "MATCH (p:Person)-[:DISQUALIFIED]->(d:Disqualification) "
        "WHERE p.name IN ['Simsek Ismet', 'Ghazi Ali'] "
        "RETURN p.name AS name, p.match_basis AS basis, d.start AS s, d.end AS e ORDER BY name"
    ).records
    assert [(r["name"], r["basis"], r["s"].to_native(), r["e"].to_native()) for r in bans] == [
        ("Ghazi Ali", "source_record", date(2026, 2, 2), date(2031, 2, 2)),  # a sole trader
        ("Simsek Ismet", "source_record", date(2026, 2, 2), date(2034, 2, 2)),
    ]


def test_loading_twice_leaves_the_graph_identical(
    graph: Driver, settings: Settings, datasets_dir: Path
) -> None:
    load(graph, settings, FORMAT, datasets_dir / SAMPLE, batch_size=200)
    assert_loading_again_changes_nothing(
        graph, settings, FORMAT, datasets_dir / SAMPLE, batch_size=200
    )


def _announcement(number: int, **changes: object) -> dict[str, object]:
    jugement = {
        "type": "initial",
        "nature": "Jugement d'ouverture de liquidation judiciaire",
        "date": "2026-02-04",
        "complementJugement": "Jugement d'ouverture désignant liquidateur : Maître Exemple",
    }
    base: dict[str, object] = {
        "id": f"A20260029{number}",
        "dateparution": "2026-02-13",
        "numeroannonce": number,
        "familleavis": "collective",
        "typeavis": "annonce",
        "tribunal": "Tribunal de commerce de Nantes",
        "commercant": "EXEMPLE INDUSTRIES",
        "registre": ["552100554", "552 100 554"],
        "jugement": json.dumps(jugement),
    }
    base.update(changes)
    return base


def test_broken_input_is_rejected_and_good_records_arrive(
    graph: Driver, settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "bodacc"
    folder.mkdir()
    good = json.dumps(_announcement(1))
    bad_date = json.dumps(
        _announcement(2, jugement=json.dumps({"nature": "Jugement de plan", "date": "2026-02-30"}))
    )
    lines = [
        good,
        '{"bad json',
        "[1, 2]",
        bad_date,
        json.dumps(_announcement(3, registre=["552100555"])),
        json.dumps(_announcement(4, jugement=json.dumps({"nature": "Jugement inconnu"}))),
        json.dumps({k: v for k, v in _announcement(5).items() if k != "dateparution"}),
    ]
    (folder / "a.jsonl").write_bytes(("\r\n".join(lines) + "\r\n").encode() + b"\xff\n")
    (folder / "b.json.gz").write_bytes(gzip.compress(json.dumps(_announcement(6)).encode()))
    (folder / "c.json").write_bytes(b"\xef\xbb\xbf" + json.dumps([_announcement(7)]).encode())
    rejects = tmp_path / "rejects.jsonl"
    report = load(graph, settings, FORMAT, folder, rejects=rejects, batch_size=200)
    assert (report.read, report.loaded, report.rejected) == (10, 3, 7)
    reasons = [json.loads(x)["reason"] for x in rejects.read_text(encoding="utf-8").splitlines()]
    assert reasons[0].startswith("invalid JSON")
    assert reasons[1] == "an announcement must be a JSON object, not list"
    assert reasons[2] == "invalid date '2026-02-30' in jugement.date"
    assert reasons[3].startswith("invalid SIREN '552100555'")
    assert reasons[4] == "unknown jugement nature 'Jugement inconnu'"
    assert reasons[5] == "missing key field dateparution"
    assert reasons[6].startswith("not UTF-8")
    # Three announcements of the same judgment (same SIREN, kind, date): one event.
    assert count(graph, "MATCH (:Company)-[:HAS_EVENT]->(e) RETURN count(e) AS c") == 1
    assert count(graph, "MATCH (c:Company {key: 'FR-SIREN-552100554'}) RETURN count(c) AS c") == 1


def test_a_rectificatif_updates_the_event_in_place(
    graph: Driver, settings: Settings, tmp_path: Path
) -> None:
    first, second = tmp_path / "v1.jsonl", tmp_path / "v2.jsonl"
    first.write_text(json.dumps(_announcement(1)) + "\n", encoding="utf-8")
    corrected = _announcement(1, typeavis="rectificatif", tribunal="Tribunal de commerce de Rennes")
    second.write_text(json.dumps(corrected) + "\n", encoding="utf-8")
    load(graph, settings, FORMAT, first, batch_size=200)
    before = count(graph, "MATCH (n) RETURN count(n) AS c")
    report = load(graph, settings, FORMAT, second, batch_size=200)
    assert report.nodes.updated == 1 and report.nodes.created == 0
    assert count(graph, "MATCH (n) RETURN count(n) AS c") == before
    court = graph.execute_query("MATCH (e:Event) RETURN e.court AS court").records
    assert [r["court"] for r in court] == ["Tribunal de commerce de Rennes"]


XML = Path("bodacc") / "dila-xml" / "RCS-A_BXA20210005.xml"


def test_the_dila_xml_loads_companies_officers_and_addresses(
    graph: Driver, settings: Settings, datasets_dir: Path
) -> None:
    report = load(graph, settings, FORMAT, datasets_dir / XML, batch_size=200)
    assert (report.read, report.loaded, report.rejected) == (642, 642, 0)
    assert count(graph, "MATCH (c:Company) RETURN count(c) AS c") == 642
    assert count(graph, "MATCH (p:Person) RETURN count(p) AS c") == 390
    assert count(graph, "MATCH ()-[r:DIRECTOR_OF]->() RETURN count(r) AS c") == 390
    assert count(graph, "MATCH (a:Address) RETURN count(a) AS c") == 318
    assert count(graph, "MATCH ()-[r:REGISTERED_AT]->() RETURN count(r) AS c") == 503
    rows = graph.execute_query(
        "MATCH (p:Person)-[d:DIRECTOR_OF]->(c:Company {key: 'FR-SIREN-892106113'}) "
        "RETURN p.name AS name, d.role AS role, d.start AS start, c.incorporated_on AS inc, "
        "d.record_id AS rid"
    ).records
    assert [
        (r["name"], r["role"], r["start"].to_native(), r["inc"].to_native(), r["rid"]) for r in rows
    ] == [("Messaoudi, Yacine", "director", date(2020, 12, 30), date(2020, 12, 30), "A202100056")]
    again = load(graph, settings, FORMAT, datasets_dir / XML, batch_size=200)
    assert (again.nodes.created, again.links.created, again.nodes.updated) == (0, 0, 0)
