"""The generated world's ledger, imported as `duegraph demo` imports it, against its plan."""

from __future__ import annotations

import asyncio
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from graph_schema.db import open_async_driver
from graph_schema.settings import Settings
from graphapi.analytics.payment import Exposure
from graphapi.cli.evaluate import load_world
from graphapi.cli.ledger import run_import
from graphapi.graph import Graph
from graphapi.services.ledger import client_exposures
from graphapi.tooling.synthetic import generate


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ledger") / "world"
    generate(300, 5, out)
    return out


def _truth(world: Path) -> dict[str, Any]:
    truth: dict[str, Any] = json.loads((world / "ground_truth.json").read_text())
    plan: dict[str, Any] = truth["ledger"]
    return plan


def _exposures(settings: Settings, keys: list[str], as_of: date) -> dict[str, Exposure]:
    async def main() -> dict[str, Exposure]:
        driver = open_async_driver(settings.neo4j, pool_size=2)
        try:
            return await client_exposures(Graph(driver, settings.neo4j.database, 60), keys, as_of)
        finally:
            await driver.close()

    return asyncio.run(main())


def test_generated_ledger_imports_every_row_and_finds_every_client(
    graph: Driver, settings: Settings, world: Path, tmp_path: Path
) -> None:
    assert set(load_world(settings, world).values()) == {0}
    plan = _truth(world)
    rejects = tmp_path / "rejects.jsonl"
    report = run_import(
        settings, world / "ledger" / "clients.csv", world / "ledger" / "invoices.csv", "demo",
        rejects,
    )  # fmt: skip
    assert rejects.read_text() == ""
    assert (report.refused, report.warnings) == (0, 0)
    assert report.resolution == {"OK": plan["clients"]}
    assert report.clients == plan["clients"] == report.client_rows
    as_of = date.fromisoformat(plan["as_of"])
    group = plan["cases"]["group_over_limits"]
    keys = [f"demo|{c['client_id']}" for c in group["clients"]]
    exposures = _exposures(settings, keys, as_of)
    assert [exposures[k].open for k in keys] == [Decimal(c["open"]) for c in group["clients"]]
    assert [exposures[k].company for k in keys] == [c["company"] for c in group["clients"]]
    combined = sum((e.open for e in exposures.values()), Decimal(0))
    limits = sum((e.credit_limit for e in exposures.values() if e.credit_limit), Decimal(0))
    assert (combined, limits) == (Decimal(group["combined_open"]), Decimal(group["sum_of_limits"]))
    assert combined > limits
    assert all(e.over_limit in (None, 0) for e in exposures.values())
