"""Assess every company of a graph: the population scan behind `duegraph evaluate`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from neo4j import AsyncDriver

from graph_schema.signal_params import SignalParams
from graphapi.graph import Graph
from graphapi.queries.network import company_keys_after
from graphapi.services.assessment import assess_companies

CHUNK = 100


async def scan_all(
    driver: AsyncDriver,
    database: str,
    as_of: date,
    params: SignalParams,
    progress: Callable[[int], None] | None = None,
) -> tuple[dict[str, dict[str, int]], dict[str, int]]:
    """(signal kind -> {flagged company: highest severity}, company -> rating) for every
    company."""
    flagged: dict[str, dict[str, int]] = {}
    ratings: dict[str, int] = {}
    last = ""
    while True:
        graph = Graph(driver, database, timeout_s=300)
        keys = await company_keys_after(graph, last, CHUNK)
        if not keys:
            break
        last = keys[-1]
        found = await assess_companies(graph, keys, as_of, params)
        for key, assessed in found.items():
            result = assessed.result
            ratings[key] = result.rating.score
            for signal in result.signals:
                worst = flagged.setdefault(signal.kind.value, {})
                worst[key] = max(signal.severity, worst.get(key, 0))
        if progress is not None:
            progress(len(keys))
    return flagged, ratings
