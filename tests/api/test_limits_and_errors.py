"""Limits (depth, aliases, tokens, cost, timeout), masked errors, Neo4j down and back."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest
from neo4j import Driver

from graph_schema.db import open_async_driver
from graph_schema.settings import Settings
from graphapi.app import create_app
from graphapi.errors import QueryTimeout
from graphapi.graph import Graph
from graphapi.schema.errors import INTERNAL_MESSAGE
from graphapi.tooling.local_server import free_port
from tests.api.conftest import GraphQLCall, codes, post_graphql, running
from tests.api.world import World

SIMPLE = '{ company(id: "GB-COH-01234567") { name } }'


def _deep(levels: int, person: str) -> str:
    """person -> mandates -> company -> directors -> director -> mandates … (`levels` even)."""
    inner = "id"
    for i in range(levels):
        if i % 2 == 0:
            inner = f"directors {{ nodes {{ director {{ ... on Person {{ {inner} }} }} }} }}"
        else:
            inner = f"mandates {{ nodes {{ company {{ {inner} }} }} }}"
    return f'{{ person(id: "{person}") {{ {inner} }} }}'


async def test_depth_limit(gql: GraphQLCall, world: World) -> None:
    allowed = await gql(_deep(4, world.jean))  # 13 levels: allowed, and answered
    assert "errors" not in allowed, allowed
    assert len(allowed["data"]["person"]["mandates"]["nodes"]) == 3  # Jean's three companies
    assert world.jean in re.findall(r"'id': '([^']+)'", str(allowed["data"]))  # at the bottom
    body = await gql(_deep(6, world.jean))  # 19 levels: over 15
    assert set(codes(body)) == {"QUERY_TOO_COMPLEX"}  # (its estimated cost is over, too)
    assert any("maximum operation depth of 15" in e["message"] for e in body["errors"])


async def test_alias_limit(gql: GraphQLCall, world: World) -> None:
    query = (
        "{ "
        + " ".join(f'a{i}: company(id: "{world.construct}") {{ name }}' for i in range(21))
        + " }"
    )
    body = await gql(query)
    assert codes(body) == ["QUERY_TOO_COMPLEX"]
    assert "data" not in body or body["data"] is None


async def test_token_limit(gql: GraphQLCall, world: World) -> None:
    query = '{ company(id: "x") { ' + " ".join(["name"] * 3000) + " } }"
    body = await gql(query)
    assert codes(body) == ["QUERY_TOO_COMPLEX"]


async def test_cost_limit(api_settings: Settings, world: World) -> None:
    settings = api_settings.model_copy(update={"api_max_cost": 500})
    wide = """{ search(text: "dupont", first: 50) { nodes { id ... on Company {
      directors(first: 20) { nodes { role } } } } } }"""
    async with running(create_app(settings)) as client:
        body = await post_graphql(client, wide)
        assert codes(body) == ["QUERY_TOO_COMPLEX"]
        assert "estimated cost" in body["errors"][0]["message"]
        small = wide.replace("first: 50", "first: 5").replace("first: 20", "first: 5")
        answered = await post_graphql(client, small)
        assert "errors" not in answered, answered
        ids = {n["id"] for n in answered["data"]["search"]["nodes"]}
        assert ids == {world.construct, world.holdings, world.jean, world.marie}


async def test_syntax_and_validation_errors_have_codes(gql: GraphQLCall) -> None:
    assert codes(await gql("{ company(id: ")) == ["GRAPHQL_PARSE_FAILED"]
    assert codes(await gql('{ company(id: "x") { nope } }')) == ["GRAPHQL_VALIDATION_FAILED"]


async def test_unexpected_errors_are_masked(graph: Driver, gql: GraphQLCall, world: World) -> None:
    # A node no loader would write: a date property holding garbage.
    graph.execute_query(
        "CREATE (:Company:Entity {key: 'GB-COH-00000042', name: 'Broken', "
        "incorporated_on: 'garbage'})"
    )
    body = await gql('{ company(id: "GB-COH-00000042") { name } }')
    assert body["data"] == {"company": None}
    assert codes(body) == ["INTERNAL"]
    assert body["errors"][0]["message"] == INTERNAL_MESSAGE
    text = str(body)
    assert "Traceback" not in text and "garbage" not in text and "MATCH" not in text


async def test_request_timeout(api_settings: Settings, world: World) -> None:
    settings = api_settings.model_copy(update={"api_query_timeout_s": 1e-6})
    async with running(create_app(settings)) as client:
        body = await post_graphql(client, SIMPLE)
    assert codes(body) == ["TIMEOUT"]


async def test_a_slow_cypher_is_cut_off_at_the_deadline(settings: Settings, driver: Driver) -> None:
    async_driver = open_async_driver(settings.neo4j)
    try:
        graph = Graph(async_driver, settings.neo4j.database, timeout_s=1.0)
        started = time.monotonic()
        with pytest.raises(QueryTimeout):
            await graph.read(
                "UNWIND range(1, 1000000000) AS x WITH x WHERE x % 7 = 123 RETURN count(x)", {}
            )
        assert time.monotonic() - started < 5
    finally:
        await async_driver.close()
    # Neo4j is freed too: the transaction does not run on after the client gave up.
    for _ in range(50):
        running = driver.execute_query(
            "SHOW TRANSACTIONS YIELD currentQuery "
            "WHERE currentQuery CONTAINS 'range(1, 1000000000)' "
            "AND NOT currentQuery CONTAINS 'SHOW' RETURN count(*) AS n"
        ).records[0]["n"]
        if running == 0:
            break
        await asyncio.sleep(0.1)
    assert running == 0


@asynccontextmanager
async def tcp_proxy(listen: int, target: int) -> AsyncIterator[None]:
    """A TCP forwarder standing in for the network path to Neo4j (close it = Neo4j down)."""
    pipes: set[asyncio.Task[None]] = set()
    writers: list[asyncio.StreamWriter] = []

    async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", target)
        writers.extend([writer, up_writer])
        for task in (pipe(reader, up_writer), pipe(up_reader, writer)):
            t = asyncio.create_task(task)
            pipes.add(t)
            t.add_done_callback(pipes.discard)

    server = await asyncio.start_server(handle, "127.0.0.1", listen)
    try:
        yield
    finally:
        server.close()
        for w in writers:
            w.close()
        for t in list(pipes):
            t.cancel()
        await asyncio.gather(*pipes, return_exceptions=True)
        await server.wait_closed()


async def _unavailable(client: httpx.AsyncClient) -> None:
    body = await post_graphql(client, SIMPLE)
    assert codes(body) == ["UNAVAILABLE"]
    assert body["data"] == {"company": None}
    ready = await client.get("/readyz")
    assert ready.status_code == 503 and ready.json()["status"] == "unavailable"
    assert (await client.get("/healthz")).status_code == 200


async def test_neo4j_away_answers_unavailable_fast(api_settings: Settings, world: World) -> None:
    """Nothing listens on Neo4j's port (a stopped server, as the network sees it): a query
    answers UNAVAILABLE and /readyz 503 with a plain reason, each well within 2 s (an upper
    bound, not a benchmark), and a second query is as quick (no driver back-off)."""
    port = free_port()
    neo4j = api_settings.neo4j.model_copy(update={"uri": f"bolt://127.0.0.1:{port}"})
    settings = api_settings.model_copy(update={"neo4j": neo4j})
    async with running(create_app(settings)) as client:
        for _ in range(2):
            started = time.perf_counter()
            body = await post_graphql(client, SIMPLE)
            assert time.perf_counter() - started < 2.0
            assert codes(body) == ["UNAVAILABLE"]
        started = time.perf_counter()
        ready = await client.get("/readyz")
        assert time.perf_counter() - started < 2.0
        reason = ready.json()["reason"]
        assert ready.status_code == 503 and "not reachable" in reason and "narrow" not in reason


async def test_neo4j_down_is_unavailable_and_the_server_recovers(
    api_settings: Settings, world: World
) -> None:
    port = free_port()  # nothing listens here until the proxy starts
    neo4j = api_settings.neo4j.model_copy(update={"uri": f"bolt://127.0.0.1:{port}"})
    settings = api_settings.model_copy(update={"neo4j": neo4j})
    async with running(create_app(settings)) as client:  # starts although Neo4j is down
        await _unavailable(client)
        async with tcp_proxy(port, api_settings.bolt_port):
            assert (await client.get("/readyz")).status_code == 200
            body = await post_graphql(client, SIMPLE)
            assert body == {"data": {"company": {"name": "DUPONT CONSTRUCT LTD"}}}
        await _unavailable(client)  # down again after it was up
        async with tcp_proxy(port, api_settings.bolt_port):
            body = await post_graphql(client, SIMPLE)
            assert body == {"data": {"company": {"name": "DUPONT CONSTRUCT LTD"}}}
