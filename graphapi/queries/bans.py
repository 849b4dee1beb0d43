"""A person's director disqualifications (Person -[:DISQUALIFIED]-> Disqualification)."""

from __future__ import annotations

import datetime as dt
from typing import Any, LiteralString

from graphapi.graph import Graph

BANS: LiteralString = """
MATCH (:Person {key: $person})-[:DISQUALIFIED]->(d:Disqualification)
RETURN d.key AS id, d.start AS start, d.end AS end, d.authority AS authority,
       d.reason AS reason, d.reference AS reference, d.source AS source,
       d.record_id AS record_id, d.source_file AS source_file, d.seen_at AS seen_at
ORDER BY d.start DESC, d.key
"""


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    native = value.to_native()  # neo4j.time.Date
    assert isinstance(native, dt.date)
    return native


async def bans_of(graph: Graph, person: str) -> list[dict[str, Any]]:
    """One row per ban, newest first; dates as datetime.date."""
    rows = await graph.read(BANS, {"person": person})
    for row in rows:
        for name in ("start", "end", "seen_at"):
            row[name] = _date(row[name])
    return rows
