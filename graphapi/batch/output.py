"""Report files of portfolio jobs: CSV or JSON Lines (by extension), appendable for --resume.

Rows are written in input order and flushed as they go, so an interrupted run leaves a valid
prefix; a half-written last line (a crash mid-write) is cut off before appending again.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

Structured = dict[str, Any]
CsvRow = dict[str, str]


class OutputError(Exception):
    """The output cannot be written or resumed (fatal)."""


def output_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    raise OutputError(f"output {path} must end in .csv or .jsonl")


def _cut_partial_line(path: Path) -> None:
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        with path.open("r+b") as fh:
            fh.truncate(data.rfind(b"\n") + 1)


def read_rows(path: Path) -> Iterator[dict[str, Any]]:
    """The complete rows of an existing report (a partial last line is ignored)."""
    if not path.exists():
        return
    text = path.read_text(encoding="utf-8")
    complete = text if text.endswith("\n") else text[: text.rfind("\n") + 1]
    if output_format(path) == "csv":
        yield from csv.DictReader(io.StringIO(complete))
        return
    for line in complete.splitlines():
        if line.strip():
            try:
                yield json.loads(line)
            except json.JSONDecodeError:
                continue


def done_rows(path: Path) -> set[int]:
    """Input rows already reported in an earlier run (for --resume)."""
    done = set()
    for row in read_rows(path):
        try:
            done.add(int(row["row"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise OutputError(f"{path} does not look like a report of this job: {exc}") from None
    return done


class ReportWriter:
    """Writes structured rows as JSON Lines, or flattened by `to_csv` under `columns`."""

    def __init__(
        self,
        path: Path,
        columns: Sequence[str],
        to_csv: Callable[[Structured], CsvRow],
        append: bool,
    ) -> None:
        self.path = path
        self.format = output_format(path)
        self._to_csv = to_csv
        if append and path.exists():
            _cut_partial_line(path)
        fresh = not (append and path.exists() and path.stat().st_size > 0)
        if not fresh and self.format == "csv":
            with path.open(encoding="utf-8", newline="") as fh:
                header = next(csv.reader(fh), [])
            if header != list(columns):
                raise OutputError(f"{path} has other columns than this job's; cannot resume it")
        self._fh: TextIO = path.open("w" if fresh else "a", encoding="utf-8", newline="")
        self._csv = csv.DictWriter(self._fh, fieldnames=list(columns), lineterminator="\n")
        if fresh and self.format == "csv":
            self._csv.writeheader()

    def write(self, row: Structured) -> None:
        if self.format == "csv":
            self._csv.writerow(self._to_csv(row))
        else:
            self._fh.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")

    def flush(self) -> None:
        self._fh.flush()

    def close(self) -> None:
        self._fh.close()
