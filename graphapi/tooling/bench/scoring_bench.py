"""Scoring phase: re-scoring 10,000 clients under a changed profile (`duegraph ledger score`).

A ledger of `clients` clients (one per sampled company of the world) with a year of monthly
invoices is written straight into the graph (the import's own write path; the import is
measured on its own in docs/benchmarks.md). Then, timed:

1. ours, first run: `rescore_ledger` under the default profile (fetch each chunk's documents
   and its companies' due-diligence bundles, assess, score, store), as the CLI runs it;
2. ours, re-score: the same under a changed profile (payments, filed accounts and sector
   weigh more), which is the figure asked for; ratings changed are counted;
3. ours, the same profile again: nothing may change on any client (idempotence);
4. baseline A, the pure function: `score_client` over the same inputs fetched beforehand
   (untimed), in process, no database: the floor of the scoring maths itself;
5. baseline B, plain Cypher: the changed weights applied in the database to the family scores
   the previous run stored (one statement: points, thresholds, SET), with no fetch and no
   assessment. It cannot see a new invoice or a new registry fact, nor apply overrides and
   floors; agreement with ours is counted.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from graph_schema.db import open_async_driver
from graph_schema.ledger import Client, Invoice, LedgerSource, Resolution, Settlement
from graph_schema.scoring_profile import FamilyName, ScoringProfile, default_profile, parse_profile
from graph_schema.settings import Settings
from graph_schema.signal_params import SignalParams
from graphapi.analytics.scoring import ScoreInputs, score_client
from graphapi.graph import Graph
from graphapi.queries.ledger import clients_of_ledger
from graphapi.queries.ledger_write import client_row, upsert_clients, upsert_invoices
from graphapi.services.scoring import fetch_inputs, rescore_ledger
from graphapi.tooling.bench.cypher import CLIENT_PROPS, REWEIGHT, REWEIGHT_AGREEMENT

LEDGER = "bench"
RUN = "bench-scoring"
TIMEOUT_S = 3600.0
SEGMENTS = ("Retail", "Wholesale", "Construction", "Public sector", "Services")


def changed_profile() -> ScoringProfile:
    """The default with payments, filed accounts and sector weighing more (weights only, so
    baseline B does the same job)."""
    data = default_profile().model_dump(mode="json")
    data["name"] = "bench-changed"
    data["families"]["payment"]["weight"] = 1.25
    data["families"]["financial"]["weight"] = 0.75
    data["families"]["sector"]["weight"] = 0.5
    return parse_profile(data, "bench-changed")


@dataclass(frozen=True)
class ScoringFigures:
    clients: int
    invoices: int
    write_s: float  # writing the ledger (setup, not a measure)
    first_s: float  # ours, default profile
    rescore_s: float  # ours, changed profile: THE figure
    rerun_s: float  # ours, changed profile again
    changed: int  # clients whose rating the changed profile moved
    rerun_changed: int  # clients with any property changed by the identical re-run (0)
    fetch_s: float  # fetching + assessing the inputs alone (untimed part of baseline A)
    pure_s: float  # baseline A
    cypher_s: float  # baseline B
    cypher_same: int  # clients baseline B rated as ours did
    ratings: dict[int, int]  # after the re-score


def _invoices(rng: random.Random, client: Client, as_of: date, src: LedgerSource) -> list[Invoice]:
    """A year of monthly invoices: most paid around the due date, some late, a few open."""
    terms = client.payment_terms_days or 30
    habit = rng.random()
    out = []
    issued = as_of - timedelta(days=365 - rng.randint(0, 20))
    n = 0
    while issued <= as_of:
        n += 1
        due = issued + timedelta(days=terms)
        amount = Decimal(rng.randint(50_000, 800_000)) / 100
        if habit < 0.80:
            late = rng.randint(-5, 8)
        elif habit < 0.92:
            late = rng.randint(10, 40)
        else:
            late = rng.randint(40, 110)
        paid_on = due + timedelta(days=late)
        payments = (Settlement(on=paid_on, amount=amount),) if paid_on <= as_of else ()
        out.append(
            Invoice(
                ledger=LEDGER, client_id=client.client_id, number=f"{client.client_id}-{n:03d}",
                issued_on=issued, due_on=due, amount=amount, currency="GBP", payments=payments,
                source=src,
            )
        )  # fmt: skip
        issued += timedelta(days=rng.randint(26, 35))
    return out


def make_ledger(
    company_keys: Sequence[str], as_of: date, seed: int
) -> tuple[list[Client], list[Invoice]]:
    rng = random.Random(f"{seed}:scoring-bench")
    src = LedgerSource(file="bench.csv", line=0, imported_at=datetime(2026, 1, 1, tzinfo=UTC))
    clients, invoices = [], []
    for i, key in enumerate(company_keys):
        client = Client(
            ledger=LEDGER, client_id=f"B{i:06d}", name=f"Client {i}", country="GB",
            payment_terms_days=rng.choice((30, 30, 45, 60)),
            credit_limit=Decimal(rng.choice((10, 25, 40, 80)) * 1000), currency="GBP",
            segment=rng.choice(SEGMENTS), source=src, company=key, resolution=Resolution.OK,
        )  # fmt: skip
        clients.append(client)
        invoices += _invoices(rng, client, as_of, src)
    return clients, invoices


async def _props(graph: Graph) -> dict[str, dict[str, Any]]:
    rows = await graph.read(CLIENT_PROPS, {"ledger": LEDGER})
    return {r["key"]: r["p"] for r in rows}


async def _run(settings: Settings, company_keys: Sequence[str], as_of: date, seed: int) -> Any:
    driver = open_async_driver(settings.neo4j, pool_size=8)
    database = settings.neo4j.database
    params = SignalParams()

    def graph() -> Graph:
        return Graph(driver, database, TIMEOUT_S)

    try:
        started = time.perf_counter()
        clients, invoices = make_ledger(company_keys, as_of, seed)
        rows = [client_row(c, RUN, c.company, "OK", None) for c in clients]
        await upsert_clients(graph, rows)
        await upsert_invoices(graph, invoices, RUN)
        write_s = time.perf_counter() - started

        started = time.perf_counter()
        first = await rescore_ledger(graph(), LEDGER, as_of, default_profile(), params)
        first_s = time.perf_counter() - started
        changed = changed_profile()
        started = time.perf_counter()
        second = await rescore_ledger(graph(), LEDGER, as_of, changed, params)
        rescore_s = time.perf_counter() - started
        before = await _props(graph())
        started = time.perf_counter()
        await rescore_ledger(graph(), LEDGER, as_of, changed, params)
        rerun_s = time.perf_counter() - started
        after = await _props(graph())
        old = {s.client: s.rating for s in first.scores}

        # Baseline A: inputs fetched beforehand (their time reported apart), maths timed.
        started = time.perf_counter()
        stored = await clients_of_ledger(graph(), LEDGER)
        inputs: list[ScoreInputs] = []
        for i in range(0, len(stored), 250):
            inputs += await fetch_inputs(graph(), stored[i : i + 250], as_of, params)
        fetch_s = time.perf_counter() - started
        started = time.perf_counter()
        pure = [score_client(x, as_of, changed, params) for x in inputs]
        pure_s = time.perf_counter() - started
        assert [s.rating for s in pure] == [s.rating for s in second.scores]

        # Baseline B: re-weighting the stored family scores in Cypher.
        weights = [changed.families.weight(f) for f in FamilyName]
        thresholds = [changed.ratings[r] for r in (2, 3, 4, 5)]
        started = time.perf_counter()
        await graph().write(
            REWEIGHT, {"ledger": LEDGER, "weights": weights, "thresholds": thresholds}
        )
        cypher_s = time.perf_counter() - started
        agreement = (await graph().read(REWEIGHT_AGREEMENT, {"ledger": LEDGER}))[0]
    finally:
        await driver.close()
    ratings = {r: sum(1 for s in second.scores if s.rating == r) for r in range(1, 6)}
    return ScoringFigures(
        clients=len(clients),
        invoices=len(invoices),
        write_s=write_s,
        first_s=first_s,
        rescore_s=rescore_s,
        rerun_s=rerun_s,
        changed=sum(1 for s in second.scores if old.get(s.client) != s.rating),
        rerun_changed=sum(1 for k, p in after.items() if before.get(k) != p),
        fetch_s=fetch_s,
        pure_s=pure_s,
        cypher_s=cypher_s,
        cypher_same=int(agreement["same"]),
        ratings=ratings,
    )


def run_scoring(
    settings: Settings, company_keys: Sequence[str], as_of: date, seed: int
) -> ScoringFigures:
    result: ScoringFigures = asyncio.run(_run(settings, company_keys, as_of, seed))
    return result
