"""Query phase: the same answers over HTTP (GraphQL) and straight from the driver.

"Raw" runs exactly what the resolvers run, in-process: services.assessment for dueDiligence
(fetch_bundles + assess) and uboCheck (fetch_ubo_inputs + assess_ubo, with the request's default
rules), history_inputs + bankruptcy_history for a person, search_entities for search, and the
four key-batched page queries behind the nested company query. API/raw is the cost of GraphQL,
HTTP, JSON and the server process on top.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import aiohttp
from neo4j import AsyncDriver, GraphDatabase

from graph_schema.db import open_async_driver
from graph_schema.settings import Settings
from graph_schema.signal_params import RuleSet, SignalParams
from graphapi.analytics.history import bankruptcy_history
from graphapi.graph import Graph
from graphapi.queries.entities import nodes_by_keys
from graphapi.queries.events import EventFilter, events_of
from graphapi.queries.history import history_inputs
from graphapi.queries.links import LinkFilter, directors_of, mandates_of
from graphapi.queries.search import search_entities
from graphapi.services.assessment import assess_companies, check_ubo, with_ubo_rules
from graphapi.tooling.bench import event_loop, gql_client
from graphapi.tooling.bench.cypher import COMPANY_KEYS, DIRECTOR_KEYS

KINDS = ("dueDiligence", "uboCheck", "search", "bankruptcyHistory", "nested")

GQL: dict[str, str] = {
    "dueDiligence": """query($id: ID!) { dueDiligence(companyId: $id) {
      rating { score label reasons } signals { kind severity summary entityIds }
      bankruptcyHistories { personId count } ubo { owners { personId } } } }""",
    "uboCheck": """query($id: ID!) { uboCheck(companyId: $id) {
      companyId owners { personId effectivePercent { min max } } } }""",
    "search": """query($text: String!) { search(text: $text, first: 10) {
      totalCount edges { score node { id name } } } }""",
    "bankruptcyHistory": """query($id: ID!) { person(id: $id) {
      bankruptcyHistory { count cases { companyId insolvencyKind insolvencyDate } } } }""",
    "nested": """query($id: ID!) { company(id: $id) { id name
      directors(includeHistorical: true, first: 10) { edges { node { role start end
        director { id name ... on Person { mandates(first: 10) { edges { node { role start
          company { id name status events(first: 5) { edges { node { kind date } } } }
        } } } } } } } } } }""",
}


@dataclass(frozen=True)
class Samples:
    companies: list[str]
    names: list[str]
    persons: list[str]
    clients: list[str]  # distinct companies for the batch job


@dataclass(frozen=True)
class Latency:
    kind: str
    api: list[float]  # seconds per call
    raw: list[float]
    errors: int


def pick_samples(settings: Settings, n: int, seed: int, clients: int = 0) -> Samples:
    database = settings.neo4j.database
    with GraphDatabase.driver(settings.neo4j.uri) as driver:
        companies, _, _ = driver.execute_query(COMPANY_KEYS, database_=database)
        persons, _, _ = driver.execute_query(DIRECTOR_KEYS, database_=database)
    rng = random.Random(seed)
    chosen = rng.sample(sorted((r["key"], r["name"]) for r in companies), min(n, len(companies)))
    people = rng.sample(sorted(r["key"] for r in persons), min(n, len(persons)))
    # Search as a user types: the first two words of the name.
    names = [" ".join(name.split()[:2]) for _, name in chosen]
    pool = rng.sample(sorted(r["key"] for r in companies), min(clients, len(companies)))
    return Samples([k for k, _ in chosen], names, people, pool)


def percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def _args(kind: str, samples: Samples) -> list[str]:
    if kind == "search":
        return samples.names
    if kind == "bankruptcyHistory":
        return samples.persons
    return samples.companies


RawCall = Callable[[Graph, str], Awaitable[Any]]


def _raw_assess(params: SignalParams) -> RawCall:
    async def call(graph: Graph, key: str) -> Any:
        return (await assess_companies(graph, [key], date.today(), params))[key].result

    return call


def _raw_ubo(params: SignalParams) -> RawCall:
    async def call(graph: Graph, key: str) -> Any:
        asked = with_ubo_rules(params, 25.0, RuleSet.AMLR, ">")  # uboCheck's defaults
        return (await check_ubo(graph, [key], date.today(), asked))[key].result

    return call


async def _raw_history(graph: Graph, key: str) -> Any:
    data = (await history_inputs(graph, [key]))[0]
    today = date.today()
    return bankruptcy_history(
        key, data.mandates, data.events, data.companies, 36, today, include_outside_window=True
    )


def _raw_search(max_hits: int) -> RawCall:
    async def call(graph: Graph, text: str) -> Any:
        return await search_entities(graph, text, None, 0, 10, max_hits)

    return call


async def _raw_nested(graph: Graph, key: str) -> Any:
    await nodes_by_keys(graph, [key])
    directors = (await directors_of(graph, [key], LinkFilter(0, 10, historical=True)))[0]
    people = sorted({row.director.key for row in directors.rows})
    # `mandates(first: 10)` includes past mandates (includeHistorical defaults to true).
    flt = LinkFilter(0, 10, historical=True)
    mandates = await mandates_of(graph, people, flt) if people else []
    companies = sorted({row.company.key for page in mandates for row in page.rows})
    if companies:
        await events_of(graph, companies, EventFilter(0, 5))
    return companies


def raw_calls(settings: Settings) -> dict[str, RawCall]:
    return {
        "dueDiligence": _raw_assess(settings.signal_params),
        "uboCheck": _raw_ubo(settings.signal_params),
        "search": _raw_search(settings.api_search_max_hits),
        "bankruptcyHistory": _raw_history,
        "nested": _raw_nested,
    }


async def _time_raw(
    driver: AsyncDriver, settings: Settings, kind: str, args: list[str]
) -> list[float]:
    call = raw_calls(settings)[kind]
    out = []
    for arg in args:
        graph = Graph(driver, settings.neo4j.database, settings.api_query_timeout_s)
        started = time.perf_counter()
        await call(graph, arg)
        out.append(time.perf_counter() - started)
    return out


async def _time_api(
    client: aiohttp.ClientSession, kind: str, args: list[str]
) -> tuple[list[float], int]:
    out: list[float] = []
    errors = 0
    var = "text" if kind == "search" else "id"
    for arg in args:
        started = time.perf_counter()
        ok = await gql_client.post(client, GQL[kind], {var: arg})
        out.append(time.perf_counter() - started)
        if not ok:
            errors += 1
    return out, errors


async def measure_latency(settings: Settings, base_url: str, samples: Samples) -> list[Latency]:
    """Per kind: a warm-up pass over the samples on each side, then the timed pass."""
    results = []
    driver = open_async_driver(settings.neo4j)
    try:
        async with gql_client.session(base_url, 1, 60.0) as client:
            for kind in KINDS:
                args = _args(kind, samples)
                await _time_raw(driver, settings, kind, args)
                await _time_api(client, kind, args)
                raw = await _time_raw(driver, settings, kind, args)
                api, errors = await _time_api(client, kind, args)
                results.append(Latency(kind, api, raw, errors))
    finally:
        await driver.close()
    return results


def run_latency(settings: Settings, base_url: str, samples: Samples) -> list[Latency]:
    return event_loop.run(measure_latency(settings, base_url, samples))


# What every request pays before any resolver runs: HTTP, the middleware, GraphQL execution
# and JSON. Cheap queries cannot get under API/raw 1.3 when this alone exceeds 0.3 x raw.
FLOOR_QUERY = "{ __typename }"


async def _measure_floor(base_url: str, n: int) -> list[float]:
    out = []
    async with gql_client.session(base_url, 1, 60.0) as client:
        for timed in (False, True):  # a warm-up pass, then the timed one
            for _ in range(n):
                started = time.perf_counter()
                if not await gql_client.post(client, FLOOR_QUERY, {}):
                    raise RuntimeError(f"{FLOOR_QUERY} failed against {base_url}")
                if timed:
                    out.append(time.perf_counter() - started)
    return out


def run_floor(base_url: str, n: int) -> list[float]:
    """Seconds per `{ __typename }` request over HTTP (no database access)."""
    return event_loop.run(_measure_floor(base_url, n))
