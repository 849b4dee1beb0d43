"""A small world for portfolio jobs: the dd_world scenario plus Belgian and French companies,
two namesakes (an ambiguous name), an insolvent company and n plain filler companies."""

from __future__ import annotations

from datetime import date

from neo4j import Driver

from graph_schema.edges import Directorship, Shareholding
from graph_schema.events import EventKind
from graph_schema.keys import event_key, person_key
from graph_schema.nodes import CompanyRecord, EventRecord, Identifier, PersonRecord, Record
from loaders.rejects import Location
from loaders.write.writer import GraphWriter
from tests.api.dd_world import AS_OF, PROV, dd_records

__all__ = [
    "AS_OF",
    "BE",
    "FR",
    "NL",
    "TWIN_A",
    "TWIN_B",
    "SOLO",
    "SINK",
    "build_world",
    "filler_key",
]

BE = "BE-BCE_KBO-0403170701"
FR = "FR-SIREN-552100554"
TWIN_A = "GB-COH-20000001"
TWIN_B = "GB-COH-20000002"
SOLO = "GB-COH-20000003"  # "Solo Widgets Ltd": a unique name
SINK = "GB-COH-20000004"  # insolvent: rating 5
NL = "NL-KVK-20000001"  # same number as TWIN_A in another register
ANNA = person_key("Anna Janssens", "1972-02", source="t", source_person_id="a")[0]


def _company(key: str, name: str, jurisdiction: str, scheme: str) -> CompanyRecord:
    return CompanyRecord(
        key=key, name=name, status="active", jurisdiction=jurisdiction,
        incorporated_on=date(2012, 5, 1),
        identifiers=[Identifier(scheme=scheme, value=key.rpartition("-")[2])], provenance=PROV,
    )  # fmt: skip


def _director(person: str, company: str) -> Directorship:
    start = date(2015, 1, 1)
    return Directorship(
        key=Directorship.make_key(person, company, "director", start),
        src=person, dst=company, role="director", start=start, provenance=PROV,
    )  # fmt: skip


def _owns(person: str, company: str, share: float) -> Shareholding:
    start = date(2015, 1, 1)
    return Shareholding(
        key=Shareholding.make_key(person, company, "shareholding", start),
        src=person, dst=company, share_exact=share, start=start, provenance=PROV,
    )  # fmt: skip


def filler_key(i: int) -> str:
    return f"GB-COH-3{i:07d}"


def extra_records(fillers: int) -> list[Record]:
    records: list[Record] = [
        _company(BE, "Brouwerij Janssens NV", "BE", "BE-BCE_KBO"),
        _company(FR, "Société Exemple SA", "FR", "FR-SIREN"),
        _company(TWIN_A, "Twin Trading Ltd", "GB", "GB-COH"),
        _company(TWIN_B, "Twin Trading Limited", "GB", "GB-COH"),
        _company(SOLO, "Solo Widgets Ltd", "GB", "GB-COH"),
        _company(SINK, "Sinking Ship Ltd", "GB", "GB-COH"),
        _company(NL, "Tweeling Handel BV", "NL", "NL-KVK"),
        PersonRecord(key=ANNA, name="Anna Janssens", birth_year_month="1972-02", provenance=PROV),
        _director(ANNA, BE),
        _owns(ANNA, BE, 80),
        EventRecord(
            key=event_key(SINK, EventKind.COMPULSORY_LIQUIDATION.value, date(2026, 1, 15)),
            company=SINK,
            kind=EventKind.COMPULSORY_LIQUIDATION,
            date=date(2026, 1, 15),
            court="High Court",
            reference="CR-9",
            provenance=PROV,
        ),  # fmt: skip
    ]
    for i in range(fillers):
        key = filler_key(i)
        person = person_key(f"Filler Person {i}", "1980-01", source="t", source_person_id=f"f{i}")[
            0
        ]
        records += [
            _company(key, f"Filler Company {i} Ltd", "GB", "GB-COH"),
            PersonRecord(
                key=person, name=f"Filler Person {i}", birth_year_month="1980-01", provenance=PROV
            ),  # fmt: skip
            _director(person, key),
            _owns(person, key, 100),
        ]
    return records


def build_world(driver: Driver, database: str, fillers: int = 0) -> None:
    with GraphWriter(driver, database) as writer:
        writer.add([*dd_records(), *extra_records(fillers)], Location("batch-world", line=1))
    assert not writer.take_rejections()
