"""uboCheck's one-round-trip fetch gives the same UBO answer as the full due-diligence bundle."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from pathlib import Path

from neo4j import Driver

from graph_schema.db import open_async_driver
from graph_schema.settings import Settings
from graphapi.analytics.assess import assess, assess_ubo
from graphapi.analytics.inputs import DueDiligenceInput
from graphapi.cli.evaluate import load_world
from graphapi.graph import Graph
from graphapi.queries.neighbourhood import fetch_bundles
from graphapi.queries.ubo_inputs import fetch_ubo_inputs
from graphapi.tooling.synthetic import generate

BATCH = 100


async def _both(
    settings: Settings, keys: list[str], as_of: date
) -> tuple[dict[str, DueDiligenceInput], dict[str, DueDiligenceInput], list[int]]:
    driver = open_async_driver(settings.neo4j)
    full: dict[str, DueDiligenceInput] = {}
    ubo: dict[str, DueDiligenceInput] = {}
    trips = []
    full_trips: set[int] = set()
    try:
        for i in range(0, len(keys), BATCH):
            chunk = keys[i : i + BATCH]
            graph = Graph(driver, settings.neo4j.database, timeout_s=60)
            full.update(await fetch_bundles(graph, chunk, as_of))
            full_trips.add(graph.round_trips)
            graph = Graph(driver, settings.neo4j.database, timeout_s=60)
            ubo.update(await fetch_ubo_inputs(graph, [*chunk, "GB-COH-NOSUCH"]))
            trips.append(graph.round_trips)
    finally:
        await driver.close()
    assert full_trips == {6}  # the full bundle: names, then five key-batched steps
    return full, ubo, trips


def test_ubo_only_fetch_agrees_with_the_full_bundle_on_a_generated_world(
    graph: Driver, settings: Settings, tmp_path: Path
) -> None:
    summary = generate(300, 31, tmp_path / "world")
    assert set(load_world(settings, tmp_path / "world").values()) == {0}
    records, _, _ = graph.execute_query(
        "MATCH (c:Company) RETURN c.key AS key ORDER BY key", database_=settings.neo4j.database
    )
    keys = [r["key"] for r in records]
    full, ubo, trips = asyncio.run(_both(settings, keys, summary.as_of))

    assert set(ubo) == set(full) == set(keys)  # the unknown key is left out, not an error
    assert set(trips) == {1}  # one round trip per batch of 100, whatever the chains
    owned = discrepant = 0
    # An earlier as_of too: ended holdings and mandates must drop out the same way.
    for as_of in (summary.as_of, summary.as_of - timedelta(days=3 * 365)):
        for key in keys:
            expected = assess(full[key], as_of)
            got = assess_ubo(ubo[key], as_of)
            assert got.ubo == expected.ubo, key
            assert got.discrepancies == expected.discrepancies, key
            owned += bool(got.ubo.beneficial_owners)
            discrepant += bool(got.discrepancies)
    # The comparison covered real work, not only empty answers.
    assert owned > 100
    assert discrepant > 0
