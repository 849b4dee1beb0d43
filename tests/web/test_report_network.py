"""The static report's network picture shows owners and declared beneficial owners, so the
person behind a front person is in it (not only the directors)."""

from __future__ import annotations

import asyncio
import re
from datetime import date

import pytest
from neo4j import Driver

from graph_schema.db import open_async_driver
from graph_schema.edges import DeclaredOwnership, Directorship, Shareholding
from graph_schema.events import EventKind
from graph_schema.keys import event_key, person_key
from graph_schema.nodes import CompanyRecord, EventRecord, PersonRecord, Record
from graph_schema.provenance import Provenance
from graph_schema.settings import Settings
from graph_schema.signal_params import SignalParams
from graphapi.graph import Graph
from graphapi.report.html import company_report
from loaders.rejects import Location
from loaders.write.writer import GraphWriter

pytestmark = pytest.mark.neo4j

AS_OF = date(2026, 6, 30)
PROV = Provenance(source="web-test", record_id="r", source_file="front.jsonl", seen_at=AS_OF)
FRONT_CO = "GB-COH-40000001"
OWNER_CO = "GB-COH-40000002"
FAILED_CO = "GB-COH-40000003"
FRONT = person_key("Fay Front", "2004-01", source="t", source_person_id="f")[0]
BOSS = person_key("Bob Behind", "1961-06", source="t", source_person_id="b")[0]
HOLDER = person_key("Hal Holder", "1970-02", source="t", source_person_id="h")[0]


def _records() -> list[Record]:
    since = date(2025, 3, 1)
    return [
        CompanyRecord(key=FRONT_CO, name="Front Trading Ltd", status="active", provenance=PROV),
        CompanyRecord(key=OWNER_CO, name="Holding Vehicle Ltd", status="active", provenance=PROV),
        CompanyRecord(
            key=FAILED_CO, name="Failed Works Ltd", status="liquidation", provenance=PROV
        ),
        PersonRecord(key=FRONT, name="Fay Front", birth_year_month="2004-01", provenance=PROV),
        PersonRecord(key=BOSS, name="Bob Behind", birth_year_month="1961-06", provenance=PROV),
        PersonRecord(key=HOLDER, name="Hal Holder", birth_year_month="1970-02", provenance=PROV),
        Directorship(
            key=Directorship.make_key(FRONT, FRONT_CO, "director", since),
            src=FRONT,
            dst=FRONT_CO,
            role="director",
            start=since,
            provenance=PROV,
        ),  # fmt: skip
        Directorship(
            key=Directorship.make_key(FRONT, FAILED_CO, "director", date(2020, 1, 1)),
            src=FRONT,
            dst=FAILED_CO,
            role="director",
            start=date(2020, 1, 1),
            end=date(2025, 1, 1),
            provenance=PROV,
        ),  # fmt: skip
        Shareholding(
            key=Shareholding.make_key(OWNER_CO, FRONT_CO, "shareholding", since),
            src=OWNER_CO,
            dst=FRONT_CO,
            share_exact=100,
            start=since,
            provenance=PROV,
        ),  # fmt: skip
        Shareholding(
            key=Shareholding.make_key(HOLDER, OWNER_CO, "shareholding", since),
            src=HOLDER,
            dst=OWNER_CO,
            share_exact=100,
            start=since,
            provenance=PROV,
        ),  # fmt: skip
        # The person behind: declared as beneficial owner, holding no share on record.
        DeclaredOwnership(
            key=DeclaredOwnership.make_key(BOSS, FRONT_CO, "psc", since),
            src=BOSS,
            dst=FRONT_CO,
            share_min=75,
            share_max=100,
            share_min_exclusive=True,
            interests=["ownership-of-shares-75-to-100-percent"],
            declared_by="psc",
            start=since,
            provenance=PROV,
        ),  # fmt: skip
        EventRecord(
            key=event_key(FAILED_CO, EventKind.COMPULSORY_LIQUIDATION.value, date(2025, 6, 1)),
            company=FAILED_CO,
            kind=EventKind.COMPULSORY_LIQUIDATION,
            date=date(2025, 6, 1),
            provenance=PROV,
        ),  # fmt: skip
    ]


def test_report_network_shows_owners_and_declared_owners(graph: Driver, settings: Settings) -> None:
    with GraphWriter(graph, settings.neo4j.database) as writer:
        writer.add(_records(), Location("front", line=1))
    assert not writer.take_rejections()

    async def main() -> str:
        driver = open_async_driver(settings.neo4j)
        try:
            graph_ = Graph(driver, settings.neo4j.database, 60)
            return await company_report(graph_, FRONT_CO, AS_OF, SignalParams())
        finally:
            await driver.close()

    page = asyncio.run(main())
    network = re.search(r'<section id="network">(.*?)</section>', page, re.S)
    assert network is not None
    svg = network.group(1)
    for key in (FRONT_CO, FRONT, BOSS, OWNER_CO, HOLDER, FAILED_CO):
        assert f'data-key="{key}"' in svg, key
    assert "declared BO 75-100 %" in svg
    assert "100.00 %" in svg  # the shareholdings up the chain
    # An insolvent company says so in words, not only in red.
    failed = re.search(rf'<g class="node company insolvent" data-key="{FAILED_CO}">.*?</g>', svg)
    assert failed is not None and "INSOLVENT" in failed.group(0)
    # Layers: the declared owner sits above the company, with the owners.
    y = {
        key: float(m.group(1))
        for key in (FRONT_CO, BOSS, FRONT)
        if (
            m := re.search(
                rf'data-key="{key}"><title>.*?</title><(?:rect|ellipse)[^>]* (?:y|cy)="([\d.]+)"',
                svg,
            )
        )
    }
    assert y[BOSS] < y[FRONT_CO] < y[FRONT]
