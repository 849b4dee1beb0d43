"""Readiness: the database answers a trivial read."""

from __future__ import annotations

from typing import LiteralString

from graphapi.graph import Graph

PING: LiteralString = "RETURN 1 AS ok"


async def ping(graph: Graph) -> bool:
    records = await graph.read(PING, {})
    return bool(records and records[0]["ok"] == 1)
