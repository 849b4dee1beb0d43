"""What every format shares: the parse result, the format description, the one rejection error."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from graph_schema.nodes import Record, control_character
from loaders.rejects import Location, Rejection
from loaders.source import ByteCounter, iter_json


class BadRecord(ValueError):
    """A source record we cannot use; the message is the rejection reason."""


# What a source record of a stream of changes did: counted in the load summary.
ADDED, MODIFIED, DELETED = "added", "modified", "deleted"


@dataclass(frozen=True)
class Parsed:
    """One source record turned into canonical records (possibly none, e.g. a totals line).

    `warnings` name values the record holds that we do not take as given (a code the registry
    added after this loader was written, kept as-is; a registry number that fails its check,
    kept unvalidated; a topic FtM does not know, left out): the record still loads, and each
    warning goes to the rejects file marked `kept` without counting as a rejection.
    """

    location: Location
    records: Sequence[Record]
    warnings: Sequence[str] = ()
    change: str | None = None  # ADDED | MODIFIED | DELETED for a record of a change stream


ParseResult = Parsed | Rejection
Parser = Callable[[Path, ByteCounter], Iterator[ParseResult]]


@dataclass(frozen=True)
class Format:
    """A loader format. Its `parse` is wrapped once here with the checks every format shares
    (`checked`), so `load`, `bulk-import` and the tests all see the same results."""

    name: str
    description: str
    parse: Parser
    # Each entry of a folder input parses on its own, with the same locations and records as
    # when the whole folder is parsed (per-company folders; an entry may read other files, but
    # never depends on what was parsed before it): `bulk-import` may then parse entries in
    # parallel.
    entries_independent: bool = False

    def __post_init__(self) -> None:
        if not getattr(self.parse, "checked", False):
            object.__setattr__(self, "parse", checked(self.parse))


def checked(parse: Parser) -> Parser:
    """`parse`, rejecting a source record whose canonical records hold a control character
    in a text field (a NUL, a form feed...): the whole source record is rejected, with the
    field and the character named, and the others still load."""

    def run(path: Path, counter: ByteCounter) -> Iterator[ParseResult]:
        for item in parse(path, counter):
            if isinstance(item, Parsed):
                for record in item.records:
                    reason = control_character(record)
                    if reason is not None:
                        item = Rejection(item.location, reason)
                        break
            yield item

    run.checked = True  # type: ignore[attr-defined]
    return run


def files_under(path: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """A file, or the files with these suffixes under a folder, in a stable order: sorted by
    path, as `sorted(path.rglob("*"))` orders them (symlinked folders are not entered)."""
    if path.is_file():
        return [path]
    found: list[Path] = []
    _walk(path, suffixes, found)
    return found


def _walk(folder: Path, suffixes: tuple[str, ...], found: list[Path]) -> None:
    # Sorted names, depth first: the order of sorted paths (a folder's files come right after
    # its own name), with one scandir per folder instead of a Path and a stat per entry.
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError:  # missing or unreadable: nothing, as rglob finds nothing there
        return
    for entry in entries:
        try:
            is_dir = entry.is_dir() and not entry.is_symlink()
            is_file = not is_dir and entry.is_file()  # follows a symlink, as Path.is_file
        except OSError:
            is_dir = is_file = False
        if is_dir:
            _walk(folder / entry.name, suffixes, found)
        elif is_file and entry.name.lower().endswith(suffixes):
            found.append(folder / entry.name)


Reader = Callable[[Path, ByteCounter], Iterable[tuple[Location, Any] | Rejection]]


def parse_documents(
    path: Path,
    counter: ByteCounter,
    suffixes: tuple[str, ...],
    parse_one: Callable[[Path, Location, Any], ParseResult | None],
    read: Reader = iter_json,
) -> Iterator[ParseResult]:
    """`parse_one` of each document `read` finds in the files under `path` (None: nothing to
    report for it); an unreadable document is rejected."""
    for file in files_under(path, suffixes):
        for item in read(file, counter):
            if isinstance(item, Rejection):
                yield item
                continue
            location, data = item
            result = parse_one(file, location, data)
            if result is not None:
                yield result


def validation_reason(exc: ValidationError) -> str:
    """The first complaint of a record model's validation, as a rejection reason."""
    return str(exc.errors()[0].get("msg", exc)).removeprefix("Value error, ")
