"""ch-psc and ch-companies against the real Neo4j, on the real Companies House samples."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from neo4j import Driver

from graph_schema.keys import person_key
from graph_schema.settings import Settings
from loaders.companies_house import basic_data, psc_snapshot
from loaders.rejects import RejectSink
from tests.graph.loading import graph_counts, load

LABELS = ("Company", "Person", "Address", "Event")


def _declared(driver: Driver, company: str) -> list[dict[str, Any]]:
    rows = driver.execute_query(
        "MATCH (o:Entity)-[d:DECLARED_BO_OF]->(:Company {key: $c}) "
        "RETURN o.name AS owner, o.key AS key, d.interests AS interests, d.share_min AS lo, "
        "d.share_max AS hi, d.share_min_exclusive AS lo_excl, d.votes_min AS vlo, "
        "d.votes_max AS vhi, d.control AS control, d.start AS start, d.end AS end, "
        "d.seen_at AS seen ORDER BY owner",
        c=company,
    ).records
    return [
        {k: (v.to_native() if hasattr(v, "to_native") else v) for k, v in r.data().items()}
        for r in rows
    ]


def test_psc_snapshot_sample(graph: Driver, settings: Settings, datasets_dir: Path) -> None:
    report = load(
        graph, settings, psc_snapshot.FORMAT, datasets_dir / "companies-house" / "psc-snapshot"
    )
    assert (report.read, report.loaded, report.rejected) == (35, 35, 0)  # 16 are totals lines
    assert graph_counts(graph, LABELS) == {
        "Company": 30,  # 18 companies with PSCs + 12 corporate owners
        "Person": 5,
        "Address": 17,
        "Event": 0,
        "IDENTIFIED_BY": 30,
        "DECLARED_BO_OF": 17,
        "REGISTERED_AT": 17,
    }
    assert _declared(graph, "GB-COH-08209948") == [
        {
            "owner": "Marc Anthony FELDMAN",
            # born December 1961: keyed to merge with the same man in any other register
            "key": person_key("Marc Anthony FELDMAN", "1961-12", source="x", source_person_id="x")[
                0
            ],
            "interests": ["ownership-of-shares-75-to-100-percent"],
            "lo": 75.0,
            "hi": 100.0,
            "lo_excl": True,
            "vlo": None,
            "vhi": None,
            "control": False,
            "start": date(2021, 12, 13),
            "end": None,
            "seen": date(2024, 12, 19),
        },
    ]
    (kuczkowski,) = _declared(graph, "GB-COH-10308742")
    assert (kuczkowski["owner"], kuczkowski["end"], kuczkowski["control"]) == (
        "Karol KUCZKOWSKI",
        date(2018, 2, 27),
        True,
    )
    assert (kuczkowski["lo"], kuczkowski["hi"], kuczkowski["vlo"], kuczkowski["vhi"]) == (
        75,
        100,
        75,
        100,
    )
    (bunyan,) = _declared(graph, "GB-COH-03136191")
    assert (bunyan["owner"], bunyan["lo"], bunyan["hi"], bunyan["vlo"]) == (
        "Michael Stanley BUNYAN",
        25.0,
        50.0,
        None,
    )
    # A UK corporate PSC with its company number is the company node of that number.
    (clientlogic,) = _declared(graph, "GB-COH-04120481")
    assert (clientlogic["key"], clientlogic["owner"], clientlogic["control"]) == (
        "GB-COH-03530981",
        "Clientlogic Holding Limited",
        True,
    )
    # A foreign one is keyed by its register (Minnesota, as rigour names it) and number.
    (st_paul,) = _declared(graph, "GB-COH-02847483")
    assert st_paul["key"] == "XI-REGISTER-US-MN:410406690"
    reasons = graph.execute_query(
        "MATCH (c:Company) WHERE c.no_beneficial_owner_reason IS NOT NULL "
        "RETURN c.key AS k, c.no_beneficial_owner_reason AS r ORDER BY k"
    ).records
    # 08209948's "no PSC" statement ceased when Mr Feldman was notified: no reason left.
    assert [(r["k"], r["r"]) for r in reasons] == [
        ("GB-COH-02443921", "super-secure-person-with-significant-control")
    ]


def test_psc_edge_cases(graph: Driver, settings: Settings, datasets_dir: Path) -> None:
    sink = RejectSink(None)
    report = load(
        graph,
        settings,
        psc_snapshot.FORMAT,
        datasets_dir / "companies-house" / "psc-edge-cases",
        rejects=sink,
    )
    assert (report.read, report.loaded, report.rejected) == (13, 12, 1)
    assert sink.reasons == {"unknown PSC kind 'unknown-kind'": 1}
    assert graph_counts(graph, LABELS) == {
        "Company": 4,
        "Person": 1,
        "Address": 1,
        "Event": 0,
        "IDENTIFIED_BY": 4,
        "DECLARED_BO_OF": 4,
        "REGISTERED_AT": 1,
    }
    owners = [r["key"] for r in _declared(graph, "GB-COH-01234567")]
    assert sorted(k for k in owners if not k.startswith("person-")) == [
        "GB-COH-00056099",
        "GB-COH-89101112",
        "XI-CH-abcdef123456789",
    ]
    listed = graph.execute_query("MATCH (c:Company {key: 'GB-COH-01234567'}) RETURN c.listed AS l")
    assert listed.records[0]["l"] is True


def test_basic_company_data_samples(
    graph: Driver, settings: Settings, datasets_dir: Path, tmp_path: Path
) -> None:
    folder = datasets_dir / "companies-house" / "basic-company-data"
    report = load(
        graph,
        settings,
        basic_data.FORMAT,
        folder / "basic-company-data-1.unwrapped.csv",
        folder / "company-data-1.json",
    )
    assert (report.read, report.loaded, report.rejected) == (3, 3, 0)
    assert graph_counts(graph, LABELS) == {
        "Company": 2,
        "Person": 0,
        "Address": 2,
        "Event": 2,
        "IDENTIFIED_BY": 2,
        "HAS_EVENT": 2,
        "REGISTERED_AT": 2,
    }
    rows = graph.execute_query(
        "MATCH (c:Company)-[:HAS_EVENT]->(e:Event {kind: 'ACCOUNTS_FILED'}) "
        "RETURN c.key AS k, c.name AS n, c.status AS s, c.status_detail AS sd, "
        "c.incorporated_on AS inc, c.activity_codes AS sic, e.made_up_to AS mu, "
        "e.dormant AS dormant ORDER BY k"
    ).records
    assert [
        (
            r["k"],
            r["n"],
            r["s"],
            r["sd"],
            r["inc"].to_native(),
            r["sic"],
            r["mu"].to_native(),
            r["dormant"],
        )
        for r in rows
    ] == [
        (
            "GB-COH-08209948",
            "! LTD",
            "active",
            "Active",
            date(2012, 9, 11),
            ["SIC:99999"],
            date(2023, 9, 30),
            True,
        ),
        (
            "GB-COH-11399177",
            "!? LTD",
            "active",
            "Active - Proposal to Strike off",
            date(2018, 6, 5),
            ["SIC:47710"],
            date(2023, 6, 30),
            False,
        ),
    ]


def test_the_hard_wrapped_csv_is_rejected_without_crashing(
    graph: Driver, settings: Settings, datasets_dir: Path, tmp_path: Path
) -> None:
    broken = datasets_dir / "companies-house" / "basic-company-data" / "basic-company-data-1.csv"
    rejects = tmp_path / "rejects.jsonl"
    report = load(graph, settings, basic_data.FORMAT, broken, rejects=rejects)
    assert (report.read, report.loaded, report.rejected) == (13, 0, 13)
    lines = rejects.read_text().splitlines()
    assert len(lines) == 13
    assert all("the CSV header lacks CompanyStatus, IncorporationDate" in line for line in lines)
    assert graph_counts(graph, LABELS)["Company"] == 0


def test_bulk_files_load_twice_identically(
    graph: Driver, settings: Settings, datasets_dir: Path
) -> None:
    psc = datasets_dir / "companies-house" / "psc-snapshot"
    companies = datasets_dir / "companies-house" / "basic-company-data" / "company-data-1.json"
    for fmt, path in ((psc_snapshot.FORMAT, psc), (basic_data.FORMAT, companies)):
        load(graph, settings, fmt, path)
        before = graph_counts(graph, LABELS)
        again = load(graph, settings, fmt, path)
        assert graph_counts(graph, LABELS) == before
        assert again.nodes.created == again.links.created == 0
        assert again.nodes.updated == again.links.updated == 0
    # The company register and the PSC register meet on the company number, and the PSC's
    # service address is the company's registered office (one Address node).
    row = graph.execute_query(
        "MATCH (p:Person)-[:DECLARED_BO_OF]->(c:Company {key: 'GB-COH-08209948'}), "
        "(p)-[:REGISTERED_AT {kind: 'service'}]->(a:Address)"
        "<-[:REGISTERED_AT {kind: 'registered'}]-(c) "
        "RETURN c.name AS c, p.name AS p"
    ).records
    assert [(r["c"], r["p"]) for r in row] == [("! LTD", "Marc Anthony FELDMAN")]
