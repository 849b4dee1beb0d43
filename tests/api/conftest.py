"""API fixtures: the real app (lifespan included) over httpx's ASGI transport, real Neo4j.

The AsyncDriver lives in the app's lifespan, so each test (and its event loop) gets its own.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from neo4j import Driver
from starlette.applications import Starlette
from starlette.types import Receive, Scope, Send

from graph_schema.settings import Settings
from graphapi.app import create_app
from tests.api.world import World, build_world

GraphQLCall = Callable[..., Awaitable[dict[str, Any]]]


@pytest.fixture
def api_settings(graph: Driver, settings: Settings, tmp_path: Path) -> Settings:
    """Test settings against the (emptied) test Neo4j, with a private audit log."""
    return settings.model_copy(update={"api_audit_log": tmp_path / "audit.jsonl"})


@pytest.fixture
def world(graph: Driver, settings: Settings) -> World:
    return build_world(graph, settings.neo4j.database)


@asynccontextmanager
async def running(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    """Run the lifespan like uvicorn does and hand its state to every request scope."""
    async with app.router.lifespan_context(app) as state:

        async def with_state(scope: Scope, receive: Receive, send: Send) -> None:
            scope["state"] = dict(state or {})
            await app(scope, receive, send)

        transport = httpx.ASGITransport(app=with_state)
        async with httpx.AsyncClient(transport=transport, base_url="http://api") as client:
            yield client


@pytest.fixture
async def client(api_settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with running(create_app(api_settings)) as c:
        yield c


async def post_graphql(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
    status: int = 200,
) -> dict[str, Any]:
    response = await client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers or {}
    )
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.fixture
def gql(client: httpx.AsyncClient) -> GraphQLCall:
    async def call(query: str, variables: dict[str, Any] | None = None, **kw: Any) -> Any:
        return await post_graphql(client, query, variables, **kw)

    return call


def data_of(body: dict[str, Any], *path: str) -> Any:
    """What a query that must succeed answered at `path` below its data."""
    assert "errors" not in body, body
    found: Any = body["data"]
    for name in path:
        found = found[name]
    return found


def codes(body: dict[str, Any]) -> list[str]:
    return [e["extensions"]["code"] for e in body.get("errors", [])]
