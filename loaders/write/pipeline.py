"""Orchestration: parse a file, write what is good, report what is not. No format knowledge."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pydantic import BaseModel
from pydantic_core import PydanticSerializationError

from graph_schema.nodes import Record
from loaders.contract import ADDED, DELETED, MODIFIED, Format, Parsed, ParseResult
from loaders.rejects import Location, Rejection, RejectSink
from loaders.source import ByteCounter
from loaders.write.writer import GraphWriter, WriteStats

ProgressHook = Callable[[int, int], None]  # (bytes done, records read)


@dataclass
class LoadReport:
    format: str
    files: list[str] = field(default_factory=list)
    read: int = 0  # source records seen (lines, statements, rows, documents)
    loaded: int = 0  # source records written
    rejected: int = 0  # source records rejected (each one in the rejects file)
    # warnings about loaded records (unknown values kept as-is, numbers kept unvalidated, topics
    # left out), in the rejects file too
    warnings: int = 0
    nodes: WriteStats = field(default_factory=WriteStats)
    links: WriteStats = field(default_factory=WriteStats)
    seconds: float = 0.0
    # Records of a stream of changes (delta lines, BODS 0.4 record statuses, KBO update rows),
    # by what they did: "added", "modified", "deleted". Counted when loaded.
    changes: dict[str, int] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.read / self.seconds if self.seconds > 0 else 0.0

    def summary(self) -> str:
        created = self.nodes.created + self.links.created
        updated = self.nodes.updated + self.links.updated
        unchanged = self.nodes.unchanged + self.links.unchanged
        changes = ""
        if any(self.changes.values()):
            counts = ", ".join(f"{self.changes.get(k, 0)} {k}" for k in (ADDED, MODIFIED, DELETED))
            changes = f" | changes: {counts}"
        kept = f" ({self.warnings} warnings, in the rejects file)" if self.warnings else ""
        return (
            f"{self.format}: read {self.read}, loaded {self.loaded}{kept}, "
            f"rejected {self.rejected}{changes} | graph: {created} created, {updated} updated, "
            f"{unchanged} unchanged "
            f"| {self.seconds:.1f}s, {self.rate:,.0f} records/s"
        )


def load_path(
    fmt: Format,
    path: Path,
    writer: GraphWriter,
    rejects: RejectSink,
    report: LoadReport,
    progress: ProgressHook | None = None,
) -> None:
    counter = ByteCounter()
    report.files.append(str(path))
    recent = _RecentChanges()
    for item, problem in _parsed_in_background(fmt, path, counter):
        report.read += 1
        if isinstance(item, Rejection):
            rejects.add(_with_format(item, fmt.name))
            report.rejected += 1
        elif problem is not None:
            rejects.add(Rejection(item.location, problem, format=fmt.name))
            report.rejected += 1
        else:
            assert isinstance(item, Parsed)
            report.loaded += 1
            report.warnings += warn(item, rejects, fmt.name)
            if item.change is not None:
                report.changes[item.change] = report.changes.get(item.change, 0) + 1
                recent.put(item.location, item.change)
            writer.add(item.records, item.location)
            _settle(writer, rejects, report, fmt.name, recent)
        if progress is not None and report.read % 500 == 0:
            progress(counter.done, report.read)
    writer.flush()
    _settle(writer, rejects, report, fmt.name, recent)
    if progress is not None:
        progress(counter.done, report.read)


class _RecentChanges:
    """What the last source records of a change stream did, so that one the writer rejects
    later (a dangling reference, found when its batch is written) leaves the change counts.
    Bounded: the writer only rejects rows of the batch it is writing."""

    LIMIT = 50_000

    def __init__(self) -> None:
        self._seen: dict[Location, str] = {}

    def put(self, location: Location, change: str) -> None:
        self._seen[location] = change
        if len(self._seen) > self.LIMIT:
            del self._seen[next(iter(self._seen))]

    def pop(self, location: Location) -> str | None:
        return self._seen.pop(location, None)


_DONE = object()
QUEUE_SIZE = 2000  # parsed records waiting for the writer: bounds memory, smooths batches


def _parsed_in_background(
    fmt: Format, path: Path, counter: ByteCounter
) -> Iterator[tuple[ParseResult, str | None]]:
    """Parse (and pre-check) in a thread while this one waits on Neo4j, so that the two
    overlap. Order is kept; parser errors re-raise here."""
    items: queue.Queue[object] = queue.Queue(maxsize=QUEUE_SIZE)
    stop = threading.Event()

    def put(value: object) -> bool:
        while not stop.is_set():
            try:
                items.put(value, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in fmt.parse(path, counter):
                problem = unwritable(item.records) if isinstance(item, Parsed) else None
                if not put((item, problem)):
                    return
        except BaseException as exc:  # handed to the consumer, which re-raises it
            put(exc)
            return
        put(_DONE)

    worker = threading.Thread(target=produce, name=f"parse-{path.name}", daemon=True)
    worker.start()
    try:
        while True:
            value = items.get()
            if value is _DONE:
                return
            if isinstance(value, BaseException):
                raise value
            yield value  # type: ignore[misc]
    finally:
        stop.set()
        worker.join()


# Neo4j refuses a range-index entry over ~8 KB, failing the whole batch and the load (found by
# fuzzing: a 1 MB name, a 100 KB id). 2,000 characters stay under it even at 4 UTF-8 bytes each.
MAX_INDEXED_CHARS = 2000
_INDEXED_FIELDS = ("key", "src", "dst", "name", "text", "status")


def unwritable(records: Sequence[Record]) -> str | None:
    """Why Neo4j would refuse these records, or None: an indexed value too long, or a string
    holding a lone surrogate (not encodable as UTF-8: the driver raises)."""
    return too_long(records) or lone_surrogate(records)


def too_long(records: Sequence[Record]) -> str | None:
    for record in records:
        # The fields themselves: getattr() on a field a record class lacks goes through
        # pydantic's __getattr__ and an AttributeError (a tenth of bulk-import's parse time).
        fields = record.__dict__
        for name in _indexed_fields(type(record)):
            value = fields.get(name)
            if isinstance(value, str) and len(value) > MAX_INDEXED_CHARS:
                return (
                    f"{name} is {len(value):,} characters long; "
                    f"at most {MAX_INDEXED_CHARS:,} can be indexed"
                )
    return None


@cache
def _indexed_fields(cls: type[Record]) -> tuple[str, ...]:
    """The indexed fields a record class has (a handful of classes: cached)."""
    return tuple(name for name in _INDEXED_FIELDS if name in cls.model_fields)


def lone_surrogate(records: Sequence[Record]) -> str | None:
    for record in records:
        try:
            # pydantic-core serialises in Rust and refuses a lone surrogate: far cheaper than
            # walking every field in Python, which runs only to name the field of a record that
            # failed.
            record.__pydantic_serializer__.to_json(record)
        except PydanticSerializationError:
            for name, value in record:
                if _has_lone_surrogate(value):
                    return f"{name} holds a lone surrogate (not a character)"
    return None


def _has_lone_surrogate(value: object) -> bool:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, list | tuple):
        return any(_has_lone_surrogate(v) for v in value)
    if isinstance(value, BaseModel):
        return any(_has_lone_surrogate(v) for _, v in value)
    return False


def warn(item: Parsed, rejects: RejectSink, fmt: str) -> int:
    """Report a loaded record's warnings (values kept as-is or unvalidated, or left out);
    returns how many."""
    for reason in item.warnings:
        rejects.add(Rejection(item.location, reason, format=fmt, kept=True))
    return len(item.warnings)


def _settle(
    writer: GraphWriter, rejects: RejectSink, report: LoadReport, fmt: str, recent: _RecentChanges
) -> None:
    """Move the writer's dangling-reference rejections into the report (once per record)."""
    seen: set[Location] = set()
    for rejection in writer.take_rejections():
        rejects.add(_with_format(rejection, fmt))
        if rejection.location not in seen:
            seen.add(rejection.location)
            report.loaded -= 1
            report.rejected += 1
            change = recent.pop(rejection.location)
            if change is not None:
                report.changes[change] -= 1


def _with_format(rejection: Rejection, fmt: str) -> Rejection:
    if rejection.format == fmt:
        return rejection
    return Rejection(rejection.location, rejection.reason, rejection.raw, fmt, rejection.kept)


def load_paths(
    fmt: Format,
    paths: Sequence[Path],
    writer: GraphWriter,
    rejects: RejectSink,
    progress: ProgressHook | None = None,
) -> LoadReport:
    report = LoadReport(format=fmt.name)
    started = time.perf_counter()
    try:
        offset = 0
        for path in paths:
            hook = None
            if progress is not None:
                base, outer = offset, progress

                def hook(
                    done: int, read: int, base: int = base, outer: ProgressHook = outer
                ) -> None:
                    outer(base + done, read)

            load_path(fmt, path, writer, rejects, report, hook)
            offset += total_bytes([path])
    finally:
        report.seconds = time.perf_counter() - started
        report.nodes = writer.nodes
        report.links = writer.links
    return report


def total_bytes(paths: Sequence[Path]) -> int:
    total = 0
    for path in paths:
        if path.is_file():
            total += path.stat().st_size
        elif path.is_dir():
            total += sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return total
