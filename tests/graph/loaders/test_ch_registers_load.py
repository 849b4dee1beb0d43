"""ch-api as the API really publishes it, against the real Neo4j: one person per officer id,
corporate officers as their GB-COH company, companies known from appointments lists, insolvency
from the filing history, unknown codes kept; the transactional load and bulk-import agree.

Real samples (../shared/datasets/companies-house/api-responses-more, loaded as laid out) and
records written from the API documentation (tests/unit/loaders/ch_documented.py)."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

from neo4j import Driver, GraphDatabase

from graph_schema.settings import Settings
from graphapi.cli.bulk import run_bulk_import
from loaders.companies_house import api_folders
from tests.graph.graph_hash import graph_digest
from tests.graph.loading import load
from tests.unit.loaders.ch_documented import documented_world


def _rows(driver: Driver, query: str, **params: Any) -> list[dict[str, Any]]:
    records = driver.execute_query(query, params).records
    return [
        {k: v.to_native() if hasattr(v, "to_native") else v for k, v in r.data().items()}
        for r in records
    ]


def test_the_documented_world_in_the_graph(
    graph: Driver, settings: Settings, tmp_path: Path
) -> None:
    rejects = tmp_path / "rejects.jsonl"
    report = load(
        graph, settings, api_folders.FORMAT, documented_world(tmp_path / "ch"), rejects=rejects
    )
    assert (report.rejected, report.warnings) == (0, 4)
    lines = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert {(r["file"], r["record"], r["kept"]) for r in lines} == {
        ("01111111/insolvency.json", "cases[0]", True),
        ("01234567/officers.json", "items[3]", True),
        ("04444444/insolvency.json", "cases[0]", True),
        ("04444444/profile.json", None, True),
    }
    assert {r["reason"].split(":")[0] for r in lines} == {"unknown value kept as-is"}

    # One officer id, one person, the whole history (both lists and her appointments list).
    jane = _rows(
        graph,
        "MATCH (p:Person {name: 'Jane DOE'})-[d:DIRECTOR_OF]->(c:Company) "
        "RETURN p.key AS p, p.match_basis AS basis, c.key AS c, c.name AS name, "
        "c.status AS status, d.role AS role, d.end AS end ORDER BY c",
    )
    assert len({r["p"] for r in jane}) == 1
    assert [(r["c"], r["role"], r["end"]) for r in jane] == [
        ("GB-COH-01234567", "director", None),
        ("GB-COH-05555555", "secretary", None),
        ("GB-COH-07777777", "director", date(2019, 12, 31)),
    ]
    # DELTA is known only from her appointments list: a company node with name and status.
    assert (jane[2]["name"], jane[2]["status"]) == ("DELTA SERVICES LIMITED", "liquidation")

    # The corporate secretary and PSC is HOLDCO's own node: the group is not cut.
    holdco = _rows(
        graph,
        "MATCH (:Identifier {key: 'GB-COH-03849195'})<-[:IDENTIFIED_BY]-(h:Company) "
        "OPTIONAL MATCH (h)-[d:DIRECTOR_OF]->(:Company {key: 'GB-COH-01234567'}) "
        "OPTIONAL MATCH (h)-[o:DECLARED_BO_OF]->(:Company {key: 'GB-COH-01234567'}) "
        "RETURN h.name AS name, h.status AS status, h.jurisdiction AS j, d.role AS role, "
        "o.psc_kind AS kind, o.share_min AS lo",
    )
    assert holdco == [
        {
            "name": "HOLDCO LIMITED",
            "status": "active",
            "j": "GB",
            "role": "secretary",
            "kind": "corporate-entity-person-with-significant-control",
            "lo": 75.0,
        }
    ]
    corporate = _rows(
        graph,
        "MATCH (c:Company)-[d:DIRECTOR_OF]->(t:Company) WHERE c.key STARTS WITH 'XI-CH-' "
        "RETURN c.name AS name, d.role AS role, t.key AS t ORDER BY name",
    )
    assert corporate == [
        {"name": "GAMMA NOMINEES", "role": "nominee_secretary", "t": "GB-COH-06666666"},
        {"name": "NOMINEE SERVICES LTD", "role": "nominee_director", "t": "GB-COH-01234567"},
    ]
    assert _rows(graph, "MATCH (p:Person) WHERE p.name CONTAINS 'NOMINEE' RETURN p") == []

    # Insolvency from the filing history, the case, and the status.
    events = _rows(
        graph,
        "MATCH (c:Company)-[:HAS_EVENT]->(e:Event) WHERE e.basis IS NOT NULL "
        "RETURN c.key AS c, e.kind AS kind, e.date AS on, e.end_date AS end, "
        "e.insolvency AS insolvent, e.basis AS basis, e.filings AS filings, "
        "e.record_id AS record ORDER BY c",
    )
    assert events == [
        {
            "c": "GB-COH-01111111",
            "kind": "CREDITORS_VOLUNTARY_LIQUIDATION",
            "on": date(2020, 5, 1),
            "end": None,
            "insolvent": True,
            "basis": "insolvency-case",
            "filings": ["600 2020-05-06", "LIQ02 2020-05-06"],
            "record": "01111111/insolvency.json#0",
        },
        {
            "c": "GB-COH-02222222",
            "kind": "ADMINISTRATION",
            "on": None,
            "end": None,
            "insolvent": True,
            "basis": "company-status",
            "filings": None,
            "record": "02222222/profile.json",
        },
        {
            "c": "GB-COH-04444444",
            "kind": "INSOLVENCY_PROCEEDINGS",
            "on": date(2023, 3, 1),
            "end": None,
            "insolvent": False,
            "basis": "insolvency-case",
            "filings": None,
            "record": "04444444/insolvency.json#0",
        },
        {
            "c": "GB-COH-08888888",
            "kind": "CREDITORS_VOLUNTARY_LIQUIDATION",
            "on": date(2020, 5, 1),
            "end": date(2021, 6, 15),
            "insolvent": True,
            "basis": "filing-history",
            "filings": [
                "600 2020-05-01",
                "LIQ02 2020-05-05",
                "LIQ14 2021-03-01",
                "GAZ2 2021-06-15",
            ],
            "record": "08888888/filing-history.json#3",
        },
        {
            "c": "GB-COH-09999999",
            "kind": "MEMBERS_VOLUNTARY_LIQUIDATION",
            "on": date(2020, 2, 10),
            "end": date(2021, 1, 20),
            "insolvent": False,
            "basis": "filing-history",
            "filings": [
                "LIQ01 2020-02-10",
                "600 2020-02-11",
                "LIQ13 2020-10-15",
                "GAZ2 2021-01-20",
            ],
            "record": "09999999/filing-history.json#3",
        },
    ]
    # The dissolution after the liquidation stays one event, not an insolvency.
    endings = _rows(
        graph,
        "MATCH (:Company {key: 'GB-COH-08888888'})-[:HAS_EVENT]->(e:Event {kind: 'DISSOLUTION'}) "
        "RETURN e.date AS on, e.insolvency AS insolvent",
    )
    assert endings == [{"on": date(2021, 6, 15), "insolvent": False}]

    # Loading again changes nothing.
    before = graph_digest(graph, settings.neo4j.database)
    again = load(
        graph, settings, api_folders.FORMAT, tmp_path / "ch", rejects=tmp_path / "again.jsonl"
    )
    assert (again.nodes.created, again.links.created, again.nodes.updated) == (0, 0, 0)
    assert graph_digest(graph, settings.neo4j.database).content == before.content


def test_the_real_sample_folder_in_the_graph(
    graph: Driver, settings: Settings, datasets_dir: Path, tmp_path: Path
) -> None:
    more = datasets_dir / "companies-house" / "api-responses-more"
    report = load(graph, settings, api_folders.FORMAT, more, rejects=tmp_path / "rejects.jsonl")
    assert (report.read, report.rejected, report.warnings) == (102, 1, 0)
    # TAYLOR, Andrew Nicholas: director and (same officer id, no birth date) secretary.
    taylor = _rows(
        graph,
        "MATCH (p:Person {name: 'Andrew Nicholas TAYLOR'})-[d:DIRECTOR_OF]->"
        "(:Company {key: 'GB-COH-01710788'}) "
        "RETURN p.key AS p, p.birth_year_month AS ym, d.role AS role, d.end AS end ORDER BY role",
    )
    assert len({r["p"] for r in taylor}) == 1
    assert [(r["ym"], r["role"], r["end"]) for r in taylor] == [
        ("1956-04", "director", None),
        ("1956-04", "secretary", date(2014, 5, 1)),
    ]
    # The real corporate secretary's registration number 4527552 is GB-COH-04527552.
    capitax = _rows(
        graph,
        "MATCH (:Identifier {key: 'GB-COH-04527552'})<-[:IDENTIFIED_BY]-(c:Company)"
        "-[d:DIRECTOR_OF]->(t:Company) RETURN c.name AS name, d.role AS role, t.key AS t",
    )
    assert capitax == [
        {
            "name": "CAPITAX & CO. (TAX CONSULTANTS) LTD.",
            "role": "secretary",
            "t": "GB-COH-07665437",
        }
    ]
    # Mark DOWDING's appointments list: the LLP and the company exist, named, with status.
    dowding = _rows(
        graph,
        "MATCH (:Person {name: 'Mark Charles David DOWDING'})-[d:DIRECTOR_OF]->(c:Company) "
        "RETURN c.key AS c, c.name AS name, c.status AS status, d.role AS role ORDER BY c",
    )
    assert dowding == [
        {
            "c": "GB-COH-00949417",
            "name": "INVESCO ASSET MANAGEMENT LIMITED",
            "status": "active",
            "role": "director",
        },
        {
            "c": "GB-COH-OC370085",
            "name": "BLUEBAY ASSET MANAGEMENT LLP",
            "status": "active",
            "role": "llp_member",
        },
    ]
    # 04374209: the real case, with its real COCOMP filing as provenance; no second event.
    (case,) = _rows(
        graph,
        "MATCH (:Company {key: 'GB-COH-04374209'})-[:HAS_EVENT]->(e:Event {insolvency: true}) "
        "RETURN e.kind AS kind, e.date AS on, e.filings AS filings",
    )
    assert case == {
        "kind": "COMPULSORY_LIQUIDATION",
        "on": date(2025, 3, 19),
        "filings": ["COCOMP 2025-03-31"],
    }


def test_bulk_import_makes_the_same_graph(
    graph: Driver, settings: Settings, spare: Settings, datasets_dir: Path, tmp_path: Path
) -> None:
    """The documented world and the real folder in one tree (company folders, single-item
    responses, officers/<id>/appointments.json): bulk-import, parsing the tree's entries in two
    processes, makes exactly the graph the transactional load makes."""
    root = documented_world(tmp_path / "tree")
    more = datasets_dir / "companies-house" / "api-responses-more"
    for entry in more.iterdir():
        if entry.is_dir():
            shutil.copytree(entry, root / entry.name, dirs_exist_ok=True)
    load_rejects = tmp_path / "load.jsonl"
    loaded = load(graph, settings, api_folders.FORMAT, root, rejects=load_rejects)
    expected = graph_digest(graph, settings.neo4j.database)
    bulk_rejects = tmp_path / "bulk.jsonl"
    inputs = [(api_folders.FORMAT, root)]
    report, run, _ = run_bulk_import(
        spare, inputs, tmp_path / "work", bulk_rejects, overwrite=False, workers=2
    )
    assert (report.loaded, report.rejected, report.warnings) == (
        loaded.loaded,
        loaded.rejected,
        loaded.warnings,
    )
    assert sorted(bulk_rejects.read_text().splitlines()) == sorted(
        load_rejects.read_text().splitlines()
    )
    with GraphDatabase.driver(spare.neo4j.uri) as bulk:
        imported = graph_digest(bulk, spare.neo4j.database)
    assert imported.nodes == expected.nodes
    assert imported.relationships == expected.relationships
    assert imported.content == expected.content, (imported.describe(), expected.describe())
