"""A bounded soak: N concurrent clients mixing the everyday queries for a fixed time.

Ids are sampled from the graph first, so every request asks for something that exists and any
error is a real failure. Reports requests, errors, req/s, latency percentiles and the server's
RSS at start, middle and end. The first half of the run warms caches and connection pools; a
leak shows as growth between the middle and the end, which is what `max_growth_mb` bounds.
"""

from __future__ import annotations

import asyncio
import random
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from graph_schema.db import connected
from graph_schema.settings import Settings
from graphapi.tooling.soak.sample import sample_ids
from graphapi.tooling.soak.server import check_loopback, listener_pid, rss_mb, serve_locally

COMPANY = """query Company($id: ID!) { company(id: $id) { id name status incorporatedOn
  directors(first: 5) { totalCount nodes { role director { id name } } }
  shareholders(first: 5) { totalCount } events(first: 5) { totalCount } } }"""
SEARCH = """query Search($text: String!) { search(text: $text, first: 10) {
  totalCount nodes { id name } } }"""
DUE_DILIGENCE = """query Dd($id: ID!) { dueDiligence(companyId: $id) {
  rating { score label reasons } signals { kind severity summary } } }"""
UBO_CHECK = """query Ubo($id: ID!) { uboCheck(companyId: $id) {
  companyId noUboFound owners { personId } discrepancies { __typename } } }"""
BANKRUPTCIES = """query Person($id: ID!) { person(id: $id) { id name
  bankruptcyHistory { count cases { companyId insolvencyDate } } } }"""

# kind -> (query, weight): lookups dominate, as in a compliance team's day.
MIX: dict[str, tuple[str, int]] = {
    "company": (COMPANY, 4),
    "search": (SEARCH, 3),
    "dueDiligence": (DUE_DILIGENCE, 2),
    "uboCheck": (UBO_CHECK, 2),
    "bankruptcyHistory": (BANKRUPTCIES, 2),
}


@dataclass(frozen=True)
class Targets:
    companies: list[str]
    persons: list[str]
    words: list[str]

    @classmethod
    def from_sample(cls, companies: list[tuple[str, str]], persons: list[str]) -> Targets:
        words = [w for _, name in companies for w in name.split()[:1] if len(w) >= 3]
        return cls([k for k, _ in companies], persons, words or ["company"])


@dataclass
class Figures:
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    clients: int = 0
    per_kind: Counter[str] = field(default_factory=Counter)
    latencies_ms: list[float] = field(default_factory=list)
    rss_mb: dict[str, float | None] = field(default_factory=dict)
    error_samples: list[str] = field(default_factory=list)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, q: float) -> float:
        """Nearest-rank percentile of the latencies, in ms (0 without requests)."""
        if not self.latencies_ms:
            return 0.0
        ordered = sorted(self.latencies_ms)
        rank = max(1, -(-len(ordered) * q // 100))
        return ordered[int(rank) - 1]

    @property
    def growth_mb(self) -> float | None:
        middle, end = self.rss_mb.get("middle"), self.rss_mb.get("end")
        return None if middle is None or end is None else end - middle

    def problems(self, max_growth_mb: float) -> list[str]:
        found = []
        if self.errors:
            found.append(f"{self.errors} errors, e.g. {self.error_samples[:3]}")
        if self.requests == 0:
            found.append("no request completed")
        growth = self.growth_mb
        if growth is not None and growth > max_growth_mb:
            found.append(f"server memory grew {growth:.1f} MB in the second half")
        return found

    def summary(self) -> str:
        def mb(v: float | None) -> str:
            return "n/a" if v is None else f"{v:.1f} MB"

        rss = ", ".join(f"{k} {mb(v)}" for k, v in self.rss_mb.items())
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(self.per_kind.items()))
        return (
            f"{self.requests} requests in {self.seconds:.1f}s from {self.clients} clients "
            f"({self.rps:.1f} req/s), {self.errors} errors\n"
            f"latency p50 {self.percentile(50):.1f} ms, p95 {self.percentile(95):.1f} ms, "
            f"p99 {self.percentile(99):.1f} ms\n"
            f"by query: {kinds}\n"
            f"server RSS: {rss}"
        )


def _variables(kind: str, targets: Targets, rng: random.Random) -> dict[str, Any]:
    if kind == "search":
        return {"text": rng.choice(targets.words)}
    if kind == "bankruptcyHistory":
        return {"id": rng.choice(targets.persons or targets.companies)}
    return {"id": rng.choice(targets.companies)}


def _failure(response: httpx.Response) -> str | None:
    if response.status_code != 200:
        return f"HTTP {response.status_code}: {response.text[:200]}"
    errors = response.json().get("errors")
    if not errors:
        return None
    return f"{errors[0].get('extensions', {}).get('code')}: {errors[0]['message']}"


async def run_load(
    url: str,
    seconds: float,
    clients: int,
    targets: Targets,
    rss: Callable[[], float | None],
    headers: dict[str, str] | None = None,
    seed: int = 1,
) -> Figures:
    """Drive `clients` concurrent loops against `url` until `seconds` have passed."""
    figures = Figures(clients=clients, rss_mb={"start": rss()})
    kinds = [k for k in MIX if k != "bankruptcyHistory" or targets.persons]
    weights = [MIX[k][1] for k in kinds]
    started = time.monotonic()
    deadline = started + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client_loop(client: httpx.AsyncClient, rng: random.Random) -> None:
        while time.monotonic() < deadline:
            kind = rng.choices(kinds, weights)[0]
            payload = {"query": MIX[kind][0], "variables": _variables(kind, targets, rng)}
            sent = time.perf_counter()
            try:
                failure = _failure(await client.post(url, json=payload))
            except (httpx.HTTPError, ValueError) as exc:  # transport error or not JSON
                failure = f"{type(exc).__name__}: {exc}"
            figures.latencies_ms.append((time.perf_counter() - sent) * 1000)
            figures.requests += 1
            figures.per_kind[kind] += 1
            if failure is not None:
                figures.errors += 1
                if len(figures.error_samples) < 10:
                    figures.error_samples.append(f"{kind}: {failure}")

    async def middle() -> None:
        await asyncio.sleep(seconds / 2)
        figures.rss_mb["middle"] = rss()

    async with httpx.AsyncClient(headers=headers, timeout=60.0, limits=limits) as client:
        loops = [client_loop(client, random.Random(seed * 1000 + i)) for i in range(clients)]
        await asyncio.gather(middle(), *loops)
    figures.seconds = time.monotonic() - started
    figures.rss_mb["end"] = rss()
    return figures


def soak(
    settings: Settings,
    seconds: float,
    clients: int,
    url: str | None = None,
    api_key: str | None = None,
    sample: int = 200,
    seed: int = 1,
) -> Figures:
    """Sample ids, then soak `url` (or a `duegraph serve` started here for the run)."""
    with connected(settings.neo4j) as driver:
        companies, persons = sample_ids(driver, settings.neo4j.database, sample)
    targets = Targets.from_sample(companies, persons)
    headers = {"X-API-Key": api_key} if api_key else None
    if url is not None:
        check_loopback(url)
        pid = listener_pid(url)
        return asyncio.run(
            run_load(url, seconds, clients, targets, lambda: rss_mb(pid), headers, seed)
        )
    with tempfile.TemporaryDirectory(prefix="duegraph-soak-") as tmp:
        with serve_locally(settings, Path(tmp)) as (local_url, pid):
            return asyncio.run(
                run_load(local_url, seconds, clients, targets, lambda: rss_mb(pid), headers, seed)
            )
