"""ch-api parser: one record per document item, documented API shapes, exact reasons."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from graph_schema.edges import AddressLink, DeclaredOwnership, Directorship
from graph_schema.events import EventKind
from graph_schema.nodes import AddressRecord, CompanyRecord, EventRecord, PersonRecord
from loaders.companies_house.api_folders import parse_api_folders
from loaders.companies_house.common import read_small
from loaders.companies_house.company_docs import filing_kind
from loaders.contract import Parsed, ParseResult
from loaders.rejects import Rejection
from loaders.source import ByteCounter

PROFILE: dict[str, Any] = {
    "company_number": "01234567",
    "company_name": "ACME WIDGETS LIMITED",
    "company_status": "dissolved",
    "type": "ltd",
    "date_of_creation": "2010-03-01",
    "date_of_cessation": "2021-06-15",
    "sic_codes": ["43910", "41201"],
    "jurisdiction": "england-wales",
    "registered_office_address": {
        "address_line_1": "1 High Street",
        "locality": "Leeds",
        "postal_code": "LS1 1AA",
        "country": "England",
    },
    "previous_company_names": [
        {"name": "ACME TRADING LIMITED", "effective_from": "2010-03-01", "ceased_on": "2015-02-01"}
    ],
}

DIRECTOR: dict[str, Any] = {
    "name": "SMITH, John Paul",
    "officer_role": "director",
    "appointed_on": "2010-03-01",
    "resigned_on": "2019-12-31",
    "date_of_birth": {"month": 5, "year": 1970},
    "nationality": "British",
    "country_of_residence": "England",
    "address": {"premises": "2", "address_line_1": "Low Road", "locality": "York"},
    "links": {"officer": {"appointments": "/officers/AbC123xyz/appointments"}},
}


def _write(folder: Path, name: str, doc: Any) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(json.dumps(doc, indent=2))


def _parse(path: Path) -> list[ParseResult]:
    return list(parse_api_folders(path, ByteCounter()))


def _records(results: list[ParseResult]) -> list[Any]:
    return [r for item in results if isinstance(item, Parsed) for r in item.records]


def _only(results: list[ParseResult]) -> ParseResult:
    assert len(results) == 1
    return results[0]


def test_profile_maps_every_documented_field(tmp_path: Path) -> None:
    _write(tmp_path / "01234567", "profile.json", PROFILE)
    records = _records(_parse(tmp_path))
    company = next(r for r in records if isinstance(r, CompanyRecord))
    assert company.key == "GB-COH-01234567"
    assert company.name == "ACME WIDGETS LIMITED"
    assert company.legal_form == "Private limited company"
    assert company.status == "dissolved"
    assert company.jurisdiction == "GB"
    assert company.incorporated_on == date(2010, 3, 1)
    assert company.dissolved_on == date(2021, 6, 15)
    assert company.activity_codes == ["SIC:43910", "SIC:41201"]
    assert company.former_names == ["ACME TRADING LIMITED"]
    events = sorted((e.kind, e.date) for e in records if isinstance(e, EventRecord))
    assert events == [
        (EventKind.DISSOLUTION, date(2021, 6, 15)),
        (EventKind.NAME_CHANGE, date(2015, 2, 1)),
    ]
    address = next(r for r in records if isinstance(r, AddressRecord))
    assert address.text == "1 High Street, Leeds, LS1 1AA, England"
    assert address.country == "GB"
    link = next(r for r in records if isinstance(r, AddressLink))
    assert (link.src, link.dst, link.kind) == ("GB-COH-01234567", address.key, "registered")


def test_dissolution_is_a_strike_off_when_the_gazette_says_compulsory(tmp_path: Path) -> None:
    folder = tmp_path / "01234567"
    _write(folder, "profile.json", PROFILE)
    gazette = {
        "category": "gazette",
        "type": "GAZ2",
        "description": "gazette-dissolved-compulsory",
        "date": "2021-06-15",
        "transaction_id": "T9",
    }
    _write(folder, "filing-history.json", {"items": [gazette]})
    events = [r for r in _records(_parse(tmp_path)) if isinstance(r, EventRecord)]
    endings = {(e.kind, e.date, e.key) for e in events if e.kind is not EventKind.NAME_CHANGE}
    # The profile and the gazette filing describe one event: same kind, same date, same key.
    assert len(endings) == 1
    assert next(iter(endings))[:2] == (EventKind.STRIKE_OFF, date(2021, 6, 15))


def test_officer_becomes_person_directorship_and_service_address(tmp_path: Path) -> None:
    _write(tmp_path / "01234567", "officers.json", {"items": [DIRECTOR]})
    records = _records(_parse(tmp_path))
    person = next(r for r in records if isinstance(r, PersonRecord))
    assert person.name == "John Paul SMITH"
    assert person.birth_year_month == "1970-05"
    assert person.match_basis == "name+birth_year_month"
    directorship = next(r for r in records if isinstance(r, Directorship))
    assert (directorship.role, directorship.role_label) == ("director", "director")
    assert (directorship.start, directorship.end) == (date(2010, 3, 1), date(2019, 12, 31))
    assert directorship.provenance.record_id == "01234567/officers.json#0"
    link = next(r for r in records if isinstance(r, AddressLink))
    assert (link.src, link.kind) == (person.key, "service")


def test_officer_without_birth_date_is_keyed_by_officer_id(tmp_path: Path) -> None:
    secretary = {**DIRECTOR, "officer_role": "secretary", "date_of_birth": None}
    other = {**secretary, "links": {"officer": {"appointments": "/officers/Other9/appointments"}}}
    _write(tmp_path / "01234567", "officers.json", {"items": [secretary, other]})
    people = [r for r in _records(_parse(tmp_path)) if isinstance(r, PersonRecord)]
    assert [p.match_basis for p in people] == ["source_record", "source_record"]
    assert people[0].key != people[1].key  # same name, different officer ids: never merged


@pytest.mark.parametrize(
    ("identification", "expected"),
    [
        (
            {"registration_number": "3530981", "place_registered": "Companies House"},
            "GB-COH-03530981",
        ),
        ({"registration_number": "SC123456", "country_registered": "Scotland"}, "GB-COH-SC123456"),
        (
            {"registration_number": "41-0406690", "country_registered": "Minnesota"},
            "XI-REGISTER-US-MN:410406690",
        ),
        (None, "XI-CH-Corp1"),
    ],
)
def test_corporate_officer_keys(tmp_path: Path, identification: Any, expected: str) -> None:
    corporate = {
        "name": "HOLDCO LIMITED",
        "officer_role": "corporate-secretary",
        "appointed_on": "2012-01-01",
        "identification": identification,
        "links": {"officer": {"appointments": "/officers/Corp1/appointments"}},
    }
    _write(tmp_path / "01234567", "officers.json", {"items": [corporate]})
    records = _records(_parse(tmp_path))
    directorship = next(r for r in records if isinstance(r, Directorship))
    assert (directorship.src, directorship.role) == (expected, "secretary")
    assert any(isinstance(r, CompanyRecord) and r.key == expected for r in records)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"officer_role": None}, "missing key field officer_role"),
        ({"name": None}, "missing key field name"),
        ({"appointed_on": "2023-02-30"}, "invalid date '2023-02-30' in appointed_on"),
        ({"date_of_birth": {"month": 13, "year": 1970}}, "invalid date_of_birth"),
        ({"resigned_on": "2001-01-01"}, "resigned_on 2001-01-01 is before appointed_on 2010-03-01"),
    ],
)
def test_bad_officers_are_rejected_with_the_reason(
    tmp_path: Path, change: dict[str, Any], reason: str
) -> None:
    _write(tmp_path / "01234567", "officers.json", {"items": [DIRECTOR, {**DIRECTOR, **change}]})
    good, bad = _parse(tmp_path)
    assert isinstance(good, Parsed)
    assert isinstance(bad, Rejection)
    assert bad.reason.startswith(reason)
    assert bad.location.describe() == "01234567/officers.json, record items[1]"


def test_corporate_officer_without_any_id_is_rejected(tmp_path: Path) -> None:
    corporate = {"name": "GHOST LTD", "officer_role": "corporate-director"}
    _write(tmp_path / "01234567", "officers.json", {"items": [corporate]})
    result = _only(_parse(tmp_path))
    assert isinstance(result, Rejection)
    assert result.reason == (
        "corporate officer 'GHOST LTD' has neither a registration number nor a Companies House id"
    )


def test_psc_list_and_statements(tmp_path: Path) -> None:
    psc = {
        "kind": "individual-person-with-significant-control",
        "name": "Mr John Paul Smith",
        "name_elements": {
            "title": "Mr",
            "forename": "John",
            "middle_name": "Paul",
            "surname": "Smith",
        },
        "date_of_birth": {"month": 5, "year": 1970},
        "natures_of_control": [
            "ownership-of-shares-50-to-75-percent",
            "voting-rights-75-to-100-percent",
        ],
        "notified_on": "2016-04-06",
        "links": {"self": "/company/01234567/persons-with-significant-control/individual/P1"},
    }
    statement = {
        "kind": "persons-with-significant-control-statement",
        "statement": "psc-exists-but-not-identified",
        "notified_on": "2017-01-01",
    }
    folder = tmp_path / "01234567"
    _write(folder, "persons-with-significant-control.json", {"items": [psc]})
    _write(folder, "persons-with-significant-control-statements.json", {"items": [statement]})
    _write(folder, "officers.json", {"items": [DIRECTOR]})
    records = _records(_parse(tmp_path))
    declared = next(r for r in records if isinstance(r, DeclaredOwnership))
    assert (declared.share_min, declared.share_max) == (50.0, 75.0)
    assert declared.share_min_exclusive and not declared.share_max_exclusive
    assert (declared.votes_min, declared.votes_max, declared.control) == (75.0, 100.0, False)
    # The PSC and the director are one person: same name and birth month.
    director = next(r for r in records if isinstance(r, Directorship))
    assert declared.src == director.src
    reasons = [r.no_beneficial_owner_reason for r in records if isinstance(r, CompanyRecord)]
    assert "psc-exists-but-not-identified" in reasons


INSOLVENCY_CASES = [
    (
        "compulsory-liquidation",
        [
            ("petitioned-on", "1997-02-21"),
            ("wound-up-on", "1997-04-21"),
            ("concluded-winding-up-on", "1998-09-09"),
        ],
        EventKind.COMPULSORY_LIQUIDATION,
        date(1997, 4, 21),
        date(1998, 9, 9),
        True,
    ),
    (
        "members-voluntary-liquidation",
        [("declaration-solvent-on", "2020-01-02"), ("wound-up-on", "2020-01-10")],
        EventKind.MEMBERS_VOLUNTARY_LIQUIDATION,
        date(2020, 1, 10),
        None,
        False,
    ),
    (
        "creditors-voluntary-liquidation",
        [("wound-up-on", "2019-05-01"), ("dissolved-on", "2021-05-01")],
        EventKind.CREDITORS_VOLUNTARY_LIQUIDATION,
        date(2019, 5, 1),
        date(2021, 5, 1),
        True,
    ),
    (
        "in-administration",
        [("administration-started-on", "2018-03-01"), ("administration-ended-on", "2019-03-01")],
        EventKind.ADMINISTRATION,
        date(2018, 3, 1),
        date(2019, 3, 1),
        True,
    ),
    (
        "corporate-voluntary-arrangement",
        [("voluntary-arrangement-started-on", "2017-06-01")],
        EventKind.JUDICIAL_REORGANISATION,
        date(2017, 6, 1),
        None,
        False,
    ),
    (
        "receiver-manager",
        [("instrumented-on", "2016-02-02")],
        EventKind.ADMINISTRATION,
        date(2016, 2, 2),
        None,
        True,
    ),
]


@pytest.mark.parametrize(
    ("case_type", "dates", "kind", "opened", "ended", "insolvent"), INSOLVENCY_CASES
)
def test_insolvency_cases(
    tmp_path: Path,
    case_type: str,
    dates: list[tuple[str, str]],
    kind: EventKind,
    opened: date,
    ended: date | None,
    insolvent: bool,
) -> None:
    case = {
        "type": case_type,
        "number": "1",
        "dates": [{"type": t, "date": d} for t, d in dates],
        "practitioners": [{"name": "Jane Doe", "role": "liquidator"}],
    }
    _write(tmp_path / "01234567", "insolvency.json", {"cases": [case]})
    event = next(r for r in _records(_parse(tmp_path)) if isinstance(r, EventRecord))
    assert (event.kind, event.date, event.end_date) == (kind, opened, ended)
    assert event.graph_props()["insolvency"] is insolvent
    assert event.reference == "GB-COH-01234567/insolvency/1"
    assert event.description is not None and "Jane Doe" in event.description


@pytest.mark.parametrize(
    ("case", "reason"),
    [
        (
            {
                "type": "compulsory-liquidation",
                "dates": [{"type": "wound-up-on", "date": "2020-13-01"}],
            },
            "invalid date '2020-13-01' in dates wound-up-on",
        ),
        ({"dates": []}, "missing key field type"),
    ],
)
def test_bad_insolvency_cases_are_rejected(
    tmp_path: Path, case: dict[str, Any], reason: str
) -> None:
    _write(tmp_path / "01234567", "insolvency.json", {"cases": [case]})
    result = _only(_parse(tmp_path))
    assert isinstance(result, Rejection) and result.reason == reason


@pytest.mark.parametrize(
    ("item", "kind"),
    [
        (
            {
                "category": "accounts",
                "type": "AA",
                "description": "accounts-with-accounts-type-dormant",
            },
            EventKind.ACCOUNTS_FILED,
        ),
        (
            {
                "category": "change-of-name",
                "type": "CERTNM",
                "description": "change-of-name-by-resolution",
            },
            EventKind.NAME_CHANGE,
        ),
        (
            {
                "category": "address",
                "type": "AD01",
                "description": "change-registered-office-address-company-with-date-"
                "old-address-new-address",
            },
            EventKind.ADDRESS_CHANGE,
        ),
        (
            {
                "category": "officers",
                "type": "AP01",
                "description": "appoint-person-director-company-with-name-date",
            },
            EventKind.FILING,
        ),
        (
            {"category": "gazette", "type": "GAZ2", "description": "gazette-dissolved-compulsory"},
            EventKind.STRIKE_OFF,
        ),
        (
            {
                "category": "gazette",
                "type": "GAZ2(A)",
                "description": "gazette-dissolved-voluntary",
            },
            EventKind.VOLUNTARY_DISSOLUTION,
        ),
        (
            {
                "category": "insolvency",
                "type": "LIQ02",
                "description": "liquidation-voluntary-statement-of-affairs",
            },
            EventKind.FILING,
        ),
        (
            {"category": "incorporation", "type": "NEWINC", "description": "incorporation-company"},
            EventKind.INCORPORATION,
        ),
    ],
)
def test_filing_kinds(item: dict[str, Any], kind: EventKind) -> None:
    assert filing_kind(item) is kind


def test_dormant_accounts_filing(tmp_path: Path) -> None:
    item = {
        "category": "accounts",
        "type": "AA",
        "date": "2022-05-01",
        "transaction_id": "TX1",
        "description": "accounts-with-accounts-type-dormant",
        "description_values": {"made_up_date": "2021-09-30"},
    }
    _write(tmp_path / "01234567", "filing-history.json", {"items": [item]})
    event = next(r for r in _records(_parse(tmp_path)) if isinstance(r, EventRecord))
    assert (event.kind, event.date, event.made_up_to, event.dormant) == (
        EventKind.ACCOUNTS_FILED,
        date(2022, 5, 1),
        date(2021, 9, 30),
        True,
    )
    assert event.reference == "TX1"


def test_bad_documents(tmp_path: Path) -> None:
    (tmp_path / "01234567").mkdir()
    (tmp_path / "01234567" / "officers.json").write_text('{"items": [')
    _write(tmp_path / "not-a-number", "officers.json", {"items": [DIRECTOR]})
    _write(tmp_path / "07654321", "profile.json", {**PROFILE, "company_number": "12345678X"})
    _write(tmp_path / "07654322", "profile.json", {**PROFILE, "date_of_creation": "2010"})
    _write(tmp_path / "07654323", "officers.json", {"items": "nope"})
    reasons = [
        (r.location.describe(), r.reason) for r in _parse(tmp_path) if isinstance(r, Rejection)
    ]
    assert reasons[0][0] == "01234567/officers.json"
    assert reasons[0][1] == "invalid JSON: Expecting value at line 1 column 12"
    assert reasons[1:] == [
        (
            "07654321/profile.json",
            "invalid company_number: not a Companies House company number: '12345678X'",
        ),
        ("07654322/profile.json", "invalid date '2010' in date_of_creation"),
        ("07654323/officers.json", "officers.json: items must be a list"),
        (
            "not-a-number/officers.json, record items[0]",
            "folder name 'not-a-number' is not a Companies House company number and the "
            "document gives none",
        ),
    ]


def test_gzip_bom_and_crlf_documents(tmp_path: Path) -> None:
    folder = tmp_path / "01234567"
    folder.mkdir()
    body = json.dumps({"items": [DIRECTOR]}, indent=2).replace("\n", "\r\n").encode()
    (folder / "officers.json.gz").write_bytes(gzip.compress(b"\xef\xbb\xbf" + body))
    result = _only(_parse(tmp_path))
    assert isinstance(result, Parsed)
    assert any(isinstance(r, Directorship) for r in result.records)


def test_other_files_in_the_folder_are_not_read(tmp_path: Path) -> None:
    _write(tmp_path / "01234567", "charges.json", {"items": [{"x": 1}]})
    _write(tmp_path / "01234567" / "disqualified-officers", "x.json", {"forename": "A"})
    assert _parse(tmp_path) == []


def test_path_may_be_one_company_folder_or_one_document(tmp_path: Path) -> None:
    folder = tmp_path / "SC123456"
    _write(folder, "officers.json", {"items": [DIRECTOR]})
    for path in (folder, folder / "officers.json"):
        result = _only(_parse(path))
        assert isinstance(result, Parsed)
        directorship = next(r for r in result.records if isinstance(r, Directorship))
        assert directorship.dst == "GB-COH-SC123456"


def test_non_utf8_document_is_rejected(tmp_path: Path) -> None:
    folder = tmp_path / "01234567"
    folder.mkdir()
    (folder / "profile.json").write_bytes(b'{\n  "company_name": "\xff\xfe"\n}\n')
    result = _only(_parse(tmp_path))
    assert isinstance(result, Rejection)
    assert result.reason == "not UTF-8: byte 21 cannot be decoded"


def test_profile_last_accounts_meet_their_filing(tmp_path: Path) -> None:
    folder = tmp_path / "01234567"
    accounts = {"last_accounts": {"made_up_to": "2021-09-30", "type": "dormant"}}
    _write(folder, "profile.json", {**PROFILE, "accounts": accounts})
    filing = {
        "category": "accounts",
        "type": "AA",
        "date": "2022-05-01",
        "transaction_id": "TX1",
        "description": "accounts-with-accounts-type-dormant",
        "description_values": {"made_up_date": "2021-09-30"},
    }
    _write(folder, "filing-history.json", {"items": [filing]})
    events = [
        r
        for r in _records(_parse(tmp_path))
        if isinstance(r, EventRecord) and r.kind is EventKind.ACCOUNTS_FILED
    ]
    assert len(events) == 2 and events[0].key == events[1].key  # one node in the graph
    assert {(e.date, e.made_up_to, e.dormant) for e in events} == {
        (None, date(2021, 9, 30), True),
        (date(2022, 5, 1), date(2021, 9, 30), True),
    }


def test_each_file_of_a_company_folder_is_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The profile and the filings take facts from the filing history, the insolvency document
    # and the officer list: those are decoded once, for their own items and for the facts.
    company = tmp_path / "01234567"
    _write(company, "profile.json", {**PROFILE, "company_status": "liquidation"})
    secretary = {**DIRECTOR, "officer_role": "secretary", "date_of_birth": None}
    _write(company, "officers.json", {"items": [DIRECTOR, secretary]})
    filing = {"date": "2020-01-02", "type": "LIQ02", "description": "liquidation-voluntary"}
    _write(company, "filing-history.json", {"items": [filing], "total_count": 1})
    _write(company, "insolvency.json", {"cases": []})
    reads: list[str] = []
    real = read_small

    def counting(file: Path) -> bytes:
        reads.append(file.name)
        return real(file)

    monkeypatch.setattr("loaders.companies_house.folder.read_small", counting)
    counter = ByteCounter()
    results = list(parse_api_folders(tmp_path, counter))
    assert all(isinstance(r, Parsed) for r in results)
    assert sorted(reads) == sorted(p.name for p in company.iterdir())
    assert counter.done == sum(p.stat().st_size for p in company.iterdir())


def test_profile_next_accounts_due_and_overdue(tmp_path: Path) -> None:
    """The `accounts` object as the API returns it (shape of the shared sample 07798925)."""
    accounts = {
        "next_due": "2021-09-30",
        "next_accounts": {
            "period_start_on": "2020-01-01",
            "period_end_on": "2020-12-31",
            "overdue": True,
            "due_on": "2021-09-30",
        },
        "overdue": True,
        "last_accounts": {"made_up_to": "2019-12-31", "type": "group"},
        "next_made_up_to": "2020-12-31",
    }
    _write(tmp_path / "01234567", "profile.json", {**PROFILE, "accounts": accounts})
    company = next(r for r in _records(_parse(tmp_path)) if isinstance(r, CompanyRecord))
    assert (
        company.accounts_next_due,
        company.accounts_next_made_up_to,
        company.accounts_overdue,
    ) == (date(2021, 9, 30), date(2020, 12, 31), True)
    # Older profiles carry only the top-level fields.
    older = {"next_due": "2018-09-30", "next_made_up_to": "2017-12-31", "overdue": False}
    _write(tmp_path / "01234567", "profile.json", {**PROFILE, "accounts": older})
    company = next(r for r in _records(_parse(tmp_path)) if isinstance(r, CompanyRecord))
    assert (
        company.accounts_next_due,
        company.accounts_next_made_up_to,
        company.accounts_overdue,
    ) == (date(2018, 9, 30), date(2017, 12, 31), False)
