"""`duegraph bulk-import FORMAT=PATH...`: first load of a whole registry through neo4j-admin.

Our parsers and rejection rules, then Neo4j's offline importer writes the store of the
project's own server (`--data-dir`), then the server starts and the schema is built. Daily
updates go through `duegraph load` afterwards (idempotent on the imported graph).
"""

from __future__ import annotations

import os
import shutil
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from graph_schema.constraints import apply_schema
from graph_schema.db import connected
from graph_schema.errors import DuegraphError, InvalidInput
from graph_schema.settings import Settings
from graphapi.cli.load import progress_bar
from graphapi.neo4j_local import admin_import as neo4j_import
from graphapi.neo4j_local import server as neo4j_local
from loaders.bulk.prepare import BulkReport, prepare_import
from loaders.contract import Format
from loaders.formats import registry
from loaders.rejects import RejectSink
from loaders.write.pipeline import total_bytes

console = Console(stderr=True)


def parse_inputs(specs: list[str], formats: dict[str, Format]) -> list[tuple[Format, Path]]:
    """`ch-api=world/companies-house` -> (format, path); clear errors for the rest."""
    inputs: list[tuple[Format, Path]] = []
    for spec in specs:
        name, sep, path = spec.partition("=")
        if not sep or not path:
            raise InvalidInput(
                f"{spec!r}: write each input as FORMAT=PATH, e.g. bods=ownership.jsonl"
            )
        if name not in formats:
            known = ", ".join(sorted(formats))
            raise InvalidInput(f"{spec!r}: unknown format {name!r}; known: {known}")
        if not Path(path).exists():
            raise InvalidInput(f"cannot read {path}: no such file or folder")
        inputs.append((formats[name], Path(path)))
    return inputs


def run_bulk_import(
    settings: Settings,
    inputs: list[tuple[Format, Path]],
    work_dir: Path,
    rejects_path: Path | None,
    *,
    overwrite: bool,
    quiet: bool = True,
    workers: int = 1,
) -> tuple[BulkReport, neo4j_import.ImportRun, float]:
    """Prepare, import, start the server and build the schema; returns the three timings."""
    if neo4j_local.status(settings).running:
        raise DuegraphError(
            f"Neo4j is running on {settings.data_dir}; the bulk import writes its store offline "
            "and replaces the database. Stop it first: duegraph neo4j stop"
        )
    if neo4j_import.store_exists(settings) and not overwrite:
        raise DuegraphError(
            f"{settings.data_dir} already holds a database; a bulk import replaces it entirely. "
            "Pass --overwrite to do so, or use `duegraph load` to add to it."
        )
    report = _prepare(inputs, work_dir, rejects_path, quiet, workers)
    run = neo4j_import.import_full(settings, report.files.arguments(), work_dir / "import.report")
    started = time.perf_counter()
    neo4j_local.start(settings)
    with connected(settings.neo4j) as driver:
        apply_schema(driver, settings.neo4j.database)
    return report, run, time.perf_counter() - started


def _prepare(
    inputs: list[tuple[Format, Path]],
    work_dir: Path,
    rejects_path: Path | None,
    quiet: bool,
    workers: int,
) -> BulkReport:
    """Parse into the import files, with a progress bar unless quiet."""
    now = datetime.now(UTC)
    with RejectSink(rejects_path) as rejects:
        if quiet:
            return prepare_import(inputs, work_dir, rejects, now, workers=workers)
        total = total_bytes([path for _, path in inputs])
        with progress_bar() as progress:
            task = progress.add_task("parsing", total=total or None, records=0)

            def hook(done: int, read: int) -> None:
                progress.update(task, completed=done, records=read)

            return prepare_import(inputs, work_dir, rejects, now, hook, workers)


def default_workers() -> int:
    return os.cpu_count() or 1


def _files_only(
    inputs: list[tuple[Format, Path]],
    work_dir: Path,
    rejects_path: Path,
    quiet: bool,
    workers: int,
) -> None:
    """For a Neo4j the user runs: the files, and the command line to feed them to."""
    report = _prepare(inputs, work_dir, rejects_path, quiet, workers)
    typer.echo(report.summary())
    args = " ".join(["--id-type=integer", *(f"'{a}'" for a in report.files.arguments())])
    typer.echo(f"neo4j-admin database import full {args} DATABASE")
    typer.echo("then create the schema on the running server: duegraph schema apply")


def bulk_import_command(
    inputs: Annotated[
        list[str],
        typer.Argument(help="FORMAT=PATH pairs, e.g. ch-api=data/ch bods=data/bods.jsonl"),
    ],
    overwrite: Annotated[
        bool, typer.Option(help="Replace the database if the data directory holds one")
    ] = False,
    data_dir: Annotated[
        Path | None, typer.Option(help="Store of the local server [DUEGRAPH_DATA_DIR]")
    ] = None,
    work_dir: Annotated[
        Path, typer.Option(help="Where the import files are written (deleted afterwards)")
    ] = Path(".duegraph/bulk"),
    rejects: Annotated[Path, typer.Option(help="JSON Lines file for rejected records")] = Path(
        ".duegraph/rejects/bulk-import.jsonl"
    ),
    keep_files: Annotated[bool, typer.Option(help="Keep the import files")] = False,
    files_only: Annotated[
        bool,
        typer.Option(help="Only write the import files and print neo4j-admin's arguments"),
    ] = False,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Processes that parse and write import files [one per CPU core]"),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar")] = False,
) -> None:
    """First load of whole registries, offline through neo4j-admin (replaces the database)."""
    settings = Settings() if data_dir is None else Settings(data_dir=data_dir)
    try:
        parsed = parse_inputs(inputs, registry())
        if files_only:
            _files_only(parsed, work_dir, rejects, quiet, workers or default_workers())
            return
        report, run, schema_seconds = run_bulk_import(
            settings,
            parsed,
            work_dir,
            rejects,
            overwrite=overwrite,
            quiet=quiet,
            workers=workers or default_workers(),
        )
    except DuegraphError as exc:
        console.print(f"[bold red]error:[/] {exc.message}", highlight=False)
        raise typer.Exit(code=1) from None
    finally:
        if not keep_files and not files_only:
            shutil.rmtree(work_dir / "csv", ignore_errors=True)
    per_format = ", ".join(f"{name} {count}" for name, count in report.read.items())
    typer.echo(f"read {report.total_read} source records ({per_format})")
    typer.echo(report.summary())
    typer.echo(
        f"neo4j-admin import: {run.nodes} nodes, {run.relationships} relationships "
        f"in {run.seconds:.1f}s; server started and schema built in {schema_seconds:.1f}s"
    )
    if report.rejected or report.warnings:
        typer.echo(f"rejected records, unknown values kept, and reasons: {rejects}")
    typer.echo(f"{neo4j_local.status(settings).describe()}")
