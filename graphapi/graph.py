"""Graph: a thin, per-request wrapper over the shared AsyncDriver.

It names the database (no home-database round trip), routes registry reads as READ (replicas in
a cluster) and the API's own writes (watchlists, never registry facts) as WRITE, counts round
trips (tests assert the N+1 budget), converts Neo4j temporal values to Python ones, enforces the
request deadline and turns driver failures into our errors.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any, LiteralString

from neo4j import AsyncDriver, Query, RoutingControl
from neo4j.exceptions import ClientError, ServiceUnavailable, SessionExpired
from neo4j.time import Date, DateTime, Duration, Time

from graph_schema.errors import GraphUnavailable
from graphapi.errors import QueryTimeout

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

    async def write(
        self, query: LiteralString, parameters: Mapping[str, Any]
    ) -> list[dict[str, Any]]:
        """Run one write query (API-owned data such as watchlists; never registry facts)."""
        return await self._execute(query, parameters, RoutingControl.WRITE)

    async def _execute(
        self, query: LiteralString, parameters: Mapping[str, Any], routing: RoutingControl
    ) -> list[dict[str, Any]]:
        remaining = self._remaining()
        self.round_trips += 1
        try:
            async with asyncio.timeout(remaining):
                records, _, _ = await self._driver.execute_query(
                    # The server aborts the transaction too, so a slow query frees Neo4j.
                    Query(query, timeout=remaining),
                    dict(parameters),
                    database_=self._database,
                    routing_=routing,
                )
        except TimeoutError:
            raise QueryTimeout(
                "the request ran out of time; narrow it down or page through it"
            ) from None
        except (ServiceUnavailable, SessionExpired) as exc:
            raise GraphUnavailable("the graph database is unreachable; try again shortly") from exc
        except ClientError as exc:
            if exc.code in _TIMEOUT_CODES:
                raise QueryTimeout(
                    "the request ran out of time; narrow it down or page through it"
                ) from exc
            raise
        return [to_python(record.data()) for record in records]
