"""Company events (insolvencies, dissolutions, filings…), newest first, one page per company."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, LiteralString

from graphapi.graph import Graph
from graphapi.queries.rows import EventRow, Page, ProvenanceRow

EVENTS_OF: LiteralString = """
UNWIND $keys AS key
MATCH (c:Company {key: key})
CALL (c) {
  MATCH (c)-[:HAS_EVENT]->(e:Event)
  WHERE NOT $insolvency_only OR e.insolvency
  WITH e ORDER BY e.date IS NULL, e.date DESC, e.kind, e.key
  RETURN collect(properties(e)) AS rows
}
RETURN key, size(rows) AS total, rows[$skip..$skip + $limit] AS rows
"""


@dataclass(frozen=True)
class EventFilter:
    skip: int
    limit: int
    insolvency_only: bool = False


def _event(props: dict[str, Any]) -> EventRow:
    return EventRow.model_validate({**props, "provenance": ProvenanceRow.model_validate(props)})


async def events_of(graph: Graph, keys: Sequence[str], flt: EventFilter) -> list[Page[EventRow]]:
    params = {
        "keys": list(keys),
        "skip": flt.skip,
        "limit": flt.limit,
        "insolvency_only": flt.insolvency_only,
    }
    records = await graph.read(EVENTS_OF, params)
    found = {
        r["key"]: Page[EventRow](total=r["total"], rows=[_event(x) for x in r["rows"]])
        for r in records
    }
    return [found.get(k, Page[EventRow](total=0, rows=[])) for k in keys]
