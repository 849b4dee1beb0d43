"""No N+1: a nested query costs the same few Cypher round trips whatever the fan-out."""

from __future__ import annotations

from typing import Any

from neo4j import Driver
from starlette.requests import Request

from graph_schema.db import open_async_driver
from graph_schema.settings import Settings
from graphapi.context import Context
from graphapi.dataloaders import build_loaders
from graphapi.graph import Graph
from graphapi.http.auth import ANONYMOUS
from graphapi.schema import build_schema
from tests.api.world import World, fan_out_records, write_records

NESTED = """{
  search(text: "dupont", kind: COMPANY, first: 50) {
    totalCount
    nodes { id ... on Company {
      directors(includeHistorical: true, first: 20) { nodes { director { id ... on Person {
        mandates(first: 20) { nodes { company { id events(first: 5) { totalCount
          nodes { kind date } } } } } } } } } } }
  }
}"""


async def _run(settings: Settings, query: str) -> tuple[dict[str, Any], int]:
    # The worst case of NESTED (50 x 20 x 20 x 5 events) is over the default cost limit,
    # which is not what this test is about.
    settings = settings.model_copy(update={"api_max_cost": 10_000_000})
    driver = open_async_driver(settings.neo4j)
    try:
        graph = Graph(driver, settings.neo4j.database, timeout_s=30)
        context = Context(
            request=Request({"type": "http", "method": "POST", "path": "/graphql", "headers": []}),
            settings=settings,
            graph=graph,
            loaders=build_loaders(graph),
            caller=ANONYMOUS,
        )
        result = await build_schema(settings).execute(query, context_value=context)
        assert result.errors is None, result.errors
        assert result.data is not None
        return result.data, graph.round_trips
    finally:
        await driver.close()


def _mandates(data: dict[str, Any]) -> int:
    return sum(
        len(d["director"]["mandates"]["nodes"])
        for c in data["search"]["nodes"]
        for d in c["directors"]["nodes"]
    )


async def test_nested_query_costs_four_round_trips_whatever_the_fan_out(
    graph: Driver, settings: Settings, world: World
) -> None:
    small, small_trips = await _run(settings, NESTED)
    assert small["search"]["totalCount"] == 2
    assert _mandates(small) == 3 + 1  # Construct: Jean (3 mandates), Marie (1); Holdings: none
    assert small_trips == 4  # search, directors, mandates, events

    write_records(graph, settings.neo4j.database, fan_out_records(20))
    big, big_trips = await _run(settings, NESTED)
    assert big["search"]["totalCount"] == 22
    assert _mandates(big) > 100  # 60 fan-out directors with 2 mandates each, and more
    assert big_trips == small_trips == 4


async def test_same_entity_asked_twice_is_loaded_once(
    graph: Driver, settings: Settings, world: World
) -> None:
    query = f"""{{ a: company(id: "{world.construct}") {{ name }}
                  b: company(id: "{world.construct}") {{ name }}
                  c: person(id: "{world.jean}") {{ name }} }}"""
    data, trips = await _run(settings, query)
    assert data["a"] == data["b"] == {"name": "DUPONT CONSTRUCT LTD"}
    assert trips == 1  # three lookups batched into one query


async def test_person_with_bankruptcy_history_is_one_round_trip(
    graph: Driver, settings: Settings, world: World
) -> None:
    query = f"""{{ person(id: "{world.jean}") {{ id name
                   bankruptcyHistory {{ count cases {{ companyId }} }} }} }}"""
    data, trips = await _run(settings, query)
    assert data["person"]["name"] == "Jean Dupont"
    history = data["person"]["bankruptcyHistory"]
    assert history["count"] == 1
    assert [c["companyId"] for c in history["cases"]] == [world.failed]
    assert trips == 1  # the history query carries the person's node
