"""`duegraph load FORMAT PATH...`: stream registry files into the graph, report every rejection."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from neo4j.exceptions import ServiceUnavailable, SessionExpired
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TransferSpeedColumn,
)

from graph_schema.constraints import apply_schema
from graph_schema.db import connected
from graph_schema.errors import DuegraphError, GraphUnavailable
from graph_schema.settings import Settings
from loaders.contract import Format
from loaders.formats import registry
from loaders.rejects import RejectSink
from loaders.write.pipeline import LoadReport, load_paths, total_bytes
from loaders.write.writer import GraphWriter

console = Console(stderr=True)


def run_load(
    settings: Settings,
    fmt: Format,
    paths: list[Path],
    rejects_path: Path | None,
    batch_size: int,
    quiet: bool,
) -> LoadReport:
    """Load files of one format; raises DuegraphError on fatal problems (missing file, DB down)."""
    for path in paths:
        if not path.exists():
            raise DuegraphError(f"cannot read {path}: no such file or folder")
    with connected(settings.neo4j) as driver:
        apply_schema(driver, settings.neo4j.database)
        with RejectSink(rejects_path) as rejects:
            writer = GraphWriter(driver, settings.neo4j.database, batch_size)
            try:
                if quiet:
                    report = load_paths(fmt, paths, writer, rejects)
                else:
                    report = _with_progress(fmt, paths, writer, rejects)
            except (ServiceUnavailable, SessionExpired) as exc:
                raise GraphUnavailable(
                    f"Neo4j went away during the load ({exc.__class__.__name__}). Records "
                    "written so far are kept; loads are idempotent, so run the same command "
                    "again once Neo4j is back to finish without duplicates."
                ) from exc
    return report


def progress_bar() -> Progress:
    """Bytes read of the input files, records read, elapsed time: every loading command's bar."""
    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TextColumn("{task.fields[records]:,} records"),
        TimeElapsedColumn(),
    )
    return Progress(*columns, console=console, transient=True)


def _with_progress(
    fmt: Format, paths: list[Path], writer: GraphWriter, rejects: RejectSink
) -> LoadReport:
    total = total_bytes(paths)
    with progress_bar() as progress:
        task = progress.add_task(f"loading {fmt.name}", total=total or None, records=0)

        def hook(done: int, read: int) -> None:
            progress.update(task, completed=done, records=read)

        report = load_paths(fmt, paths, writer, rejects, hook)
    return report


def load_command(
    fmt: Annotated[str, typer.Argument(help="Format name; `duegraph formats` lists them.")],
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to load.")],
    rejects: Annotated[
        Path | None,
        typer.Option(help="JSON Lines file for rejected records [.duegraph/rejects/FORMAT.jsonl]"),
    ] = None,
    batch_size: Annotated[
        int | None, typer.Option(min=1, max=100_000, help="Rows per write transaction")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar")] = False,
) -> None:
    """Load registry files of one format into the graph (idempotent: re-runs never duplicate)."""
    formats = registry()
    if fmt not in formats:
        console.print(f"[red]error:[/] unknown format {fmt!r}; known: {', '.join(sorted(formats))}")
        raise typer.Exit(code=2)
    settings = Settings() if batch_size is None else Settings(batch_size=batch_size)
    rejects_path = rejects or Path(".duegraph") / "rejects" / f"{fmt}.jsonl"
    try:
        report = run_load(settings, formats[fmt], paths, rejects_path, settings.batch_size, quiet)
    except DuegraphError as exc:
        console.print(f"[bold red]error:[/] {exc.message}", highlight=False)
        raise typer.Exit(code=1) from None
    typer.echo(report.summary())
    if report.rejected or report.warnings:
        typer.echo(f"rejected records, unknown values kept, and reasons: {rejects_path}")


def formats_command() -> None:
    """List the registry formats `duegraph load` reads."""
    for name, fmt in sorted(registry().items()):
        typer.echo(f"{name:28} {fmt.description}")
