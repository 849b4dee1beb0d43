"""A person's director disqualifications (Person -[:DISQUALIFIED]-> Disqualification)."""

from __future__ import annotations

from typing import LiteralString

from graphapi.graph import Graph
from graphapi.queries.rows import BanRow

BANS: LiteralString = """
MATCH (:Person {key: $person})-[:DISQUALIFIED]->(d:Disqualification)
RETURN d.key AS id, d.start AS start, d.end AS end, d.authority AS authority,
       d.reason AS reason, d.reference AS reference, d.source AS source,
       d.record_id AS record_id, d.source_file AS source_file, d.seen_at AS seen_at
ORDER BY d.start DESC, d.key
"""


async def bans_of(graph: Graph, person: str) -> list[BanRow]:
    """One row per ban, newest first."""
    return [BanRow.model_validate(r) for r in await graph.read(BANS, {"person": person})]
