"""API keys and roles, introspection gate, CORS, audit log, /healthz."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import SecretStr
from starlette.types import Message, Scope

from graph_schema.errors import InvalidInput, InvalidSetting
from graph_schema.settings import Settings
from graphapi.app import create_app
from graphapi.http.auth import Role, key_id, parse_api_keys
from tests.api.conftest import codes, post_graphql, running
from tests.api.world import World

READER = "reader-key-0123456789abcdef"
ADMIN = "admin-key-0123456789abcdef"
QUERY = 'query One { company(id: "GB-COH-01234567") { name } }'


def _with_keys(api_settings: Settings, **extra: object) -> Settings:
    keys = SecretStr(json.dumps({READER: "reader", ADMIN: "admin"}))
    return api_settings.model_copy(update={"api_keys": keys, **extra})


async def test_with_keys_no_request_passes_without_a_valid_one(
    api_settings: Settings, world: World
) -> None:
    async with running(create_app(_with_keys(api_settings))) as client:
        for headers in (
            {},
            {"Authorization": "Bearer wrong-key-0123456789abcdef"},
            {"X-API-Key": READER[:-1]},
            {"Authorization": f"Basic {READER}"},
        ):
            body = await post_graphql(client, QUERY, headers=headers, status=401)
            assert codes(body) == ["UNAUTHENTICATED"]
            assert "data" not in body
        ok = await post_graphql(client, QUERY, headers={"Authorization": f"Bearer {READER}"})
        assert ok["data"] == {"company": {"name": "DUPONT CONSTRUCT LTD"}}
        ok = await post_graphql(client, QUERY, headers={"X-API-Key": ADMIN})
        assert ok["data"] == {"company": {"name": "DUPONT CONSTRUCT LTD"}}
        # Probes need no key.
        assert (await client.get("/healthz")).status_code == 200
        assert (await client.get("/readyz")).status_code == 200


async def test_without_keys_the_api_is_open(client: httpx.AsyncClient, world: World) -> None:
    body = await post_graphql(client, QUERY)
    assert body["data"] == {"company": {"name": "DUPONT CONSTRUCT LTD"}}


async def test_introspection_can_be_reserved_to_admins(
    api_settings: Settings, world: World
) -> None:
    settings = _with_keys(api_settings, api_introspection=False)
    introspect = "{ __schema { queryType { name } } }"
    async with running(create_app(settings)) as client:
        body = await post_graphql(client, introspect, headers={"X-API-Key": READER})
        assert codes(body) == ["FORBIDDEN"]
        body = await post_graphql(client, introspect, headers={"X-API-Key": ADMIN})
        assert body["data"] == {"__schema": {"queryType": {"name": "Query"}}}
        # Ordinary queries stay allowed for readers.
        body = await post_graphql(client, QUERY, headers={"X-API-Key": READER})
        assert body == {"data": {"company": {"name": "DUPONT CONSTRUCT LTD"}}}


def test_api_keys_configuration_formats_and_mistakes() -> None:
    assert parse_api_keys("") == {}
    assert parse_api_keys(f"{READER}:reader, {ADMIN}:ADMIN") == {
        READER: Role.READER,
        ADMIN: Role.ADMIN,
    }
    assert parse_api_keys(json.dumps({READER: "analyst"})) == {READER: Role.ANALYST}
    with pytest.raises(InvalidInput, match="unknown role 'boss'") as bad_role:
        parse_api_keys(f"{READER}:boss")
    assert READER not in str(bad_role.value)  # the key itself is never echoed
    with pytest.raises(InvalidInput, match="shorter than 16"):
        parse_api_keys("short:reader")
    with pytest.raises(InvalidInput, match="not valid JSON"):
        parse_api_keys("{nope")
    with pytest.raises(InvalidSetting, match="DUEGRAPH_API_KEYS: unknown role 'boss'"):
        create_app(Settings(api_keys=SecretStr(f"{READER}:boss")))


def test_keys_are_secret_in_settings() -> None:
    settings = Settings(api_keys=SecretStr(f"{READER}:reader"))
    assert READER not in repr(settings) and READER not in str(settings.model_dump())


async def test_cors_allows_configured_origins_only(api_settings: Settings, world: World) -> None:
    settings = api_settings.model_copy(update={"api_cors_origins": "https://ui.example"})
    preflight = {"Access-Control-Request-Method": "POST"}
    async with running(create_app(settings)) as client:
        ok = await client.options("/graphql", headers={"Origin": "https://ui.example", **preflight})
        assert ok.headers["access-control-allow-origin"] == "https://ui.example"
        other = await client.options(
            "/graphql", headers={"Origin": "https://evil.example", **preflight}
        )
        assert "access-control-allow-origin" not in other.headers


def _audit_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


async def test_every_entity_read_is_audited_with_the_key_id_not_the_key(
    api_settings: Settings, world: World
) -> None:
    settings = _with_keys(api_settings)
    nested = """query WhoRuns($id: ID!) { company(id: $id) { name
      directors { nodes { director { id } } } } }"""
    async with running(create_app(settings)) as client:
        reader = {"X-API-Key": READER}
        await post_graphql(client, nested, {"id": world.construct}, headers=reader)
        await post_graphql(
            client, 'query { search(text: "vlaamse") { nodes { id } } }', headers=reader
        )
        await post_graphql(client, '{ person(id: "nobody") { name } }', headers=reader)
        # A client cannot opt out of auditing.
        await client.post(
            "/graphql",
            json={"query": QUERY, "extensions": {"audit": False}},
            headers={"Authorization": f"Bearer {ADMIN}"},
        )
        # The same document again (served from the parsed-document cache) is audited too.
        await post_graphql(client, nested, {"id": world.vlaamse}, headers=reader)
    log_text = settings.api_audit_log.read_text()
    assert READER not in log_text and ADMIN not in log_text
    lines = _audit_lines(settings.api_audit_log)
    assert len(lines) == 5
    first = lines[0]
    assert first["caller"] == key_id(READER) and first["role"] == "reader"
    assert first["operation"] == "WhoRuns"
    assert first["fields"] == {
        "company": {"field": "company", "args": {"id": world.construct}, "outcome": "ok"}
    }
    assert first["outcome"] == "ok"
    assert first["entity_ids"] == sorted([world.construct, world.jean])
    assert first["errors"] == []
    assert first["at"].endswith("+00:00")
    assert lines[1]["fields"]["search"]["args"] == {"text": "vlaamse"}
    assert world.vlaamse in lines[1]["entity_ids"]
    assert lines[2]["fields"]["person"]["args"] == {"id": "nobody"}
    assert lines[2]["errors"] == ["NOT_FOUND"] and lines[2]["entity_ids"] == []
    assert lines[2]["fields"]["person"]["outcome"] == "NOT_FOUND"
    assert lines[3]["caller"] == key_id(ADMIN) and lines[3]["entity_ids"] == [world.construct]
    assert lines[4]["fields"]["company"]["args"] == {"id": world.vlaamse}
    assert world.vlaamse in lines[4]["entity_ids"] and world.construct not in lines[4]["entity_ids"]


async def test_no_audit_trail_no_data(api_settings: Settings, world: World, tmp_path: Path) -> None:
    blocked = tmp_path / "audit-dir"
    blocked.mkdir()  # a directory cannot be appended to
    settings = api_settings.model_copy(update={"api_audit_log": blocked})
    async with running(create_app(settings)) as client:
        body = await post_graphql(client, QUERY)
    assert body["data"] is None
    assert codes(body) == ["INTERNAL"]


async def test_healthz_answers_without_the_database(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


async def test_audit_names_only_entities_the_caller_received(
    client: httpx.AsyncClient, api_settings: Settings, world: World
) -> None:
    await post_graphql(client, '{ search(text: "dupont") { totalCount } }')
    await post_graphql(client, '{ search(text: "vlaamse bouwgroep", first: 1) { nodes { id } } }')
    counted, listed = _audit_lines(api_settings.api_audit_log)
    assert counted["entity_ids"] == []
    assert listed["entity_ids"] == [world.vlaamse]


async def test_websockets_cannot_bypass_the_key_check(api_settings: Settings) -> None:
    """GraphQL over websockets would skip the HTTP key check: /graphql refuses them."""
    app = create_app(_with_keys(api_settings))
    sent: list[Message] = []
    inbox: list[Message] = [{"type": "websocket.connect"}]

    async def receive() -> Message:
        return inbox.pop(0) if inbox else {"type": "websocket.disconnect", "code": 1000}

    async def send(message: Message) -> None:
        sent.append(message)

    scope: Scope = {
        "type": "websocket",
        "path": "/graphql",
        "raw_path": b"/graphql",
        "query_string": b"",
        "headers": [],
        "subprotocols": ["graphql-transport-ws"],
        "state": {},
    }
    await app(scope, receive, send)
    assert sent and sent[0]["type"] == "websocket.close"
    assert not any(m["type"] == "websocket.accept" for m in sent)
