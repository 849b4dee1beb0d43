"""First load of a whole registry: our parsers -> BulkStage -> `neo4j-admin database import` files.

The transactional loaders (`duegraph load`) are built for daily updates: provenance, change
stamps and per-record reports at a few thousand records per second. A first load of a whole
country goes faster offline: the same parsers and the same rejections, then Neo4j's own bulk
importer writes the store directly (graphapi/neo4j_local/admin_import.py runs it).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from graph_schema.changes import ExtractCheck
from loaders.bulk.csv_files import ImportFiles, write_import_files
from loaders.bulk.stage import BULK_UPDATE, BulkStage
from loaders.contract import Format, Parsed
from loaders.formats import registry
from loaders.rejects import Location, Rejection, RejectSink
from loaders.source import ByteCounter
from loaders.write.pipeline import too_long, total_bytes, warn

ProgressHook = Callable[[int, int], None]  # (bytes done over all inputs, records read)
# Called as each phase starts: "listing", "parse", "merge", "files" (then the caller's own).
PhaseHook = Callable[[str], None]
COMMIT_EVERY = 50_000  # staged rows per SQLite commit


@dataclass
class BulkReport:
    read: dict[str, int] = field(default_factory=dict)  # source records per format
    loaded: int = 0
    rejected: int = 0
    warnings: int = 0  # warnings about staged records (in the rejects file)
    staged_rows: int = 0  # graph rows the writer would have sent (before merging by key)
    files: ImportFiles = field(default_factory=ImportFiles)
    parse_seconds: float = 0.0
    fold_seconds: float = 0.0  # the stage merged by key (one sort)
    write_seconds: float = 0.0

    @property
    def total_read(self) -> int:
        return sum(self.read.values())

    def summary(self) -> str:
        kept = f" ({self.warnings} warnings, in the rejects file)" if self.warnings else ""
        return (
            f"read {self.total_read}, staged {self.loaded}{kept}, rejected {self.rejected} "
            f"| import files: {self.files.node_rows} nodes, "
            f"{self.files.relationship_rows} relationships "
            f"| parse {self.parse_seconds:.1f}s, merge {self.fold_seconds:.1f}s, "
            f"write files {self.write_seconds:.1f}s"
        )


def _no_phase(name: str) -> None:
    pass


def prepare_import(
    inputs: Sequence[tuple[Format, Path]],
    work_dir: Path,
    rejects: RejectSink,
    now: datetime,
    progress: ProgressHook | None = None,
    workers: int = 1,
    phase: PhaseHook | None = None,
) -> BulkReport:
    """Parse every input once, merge by key, write the import files under `work_dir`.

    With `workers` > 1, inputs are cut into shards (the entries of a folder whose format parses
    them independently; any other input is one shard), each shard is staged by a worker process
    into a stage of its own, and the stages are folded together in input order: the same files,
    byte for byte, as with one worker (a test compares them).

    Every file it writes is scratch under `work_dir`, recreated from the start by the next run:
    a run killed in any phase is simply run again (`phase` is told as each phase starts).
    """
    enter = phase or _no_phase
    work_dir.mkdir(parents=True, exist_ok=True)
    report = BulkReport()
    started = time.perf_counter()
    with BulkStage(work_dir / "stage.sqlite") as stage:
        enter("listing")
        if workers > 1:
            plan = shards(inputs, workers)
            enter("parse")
            _stage_in_parallel(plan, work_dir, stage, rejects, report, workers, progress)
        else:
            enter("parse")
            offset = 0
            for fmt, path in inputs:
                _stage_path(fmt, path, stage, rejects, report, offset, progress)
                offset += total_bytes([path])
            report.staged_rows = stage.rows
        stage.commit()
        report.parse_seconds = time.perf_counter() - started
        enter("merge")
        started = time.perf_counter()
        stage.fold(workers)
        report.fold_seconds = time.perf_counter() - started
        enter("files")
        started = time.perf_counter()
        report.files = write_import_files(stage, work_dir / "csv", now, workers)
        report.write_seconds = time.perf_counter() - started
    (work_dir / "stage.sqlite").unlink(missing_ok=True)
    # Like the writer, a dangling reference rejects the source record that held it (once).
    seen: set[Location] = set()
    for rejection in report.files.rejections:
        rejects.add(rejection)
        if rejection.location not in seen:
            seen.add(rejection.location)
            report.loaded -= 1
            report.rejected += 1
    return report


@dataclass(frozen=True)
class Shard:
    """One input file, or a run of a folder's entries named `first` to `last` (sorted by name).

    A run holds two names, not its paths: the plan of a registry folder of a million entries
    stays small in the main process, and each worker lists its run itself (so the folder must
    not change during the import, as with any input)."""

    index: int
    format: str
    path: Path
    size: int  # bytes (estimated for a run), for ordering and the progress bar
    first: str | None = None
    last: str | None = None

    def paths(self) -> Iterator[Path]:
        """The file, or the run's entries in name order (each path made when it is reached)."""
        if self.first is None or self.last is None:
            yield self.path
            return
        first, last = self.first, self.last
        # Only the run's names are kept: a sorted list of the whole folder would leave a
        # worker holding memory for a million names it does not parse.
        with os.scandir(self.path) as entries:
            names = sorted(e.name for e in entries if first <= e.name <= last)
        for name in names:
            yield self.path / name


SIZE_SAMPLE = 64  # entries stat'ed per folder to estimate the size of its runs


def shards(inputs: Sequence[tuple[Format, Path]], workers: int) -> list[Shard]:
    """Inputs in order, folders of independent entries cut into contiguous runs of entries
    (several per worker, so that one slow run does not leave the other workers idle)."""
    out: list[Shard] = []
    for fmt, path in inputs:
        if fmt.entries_independent and path.is_dir() and workers > 1:
            names = sorted(os.listdir(path))
            if not names:
                continue  # an empty folder: nothing to parse, as with one worker
            runs = min(len(names), workers * 4)
            step = -(-len(names) // runs)  # ceiling division
            # Stat'ing every file of a million entries takes minutes: sizes are estimated
            # from evenly spread entries (they only order the runs and drive the progress bar).
            every = max(1, len(names) // SIZE_SAMPLE)
            sample = [path / name for name in names[::every]]
            per_entry = total_bytes(sample) / max(1, len(sample))
            for start in range(0, len(names), step):
                run = names[start : start + step]
                size = round(per_entry * len(run))
                out.append(Shard(len(out), fmt.name, path, size, run[0], run[-1]))
        else:
            out.append(Shard(len(out), fmt.name, path, total_bytes([path])))
    return out


ORPHAN_CHECK_EVERY = 1000  # records between two checks that the main process still lives


def _exit_if_orphaned(parent: int) -> None:
    """A parse worker whose main process was killed stops: nobody will read its stage, and the
    next run recreates every scratch file."""
    if os.getppid() != parent:
        os._exit(1)


@dataclass(frozen=True)
class ShardResult:
    index: int
    report: BulkReport
    types: dict[str, dict[str, str]]
    rows: int
    stage: Path
    rejects: Path


def _stage_shard(shard: Shard, work_dir: Path, parent: int) -> ShardResult:
    """In a worker process: stage one shard into its own stage and rejects file."""
    fmt = registry()[shard.format]
    stage_path = work_dir / f"stage-{shard.index}.sqlite"
    rejects_path = work_dir / f"rejects-{shard.index}.jsonl"
    report = BulkReport()
    with BulkStage(stage_path) as stage, RejectSink(rejects_path) as rejects:
        for path in shard.paths():
            _stage_path(fmt, path, stage, rejects, report, 0, None, parent)
        stage.commit()
        return ShardResult(shard.index, report, stage.types, stage.rows, stage_path, rejects_path)


def _stage_in_parallel(
    plan: list[Shard],
    work_dir: Path,
    stage: BulkStage,
    rejects: RejectSink,
    report: BulkReport,
    workers: int,
    progress: ProgressHook | None,
) -> None:
    done: dict[int, ShardResult] = {}
    merged = 0
    finished_bytes = 0
    # spawn: a forked copy of a process holding threads (progress bar, driver) is unsafe.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        # Largest first: a big unsplittable file started last would run alone at the end.
        by_size = sorted(plan, key=lambda shard: shard.size, reverse=True)
        futures = [pool.submit(_stage_shard, shard, work_dir, os.getpid()) for shard in by_size]
        for future in as_completed(futures):
            result = future.result()
            done[result.index] = result
            finished_bytes += plan[result.index].size
            # Fold finished shards in input order as soon as the next one in line is there.
            while merged in done:
                _fold(done.pop(merged), stage, rejects, report)
                merged += 1
            if progress is not None:
                progress(finished_bytes, report.total_read)
    report.staged_rows = stage.rows


def _fold(result: ShardResult, stage: BulkStage, rejects: RejectSink, report: BulkReport) -> None:
    stage.merge(result.stage, result.types, result.rows)
    for name, count in result.report.read.items():
        report.read[name] = report.read.get(name, 0) + count
    report.loaded += result.report.loaded
    report.rejected += result.report.rejected
    report.warnings += result.report.warnings
    with result.rejects.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            where = Location(row["file"], row["line"], row["record"])
            rejects.add(Rejection(where, row["reason"], row["raw"], row["format"], row["kept"]))
    result.rejects.unlink(missing_ok=True)


def _stage_path(
    fmt: Format,
    path: Path,
    stage: BulkStage,
    rejects: RejectSink,
    report: BulkReport,
    offset: int,
    progress: ProgressHook | None,
    parent: int | None = None,
) -> None:
    counter = ByteCounter()
    refusing: str | None = None  # a KBO update extract: refused whole, from its meta.csv on
    for item in fmt.parse(path, counter):
        report.read[fmt.name] = report.read.get(fmt.name, 0) + 1
        if parent is not None and report.total_read % ORPHAN_CHECK_EVERY == 0:
            _exit_if_orphaned(parent)
        if isinstance(item, Rejection):
            rejects.add(Rejection(item.location, item.reason, item.raw, fmt.name))
            report.rejected += 1
            continue
        assert isinstance(item, Parsed)
        checks = [r for r in item.records if isinstance(r, ExtractCheck)]
        if checks:
            refusing = BULK_UPDATE if checks[-1].kind == "update" else None
        before = stage.rows
        problem = (
            refusing or too_long(item.records) or stage.add(item.records, item.location, fmt.name)
        )
        if problem is not None:
            rejects.add(Rejection(item.location, problem, format=fmt.name))
            report.rejected += 1
            continue
        report.loaded += 1
        report.warnings += warn(item, rejects, fmt.name)
        if stage.rows // COMMIT_EVERY != before // COMMIT_EVERY:
            stage.commit()
        if progress is not None and report.total_read % 1000 == 0:
            progress(offset + counter.done, report.total_read)
    if progress is not None:
        progress(offset + counter.done, report.total_read)
