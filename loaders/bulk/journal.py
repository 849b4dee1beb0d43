"""Where a `bulk-import` stopped, so that the same command run again carries on safely.

The journal is one small JSON file in the work dir, replaced atomically (written beside, fsynced,
renamed) at the start of each phase. The parse, merge and import-file phases always start over
(their scratch files are recreated), but once every import file is complete the journal records
them with the run's report: a later run of the same command (same formats, input paths with the
same sizes and modification times, same rejects file, same duegraph version) reuses them instead
of parsing the registry again. Anything else in the work dir is an earlier run's scratch and is
deleted. The same class keeps the data dir's marker once the store is being installed.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from loaders.bulk.csv_files import ImportFiles
from loaders.bulk.prepare import BulkReport
from loaders.contract import Format

JOURNAL = "bulk-import.json"
STORE_MARKER = "bulk-import-store.json"  # in the data dir, from the store's installation on
FILES_COMPLETE = "files-complete"  # the phase after which the import files are reused
VERSION = 1


def fingerprint(inputs: Sequence[tuple[Format, Path]], rejects: Path | None) -> list[Any]:
    """What must not change for import files to be reused: each input's format, absolute path,
    size and modification time (a folder's own: entries added, removed or renamed change it),
    the rejects file (it holds the rejections of the run that wrote the files) and duegraph's
    version."""
    out: list[Any] = [_version()]
    for fmt, path in inputs:
        stat = path.stat()
        size = None if path.is_dir() else stat.st_size
        out.append([fmt.name, str(path.resolve()), size, stat.st_mtime_ns])
    out.append(str(rejects.resolve()) if rejects is not None else None)
    return out


def _version() -> str:
    try:
        return metadata.version("duegraph")
    except metadata.PackageNotFoundError:
        return "unknown"


@dataclass(frozen=True)
class State:
    phase: str
    inputs: list[Any]
    report: dict[str, Any] | None = None  # the prepared report, once the files are complete

    def bulk_report(self) -> BulkReport:
        """The report of the run that wrote the files (rejections are already in its file)."""
        assert self.report is not None
        data = dict(self.report)
        files = data.pop("files")
        report = BulkReport(**data)
        report.files = ImportFiles(
            nodes={k: Path(v) for k, v in files["nodes"].items()},
            relationships={k: [Path(p) for p in v] for k, v in files["relationships"].items()},
            multiline=[Path(p) for p in files["multiline"]],
            node_rows=files["node_rows"],
            relationship_rows=files["relationship_rows"],
        )
        return report


def report_json(report: BulkReport) -> dict[str, Any]:
    files = report.files
    data: dict[str, Any] = {
        name: getattr(report, name) for name in report.__dataclass_fields__ if name != "files"
    }
    data["files"] = {
        "nodes": {k: str(v) for k, v in files.nodes.items()},
        "relationships": {k: [str(p) for p in v] for k, v in files.relationships.items()},
        "multiline": [str(p) for p in files.multiline],
        "node_rows": files.node_rows,
        "relationship_rows": files.relationship_rows,
    }
    return data


def file_paths(files: ImportFiles) -> list[Path]:
    """Every import file, nodes then relationships."""
    return [*files.nodes.values(), *(p for paths in files.relationships.values() for p in paths)]


def sync_files(paths: Sequence[Path]) -> None:
    """Flush the import files to disk before the journal calls them complete (a machine that
    loses power must not leave a journal pointing at files that were never written)."""
    for path in paths:
        with path.open("rb") as fh:
            os.fsync(fh.fileno())
    for folder in {path.parent for path in paths}:
        _sync_dir(folder)


class Journal:
    """`work_dir/bulk-import.json` (or the data dir's marker): rewritten at each phase."""

    def __init__(self, work_dir: Path, name: str = JOURNAL) -> None:
        self.work_dir = work_dir
        self.path = work_dir / name

    def read(self) -> State | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # none, or not ours: the work dir is then scratch
        if not isinstance(data, dict) or data.get("version") != VERSION:
            return None
        return State(data["phase"], data["inputs"], data.get("report"))

    def reusable_files(self, inputs: list[Any]) -> BulkReport | None:
        """The report of complete import files written for these inputs, if there are any."""
        state = self.read()
        if state is None or state.report is None or state.inputs != inputs:
            return None
        report = state.bulk_report()
        if not all(path.is_file() for path in file_paths(report.files)):
            return None
        return report

    def write(self, state: State) -> None:
        """Replace the journal atomically: a kill leaves the old one or the new one, whole."""
        self.work_dir.mkdir(parents=True, exist_ok=True)
        data = {"version": VERSION, **asdict(state)}
        tmp = self.path.with_suffix(".tmp")
        with tmp.open("w", encoding="utf-8") as fh:
            json.dump(data, fh)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(self.path)
        _sync_dir(self.work_dir)

    def clear_scratch(self) -> None:
        """Delete what an earlier run left in the work dir (stages, shard rejects, files)."""
        if not self.work_dir.exists():
            return
        for path in self.work_dir.iterdir():
            if path.name == "csv" and path.is_dir():
                shutil.rmtree(path)
            elif path.name.startswith(("stage", "rejects-")) or path.name == self.path.name:
                path.unlink(missing_ok=True)

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)


def _sync_dir(path: Path) -> None:
    """A rename is durable once its directory is synced (POSIX; a no-op elsewhere)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
