"""Property-based: valid queries generated from graphapi/schema.graphql against the live app.

hypothesis-graphql builds random (valid) operations over every root field with random
arguments; ids are drawn partly from the test world so that some queries reach real data. The
property: never a 5xx, and every error carries a typed `extensions.code` that is not INTERNAL
(an INTERNAL error is an unhandled exception in a resolver).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path
from typing import Any

import httpx
import hypothesis_graphql as hg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import nodes

from graph_schema.settings import Settings
from graphapi.app import create_app
from tests.api.conftest import running
from tests.api.world import World

SDL = (Path(__file__).resolve().parents[2] / "graphapi" / "schema.graphql").read_text()


def _ids(world: World) -> st.SearchStrategy[Any]:
    known = [world.construct, world.holdings, world.failed, world.vlaamse, world.jean]
    known += [world.marie, world.london]
    return st.one_of(st.sampled_from(known), st.text(max_size=30)).map(nodes.String)


DATES = st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)).map(
    lambda d: nodes.String(d.isoformat())
)

DATETIMES = st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2100, 1, 1)).map(
    lambda d: nodes.String(d.isoformat() + "Z")
)


# About one run in four, the garbage collector (run by Hypothesis' allocations) finalises a Bolt
# socket to the test Neo4j that was never closed. It is not traced to the API yet (a targeted
# probe of cancelled sibling reads does not reproduce it); it is ignored here so that this test
# checks what it is for, and is listed as an open item in docs/security.md.
@pytest.mark.filterwarnings("ignore:unclosed <socket.socket:ResourceWarning")
async def test_generated_queries_never_fail_untyped(api_settings: Settings, world: World) -> None:
    loop = asyncio.get_running_loop()
    seen: list[int] = []
    scalars = {"Date": DATES, "DateTime": DATETIMES, "ID": _ids(world)}
    strategy = hg.queries(SDL, custom_scalars=scalars)
    async with running(create_app(api_settings)) as client:

        def post(query: str) -> httpx.Response:
            future = asyncio.run_coroutine_threadsafe(
                client.post("/graphql", json={"query": query}), loop
            )
            return future.result(timeout=60)

        @settings(
            max_examples=60,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )
        @given(query=strategy)
        def check(query: str) -> None:
            response = post(query)
            assert response.status_code < 500, (query, response.text)
            body = response.json()
            for error in body.get("errors", []):
                code = error.get("extensions", {}).get("code")
                assert isinstance(code, str) and code != "INTERNAL", (query, body)
            seen.append(response.status_code)

        # Hypothesis runs in a worker thread; the requests run on this test's event loop.
        await asyncio.to_thread(check)
    assert len(seen) >= 30  # the run really exercised the API
