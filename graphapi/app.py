"""create_app(settings) -> Starlette: /graphql, /healthz, /readyz, the workspace at /; the
lifespan owns the driver.

Each uvicorn worker runs its own app and so its own AsyncDriver. Neo4j being down at start-up
does not stop the server: queries answer UNAVAILABLE and /readyz 503 until it is back, and the
driver reconnects by itself.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, TypedDict

from neo4j import AsyncDriver
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send
from strawberry.asgi import GraphQL

from graph_schema.db import open_async_driver, unavailable_message
from graph_schema.errors import DuegraphError, GraphUnavailable, InvalidInput, InvalidSetting
from graph_schema.settings import Settings, load_settings
from graphapi.context import Context
from graphapi.dataloaders import build_loaders
from graphapi.errors import QueryTimeout, Unauthenticated
from graphapi.graph import Graph
from graphapi.http.access_log import scrub_access_log
from graphapi.http.audit import AuditLog
from graphapi.http.auth import Authenticator, Caller, parse_api_keys
from graphapi.http.json_errors import JsonErrors
from graphapi.http.request_guard import RequestGuard
from graphapi.queries.health import ping
from graphapi.schema import build_schema
from graphapi.web.routes import WebMiddleware, web_routes

log = logging.getLogger("graphapi")

READY_TIMEOUT_S = 1.0


class State(TypedDict):
    driver: AsyncDriver


class AuthMiddleware:
    """Every /graphql request needs a configured key (when keys are configured)."""

    def __init__(self, app: ASGIApp, authenticator: Authenticator) -> None:
        self.app = app
        self.authenticator = authenticator

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith("/graphql"):
            if scope["method"] == "OPTIONS":  # CORS pre-flight carries no credentials
                await self.app(scope, receive, send)
                return
            try:
                caller = self.authenticator.caller(Request(scope))
            except Unauthenticated as exc:
                body = {"errors": [{"message": exc.message, "extensions": {"code": exc.code}}]}
                headers = {"WWW-Authenticate": "Bearer"}
                await JSONResponse(body, status_code=401, headers=headers)(scope, receive, send)
                return
            scope.setdefault("state", {})["caller"] = caller
        await self.app(scope, receive, send)


class GraphQLApp(GraphQL[Context, None]):
    def __init__(self, settings: Settings, audit_log: AuditLog) -> None:
        super().__init__(
            build_schema(settings, audit_log),
            graphql_ide="graphiql",
            allow_queries_via_get=False,  # POST only: no queries triggered by a link or <img>
        )
        self.settings = settings

    async def get_context(self, request: Any, response: Any) -> Context:
        driver: AsyncDriver = request.state.driver
        caller: Caller = request.state.caller
        settings = self.settings
        graph = Graph(driver, settings.neo4j.database, settings.api_query_timeout_s)
        return Context(
            request=request,
            settings=settings,
            graph=graph,
            loaders=build_loaders(graph),
            caller=caller,
        )


async def healthz(request: Request) -> Response:
    """The process is up (liveness): never touches Neo4j."""
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> Response:
    """Neo4j answers (readiness): 200, else 503 with the reason."""
    driver: AsyncDriver = request.state.driver
    settings: Settings = request.app.state.settings
    try:
        await ping(Graph(driver, settings.neo4j.database, READY_TIMEOUT_S))
    except QueryTimeout:
        reason = f"Neo4j at {settings.neo4j.uri} did not answer within {READY_TIMEOUT_S:g} s."
        return JSONResponse({"status": "unavailable", "reason": reason}, status_code=503)
    except GraphUnavailable as exc:
        cause = exc.__cause__ if isinstance(exc.__cause__, Exception) else exc
        reason = unavailable_message(settings.neo4j, cause)
        return JSONResponse({"status": "unavailable", "reason": reason}, status_code=503)
    return JSONResponse({"status": "ready"})


def check_app_settings(settings: Settings) -> tuple[Authenticator, AuditLog]:
    """What the app needs from settings beyond their types, or InvalidSetting naming it."""
    try:
        authenticator = Authenticator(parse_api_keys(settings.api_keys.get_secret_value()))
    except InvalidInput as exc:
        named = exc.message if "DUEGRAPH_API_KEYS" in exc.message else f"DUEGRAPH_API_KEYS: {exc}"
        raise InvalidSetting(f"invalid setting {named}", ["DUEGRAPH_API_KEYS"]) from None
    try:
        audit_log = AuditLog(settings.api_audit_log)
    except OSError as exc:
        raise InvalidSetting(
            f"invalid setting DUEGRAPH_API_AUDIT_LOG: cannot create the folder of "
            f"{settings.api_audit_log} ({exc.strerror or exc})",
            ["DUEGRAPH_API_AUDIT_LOG"],
        ) from None
    return authenticator, audit_log


def create_app(settings: Settings) -> Starlette:
    """Build the app; invalid API key configuration fails here, at start-up."""
    authenticator, audit_log = check_app_settings(settings)
    scrub_access_log()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[State]:
        driver = open_async_driver(settings.neo4j)
        try:
            try:
                await driver.verify_connectivity()
            except (ServiceUnavailable, SessionExpired, AuthError, OSError) as exc:
                log.warning("starting without Neo4j: %s", unavailable_message(settings.neo4j, exc))
            yield {"driver": driver}
        finally:
            await driver.close()

    # Outermost first: CORS, then the key check, then the body guard (size, no batches).
    middleware = [
        Middleware(AuthMiddleware, authenticator=authenticator),
        Middleware(RequestGuard),
    ]
    origins = [o.strip() for o in settings.api_cors_origins.split(",") if o.strip()]
    if origins:
        middleware.insert(
            0,
            Middleware(
                CORSMiddleware,
                allow_origins=origins,
                allow_methods=["GET", "POST", "OPTIONS"],
                allow_headers=["Authorization", "X-API-Key", "Content-Type"],
            ),
        )
    # Outermost: a browser opening /graphql gets the self-hosted GraphiQL (no CDN).
    middleware.insert(0, Middleware(WebMiddleware))
    # Outermost of all: any 4xx answered in plain text becomes JSON with extensions.code.
    middleware.insert(0, Middleware(JsonErrors))
    graphql = GraphQLApp(settings, audit_log)
    app = Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST", "OPTIONS"]),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            *web_routes(audit_log),  # the workspace at /, GraphiQL at /graphiql
        ],
        middleware=middleware,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.authenticator = authenticator
    return app


def app_from_env() -> Starlette:
    """uvicorn factory: settings from the environment (DUEGRAPH_*, NEO4J_*); a configuration
    error is one line naming the setting (no traceback), then the worker exits."""
    try:
        return create_app(load_settings())
    except DuegraphError as exc:
        logging.getLogger("uvicorn.error").error("%s", exc.message)
        raise SystemExit(3) from None  # uvicorn's start-up failure code
