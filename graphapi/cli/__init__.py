"""`duegraph`: the command line, a thin shell over the same functions the API uses."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from graph_schema.constraints import SCHEMA, apply_schema
from graph_schema.db import connected
from graph_schema.errors import DuegraphError
from graph_schema.settings import Settings, load_settings
from graphapi.cli.batch import report_command, screen_command, ubo_check_command
from graphapi.cli.bench import bench_command
from graphapi.cli.bulk import bulk_import_command
from graphapi.cli.changes import changes_command
from graphapi.cli.demo import demo_command
from graphapi.cli.evaluate import evaluate_command
from graphapi.cli.export import export_schema_command
from graphapi.cli.generate import generate_command
from graphapi.cli.ledger import ledger_app
from graphapi.cli.ledger_score import profile_command, score_command
from graphapi.cli.load import formats_command, load_command
from graphapi.cli.scan import scan_command
from graphapi.cli.serve import serve_command
from graphapi.cli.soak import soak_command
from graphapi.neo4j_local import server as neo4j_local

app = typer.Typer(
    help="duegraph: due-diligence graph over company registries.", no_args_is_help=True
)
neo4j_app = typer.Typer(
    help="Run the project's own Neo4j 5.26 (loopback only).", no_args_is_help=True
)
schema_app = typer.Typer(help="Graph schema: constraints and indexes.", no_args_is_help=True)
app.add_typer(neo4j_app, name="neo4j")
app.add_typer(schema_app, name="schema")
app.add_typer(ledger_app, name="ledger")
ledger_app.command("score")(score_command)
ledger_app.command("profile")(profile_command)
app.command("load")(load_command)
app.command("formats")(formats_command)
app.command("bulk-import")(bulk_import_command)
app.command("serve")(serve_command)
app.command("export-schema")(export_schema_command)
app.command("generate")(generate_command)
app.command("evaluate")(evaluate_command)
app.command("demo")(demo_command)
app.command("ubo-check")(ubo_check_command)
app.command("screen")(screen_command)
app.command("report")(report_command)
app.command("bench")(bench_command)
app.command("soak")(soak_command)
app.command("changes")(changes_command)
app.command("scan")(scan_command)

console = Console(stderr=True)


@app.callback()
def check_settings() -> None:
    """Every command starts here: a malformed setting stops it before it does anything."""
    try:
        load_settings()
    except DuegraphError as exc:  # one line, however narrow the terminal
        console.print(f"[bold red]error:[/] {exc.message}", highlight=False, soft_wrap=True)
        raise typer.Exit(code=2) from None


DataDirOpt = Annotated[
    Path | None, typer.Option("--data-dir", help="Store of the local server [DUEGRAPH_DATA_DIR]")
]
BoltPortOpt = Annotated[
    int | None,
    typer.Option("--bolt-port", help="Bolt port of the local server [DUEGRAPH_BOLT_PORT]"),
]


def build_settings(**overrides: Any) -> Settings:
    """Settings from the environment, with command-line options taking precedence."""
    try:
        return load_settings(**{k: v for k, v in overrides.items() if v is not None})
    except DuegraphError as exc:
        raise fail(exc) from None


def fail(exc: DuegraphError) -> typer.Exit:
    console.print(f"[bold red]error:[/] {exc.message}", highlight=False)
    return typer.Exit(code=1)


@neo4j_app.command("start")
def neo4j_start(
    data_dir: DataDirOpt = None,
    bolt_port: BoltPortOpt = None,
    heap_mb: Annotated[int | None, typer.Option(help="JVM heap [DUEGRAPH_NEO4J_HEAP_MB]")] = None,
) -> None:
    """Start Neo4j on 127.0.0.1 and wait until Bolt answers (a no-op if it already runs)."""
    settings = build_settings(data_dir=data_dir, bolt_port=bolt_port, neo4j_heap_mb=heap_mb)
    try:
        with console.status("Starting Neo4j (the first start downloads it with Maven)…"):
            state, started = neo4j_local.start(settings)
    except DuegraphError as exc:
        raise fail(exc) from None
    if started:
        console.print(f"[green]started[/] {state.describe()}")
    else:
        console.print(f"already running, nothing to do: {state.describe()}")


@neo4j_app.command("stop")
def neo4j_stop(data_dir: DataDirOpt = None, bolt_port: BoltPortOpt = None) -> None:
    """Stop the local Neo4j; no JVM is left behind."""
    settings = build_settings(data_dir=data_dir, bolt_port=bolt_port)
    if neo4j_local.stop(settings):
        console.print(f"stopped Neo4j (data kept in {settings.data_dir})")
    else:
        console.print(f"Neo4j was not running (data dir {settings.data_dir})")


@neo4j_app.command("status")
def neo4j_status(data_dir: DataDirOpt = None, bolt_port: BoltPortOpt = None) -> None:
    """Say whether the local Neo4j runs and answers; exit 1 if it does not."""
    state = neo4j_local.status(build_settings(data_dir=data_dir, bolt_port=bolt_port))
    typer.echo(state.describe())
    if not (state.running and state.answering):
        raise typer.Exit(code=1)


@schema_app.command("apply")
def schema_apply(bolt_port: BoltPortOpt = None) -> None:
    """Create the constraints and indexes that are missing (idempotent)."""
    settings = build_settings(bolt_port=bolt_port)
    try:
        with connected(settings.neo4j) as driver:
            created = apply_schema(driver, settings.neo4j.database)
    except DuegraphError as exc:
        raise fail(exc) from None
    if created:
        console.print(f"created {len(created)} schema items: {', '.join(created)}")
    else:
        console.print(f"schema already up to date ({len(SCHEMA)} items), nothing changed")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
