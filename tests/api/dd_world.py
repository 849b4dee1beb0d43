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

from graph_schema.edges import Shareholding
from graph_schema.events import EventKind
from graph_schema.keys import person_key
from graph_schema.nodes import CompanyRecord, EventRecord, PersonRecord, Record
from graph_schema.provenance import Provenance
from tests.records import Records

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


R = Records(PROV)


def _company(key: str, name: str, incorporated: date) -> CompanyRecord:
    return R.company(
        key,
        name,
        status="active",
        jurisdiction="GB",
        incorporated_on=incorporated,
        activity_codes=["SIC:41201"],
    )


def _person(key: str, name: str, ym: str) -> PersonRecord:
    return R.person(key, name, ym, match_basis="name+birth_year_month")


def _owns(owner: str, company: str, share: float, start: date) -> Shareholding:
    # A shareholder list: another source than the PSC register the declarations come from.
    prov = PROV.model_copy(update={"source": "dd-shareholders", "record_id": f"{company}/{owner}"})
    return R.owns(owner, company, share, start, provenance=prov)


def _liquidation(company: str, on: date) -> EventRecord:
    return R.event(
        company, EventKind.COMPULSORY_LIQUIDATION, on, court="High Court", reference="CR-1"
    )


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
        R.director(DIRK, TARGET, date(2024, 1, 15)),
        R.director(DIRK, OLD, date(2015, 1, 1), date(2023, 12, 31)),
        R.director(DIRK_NAMESAKE, BROKE, date(2016, 1, 1)),
        R.director(CARL, HOLD, date(2010, 1, 1)),
        R.director(CARL, CLEAN, date(2015, 1, 1)),
        _liquidation(OLD, date(2024, 3, 31)),
        _liquidation(BROKE, date(2024, 6, 1)),
        _owns(PAM, HOLD, 60, since),
        _owns(CARL, HOLD, 40, since),
        _owns(HOLD, TARGET, 50, since),
        _owns(RITA, TARGET, 50, since),
        _owns(CARL, CLEAN, 100, since),
        R.psc(RITA, TARGET, (25, 50), since),
        R.psc(CARL, CLEAN, (75, 100), since),
    ]
