"""Scoring the firm's clients under a scoring profile, and storing the result on each :Client.

The interface the portfolio views, the CLI (`duegraph ledger score`) and the benchmark use;
it stays stable:

- `score_clients(graph, as_of, profile, params, ledger=..., client_keys=...)` ->
  `list[ClientScore]` (graphapi/analytics/scoring.py): per client `rating` (1-5), `label`,
  `points`, `families` (per family: `score` 1-5 or None for no data, the `points` it added,
  `detail`), `moved_by` (the family that added most), `missing`, `adjustments` (overrides,
  floors), `explanation()` (lines), `policy` (`terms_days`, `payment_terms_days`,
  `credit_limit`, `credit_limit_factor`, `review_months`, `next_review_on`), `profile` and
  `profile_digest`. Computes; writes nothing.
- `store_scores(graph, scores)` -> clients written; `rescore_ledger(...)` = both, in chunks,
  for every current client of a ledger (what `duegraph ledger score` runs). Idempotent: the
  same profile and date write the same properties.
- `stored_scores(graph, client_keys)` -> `{client key: StoredScore}`: what the last run
  stored, for views that must not re-score (graphapi/queries/scoring.py).

Stored on each :Client (read them in Cypher for matrices and schedules):
`rating` (int 1-5), `rating_label`, `rating_points`, `rating_as_of` (date),
`rating_profile`, `rating_profile_digest`, `rating_moved_by` (family or null),
`rating_families` / `rating_family_scores` (0 = no data) / `rating_family_points` (parallel
lists, families in the order registry, payment, financial, sector), `rating_missing`,
`rating_explanation` (lines), `policy_terms_days`, `policy_credit_limit` (null without a
current limit), `policy_credit_limit_factor`, `review_months`, `next_review_on` (date; the
review schedule), `previous_rating` (before the last run that changed it).

Per chunk of clients: two round trips for the clients' documents and their companies'
assessments (the due-diligence bundle of graphapi/services/assessment.py), the maths in a
worker thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import anyio

from graph_schema.ledger import Client, Invoice
from graph_schema.scoring_profile import ScoringProfile
from graph_schema.signal_params import SignalParams
from graphapi.analytics.assess import Assessment
from graphapi.analytics.scoring import ClientScore, ScoreInputs, score_client
from graphapi.graph import Graph
from graphapi.queries.ledger import clients_by_key, clients_of_ledger, invoices_of_clients
from graphapi.queries.scoring import StoredScore, stored_scores, write_scores
from graphapi.services.assessment import Assessed, assess_companies

__all__ = [
    "ClientScore",
    "ScoreRun",
    "StoredScore",
    "rescore_ledger",
    "score_clients",
    "stored_scores",
    "store_scores",
]

CHUNK = 250  # clients per round of fetch + assess + score
CONCURRENCY = 2  # chunks in flight
Progress = Callable[[int, int], None]  # (clients scored so far, all clients)


@dataclass(frozen=True)
class ScoreRun:
    """What a re-scoring did: the scores, and how many clients were written."""

    ledger: str
    as_of: date
    profile: str
    profile_digest: str
    scores: list[ClientScore]
    written: int

    def line(self) -> str:
        counts = {r: sum(1 for s in self.scores if s.rating == r) for r in range(1, 6)}
        by = ", ".join(f"{r}: {n}" for r, n in counts.items())
        unknown = sum(1 for s in self.scores if s.company is None)
        return (
            f"ledger {self.ledger}: {len(self.scores)} clients scored as of {self.as_of} under "
            f"profile {self.profile} ({self.profile_digest}), {self.written} stored; ratings "
            f"{by}; {unknown} with company unknown"
        )


def inputs_for(
    clients: Sequence[Client],
    invoices: dict[str, list[Invoice]],
    assessed: dict[str, Assessed[Assessment]],
) -> list[ScoreInputs]:
    """Each client's ScoreInputs from its documents and its company's assessment."""
    out = []
    for c in clients:
        a = assessed.get(c.company) if c.company else None
        company = None
        if a is not None:
            company = next((f for f in a.bundle.companies if f.key == c.company), None)
        out.append(
            ScoreInputs(
                client=c,
                invoices=tuple(invoices.get(c.key, ())),
                company=company,
                signals=a.result.signals if a is not None else (),
                has_accounts=bool(a.bundle.statements) if a is not None else False,
            )
        )
    return out


async def fetch_inputs(
    graph: Graph, clients: Sequence[Client], as_of: date, params: SignalParams
) -> list[ScoreInputs]:
    """What the score reads of each client: its documents and its company's assessment."""
    invoices = await invoices_of_clients(graph, [c.key for c in clients])
    companies = sorted({c.company for c in clients if c.company})
    assessed = await assess_companies(graph, companies, as_of, params)
    return inputs_for(clients, invoices, assessed)


async def _score_chunk(
    graph: Graph,
    clients: Sequence[Client],
    as_of: date,
    profile: ScoringProfile,
    params: SignalParams,
) -> list[ClientScore]:
    inputs = await fetch_inputs(graph, clients, as_of, params)

    def run() -> list[ClientScore]:
        return [score_client(x, as_of, profile, params) for x in inputs]

    result: list[ClientScore] = await anyio.to_thread.run_sync(run)
    return result


async def score_clients(
    graph: Graph,
    as_of: date,
    profile: ScoringProfile,
    params: SignalParams,
    *,
    ledger: str | None = None,
    client_keys: Sequence[str] | None = None,
    chunk: int = CHUNK,
    concurrency: int = CONCURRENCY,
    progress: Progress | None = None,
) -> list[ClientScore]:
    """Scores of the given clients (by key, in that order; unknown keys left out), or of every
    current client of `ledger` by client id. Writes nothing."""
    if client_keys is not None:
        found = await clients_by_key(graph, client_keys)
        clients = [found[k] for k in client_keys if k in found]
    elif ledger is not None:
        clients = await clients_of_ledger(graph, ledger)
    else:
        raise ValueError("score_clients needs a ledger or client keys")
    chunks = [clients[i : i + chunk] for i in range(0, len(clients), chunk)]
    results: list[list[ClientScore]] = [[] for _ in chunks]
    limiter = anyio.CapacityLimiter(concurrency)
    done = 0

    async def one(i: int) -> None:
        nonlocal done
        async with limiter:
            results[i] = await _score_chunk(graph, chunks[i], as_of, profile, params)
        done += len(results[i])
        if progress is not None:
            progress(done, len(clients))

    # Two chunks in flight: one waits for Neo4j while the other's maths runs.
    async with anyio.create_task_group() as tg:
        for i in range(len(chunks)):
            tg.start_soon(one, i)
    return [s for r in results for s in r]


async def store_scores(graph: Graph, scores: Sequence[ClientScore]) -> int:
    """Store each score on its :Client (the properties of the module docstring)."""
    return await write_scores(graph, scores)


async def rescore_ledger(
    graph: Graph,
    ledger: str,
    as_of: date,
    profile: ScoringProfile,
    params: SignalParams,
    *,
    chunk: int = CHUNK,
    progress: Progress | None = None,
) -> ScoreRun:
    """Score every current client of `ledger` and store the results (`duegraph ledger score`)."""
    scores = await score_clients(
        graph, as_of, profile, params, ledger=ledger, chunk=chunk, progress=progress
    )
    written = await store_scores(graph, scores)
    return ScoreRun(ledger, as_of, profile.name, profile.digest, scores, written)
