"""`disqualifications(personId)`: a person's director bans (court orders, undertakings).

Added for the workspace's person page: the bans are in the graph (Person -[:DISQUALIFIED]->
Disqualification) and feed the DISQUALIFIED_DIRECTOR signal, but no field returned them.
"""

from __future__ import annotations

import datetime as dt

import strawberry

from graphapi.context import Info
from graphapi.queries.bans import bans_of
from graphapi.schema.common import described, from_attrs


@strawberry.type(description="A ban from acting as a director (court order or undertaking).")
class Disqualification:
    id: strawberry.ID
    start: dt.date | None
    end: dt.date | None
    authority: str | None
    reason: str | None
    reference: str | None
    source: str | None
    record_id: str | None
    source_file: str | None
    seen_at: dt.date | None

    @described("In force on the date (start and end inclusive).")
    def active_on(self, date: dt.date) -> bool:
        return (self.start is None or self.start <= date) and (self.end is None or self.end >= date)


@strawberry.type
class BanQuery:
    @described("A person's director disqualifications, newest first (empty for none).")
    async def disqualifications(
        self, info: Info, person_id: strawberry.ID
    ) -> list[Disqualification]:
        rows = await bans_of(info.context.graph, str(person_id))
        if rows:
            info.context.audit.saw(str(person_id))
        return [from_attrs(Disqualification, r) for r in rows]
