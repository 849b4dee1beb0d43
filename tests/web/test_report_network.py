"""The static report's network picture shows owners and declared beneficial owners, so the
person behind a front person is in it (not only the directors)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from neo4j import Driver

from graph_schema.events import EventKind
from graph_schema.keys import person_key
from graph_schema.nodes import CompanyRecord, Record
from graph_schema.provenance import Provenance
from graph_schema.settings import Settings
from loaders.rejects import Location
from loaders.write.writer import GraphWriter
from tests.graph.batch.report_page import page_section, render_report
from tests.records import Records

pytestmark = pytest.mark.neo4j

AS_OF = date(2026, 6, 30)
PROV = Provenance(source="web-test", record_id="r", source_file="front.jsonl", seen_at=AS_OF)
FRONT_CO = "GB-COH-40000001"
OWNER_CO = "GB-COH-40000002"
FAILED_CO = "GB-COH-40000003"
FRONT = person_key("Fay Front", "2004-01", source="t", source_person_id="f")[0]
BOSS = person_key("Bob Behind", "1961-06", source="t", source_person_id="b")[0]
HOLDER = person_key("Hal Holder", "1970-02", source="t", source_person_id="h")[0]
R = Records(PROV)


def _records() -> list[Record]:
    since = date(2025, 3, 1)
    return [
        CompanyRecord(key=FRONT_CO, name="Front Trading Ltd", status="active", provenance=PROV),
        CompanyRecord(key=OWNER_CO, name="Holding Vehicle Ltd", status="active", provenance=PROV),
        CompanyRecord(
            key=FAILED_CO, name="Failed Works Ltd", status="liquidation", provenance=PROV
        ),
        R.person(FRONT, "Fay Front", "2004-01"),
        R.person(BOSS, "Bob Behind", "1961-06"),
        R.person(HOLDER, "Hal Holder", "1970-02"),
        R.director(FRONT, FRONT_CO, since),
        R.director(FRONT, FAILED_CO, date(2020, 1, 1), date(2025, 1, 1)),
        R.owns(OWNER_CO, FRONT_CO, 100, since),
        R.owns(HOLDER, OWNER_CO, 100, since),
        # The person behind: declared as beneficial owner, holding no share on record.
        R.psc(BOSS, FRONT_CO, (75, 100), since),
        R.event(FAILED_CO, EventKind.COMPULSORY_LIQUIDATION, date(2025, 6, 1)),
    ]


def test_report_network_shows_owners_and_declared_owners(graph: Driver, settings: Settings) -> None:
    with GraphWriter(graph, settings.neo4j.database) as writer:
        writer.add(_records(), Location("front", line=1))
    assert not writer.take_rejections()

    svg = page_section(render_report(settings, FRONT_CO, AS_OF), "network")
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
