"""Company events (insolvencies, dissolutions, filings…), newest first, one page per company."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, LiteralString

from graph_schema.events import EventKind
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


# One index seek per kind on (kind, date): the newest dated registry event up to today.
NEWEST_EVENT_DATE: LiteralString = """
UNWIND $kinds AS kind
CALL (kind) {
  MATCH (e:Event) WHERE e.kind = kind AND e.date <= $today
  RETURN e.date AS d ORDER BY e.date DESC LIMIT 1
}
RETURN max(d) AS newest
"""


async def newest_data_date(graph: Graph, today: date) -> date | None:
    """The newest registry date among the loaded events (filings, insolvencies, changes),
    never after `today`; None on an empty graph."""
    rows = await graph.read(
        NEWEST_EVENT_DATE, {"kinds": [k.value for k in EventKind], "today": today}
    )
    newest = rows[0]["newest"] if rows else None
    return newest if isinstance(newest, date) else None
