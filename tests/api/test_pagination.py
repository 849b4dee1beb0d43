"""Cursor pagination: pages join up, edges of the range, limits on `first`, bad cursors."""

from __future__ import annotations

from typing import Any

import pytest
from neo4j import Driver

from graph_schema.settings import Settings
from tests.api.conftest import GraphQLCall, codes
from tests.api.world import BUSY, World, busy_director_records, write_records

MANDATES = """query($id: ID!, $first: Int, $after: String) { person(id: $id) {
  mandates(first: $first, after: $after) { totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { company { id } } } } } }"""


async def _page(
    gql: GraphQLCall, world: World, first: Any, after: Any = None, person: str | None = None
) -> dict[str, Any]:
    body = await gql(MANDATES, {"id": person or world.jean, "first": first, "after": after})
    return body


async def test_pages_join_up_without_gaps_or_repeats(gql: GraphQLCall, world: World) -> None:
    seen: list[str] = []
    after = None
    pages = 0
    while True:
        body = await _page(gql, world, 1, after)
        conn = body["data"]["person"]["mandates"]
        assert conn["totalCount"] == 3
        seen += [e["node"]["company"]["id"] for e in conn["edges"]]
        assert conn["pageInfo"]["hasPreviousPage"] is (after is not None)
        pages += 1
        if not conn["pageInfo"]["hasNextPage"]:
            break
        after = conn["pageInfo"]["endCursor"]
    assert pages == 3
    assert seen == [world.vlaamse, world.construct, world.failed]
    whole = await _page(gql, world, 10)
    assert [
        e["node"]["company"]["id"] for e in whole["data"]["person"]["mandates"]["edges"]
    ] == seen


async def test_after_the_last_cursor_is_an_empty_page(gql: GraphQLCall, world: World) -> None:
    whole = (await _page(gql, world, 10))["data"]["person"]["mandates"]
    last = whole["pageInfo"]["endCursor"]
    assert whole["edges"][-1]["cursor"] == last
    after_last = (await _page(gql, world, 10, last))["data"]["person"]["mandates"]
    assert after_last["edges"] == []
    assert after_last["totalCount"] == 3
    assert after_last["pageInfo"]["hasNextPage"] is False
    assert after_last["pageInfo"]["hasPreviousPage"] is True


async def test_first_zero_gives_only_the_count(gql: GraphQLCall, world: World) -> None:
    conn = (await _page(gql, world, 0))["data"]["person"]["mandates"]
    assert conn["edges"] == [] and conn["totalCount"] == 3
    assert conn["pageInfo"]["hasNextPage"] is True
    assert conn["pageInfo"]["startCursor"] is None


async def test_default_page_size_is_ten(
    gql: GraphQLCall, world: World, graph: Driver, settings: Settings
) -> None:
    write_records(graph, settings.neo4j.database, busy_director_records(12))
    body = await gql(MANDATES, {"id": BUSY})
    conn = body["data"]["person"]["mandates"]
    assert conn["totalCount"] == 12
    assert len(conn["edges"]) == 10
    assert conn["pageInfo"]["hasNextPage"] is True
    rest = (await _page(gql, world, None, conn["pageInfo"]["endCursor"], BUSY))["data"]
    ids = [e["node"]["company"]["id"] for e in conn["edges"] + rest["person"]["mandates"]["edges"]]
    assert len(rest["person"]["mandates"]["edges"]) == 2
    assert sorted(ids) == [f"GB-COH-{6000000 + i:08d}" for i in range(12)]


@pytest.mark.parametrize("first", [-1, 101, 10_000])
async def test_negative_or_oversized_first_is_invalid(
    gql: GraphQLCall, world: World, first: int
) -> None:
    body = await _page(gql, world, first)
    assert codes(body) == ["INVALID_ARGUMENT"]
    assert body["errors"][0]["extensions"]["field"] == "first"


@pytest.mark.parametrize("after", ["nonsense", "ZGcxOi01", "", "!!!"])
async def test_foreign_cursors_are_invalid(gql: GraphQLCall, world: World, after: str) -> None:
    body = await _page(gql, world, 2, after)
    assert codes(body) == ["INVALID_ARGUMENT"]
    assert body["errors"][0]["extensions"]["field"] == "after"


async def test_search_pages_through_all_hits(gql: GraphQLCall, world: World) -> None:
    query = """query($after: String) { search(text: "dupont", first: 2, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { id } } }"""
    first = (await gql(query, {}))["data"]["search"]
    second = (await gql(query, {"after": first["pageInfo"]["endCursor"]}))["data"]["search"]
    assert first["totalCount"] == second["totalCount"] == 4
    ids = [n["id"] for n in first["nodes"] + second["nodes"]]
    assert set(ids) == {world.construct, world.holdings, world.jean, world.marie}
    assert second["pageInfo"]["hasNextPage"] is False
