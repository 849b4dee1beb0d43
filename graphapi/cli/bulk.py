"""`duegraph bulk-import FORMAT=PATH...`: first load of a whole registry through neo4j-admin.

Our parsers and rejection rules, then Neo4j's offline importer writes the store of the
project's own server (`--data-dir`), then the server starts and the schema is built. Daily
updates go through `duegraph load` afterwards (idempotent on the imported graph).
"""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from dataclasses import replace
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
from loaders.bulk import journal
from loaders.bulk.prepare import BulkReport, PhaseHook, prepare_import
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


class KillSwitch:
    """Test hook (`--test-kill-at PHASE[:SECONDS]`, hidden): SIGKILL the command's whole process
    group (parse workers and the importer JVM with it) as PHASE starts, or SECONDS into it if
    it is still running then. The crash-safety tests use it to stop a run in every phase."""

    def __init__(self, spec: str | None) -> None:
        self.phase, _, after = (spec or "").partition(":")
        self.after_s = float(after or 0)
        self._timer: threading.Timer | None = None
        if spec and os.getpgid(0) != os.getpid():
            raise InvalidInput("--test-kill-at needs the command to lead its own process group")

    def enter(self, phase: str) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if phase != self.phase:
            return
        if self.after_s <= 0:
            _kill_group()
        self._timer = threading.Timer(self.after_s, _kill_group)
        self._timer.daemon = True
        self._timer.start()


def _kill_group() -> None:
    os.killpg(os.getpgid(0), signal.SIGKILL)


def run_bulk_import(
    settings: Settings,
    inputs: list[tuple[Format, Path]],
    work_dir: Path,
    rejects_path: Path | None,
    *,
    overwrite: bool,
    quiet: bool = True,
    workers: int = 1,
    kill_at: str | None = None,
) -> tuple[BulkReport, neo4j_import.ImportRun, float]:
    """Prepare, import, install the store, start the server and build the schema; returns the
    report, the import (`resumed_from` names the phase an interrupted run was carried on from)
    and the seconds of the server start and schema build.

    Each phase is recorded as it starts (the work dir's journal; from the store's installation
    on, a marker in the data dir), so the same command run again after a kill carries on: the
    parse starts over unless every import file was complete, the importer never writes the
    server's store (it imports beside it, and the complete store is moved in), and a run killed
    after that only finishes the move, the start and the schema. Anything it cannot carry on
    safely is refused with the step to take."""
    kill = KillSwitch(kill_at)
    inputs_fp = journal.fingerprint(inputs, rejects_path)
    work = journal.Journal(work_dir)
    store = journal.Journal(settings.data_dir.resolve(), journal.STORE_MARKER)
    pending = store.read()
    same = pending is not None and pending.inputs == inputs_fp
    if neo4j_local.status(settings).running:
        if same and pending is not None and pending.phase in ("start", "schema"):
            return _finish(settings, work, store, kill, resumed=pending.phase)
        raise DuegraphError(
            f"Neo4j is running on {settings.data_dir}; the bulk import writes its store offline "
            "and replaces the database. Stop it first: duegraph neo4j stop"
        )
    if pending is not None and pending.phase == "install":
        # A complete import was being moved in: finish that first, whatever comes next.
        neo4j_import.install_import(settings)
        store.write(journal.State("start", pending.inputs, pending.report))
        pending = store.read()
    if pending is not None:
        if same:
            return _finish(settings, work, store, kill, resumed=pending.phase)
        if not overwrite:
            raise DuegraphError(
                f"{settings.data_dir} holds the graph of an interrupted bulk import of other "
                "inputs, imported but without its schema. Run that command again to finish it, "
                "or pass --overwrite to replace it."
            )
    elif neo4j_import.store_exists(settings) and not overwrite:
        raise DuegraphError(
            f"{settings.data_dir} already holds a database; a bulk import replaces it entirely. "
            "Pass --overwrite to do so, or use `duegraph load` to add to it."
        )
    report = work.reusable_files(inputs_fp)
    resumed = None
    if report is not None and (rejects_path is None or rejects_path.exists()):
        resumed = journal.FILES_COMPLETE
    else:

        def enter(phase: str) -> None:
            work.write(journal.State(phase, inputs_fp))
            kill.enter(phase)

        work.clear_scratch()
        report = _prepare(inputs, work_dir, rejects_path, quiet, workers, enter)
        journal.sync_files(journal.file_paths(report.files))
        work.write(journal.State(journal.FILES_COMPLETE, inputs_fp, journal.report_json(report)))
    work.write(journal.State("neo4j-admin", inputs_fp, journal.report_json(report)))
    kill.enter("neo4j-admin")
    run = neo4j_import.import_full(settings, report.files.arguments(), work_dir / "import.report")
    imported = {"nodes": run.nodes, "relationships": run.relationships, "seconds": run.seconds}
    store.write(journal.State("install", inputs_fp, imported))
    kill.enter("install")
    neo4j_import.install_import(settings, lambda part: kill.enter(f"install {part}"))
    store.write(journal.State("start", inputs_fp, imported))
    _, _, schema_seconds = _finish(settings, work, store, kill, resumed=None)
    return report, replace(run, resumed_from=resumed), schema_seconds


def _finish(
    settings: Settings,
    work: journal.Journal,
    store: journal.Journal,
    kill: KillSwitch,
    resumed: str | None,
) -> tuple[BulkReport, neo4j_import.ImportRun, float]:
    """Start the server on the installed store (or wait for the one a killed run started) and
    build the schema; then the journal and the marker go."""
    pending = store.read()
    assert pending is not None
    started = time.perf_counter()
    kill.enter("start")
    neo4j_local.start(settings)
    _wait_answering(settings)
    store.write(journal.State("schema", pending.inputs, pending.report))
    kill.enter("schema")
    with connected(settings.neo4j) as driver:
        apply_schema(driver, settings.neo4j.database)
    seconds = time.perf_counter() - started
    state = work.read()
    report = state.bulk_report() if state is not None and state.report else BulkReport()
    facts = pending.report or {}
    imported = neo4j_import.ImportRun(
        float(facts.get("seconds", 0.0)),
        int(facts.get("nodes", 0)),
        int(facts.get("relationships", 0)),
        "",
        resumed,
    )
    store.remove()
    work.remove()
    return report, imported, seconds


def _wait_answering(settings: Settings) -> None:
    """A server started by a killed run may still be starting: wait as `neo4j start` would."""
    deadline = time.monotonic() + settings.neo4j_start_timeout_s
    while not neo4j_local.status(settings).answering:
        if time.monotonic() > deadline:
            raise DuegraphError(
                f"Neo4j on {settings.data_dir} does not answer; stop it (duegraph neo4j stop) "
                "and run the same command again"
            )
        time.sleep(0.5)


def _prepare(
    inputs: list[tuple[Format, Path]],
    work_dir: Path,
    rejects_path: Path | None,
    quiet: bool,
    workers: int,
    phase: PhaseHook | None = None,
) -> BulkReport:
    """Parse into the import files, with a progress bar unless quiet."""
    now = datetime.now(UTC)
    with RejectSink(rejects_path) as rejects:
        if quiet:
            return prepare_import(inputs, work_dir, rejects, now, workers=workers, phase=phase)
        total = total_bytes([path for _, path in inputs])
        with progress_bar() as progress:
            task = progress.add_task("parsing", total=total or None, records=0)

            def hook(done: int, read: int) -> None:
                progress.update(task, completed=done, records=read)

            return prepare_import(inputs, work_dir, rejects, now, hook, workers, phase)


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
        Path,
        typer.Option(
            help="Where the import files are written (deleted once the import is done; "
            "an interrupted run keeps them for the same command to carry on)"
        ),
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
    test_kill_at: Annotated[str | None, typer.Option(hidden=True)] = None,
) -> None:
    """First load of whole registries, offline through neo4j-admin (replaces the database).

    Interrupted (killed, machine stopped), the same command run again carries on where it can
    and gives the same graph; the work dir keeps what it needs until the import is done."""
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
            kill_at=test_kill_at,
        )
    except DuegraphError as exc:
        console.print(f"[bold red]error:[/] {exc.message}", highlight=False)
        raise typer.Exit(code=1) from None
    if not keep_files:
        shutil.rmtree(work_dir / "csv", ignore_errors=True)
    if run.resumed_from is not None:
        typer.echo(f"carried on an interrupted bulk import from its {run.resumed_from} phase")
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
