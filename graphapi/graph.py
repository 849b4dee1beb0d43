"""Graph: a thin, per-request wrapper over the shared AsyncDriver.

It names the database (no home-database round trip), routes registry reads as READ (replicas in
a cluster) and the API's own writes (watchlists, never registry facts) as WRITE, counts round
trips (tests assert the N+1 budget), converts Neo4j temporal values to Python ones, enforces the
request deadline and turns driver failures into our errors.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, LiteralString, TypeVar

from neo4j import READ_ACCESS, WRITE_ACCESS, AsyncDriver, Query, RoutingControl
from neo4j.exceptions import (
    ClientError,
    ConnectionAcquisitionTimeoutError,
    ServiceUnavailable,
    SessionExpired,
)
from neo4j.time import Date, DateTime, Duration, Time

from graph_schema.errors import GraphUnavailable
from graphapi.errors import QueryTimeout

_T = TypeVar("_T")

# A failure this quick is a dead pooled connection or a refused connect, never a slow server.
FAST_FAILURE_S = 0.25

_TIMEOUT_CODES = (
    "Neo.ClientError.Transaction.TransactionTimedOut",
    "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
)


def to_python(value: Any) -> Any:
    """Neo4j values -> plain Python (dates, lists, dicts) so pydantic sees familiar types."""
    if isinstance(value, Date | DateTime | Time):
        return value.to_native()
    if isinstance(value, Duration):
        return str(value)
    if isinstance(value, list):
        return [to_python(v) for v in value]
    if isinstance(value, dict):
        return {k: to_python(v) for k, v in value.items()}
    return value


class Graph:
    """Graph access for one request; past its deadline (an event-loop time) every query fails."""

    def __init__(self, driver: AsyncDriver, database: str, timeout_s: float) -> None:
        self._driver = driver
        self._database = database
        self._deadline = asyncio.get_running_loop().time() + timeout_s
        self.round_trips = 0

    def seconds_left(self) -> float:
        """Time left before the request's deadline (negative once past it)."""
        return self._deadline - asyncio.get_running_loop().time()

    def _remaining(self) -> float:
        remaining = self.seconds_left()
        if remaining <= 0:
            raise QueryTimeout("the request ran out of time; narrow it down or page through it")
        return remaining

    async def read(
        self, query: LiteralString, parameters: Mapping[str, Any]
    ) -> list[dict[str, Any]]:
        """Run one read query (one round trip) and return its records as plain dicts."""
        return await self._execute(query, parameters, RoutingControl.READ)

    async def read_values(
        self, query: LiteralString, parameters: Mapping[str, Any]
    ) -> list[list[Any]]:
        """Run one read query whose columns are plain values only (strings, numbers, booleans,
        lists of them: no dates, nodes or maps) and return each record's values as they came.
        Skipping the conversion `read` does value by value is what makes a large read of
        plain rows cheap (the ledger's documents)."""
        return await self._guarded(lambda budget: self._run_values(query, parameters, budget))

    async def _run_values(
        self, query: LiteralString, parameters: Mapping[str, Any], timeout_s: float
    ) -> list[list[Any]]:
        async with self._driver.session(
            database=self._database, default_access_mode=READ_ACCESS
        ) as s:
            result = await s.run(Query(query, timeout=timeout_s), dict(parameters))
            return [record.values() async for record in result]

    async def write(
        self, query: LiteralString, parameters: Mapping[str, Any]
    ) -> list[dict[str, Any]]:
        """Run one write query (API-owned data such as watchlists; never registry facts)."""
        return await self._execute(query, parameters, RoutingControl.WRITE)

    async def _execute(
        self, query: LiteralString, parameters: Mapping[str, Any], routing: RoutingControl
    ) -> list[dict[str, Any]]:
        return await self._guarded(lambda budget: self._run(query, parameters, routing, budget))

    async def _guarded(self, run: Callable[[float], Awaitable[_T]]) -> _T:
        """One round trip within the request's time, its failures mapped to the API's errors."""
        remaining = self._remaining()
        self.round_trips += 1
        started = asyncio.get_running_loop().time()
        try:
            async with asyncio.timeout(remaining):
                try:
                    return await run(remaining)
                except (ServiceUnavailable, SessionExpired):
                    # A pooled connection the server closed (a restart) fails at once and the
                    # driver drops its idle siblings: one immediate retry gets a fresh one. A
                    # server that is away fails the retry just as fast.
                    if asyncio.get_running_loop().time() - started > FAST_FAILURE_S:
                        raise
                    return await run(self._remaining())
        except TimeoutError:
            raise QueryTimeout(
                "the request ran out of time; narrow it down or page through it"
            ) from None
        except (ServiceUnavailable, SessionExpired, ConnectionAcquisitionTimeoutError) as exc:
            raise GraphUnavailable("the graph database is unreachable; try again shortly") from exc
        except ClientError as exc:
            if exc.code in _TIMEOUT_CODES:
                raise QueryTimeout(
                    "the request ran out of time; narrow it down or page through it"
                ) from exc
            raise

    async def _run(
        self,
        query: LiteralString,
        parameters: Mapping[str, Any],
        routing: RoutingControl,
        timeout_s: float,
    ) -> list[dict[str, Any]]:
        """One auto-commit query: no driver retry loop (its back-off held an outage answer for
        6-8 s), the server aborting it past `timeout_s` too, so a slow query frees Neo4j."""
        mode = READ_ACCESS if routing == RoutingControl.READ else WRITE_ACCESS
        async with self._driver.session(database=self._database, default_access_mode=mode) as s:
            result = await s.run(Query(query, timeout=timeout_s), dict(parameters))
            return [to_python(record.data()) async for record in result]
