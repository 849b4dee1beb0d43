"""A small hand-made world for the API tests, written through the real GraphWriter.

Companies: DUPONT CONSTRUCT LTD (GB, formerly DUPONT BUILDERS LTD), its parent and 75% holder
DUPONT HOLDINGS LTD, FAILED BUILDERS LTD (bankrupt 2019, dissolved 2021), Vlaamse Bouwgroep NV
(BE 0403.170.701), Société Générale de Bâtiment SAS (FR SIREN 552100554, LEI).
Persons: Jean Dupont (current and past mandates, 60% of Holdings, declared BO of Construct),
Marie Dupont (a past secretary, 25-50% of Holdings), Piet Janssens (Vlaamse Bouwgroep).
Three companies and Jean share 1 High Street, London.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from neo4j import Driver

from graph_schema.edges import (
    AddressLink,
    Control,
    DeclaredOwnership,
    Directorship,
    Parent,
    Shareholding,
)
from graph_schema.events import EventKind
from graph_schema.keys import address_key, person_key
from graph_schema.nodes import (
    AddressRecord,
    Identifier,
    PersonRecord,
    Record,
)
from graph_schema.provenance import Provenance
from loaders.rejects import Location
from loaders.write.writer import GraphWriter
from tests.records import Records

PROV = Provenance(
    source="test-world", record_id="w-1", source_file="world.jsonl", seen_at=date(2024, 1, 31)
)

CONSTRUCT = "GB-COH-01234567"
HOLDINGS = "GB-COH-07654321"
FAILED = "GB-COH-00999999"
VLAAMSE = "BE-BCE_KBO-0403170701"
SGB = "FR-SIREN-552100554"
LEI = "529900T8BM49AURSDO55"
JEAN = person_key("Jean Dupont", "1970-05", source="t", source_person_id="1")[0]
MARIE = person_key("Marie Dupont", "1972-11", source="t", source_person_id="2")[0]
PIET = person_key("Piet Janssens", "1965-02", source="t", source_person_id="3")[0]
LONDON = address_key("1 High Street, London EC1A 1AA", "GB")
BRUSSELS = address_key("Kerkstraat 1, 1000 Brussel", "BE")
R = Records(PROV)


def _director(
    person: str, company: str, start: date, end: date | None = None, role: str = "director"
) -> Directorship:
    return R.director(
        person, company, start, end, role=role, role_label=role.replace("_", " ").title()
    )


def _at(entity: str, address: str, kind: str = "registered") -> AddressLink:
    return R.link(AddressLink, entity, address, (kind,), kind=kind, start=date(2015, 3, 1))


def world_records() -> list[Record]:
    return [
        R.company(
            CONSTRUCT,
            "DUPONT CONSTRUCT LTD",
            former_names=["DUPONT BUILDERS LTD"],
            legal_form="Private Limited Company",
            status="active",
            jurisdiction="GB",
            incorporated_on=date(2015, 3, 1),
            activity_codes=["SIC:41201"],
        ),
        R.company(HOLDINGS, "DUPONT HOLDINGS LTD", status="active", jurisdiction="GB"),
        R.company(
            FAILED,
            "FAILED BUILDERS LTD",
            status="dissolved",
            jurisdiction="GB",
            incorporated_on=date(2010, 1, 5),
            dissolved_on=date(2021, 2, 1),
        ),
        R.company(
            VLAAMSE,
            "Vlaamse Bouwgroep NV",
            legal_form="NV",
            status="active",
            jurisdiction="BE",
            activity_codes=["NACE:41.201"],
        ),
        R.company(
            SGB,
            "Société Générale de Bâtiment SAS",
            jurisdiction="FR",
            identifiers=[Identifier(scheme="XI-LEI", value=LEI)],
        ),
        R.person(
            JEAN, "Jean Dupont", "1970-05", nationality="FR", match_basis="name+birth_year_month"
        ),
        R.person(MARIE, "Marie Dupont", "1972-11"),
        R.person(PIET, "Piet Janssens", "1965-02"),
        AddressRecord(
            key=LONDON,
            text="1 High Street, London EC1A 1AA",
            postcode="EC1A 1AA",
            city="London",
            country="GB",
            provenance=PROV,
        ),
        AddressRecord(
            key=BRUSSELS,
            text="Kerkstraat 1, 1000 Brussel",
            city="Brussel",
            country="BE",
            provenance=PROV,
        ),
        _director(JEAN, CONSTRUCT, date(2015, 3, 1)),
        _director(MARIE, CONSTRUCT, date(2015, 3, 1), date(2020, 12, 31), role="secretary"),
        _director(JEAN, FAILED, date(2012, 1, 1), date(2019, 6, 30)),
        _director(JEAN, VLAAMSE, date(2018, 1, 1), role="managing_director"),
        _director(PIET, VLAAMSE, date(2001, 4, 1)),
        R.link(
            Shareholding,
            HOLDINGS,
            CONSTRUCT,
            ("shareholding", None),
            share_exact=75.0,
            start=date(2015, 3, 1),
        ),
        R.link(Shareholding, JEAN, HOLDINGS, ("shareholding", None), share_exact=60.0),
        R.link(
            Shareholding,
            MARIE,
            HOLDINGS,
            ("shareholding", None),
            share_min=25.0,
            share_max=50.0,
            share_min_exclusive=True,
        ),
        R.link(
            DeclaredOwnership,
            JEAN,
            CONSTRUCT,
            ("psc", None),
            share_min=50.0,
            share_max=75.0,
            share_min_exclusive=True,
            interests=["ownership-of-shares-50-to-75-percent"],
            direct_or_indirect="indirect",
            declared_by="psc",
            start=date(2016, 4, 6),
        ),
        R.link(
            Control,
            PIET,
            VLAAMSE,
            (None,),
            interests=["appointmentOfBoard"],
            start=date(2001, 4, 1),
        ),
        R.link(Parent, HOLDINGS, CONSTRUCT, ("direct",), level="direct"),
        R.event(FAILED, EventKind.BANKRUPTCY, date(2019, 9, 1), court="High Court"),
        R.event(FAILED, EventKind.DISSOLUTION, date(2021, 2, 1)),
        R.event(
            CONSTRUCT, EventKind.ACCOUNTS_FILED, date(2023, 9, 30), made_up_to=date(2022, 12, 31)
        ),
        R.event(VLAAMSE, EventKind.NAME_CHANGE, date(2005, 6, 1)),
        _at(CONSTRUCT, LONDON),
        _at(HOLDINGS, LONDON),
        _at(FAILED, LONDON),
        _at(JEAN, LONDON, "service"),
        _at(VLAAMSE, BRUSSELS),
    ]


@dataclass(frozen=True)
class World:
    construct: str = CONSTRUCT
    holdings: str = HOLDINGS
    failed: str = FAILED
    vlaamse: str = VLAAMSE
    sgb: str = SGB
    jean: str = JEAN
    marie: str = MARIE
    piet: str = PIET
    london: str = LONDON
    brussels: str = BRUSSELS


def write_records(driver: Driver, database: str, records: list[Record]) -> None:
    with GraphWriter(driver, database) as writer:
        writer.add(records, Location("world.jsonl", line=1))
    rejected = writer.take_rejections()
    assert not rejected, rejected


def build_world(driver: Driver, database: str) -> World:
    write_records(driver, database, world_records())
    return World()


def fan_out_records(n: int) -> list[Record]:
    """n more companies, each with 3 directors who each hold 2 mandates and an event per company:
    enough fan-out that an N+1 resolver would show in the round-trip count."""
    records: list[Record] = []
    for i in range(n):
        ckey = f"GB-COH-{5000000 + i:08d}"
        records.append(R.company(ckey, f"DUPONT FANOUT {i} LTD"))
        records.append(R.event(ckey, EventKind.ACCOUNTS_FILED, date(2023, 1, 1 + i % 28)))
        for j in range(3):
            pkey = f"person-fanout-{i}-{j}"
            records.append(PersonRecord(key=pkey, name=f"Fan Out {i} {j}", provenance=PROV))
            records.append(_director(pkey, ckey, date(2020, 1, 1)))
            records.append(_director(pkey, FAILED, date(2011, 1, 1), date(2012, 1, 1)))
    return records


BUSY = "person-busy-director"


def busy_director_records(n: int) -> list[Record]:
    """One director with n current mandates, company i appointed on day i of 2020 (the newest
    first in `mandates`): more than a default page."""
    records: list[Record] = [PersonRecord(key=BUSY, name="Busy Director", provenance=PROV)]
    for i in range(n):
        ckey = f"GB-COH-{6000000 + i:08d}"
        records.append(R.company(ckey, f"BUSY BOARD {i} LTD"))
        records.append(_director(BUSY, ckey, date(2020, 1, 1 + i)))
    return records
