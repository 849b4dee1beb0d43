"""Rejected records: every one is reported with where it was, why, and what it held."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Any

MAX_RAW_CHARS = 20_000  # a rejected 50 MB string must not make a 50 MB rejects line


@dataclass(frozen=True)
class Location:
    """Where a source record sits: file name plus line number and/or the record's own id."""

    file: str
    line: int | None = None
    record: str | None = None

    def describe(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.record is not None:
            parts.append(f"record {self.record}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Rejection:
    """A rejected record, or with `kept` a warning about a record that was loaded anyway
    (an unknown code kept as-is): same file, same shape, told apart by `kept`."""

    location: Location
    reason: str
    raw: Any = None
    format: str | None = None
    kept: bool = False

    def to_json(self) -> dict[str, Any]:
        raw = self.raw
        if isinstance(raw, bytes):
            raw = raw.decode("utf-8", errors="backslashreplace")
        if raw is not None:
            text = raw if isinstance(raw, str) else json.dumps(raw, default=str, ensure_ascii=False)
            if len(text) > MAX_RAW_CHARS:
                raw = text[:MAX_RAW_CHARS] + f"… [{len(text) - MAX_RAW_CHARS} chars cut]"
        return {
            "format": self.format,
            "file": self.location.file,
            "line": self.location.line,
            "record": self.location.record,
            "reason": self.reason,
            "kept": self.kept,
            "raw": raw,
        }


@dataclass
class RejectSink:
    """Writes rejections as JSON Lines (or only counts them when no file is given).

    Warnings about loaded records (`Rejection.kept`) go to the same file and are counted in
    `kept`, never in `count`: read = loaded + rejected holds whatever the warnings."""

    path: Path | None
    count: int = 0
    kept: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    _fh: IO[str] | None = None

    def __enter__(self) -> RejectSink:
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = self.path.open("w", encoding="utf-8")
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def add(self, rejection: Rejection) -> None:
        if rejection.kept:
            self.kept += 1
        else:
            self.count += 1
            head = rejection.reason.split(":", 1)[0][:80]
            self.reasons[head] = self.reasons.get(head, 0) + 1
        if self._fh is not None:
            self._fh.write(json.dumps(rejection.to_json(), default=str, ensure_ascii=False) + "\n")
            self._fh.flush()  # a killed load still leaves every rejection seen so far
