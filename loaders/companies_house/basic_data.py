"""The "ch-companies" format: the BasicCompanyData product (CSV, or the same rows as JSON)."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from graph_schema.events import EventKind
from graph_schema.names import clean_name
from graph_schema.nodes import Record
from graph_schema.provenance import Provenance
from loaders.companies_house.common import (
    SOURCE,
    address_records,
    ch_company_key,
    company_stub,
    text,
    uk_date,
)
from loaders.companies_house.company_docs import accounts_key, event
from loaders.contract import BadRecord, Format, Parsed, ParseResult, files_under
from loaders.rejects import Location, Rejection
from loaders.source import ByteCounter, iter_csv, iter_json, open_bytes

REQUIRED = ("CompanyName", "CompanyNumber", "CompanyStatus", "IncorporationDate")
_FILE_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_SIC = re.compile(r"^\s*(\d{4,5})\b")
# CompanyStatus wording -> the API's company_status code (CompanyStatus itself is kept as detail).
_STATUS_WORDS = (
    ("dissolved", "dissolved"),
    ("liquidation", "liquidation"),
    ("administrat", "administration"),  # "In Administration", "Administration Order"
    ("receiver", "receivership"),
    ("voluntary arrangement", "voluntary-arrangement"),
    ("insolvency proceedings", "insolvency-proceedings"),
    ("converted", "converted-closed"),
    ("closed", "converted-closed"),
    ("active", "active"),
)
_ADDRESS = {
    "care_of": "RegAddress.CareOf",
    "po_box": "RegAddress.POBox",
    "address_line_1": "RegAddress.AddressLine1",
    "address_line_2": "RegAddress.AddressLine2",
    "locality": "RegAddress.PostTown",
    "region": "RegAddress.County",
    "postal_code": "RegAddress.PostCode",
    "country": "RegAddress.Country",
}


def status_code(raw: str | None) -> str | None:
    if raw is None:
        return None
    lower = raw.lower()
    return next((code for word, code in _STATUS_WORDS if word in lower), lower)


def file_date(path: Path) -> date | None:
    """`BasicCompanyData-2024-12-01-part1_7.csv` -> the snapshot's date."""
    match = _FILE_DATE.search(path.name)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def row_records(row: dict[str, Any], prov: Provenance) -> list[Record]:
    row = {str(k).strip(): v for k, v in row.items()}
    missing = [c for c in REQUIRED if c not in row]
    if missing:
        raise BadRecord(
            "missing column(s) " + ", ".join(missing) + " (a broken or hard-wrapped file?)"
        )
    ckey = ch_company_key(row.get("CompanyNumber"), "CompanyNumber")
    dissolved = uk_date(row.get("DissolutionDate"), "DissolutionDate")
    former: list[str] = []
    records: list[Record] = []
    for n in range(1, 11):
        name = clean_name(text(row.get(f"PreviousName_{n}.CompanyName")))
        changed = uk_date(row.get(f"PreviousName_{n}.CONDATE"), f"PreviousName_{n}.CONDATE")
        if name:
            former.append(name)
            if changed:
                records.append(
                    event(ckey, EventKind.NAME_CHANGE, changed, prov, description=f"was {name}")
                )
    if dissolved:
        records.append(event(ckey, EventKind.DISSOLUTION, dissolved, prov))
    made_up = uk_date(row.get("Accounts.LastMadeUpDate"), "Accounts.LastMadeUpDate")
    category = text(row.get("Accounts.AccountCategory"))
    if made_up:
        # The product gives the period end, not the filing date: keyed by the period, like
        # the same accounts in the API's filing history.
        accounts = event(
            ckey,
            EventKind.ACCOUNTS_FILED,
            None,
            prov,
            made_up_to=made_up,
            dormant=(category or "").upper() == "DORMANT",
            description=category,
        )
        records.append(accounts.model_copy(update={"key": accounts_key(ckey, made_up)}))
    sic = [
        m.group(1)
        for m in (_SIC.match(text(row.get(f"SICCode.SicText_{i}")) or "") for i in range(1, 5))
        if m
    ]
    raw_status = text(row.get("CompanyStatus"))
    company = company_stub(
        ckey,
        prov,
        name=clean_name(text(row.get("CompanyName"))),
        former_names=former,
        legal_form=text(row.get("CompanyCategory")),
        status=status_code(raw_status),
        status_detail=raw_status,
        jurisdiction="GB",
        incorporated_on=uk_date(row.get("IncorporationDate"), "IncorporationDate"),
        dissolved_on=dissolved,
        activity_codes=[f"SIC:{code}" for code in sic],
        accounts_next_due=uk_date(row.get("Accounts.NextDueDate"), "Accounts.NextDueDate"),
    )
    address = {k: row.get(column) for k, column in _ADDRESS.items()}
    return [company, *records, *address_records(ckey, address, "registered", prov)]


def parse_basic_data(path: Path, counter: ByteCounter) -> Iterator[ParseResult]:
    for file in files_under(path, (".csv", ".csv.gz", ".json", ".json.gz")):
        seen_at = file_date(file)
        is_json = ".json" in file.name
        rows = iter_json(file, counter) if is_json else iter_csv(file, counter=counter)
        broken = None if is_json else _header_problem(file)
        for item in rows:
            if broken is not None:  # every row of a file with a broken header is unusable
                if isinstance(item, Rejection):
                    yield Rejection(item.location, f"{broken}; {item.reason}", raw=item.raw)
                else:
                    yield Rejection(item[0], f"{broken}; row not read", raw=item[1])
                continue
            if isinstance(item, Rejection):
                yield item
                continue
            location, row = item
            yield _row(file, location, row, seen_at)


def _header_problem(file: Path) -> str | None:
    """Why the CSV header is not BasicCompanyData's (a hard-wrapped copy cuts it short)."""
    with open_bytes(file) as raw:
        first = raw.readline().decode("utf-8-sig", errors="replace")
    header = {h.strip() for h in next(csv.reader([first]), [])}
    missing = [c for c in REQUIRED if c not in header]
    if not missing:
        return None
    return (
        f"the CSV header lacks {', '.join(missing)} (a hard-wrapped or truncated "
        "BasicCompanyData file?)"
    )


def _row(file: Path, location: Location, row: Any, seen_at: date | None) -> ParseResult:
    if not isinstance(row, dict):
        return Rejection(location, f"a company row must be an object, got {type(row).__name__}")
    where = location.line if location.line is not None else location.record
    try:
        number = text(row.get("CompanyNumber") or row.get(" CompanyNumber"))
        prov = Provenance(
            source=SOURCE,
            record_id=number or f"{file.name}:{where}",
            source_file=file.name,
            seen_at=seen_at,
        )
        return Parsed(location, row_records(row, prov))
    except BadRecord as exc:
        return Rejection(location, str(exc), raw=row)
    except ValueError as exc:
        return Rejection(location, f"invalid company row: {exc}", raw=row)


FORMAT = Format(
    "ch-companies",
    "Companies House BasicCompanyData (CSV or JSON rows)",
    parse_basic_data,
)
