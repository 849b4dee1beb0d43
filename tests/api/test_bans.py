"""`disqualifications(personId)`: a person's bans with dates and provenance, newest first."""

from __future__ import annotations

from datetime import date

from neo4j import Driver

from graph_schema.keys import disqualification_key
from graph_schema.nodes import DisqualificationRecord
from graph_schema.provenance import Provenance
from graph_schema.settings import Settings
from loaders.rejects import Location
from loaders.write.writer import GraphWriter
from tests.api.conftest import GraphQLCall
from tests.api.world import World

BANS = """
query($id: ID!) {
  disqualifications(personId: $id) {
    id start end authority reason reference source recordId sourceFile seenAt
    activeOn(date: "2026-06-30")
  }
}
"""
PROV = Provenance(
    source="companies-house", record_id="d1", source_file="disq.jsonl", seen_at=date(2026, 1, 2)
)


async def test_a_persons_bans_newest_first(
    gql: GraphQLCall, world: World, graph: Driver, settings: Settings
) -> None:
    older = DisqualificationRecord(
        key=disqualification_key(world.jean, date(2015, 1, 1), "ORD-1"), person=world.jean,
        start=date(2015, 1, 1), end=date(2020, 1, 1), authority="Insolvency Service",
        reason="unfit conduct", reference="ORD-1", provenance=PROV,
    )  # fmt: skip
    current = older.model_copy(
        update={
            "key": disqualification_key(world.jean, date(2025, 1, 1), "ORD-2"),
            "start": date(2025, 1, 1), "end": None, "reference": "ORD-2",
        }
    )  # fmt: skip
    with GraphWriter(graph, settings.neo4j.database) as writer:
        writer.add([older, current], Location("bans", line=1))
    assert not writer.take_rejections()

    body = await gql(BANS, {"id": world.jean})
    assert "errors" not in body, body
    bans = body["data"]["disqualifications"]
    assert [(b["reference"], b["start"], b["end"], b["activeOn"]) for b in bans] == [
        ("ORD-2", "2025-01-01", None, True),
        ("ORD-1", "2015-01-01", "2020-01-01", False),
    ]
    assert bans[0]["id"] == current.key
    assert (bans[0]["source"], bans[0]["recordId"], bans[0]["seenAt"]) == (
        "companies-house", "d1", "2026-01-02",
    )  # fmt: skip
    assert (await gql(BANS, {"id": world.construct}))["data"]["disqualifications"] == []
