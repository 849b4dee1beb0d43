"""A hand-built due-diligence scenario (dates relative to AS_OF = 2026-06-30).

TARGET "Nova Bouw Ltd" (incorporated 2018): director Dirk Failed (born 1970-05), who left
"Old Bouw Ltd" on 2023-12-31, three months before it went into compulsory liquidation on
2024-03-31 (a bankruptcy case within the 36-month window). A namesake "Dirk Failed" born
1985-01 was director of "Broke Ltd" (bankrupt 2024): a different person, never counted.
Ownership: Pam Owner holds 60 % of "Hold Co Ltd", which holds 50 % of TARGET (Pam: 30 %);
Rita Direct holds 50 % directly (a shareholder list, a source of its own). Only Rita is
declared as PSC, so Pam is a discrepancy between the two sources.
"CLEAN Ltd" has one clean director and one owner at 100 %, declared.
"""

from __future__ import annotations

from datetime import date

from graph_schema.edges import DeclaredOwnership, Directorship, Shareholding
from graph_schema.events import EventKind
from graph_schema.keys import event_key, person_key
from graph_schema.nodes import CompanyRecord, EventRecord, Identifier, PersonRecord, Record
from graph_schema.provenance import Provenance

AS_OF = date(2026, 6, 30)
PROV = Provenance(source="dd-test", record_id="r", source_file="dd.jsonl", seen_at=date(2026, 1, 1))

TARGET = "GB-COH-10000001"
OLD = "GB-COH-10000002"
HOLD = "GB-COH-10000003"
BROKE = "GB-COH-10000004"
CLEAN = "GB-COH-10000005"
DIRK = person_key("Dirk Failed", "1970-05", source="t", source_person_id="1")[0]
DIRK_NAMESAKE = person_key("Dirk Failed", "1985-01", source="t", source_person_id="2")[0]
PAM = person_key("Pam Owner", "1960-03", source="t", source_person_id="3")[0]
RITA = person_key("Rita Direct", "1975-07", source="t", source_person_id="4")[0]
CARL = person_key("Carl Clean", "1980-08", source="t", source_person_id="5")[0]


def _company(key: str, name: str, incorporated: date) -> CompanyRecord:
    number = key.rpartition("-")[2]
    return CompanyRecord(
        key=key, name=name, status="active", jurisdiction="GB", incorporated_on=incorporated,
        identifiers=[Identifier(scheme="GB-COH", value=number)], activity_codes=["SIC:41201"],
        provenance=PROV,
    )  # fmt: skip


def _person(key: str, name: str, ym: str) -> PersonRecord:
    return PersonRecord(
        key=key, name=name, birth_year_month=ym, match_basis="name+birth_year_month",
        provenance=PROV,
    )  # fmt: skip


def _director(person: str, company: str, start: date, end: date | None = None) -> Directorship:
    return Directorship(
        key=Directorship.make_key(person, company, "director", start),
        src=person, dst=company, role="director", start=start, end=end, provenance=PROV,
    )  # fmt: skip


def _owns(owner: str, company: str, share: float, start: date) -> Shareholding:
    # A shareholder list: another source than the PSC register the declarations come from.
    prov = PROV.model_copy(update={"source": "dd-shareholders", "record_id": f"{company}/{owner}"})
    return Shareholding(
        key=Shareholding.make_key(owner, company, "shareholding", start),
        src=owner, dst=company, share_exact=share, start=start, provenance=prov,
    )  # fmt: skip


def _liquidation(company: str, on: date) -> EventRecord:
    kind = EventKind.COMPULSORY_LIQUIDATION
    return EventRecord(
        key=event_key(company, kind.value, on), company=company, kind=kind, date=on,
        court="High Court", reference="CR-1", provenance=PROV,
    )  # fmt: skip


def dd_records() -> list[Record]:
    since = date(2018, 1, 1)
    return [
        _company(TARGET, "Nova Bouw Ltd", date(2018, 3, 1)),
        _company(OLD, "Old Bouw Ltd", date(2012, 1, 1)),
        _company(HOLD, "Hold Co Ltd", date(2010, 1, 1)),
        _company(BROKE, "Broke Ltd", date(2015, 1, 1)),
        _company(CLEAN, "Clean Ltd", date(2015, 1, 1)),
        _person(DIRK, "Dirk Failed", "1970-05"),
        _person(DIRK_NAMESAKE, "Dirk Failed", "1985-01"),
        _person(PAM, "Pam Owner", "1960-03"),
        _person(RITA, "Rita Direct", "1975-07"),
        _person(CARL, "Carl Clean", "1980-08"),
        _director(DIRK, TARGET, date(2024, 1, 15)),
        _director(DIRK, OLD, date(2015, 1, 1), date(2023, 12, 31)),
        _director(DIRK_NAMESAKE, BROKE, date(2016, 1, 1)),
        _director(CARL, HOLD, date(2010, 1, 1)),
        _director(CARL, CLEAN, date(2015, 1, 1)),
        _liquidation(OLD, date(2024, 3, 31)),
        _liquidation(BROKE, date(2024, 6, 1)),
        _owns(PAM, HOLD, 60, since),
        _owns(CARL, HOLD, 40, since),
        _owns(HOLD, TARGET, 50, since),
        _owns(RITA, TARGET, 50, since),
        _owns(CARL, CLEAN, 100, since),
        DeclaredOwnership(
            key=DeclaredOwnership.make_key(RITA, TARGET, "psc", since),
            src=RITA,
            dst=TARGET,
            share_min=25,
            share_max=50,
            share_min_exclusive=True,
            interests=["ownership-of-shares-25-to-50-percent"],
            declared_by="psc",
            start=since,
            provenance=PROV,
        ),  # fmt: skip
        DeclaredOwnership(
            key=DeclaredOwnership.make_key(CARL, CLEAN, "psc", since),
            src=CARL,
            dst=CLEAN,
            share_min=75,
            share_max=100,
            share_min_exclusive=True,
            interests=["ownership-of-shares-75-to-100-percent"],
            declared_by="psc",
            start=since,
            provenance=PROV,
        ),  # fmt: skip
    ]
