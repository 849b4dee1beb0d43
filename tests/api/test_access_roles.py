"""Access control over the whole schema: keys on every root field, analyst-only batch jobs,
constant-time key comparison, keys never logged, failed attempts audited."""

from __future__ import annotations

import hmac
import json
import logging
from typing import Any

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    get_named_type,
    is_composite_type,
)
from pydantic import SecretStr

from graph_schema.settings import Settings
from graphapi.app import create_app
from graphapi.errors import Unauthenticated
from graphapi.http.auth import Authenticator, Role, key_id
from graphapi.schema import build_schema
from tests.api.conftest import codes, post_graphql, running
from tests.api.world import World

READER = "reader-key-0123456789abcdef"
ANALYST = "analyst-key-0123456789abcdef"
ADMIN = "admin-key-0123456789abcdef"
SCALARS = {"ID": '"x"', "String": '"x"', "Int": "1", "Float": "1.0", "Boolean": "false"}
SCALARS |= {"Date": '"2024-01-01"', "DateTime": '"2024-01-01T00:00:00Z"'}


def _keyed(api_settings: Settings) -> Settings:
    keys = json.dumps({READER: "reader", ANALYST: "analyst", ADMIN: "admin"})
    return api_settings.model_copy(update={"api_keys": SecretStr(keys)})


def _literal(type_: GraphQLInputType) -> str:
    """A valid literal for an input type (required input-object fields only)."""
    if isinstance(type_, GraphQLNonNull):
        return _literal(type_.of_type)
    if isinstance(type_, GraphQLList):
        return f"[{_literal(type_.of_type)}]"
    if isinstance(type_, GraphQLEnumType):
        return str(next(iter(type_.values)))
    if isinstance(type_, GraphQLInputObjectType):
        fields = [
            f"{name}: {_literal(f.type)}"
            for name, f in type_.fields.items()
            if isinstance(f.type, GraphQLNonNull) and f.default_value is None
        ]
        return "{" + ", ".join(fields) + "}"
    assert isinstance(type_, GraphQLScalarType), type_
    return SCALARS[type_.name]


def _probe(kind: str, name: str, field: GraphQLField) -> str:
    """A minimal valid operation calling one root field."""
    args = [
        f"{arg_name}: {_literal(arg.type)}"
        for arg_name, arg in field.args.items()
        if isinstance(arg.type, GraphQLNonNull)
    ]
    call = f"{name}({', '.join(args)})" if args else name
    selection = " { __typename }" if is_composite_type(get_named_type(field.type)) else ""
    return f"{kind} {{ {call}{selection} }}"


def root_probes(settings: Settings) -> list[str]:
    """One probe per root field of the current schema: new fields are covered automatically."""
    schema = build_schema(settings)._schema
    probes: list[str] = []
    for kind, root in (("query", schema.query_type), ("mutation", schema.mutation_type)):
        if isinstance(root, GraphQLObjectType):
            probes += [_probe(kind, name, field) for name, field in root.fields.items()]
    return probes


async def test_every_root_field_needs_a_valid_key(api_settings: Settings, world: World) -> None:
    settings = _keyed(api_settings)
    probes = root_probes(settings)
    assert any(p.startswith("query { uboChecks") for p in probes)
    assert len(probes) >= 14
    async with running(create_app(settings)) as client:
        for probe in probes:
            for headers in (
                {},
                {"X-API-Key": "not-a-configured-key-0123"},
                {"Authorization": f"Bearer {READER}x"},
                {"Authorization": f"Token {READER}"},
            ):
                body = await post_graphql(client, probe, headers=headers, status=401)
                assert codes(body) == ["UNAUTHENTICATED"] and "data" not in body, probe
            # The same operation with an admin key passes the key check and is a valid query.
            response = await client.post(
                "/graphql", json={"query": probe}, headers={"X-API-Key": ADMIN}
            )
            assert response.status_code == 200, (probe, response.text)
            found = codes(response.json())
            assert not {"UNAUTHENTICATED", "GRAPHQL_VALIDATION_FAILED"} & set(found), probe
    lines = settings.api_audit_log.read_text().splitlines()
    assert len(lines) == len(probes)  # only the admin's calls ran (and were audited)


UBO_CHECKS = 'query Batch { uboChecks(companyIds: ["GB-COH-01234567"]) { companyId } }'
SCAN = "query Scan { signals(first: 5) { edges { companyId } totalCompanies } }"


async def test_readers_cannot_run_batch_jobs(api_settings: Settings, world: World) -> None:
    settings = _keyed(api_settings)
    async with running(create_app(settings)) as client:
        for query in (UBO_CHECKS, SCAN):
            body = await post_graphql(client, query, headers={"X-API-Key": READER})
            assert codes(body) == ["FORBIDDEN"] and body["data"] is None
            assert "analyst" in body["errors"][0]["message"]
        # Single look-ups stay open to readers.
        single = '{ uboCheck(companyId: "GB-COH-01234567") { companyId } }'
        body = await post_graphql(client, single, headers={"X-API-Key": READER})
        assert body["data"]["uboCheck"]["companyId"] == world.construct
        for key in (ANALYST, ADMIN):
            body = await post_graphql(client, UBO_CHECKS, headers={"X-API-Key": key})
            assert body["data"]["uboChecks"] == [{"companyId": world.construct}]
            body = await post_graphql(client, SCAN, headers={"X-API-Key": key})
            assert "errors" not in body and body["data"]["signals"]["totalCompanies"] >= 4
    audit = [json.loads(line) for line in settings.api_audit_log.read_text().splitlines()]
    refused = [a for a in audit if a["role"] == "reader" and a["errors"] == ["FORBIDDEN"]]
    # Refused attempts are on the record too, and read nothing.
    assert [a["operation"] for a in refused] == ["Batch", "Scan"]
    assert all(a["entity_ids"] == [] for a in refused)


def test_keys_are_compared_in_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every configured key is compared with hmac.compare_digest, whichever matches."""
    calls: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return bool(real(a, b))

    # graphapi.auth calls hmac.compare_digest through the module: the spy sees every call.
    monkeypatch.setattr(hmac, "compare_digest", spy)
    auth = Authenticator({READER: Role.READER, ANALYST: Role.ANALYST, ADMIN: Role.ADMIN})

    class Conn:
        def __init__(self, key: str) -> None:
            self.headers = {"x-api-key": key}

    for key in (READER, ADMIN, "wrong-key-0123456789abcdef"):
        calls.clear()
        try:
            auth.caller(Conn(key))  # type: ignore[arg-type]
        except Unauthenticated:
            assert key.startswith("wrong")
        # Same number of comparisons, on equal-length digests, never the raw key.
        assert len(calls) == 3
        assert all(len(a) == len(b) == 32 for a, b in calls)
        assert all(key.encode() not in (a, b) for a, b in calls)


async def test_keys_never_reach_logs_or_responses(
    api_settings: Settings, world: World, caplog: pytest.LogCaptureFixture
) -> None:
    settings = _keyed(api_settings)
    wrong = "wrong-key-that-looks-real-0123456789"
    caplog.set_level(logging.DEBUG)
    bodies: list[str] = []
    async with running(create_app(settings)) as client:
        for headers in (
            {"Authorization": f"Bearer {READER}"},
            {"X-API-Key": ANALYST},
            {"X-API-Key": wrong},
            {"Authorization": f"Bearer {wrong}"},
        ):
            for query in (
                '{ company(id: "GB-COH-01234567") { name } }',
                '{ person(id: "nobody") { name } }',  # an error path
                "{ company(id: ",  # a parse error
                UBO_CHECKS,  # forbidden for the reader
            ):
                response = await client.post("/graphql", json={"query": query}, headers=headers)
                bodies.append(response.text)
    assert caplog.records  # something was logged
    logged = caplog.text + "".join(str(r.__dict__) for r in caplog.records)
    for secret in (READER, ANALYST, wrong):
        assert secret not in logged
        assert all(secret not in body for body in bodies)
        assert secret not in settings.api_audit_log.read_text()
    assert key_id(READER) in settings.api_audit_log.read_text()


async def test_audit_cannot_be_turned_off_by_a_request(
    api_settings: Settings, world: World
) -> None:
    settings = _keyed(api_settings)
    query = 'query Dd { dueDiligence(companyId: "GB-COH-01234567") { rating { score } } }'
    attempts: list[dict[str, Any]] = [
        {"query": query},
        {"query": query, "extensions": {"audit": False, "persistedQuery": None}},
        {"query": query, "operationName": "Dd", "variables": {"audit": False}},
    ]
    headers = {"X-API-Key": ANALYST, "X-Audit": "off", "DNT": "1"}
    async with running(create_app(settings)) as client:
        for payload in attempts:
            response = await client.post("/graphql", json=payload, headers=headers)
            assert response.status_code == 200, response.text
    audit = [json.loads(line) for line in settings.api_audit_log.read_text().splitlines()]
    assert len(audit) == len(attempts)
    assert all(world.construct in a["entity_ids"] for a in audit)
