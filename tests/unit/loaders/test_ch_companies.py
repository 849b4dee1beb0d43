"""ch-companies parser: BasicCompanyData rows with their header quirks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from graph_schema.events import EventKind
from graph_schema.nodes import AddressRecord, CompanyRecord, EventRecord
from loaders.companies_house.basic_data import file_date, parse_basic_data, status_code
from loaders.contract import Parsed
from loaders.rejects import Rejection
from loaders.source import ByteCounter

HEADER = (
    "CompanyName, CompanyNumber,RegAddress.CareOf,RegAddress.POBox,RegAddress.AddressLine1,"
    " RegAddress.AddressLine2,RegAddress.PostTown,RegAddress.County,RegAddress.Country,"
    "RegAddress.PostCode,CompanyCategory,CompanyStatus,CountryOfOrigin,DissolutionDate,"
    "IncorporationDate,Accounts.AccountCategory,Accounts.LastMadeUpDate,SICCode.SicText_1,"
    "SICCode.SicText_2,PreviousName_1.CONDATE, PreviousName_1.CompanyName\n"
)
ROW = (
    '"PHOENIX 2 LTD","01234567","","","1 HIGH ST","","LEEDS","","ENGLAND","LS1 1AA",'
    '"Private Limited Company","Dissolved","United Kingdom","01/02/2023","11/09/2012",'
    '"DORMANT","30/09/2021","99999 - Dormant Company","None Supplied","05/05/2015","PHOENIX LTD"\n'
)


def _parse(path: Path) -> list[Parsed | Rejection]:
    return list(parse_basic_data(path, ByteCounter()))


def test_row_maps_to_company_events_and_address(tmp_path: Path) -> None:
    path = tmp_path / "BasicCompanyData-2024-12-01-part1_7.csv"
    path.write_text(HEADER + ROW)
    (item,) = _parse(path)
    assert isinstance(item, Parsed)
    company = next(r for r in item.records if isinstance(r, CompanyRecord))
    assert company.key == "GB-COH-01234567"
    assert (company.status, company.status_detail) == ("dissolved", "Dissolved")
    assert company.incorporated_on == date(2012, 9, 11)
    assert company.dissolved_on == date(2023, 2, 1)
    assert company.activity_codes == ["SIC:99999"]
    assert company.former_names == ["PHOENIX LTD"]
    assert company.provenance.seen_at == date(2024, 12, 1)
    events = sorted(
        (
            (e.kind, e.date, e.made_up_to, e.dormant)
            for e in item.records
            if isinstance(e, EventRecord)
        ),
        key=str,
    )
    assert events == [
        (EventKind.ACCOUNTS_FILED, None, date(2021, 9, 30), True),
        (EventKind.DISSOLUTION, date(2023, 2, 1), None, None),
        (EventKind.NAME_CHANGE, date(2015, 5, 5), None, None),
    ]
    address = next(r for r in item.records if isinstance(r, AddressRecord))
    assert address.text == "1 HIGH ST, LEEDS, LS1 1AA, ENGLAND"


def test_bad_rows(tmp_path: Path) -> None:
    path = tmp_path / "companies.csv"
    bad_date = ROW.replace('"11/09/2012"', '"31/02/2012"')
    bad_number = ROW.replace('"01234567"', '"!!"')
    short = '"X","1"\n'
    path.write_bytes(
        (HEADER + ROW + bad_date + bad_number + short).encode() + b'"\xff",' + ROW[6:].encode()
    )
    results = _parse(path)
    assert isinstance(results[0], Parsed)
    assert [(r.location.line, r.reason) for r in results[1:] if isinstance(r, Rejection)] == [
        (3, "invalid date '31/02/2012' in IncorporationDate (dd/mm/yyyy expected)"),
        (4, "invalid CompanyNumber: not a Companies House company number: '!!'"),
        (5, "expected 21 columns, found 2"),
        (6, "not UTF-8: the row holds bytes that cannot be decoded"),
    ]


def test_a_hard_wrapped_file_is_rejected_row_by_row(tmp_path: Path) -> None:
    text = HEADER + ROW
    wrapped = "\n".join(text[i : i + 118] for i in range(0, len(text), 118))
    path = tmp_path / "wrapped.csv"
    path.write_text(wrapped)
    results = _parse(path)
    assert results and all(isinstance(r, Rejection) for r in results)
    assert all(
        r.reason.startswith("the CSV header lacks") for r in results if isinstance(r, Rejection)
    )


def test_status_words_and_file_dates() -> None:
    assert status_code("Active - Proposal to Strike off") == "active"
    assert status_code("In Administration") == "administration"
    assert status_code("Liquidation") == "liquidation"
    assert status_code("Receiver Action") == "receivership"
    assert status_code("Voluntary Arrangement") == "voluntary-arrangement"
    assert file_date(Path("BasicCompanyData-2024-12-01-part1_7.csv")) == date(2024, 12, 1)
    assert file_date(Path("companies.csv")) is None


def test_the_next_accounts_due_date_is_kept(tmp_path: Path) -> None:
    header = HEADER.replace(
        "Accounts.AccountCategory,", "Accounts.NextDueDate,Accounts.AccountCategory,"
    )
    row = ROW.replace('"DORMANT",', '"30/06/2022","DORMANT",')
    path = tmp_path / "BasicCompanyData-2024-12-01-part1_7.csv"
    path.write_text(header + row)
    (item,) = _parse(path)
    assert isinstance(item, Parsed)
    company = next(r for r in item.records if isinstance(r, CompanyRecord))
    assert company.accounts_next_due == date(2022, 6, 30)
