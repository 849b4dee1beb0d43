"""`duegraph demo`: Neo4j + a generated demo registry + the API, in one command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from graph_schema.constraints import apply_schema
from graph_schema.db import connected
from graph_schema.errors import DuegraphError
from graph_schema.settings import Settings
from graphapi.cli.evaluate import load_world
from graphapi.cli.ledger import run_import
from graphapi.cli.serve import serve_command
from graphapi.neo4j_local import server as neo4j_local
from graphapi.tooling.synthetic import generate

console = Console(stderr=True)
DEMO_LEDGER = "demo"
LEDGER_MARKER = ".ledger-imported"


def _import_ledger(settings: Settings, world: Path) -> bool:
    """The generated firm's ledger (ledger `demo`), when the world has one."""
    clients, invoices = world / "ledger" / "clients.csv", world / "ledger" / "invoices.csv"
    if not clients.exists():
        return False
    rejects = Path(".duegraph") / "rejects" / "ledger-demo.jsonl"
    report = run_import(settings, clients, invoices, DEMO_LEDGER, rejects)
    console.print(report.line(), highlight=False)
    return True


def demo_command(
    companies: Annotated[int, typer.Option(min=300, help="Size of the demo registry")] = 2000,
    seed: Annotated[int, typer.Option(help="Generator seed")] = 7,
    world: Annotated[Path, typer.Option(help="Where the demo files go")] = Path(
        ".duegraph/demo-world"
    ),
    serve: Annotated[bool, typer.Option(help="Serve the API when loaded")] = True,
) -> None:
    """Start the local Neo4j (unless NEO4J_URI points elsewhere), generate and load a demo
    registry and the firm's ledger (`demo`) once, then serve GraphQL at http://HOST:PORT/graphql."""
    settings = Settings()
    try:
        # Use a Neo4j that already answers; otherwise start the project's own one.
        if not neo4j_local.bolt_answers(settings.neo4j.uri):
            if settings.neo4j.uri != settings.local_bolt_uri():
                console.print(f"Neo4j at {settings.neo4j.uri} does not answer", highlight=False)
            with console.status("starting Neo4j (the first start downloads it with Maven)…"):
                state, _ = neo4j_local.start(settings)
            console.print(state.describe(), highlight=False)
        with connected(settings.neo4j) as driver:
            apply_schema(driver, settings.neo4j.database)
        marker = world / ".loaded"
        if not (world / "ground_truth.json").exists():
            summary = generate(companies, seed, world)
            console.print(f"generated {summary.companies} companies in {world}", highlight=False)
            marker.unlink(missing_ok=True)
        if not marker.exists():
            load_world(settings, world, quiet=False)
            marker.write_text("loaded\n")
            (world / LEDGER_MARKER).unlink(missing_ok=True)
        else:
            console.print(f"demo registry already loaded from {world}", highlight=False)
        # Its own mark: a demo loaded before the world had a ledger still gets it once.
        if not (world / LEDGER_MARKER).exists() and _import_ledger(settings, world):
            (world / LEDGER_MARKER).write_text("imported\n")
    except DuegraphError as exc:
        console.print(f"[bold red]error:[/] {exc.message}", highlight=False)
        raise typer.Exit(code=1) from None
    console.print(
        f"workspace: http://{settings.host}:{settings.port}/  GraphiQL: "
        f"http://{settings.host}:{settings.port}/graphql  (try the examples in README.md)",
        highlight=False,
    )
    if serve:
        serve_command(host=None, port=None, workers=1, reload=False)
