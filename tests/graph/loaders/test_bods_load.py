"""BODS samples loaded into the real Neo4j: exact counts, known facts, rejects, idempotency."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from graph_schema.settings import Settings
from loaders.bods.parse import FORMAT
from tests.graph.graph_hash import graph_facts
from tests.graph.loading import graph_counts, load

REL_TYPES = ("OWNS", "CONTROLS", "DIRECTOR_OF", "DECLARED_BO_OF", "REGISTERED_AT")


def _counts(driver: Driver) -> dict[str, int]:
    return graph_counts(driver, ("Company", "Person", "Address", "Identifier"), REL_TYPES)


def _c(company: int, person: int, address: int, ident: int, *rels: int) -> dict[str, int]:
    owns, controls, director, declared, registered = rels
    return {
        "Company": company,
        "Person": person,
        "Address": address,
        "Identifier": ident,
        "OWNS": owns,
        "CONTROLS": controls,
        "DIRECTOR_OF": director,
        "DECLARED_BO_OF": declared,
        "REGISTERED_AT": registered,
    }


OO = "other-registries/openownership-register-fixtures"
# (sample, read, loaded, rejected, graph counts), measured on the shared datasets. A folder is
# one package: statements may reference each other across its files.
SAMPLES = [
    # 1 rejected: renco-energy-ltd-roberto-lopez.json references a statement of another example.
    # Identifiers include the examples' invalid GB-COH numbers ('XE-000079054'), kept unvalidated.
    ("bods/v0.2", 99, 98, 1, _c(23, 13, 2, 13, 20, 11, 0, 20, 3)),
    ("bods/v0.3", 99, 98, 1, _c(23, 13, 2, 13, 20, 11, 0, 20, 3)),
    # 0.4 entities and persons also carry XI-BODS-<recordId> (how later files find them).
    # bods-package-annotations / -linking-annotations come from an official register: their
    # interests are that register's declarations (DECLARED_BO_OF), not shareholdings.
    ("bods/v0.4", 119, 119, 0, _c(33, 20, 6, 74, 35, 12, 6, 29, 6)),
    # 1 rejected: the standard's fixture names subject 'ent-93c75c87ab28f88' (a digit short),
    # neither in the package nor in the graph.
    ("bods/valid-0.4", 111, 110, 1, _c(3, 3, 4, 5, 4, 2, 2, 3, 6)),
    # 21 rejected: dangling references (the fixtures were cut from the full register export).
    # Danish and Slovak register statements: the registers' beneficial owners, declared.
    ("bods/oo-register-0.2", 146, 125, 21, _c(21, 44, 60, 0, 0, 0, 0, 38, 67)),
    ("bods/oo-register-uk-psc-0.2/aimia-group.json", 6, 6, 0, _c(3, 0, 2, 2, 0, 0, 0, 2, 3)),
    # The GB company's {"schemeName": "RA000585"} number is now its key (one more identifier).
    ("bods/gleif-0.2", 96, 68, 28, _c(25, 6, 19, 19, 0, 9, 0, 2, 36)),
    ("bods/gleif-0.4", 3, 3, 0, _c(2, 0, 2, 4, 0, 0, 0, 1, 4)),
    (f"{OO}/bods_single_direct_example.json", 3, 3, 0, _c(1, 1, 1, 1, 1, 0, 0, 1, 1)),
    (f"{OO}/bods_single_direct_example_out_of_order.json", 3, 3, 0, _c(1, 1, 1, 1, 1, 0, 0, 1, 1)),
]


@pytest.mark.parametrize(("sample", "read", "loaded", "rejected", "counts"), SAMPLES)
def test_samples_load_with_exact_counts(
    graph: Driver,
    settings: Settings,
    datasets_dir: Path,
    sample: str,
    read: int,
    loaded: int,
    rejected: int,
    counts: dict[str, int],
) -> None:
    report = load(graph, settings, FORMAT, datasets_dir / sample, batch_size=50)
    assert (report.read, report.loaded, report.rejected) == (read, loaded, rejected)
    assert _counts(graph) == counts


def _owns(driver: Driver, owner: str, company: str) -> list[tuple[Any, ...]]:
    rows = driver.execute_query(
        "MATCH (o:Entity {name: $owner})-[r:OWNS]->(c:Company {name: $company}) "
        "RETURN r.interest AS i, r.share_exact AS x, r.share_min AS lo, r.share_max AS hi, "
        "r.start AS s, r.end AS e ORDER BY s, i",
        owner=owner,
        company=company,
    ).records
    return [(r["i"], r["x"], r["lo"], r["hi"], _day(r["s"]), _day(r["e"])) for r in rows]


def _day(value: Any) -> date | None:
    return None if value is None else value.to_native()


def test_v04_updates_and_closures_are_dated(
    graph: Driver, settings: Settings, datasets_dir: Path
) -> None:
    load(graph, settings, FORMAT, datasets_dir / "bods" / "v0.4", batch_size=50)
    # tecido.json: Maria Esteves 100% -> 40% -> 30%, then her record is closed on 2023-03-03.
    assert _owns(graph, "Maria Esteves", "Tecido Ltd") == [
        ("shareholding", 100.0, None, None, date(2002, 3, 9), date(2021, 9, 24)),
        ("votingRights", 100.0, None, None, date(2002, 3, 9), date(2021, 9, 24)),
        ("shareholding", 40.0, None, None, date(2021, 9, 24), date(2022, 9, 21)),
        ("votingRights", 40.0, None, None, date(2021, 9, 24), date(2022, 9, 21)),
        ("shareholding", 30.0, None, None, date(2022, 9, 21), date(2023, 3, 3)),
        ("votingRights", 30.0, None, None, date(2022, 9, 21), date(2023, 3, 3)),
    ]
    shear = _owns(graph, "Shear Trust", "Tecido Ltd")
    assert [(x, s, e) for i, x, _, _, s, e in shear if i == "shareholding"] == [
        (60.0, date(2021, 9, 24), date(2022, 9, 21)),
        (70.0, date(2022, 9, 21), date(2023, 3, 1)),
        (80.0, date(2023, 3, 1), None),
    ]
    # fermcat.json: Patrick O'Donohue's 50% is corrected to 100% in place (same start).
    assert _owns(graph, "Patrick O'Donohue", "Fermcat Ltd") == [
        ("shareholding", 100.0, None, None, date(2019, 9, 11), None)
    ]
    assert _owns(graph, "Riyadh Byrne-Amin", "Fermcat Ltd") == [
        ("shareholding", 50.0, None, None, date(2019, 9, 11), date(2021, 4, 3))
    ]
    board = graph.execute_query(
        "MATCH (p:Person)-[d:DIRECTOR_OF]->(:Company {name: 'Fermcat Ltd'}) "
        "RETURN p.name AS n, d.role AS r, d.start AS s, d.end AS e ORDER BY n"
    ).records
    assert [(r["n"], r["r"], _day(r["s"]), _day(r["e"])) for r in board] == [
        ("Patrick O'Donohue", "board_member", date(2019, 9, 11), None),
        ("Riyadh Byrne-Amin", "board_member", date(2019, 9, 11), date(2021, 4, 3)),
    ]


def test_indirect_interests_are_declarations_not_holdings(
    graph: Driver, settings: Settings, datasets_dir: Path
) -> None:
    load(graph, settings, FORMAT, datasets_dir / "bods" / "v0.4", batch_size=50)
    # indirect-ownership.json: Person 1 holds 30% of Company A through Company B.
    declared = graph.execute_query(
        "MATCH (p:Person {name: 'Person 1'})-[d:DECLARED_BO_OF]->(c:Company {name: 'Company A'}) "
        "WHERE d.direct_or_indirect = 'indirect' "
        "RETURN c.key AS c, d.share_exact AS x, d.declared_by AS by ORDER BY c"
    ).records
    # 'XE9999' passes as a Companies House number (two letters + digits).
    assert ("GB-COH-XE009999", 30.0, "bods") in [(r["c"], r["x"], r["by"]) for r in declared]
    direct = graph.execute_query(
        "MATCH (:Person {name: 'Person 1'})-[r:OWNS]->(c:Company {key: 'GB-COH-XE009999'}) "
        "RETURN count(r) AS n"
    ).records
    assert direct[0]["n"] == 0


def test_gleif_04_relationship_and_entities(
    graph: Driver, settings: Settings, datasets_dir: Path
) -> None:
    load(graph, settings, FORMAT, datasets_dir / "bods" / "gleif-0.4", batch_size=50)
    rows = graph.execute_query(
        "MATCH (a:Company)-[d:DECLARED_BO_OF]->(b:Company) RETURN a.key AS a, b.key AS b, "
        "d.interests AS i, d.direct_or_indirect AS h, d.start AS s, d.record_id AS rid"
    ).records
    assert [(r["a"], r["b"], r["i"], r["h"], _day(r["s"])) for r in rows] == [
        (
            "XI-LEI-30030096HNNZNN7BZK36",
            "XI-LEI-3003005JY7KTP8L48N10",
            ["otherInfluenceOrControl"],
            "indirect",
            date(2016, 2, 23),
        )
    ]
    assert rows[0]["rid"].startswith("XI-LEI-")


def test_uk_psc_band_and_duplicate_identifiers(
    graph: Driver, settings: Settings, datasets_dir: Path
) -> None:
    load(
        graph,
        settings,
        FORMAT,
        datasets_dir / "bods" / "oo-register-uk-psc-0.2" / "aimia-group.json",
        batch_size=50,
    )
    # Published from the PSC register (source.type officialRegister): the register's
    # declaration of a corporate PSC, with its band, not a shareholder list.
    assert _owns(graph, "AIMIA INC.", "AIMIA HOLDINGS UK LIMITED") == []
    declared = graph.execute_query(
        "MATCH (o:Company {name: 'AIMIA INC.'})-[r:DECLARED_BO_OF]->"
        "(c:Company {name: 'AIMIA HOLDINGS UK LIMITED'}) RETURN r.declared_by AS by, "
        "r.share_min AS lo, r.share_max AS hi, r.interests AS i, r.start AS s"
    ).records
    assert [(r["by"], r["lo"], r["hi"], r["i"], _day(r["s"])) for r in declared] == [
        ("bods-register", 75.0, 100.0, ["shareholding"], date(2017, 1, 1))
    ]
    # '06436883' and '6436883' are one Companies House number.
    idents = graph.execute_query(
        "MATCH (c:Company {name: 'AIMIA HOLDINGS UK LIMITED'})-[:IDENTIFIED_BY]->(i) "
        "RETURN c.key AS c, collect(i.key) AS i"
    ).records
    assert [(r["c"], r["i"]) for r in idents] == [("GB-COH-06436883", ["GB-COH-06436883"])]
    reason = graph.execute_query(
        "MATCH (c:Company {name: 'AIMIA INC.'}) RETURN c.no_beneficial_owner_reason AS r"
    ).records
    assert reason[0]["r"] == "unknown"


def test_out_of_order_file_links_the_owner(
    graph: Driver, settings: Settings, datasets_dir: Path
) -> None:
    path = datasets_dir / OO / "bods_single_direct_example_out_of_order.json"
    load(graph, settings, FORMAT, path, batch_size=50)
    rows = graph.execute_query(
        "MATCH (p:Person)-[r:OWNS]->(c:Company) RETURN p.name AS p, p.birth_year_month AS b, "
        "p.nationality AS n, c.key AS c, c.incorporated_on AS f, r.share_exact AS x, r.start AS s"
    ).records
    assert [(r["p"], r["b"], r["n"], r["c"], _day(r["f"]), r["x"], _day(r["s"])) for r in rows] == [
        (
            "First Last",
            "1960-01",
            "GB",
            "GB-COH-01234567",
            date(2015, 1, 1),
            100.0,
            date(2015, 1, 1),
        )
    ]


def test_register_people_pep_and_unspecified_owners(
    graph: Driver, settings: Settings, datasets_dir: Path
) -> None:
    load(graph, settings, FORMAT, datasets_dir / "bods" / "oo-register-0.2", batch_size=50)
    load(graph, settings, FORMAT, datasets_dir / "bods" / "v0.4", batch_size=50)
    dk = graph.execute_query(
        "MATCH (p:Person {name: 'Thomas Sandø Iversen'}) "
        "RETURN p.nationality AS n, p.match_basis AS m, p.source AS s"
    ).records
    assert [(r["n"], r["m"], r["s"]) for r in dk] == [("DK", "source_record", "bods")]
    pep = graph.execute_query(
        "MATCH (p:Person {name: 'Michael Hubbard'}) RETURN p.topics AS t"
    ).records
    assert [r["t"] for r in pep] == [["role.pep"], ["role.pep"]]  # two examples, no birth date
    listed = graph.execute_query(
        "MATCH (c:Company {name: 'Listed Company OS-17'}) "
        "RETURN c.listed AS l, c.no_beneficial_owner_reason AS r"
    ).records
    assert [(r["l"], r["r"]) for r in listed] == [(True, "subjectExemptFromDisclosure")]


def _statements(*items: dict[str, Any]) -> str:
    return json.dumps(list(items))


def _v04(
    record_id: str, kind: str, on: str, status: str, details: dict[str, Any]
) -> dict[str, Any]:
    return {
        "statementId": f"{record_id}-{on}".ljust(32, "0"),
        "declarationSubject": "ent-1",
        "statementDate": on,
        "recordId": record_id,
        "recordType": kind,
        "recordStatus": status,
        "recordDetails": {"isComponent": False, **details},
    }


def _package(on: str, status: str, name: str, share: float) -> str:
    return _statements(
        _v04(
            "ent-1",
            "entity",
            on,
            status,
            {
                "entityType": {"type": "registeredEntity"},
                "name": name,
                "identifiers": [{"scheme": "GB-COH", "id": "00000042"}],
            },
        ),
        _v04(
            "per-1",
            "person",
            on,
            status,
            {
                "personType": "knownPerson",
                "names": [{"fullName": "Ann Lee"}],
                "birthDate": "1970-05",
            },
        ),
        _v04(
            "rel-1",
            "relationship",
            on,
            status,
            {
                "subject": "ent-1",
                "interestedParty": "per-1",
                "interests": [
                    {
                        "type": "shareholding",
                        "directOrIndirect": "direct",
                        "share": {"exact": share},
                        "startDate": "2020-01-01",
                    }
                ],
            },
        ),
    )


def test_a_corrected_later_file_updates_in_place(
    graph: Driver, settings: Settings, tmp_path: Path
) -> None:
    v1, v2 = tmp_path / "v1.json", tmp_path / "v2.json"
    v1.write_text(_package("2024-01-01", "new", "Acme Ltd", 30), encoding="utf-8")
    v2.write_text(_package("2024-06-01", "updated", "Acme Holdings Ltd", 35), encoding="utf-8")
    load(graph, settings, FORMAT, v1, batch_size=50)
    before = _counts(graph)
    report = load(graph, settings, FORMAT, v2, batch_size=50)
    assert _counts(graph) == before  # nothing duplicated
    assert report.links.updated == 1 and report.links.created == 0
    assert _owns(graph, "Ann Lee", "Acme Holdings Ltd") == [
        ("shareholding", 35.0, None, None, date(2020, 1, 1), None)
    ]
    seen = graph.execute_query(
        "MATCH (c:Company {key: 'GB-COH-00000042'}) RETURN c.seen_at AS s, c.name AS n"
    ).records
    assert (_day(seen[0]["s"]), seen[0]["n"]) == (date(2024, 6, 1), "Acme Holdings Ltd")


def _relationship_only(on: str, status: str, *interests: dict[str, Any]) -> str:
    return _statements(
        _v04(
            "rel-1",
            "relationship",
            on,
            status,
            {"subject": "ent-1", "interestedParty": "per-1", "interests": list(interests)},
        )
    )


def _share(pct: float, start: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": "shareholding",
        "directOrIndirect": "direct",
        "share": {"exact": pct},
        "startDate": start,
        **extra,
    }


def test_records_updated_and_closed_in_later_files(
    graph: Driver, settings: Settings, tmp_path: Path
) -> None:
    """BODS 0.4 record versions in separate files, written from the standard's documentation
    of recordStatus: a later file holds only the changed relationship record, naming its
    parties by recordId."""
    v1 = tmp_path / "v1.json"
    v1.write_text(_package("2024-01-01", "new", "Acme Ltd", 30), encoding="utf-8")
    load(graph, settings, FORMAT, v1, batch_size=50)
    v2 = tmp_path / "v2.json"
    v2.write_text(
        _relationship_only("2024-06-01", "updated", _share(60, "2024-05-01")), encoding="utf-8"
    )
    report = load(graph, settings, FORMAT, v2, batch_size=50)
    assert (report.rejected, report.changes) == (0, {"modified": 1})
    # the interest the new version no longer asserts ends on its statement date
    assert _owns(graph, "Ann Lee", "Acme Ltd") == [
        ("shareholding", 30.0, None, None, date(2020, 1, 1), date(2024, 6, 1)),
        ("shareholding", 60.0, None, None, date(2024, 5, 1), None),
    ]
    v3 = tmp_path / "v3.json"
    v3.write_text(
        _relationship_only("2024-09-01", "closed", _share(60, "2024-05-01")), encoding="utf-8"
    )
    report = load(graph, settings, FORMAT, v3, batch_size=50)
    assert (report.rejected, report.changes) == (0, {"deleted": 1})
    assert _owns(graph, "Ann Lee", "Acme Ltd")[-1] == (
        "shareholding",
        60.0,
        None,
        None,
        date(2024, 5, 1),
        date(2024, 9, 1),
    )
    # a record named nowhere, in the file or the graph, is still rejected
    v4 = tmp_path / "v4.json"
    orphan = _v04(
        "rel-9",
        "relationship",
        "2024-10-01",
        "new",
        {"subject": "ent-1", "interestedParty": "per-9", "interests": [_share(5, "2024-10-01")]},
    )
    v4.write_text(_statements(orphan), encoding="utf-8")
    rejects = tmp_path / "rejects.jsonl"
    report = load(graph, settings, FORMAT, v4, rejects=rejects, batch_size=50)
    assert report.rejected == 1
    (bad,) = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert bad["reason"] == (
        "dangling reference: XI-BODS-per-9 is neither in this file nor in the graph"
    )


def test_a_gleif_reporting_exception_is_not_a_missing_beneficial_owner(
    graph: Driver, settings: Settings, tmp_path: Path
) -> None:
    """Shaped like Open Ownership's GLEIF pipeline output (bods-gleif-pipeline, BODS 0.4
    `repex` records): an accounting-parent reporting exception is an unspecified interested
    party with `beneficialOwnershipOrControl: false`; a register's own "no beneficial owner"
    statement carries no interests."""
    entity = _v04(
        "549300CLJRYXBPCXXV46",
        "entity",
        "2024-06-06",
        "new",
        {
            "entityType": {"type": "registeredEntity"},
            "name": "Ewellix GmbH",
            "identifiers": [{"id": "549300CLJRYXBPCXXV46", "scheme": "XI-LEI"}],
        },
    )
    repex = _v04(
        "repex-d-549300CLJRYXBPCXXV46-c7db43",
        "relationship",
        "2024-06-06",
        "new",
        {
            "subject": "549300CLJRYXBPCXXV46",
            "interestedParty": {
                "reason": "interestedPartyExemptFromDisclosure",
                "details": "Exception Reason: NON_CONSOLIDATING.",
            },
            "interests": [
                {
                    "directOrIndirect": "direct",
                    "details": "Exception Category: DIRECT_ACCOUNTING_CONSOLIDATION_PARENT",
                    "type": "otherInfluenceOrControl",
                    "beneficialOwnershipOrControl": False,
                }
            ],
        },
    )
    path = tmp_path / "repex.json"
    path.write_text(_statements(entity, repex), encoding="utf-8")
    report = load(graph, settings, FORMAT, path, batch_size=50)
    assert (report.loaded, report.rejected) == (2, 0)
    row = graph.execute_query(
        "MATCH (c:Company {key: 'XI-LEI-549300CLJRYXBPCXXV46'}) "
        "RETURN c.no_beneficial_owner_reason AS r, COUNT { (c)<-[]-(:Entity) } AS links"
    ).records[0]
    assert (row["r"], row["links"]) == (None, 0)


def test_loading_twice_leaves_the_graph_identical(
    graph: Driver, settings: Settings, datasets_dir: Path
) -> None:
    sample = datasets_dir / "bods" / "v0.4"
    load(graph, settings, FORMAT, sample, batch_size=50)
    before = graph_facts(graph)
    again = load(graph, settings, FORMAT, sample, batch_size=50)
    assert graph_facts(graph) == before
    assert again.nodes.created == 0 and again.links.created == 0
    plain = datasets_dir / "bods" / "gleif-0.4"
    load(graph, settings, FORMAT, plain, batch_size=50)
    once_more = load(graph, settings, FORMAT, plain, batch_size=50)
    assert once_more.nodes.updated == 0 and once_more.links.updated == 0


BROKEN = b"\n".join(
    [
        b'{"statementID": "e1", "statementType": "entityStatement",'
        b' "entityType": "registeredEntity", "name": "Good Co",'
        b' "identifiers": [{"scheme": "GB-COH", "id": "00000077"}]}',
        b'{"statementID": "e2", "statementType": "entityStatement"',
        b'{"statementID": "e3", "statementType": "entityStatement", "entityType": "company"}',
        b'{"statementID": "p1", "statementType": "personStatement", "birthDate": "1970-13"}',
        b'{"statementID": "p\xff", "statementType": "personStatement"}',
        b'{"statementID": "p2", "statementType": "personStatement",'
        b' "names": [{"fullName": "Bo Ek"}]}',
        b'{"statementID": "o1", "statementType": "ownershipOrControlStatement",'
        b' "subject": {"describedByEntityStatement": "e1"},'
        b' "interestedParty": {"describedByPersonStatement": "p2"},'
        b' "interests": [{"type": "shareholding", "share": {"exact": 12.5}}]}',
        b'{"statementID": "o2", "statementType": "ownershipOrControlStatement",'
        b' "subject": {"describedByEntityStatement": "e1"},'
        b' "interestedParty": {"describedByPersonStatement": "p1"}}',
    ]
)


def test_broken_statements_are_reported_and_good_ones_arrive(
    graph: Driver, settings: Settings, tmp_path: Path
) -> None:
    src = tmp_path / "mixed.jsonl"
    src.write_bytes(BROKEN)
    rejects = tmp_path / "rejects.jsonl"
    report = load(graph, settings, FORMAT, src, rejects=rejects, batch_size=50)
    assert (report.read, report.loaded, report.rejected) == (8, 3, 5)
    lines = [json.loads(line) for line in rejects.read_text(encoding="utf-8").splitlines()]
    got = [(r["line"], r["reason"].split(":")[0], r["format"]) for r in lines]
    assert got == [
        (2, "invalid JSON", "bods"),
        (3, "unknown entityType 'company'", "bods"),
        (4, "invalid date '1970-13' in birthDate", "bods"),
        (5, "not UTF-8", "bods"),
        (8, "dangling reference", "bods"),
    ]
    assert "statement p1 was rejected" in lines[-1]["reason"]
    assert _owns(graph, "Bo Ek", "Good Co") == [("shareholding", 12.5, None, None, None, None)]
