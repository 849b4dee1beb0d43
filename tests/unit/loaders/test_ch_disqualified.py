"""ch-disqualified parser.

No real disqualified-officer response is published in our samples: the documents below follow
the documented shape of GET /disqualified-officers/natural/{officer_id} (developer spec; the
same field names as companieshouse/disqualified-officers-data-api).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from graph_schema.nodes import DisqualificationRecord, PersonRecord
from loaders.companies_house.disqualified import parse_disqualified
from loaders.contract import Parsed, ParseResult
from loaders.rejects import Rejection
from loaders.source import ByteCounter

NATURAL: dict[str, Any] = {
    "kind": "natural-disqualification",
    "title": "Mr",
    "forename": "John",
    "other_forenames": "Paul",
    "surname": "SMITH",
    "date_of_birth": "1970-05-12",
    "nationality": "British",
    "etag": "abc",
    "links": {"self": "/disqualified-officers/natural/DQ1abc"},
    "disqualifications": [
        {
            "disqualification_type": "court-order",
            "disqualified_from": "2022-03-01",
            "disqualified_until": "2029-02-28",
            "heard_on": "2022-02-01",
            "case_identifier": "CR-2021-000123",
            "court_name": "High Court of Justice",
            "company_names": ["ACME WIDGETS LIMITED"],
            "address": {"premises": "2", "address_line_1": "Low Road", "locality": "York"},
            "reason": {
                "act": "company-directors-disqualification-act-1986",
                "section": "6",
                "description_identifier": (
                    "court-to-disqualify-unfit-directors-of-insolvent-companies"
                ),
            },
        },
        {
            "disqualification_type": "undertaking",
            "disqualified_from": "2015-01-01",
            "disqualified_until": "2018-01-01",
            "undertaken_on": "2014-12-01",
            "reason": {"act": "company-directors-disqualification-act-1986", "section": "7"},
        },
    ],
}


def _parse(tmp_path: Path, docs: list[Any]) -> list[ParseResult]:
    path = tmp_path / "disqualified.jsonl"
    path.write_text("\n".join(json.dumps(d) for d in docs))
    return list(parse_disqualified(path, ByteCounter()))


def test_natural_disqualification(tmp_path: Path) -> None:
    (item,) = _parse(tmp_path, [NATURAL])
    assert isinstance(item, Parsed)
    person = next(r for r in item.records if isinstance(r, PersonRecord))
    assert (person.name, person.birth_year_month, person.birth_date) == (
        "John Paul SMITH",
        "1970-05",
        date(1970, 5, 12),
    )
    first, second = (r for r in item.records if isinstance(r, DisqualificationRecord))
    assert (first.start, first.end, first.authority, first.reference) == (
        date(2022, 3, 1),
        date(2029, 2, 28),
        "High Court of Justice",
        "CR-2021-000123",
    )
    assert first.reason == (
        "Court order; Duty of court to disqualify unfit directors of insolvent companies "
        "(Company Directors Disqualification Act 1986, s.6); companies: ACME WIDGETS LIMITED"
    )
    assert (second.authority, second.reference) == ("Companies House", "DQ1abc#1")
    assert second.reason == "Undertaking; Company Directors Disqualification Act 1986, s.7"
    assert first.person == second.person == person.key


def test_one_pretty_document_per_file(tmp_path: Path) -> None:
    path = tmp_path / "DQ1abc.json"
    path.write_text(json.dumps(NATURAL, indent=2))
    (item,) = list(parse_disqualified(tmp_path, ByteCounter()))
    assert isinstance(item, Parsed) and len(item.records) == 3


def _dq(**change: Any) -> dict[str, Any]:
    return {**NATURAL["disqualifications"][0], **change}


@pytest.mark.parametrize(
    ("doc", "reason"),
    [
        (
            {**NATURAL, "kind": "corporate-disqualification", "company_number": "01234567"},
            "corporate disqualifications are not loaded",
        ),
        (
            {**NATURAL, "surname": None, "forename": None, "other_forenames": None},
            "missing key field surname",
        ),
        ({**NATURAL, "date_of_birth": "1970-02-30"}, "invalid date '1970-02-30' in date_of_birth"),
        ({**NATURAL, "disqualifications": []}, "missing key field disqualifications"),
        (
            {**NATURAL, "disqualifications": [_dq(disqualified_from=None)]},
            "missing key field disqualifications[0].disqualified_from",
        ),
        (
            {
                **NATURAL,
                "disqualifications": [_dq(reason={"description_identifier": "being-rude"})],
            },
            "unknown disqualification reason 'being-rude'",
        ),
        (
            {**NATURAL, "disqualifications": [_dq(reason={"act": "magna-carta"})]},
            "unknown disqualification act 'magna-carta'",
        ),
        (
            {**NATURAL, "disqualifications": [_dq(disqualified_until="2000-01-01")]},
            "disqualifications[0]: disqualified_until 2000-01-01 is before",
        ),
        ({**NATURAL, "kind": "alien-disqualification"}, "unknown disqualified officer kind"),
        ("just text", "a disqualified officer must be an object, got str"),
    ],
)
def test_bad_documents(tmp_path: Path, doc: Any, reason: str) -> None:
    good, bad = _parse(tmp_path, [NATURAL, doc])
    assert isinstance(good, Parsed)
    assert isinstance(bad, Rejection)
    assert bad.reason.startswith(reason), bad.reason
