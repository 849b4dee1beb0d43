"""The demo world as `duegraph demo` builds it (2,000 generated companies, seed 7), loaded once
for this module: the population scan within the default request limits, the evidence report
and data coverage, checked against the graph itself.
"""

from __future__ import annotations

import asyncio
import csv
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from neo4j import Driver

from graph_schema.db import open_async_driver
from graph_schema.settings import Settings
from graph_schema.signal_params import SignalParams
from graphapi.app import create_app
from graphapi.batch.screen import summary_table, write_summary
from graphapi.cli.evaluate import load_world
from graphapi.cli.scan import scan_command
from graphapi.graph import Graph
from graphapi.report.html import company_report
from graphapi.tooling.synthetic import generate
from tests.api.conftest import post_graphql, running
from tests.cli import invoke
from tests.conftest import clear_graph
from tests.graph.batch.jobs import run, screen_job

COMPANIES = 2000  # as `duegraph demo` generates it
SEED = 7
SVG = "{http://www.w3.org/2000/svg}"


@dataclass
class Demo:
    path: Path
    truth: dict[str, Any]


@pytest.fixture(scope="module")
def demo(driver: Driver, settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Demo:
    clear_graph(driver, settings.neo4j.database)
    path = tmp_path_factory.mktemp("demo-world")
    generate(COMPANIES, SEED, path)
    rejected = load_world(settings, path)
    assert set(rejected.values()) == {0}, rejected
    return Demo(path, json.loads((path / "ground_truth.json").read_text()))


@pytest.fixture
async def api(demo: Demo, settings: Settings, tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    """The app with the default limits (15 s per request, pages of 100 at most)."""
    assert settings.api_query_timeout_s == 15.0 and settings.api_max_page_size == 100
    app = create_app(settings.model_copy(update={"api_audit_log": tmp_path / "audit.jsonl"}))
    async with running(app) as client:
        yield client


def cypher(driver: Driver, settings: Settings, query: str, **params: Any) -> list[dict[str, Any]]:
    records, _, _ = driver.execute_query(query, params, database_=settings.neo4j.database)
    return [r.data() for r in records]


SCAN = """query($after: String) {
  signals(kinds: [FRONT_PERSON], first: 1, after: $after) {
    edges { cursor companyId node { kind } }
    pageInfo { hasNextPage endCursor }
    scannedCompanies scannedCompaniesSoFar totalCompanies stoppedOnTimeBudget
  }
}"""


async def test_population_scan_pages_within_default_limits_with_counters_that_add_up(
    api: httpx.AsyncClient,
    demo: Demo,
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    found: list[str] = []
    after, pages, scanned, total = None, 0, 0, None
    while True:
        body = await post_graphql(api, SCAN, {"after": after})
        assert "errors" not in body, body  # never QUERY_TIMEOUT at the default limit
        page = body["data"]["signals"]
        pages += 1
        scanned += page["scannedCompanies"]
        assert page["scannedCompaniesSoFar"] == scanned  # the running total is the sum
        total = total or page["totalCompanies"]
        assert page["totalCompanies"] == total
        found += [e["companyId"] for e in page["edges"]]
        assert len(page["edges"]) <= 1
        if not page["pageInfo"]["hasNextPage"]:
            break
        assert scanned < total and page["pageInfo"]["endCursor"]
        after = page["pageInfo"]["endCursor"]
        assert pages < 200
    assert scanned == total >= COMPANIES
    assert len(found) == len(set(found))
    planted = set(demo.truth["signals"]["FRONT_PERSON"]["positives"])
    assert planted <= set(found)

    # The CLI walks the same pages and writes the same signals.
    monkeypatch.setenv("NEO4J_URI", settings.neo4j.uri)
    out = tmp_path / "scan.csv"
    # The command runs its own event loop: off this one.
    result = await asyncio.to_thread(
        invoke, scan_command, "--kinds", "FRONT_PERSON", "--output", str(out)
    )
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["company_id"] for r in rows] == found
    assert {r["kind"] for r in rows} == {"FRONT_PERSON"}
    assert json.loads(result.stdout.strip().splitlines()[-1])["companies"] == total


def _report(settings: Settings, company: str, as_of: date | None = None) -> tuple[str, date]:
    async def main() -> tuple[str, date]:
        driver = open_async_driver(settings.neo4j)
        try:
            graph = Graph(driver, settings.neo4j.database, 120)
            return await company_report(graph, company, as_of, SignalParams())
        finally:
            await driver.close()

    return asyncio.run(main())


def _section(page: str, name: str) -> str:
    match = re.search(rf'<section id="{name}">(.*?)</section>', page, re.S)
    assert match, name
    return match.group(1)


def _own_people(driver: Driver, settings: Settings, company: str, as_of: date) -> set[str]:
    rows = cypher(
        driver, settings,
        "MATCH (p:Person)-[r:DIRECTOR_OF|OWNS|CONTROLS|DECLARED_BO_OF]->(:Company {key: $c}) "
        "WHERE r.start IS NULL OR r.start <= $d RETURN DISTINCT p.key AS key",
        c=company, d=as_of,
    )  # fmt: skip
    return {r["key"] for r in rows}


def _front_company(demo: Demo) -> str:
    return str(sorted(demo.truth["signals"]["FRONT_PERSON"]["positives"])[0])


def test_report_header_date_is_the_newest_data_date(
    demo: Demo, driver: Driver, settings: Settings
) -> None:
    newest = cypher(
        driver, settings, "MATCH (e:Event) WHERE e.date <= date() RETURN max(e.date) AS d"
    )[0]["d"].to_native()
    page, as_of = _report(settings, _front_company(demo))
    assert as_of == newest == date.fromisoformat(demo.truth["as_of"])
    assert f'<strong id="as-of">{newest}</strong>' in page
    assert "newest registry date in the data loaded" in page
    asked, when = _report(settings, _front_company(demo), date(2025, 1, 31))
    assert when == date(2025, 1, 31) and 'id="as-of-note"' not in asked


def test_report_lists_only_the_company_s_own_people_and_its_officers(
    demo: Demo, driver: Driver, settings: Settings
) -> None:
    company = _front_company(demo)
    page, as_of = _report(settings, company)
    own = _own_people(driver, settings, company, as_of)
    listed = set(re.findall(r"<h3>[^<]*<code>(person-[^<]+)</code>", _section(page, "histories")))
    assert listed and listed <= own  # the controller's failures, never his co-directors'
    officers = cypher(
        driver, settings,
        "MATCH (p:Person)-[r:DIRECTOR_OF]->(:Company {key: $c}) WHERE r.start <= $d "
        "RETURN p.key AS key, p.name AS name, r.start AS start, r.end AS end",
        c=company, d=as_of,
    )  # fmt: skip
    table = _section(page, "officers")
    assert len(officers) >= 2  # a current front person and the controller who left
    for o in officers:
        row = re.search(rf"<tr><td>[^<]*</td><td><code>{o['key']}</code>.*?</tr>", table)
        assert row, o
        assert str(o["start"]) in row.group(0)
        assert ("past" if o["end"] is not None else "current") in row.group(0)


async def test_front_person_evidence_has_the_front_person_s_birth_month_and_appointment(
    demo: Demo, api: httpx.AsyncClient, driver: Driver, settings: Settings
) -> None:
    company = _front_company(demo)
    query = """query($id: ID!) { dueDiligence(companyId: $id, asOf: "2026-06-30") {
      signals { kind entityIds summary evidence { description hops { type fromId toId start } } }
    } }"""
    body = await post_graphql(api, query, {"id": company})
    (front,) = [s for s in body["data"]["dueDiligence"]["signals"] if s["kind"] == "FRONT_PERSON"]
    person = front["entityIds"][0]
    (facts,) = cypher(
        driver, settings,
        "MATCH (p:Person {key: $p})-[r:DIRECTOR_OF]->(:Company {key: $c}) "
        "RETURN p.name AS name, p.birth_year_month AS born, r.start AS start",
        p=person, c=company,
    )  # fmt: skip
    own = [
        p for p in front["evidence"] if p["description"].startswith(f"records of {facts['name']}")
    ]
    assert len(own) == 1
    assert f"born {facts['born']}" in own[0]["description"]
    assert {(h["type"], h["fromId"], h["toId"], h["start"]) for h in own[0]["hops"]} >= {
        ("DIRECTOR_OF", person, company, str(facts["start"]))
    }
    # Everyone else the summary names has their records too (the controller, here).
    named = [p["description"] for p in front["evidence"] if p["description"].startswith("records")]
    assert len(named) >= 2


@dataclass(frozen=True)
class Drawn:
    src: str
    dst: str
    ended: bool
    dashed: bool
    points: list[tuple[float, float]]


def _svg(page: str) -> ET.Element:
    return ET.fromstring(page[page.index("<svg") : page.index("</svg>") + 6])


def _nodes(svg: ET.Element) -> dict[str, tuple[float, float, float, float]]:
    boxes = {}
    for g in svg.iter(f"{SVG}g"):
        key = g.get("data-key")
        if key is None:
            continue
        rect, oval = g.find(f"{SVG}rect"), g.find(f"{SVG}ellipse")
        if rect is not None:
            x, y = float(rect.get("x", 0)), float(rect.get("y", 0))
            boxes[key] = (x, y, x + float(rect.get("width", 0)), y + float(rect.get("height", 0)))
        elif oval is not None:
            cx, cy = float(oval.get("cx", 0)), float(oval.get("cy", 0))
            rx, ry = float(oval.get("rx", 0)), float(oval.get("ry", 0))
            boxes[key] = (cx - rx, cy - ry, cx + rx, cy + ry)
    return boxes


def _edges(svg: ET.Element) -> list[Drawn]:
    out = []
    for g in svg.iter(f"{SVG}g"):
        line = g.find(f"{SVG}polyline")
        if line is None:
            continue
        pts = [tuple(float(v) for v in p.split(",")) for p in line.get("points", "").split()]
        out.append(
            Drawn(
                g.get("data-src", ""),
                g.get("data-dst", ""),
                "ended" in g.get("class", ""),
                line.get("stroke-dasharray") is not None,
                [(p[0], p[1]) for p in pts],
            )  # fmt: skip
        )
    return out


def _through(a: tuple[float, float], b: tuple[float, float], box: tuple[float, ...]) -> bool:
    """Does the segment pass through the box's interior? Sampled every half pixel."""
    x0, y0, x1, y1 = box
    steps = int(max(abs(b[0] - a[0]), abs(b[1] - a[1])) * 2) + 1
    for i in range(steps + 1):
        x = a[0] + (b[0] - a[0]) * i / steps
        y = a[1] + (b[1] - a[1]) * i / steps
        if x0 < x < x1 and y0 < y < y1:
            return True
    return False


def test_network_picture_dashes_ended_links_and_crosses_no_node_it_does_not_join(
    demo: Demo, driver: Driver, settings: Settings
) -> None:
    planted = sorted(
        {c for k in ("FRONT_PERSON", "HIDDEN_CONTROLLER", "PHOENIX_SUCCESSOR",
                     "LATE_DIRECTOR_CHANGE", "CIRCULAR_OWNERSHIP", "UBO_DISCREPANCY")
         for c in demo.truth["signals"][k]["positives"]}
    )  # fmt: skip
    checked_ended = 0
    for company in planted:
        page, as_of = _report(settings, company)
        svg = _svg(page)
        boxes, edges = _nodes(svg), _edges(svg)
        assert edges, company
        for e in edges:
            assert e.dashed == e.ended, (company, e)
            others = [b for k, b in boxes.items() if k not in (e.src, e.dst)]
            for a, b in zip(e.points, e.points[1:], strict=False):
                assert not any(_through(a, b, box) for box in others), (company, e)
        # Every directorship of the company that had ended at the as-of date is dashed.
        ended = cypher(
            driver, settings,
            "MATCH (p:Person)-[r:DIRECTOR_OF]->(:Company {key: $c}) "
            "WHERE r.end IS NOT NULL AND r.end <= $d RETURN DISTINCT p.key AS key",
            c=company, d=as_of,
        )  # fmt: skip
        for row in ended:
            assert any(e.src == row["key"] and e.dst == company and e.dashed for e in edges)
            checked_ended += 1
    assert checked_ended >= 3


async def test_a_company_known_only_by_number_and_name_is_insufficient_data(
    demo: Demo, api: httpx.AsyncClient, driver: Driver, settings: Settings
) -> None:
    bare = cypher(
        driver, settings,
        "MATCH (c:Company) WHERE c.status IS NULL AND NOT (c)<-[:DIRECTOR_OF|OWNS|CONTROLS"
        "|DECLARED_BO_OF]-() AND NOT (c)-[:HAS_EVENT]->() RETURN c.key AS key ORDER BY key",
    )  # fmt: skip
    assert bare
    query = """query($id: ID!) { dueDiligence(companyId: $id, asOf: "2026-06-30") {
      rating { score label insufficientData missingData reasons }
      coverage { sufficient summary sources { source status officers ownership accounts } }
    } }"""
    body = await post_graphql(api, query, {"id": bare[0]["key"]})
    dd = body["data"]["dueDiligence"]
    assert dd["rating"]["label"] == "insufficient data" and dd["rating"]["insufficientData"]
    assert dd["rating"]["missingData"][:3] == [
        "register status", "officers", "ownership or control information"
    ]  # fmt: skip
    assert dd["rating"]["reasons"][0].startswith("Insufficient data to judge")
    assert dd["coverage"]["sufficient"] is False
    # A clean Companies House company is judged, and says which sources know it.
    clean = next(c for c in demo.truth["clean"] if c.startswith("GB-COH-"))
    body = await post_graphql(api, query, {"id": clean})
    dd = body["data"]["dueDiligence"]
    assert dd["rating"]["insufficientData"] is False and dd["coverage"]["sufficient"]
    ch = {s["source"]: s for s in dd["coverage"]["sources"]}["companies-house"]
    assert ch["status"] and ch["officers"] >= 1


async def test_screen_and_watchlists_say_insufficient_data(
    demo: Demo, api: httpx.AsyncClient, settings: Settings, tmp_path: Path
) -> None:
    """A Belgian company the demo knows from a BODS statement and filed accounts only (no
    register status) beside a clean Companies House company."""
    bare = "BE-BCE_KBO-0658396309"
    clean = next(c for c in demo.truth["clean"] if c.startswith("GB-COH-"))
    source = tmp_path / "clients.csv"
    source.write_text(f"id\n{clean}\n{bare}\n", encoding="utf-8")
    out = tmp_path / "screening.csv"
    await asyncio.to_thread(run, settings, screen_job(source, out, date(2026, 6, 30)))
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = {r["id"] if "id" in r else r["input_id"]: r for r in csv.DictReader(handle)}
    assert rows[clean]["label"] != "insufficient data"
    assert rows[clean]["data_coverage"].startswith("sufficient")
    assert rows[bare]["label"] == "insufficient data"
    assert rows[bare]["data_coverage"].startswith("insufficient data: no register status")
    summary = write_summary(out)
    assert summary["by_rating"]["1"]["clients"] >= 1 and summary["insufficient_data"] == 1
    assert "of which insufficient data (too little known to judge): 1" in summary_table(summary)

    made = await post_graphql(api, 'mutation { createWatchlist(name: "coverage") { id } }')
    wl = made["data"]["createWatchlist"]["id"]
    added = await post_graphql(
        api,
        "mutation($w: ID!, $c: [ID!]!) { addToWatchlist(watchlistId: $w, companyIds: $c, "
        'asOf: "2026-06-30") { companies { companyId baselineLabel } } }',
        {"w": wl, "c": [clean, bare]},
    )
    labels = {
        c["companyId"]: c["baselineLabel"] for c in added["data"]["addToWatchlist"]["companies"]
    }
    assert labels[bare] == "insufficient data" and labels[clean] != "insufficient data"
    changes = await post_graphql(
        api,
        'query($w: ID!) { changes(watchlistId: $w, since: "2026-06-01T00:00:00Z", '
        'asOf: "2026-06-30") { companyId labelBefore labelAfter } }',
        {"w": wl},
    )
    after = {c["companyId"]: c["labelAfter"] for c in changes["data"]["changes"]}
    assert after[bare] == "insufficient data"
