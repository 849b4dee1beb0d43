"""Hostile requests: query shapes, batches, huge bodies, injection strings, generated queries.

Every answer is a typed error or a normal answer: never a 5xx, never INTERNAL, never data the
request did not ask for, never a write.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
from neo4j import Driver
from pydantic import SecretStr

from graph_schema.settings import Settings
from graphapi.app import create_app
from graphapi.http.limits import MAX_EXPANDED_FIELDS, expanded_fields
from graphapi.http.request_guard import MAX_BODY_BYTES
from tests.api.conftest import GraphQLCall, codes, post_graphql, running
from tests.api.world import World

# Codes a client may legitimately get back from a hostile but well-formed request.
TYPED = {
    "NOT_FOUND",
    "INVALID_ARGUMENT",
    "QUERY_TOO_COMPLEX",
    "GRAPHQL_PARSE_FAILED",
    "GRAPHQL_VALIDATION_FAILED",
    "FORBIDDEN",
}


def _typed(body: dict[str, Any]) -> list[str]:
    found = codes(body)
    assert set(found) <= TYPED, body
    return found


async def test_deep_nesting_is_refused_before_execution(gql: GraphQLCall, world: World) -> None:
    # Real fields, 100 levels: over the depth limit.
    inner = "id"
    for i in range(50):
        inner = (
            f"directors {{ nodes {{ director {{ ... on Person {{ {inner} }} }} }} }}"
            if i % 2 == 0
            else f"mandates {{ nodes {{ company {{ {inner} }} }} }}"
        )
    body = await gql(f'{{ person(id: "{world.jean}") {{ {inner} }} }}')
    assert "QUERY_TOO_COMPLEX" in _typed(body) and not body.get("data")
    # Nested braces: the parser gives up early (graphql-core's nesting cap), no recursion error.
    for levels in (900, 5000):
        body = await gql("{ " + "a { " * levels + "b" + " }" * (levels + 1))
        assert _typed(body) == ["GRAPHQL_PARSE_FAILED"] and not body.get("data")
        assert "nested too deeply" in body["errors"][0]["message"]


async def test_alias_bombs_are_refused(gql: GraphQLCall, world: World) -> None:
    typename = "{ " + " ".join(f"t{i}: __typename" for i in range(500)) + " }"
    assert _typed(await gql(typename)) == ["QUERY_TOO_COMPLEX"]
    heavy = f'dueDiligence(companyId: "{world.construct}") {{ rating {{ score }} }}'
    lookups = "{ " + " ".join(f"c{i}: {heavy}" for i in range(30)) + " }"
    body = await gql(lookups)
    assert _typed(body) == ["QUERY_TOO_COMPLEX"] and not body.get("data")


def _fragment_bomb(levels: int) -> str:
    """Each fragment spreads the previous one twice: 2**levels fields in ~40 bytes a level."""
    frags = ["fragment F0 on Company { name }"]
    frags += [f"fragment F{i} on Company {{ ...F{i - 1} ...F{i - 1} }}" for i in range(1, levels)]
    return f'{{ company(id: "GB-COH-01234567") {{ ...F{levels - 1} }} }} ' + " ".join(frags)


async def test_fragment_bombs_are_refused_fast(gql: GraphQLCall, world: World) -> None:
    started = time.monotonic()
    body = await gql(_fragment_bomb(60))  # 2**59 fields: would never finish if walked
    assert _typed(body) == ["QUERY_TOO_COMPLEX"]
    assert "fragments are expanded" in body["errors"][0]["message"]
    assert time.monotonic() - started < 2.0
    # Fragments spreading each other in a cycle: the standard rule, quickly.
    cycle = """{ company(id: "GB-COH-01234567") { ...A } }
      fragment A on Company { name ...B } fragment B on Company { id ...A }"""
    body = await gql(cycle)
    assert _typed(body) == ["GRAPHQL_VALIDATION_FAILED"]
    assert "cannot spread fragment" in body["errors"][0]["message"].lower()
    # A fragment reused a reasonable number of times still works.
    small = _fragment_bomb(4)
    assert (await gql(small))["data"] == {"company": {"name": "DUPONT CONSTRUCT LTD"}}


def test_expanded_field_count_is_linear_and_exact() -> None:
    from graphql import parse

    assert expanded_fields(parse(_fragment_bomb(4))) == 1 + 2**3
    assert expanded_fields(parse(_fragment_bomb(200))) > MAX_EXPANDED_FIELDS


async def test_huge_or_negative_first_is_a_typed_error(gql: GraphQLCall, world: World) -> None:
    search = 'query Q($n: Int) { search(text: "dupont", first: $n) { totalCount } }'
    directors = (
        "query Q($n: Int) { company(id: ID) { directors(first: $n) { totalCount } } }".replace(
            "ID", json.dumps(world.construct)
        )
    )
    for query in (search, directors):
        for first in (1_000_000, 101, -1):  # through a variable: checked by the resolver
            assert _typed(await gql(query, {"n": first})) == ["INVALID_ARGUMENT"]
        literal = query.replace("($n: Int)", "")
        # Written into the query: a huge page is over the cost estimate before it runs.
        assert _typed(await gql(literal.replace("$n", "1000000"))) == ["QUERY_TOO_COMPLEX"]
        assert _typed(await gql(literal.replace("$n", "-5"))) == ["INVALID_ARGUMENT"]
        # Not a 32-bit Int at all (and, read as a page size, too expensive as well).
        body = await gql(literal.replace("$n", "99999999999"))
        assert "GRAPHQL_VALIDATION_FAILED" in _typed(body) and not body.get("data")
    scan = "query Q($n: Int!) { signals(first: $n) { edges { companyId } } }"
    assert _typed(await gql(scan, {"n": 100_000})) == ["INVALID_ARGUMENT"]


async def test_batched_operations_are_refused_with_a_typed_error(
    client: httpx.AsyncClient, api_settings: Settings, world: World
) -> None:
    one = {"query": '{ company(id: "GB-COH-01234567") { name } }'}
    for batch in ([one, one], [one] * 1000, []):
        response = await client.post("/graphql", json=batch)
        assert response.status_code == 400
        assert codes(response.json()) == ["BATCH_NOT_SUPPORTED"]
    assert not api_settings.api_audit_log.exists()  # nothing was executed
    # Bodies that are not a JSON object are typed refusals too.
    for content in (b"not json", b'"a string"', b"[[[[" * 10_000):
        response = await client.post(
            "/graphql", content=content, headers={"Content-Type": "application/json"}
        )
        assert response.status_code == 400 and codes(response.json())


async def test_oversized_bodies_get_413(client: httpx.AsyncClient, world: World) -> None:
    padding = " " * (MAX_BODY_BYTES + 1)
    query = '{ company(id: "GB-COH-01234567") { name } }'
    response = await client.post("/graphql", json={"query": query + padding})
    assert response.status_code == 413 and codes(response.json()) == ["REQUEST_TOO_LARGE"]

    async def stream() -> AsyncIterator[bytes]:  # no Content-Length: counted as it arrives
        yield b'{"query": "' + query.replace('"', '\\"').encode()
        for _ in range(20):
            yield b" " * 100_000
        yield b'"}'

    response = await client.post(
        "/graphql", content=stream(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413 and codes(response.json()) == ["REQUEST_TOO_LARGE"]
    # Just under the cap (whitespace is not a token): a normal answer.
    near = " " * (MAX_BODY_BYTES - 200)
    response = await client.post("/graphql", json={"query": query + near})
    assert response.status_code == 200
    assert response.json()["data"] == {"company": {"name": "DUPONT CONSTRUCT LTD"}}


async def test_introspection_disabled_by_configuration(
    api_settings: Settings, world: World
) -> None:
    reader, analyst, admin = (f"{role}-key-0123456789abcdef" for role in ("rdr", "anl", "adm"))
    keys = json.dumps({reader: "reader", analyst: "analyst", admin: "admin"})
    settings = api_settings.model_copy(
        update={"api_keys": SecretStr(keys), "api_introspection": False}
    )
    probes = [
        "{ __schema { types { name } } }",
        '{ __type(name: "Company") { fields { name } } }',
        "{ s: __schema { queryType { name } } }",
        "{ ...F } fragment F on Query { __schema { queryType { name } } }",
        '{ company(id: "GB-COH-01234567") { name } __type(name: "Person") { name } }',
    ]
    async with running(create_app(settings)) as client:
        for key in (reader, analyst):
            for probe in probes:
                body = await post_graphql(client, probe, headers={"X-API-Key": key})
                assert "FORBIDDEN" in codes(body) and not body.get("data"), probe
            # __typename is not introspection: still answered.
            body = await post_graphql(
                client,
                '{ company(id: "GB-COH-01234567") { __typename name } }',
                headers={"X-API-Key": key},
            )
            assert body["data"]["company"]["__typename"] == "Company"
        body = await post_graphql(client, probes[1], headers={"X-API-Key": admin})
        assert "errors" not in body and body["data"]["__type"]["fields"]


HOSTILE = [
    "' OR 1=1 //",
    '") RETURN n //',
    "x'}) MATCH (n) DETACH DELETE n //",
    "MATCH (n) DETACH DELETE n",
    "$id",
    "{id}",
    "`key`",
    "\\",
    "*:*",
    "*",
    "?*",
    "name:*",
    "dupont OR *",
    "NOT dupont",
    "dupont~0.1",
    "/.*/",
    "[a TO z]",
    "((((((",
    '"unterminated',
    "dupont^100",
    "\x00\x01",
    "\u202edupont",
    "GB-COH-01234567' OR '1'='1",
    "GB-COH-01234567\n MATCH (n) RETURN n",
    "a" * 10_000,
]

# (query, variable names that receive the hostile string)
TEXT_ARGUMENTS: list[tuple[str, list[str]]] = [
    ("query($s: String!) { search(text: $s) { totalCount nodes { id } } }", ["s"]),
    (
        'query($s: String) { search(text: "dupont", after: $s) { nodes { id } } }',
        ["s"],
    ),
    ("query($s: ID!) { company(id: $s) { id name } }", ["s"]),
    ("query($s: ID!) { person(id: $s) { id name } }", ["s"]),
    ("query($s: ID!) { address(id: $s) { id } }", ["s"]),
    ("query($s: ID!) { entity(id: $s) { id } }", ["s"]),
    (
        "query($s: String!) { companyByIdentifier(scheme: $s, value: $s) { id } }",
        ["s"],
    ),
    (
        'query($s: String!) { companyByIdentifier(scheme: "GB-COH", value: $s) { id } }',
        ["s"],
    ),
    ("query($s: ID!) { dueDiligence(companyId: $s) { rating { score } } }", ["s"]),
    ("query($s: ID!) { uboCheck(companyId: $s) { companyId } }", ["s"]),
    (
        'query($s: String!) { uboCheck(companyId: "GB-COH-01234567", operator: $s) { companyId } }',
        ["s"],
    ),
    ("query($s: ID!) { uboChecks(companyIds: [$s, $s]) { companyId } }", ["s"]),
    ("query($s: String) { signals(after: $s) { edges { companyId } } }", ["s"]),
    ("query($s: ID!) { connections(fromId: $s, toId: $s) { entityIds } }", ["s"]),
    (
        'query($s: String) { company(id: "GB-COH-01234567") { directors(after: $s) '
        "{ nodes { role } } events(after: $s) { totalCount } } }",
        ["s"],
    ),
    (
        'query($s: String) { person(id: "PERSON") { mandates(after: $s) { totalCount } } }',
        ["s"],
    ),
]


def _count(driver: Driver, database: str) -> tuple[int, int]:
    with driver.session(database=database) as session:
        record = session.run(
            "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS n, count(r) AS r"
        ).single()
    assert record is not None
    return int(record["n"]), int(record["r"])


async def test_injection_strings_in_every_text_argument_are_harmless(
    graph: Driver, settings: Settings, gql: GraphQLCall, world: World
) -> None:
    before = _count(graph, settings.neo4j.database)
    asked = 0
    for query, names in TEXT_ARGUMENTS:
        query = query.replace("PERSON", world.jean)
        for text in HOSTILE:
            body = await gql(query, {name: text for name in names})
            # The queries are valid: any refusal comes from the resolvers, typed.
            assert set(_typed(body)) <= {"NOT_FOUND", "INVALID_ARGUMENT"}, (query, text, body)
            asked += 1
            data = body.get("data") or {}
            for field, value in data.items():
                # Lookups by a hostile id find nothing; nothing else is returned instead.
                if field in ("company", "person", "address", "entity", "companyByIdentifier"):
                    assert value is None or value["id"] == world.construct, (query, text, value)
                if field == "uboChecks":
                    assert value == []
                if field == "connections":
                    assert value == []
    assert asked == len(TEXT_ARGUMENTS) * len(HOSTILE)
    # Lucene wildcards and fields are escaped: they match nothing, not everything.
    for text in ("*:*", "*", "?*", "name:*", "/.*/", "[a TO z]"):
        body = await gql("query($s: String!) { search(text: $s) { totalCount } }", {"s": text})
        assert body["data"]["search"]["totalCount"] == 0, text
    assert _count(graph, settings.neo4j.database) == before  # nothing written or deleted
