"""First load of a whole registry: our parsers -> BulkStage -> `neo4j-admin database import` files.

The transactional loaders (`duegraph load`) are built for daily updates: provenance, change
stamps and per-record reports at a few thousand records per second. A first load of a whole
country goes faster offline: the same parsers and the same rejections, then Neo4j's own bulk
importer writes the store directly (graphapi/neo4j_import.py runs it).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from loaders.bulk_csv import ImportFiles, write_import_files
from loaders.bulk_stage import BulkStage
from loaders.formats import Format, Parsed
from loaders.pipeline import too_long, total_bytes
from loaders.rejects import Location, Rejection, RejectSink
from loaders.source import ByteCounter

ProgressHook = Callable[[int, int], None]  # (bytes done over all inputs, records read)
COMMIT_EVERY = 50_000  # staged rows per SQLite commit


@dataclass
class BulkReport:
    read: dict[str, int] = field(default_factory=dict)  # source records per format
    loaded: int = 0
    rejected: int = 0
    staged_rows: int = 0  # graph rows the writer would have sent (before merging by key)
    files: ImportFiles = field(default_factory=ImportFiles)
    parse_seconds: float = 0.0
    write_seconds: float = 0.0

    @property
    def total_read(self) -> int:
        return sum(self.read.values())

    def summary(self) -> str:
        return (
            f"read {self.total_read}, staged {self.loaded}, rejected {self.rejected} "
            f"| import files: {self.files.node_rows} nodes, "
            f"{self.files.relationship_rows} relationships "
            f"| parse {self.parse_seconds:.1f}s, write files {self.write_seconds:.1f}s"
        )


def prepare_import(
    inputs: Sequence[tuple[Format, Path]],
    work_dir: Path,
    rejects: RejectSink,
    now: datetime,
    progress: ProgressHook | None = None,
) -> BulkReport:
    """Parse every input once, merge by key, write the import files under `work_dir`."""
    work_dir.mkdir(parents=True, exist_ok=True)
    report = BulkReport()
    started = time.perf_counter()
    with BulkStage(work_dir / "stage.sqlite") as stage:
        offset = 0
        for fmt, path in inputs:
            _stage_path(fmt, path, stage, rejects, report, offset, progress)
            offset += total_bytes([path])
        stage.commit()
        report.staged_rows = stage.rows
        report.parse_seconds = time.perf_counter() - started
        started = time.perf_counter()
        report.files = write_import_files(stage, work_dir / "csv", now)
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


def _stage_path(
    fmt: Format,
    path: Path,
    stage: BulkStage,
    rejects: RejectSink,
    report: BulkReport,
    offset: int,
    progress: ProgressHook | None,
) -> None:
    counter = ByteCounter()
    for item in fmt.parse(path, counter):
        report.read[fmt.name] = report.read.get(fmt.name, 0) + 1
        if isinstance(item, Rejection):
            rejects.add(Rejection(item.location, item.reason, item.raw, fmt.name))
            report.rejected += 1
            continue
        assert isinstance(item, Parsed)
        before = stage.rows
        problem = too_long(item.records) or stage.add(item.records, item.location, fmt.name)
        if problem is not None:
            rejects.add(Rejection(item.location, problem, format=fmt.name))
            report.rejected += 1
            continue
        report.loaded += 1
        if stage.rows // COMMIT_EVERY != before // COMMIT_EVERY:
            stage.commit()
        if progress is not None and report.total_read % 1000 == 0:
            progress(offset + counter.done, report.total_read)
    if progress is not None:
        progress(offset + counter.done, report.total_read)
