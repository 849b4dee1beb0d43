"""GLEIF samples (Level 1 and Level 2) loaded end to end into the real Neo4j."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from neo4j import Driver

from graph_schema.settings import Settings
from loaders.gleif.parse import FORMATS
from tests.graph.loading import assert_loading_again_changes_nothing, graph_counts, load

LEI_FMT, RR_FMT = FORMATS


def test_lei_xml_sample(graph: Driver, settings: Settings, datasets_dir: Path) -> None:
    report = load(graph, settings, LEI_FMT, datasets_dir / "gleif" / "xml" / "lei-data.xml")
    assert (report.read, report.loaded, report.rejected) == (13, 13, 0)
    assert graph_counts(graph) == {
        "Company": 13,
        "Address": 20,
        "Identifier": 15,  # 13 LEIs + 2 Companies House numbers
        "IDENTIFIED_BY": 15,
        "REGISTERED_AT": 26,
    }
    rows = graph.execute_query(
        "MATCH (c:Company {key: 'GB-COH-01403668'})-[:IDENTIFIED_BY]->(i:Identifier) "
        "RETURN c.name AS n, c.former_names AS f, c.status AS s, c.status_detail AS d, "
        "c.incorporated_on AS inc, collect(i.key) AS ids"
    ).records
    assert [
        (r["n"], r["f"], r["s"], r["d"], r["inc"].to_native(), sorted(r["ids"])) for r in rows
    ] == [
        (
            "DENTSU INTERNATIONAL LIMITED",
            ["AEGIS GROUP PLC", "DENTSU AEGIS NETWORK LTD."],
            "active",
            "ISSUED",
            date(1978, 12, 5),
            ["GB-COH-01403668", "XI-LEI-213800FERQ5LE3H7WJ58"],
        )
    ]


def test_golden_copy_json_and_api_lei_records(
    graph: Driver, settings: Settings, datasets_dir: Path
) -> None:
    report = load(graph, settings, LEI_FMT, datasets_dir / "gleif" / "golden-copy-json")
    assert (report.read, report.loaded, report.rejected) == (577, 577, 0)
    assert graph_counts(graph) == {
        "Company": 577,
        "Address": 604,
        "Identifier": 722,  # 577 LEIs + 145 national numbers of our schemes
        "IDENTIFIED_BY": 722,
        "REGISTERED_AT": 1154,
    }
    national = graph.execute_query(
        "MATCH (c:Company) WHERE NOT c.key STARTS WITH 'XI-LEI-' "
        "RETURN split(c.key, '-')[0] + '-' + split(c.key, '-')[1] AS s, count(*) AS n ORDER BY s"
    ).records
    assert {r["s"]: r["n"] for r in national} == {
        "BE-BCE_KBO": 41,
        "DK-CVR": 18,
        "FR-SIREN": 41,
        "GB-COH": 15,
        "NL-KVK": 6,
        "NO-BRC": 24,
    }
    graph.execute_query("MATCH (n) DETACH DELETE n")
    folder = datasets_dir / "gleif" / "api-v1-jsonapi" / "lei_records"
    report = load(graph, settings, LEI_FMT, folder)
    assert (report.read, report.loaded, report.rejected) == (157, 157, 0)
    assert graph_counts(graph)["Company"] == 94  # the pages repeat LEIs
    shell = graph.execute_query(
        "MATCH (c:Company {key: 'GB-COH-04366849'}) RETURN c.name AS n, c.former_names AS f"
    ).records
    assert [(r["n"], r["f"]) for r in shell] == [("SHELL PLC", ["ROYAL DUTCH SHELL PLC"])]


def test_api_relationships_give_parents(
    graph: Driver, settings: Settings, datasets_dir: Path
) -> None:
    folder = datasets_dir / "gleif" / "api-v1-jsonapi" / "relationships"
    report = load(graph, settings, RR_FMT, folder)
    assert (report.read, report.loaded, report.rejected) == (121, 121, 0)
    assert graph_counts(graph) == {
        "Company": 84,
        "Identifier": 84,
        "IDENTIFIED_BY": 84,
        "PARENT_OF": 121,
    }
    rows = graph.execute_query(
        "MATCH (p:Company)-[r:PARENT_OF {level: 'direct'}]->"
        "(:Company {key: 'XI-LEI-5493001KJTIIGC8Y1R12'}) "
        "RETURN p.key AS p, r.start AS s, r.end AS e, r.relationship_status AS st"
    ).records
    assert [(r["p"], r["s"].to_native(), r["e"], r["st"]) for r in rows] == [
        ("XI-LEI-549300B56MD0ZC402L06", date(2007, 6, 5), None, "ACTIVE")
    ]


def test_xml_folder_l1_then_l2(graph: Driver, settings: Settings, datasets_dir: Path) -> None:
    folder = datasets_dir / "gleif" / "xml"
    lei = load(graph, settings, LEI_FMT, folder)
    rr = load(graph, settings, RR_FMT, folder)
    assert (lei.read, lei.rejected) == (37, 0)  # 13 + 12 + 12 LEI records, other files skipped
    assert (rr.read, rr.rejected) == (55, 0)  # 31 relationship records + 24 reporting exceptions
    assert graph_counts(graph) == {
        "Company": 28,
        "Address": 30,
        "Identifier": 30,
        "IDENTIFIED_BY": 30,
        "PARENT_OF": 9,
        "REGISTERED_AT": 50,
    }
    rows = graph.execute_query(
        "MATCH (p:Company)-[r:PARENT_OF]->(:Company {key: 'XI-LEI-010CMKZ3VON21WF2ZD45'}) "
        "RETURN p.key AS p, r.level AS l, r.start AS s ORDER BY l"
    ).records
    assert [(r["p"], r["l"], r["s"].to_native()) for r in rows] == [
        ("XI-LEI-ZZG38T0MDR3QY1ETUA76", "direct", date(2018, 2, 6)),
        ("XI-LEI-3C7474T6CDKPR9K6YT90", "ultimate", date(2018, 2, 6)),
    ]


def test_update_pair_updates_in_place_and_reload_is_identical(
    graph: Driver, settings: Settings, datasets_dir: Path
) -> None:
    folder = datasets_dir / "gleif" / "xml"
    load(graph, settings, LEI_FMT, folder / "lei-updates-data2.xml")
    assert graph_counts(graph)["Company"] == 12
    newer = load(graph, settings, LEI_FMT, folder / "lei-updates-data2-new.xml")
    assert graph_counts(graph)["Company"] == 13  # one new LEI, the other 11 updated in place
    assert newer.nodes.updated == 1
    rows = graph.execute_query(
        "MATCH (c:Company {key: 'XI-LEI-00TR8NKAEL48RGTZEW89'}) "
        "RETURN c.status AS s, c.status_detail AS d"
    ).records
    assert [(r["s"], r["d"]) for r in rows] == [("inactive", "RETIRED")]
    assert_loading_again_changes_nothing(
        graph, settings, LEI_FMT, folder / "lei-updates-data2-new.xml"
    )


def test_parent_attaches_to_the_national_key_and_bad_records_are_rejected(
    graph: Driver, settings: Settings, datasets_dir: Path, tmp_path: Path
) -> None:
    # A real RA000585 record (Dentsu) next to a relationship file naming its LEI as a parent.
    source = (datasets_dir / "gleif" / "xml" / "lei-data.xml").read_text(encoding="utf-8")
    (tmp_path / "lei.xml").write_text(source, encoding="utf-8")
    child, dentsu = "001GPB6A9XPE8XJICC14", "213800FERQ5LE3H7WJ58"
    relationships = [
        {
            "type": "relationship-records",
            "id": "r1",
            "attributes": {
                "relationship": {
                    "startNode": {"id": child, "type": "LEI"},
                    "endNode": {"id": end, "type": "LEI"},
                    "type": kind,
                    "status": "ACTIVE",
                    "periods": [
                        {"startDate": "2019-01-01T00:00:00Z", "type": "RELATIONSHIP_PERIOD"}
                    ],
                },
                "registration": {"lastUpdateDate": "2024-01-02T00:00:00Z"},
            },
        }
        for end, kind in [
            (dentsu, "IS_ULTIMATELY_CONSOLIDATED_BY"),
            (dentsu, "IS_SECRETLY_OWNED_BY"),
            ("213800FERQ5LE3H7WJ50", "IS_DIRECTLY_CONSOLIDATED_BY"),
        ]
    ]
    (tmp_path / "rr.json").write_text(json.dumps({"data": relationships}), encoding="utf-8")
    load(graph, settings, LEI_FMT, tmp_path)
    rejects = tmp_path / "out" / "rejects.jsonl"
    report = load(graph, settings, RR_FMT, tmp_path, rejects=rejects)
    assert (report.read, report.loaded, report.rejected) == (3, 1, 2)
    reasons = [json.loads(line)["reason"] for line in rejects.read_text().splitlines()]
    assert reasons[0] == "unknown RelationshipType 'IS_SECRETLY_OWNED_BY'"
    assert reasons[1].startswith("invalid LEI '213800FERQ5LE3H7WJ50'")
    rows = graph.execute_query(
        "MATCH (p:Company)-[r:PARENT_OF]->(c:Company) RETURN p.key AS p, p.name AS n, c.key AS c"
    ).records
    assert [(r["p"], r["n"], r["c"]) for r in rows] == [
        ("GB-COH-01403668", "DENTSU INTERNATIONAL LIMITED", f"XI-LEI-{child}")
    ]
    duplicates = graph.execute_query(
        "MATCH (c:Company {key: $k}) RETURN count(c) AS n", k=f"XI-LEI-{dentsu}"
    ).records
    assert duplicates[0]["n"] == 0
