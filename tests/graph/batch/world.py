"""A small world for portfolio jobs: the dd_world scenario plus Belgian and French companies,
two namesakes (an ambiguous name), an insolvent company and n plain filler companies."""

from __future__ import annotations

from datetime import date

from neo4j import Driver

from graph_schema.events import EventKind
from graph_schema.keys import person_key
from graph_schema.nodes import CompanyRecord, PersonRecord, Record
from loaders.rejects import Location
from loaders.write.writer import GraphWriter
from tests.api.dd_world import AS_OF, PROV, dd_records
from tests.records import Records

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


R = Records(PROV)
SINCE = date(2015, 1, 1)


def _company(key: str, name: str, jurisdiction: str) -> CompanyRecord:
    return R.company(
        key, name, status="active", jurisdiction=jurisdiction, incorporated_on=date(2012, 5, 1)
    )


def filler_key(i: int) -> str:
    return f"GB-COH-3{i:07d}"


def extra_records(fillers: int) -> list[Record]:
    records: list[Record] = [
        _company(BE, "Brouwerij Janssens NV", "BE"),
        _company(FR, "Société Exemple SA", "FR"),
        _company(TWIN_A, "Twin Trading Ltd", "GB"),
        _company(TWIN_B, "Twin Trading Limited", "GB"),
        _company(SOLO, "Solo Widgets Ltd", "GB"),
        _company(SINK, "Sinking Ship Ltd", "GB"),
        _company(NL, "Tweeling Handel BV", "NL"),
        PersonRecord(key=ANNA, name="Anna Janssens", birth_year_month="1972-02", provenance=PROV),
        R.director(ANNA, BE, SINCE),
        R.owns(ANNA, BE, 80, SINCE),
        R.event(
            SINK,
            EventKind.COMPULSORY_LIQUIDATION,
            date(2026, 1, 15),
            court="High Court",
            reference="CR-9",
        ),
    ]
    for i in range(fillers):
        key = filler_key(i)
        person = person_key(f"Filler Person {i}", "1980-01", source="t", source_person_id=f"f{i}")[
            0
        ]
        records += [
            _company(key, f"Filler Company {i} Ltd", "GB"),
            PersonRecord(
                key=person, name=f"Filler Person {i}", birth_year_month="1980-01", provenance=PROV
            ),  # fmt: skip
            R.director(person, key, SINCE),
            R.owns(person, key, 100, SINCE),
        ]
    return records


def build_world(driver: Driver, database: str, fillers: int = 0) -> None:
    with GraphWriter(driver, database) as writer:
        writer.add([*dd_records(), *extra_records(fillers)], Location("batch-world", line=1))
    assert not writer.take_rejections()
