"""`duegraph serve`: run the GraphQL API under uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer
import uvicorn

from graph_schema.errors import DuegraphError
from graph_schema.settings import load_settings
from graphapi.app import check_app_settings
from graphapi.http.protocol import PROTOCOL

WORKER_HEALTHCHECK_S = 60


def serve_command(
    host: Annotated[str | None, typer.Option(help="Interface to bind [DUEGRAPH_HOST]")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on [DUEGRAPH_PORT]")] = None,
    workers: Annotated[
        int, typer.Option(min=1, help="Worker processes (each opens its own Neo4j driver)")
    ] = 1,
    reload: Annotated[bool, typer.Option(help="Restart on code changes (development)")] = False,
) -> None:
    """Serve GraphQL on /graphql, the workspace on /, liveness on /healthz and readiness on
    /readyz."""
    try:  # a configuration error is one line naming the setting, before uvicorn starts
        settings = load_settings()
        check_app_settings(settings)
    except DuegraphError as exc:
        typer.echo(f"error: {exc.message}", err=True)
        raise typer.Exit(code=2) from None
    if reload and workers > 1:
        raise typer.BadParameter(
            "--reload runs a single worker; drop --workers", param_hint="--reload"
        )
    uvicorn.run(
        "graphapi.app:app_from_env",
        factory=True,  # each worker builds its own app, so its own AsyncDriver
        host=host or settings.host,
        port=port or settings.port,
        workers=workers,
        http=PROTOCOL,  # TCP_NODELAY on every connection, also with --workers > 1
        reload=reload,
        proxy_headers=True,
        server_header=False,
        # uvicorn kills a worker that does not answer its health ping within this many seconds,
        # also while it is still starting (a spawned worker imports the whole CLI first): on a
        # busy machine the 5-s default killed every worker before it served once, in a loop.
        timeout_worker_healthcheck=WORKER_HEALTHCHECK_S,
    )
