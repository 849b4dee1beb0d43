"""GLEIF parsers (Level 1 and Level 2), without the database."""

from __future__ import annotations

import gzip
import json
import tracemalloc
from datetime import date
from pathlib import Path

from stdnum.iso7064 import mod_97_10

from graph_schema.edges import AddressLink, Parent
from graph_schema.nodes import CompanyRecord
from loaders.contract import Parsed
from loaders.gleif.parse import FORMATS
from loaders.rejects import Rejection
from loaders.source import ByteCounter
from tests.unit.loaders.parsed import parse, reasons_of, records_of

LEI_FMT, RR_FMT = FORMATS
DENTSU = "213800FERQ5LE3H7WJ58"  # a real LEI with a Companies House number (RA000585)
FUND = "001GPB6A9XPE8XJICC14"
PARENT = "5493001Z012YSB2A0K51"


def lei_xml(*records: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<lei:LEIData xmlns:lei="http://www.gleif.org/data/schema/leidata/2016">'
        "<lei:LEIHeader><lei:ContentDate>2023-06-05T08:20:51Z</lei:ContentDate></lei:LEIHeader>"
        "<lei:LEIRecords>" + "".join(records) + "</lei:LEIRecords></lei:LEIData>"
    )


def lei_record(
    lei: str = DENTSU,
    name: str = "DENTSU INTERNATIONAL LIMITED",
    ra: str = "RA000585",
    number: str = "01403668",
    status: str = "ACTIVE",
    registration: str = "ISSUED",
    created: str = "1978-12-05T00:00:00Z",
    updated: str = "2023-02-02T11:00:00Z",
    expiry: str = "",
) -> str:
    updated_xml = f"<lei:LastUpdateDate>{updated}</lei:LastUpdateDate>" if updated else ""
    return f"""<lei:LEIRecord><lei:LEI>{lei}</lei:LEI><lei:Entity>
      <lei:LegalName xml:lang="en">{name}</lei:LegalName>
      <lei:OtherEntityNames>
        <lei:OtherEntityName type="PREVIOUS_LEGAL_NAME">AEGIS GROUP PLC</lei:OtherEntityName>
        <lei:OtherEntityName type="TRADING_OR_OPERATING_NAME">DENTSU</lei:OtherEntityName>
      </lei:OtherEntityNames>
      <lei:LegalAddress><lei:FirstAddressLine>10 TRITON STREET</lei:FirstAddressLine>
        <lei:AdditionalAddressLine>REGENT'S PLACE</lei:AdditionalAddressLine>
        <lei:City>LONDON</lei:City><lei:Country>GB</lei:Country>
        <lei:PostalCode>NW1 3BF</lei:PostalCode></lei:LegalAddress>
      <lei:HeadquartersAddress><lei:FirstAddressLine>10 TRITON STREET</lei:FirstAddressLine>
        <lei:AdditionalAddressLine>REGENT'S PLACE</lei:AdditionalAddressLine>
        <lei:City>LONDON</lei:City><lei:Country>GB</lei:Country>
        <lei:PostalCode>NW1 3BF</lei:PostalCode></lei:HeadquartersAddress>
      <lei:RegistrationAuthority><lei:RegistrationAuthorityID>{ra}</lei:RegistrationAuthorityID>
        <lei:RegistrationAuthorityEntityID>{number}</lei:RegistrationAuthorityEntityID>
      </lei:RegistrationAuthority>
      <lei:LegalJurisdiction>GB</lei:LegalJurisdiction>
      <lei:LegalForm><lei:EntityLegalFormCode>H0PO</lei:EntityLegalFormCode></lei:LegalForm>
      <lei:EntityStatus>{status}</lei:EntityStatus>
      <lei:EntityCreationDate>{created}</lei:EntityCreationDate>{expiry}</lei:Entity>
      <lei:Registration>{updated_xml}
      <lei:RegistrationStatus>{registration}</lei:RegistrationStatus></lei:Registration>
      </lei:LEIRecord>"""


def rr_xml(*records: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<rr:RelationshipData xmlns:rr="http://www.gleif.org/data/schema/rr/2016">'
        "<rr:RelationshipRecords>" + "".join(records) + "</rr:RelationshipRecords>"
        "</rr:RelationshipData>"
    )


def rr_record(
    child: str, parent: str, kind: str, start: str = "2018-02-06T00:00:00Z", end: str = ""
) -> str:
    end_xml = f"<rr:EndDate>{end}</rr:EndDate>" if end else ""
    return f"""<rr:RelationshipRecord><rr:Relationship>
      <rr:StartNode><rr:NodeID>{child}</rr:NodeID><rr:NodeIDType>LEI</rr:NodeIDType></rr:StartNode>
      <rr:EndNode><rr:NodeID>{parent}</rr:NodeID><rr:NodeIDType>LEI</rr:NodeIDType></rr:EndNode>
      <rr:RelationshipType>{kind}</rr:RelationshipType>
      <rr:RelationshipPeriods>
        <rr:RelationshipPeriod><rr:StartDate>2016-01-01T00:00:00Z</rr:StartDate>
          <rr:EndDate>2016-12-31T00:00:00Z</rr:EndDate>
          <rr:PeriodType>ACCOUNTING_PERIOD</rr:PeriodType></rr:RelationshipPeriod>
        <rr:RelationshipPeriod><rr:StartDate>{start}</rr:StartDate>{end_xml}
          <rr:PeriodType>RELATIONSHIP_PERIOD</rr:PeriodType></rr:RelationshipPeriod>
      </rr:RelationshipPeriods>
      <rr:RelationshipStatus>ACTIVE</rr:RelationshipStatus></rr:Relationship>
      <rr:Registration><rr:LastUpdateDate>2023-05-18T15:41:20.212Z</rr:LastUpdateDate>
      </rr:Registration></rr:RelationshipRecord>"""


def test_lei_record_keyed_by_companies_house_number_with_both_identifiers(tmp_path: Path) -> None:
    path = tmp_path / "lei.xml"
    path.write_text(lei_xml(lei_record()), encoding="utf-8")
    items = parse(LEI_FMT, path)
    (company,) = records_of(items, CompanyRecord)
    assert company.key == "GB-COH-01403668"
    assert [i.key for i in company.identifiers] == ["GB-COH-01403668", f"XI-LEI-{DENTSU}"]
    assert company.name == "DENTSU INTERNATIONAL LIMITED"
    assert company.former_names == ["AEGIS GROUP PLC"]  # the trading name is not a former name
    assert (company.status, company.status_detail) == ("active", "ISSUED")
    assert (company.legal_form, company.jurisdiction) == ("H0PO", "GB")
    assert company.incorporated_on == date(1978, 12, 5)
    assert company.provenance.record_id == DENTSU
    assert company.provenance.seen_at == date(2023, 2, 2)
    links = records_of(items, AddressLink)
    assert sorted(link.kind for link in links) == ["business", "registered"]
    assert len({link.dst for link in links}) == 1  # same address text -> one Address node


def test_unmapped_register_or_invalid_national_number_falls_back_to_the_lei(
    tmp_path: Path,
) -> None:
    path = tmp_path / "lei.xml"
    path.write_text(
        lei_xml(
            lei_record(lei=FUND, ra="RA000665", number="S000005113"),
            lei_record(lei=PARENT, ra="RA000585", number="not a number"),
        ),
        encoding="utf-8",
    )
    keys = [c.key for c in records_of(parse(LEI_FMT, path), CompanyRecord)]
    assert keys == [f"XI-LEI-{FUND}", f"XI-LEI-{PARENT}"]


def test_malformed_lei_records_are_rejected_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "lei.xml"
    path.write_text(
        lei_xml(
            lei_record(lei="213800FERQ5LE3H7WJ59"),  # checksum broken
            lei_record(status="ZOMBIE"),
            lei_record(registration="MAYBE"),
            lei_record(created="2023-02-30T00:00:00Z"),
            lei_record(name=""),
            lei_record(lei=FUND, ra="RA000665"),
        ),
        encoding="utf-8",
    )
    items = parse(LEI_FMT, path)
    reasons = reasons_of(items)
    assert reasons[0].startswith("invalid LEI '213800FERQ5LE3H7WJ59'")
    assert reasons[1:] == [
        "unknown EntityStatus 'ZOMBIE'",
        "unknown RegistrationStatus 'MAYBE'",
        "invalid date '2023-02-30T00:00:00Z' in EntityCreationDate",
        "missing key field LegalName",
    ]
    assert [c.key for c in records_of(items, CompanyRecord)] == [f"XI-LEI-{FUND}"]


def test_truncated_xml_keeps_the_records_before_the_break(tmp_path: Path) -> None:
    path = tmp_path / "lei.xml"
    path.write_text(lei_xml(lei_record(), lei_record(lei=FUND))[:-900], encoding="utf-8")
    items = parse(LEI_FMT, path)
    assert isinstance(items[0], Parsed)
    assert isinstance(items[-1], Rejection) and "invalid XML after record 1" in items[-1].reason


def test_golden_copy_json_gzip_bom_and_api_json(tmp_path: Path) -> None:
    record = {
        "LEI": {"$": DENTSU},
        "Entity": {
            "LegalName": {"@xml:lang": "en", "$": "DENTSU INTERNATIONAL LIMITED"},
            "RegistrationAuthority": {
                "RegistrationAuthorityID": {"$": "RA000585"},
                "RegistrationAuthorityEntityID": {"$": "1403668"},
            },
            "EntityStatus": {"$": "INACTIVE"},
        },
        "Registration": {"RegistrationStatus": {"$": "LAPSED"}},
    }
    golden = tmp_path / "golden.json.gz"
    golden.write_bytes(gzip.compress(b"\xef\xbb\xbf" + json.dumps({"records": [record]}).encode()))
    (company,) = records_of(parse(LEI_FMT, golden), CompanyRecord)
    assert (company.key, company.status, company.status_detail) == (
        "GB-COH-01403668",
        "inactive",
        "LAPSED",
    )
    api = tmp_path / "api.json"
    api.write_text(
        json.dumps(
            {
                "data": {
                    "type": "lei-records",
                    "id": DENTSU,
                    "attributes": {
                        "lei": DENTSU,
                        "entity": {
                            "legalName": {"name": "DENTSU INTERNATIONAL LIMITED"},
                            "otherNames": [
                                {"name": "AEGIS GROUP PLC", "type": "PREVIOUS_LEGAL_NAME"}
                            ],
                            "registeredAt": {"id": "RA000585"},
                            "registeredAs": "01403668",
                            "jurisdiction": "GB",
                            "status": "ACTIVE",
                            "legalAddress": {
                                "addressLines": ["10 TRITON STREET"],
                                "city": "LONDON",
                                "country": "GB",
                            },
                        },
                        "registration": {
                            "status": "ISSUED",
                            "lastUpdateDate": "2025-05-06T15:51:56Z",
                        },
                    },
                }
            }
        ),
        encoding="utf-8",
    )
    items = parse(LEI_FMT, api)
    (company,) = records_of(items, CompanyRecord)
    assert (company.key, company.former_names) == ("GB-COH-01403668", ["AEGIS GROUP PLC"])
    assert [link.kind for link in records_of(items, AddressLink)] == ["registered"]


def test_parents_use_the_l1_key_of_each_lei_found_next_to_the_rr_file(tmp_path: Path) -> None:
    (tmp_path / "lei.xml").write_text(lei_xml(lei_record()), encoding="utf-8")
    (tmp_path / "rr.xml").write_text(
        rr_xml(
            rr_record(FUND, DENTSU, "IS_DIRECTLY_CONSOLIDATED_BY", end="2020-01-31T00:00:00Z"),
            rr_record(FUND, PARENT, "IS_ULTIMATELY_CONSOLIDATED_BY"),
            rr_record(FUND, PARENT, "IS_FUND-MANAGED_BY"),
            rr_record(FUND, PARENT, "IS_BEST_FRIEND_OF"),
            rr_record(FUND, "5493001Z012YSB2A0K50", "IS_DIRECTLY_CONSOLIDATED_BY"),
            rr_record(FUND, PARENT, "IS_DIRECTLY_CONSOLIDATED_BY", end="2017-01-01T00:00:00Z"),
        ),
        encoding="utf-8",
    )
    items = parse(RR_FMT, tmp_path)  # the folder: lei.xml is only read for keys
    assert len(items) == 6
    direct, ultimate = records_of(items, Parent)
    assert (direct.src, direct.dst, direct.level) == (
        "GB-COH-01403668",
        f"XI-LEI-{FUND}",
        "direct",
    )
    assert (direct.start, direct.end) == (date(2018, 2, 6), date(2020, 1, 31))
    assert direct.relationship_status == "ACTIVE"
    assert direct.provenance.record_id == f"{FUND}|IS_DIRECTLY_CONSOLIDATED_BY|{DENTSU}"
    assert (ultimate.src, ultimate.level) == (f"XI-LEI-{PARENT}", "ultimate")
    ends = {c.key: [i.key for i in c.identifiers] for c in records_of(items, CompanyRecord)}
    assert ends["GB-COH-01403668"] == ["GB-COH-01403668", f"XI-LEI-{DENTSU}"]
    fund_managed = items[2]
    assert isinstance(fund_managed, Parsed) and fund_managed.records == []
    reasons = reasons_of(items)
    assert reasons[0] == "unknown RelationshipType 'IS_BEST_FRIEND_OF'"
    assert reasons[1].startswith("invalid LEI '5493001Z012YSB2A0K50'")
    assert reasons[2] == "relationship end 2017-01-01 is before start 2018-02-06"


def test_without_l1_files_both_ends_are_keyed_by_lei(tmp_path: Path) -> None:
    path = tmp_path / "rr.xml"
    path.write_text(rr_xml(rr_record(FUND, DENTSU, "IS_DIRECTLY_CONSOLIDATED_BY")))
    (parent,) = records_of(parse(RR_FMT, path), Parent)
    assert (parent.src, parent.dst) == (f"XI-LEI-{DENTSU}", f"XI-LEI-{FUND}")


def test_reporting_exceptions_are_read_not_modelled(tmp_path: Path) -> None:
    path = tmp_path / "repex.xml"
    path.write_text(
        '<repex:ReportingExceptionData xmlns:repex="http://www.gleif.org/data/schema/repex/2016">'
        "<repex:ReportingExceptions><repex:Exception><repex:LEI>" + FUND + "</repex:LEI>"
        "<repex:ExceptionCategory>DIRECT_ACCOUNTING_CONSOLIDATION_PARENT</repex:ExceptionCategory>"
        "<repex:ExceptionReason>NO_KNOWN_PERSON</repex:ExceptionReason></repex:Exception>"
        "</repex:ReportingExceptions></repex:ReportingExceptionData>"
    )
    items = parse(RR_FMT, path)
    assert len(items) == 1 and isinstance(items[0], Parsed) and items[0].records == []


def test_xml_memory_stays_flat(tmp_path: Path) -> None:
    """A parsed record is cleared: peak memory is far below what the whole tree would take."""
    records = []
    for i in range(2000):
        base = f"5493{i:014d}"
        records.append(lei_record(lei=base + mod_97_10.calc_check_digits(base), ra="RA000665"))
    path = tmp_path / "big.xml"
    path.write_text(lei_xml(*records), encoding="utf-8")
    tracemalloc.start()
    try:
        count = sum(1 for item in LEI_FMT.parse(path, ByteCounter()) if isinstance(item, Parsed))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 2000
    assert peak < 2_000_000  # the 3.4 MB file as one ElementTree takes ~16 MB


def test_dissolution_and_header_date_fallback(tmp_path: Path) -> None:
    expiry = (
        "<lei:EntityExpirationDate>2021-03-31T00:00:00Z</lei:EntityExpirationDate>"
        "<lei:EntityExpirationReason>DISSOLVED</lei:EntityExpirationReason>"
    )
    path = tmp_path / "lei.xml"
    path.write_text(
        lei_xml(lei_record(status="INACTIVE", registration="RETIRED", updated="", expiry=expiry)),
        encoding="utf-8",
    )
    (company,) = records_of(parse(LEI_FMT, path), CompanyRecord)
    assert (company.status, company.status_detail) == ("inactive", "RETIRED")
    assert company.dissolved_on == date(2021, 3, 31)
    assert company.provenance.seen_at == date(2023, 6, 5)  # the file header's ContentDate
