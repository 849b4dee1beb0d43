"""Reading a table the way spreadsheets and accounting packages export it.

One reader for every file a user brings (client lists, ledgers): `.csv`/`.txt` in whatever
delimiter and encoding Excel wrote (a Belgian Excel writes `;` in cp1252; a UK one `,` in UTF-8
with a BOM), or an `.xlsx` workbook. Header cells are matched to the caller's columns case- and
accent-insensitively through their synonyms; columns nobody asked for are kept, so outputs can
carry every input column back to the user. Cell meaning (numbers, dates, amounts) is the
caller's job: this module only finds the cells.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

DELIMITERS = (",", ";", "\t", "|")
_SAMPLE_LINES = 50


class TableError(ValueError):
    """The file as a whole cannot be read as a table (one line for the user)."""


@dataclass(frozen=True)
class Column:
    """A column the caller understands, and the header spellings that mean it."""

    name: str
    synonyms: tuple[str, ...] = ()

    def spellings(self) -> set[str]:
        return {header_key(s) for s in (self.name, *self.synonyms)}


@dataclass(frozen=True)
class Row:
    line: int  # line in the text file, or row in the sheet (the header is line 1 or later)
    values: tuple[str, ...]  # every cell as written, in file order, stripped

    def get(self, index: int | None) -> str:
        if index is None or index >= len(self.values):
            return ""
        return self.values[index]


@dataclass
class Table:
    path: Path
    header: tuple[str, ...]  # as written; ("column 1", …) for a file without a header
    columns: dict[str, int]  # caller's column name -> position
    rows: list[Row] = field(default_factory=list)
    blank_lines: int = 0
    encoding: str = "utf-8"
    delimiter: str | None = None  # None for a workbook
    has_header: bool = True

    @property
    def unknown_columns(self) -> list[str]:
        known = set(self.columns.values())
        return [h for i, h in enumerate(self.header) if i not in known]

    def cell(self, row: Row, column: str) -> str:
        return row.get(self.columns.get(column))

    def record(self, row: Row) -> dict[str, str]:
        """Every input column of one row, keyed by its header as written."""
        return {h: row.get(i) for i, h in enumerate(self.header)}


def header_key(text: str) -> str:
    """'N° d’Entreprise' -> 'n d entreprise': the form header spellings are compared in."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", ascii_text.lower()).split())


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding it was read in: UTF-8 (with or without BOM), else Windows-1252.

    Excel's "CSV" on a Western-European Windows is cp1252; the five bytes cp1252 leaves
    undefined are read as Latin-1 rather than failing the whole file."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most consistent, widest rows."""
    sample = [line for line in text.splitlines()[:_SAMPLE_LINES] if line.strip()]
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        widths = [len(cells) for cells in csv.reader(sample, delimiter=delimiter)]
        if not widths:
            continue
        width, agreeing = Counter(widths).most_common(1)[0]
        if width < 2:
            continue
        score = (agreeing, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _text_rows(path: Path) -> tuple[list[tuple[int, tuple[str, ...]]], str, str]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TableError(f"cannot read {path}: {exc.strerror or exc}") from None
    text, encoding = decode(data)
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, tuple[str, ...]]] = []
    start = 1
    try:
        for cells in reader:
            rows.append((start, tuple(c.strip() for c in cells)))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise TableError(f"{path}, line {reader.line_num}: {exc}") from None
    return rows, encoding, delimiter


def _sheet_rows(path: Path, sheet: str | None) -> list[tuple[int, tuple[str, ...]]]:
    from openpyxl import load_workbook  # only workbooks pay for it

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a file that is not a workbook
        raise TableError(f"{path} is not a readable .xlsx workbook: {exc}") from None
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise TableError(f"{path} has no sheet {sheet!r} (sheets: {workbook.sheetnames})")
        worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
        return [
            (number, tuple(_cell_text(v) for v in values))
            for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        workbook.close()


def read_table(
    path: Path,
    columns: Sequence[Column],
    *,
    headerless: Callable[[tuple[str, ...]], bool] | None = None,
    headerless_columns: Sequence[str] = (),
    sheet: str | None = None,
) -> Table:
    """Read `path` and place the caller's columns in it.

    The first non-blank line is the header when any of its cells names a known column. When
    none does, `headerless(first_line)` may accept it as data, the file then being read with
    `headerless_columns` in order; otherwise the error lists the names that are understood."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raw, encoding, delimiter = _sheet_rows(path, sheet), "xlsx", None
    else:
        raw, encoding, delimiter = _text_rows(path)
    blank = sum(1 for _, cells in raw if not any(cells))
    data = [(line, cells) for line, cells in raw if any(cells)]
    if not data:
        raise TableError(f"{path} is empty")
    first_line, first = data[0]
    found: dict[str, int] = {}
    for column in columns:
        spellings = column.spellings()
        for index, cell in enumerate(first):
            taken = index in found.values()
            if header_key(cell) in spellings and column.name not in found and not taken:
                found[column.name] = index
                break
    table = Table(path=path, header=first, columns=found, encoding=encoding, delimiter=delimiter)
    if found:
        body = data[1:]
    elif headerless is not None and headerless(first):
        width = max(len(cells) for _, cells in data)
        table.header = tuple(f"column {i + 1}" for i in range(width))
        table.columns = {name: i for i, name in enumerate(headerless_columns)}
        table.has_header = False
        body = data
    else:
        expected = "; ".join(
            f"{c.name} ({', '.join(c.synonyms)})" if c.synonyms else c.name for c in columns
        )
        raise TableError(
            f"{path}, line {first_line}: no column name is understood in {list(first)}; "
            f"expected any of: {expected}"
        )
    table.rows = [Row(line, cells) for line, cells in body]
    table.blank_lines = blank
    return table
