"""Exposure through the graph and the portfolio views on the generated world's ledger: each
planted case is found and explained (the group over its limits, the shared failed director
with the stated total, the slow payer at the head of the dunning list)."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import pytest
from neo4j import Driver
from typer.testing import CliRunner

from graph_schema.db import open_async_driver
from graph_schema.scoring_profile import default_profile
from graph_schema.settings import Settings
from graph_schema.signal_params import SignalParams
from graphapi.analytics import portfolio as views
from graphapi.analytics.exposure import LinkedExposure
from graphapi.cli.evaluate import load_world
from graphapi.cli.ledger import run_import
from graphapi.cli.portfolio import portfolio_app
from graphapi.graph import Graph
from graphapi.services.portfolio import client_view, ledger_links, portfolio
from graphapi.services.scoring import rescore_ledger
from graphapi.tooling.synthetic import generate

T = TypeVar("T")


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("exposure") / "world"
    generate(300, 5, out)
    return out


def _run(settings: Settings, work: Callable[[Graph], Awaitable[T]]) -> T:
    async def main() -> T:
        driver = open_async_driver(settings.neo4j, pool_size=2)
        try:
            return await work(Graph(driver, settings.neo4j.database, 300))
        finally:
            await driver.close()

    return asyncio.run(main())


def _loaded(settings: Settings, world: Path, tmp_path: Path) -> dict[str, Any]:
    assert set(load_world(settings, world).values()) == {0}
    ledger = world / "ledger"
    run_import(settings, ledger / "clients.csv", ledger / "invoices.csv", "demo", tmp_path / "r")
    plan: dict[str, Any] = json.loads((world / "ground_truth.json").read_text())["ledger"]
    return plan


def test_planted_links_are_found_summed_and_explained(
    graph: Driver, settings: Settings, world: Path, tmp_path: Path
) -> None:
    plan = _loaded(settings, world, tmp_path)
    as_of = date.fromisoformat(plan["as_of"])
    links = _run(settings, lambda g: ledger_links(g, "demo", as_of, SignalParams()))

    group = plan["cases"]["group_over_limits"]
    keys = tuple(f"demo|{c['client_id']}" for c in group["clients"])
    found = [x for x in links if "group" in x.kinds and x.clients == keys]
    assert len(found) == 1, [(x.kinds, x.clients) for x in links]
    g = found[0]
    assert g.key == group["parent"]
    t = g.main
    assert (t.open, t.limits) == (Decimal(group["combined_open"]), Decimal(group["sum_of_limits"]))
    assert (t.without_limit, t.over_limits) == (1, Decimal("23000"))
    assert "over the sum of their limits" in g.summary() and "123,000.00 GBP" in g.summary()
    # Evidence: each subsidiary reaches the parent by its PSC register's entry.
    for m in g.members:
        if m.company == group["parent"]:
            assert m.anchors[0].hops == ()
            continue
        (hop,) = m.anchors[0].hops
        assert (hop.src, hop.type, hop.dst) == (group["parent"], "DECLARED_BO_OF", m.company)
        assert hop.source_file == "persons-with-significant-control.json" and hop.record_id

    shared = plan["cases"]["shared_failed_director"]
    keys = tuple(f"demo|{c['client_id']}" for c in shared["clients"])
    people = [x for x in links if "director" in x.kinds and x.clients == keys]
    assert len(people) == 1, [(x.kinds, x.clients) for x in links]
    d = people[0]
    assert d.name is not None and d.name.lower() == shared["director"].lower()
    assert d.main.open == Decimal(shared["combined_open"]) == Decimal("84000")
    assert {f.company for f in d.failures} == set(shared["failed_companies"])
    assert all(f.end is not None and f.months_after_leaving for f in d.failures)
    summary = d.summary()
    assert summary.startswith("3 of your clients share a director")
    assert "who left 2 companies that became insolvent" in summary
    assert summary.endswith("together they owe 84,000.00 GBP.")
    assert all(a.kind in ("director", "owner") for m in d.members for a in m.anchors)

    # One client's view: the two others come through the shared director, each once.
    first = keys[0]
    view = _run(settings, lambda g: client_view(g, first, as_of, SignalParams()))
    assert view is not None
    assert view.linked_clients == keys[1:]
    assert view.exposure.open == Decimal(shared["clients"][0]["open"])
    # Nothing planted links the slow payer to another client.
    slow = f"demo|{plan['cases']['slow_payer']['client_id']}"
    assert not [x for x in links if slow in x.clients]
    # One client's links (the query that starts from its neighbourhood) are exactly the
    # ledger's links that name it, for every linked client and one that is not linked.
    linked = sorted({c for x in links for c in x.clients}) + [slow]

    async def each(g: Graph) -> list[list[LinkedExposure]]:
        return [await ledger_links(g, "demo", as_of, SignalParams(), client=k) for k in linked]

    for key, own in zip(linked, _run(settings, each), strict=True):
        assert own == [x for x in links if key in x.clients], key


def test_portfolio_views_put_the_slow_payer_first_and_schedule_reviews(
    graph: Driver, settings: Settings, world: Path, tmp_path: Path
) -> None:
    plan = _loaded(settings, world, tmp_path)
    as_of = date.fromisoformat(plan["as_of"])
    profile, params = default_profile(), SignalParams()
    found = _run(settings, lambda g: portfolio(g, "demo", as_of, params, profile))
    assert len(found.lines) == plan["clients"]
    slow = f"demo|{plan['cases']['slow_payer']['client_id']}"

    dunning = views.dunning_list(found.lines)
    head = dunning[0]
    assert head.line.client.key == slow, [d.line.client.key for d in dunning[:5]]
    assert head.line.rating is not None and head.line.rating.moved_by == "payment"
    assert "days beyond terms on average" in head.reason and "overdue" in head.reason
    assert [d.priority for d in dunning] == sorted((d.priority for d in dunning), reverse=True)
    assert all(d.overdue > 0 for d in dunning)

    cells = views.rating_matrix(found.lines)
    assert sum(c.clients for c in cells) == plan["clients"]
    total = sum((x.exposure.open for x in found.lines), Decimal(0))
    assert sum((c.open for c in cells), Decimal(0)) == total
    assert sum((s.open for s in views.by_sector(found.lines)), Decimal(0)) == total
    group = plan["cases"]["group_over_limits"]
    top = next(s for s in views.by_group(found.lines) if s.key == group["parent"])
    assert top.open == Decimal(group["combined_open"]) and len(top.clients) == 3
    assert top.over_limits == Decimal("23000")

    # Never scored: every client is due now; after a scoring run, none is due that day, and
    # a month later exactly those whose rating asks for a monthly review.
    assert len(views.review_schedule(found.lines, as_of)) == plan["clients"]
    _run(settings, lambda g: rescore_ledger(g, "demo", as_of, profile, params))
    stored = _run(settings, lambda g: portfolio(g, "demo", as_of, params, profile))
    assert all(x.rating is not None and x.rating.stored for x in stored.lines)
    assert views.review_schedule(stored.lines, as_of) == []
    later = as_of + timedelta(days=31)
    due = views.review_schedule(stored.lines, later)
    monthly = {x.client.key for x in stored.lines if x.rating and x.rating.review_months == 1}
    assert monthly and {i.line.client.key for i in due} == monthly
    assert all("reviewed every 1 months" in i.reason for i in due)


def test_portfolio_commands_write_csv_and_the_audit_trail(
    graph: Driver,
    settings: Settings,
    world: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`duegraph portfolio client` answers the shared-director case as CSV, and the trail names
    the three clients and their companies (who looked at which client's exposure)."""
    plan = _loaded(settings, world, tmp_path)
    log = tmp_path / "audit.jsonl"
    monkeypatch.setenv("NEO4J_URI", settings.neo4j.uri)
    monkeypatch.setenv("DUEGRAPH_API_AUDIT_LOG", str(log))
    shared = plan["cases"]["shared_failed_director"]
    first = shared["clients"][0]["client_id"]
    result = CliRunner().invoke(
        portfolio_app, ["client", first, "--ledger", "demo", "--as-of", plan["as_of"]]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    (row,) = [r for r in rows if "director" in r["kinds"]]
    assert row["combined_open"] == "84000.00"
    assert row["clients"].split() == [f"demo|{c['client_id']}" for c in shared["clients"]]
    started, done = (json.loads(x) for x in log.read_text().splitlines())
    assert (started["operation"], started["outcome"]) == ("portfolio client", "started")
    assert started["entity_ids"] == [] and started["role"] == "local-cli"
    assert done["outcome"] == "ok"
    named = {f"demo|{c['client_id']}" for c in shared["clients"]}
    named |= {c["company"] for c in shared["clients"]}
    assert named <= set(done["entity_ids"])
    assert done["fields"]["portfolio client"]["args"]["clientId"] == f"demo|{first}"
