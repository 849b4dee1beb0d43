"""ch-api against the real Neo4j: real API responses, a small company world, reloads."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

from neo4j import Driver

from graph_schema.settings import Settings
from loaders.companies_house import api_folders, disqualified
from tests.graph.loading import assert_loading_again_changes_nothing, count, graph_counts, load

SMITH: dict[str, Any] = {
    "name": "SMITH, John Paul",
    "officer_role": "director",
    "date_of_birth": {"month": 5, "year": 1970},
    "nationality": "British",
    "address": {"premises": "2", "address_line_1": "Low Road", "locality": "York"},
    "links": {"officer": {"appointments": "/officers/SmithJP1/appointments"}},
}


def _filing(
    kind: str, category: str, description: str, on: str, tx: str, **extra: Any
) -> dict[str, Any]:
    return {
        "type": kind,
        "category": category,
        "description": description,
        "date": on,
        "transaction_id": tx,
        **extra,
    }


def _world(root: Path, holdco_status: str = "active", holdco_resigned: str | None = None) -> Path:
    """Two companies: ACME (CVL then dissolved) and its parent HOLDCO, sharing a director."""
    docs: dict[str, dict[str, Any]] = {
        "01234567/profile.json": {
            "company_number": "01234567",
            "company_name": "ACME WIDGETS LIMITED",
            "company_status": "dissolved",
            "type": "ltd",
            "date_of_creation": "2010-03-01",
            "date_of_cessation": "2021-06-15",
            "sic_codes": ["43910"],
            "registered_office_address": {
                "address_line_1": "1 High Street",
                "locality": "Leeds",
                "postal_code": "LS1 1AA",
            },
            "previous_company_names": [
                {
                    "name": "ACME TRADING LIMITED",
                    "effective_from": "2010-03-01",
                    "ceased_on": "2015-02-01",
                }
            ],
        },
        "01234567/officers.json": {
            "kind": "officer-list",
            "items": [
                {**SMITH, "appointed_on": "2010-03-01", "resigned_on": "2019-12-31"},
                {
                    "name": "JONES, Mary",
                    "officer_role": "secretary",
                    "appointed_on": "2010-03-01",
                    "links": {"officer": {"appointments": "/officers/Jones1/appointments"}},
                },
                {
                    "name": "HOLDCO LIMITED",
                    "officer_role": "corporate-director",
                    "appointed_on": "2019-12-31",
                    "identification": {
                        "identification_type": "uk-limited-company",
                        "registration_number": "07654321",
                        "place_registered": "Companies House",
                    },
                    "links": {"officer": {"appointments": "/officers/Holdco1/appointments"}},
                },
            ],
        },
        "01234567/persons-with-significant-control.json": {
            "items": [
                {
                    "kind": "corporate-entity-person-with-significant-control",
                    "name": "Holdco Limited",
                    "identification": {
                        "country_registered": "England",
                        "registration_number": "7654321",
                    },
                    "natures_of_control": [
                        "ownership-of-shares-75-to-100-percent",
                        "right-to-appoint-and-remove-directors",
                    ],
                    "notified_on": "2019-12-31",
                    "links": {
                        "self": "/company/01234567/persons-with-significant-control/"
                        "corporate-entity/C1"
                    },
                },
                {
                    "kind": "individual-person-with-significant-control",
                    "name": "Mr John Paul Smith",
                    "name_elements": {
                        "forename": "John",
                        "middle_name": "Paul",
                        "surname": "Smith",
                    },
                    "date_of_birth": {"month": 5, "year": 1970},
                    "natures_of_control": ["ownership-of-shares-25-to-50-percent"],
                    "notified_on": "2016-04-06",
                    "ceased_on": "2019-12-31",
                    "links": {
                        "self": "/company/01234567/persons-with-significant-control/individual/I1"
                    },
                },
            ]
        },
        "01234567/insolvency.json": {
            "cases": [
                {
                    "type": "creditors-voluntary-liquidation",
                    "number": "1",
                    "dates": [
                        {"type": "wound-up-on", "date": "2020-05-01"},
                        {"type": "dissolved-on", "date": "2021-06-15"},
                    ],
                    "practitioners": [{"name": "Jane Doe", "role": "practitioner"}],
                },
            ]
        },
        "01234567/filing-history.json": {
            "items": [
                _filing(
                    "AA",
                    "accounts",
                    "accounts-with-accounts-type-dormant",
                    "2019-06-01",
                    "TX1",
                    description_values={"made_up_date": "2018-12-31"},
                ),
                _filing(
                    "AD01",
                    "address",
                    "change-registered-office-address-company-with-date-old-address-new-address",
                    "2019-07-01",
                    "TX2",
                ),
                _filing(
                    "AP02",
                    "officers",
                    "appoint-corporate-director-company-with-name-date",
                    "2019-12-31",
                    "TX3",
                ),
                _filing(
                    "TM01",
                    "officers",
                    "termination-director-company-with-name-termination-date",
                    "2019-12-31",
                    "TX4",
                ),
                _filing(
                    "600",
                    "insolvency",
                    "liquidation-voluntary-appointment-of-liquidator",
                    "2020-05-01",
                    "TX5",
                ),
                _filing("GAZ2", "gazette", "gazette-dissolved-liquidation", "2021-06-15", "TX6"),
            ]
        },
        "07654321/profile.json": {
            "company_number": "07654321",
            "company_name": "HOLDCO LIMITED",
            "company_status": holdco_status,
            "type": "ltd",
            "date_of_creation": "2005-01-01",
            "registered_office_address": {"address_line_1": "9 Park Row", "locality": "Leeds"},
        },
        "07654321/officers.json": {
            "items": [
                {**SMITH, "appointed_on": "2005-01-01", "resigned_on": holdco_resigned},
            ]
        },
    }
    for name, doc in docs.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(json.dumps(doc, indent=2))
    return root


def _counts(driver: Driver) -> dict[str, int]:
    return graph_counts(driver, ("Company", "Person", "Address", "Event", "Disqualification"))


def test_real_api_responses_load(
    graph: Driver, settings: Settings, datasets_dir: Path, tmp_path: Path
) -> None:
    samples = datasets_dir / "companies-house" / "api-responses-chwrapper"
    # The cached responses are laid out as the loader expects: <company_number>/<document>.
    # insolvency_results.json does not name its company; it is filed under a made-up number.
    for source, target in [
        ("profile_results.json", "02894655/profile.json"),
        ("insolvency_results.json", "01000001/insolvency.json"),
        ("filing_results.json", "09528727/filing-history.json"),
    ]:
        (tmp_path / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(samples / source, tmp_path / target)
    report = load(graph, settings, api_folders.FORMAT, tmp_path)
    assert (report.read, report.loaded, report.rejected) == (3, 3, 0)
    assert _counts(graph) == {
        "Company": 3,
        "Person": 0,
        "Address": 1,
        "Event": 4,
        "Disqualification": 0,
        "IDENTIFIED_BY": 3,
        "HAS_EVENT": 4,
        "REGISTERED_AT": 1,
    }
    accounts = graph.execute_query(
        "MATCH (:Company {key: 'GB-COH-02894655'})-[:HAS_EVENT]->"
        "(e:Event {kind: 'ACCOUNTS_FILED'}) "
        "RETURN e.made_up_to AS m, e.dormant AS d"
    ).records
    assert [(r["m"].to_native(), r["d"]) for r in accounts] == [(date(1996, 1, 31), False)]
    intaglio = graph.execute_query(
        "MATCH (c:Company {key: 'GB-COH-02894655'})-[:HAS_EVENT]->(e:Event {kind: 'DISSOLUTION'}) "
        "RETURN c.name AS name, c.status AS status, c.incorporated_on AS inc, "
        "c.activity_codes AS sic, e.kind AS kind, e.date AS on"
    ).records[0]
    assert (intaglio["name"], intaglio["status"], intaglio["sic"]) == (
        "INTAGLIO SYSTEMS LIMITED",
        "dissolved",
        ["SIC:7220"],
    )
    assert intaglio["inc"].to_native() == date(1994, 2, 4)
    assert (intaglio["kind"], intaglio["on"].to_native()) == ("DISSOLUTION", date(1996, 9, 3))
    case = graph.execute_query(
        "MATCH (:Company {key: 'GB-COH-01000001'})-[:HAS_EVENT]->(e:Event) "
        "RETURN e.kind AS kind, e.date AS on, e.end_date AS end, e.insolvency AS insolvency"
    ).records[0]
    assert (case["kind"], case["insolvency"]) == ("COMPULSORY_LIQUIDATION", True)
    # The winding-up order opens the case (not the petition); the conclusion ends it.
    assert (case["on"].to_native(), case["end"].to_native()) == (
        date(1997, 4, 21),
        date(1998, 9, 9),
    )
    filing = graph.execute_query(
        "MATCH (:Company {key: 'GB-COH-09528727'})-[:HAS_EVENT]->(e:Event) "
        "RETURN e.kind AS kind, e.date AS on"
    ).records[0]
    assert (filing["kind"], filing["on"].to_native()) == ("INCORPORATION", date(2015, 4, 7))


def test_company_world_loads_into_the_expected_graph(
    graph: Driver, settings: Settings, tmp_path: Path
) -> None:
    report = load(graph, settings, api_folders.FORMAT, _world(tmp_path))
    assert (report.read, report.loaded, report.rejected) == (15, 15, 0)
    assert _counts(graph) == {
        "Company": 2,
        "Person": 2,
        "Address": 3,
        "Event": 8,
        "Disqualification": 0,
        "IDENTIFIED_BY": 2,
        "HAS_EVENT": 8,
        "DIRECTOR_OF": 4,
        "DECLARED_BO_OF": 2,
        "REGISTERED_AT": 3,
    }
    # One John Paul Smith (same name and birth month) directs both companies and was a PSC.
    smith = graph.execute_query(
        "MATCH (p:Person {name: 'John Paul SMITH'})-[d:DIRECTOR_OF]->(c:Company) "
        "RETURN c.key AS c, d.start AS s, d.end AS e, p.birth_year_month AS ym ORDER BY c"
    ).records
    assert [
        (r["c"], r["s"].to_native(), r["e"] and r["e"].to_native(), r["ym"]) for r in smith
    ] == [
        ("GB-COH-01234567", date(2010, 3, 1), date(2019, 12, 31), "1970-05"),
        ("GB-COH-07654321", date(2005, 1, 1), None, "1970-05"),
    ]
    smith_key = graph.execute_query(
        "MATCH (p:Person {name: 'John Paul SMITH'}) RETURN p.key AS k"
    ).records[0]["k"]
    owners = graph.execute_query(
        "MATCH (o:Entity)-[d:DECLARED_BO_OF]->(:Company {key: 'GB-COH-01234567'}) "
        "RETURN o.key AS o, d.share_min AS lo, d.share_max AS hi, d.control AS control, "
        "d.end AS end, d.declared_by AS by ORDER BY lo DESC"
    ).records
    assert [(r["o"], r["lo"], r["hi"], r["control"], r["by"]) for r in owners] == [
        ("GB-COH-07654321", 75.0, 100.0, True, "psc"),
        (smith_key, 25.0, 50.0, False, "psc"),
    ]
    assert owners[1]["end"].to_native() == date(2019, 12, 31)
    events = graph.execute_query(
        "MATCH (:Company {key: 'GB-COH-01234567'})-[:HAS_EVENT]->(e:Event) "
        "RETURN e.kind AS k, e.date AS d, e.insolvency AS i ORDER BY d, k"
    ).records
    assert [(r["k"], str(r["d"]), r["i"]) for r in events] == [
        ("NAME_CHANGE", "2015-02-01", False),
        ("ACCOUNTS_FILED", "2019-06-01", False),
        ("ADDRESS_CHANGE", "2019-07-01", False),
        ("FILING", "2019-12-31", False),  # AP02 and TM01 of one day: one event each
        ("FILING", "2019-12-31", False),
        ("CREDITORS_VOLUNTARY_LIQUIDATION", "2020-05-01", True),
        ("FILING", "2020-05-01", False),
        ("DISSOLUTION", "2021-06-15", False),  # profile and gazette: one event
    ]
    holdco = graph.execute_query(
        "MATCH (h:Company {key: 'GB-COH-07654321'})-[d:DIRECTOR_OF]->"
        "(:Company {key: 'GB-COH-01234567'}) "
        "RETURN h.name AS name, d.role AS role, d.role_label AS label"
    ).records
    assert [(r["name"], r["role"], r["label"]) for r in holdco] == [
        ("HOLDCO LIMITED", "director", "corporate-director")
    ]


def test_loading_twice_is_identical_and_a_correction_updates_in_place(
    graph: Driver, settings: Settings, tmp_path: Path
) -> None:
    v1 = _world(tmp_path / "v1")
    load(graph, settings, api_folders.FORMAT, v1)
    assert_loading_again_changes_nothing(graph, settings, api_folders.FORMAT, v1)
    counts = _counts(graph)
    v2 = _world(tmp_path / "v2", holdco_status="liquidation", holdco_resigned="2022-01-31")
    report = load(graph, settings, api_folders.FORMAT, v2)
    # Nothing duplicated; the one new node is the insolvency the new status tells (HOLDCO has
    # no insolvency document nor filing history here: undated, and said so).
    assert _counts(graph) == {
        **counts,
        "Event": counts["Event"] + 1,
        "HAS_EVENT": counts["HAS_EVENT"] + 1,
    }
    status = graph.execute_query(
        "MATCH (:Company {key: 'GB-COH-07654321'})-[:HAS_EVENT]->(e:Event) "
        "RETURN e.kind AS k, e.date AS d, e.insolvency AS i, e.basis AS b, e.description AS t"
    ).records
    assert [(r["k"], r["d"], r["i"], r["b"]) for r in status] == [
        ("WINDING_UP", None, True, "company-status")
    ]
    assert "its date is unknown" in status[0]["t"]
    assert report.links.updated == 1 and report.nodes.updated == 1
    row = graph.execute_query(
        "MATCH (:Person {name: 'John Paul SMITH'})-[d:DIRECTOR_OF]->"
        "(c:Company {key: 'GB-COH-07654321'}) "
        "RETURN c.status AS status, d.end AS end"
    ).records
    assert [(r["status"], r["end"].to_native()) for r in row] == [
        ("liquidation", date(2022, 1, 31))
    ]


def test_a_disqualification_lands_on_the_director_of_the_same_name_and_birth_month(
    graph: Driver, settings: Settings, tmp_path: Path
) -> None:
    load(graph, settings, api_folders.FORMAT, _world(tmp_path / "world"))
    doc = {
        "kind": "natural-disqualification",
        "forename": "John",
        "other_forenames": "Paul",
        "surname": "SMITH",
        "date_of_birth": "1970-05-12",
        "links": {"self": "/disqualified-officers/natural/DQ1"},
        "disqualifications": [
            {
                "disqualification_type": "undertaking",
                "disqualified_from": "2021-09-01",
                "disqualified_until": "2027-08-31",
                "case_identifier": "INV-1",
                "company_names": ["ACME WIDGETS LIMITED"],
                "reason": {
                    "act": "company-directors-disqualification-act-1986",
                    "section": "7",
                    "description_identifier": "order-or-undertaking-and-reporting-provisions",
                },
            }
        ],
    }
    path = tmp_path / "DQ1.json"
    path.write_text(json.dumps(doc))
    report = load(graph, settings, disqualified.FORMAT, path)
    assert (report.read, report.loaded) == (1, 1)
    assert count(graph, "MATCH (p:Person) RETURN count(p)") == 2  # merged, not added
    row = graph.execute_query(
        "MATCH (p:Person)-[:DIRECTOR_OF]->(:Company {key: 'GB-COH-01234567'}), "
        "(p)-[:DISQUALIFIED]->(d:Disqualification) "
        "RETURN p.birth_date AS born, d.start AS s, d.end AS e, d.authority AS a, d.reason AS r"
    ).records
    assert len(row) == 1
    assert row[0]["born"].to_native() == date(1970, 5, 12)
    assert (row[0]["s"].to_native(), row[0]["e"].to_native(), row[0]["a"]) == (
        date(2021, 9, 1),
        date(2027, 8, 31),
        "Companies House",
    )
    assert row[0]["r"].startswith("Undertaking; Disqualification order or undertaking")
