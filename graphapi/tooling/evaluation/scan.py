"""Assess every company of a graph: the population scan behind `duegraph evaluate`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from neo4j import AsyncDriver

from graphapi.analytics.assess import assess
from graphapi.analytics.signals.model import SignalParams
from graphapi.graph import Graph
from graphapi.queries.neighbourhood import fetch_bundles
from graphapi.queries.network import company_keys_after

CHUNK = 100


async def scan_all(
    driver: AsyncDriver,
    database: str,
    as_of: date,
    params: SignalParams | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[dict[str, dict[str, int]], dict[str, int]]:
    """(signal kind -> {flagged company: highest severity}, company -> rating) for every
    company."""
    params = params or SignalParams()
    flagged: dict[str, dict[str, int]] = {}
    ratings: dict[str, int] = {}
    last = ""
    while True:
        graph = Graph(driver, database, timeout_s=300)
        keys = await company_keys_after(graph, last, CHUNK)
        if not keys:
            break
        last = keys[-1]
        bundles = await fetch_bundles(graph, keys, as_of)
        for key, bundle in bundles.items():
            result = assess(bundle, as_of, params)
            ratings[key] = result.rating.score
            for signal in result.signals:
                found = flagged.setdefault(signal.kind.value, {})
                found[key] = max(signal.severity, found.get(key, 0))
        if progress is not None:
            progress(len(keys))
    return flagged, ratings
