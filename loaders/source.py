"""Reading registry files as published: gzip, BOM, CRLF, JSON arrays or JSON Lines, CSV.

Everything streams: a file of any size is read with flat memory. Undecodable bytes and broken
lines become rejections with their location, never an exception that stops the file.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import ijson

from loaders.rejects import Location, Rejection

GZIP_MAGIC = b"\x1f\x8b"
UTF8_BOM = b"\xef\xbb\xbf"


@dataclass
class ByteCounter:
    """Bytes consumed so far, for progress bars on compressed or streamed input."""

    done: int = 0


class _CountingReader(io.RawIOBase):
    def __init__(self, raw: IO[bytes], counter: ByteCounter) -> None:
        self._raw = raw
        self._counter = counter

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self._counter.done += n
        return n

    def close(self) -> None:
        self._raw.close()
        super().close()


def open_bytes(path: Path, counter: ByteCounter | None = None) -> IO[bytes]:
    """Open a file for binary reading, transparently gunzipping it; counts compressed bytes."""
    raw: IO[bytes] = path.open("rb")
    if counter is not None:
        raw = io.BufferedReader(_CountingReader(raw, counter), buffer_size=1 << 16)
    head = raw.peek(2)[:2] if isinstance(raw, io.BufferedReader) else raw.read(0)
    if head == GZIP_MAGIC:
        unzipped = gzip.GzipFile(fileobj=raw, mode="rb")
        # GzipFile closes only a file it opened itself (`myfileobj`): hand it ours, so closing
        # the returned stream closes the file too (else a ResourceWarning per gzip file).
        unzipped.myfileobj = raw  # type: ignore[assignment]
        return unzipped  # type: ignore[return-value]
    return raw


def _strip_bom(stream: IO[bytes]) -> IO[bytes]:
    buffered = stream if isinstance(stream, io.BufferedReader) else io.BufferedReader(stream)  # type: ignore[type-var]
    if buffered.peek(3)[:3] == UTF8_BOM:
        buffered.read(3)
    return buffered


def _head(stream: io.BufferedReader) -> bytes:
    return stream.peek(1 << 16).lstrip()


def iter_json(
    path: Path, counter: ByteCounter | None = None
) -> Iterator[tuple[Location, Any] | Rejection]:
    """Yield (location, object) for a JSON array, JSON Lines, or pretty-printed object(s).

    JSON Lines are decoded line by line, so one bad line is one rejection. Arrays and
    pretty-printed objects are streamed with ijson; a syntax error there ends the file with one
    rejection saying after which item.
    """
    name = path.name
    with open_bytes(path, counter) as raw:
        stream = _strip_bom(raw)
        assert isinstance(stream, io.BufferedReader)
        head = _head(stream)
        if head[:1] == b"[":
            yield from _iter_ijson(stream, name, "item")
        elif head[:1] == b"{" and _pretty_printed(head):
            yield from _iter_ijson(stream, name, "")  # one or more pretty-printed objects
        else:
            yield from _iter_json_lines(stream, name)


def _iter_ijson(
    stream: IO[bytes], name: str, prefix: str
) -> Iterator[tuple[Location, Any] | Rejection]:
    index = -1
    try:
        items = ijson.items(stream, prefix, use_float=True, multiple_values=True)
        for index, item in enumerate(items):
            yield Location(name, record=f"[{index}]" if prefix else None), item
    except (ijson.JSONError, UnicodeDecodeError, ValueError) as exc:
        yield Rejection(
            Location(name, record=f"[{index + 1}]"),
            f"invalid JSON after item {index + 1}; the rest of the file is unreadable: {exc}",
        )


def _iter_json_lines(stream: IO[bytes], name: str) -> Iterator[tuple[Location, Any] | Rejection]:
    for number, line in enumerate(stream, start=1):
        if line.strip():
            yield from _decode_line(line, Location(name, line=number))


def _pretty_printed(head: bytes) -> bool:
    """One object spread over many lines, unless the file looks like JSON Lines: a first line
    that is a document on its own, or (a broken first line) a second line opening an object
    at column 0, where a pretty-printed object's members are indented."""
    if b"\n" not in head.rstrip():  # one line longer than the peek: JSON Lines (fuzzing)
        return False
    lines = [line for line in head.split(b"\n")[:3] if line.strip()]
    if not lines or _parses(lines[0]):
        return False
    return not (len(lines) > 1 and lines[1].startswith(b"{"))


def _parses(data: bytes) -> bool:
    try:
        json.loads(data)
    except ValueError:
        return False
    return True


def _decode_line(line: bytes, location: Location) -> Iterator[tuple[Location, Any] | Rejection]:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        yield Rejection(location, f"not UTF-8: byte {exc.start} cannot be decoded", raw=line)
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Rejection(location, f"invalid JSON: {exc.msg} at column {exc.colno}", raw=text)
        return
    except RecursionError:  # e.g. 100,000 nested arrays: one bad line, not a crashed load
        yield Rejection(location, "invalid JSON: nested too deeply", raw=text)
        return
    # "\ud800" alone is valid JSON but no character: Neo4j cannot store it (found by fuzzing).
    if ("\\ud" in text or "\\uD" in text) and _has_surrogates(json.dumps(data, ensure_ascii=False)):
        yield Rejection(location, "invalid JSON: a \\u escape is a lone surrogate", raw=text)
        return
    yield location, data


def iter_csv(
    path: Path,
    *,
    delimiter: str = ",",
    counter: ByteCounter | None = None,
    strip_header: bool = True,
) -> Iterator[tuple[Location, dict[str, str]] | Rejection]:
    """Yield (location, row dict) for a CSV file with a header; bad rows become rejections."""
    name = path.name
    with open_bytes(path, counter) as raw:
        stream = _strip_bom(raw)
        text = io.TextIOWrapper(stream, encoding="utf-8", errors="surrogateescape", newline="")
        reader = csv.reader(text, delimiter=delimiter)
        try:
            header = next(reader)
        except StopIteration:
            return
        if strip_header:
            header = [h.strip() for h in header]
        width = len(header)
        while True:
            line = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield Rejection(Location(name, line=line), f"malformed CSV: {exc}")
                continue
            if not row or all(not cell.strip() for cell in row):
                continue
            if any(_has_surrogates(cell) for cell in row):
                yield Rejection(
                    Location(name, line=line),
                    "not UTF-8: the row holds bytes that cannot be decoded",
                    raw=[c.encode("utf-8", "surrogateescape").decode("latin-1") for c in row],
                )
                continue
            if len(row) != width:
                yield Rejection(
                    Location(name, line=line),
                    f"expected {width} columns, found {len(row)}",
                    raw=row,
                )
                continue
            yield Location(name, line=line), dict(zip(header, row, strict=True))


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
