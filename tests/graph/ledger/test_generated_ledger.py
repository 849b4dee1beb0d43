"""The generated world's ledger, imported as `duegraph demo` imports it, against its plan."""

from __future__ import annotations

import asyncio
import csv
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from graph_schema.db import open_async_driver
from graph_schema.settings import Settings
from graph_schema.signal_params import SignalParams
from graphapi.analytics.assess import Assessment
from graphapi.analytics.payment import Exposure
from graphapi.analytics.signals.model import SignalKind
from graphapi.cli.evaluate import load_world
from graphapi.cli.ledger import run_import
from graphapi.graph import Graph
from graphapi.services.assessment import Assessed, assess_companies
from graphapi.services.ledger import client_exposures, ledger_exposures
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


def _ledger_exposures(settings: Settings, ledger: str, as_of: date) -> list[Exposure]:
    async def main() -> list[Exposure]:
        driver = open_async_driver(settings.neo4j, pool_size=2)
        try:
            return await ledger_exposures(Graph(driver, settings.neo4j.database, 60), ledger, as_of)
        finally:
            await driver.close()

    return asyncio.run(main())


def _assess(settings: Settings, keys: list[str], as_of: date) -> dict[str, Assessed[Assessment]]:
    async def main() -> dict[str, Assessed[Assessment]]:
        driver = open_async_driver(settings.neo4j, pool_size=2)
        try:
            graph = Graph(driver, settings.neo4j.database, 300)
            return await assess_companies(graph, keys, as_of, SignalParams())
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
    # The whole ledger at once (what portfolio views read) agrees client by client.
    everyone = _ledger_exposures(settings, "demo", as_of)
    assert len(everyone) == plan["clients"]
    assert {e.client: e for e in everyone if e.client in exposures} == exposures
    # Three clients share a director who left two companies before their insolvency: each is
    # a DIRECTOR_PAST_BANKRUPTCIES case of the registers, and together they owe the stated sum.
    shared = plan["cases"]["shared_failed_director"]
    keys = [f"demo|{c['client_id']}" for c in shared["clients"]]
    owed = _exposures(settings, keys, as_of)
    assert sum((e.open for e in owed.values()), Decimal(0)) == Decimal(shared["combined_open"])
    companies = [c["company"] for c in shared["clients"]]
    assessed = _assess(settings, companies, as_of)
    for company in companies:
        kinds = {s.kind for s in assessed[company].result.signals}
        assert SignalKind.DIRECTOR_PAST_BANKRUPTCIES in kinds, company


def test_the_planted_slow_payer_is_found_and_explained(
    graph: Driver, settings: Settings, world: Path, tmp_path: Path
) -> None:
    """Clean in the registers, late with us: PAYMENT_BEHAVIOUR joins its assessment, with the
    invoices as evidence; no other client of the ledger gets it."""
    assert set(load_world(settings, world).values()) == {0}
    plan = _truth(world)
    as_of = date.fromisoformat(plan["as_of"])
    slow = plan["cases"]["slow_payer"]
    truth: dict[str, Any] = json.loads((world / "ground_truth.json").read_text())
    assert slow["company"] in truth["clean"]
    before = _assess(settings, [slow["company"]], as_of)[slow["company"]].result
    assert before.rating.score <= 2
    assert SignalKind.PAYMENT_BEHAVIOUR not in {s.kind for s in before.signals}

    ledger = world / "ledger"
    run_import(settings, ledger / "clients.csv", ledger / "invoices.csv", "demo", tmp_path / "r")
    with (ledger / "clients.csv").open(encoding="utf-8") as fh:
        numbers = [row["Company number"] for row in csv.DictReader(fh)]
    companies = sorted({f"GB-COH-{n}" for n in numbers if n} | {slow["company"]})
    assessed = _assess(settings, companies, as_of)
    flagged = {
        key: next(s for s in a.result.signals if s.kind is SignalKind.PAYMENT_BEHAVIOUR)
        for key, a in assessed.items()
        if any(s.kind is SignalKind.PAYMENT_BEHAVIOUR for s in a.result.signals)
    }
    assert list(flagged) == [slow["company"]]
    signal = flagged[slow["company"]]
    low, high = slow["payments_days_late"]
    dbt = signal.params["days_beyond_terms"]
    assert isinstance(dbt, float) and low <= dbt <= high
    assert signal.severity in (3, 4)
    assert signal.summary.startswith(f"Pays us {dbt:g} days beyond its 30-day terms on average")
    assert signal.entities == (slow["company"], f"demo|{slow['client_id']}")
    assert len(signal.evidence) == 5
    for path in signal.evidence:
        invoice, client = path.hops
        assert (invoice.rel_type.value, client.rel_type.value) == ("BILLED_TO", "RESOLVES_TO")
        assert invoice.ref.source_file == "invoices.csv" and invoice.ref.record_id
        assert client.dst == slow["company"]
    after = assessed[slow["company"]].result.rating
    assert after.score == signal.severity > before.rating.score
    assert any("PAYMENT_BEHAVIOUR" in reason for reason in after.reasons)
