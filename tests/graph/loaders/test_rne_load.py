"""fr-rne records, written from INPI's RNE documentation (no real sample exists; see
tests/unit/loaders/test_rne.py), loaded into the real Neo4j."""

from __future__ import annotations

import json
from pathlib import Path

from neo4j import Driver

from graph_schema.settings import Settings
from loaders.formats import registry
from loaders.rejects import RejectSink
from loaders.write.pipeline import LoadReport, load_paths
from loaders.write.writer import GraphWriter
from tests.unit.loaders.test_rne import radiated_sarl, sas, sole_trader

FORMAT = registry()["fr-rne"]


def _load(driver: Driver, settings: Settings, path: Path) -> LoadReport:
    with RejectSink(None) as sink:
        return load_paths(FORMAT, [path], GraphWriter(driver, settings.neo4j.database), sink)


def _counts(driver: Driver) -> dict[str, int]:
    nodes = driver.execute_query(
        "MATCH (n) UNWIND labels(n) AS l WITH l WHERE l <> 'Entity' RETURN l, count(*) AS c"
    ).records
    rels = driver.execute_query("MATCH ()-[r]->() RETURN type(r) AS l, count(*) AS c").records
    return {r["l"]: r["c"] for r in [*nodes, *rels]}


def test_companies_and_dirigeants_load_and_a_gerant_links_two_companies(
    graph: Driver, settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "rne.json"
    path.write_text(json.dumps([sas(), radiated_sarl(), sole_trader()]), encoding="utf-8")
    report = _load(graph, settings, path)
    assert (report.read, report.loaded, report.rejected) == (3, 3, 0)
    assert _counts(graph) == {
        "Company": 4,  # three companies and the corporate administrateur
        # Marie Dupont (président, gérant, beneficial owner), Paul Martin, Luc Durand; the sole
        # trader is the company itself, as in the KBO
        "Person": 3,
        "Address": 1,
        "Event": 2,
        "Identifier": 4,
        "IDENTIFIED_BY": 4,
        "DIRECTOR_OF": 5,
        "DECLARED_BO_OF": 1,
        "REGISTERED_AT": 1,
        "HAS_EVENT": 2,
    }
    rows = graph.execute_query(
        "MATCH (p:Person {birth_year_month: '1970-05'})-[d:DIRECTOR_OF]->(c:Company) "
        "RETURN p.name AS p, c.name AS c, d.role_label AS r ORDER BY c"
    ).records
    assert [(r["p"], r["c"], r["r"]) for r in rows] == [
        ("Marie DUPONT", "BOULANGERIE DU COIN", "Gérant (30)"),
        ("Marie DUPONT", "DUPONT CONSEIL", "Président de SAS (73)"),
    ]
    again = _load(graph, settings, path)
    assert (again.nodes.created, again.nodes.updated, again.links.created) == (0, 0, 0)
