"""Report files of portfolio jobs: CSV, Excel workbook or JSON Lines (by extension).

CSV is written the way Excel reads it back without garbling accents: UTF-8 with a byte-order
mark (`bom=False` leaves it out), in the delimiter of the input file (a Belgian Excel that saved
`;` opens `;`). CSV and JSON Lines are appendable for --resume: rows are written in input order
and flushed as they go, so an interrupted run leaves a valid prefix; a half-written last line
(a crash mid-write) is cut off before appending again. An .xlsx workbook is written whole when
the job ends (it cannot be resumed).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from graphapi.batch.tables import sniff_delimiter

Structured = dict[str, Any]
CsvRow = dict[str, str]
# A job's structured row -> its CSV/XLSX rows: one, or several (one per owner, per change).
ToCsv = Callable[[Structured], list[CsvRow]]
INPUT_PREFIX = "input "  # an input column named like one of ours is given back as "input <name>"


class OutputError(Exception):
    """The output cannot be written or resumed (fatal)."""


def output_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix == ".xlsx":
        return "xlsx"
    raise OutputError(f"output {path} must end in .csv, .xlsx or .jsonl")


def input_columns(header: Sequence[str], ours: Sequence[str]) -> list[tuple[str, str]]:
    """(input column, output column) for every input column, renamed when it would clash."""
    taken = {c.casefold() for c in ours}
    out = []
    for h in header:
        name = h
        while name.casefold() in taken:
            name = INPUT_PREFIX + name
        taken.add(name.casefold())
        out.append((h, name))
    return out


def _cut_partial_line(path: Path) -> None:
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        with path.open("r+b") as fh:
            fh.truncate(data.rfind(b"\n") + 1)


def _xlsx_rows(path: Path) -> Iterator[dict[str, Any]]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = [str(h) for h in next(rows, ())]
        for values in rows:
            yield {h: ("" if v is None else v) for h, v in zip(header, values, strict=False)}
    finally:
        workbook.close()


def read_rows(path: Path) -> Iterator[dict[str, Any]]:
    """The complete rows of an existing report (a partial last line is ignored)."""
    if not path.exists():
        return
    if output_format(path) == "xlsx":
        yield from _xlsx_rows(path)
        return
    text = path.read_text(encoding="utf-8-sig")
    complete = text if text.endswith("\n") else text[: text.rfind("\n") + 1]
    if output_format(path) == "csv":
        delimiter = sniff_delimiter(complete[: complete.find("\n") + 1])
        yield from csv.DictReader(io.StringIO(complete, newline=""), delimiter=delimiter)
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
    """Writes structured rows as JSON Lines, or flattened by `to_csv` under `columns` as CSV
    or a workbook."""

    def __init__(
        self,
        path: Path,
        columns: Sequence[str],
        to_csv: ToCsv,
        append: bool,
        *,
        bom: bool = True,
        delimiter: str = ",",
    ) -> None:
        self.path = path
        self.format = output_format(path)
        self.columns = list(columns)
        self._to_csv = to_csv
        self._fh: TextIO | None = None
        if self.format == "xlsx":
            if append and path.exists():
                raise OutputError(f"{path}: an .xlsx report cannot be resumed; use a .csv output")
            from openpyxl import Workbook

            self._book = Workbook(write_only=True)
            self._sheet = self._book.create_sheet("report")
            self._sheet.append(self.columns)
            return
        if append and path.exists():
            _cut_partial_line(path)
        fresh = not (append and path.exists() and path.stat().st_size > 0)
        if not fresh and self.format == "csv":
            with path.open(encoding="utf-8-sig", newline="") as fh:
                first = fh.readline()
            header = next(csv.reader([first], delimiter=sniff_delimiter(first)), [])
            if header != self.columns:
                raise OutputError(f"{path} has other columns than this job's; cannot resume it")
            delimiter = sniff_delimiter(first)  # appended rows match the file's own
        # utf-8-sig writes the BOM once, at the start of a fresh file; appending adds none.
        encoding = "utf-8-sig" if (fresh and bom and self.format == "csv") else "utf-8"
        self._fh = path.open("w" if fresh else "a", encoding=encoding, newline="")
        self._csv = csv.DictWriter(
            self._fh, fieldnames=self.columns, lineterminator="\r\n", delimiter=delimiter
        )
        if fresh and self.format == "csv":
            self._csv.writeheader()

    def write(self, row: Structured) -> None:
        if self.format == "jsonl":
            assert self._fh is not None
            self._fh.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            return
        for line in self._to_csv(row):
            if self.format == "csv":
                self._csv.writerow(line)
            else:
                self._sheet.append([line.get(c, "") for c in self.columns])

    def flush(self) -> None:
        if self._fh is not None:
            self._fh.flush()

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
        else:
            self._book.save(self.path)
