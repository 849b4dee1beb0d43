"""`duegraph soak`: a bounded load test on loopback."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from graph_schema.errors import DuegraphError
from graph_schema.settings import Settings
from graphapi.tooling.soak.run import soak

console = Console(stderr=True)


def soak_command(
    seconds: Annotated[float, typer.Option(min=1, max=3600, help="How long to run")] = 120,
    clients: Annotated[int, typer.Option(min=1, max=256, help="Concurrent clients")] = 32,
    url: Annotated[
        str | None,
        typer.Option(
            help="GraphQL endpoint of a running server on this machine, e.g. "
            "http://127.0.0.1:8000/graphql; default: start `duegraph serve` on a free port"
        ),
    ] = None,
    api_key: Annotated[
        str | None, typer.Option(envvar="DUEGRAPH_SOAK_API_KEY", help="Key sent as X-API-Key")
    ] = None,
    max_growth_mb: Annotated[
        float, typer.Option(min=0, help="Fail if server RSS grows more in the second half")
    ] = 64.0,
    sample: Annotated[int, typer.Option(min=1, max=10_000, help="Ids sampled per kind")] = 200,
) -> None:
    """Soak the API: mixed lookups, search, due diligence, UBO and bankruptcy-history queries.

    Fails (exit 1) on any error or when the server's memory keeps growing.
    """
    try:
        figures = soak(Settings(), seconds, clients, url, api_key, sample)
    except DuegraphError as exc:
        console.print(f"[bold red]error:[/] {exc.message}", highlight=False)
        raise typer.Exit(code=1) from None
    typer.echo(figures.summary())
    problems = figures.problems(max_growth_mb)
    for problem in problems:
        console.print(f"[bold red]soak failed:[/] {problem}", highlight=False)
    if problems:
        raise typer.Exit(code=1)
    typer.echo("soak passed")
