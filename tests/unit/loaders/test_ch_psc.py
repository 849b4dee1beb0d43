"""ch-psc parser: bulk PSC snapshot lines, every kind, malformed lines."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from graph_schema.edges import DeclaredOwnership
from graph_schema.nodes import CompanyRecord, PersonRecord
from loaders.companies_house.psc_snapshot import parse_psc_snapshot
from loaders.contract import Parsed, ParseResult
from loaders.rejects import Rejection
from loaders.source import ByteCounter

INDIVIDUAL: dict[str, Any] = {
    "company_number": "08209948",
    "ContentDate": "2024-12-19",
    "data": {
        "kind": "individual-person-with-significant-control",
        "name": "Mr Marc Anthony Feldman",
        "name_elements": {"forename": "Marc", "middle_name": "Anthony", "surname": "Feldman"},
        "date_of_birth": {"month": 12, "year": 1961},
        "natures_of_control": ["ownership-of-shares-75-to-100-percent"],
        "notified_on": "2021-12-13",
        "links": {"self": "/company/08209948/persons-with-significant-control/individual/FReS"},
    },
}
TOTALS = {"data": {"kind": "totals#persons-of-significant-control-snapshot"}}


def _parse(tmp_path: Path, lines: list[Any], raw: bytes | None = None) -> list[ParseResult]:
    path = tmp_path / "psc.txt"
    path.write_bytes(raw if raw is not None else "\n".join(map(json.dumps, lines)).encode())
    return list(parse_psc_snapshot(path, ByteCounter()))


def _with(**data: Any) -> dict[str, Any]:
    return {**INDIVIDUAL, "data": {**INDIVIDUAL["data"], **data}}


def test_individual_psc(tmp_path: Path) -> None:
    item, totals = _parse(tmp_path, [INDIVIDUAL, TOTALS])
    assert isinstance(item, Parsed) and isinstance(totals, Parsed)
    assert totals.records == []  # the totals line is read, not modelled
    person = next(r for r in item.records if isinstance(r, PersonRecord))
    assert (person.name, person.birth_year_month) == ("Marc Anthony FELDMAN", "1961-12")
    declared = next(r for r in item.records if isinstance(r, DeclaredOwnership))
    assert (declared.src, declared.dst) == (person.key, "GB-COH-08209948")
    assert (declared.share_min, declared.share_max, declared.declared_by) == (75.0, 100.0, "psc")
    assert declared.start == date(2021, 12, 13) and declared.end is None
    assert declared.provenance.seen_at == date(2024, 12, 19)
    assert declared.provenance.record_id == "08209948/psc/FReS"


def test_ceased_psc_has_an_end(tmp_path: Path) -> None:
    (item,) = _parse(tmp_path, [_with(ceased_on="2023-01-31")])
    assert isinstance(item, Parsed)
    declared = next(r for r in item.records if isinstance(r, DeclaredOwnership))
    assert declared.end == date(2023, 1, 31)


def test_statement_super_secure_and_exemption_mark_the_company(tmp_path: Path) -> None:
    lines = [
        {
            "company_number": "1",
            "data": {
                "kind": "persons-with-significant-control-statement",
                "statement": "no-individual-or-entity-with-signficant-control",
            },
        },
        {"company_number": "2", "data": {"kind": "super-secure-person-with-significant-control"}},
        {
            "company_number": "3",
            "data": {
                "kind": "exemptions",
                "exemptions": {"x": {"exemption_type": "psc-exempt-as-shares-admitted-on-market"}},
            },
        },
        {
            "company_number": "4",
            "data": {
                "kind": "persons-with-significant-control-statement",
                "statement": "psc-exists-but-not-identified",
                "ceased_on": "2020-01-01",
            },
        },
    ]
    results = _parse(tmp_path, lines)
    companies = [r for p in results if isinstance(p, Parsed) for r in p.records]
    assert all(isinstance(c, CompanyRecord) for c in companies)
    assert [
        (c.key, c.no_beneficial_owner_reason) for c in companies if isinstance(c, CompanyRecord)
    ] == [
        ("GB-COH-00000001", "no-individual-or-entity-with-signficant-control"),
        ("GB-COH-00000002", "super-secure-person-with-significant-control"),
        ("GB-COH-00000003", "psc-exempt-as-shares-admitted-on-market"),
        ("GB-COH-00000004", None),  # a ceased statement is no longer a reason
    ]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ({"data": {"kind": "unknown-kind"}}, "unknown PSC kind 'unknown-kind'"),
        (_with(notified_on="2021-02-30"), "invalid date '2021-02-30' in notified_on"),
        ({**INDIVIDUAL, "company_number": None}, "missing key field company_number"),
        ({**INDIVIDUAL, "company_number": "NOT A NUMBER"}, "invalid company_number"),
        ({"company_number": "1"}, "missing key field data"),
        (_with(ceased_on="2001-01-01"), "inconsistent PSC: Value error, end 2001-01-01 is before"),
        (_with(name=None, name_elements=None), "missing key field name"),
        (
            {"company_number": "1", "data": {"kind": "persons-with-significant-control-statement"}},
            "missing key field statement",
        ),
        ([1, 2], "a snapshot line must be an object, got list"),
    ],
)
def test_bad_lines_are_rejected(tmp_path: Path, line: Any, reason: str) -> None:
    good, bad = _parse(tmp_path, [INDIVIDUAL, line])
    assert isinstance(good, Parsed)
    assert isinstance(bad, Rejection) and bad.reason.startswith(reason), bad
    assert bad.location.line == 2


def test_unknown_natures_and_statements_load_as_published(tmp_path: Path) -> None:
    """Written from the API documentation's PSC shapes: codes Companies House may add later
    keep the record, as their raw code, with a warning for the rejects file."""
    statement = {
        "company_number": "1",
        "data": {"kind": "persons-with-significant-control-statement", "statement": "trust-me"},
    }
    natures = ["ownership-of-shares-25-to-50-percent-as-new-kind", "owns-the-moon"]
    owner, said = _parse(tmp_path, [_with(natures_of_control=natures), statement])
    assert isinstance(owner, Parsed) and isinstance(said, Parsed)
    assert owner.warnings == [
        "unknown value kept as-is: nature of control "
        "'ownership-of-shares-25-to-50-percent-as-new-kind'",
        "unknown value kept as-is: nature of control 'owns-the-moon'",
    ]
    declared = next(r for r in owner.records if isinstance(r, DeclaredOwnership))
    assert declared.interests == natures
    assert (declared.share_min, declared.share_max) == (25.0, 50.0)  # its band still reads
    assert said.warnings == ["unknown value kept as-is: PSC statement 'trust-me'"]
    reasons = [r.no_beneficial_owner_reason for r in said.records if isinstance(r, CompanyRecord)]
    assert reasons == ["trust-me"]


def test_broken_bytes_and_json_are_rejections(tmp_path: Path) -> None:
    raw = json.dumps(INDIVIDUAL).encode() + b'\n{"bad json\n' + b'{"x": "\xff"}\n'
    results = _parse(tmp_path, [], raw)
    assert isinstance(results[0], Parsed)
    assert isinstance(results[1], Rejection) and results[1].reason.startswith("invalid JSON")
    assert isinstance(results[2], Rejection) and results[2].reason.startswith("not UTF-8")


def test_gzip_bom_crlf(tmp_path: Path) -> None:
    body = (
        b"\xef\xbb\xbf" + (json.dumps(INDIVIDUAL) + "\r\n" + json.dumps(TOTALS) + "\r\n").encode()
    )
    path = tmp_path / "psc.txt.gz"
    path.write_bytes(gzip.compress(body))
    results = list(parse_psc_snapshot(path, ByteCounter()))
    assert [type(r) for r in results] == [Parsed, Parsed]
