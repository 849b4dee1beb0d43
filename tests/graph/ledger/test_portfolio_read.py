"""The ledger's documents read the fast way (plain rows, records built without validating
again) give every portfolio view exactly what the full property maps, validated one by one,
gave: on the generated world's ledger, with its credit notes, part payments and removed
documents."""

from __future__ import annotations

import asyncio
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from graph_schema.db import open_async_driver
from graph_schema.ledger import DocumentKind, Invoice
from graph_schema.scoring_profile import default_profile
from graph_schema.settings import Settings
from graph_schema.signal_params import SignalParams
from graphapi.analytics import portfolio as views
from graphapi.cli.evaluate import load_world
from graphapi.cli.ledger import run_import
from graphapi.graph import Graph
from graphapi.queries.ledger import (
    INVOICES_OF_CLIENTS,
    clients_of_ledger,
    invoice_from_props,
    invoices_of_clients,
)
from graphapi.services.portfolio import Portfolio, _groups, _line, portfolio
from graphapi.tooling.synthetic import generate


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("portfolio-read") / "world"
    generate(300, 5, out)
    return out


async def _old_invoices(graph: Graph, keys: list[str]) -> dict[str, list[Invoice]]:
    """The reading before: every document's property map, each `Invoice` validated."""
    out: dict[str, list[Invoice]] = {k: [] for k in keys}
    for r in await graph.read(INVOICES_OF_CLIENTS, {"keys": keys}):
        out[r["key"]] = [invoice_from_props(p) for p in r["invoices"]]
    return out


def _both(settings: Settings, as_of: date) -> tuple[Portfolio, Portfolio, dict[str, Any]]:
    params, profile = SignalParams(), default_profile()

    async def main() -> tuple[Portfolio, Portfolio, dict[str, Any]]:
        driver = open_async_driver(settings.neo4j, pool_size=2)
        try:
            g = Graph(driver, settings.neo4j.database, 300)
            new = await portfolio(g, "demo", as_of, params, profile)
            clients = await clients_of_ledger(g, "demo")
            keys = [c.key for c in clients]
            old_docs = await _old_invoices(g, keys)
            new_docs = await invoices_of_clients(g, keys)
            ratings = {line.client.key: line.rating for line in new.lines}
            groups = _groups(new.links)
            old = Portfolio(
                "demo",
                as_of,
                [
                    _line(c, old_docs[c.key], as_of, params, ratings[c.key], groups.get(c.key))
                    for c in clients
                ],
                new.links,
            )
            return new, old, {"old": old_docs, "new": new_docs}
        finally:
            await driver.close()

    return asyncio.run(main())


def test_fast_document_read_changes_no_view(
    graph: Driver, settings: Settings, world: Path, tmp_path: Path
) -> None:
    assert set(load_world(settings, world).values()) == {0}
    ledger = world / "ledger"
    run_import(settings, ledger / "clients.csv", ledger / "invoices.csv", "demo", tmp_path / "r")
    plan: dict[str, Any] = json.loads((world / "ground_truth.json").read_text())["ledger"]
    as_of = date.fromisoformat(plan["as_of"])
    # One document no longer in the export: read back with `removed_at` set, never open.
    with graph.session(database=settings.neo4j.database) as s:
        s.run(
            "MATCH (i:Invoice {ledger: 'demo', kind: 'invoice'}) WITH i ORDER BY i.key LIMIT 1 "
            "SET i.removed_at = datetime('2026-03-01T10:15:30.123456789+01:00')"
        ).consume()
        stored = s.run("MATCH (i:Invoice {ledger: 'demo'}) RETURN count(i) AS n").single()
    assert stored is not None and stored["n"] > 100

    new, old, docs = _both(settings, as_of)

    # The documents themselves, field for field (dates, amounts, settlements, provenance).
    assert docs["new"] == docs["old"]
    every = [i for found in docs["new"].values() for i in found]
    assert len(every) == stored["n"]
    assert any(i.kind is DocumentKind.CREDIT_NOTE for i in every)
    assert any(i.credits for i in every) and any(i.payments for i in every)
    removed = [i for i in every if i.removed_at is not None]
    assert len(removed) == 1 and removed[0].removed_at is not None
    assert removed[0].removed_at.isoformat() == "2026-03-01T10:15:30.123456+01:00"
    assert all(a.model_dump_json() == b.model_dump_json() for a, b in zip(
        every, [i for found in docs["old"].values() for i in found], strict=True
    ))  # fmt: skip

    # Every line and every view over them.
    assert [(x.exposure, x.behaviour, x.invoices) for x in new.lines] == [
        (x.exposure, x.behaviour, x.invoices) for x in old.lines
    ]
    assert views.rating_matrix(new.lines) == views.rating_matrix(old.lines)
    assert views.by_sector(new.lines) == views.by_sector(old.lines)
    assert views.by_group(new.lines) == views.by_group(old.lines)
    later = as_of + timedelta(days=400)
    for day in (as_of, later):
        assert views.review_schedule(new.lines, day) == views.review_schedule(old.lines, day)
    dunning = views.dunning_list(new.lines)
    assert dunning and dunning == views.dunning_list(old.lines)
