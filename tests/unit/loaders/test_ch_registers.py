"""Companies House as the API really publishes it (issue 20, items 2-5): corporate officers
and PSCs by their registration, one person per officer id, appointments lists, insolvency from
the filing history and the profile, unknown codes kept. Real samples first; each rule also on
records written from the API documentation (tests/unit/loaders/ch_documented.py)."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from graph_schema.edges import DeclaredOwnership, Directorship
from graph_schema.events import EventKind
from graph_schema.nodes import CompanyRecord, EventRecord, PersonRecord, Record
from loaders.companies_house.api_folders import parse_api_folders
from loaders.companies_house.insolvency_filings import Family, classify, episodes
from loaders.companies_house.registration import registration
from loaders.contract import Parsed, ParseResult
from loaders.rejects import Rejection
from loaders.source import ByteCounter
from tests.unit.loaders.ch_documented import HOLDCO_ID, JANE, documented_world, filing, write


def _parse(path: Path) -> list[ParseResult]:
    return list(parse_api_folders(path, ByteCounter()))


def _records(results: list[ParseResult]) -> list[Record]:
    return [r for item in results if isinstance(item, Parsed) for r in item.records]


def _at(results: list[ParseResult], where: str) -> Parsed:
    found = [r for r in results if r.location.describe() == where]
    assert len(found) == 1 and isinstance(found[0], Parsed), found
    return found[0]


def _events(records: list[Record], company: str) -> list[EventRecord]:
    """The company's insolvency events (the ones that say what establishes them)."""
    return [
        r
        for r in records
        if isinstance(r, EventRecord) and r.company == company and r.basis is not None
    ]


@pytest.fixture(scope="module")
def more(datasets_dir: Path) -> Path:
    return datasets_dir / "companies-house" / "api-responses-more"


@pytest.fixture(scope="module")
def real(more: Path) -> list[ParseResult]:
    """The real sample folder, loaded as it lies: its layout is the API's own."""
    return _parse(more)


# --- the real samples -------------------------------------------------------------------
def test_the_real_sample_folder_loads_as_laid_out(real: list[ParseResult]) -> None:
    rejected = [(r.location.describe(), r.reason) for r in real if isinstance(r, Rejection)]
    # The one file its source could not attribute to a company, and only it.
    assert rejected == [
        (
            "unknown-company/insolvency.json, record cases[0]",
            "folder name 'unknown-company' is not a Companies House company number and the "
            "document gives none",
        )
    ]
    assert len(real) == 102
    assert not any(r.warnings for r in real if isinstance(r, Parsed))  # every code is known


def test_one_officer_id_is_one_person_in_the_real_officer_list(real: list[ParseResult]) -> None:
    """01710788: TAYLOR, Andrew Nicholas is director (born 1956-04) and, under the same
    officer id, a resigned secretary without a date of birth; so is TAYLOR, Jane."""
    director = _at(real, "01710788/officers.json, record items[4]")
    secretary = _at(real, "01710788/officers.json, record items[5]")
    (d,) = [r for r in director.records if isinstance(r, PersonRecord)]
    (s,) = [r for r in secretary.records if isinstance(r, PersonRecord)]
    assert (d.key, d.match_basis) == (s.key, "name+birth_year_month")
    assert (s.birth_year_month, s.match_basis) == ("1956-04", "officer_id")
    roles = {r.role for r in [*director.records, *secretary.records] if isinstance(r, Directorship)}
    assert roles == {"director", "secretary"}
    jane = [
        r
        for where in ("items[6]", "items[14]")
        for r in _at(real, f"01710788/officers.json, record {where}").records
        if isinstance(r, PersonRecord)
    ]
    assert len({p.key for p in jane}) == 1
    # Two officer ids (Leanne as secretary, Leanne Tracey as director): two persons.
    leanne = _at(real, "01710788/officers.json, record items[0]").records
    tracey = _at(real, "01710788/officers.json, record items[2]").records
    assert {r.key for r in leanne if isinstance(r, PersonRecord)}.isdisjoint(
        r.key for r in tracey if isinstance(r, PersonRecord)
    )


def test_the_appointments_list_names_the_same_person_as_the_officer_list(
    real: list[ParseResult],
) -> None:
    """Leanne FURNISS-PLANT's real appointments list gives no date of birth (she is only a
    secretary): both documents key her by her officer id, so she stays one person."""
    in_list = _at(real, "01710788/officers.json, record items[0]").records
    in_appointments = _at(
        real, "officers/kO1PpVWA8xapAolbsHsm-krhu0k/appointments.json, record items[0]"
    ).records
    keys = {r.key for r in [*in_list, *in_appointments] if isinstance(r, PersonRecord)}
    assert len(keys) == 1
    links = {r.key for r in [*in_list, *in_appointments] if isinstance(r, Directorship)}
    assert len(links) == 1  # the same appointment, not two


def test_companies_known_only_from_a_real_appointments_list(real: list[ParseResult]) -> None:
    found = {
        r.key: (r.name, r.status)
        for r in _records(real)
        if isinstance(r, CompanyRecord) and r.status and "officers/" in r.provenance.record_id
    }
    assert found["GB-COH-OC370085"] == ("BLUEBAY ASSET MANAGEMENT LLP", "active")
    assert found["GB-COH-00949417"] == ("INVESCO ASSET MANAGEMENT LIMITED", "active")
    dowding = [
        r
        for r in _records(real)
        if isinstance(r, PersonRecord) and r.name == "Mark Charles David DOWDING"
    ]
    assert {(p.birth_year_month, p.match_basis) for p in dowding} == {
        ("1971-04", "name+birth_year_month")
    }


def test_real_corporate_officers_and_pscs_are_companies(real: list[ParseResult]) -> None:
    corporate = {
        r.src: r.role
        for r in _records(real)
        if isinstance(r, Directorship) and not r.src.startswith("person-")
    }
    # `identification` of a corporate secretary: registration number 4527552, no leading zero.
    assert corporate["GB-COH-04527552"] == "secretary"
    # Corporate nominee roles without identification: keyed by their officer id.
    assert corporate["XI-CH-Yg4rTn5QucYg_hJOxGTnx3B51WY"] == "nominee_secretary"
    assert corporate["XI-CH-aDjhOpnMaB_uAHDxRnMLWpa9C-I"] == "nominee_director"
    assert corporate["XI-CH-ErB1r1fkZ5fBZ56EN0S6ag8Rka0"] == "secretary"  # DEAL CHAMBERS LTD
    psc = _at(
        real,
        "08888819/persons-with-significant-control/corporate-entity/"
        "c7EGmbxSnWjD-jN-Mhr1cUDNGYA.json",
    ).records
    (declared,) = [r for r in psc if isinstance(r, DeclaredOwnership)]
    assert (declared.src, declared.psc_kind) == (
        "GB-COH-07168188",
        "corporate-entity-person-with-significant-control",
    )
    assert declared.end == date(2020, 7, 6)
    legal = _at(
        real,
        "13698056/persons-with-significant-control/legal-person/jYbWLJ4XfiUzSp4_lbgGz9mIWvE.json",
    ).records
    # "England & Wales" but no number: UK, keyed by its PSC id; the register calls it a legal
    # person, which the link keeps.
    owner = next(r for r in legal if isinstance(r, CompanyRecord) and r.name)
    assert (owner.key, owner.jurisdiction) == ("XI-CH-jYbWLJ4XfiUzSp4_lbgGz9mIWvE", "GB")
    (link,) = [r for r in legal if isinstance(r, DeclaredOwnership)]
    assert link.psc_kind == "legal-person-person-with-significant-control"


@pytest.mark.parametrize(
    ("identification", "key", "uk", "jurisdiction"),
    [
        # Real identification objects: psc-snapshot/ and api-responses-more/.
        (
            {
                "country_registered": "England & Wales",
                "legal_authority": "Companies Act",
                "place_registered": "Companies House Cardiff",
                "registration_number": "00686734",
            },
            "GB-COH-00686734",
            True,
            "GB",
        ),
        (
            {
                "country_registered": "Minnesota, Usa",
                "legal_authority": "Organized Under The Laws Of Minnesota, State Of Domicile Or "
                "Port Of Entry Minnesota, Country Of Domicile Us",
                "place_registered": "Connecticut",
                "registration_number": "41-0406690",
            },
            "XI-REGISTER-US-MN:410406690",
            False,
            "US",
        ),
        ({"legal_authority": "Companies Act 2006"}, "XI-CH-ID", True, "GB"),
        ({"legal_authority": "English Law"}, "XI-CH-ID", True, "GB"),
        (
            {"legal_authority": "The Companies Ordinance Of The Laws Of Gibraltar"},
            "XI-CH-ID",
            False,
            "GI",
        ),
        ({"legal_authority": "Limited Liability", "legal_form": "Ag"}, "XI-CH-ID", False, None),
        (
            {"identification_type": "uk-limited-company", "registration_number": "4527552"},
            "GB-COH-04527552",
            True,
            "GB",
        ),
        # Written from the API documentation (identification of a corporate officer).
        (HOLDCO_ID, "GB-COH-03849195", True, "GB"),
        (
            {"legal_authority": "Limited Company, England And Wales", "registration_number": "1"},
            "GB-COH-00000001",
            True,
            "GB",
        ),
        (
            {"country_registered": "Belgium", "registration_number": "0403.170.701"},
            "BE-BCE_KBO-0403170701",  # the same node as the KBO loader's
            False,
            "BE",
        ),
        (
            {"place_registered": "Delaware Secretary Of State", "registration_number": "5001234"},
            "XI-REGISTER-US-DE:5001234",
            False,
            "US",
        ),
        (
            {"place_registered": "Registrar Of Companies", "registration_number": "77"},
            "XI-REGISTER-REGISTRAR-OF-COMPANIES:77",
            False,
            None,
        ),
        # New South Wales is not Wales; New Jersey is not Jersey.
        (
            {"country_registered": "New South Wales", "registration_number": "123"},
            "XI-REGISTER-AU-NSW:123",
            False,
            "AU",
        ),
        (
            {"country_registered": "New Jersey", "registration_number": "9"},
            "XI-REGISTER-US-NJ:9",
            False,
            "US",
        ),
    ],
)
def test_registration_keys(
    identification: dict[str, Any], key: str, uk: bool, jurisdiction: str | None
) -> None:
    found = registration(identification, "ID", "a body")
    assert (found.key, found.uk, found.jurisdiction) == (key, uk, jurisdiction)
    assert f"{found.identifier.scheme}-{found.identifier.value}" == key


def test_the_real_liquidation_filing_supports_its_real_case(real: list[ParseResult]) -> None:
    """04374209: a compulsory liquidation case, the COCOMP order in its filing history and the
    profile status `liquidation`: one insolvency event, the case's, the filing as provenance."""
    records = _records(real)
    events = _events(records, "GB-COH-04374209")
    assert [(e.kind, e.date, e.basis, e.filings) for e in events] == [
        (
            EventKind.COMPULSORY_LIQUIDATION,
            date(2025, 3, 19),
            "insolvency-case",
            ["COCOMP 2025-03-31"],
        )
    ]


def test_the_real_filing_history_alone_tells_the_liquidation(more: Path, tmp_path: Path) -> None:
    """The same company had its insolvency document not been fetched: the COCOMP winding-up
    order tells a compulsory liquidation, dated by the filing; the status adds nothing."""
    folder = tmp_path / "04374209"
    folder.mkdir()
    for name in ("company.json", "filing-history.json"):
        shutil.copy(more / "04374209" / name, folder / name)
    events = _events(_records(_parse(tmp_path)), "GB-COH-04374209")
    assert [(e.kind, e.date, e.basis, e.filings) for e in events] == [
        (
            EventKind.COMPULSORY_LIQUIDATION,
            date(2025, 3, 31),
            "filing-history",
            ["COCOMP 2025-03-31"],
        )
    ]
    assert events[0].provenance.record_id == "04374209/filing-history.json#2"
    assert events[0].graph_props()["insolvency"] is True


def test_the_real_profile_alone_is_an_undated_insolvency(more: Path, tmp_path: Path) -> None:
    (tmp_path / "04374209").mkdir()
    shutil.copy(more / "04374209" / "company.json", tmp_path / "04374209" / "company.json")
    (event,) = _events(_records(_parse(tmp_path)), "GB-COH-04374209")
    assert (event.kind, event.date, event.basis) == (EventKind.WINDING_UP, None, "company-status")
    assert event.description is not None and "its date is unknown" in event.description
    assert event.graph_props()["insolvency"] is True


def test_an_empty_real_insolvency_document_does_not_hide_the_filings(
    more: Path, tmp_path: Path
) -> None:
    """00712615: the API answered `"cases": []`; the filings still tell (documented LIQ02)."""
    folder = tmp_path / "00712615"
    folder.mkdir()
    shutil.copy(more / "00712615" / "insolvency.json", folder / "insolvency.json")
    write(
        tmp_path,
        "00712615/filing-history.json",
        {
            "items": [
                filing("LIQ02", "liquidation-voluntary-statement-of-affairs", "2024-01-05", "T")
            ]
        },
    )
    (event,) = _events(_records(_parse(tmp_path)), "GB-COH-00712615")
    assert (event.kind, event.basis) == (
        EventKind.CREDITORS_VOLUNTARY_LIQUIDATION,
        "filing-history",
    )


# --- records written from the documentation ---------------------------------------------
@pytest.fixture(scope="module")
def documented(tmp_path_factory: pytest.TempPathFactory) -> list[ParseResult]:
    return _parse(documented_world(tmp_path_factory.mktemp("documented")))


def test_officer_id_unifies_across_companies_through_the_appointments_list(
    documented: list[ParseResult],
) -> None:
    director = _at(documented, "01234567/officers.json, record items[0]").records
    secretary = _at(documented, "05555555/officers.json, record items[0]").records
    listed = [
        r
        for i in range(3)
        for r in _at(documented, f"officers/{JANE}/appointments.json, record items[{i}]").records
    ]
    people = [r for r in [*director, *secretary, *listed] if isinstance(r, PersonRecord)]
    assert len({p.key for p in people}) == 1
    assert [p.match_basis for p in people] == [
        "name+birth_year_month",
        "officer_id",  # BETA's secretary: birth month from her own appointments list
        "name+birth_year_month",
        "name+birth_year_month",
        "name+birth_year_month",
    ]
    links = {
        (r.dst, r.role) for r in [*director, *secretary, *listed] if isinstance(r, Directorship)
    }
    assert links == {
        ("GB-COH-01234567", "director"),
        ("GB-COH-05555555", "secretary"),
        ("GB-COH-07777777", "director"),
    }


def test_corporate_holders_of_any_role_are_companies(documented: list[ParseResult]) -> None:
    holdco = _at(documented, "01234567/officers.json, record items[1]").records
    nominee = _at(documented, "01234567/officers.json, record items[2]").records
    flagged = _at(documented, "officers/CorpOfficer9/appointments.json, record items[0]").records
    for records, key, role in [
        (holdco, "GB-COH-03849195", "secretary"),
        (nominee, "XI-CH-Nominee1", "nominee_director"),  # `nominee-director`, a LTD name
        (flagged, "XI-CH-CorpOfficer9", "nominee_secretary"),  # is_corporate_officer
    ]:
        assert not any(isinstance(r, PersonRecord) for r in records)
        (link,) = [r for r in records if isinstance(r, Directorship)]
        assert (link.src, link.role) == (key, role)
        assert any(isinstance(r, CompanyRecord) and r.key == key for r in records)
    psc = _at(documented, "01234567/persons-with-significant-control.json, record items[0]")
    (declared,) = [r for r in psc.records if isinstance(r, DeclaredOwnership)]
    assert (declared.src, declared.psc_kind) == (
        "GB-COH-03849195",
        "corporate-entity-person-with-significant-control",
    )


def test_insolvency_from_the_filing_history(documented: list[ParseResult]) -> None:
    records = _records(documented)
    (cvl,) = _events(records, "GB-COH-08888888")
    assert (cvl.kind, cvl.date, cvl.end_date, cvl.basis) == (
        EventKind.CREDITORS_VOLUNTARY_LIQUIDATION,
        date(2020, 5, 1),
        date(2021, 6, 15),
        "filing-history",
    )
    assert cvl.filings == [
        "600 2020-05-01",
        "LIQ02 2020-05-05",
        "LIQ14 2021-03-01",
        "GAZ2 2021-06-15",
    ]
    assert cvl.provenance.record_id == "08888888/filing-history.json#3"  # the 600
    assert cvl.graph_props()["insolvency"] is True
    (mvl,) = _events(records, "GB-COH-09999999")
    assert (mvl.kind, mvl.date, mvl.end_date) == (
        EventKind.MEMBERS_VOLUNTARY_LIQUIDATION,
        date(2020, 2, 10),
        date(2021, 1, 20),
    )
    assert mvl.graph_props()["insolvency"] is False  # a declaration of solvency: solvent


def test_the_case_wins_and_the_filings_are_its_provenance(documented: list[ParseResult]) -> None:
    events = _events(_records(documented), "GB-COH-01111111")
    assert [(e.kind, e.date, e.basis, e.filings) for e in events] == [
        (
            EventKind.CREDITORS_VOLUNTARY_LIQUIDATION,
            date(2020, 5, 1),
            "insolvency-case",
            ["600 2020-05-06", "LIQ02 2020-05-06"],
        )
    ]


def test_a_status_alone_is_an_undated_insolvency(documented: list[ParseResult]) -> None:
    (event,) = _events(_records(documented), "GB-COH-02222222")
    assert (event.kind, event.date, event.basis) == (
        EventKind.ADMINISTRATION,
        None,
        "company-status",
    )
    assert event.description == (
        "company_status 'administration' on the profile; no insolvency case or administration "
        "filing was read, so its date is unknown"
    )


def test_unknown_codes_keep_the_record_and_show_the_raw_code(
    documented: list[ParseResult],
) -> None:
    warned = {
        r.location.describe(): list(r.warnings)
        for r in documented
        if isinstance(r, Parsed) and r.warnings
    }
    assert warned == {
        "01111111/insolvency.json, record cases[0]": [
            "unknown value kept as-is: insolvency date type 'assets-realised-on'"
        ],
        "01234567/officers.json, record items[3]": [
            "unknown value kept as-is: officer_role 'chief-wizard'"
        ],
        "04444444/insolvency.json, record cases[0]": [
            "unknown value kept as-is: insolvency case type 'new-procedure-added-later'"
        ],
        "04444444/profile.json": ["unknown value kept as-is: company_status 'in-transition'"],
    }
    records = _records(documented)
    (case,) = _events(records, "GB-COH-01111111")
    assert case.date == date(2020, 5, 1)  # the known date still opens it
    assert case.description is not None and "assets-realised-on 2020-09-01" in case.description
    (new,) = _events(records, "GB-COH-04444444")
    assert (new.kind, new.description, new.date) == (
        EventKind.INSOLVENCY_PROCEEDINGS,
        "new-procedure-added-later",
        date(2023, 3, 1),
    )
    assert new.graph_props()["insolvency"] is False  # not counted until it is mapped
    (role,) = [r for r in records if isinstance(r, Directorship) and r.role_label == "chief-wizard"]
    assert role.role == "chief-wizard"
    status = {
        r.status for r in records if isinstance(r, CompanyRecord) and r.key == "GB-COH-04444444"
    }
    assert "in-transition" in status


# --- the filing mapping, form by form ----------------------------------------------------
V, C, A, R, CVA, L = (
    Family.VOLUNTARY,
    Family.COMPULSORY,
    Family.ADMINISTRATION,
    Family.RECEIVERSHIP,
    Family.ARRANGEMENT,
    Family.LIQUIDATION,
)


@pytest.mark.parametrize(
    ("ftype", "description", "expected"),
    [
        # Descriptions from filing_history_descriptions.yml, with their forms.
        ("LIQ01", "liquidation-voluntary-declaration-of-solvency", [(V, True, False)]),
        ("4.70", "liquidation-voluntary-declaration-of-solvency", [(V, True, False)]),
        ("LIQ02", "liquidation-voluntary-statement-of-affairs", [(V, False, False)]),
        (
            "4.20",
            "liquidation-voluntary-statement-of-affairs-with-form-attached",
            [(V, False, False)],
        ),
        ("600", "liquidation-voluntary-appointment-of-liquidator", [(V, None, False)]),
        (
            "LIQ03",
            "liquidation-voluntary-statement-of-receipts-and-payments-with-brought-down-date",
            [(V, None, False)],
        ),
        ("4.68", "liquidation-voluntary-statement-of-receipts-and-payments", [(V, None, False)]),
        ("LIQ13", "liquidation-voluntary-members-return-of-final-meeting", [(V, True, True)]),
        ("LIQ14", "liquidation-voluntary-creditors-return-of-final-meeting", [(V, False, True)]),
        ("4.72", "liquidation-voluntary-creditors-return-of-final-meeting", [(V, False, True)]),
        ("COCOMP", "liquidation-compulsory-winding-up-order", [(C, None, False)]),
        ("WU15", "liquidation-compulsory-return-final-meeting", [(C, None, True)]),
        ("4.31", "liquidation-compulsory-appointment-liquidator", [(C, None, False)]),
        ("AM01", "liquidation-in-administration-appointment-of-administrator", [(A, None, False)]),
        ("AM10", "liquidation-in-administration-progress-report", [(A, None, False)]),
        ("AM23", "liquidation-in-administration-move-to-dissolution", [(A, None, True)]),
        (
            "AM22",
            "liquidation-in-administration-move-to-creditors-voluntary-liquidation",
            [(A, None, True), (V, False, False)],
        ),
        ("RM01", "liquidation-receiver-appointment-of-receiver", [(R, None, False)]),
        ("RM02", "liquidation-receiver-cease-to-act-receiver", [(R, None, True)]),
        (
            "CVA1",
            "liquidation-voluntary-arrangement-meeting-approving-companies-voluntary-arrangement",
            [(CVA, None, False)],
        ),
        ("CVA4", "liquidation-voluntary-arrangement-completion", [(CVA, None, True)]),
        ("GAZ2", "gazette-dissolved-liquidation", [(L, None, True)]),
        # A voluntary filing's form says more than its vague description.
        ("LIQ02", "liquidation-voluntary-appointment-of-liquidator", [(V, False, False)]),
        # Old captures say "legacy": the form decides.
        ("4.70", "legacy", [(V, True, False)]),
        ("WU07", "legacy", [(C, None, False)]),
        ("AM03", "legacy", [(A, None, False)]),
        # Not an insolvency step, or one that undoes it.
        ("GAZ2", "gazette-dissolved-compulsory", []),
        ("AA", "accounts-with-accounts-type-dormant", []),
        ("O/C STAY", "liquidation-court-order-to-stay-winding-up", []),
        ("4.10(Scot)", "liquidation-voluntary-removal-of-receiver-scotland", [(V, None, False)]),
    ],
)
def test_filing_classification(
    ftype: str, description: str, expected: list[tuple[Family, bool | None, bool]]
) -> None:
    item = {"type": ftype, "description": description, "category": "insolvency"}
    assert [(s.family, s.members, s.ends) for s in classify(item)] == expected


def _items(*spec: tuple[str, str, str]) -> list[dict[str, Any]]:
    return [filing(t, d, on, f"T{i}") for i, (t, d, on) in enumerate(spec)]


APPOINT = ("600", "liquidation-voluntary-appointment-of-liquidator", "2020-05-01")


def test_a_voluntary_liquidation_without_declaration_is_a_creditors_one() -> None:
    """IA 1986 s.90: a voluntary winding up without a declaration of solvency is a creditors'
    one; that is only said when the filings read reach back far enough to show one."""
    accounts = ("AA", "accounts-with-accounts-type-small", "2020-01-31")
    (whole,) = episodes(_items(APPOINT), complete=True)
    assert whole.kind is EventKind.CREDITORS_VOLUNTARY_LIQUIDATION
    assert "s.90" in whole.how
    (reaching,) = episodes(_items(APPOINT, accounts), complete=False)
    assert reaching.kind is EventKind.CREDITORS_VOLUNTARY_LIQUIDATION
    (page,) = episodes(_items(APPOINT), complete=False)  # one page: cannot tell
    assert page.kind is EventKind.WINDING_UP
    assert EventKind.WINDING_UP.value == "WINDING_UP"


def test_administration_then_creditors_liquidation_are_two_episodes() -> None:
    found = episodes(
        _items(
            ("AM01", "liquidation-in-administration-appointment-of-administrator", "2019-01-10"),
            ("AM10", "liquidation-in-administration-progress-report", "2019-07-10"),
            (
                "AM22",
                "liquidation-in-administration-move-to-creditors-voluntary-liquidation",
                "2020-01-10",
            ),
            ("LIQ14", "liquidation-voluntary-creditors-return-of-final-meeting", "2021-02-01"),
            ("GAZ2", "gazette-dissolved-liquidation", "2021-05-01"),
        ),
        complete=True,
    )
    assert [(e.kind, e.opened, e.ended) for e in found] == [
        (EventKind.ADMINISTRATION, date(2019, 1, 10), date(2020, 1, 10)),
        (EventKind.CREDITORS_VOLUNTARY_LIQUIDATION, date(2020, 1, 10), date(2021, 5, 1)),
    ]


def test_a_dissolution_after_liquidation_alone_is_an_undated_winding_up() -> None:
    (found,) = episodes(_items(("GAZ2", "gazette-dissolved-liquidation", "2021-05-01")), True)
    assert (found.kind, found.opened, found.ended) == (EventKind.WINDING_UP, None, date(2021, 5, 1))


def test_warnings_go_to_the_rejects_file_as_kept(tmp_path: Path) -> None:
    """The rejects sink carries a warning without counting a rejection."""
    from loaders.rejects import Location, RejectSink

    with RejectSink(tmp_path / "rejects.jsonl") as sink:
        sink.add(Rejection(Location("a.json"), "unknown value kept as-is: x 'y'", kept=True))
        sink.add(Rejection(Location("b.json"), "invalid JSON"))
    lines = [json.loads(line) for line in (tmp_path / "rejects.jsonl").read_text().splitlines()]
    assert [(r["file"], r["kept"]) for r in lines] == [("a.json", True), ("b.json", False)]
    assert (sink.count, sink.kept, sink.reasons) == (1, 1, {"invalid JSON": 1})
