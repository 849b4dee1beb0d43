"""The NBB CSV export of a deposit: two quoted columns, no header; about 18 metadata rows
(`"Entity number","0443246943"`, `"Model code","m01-f"`, ...) then `"<rubric>","<amount>"`
rows in no particular order, dot decimal, minus for negatives.

Rubric codes ending in `P` (`8199P`, `1003P`) are prior-period values of a few notes; the CSV
carries no prior-year main statements, so only the current period becomes a statement.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from graph_schema.financials import FinancialStatement, SourceFormat
from loaders.accounts.nbb_statements import FORMAT, Deposit, Period, statements
from loaders.rejects import Location, Rejection

_RUBRIC = re.compile(r"^[0-9][0-9/]*[A-Z]?$")  # 10/15, 9087, 75/76B, 76A (not 8199P notes)
_META = {
    "Reference number": "reference",
    "Entity number": "number",
    "Accounting period start date": "start",
    "Accounting period end date": "end",
    "Model code": "model",
    "Currency": "currency",
    "Entity name": "name",
}


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text.strip()) if text else None
    except ValueError:
        return None


def read_nbb_csv(data: bytes, file_name: str) -> Iterator[FinancialStatement | Rejection]:
    location = Location(file_name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        yield Rejection(location, f"not UTF-8: {exc}", format=FORMAT)
        return
    meta: dict[str, str] = {}
    rubrics: dict[str, Decimal] = {}
    problems: list[str] = []
    for line_no, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        if not row or all(not c.strip() for c in row):
            continue
        if len(row) != 2:
            problems.append(f"line {line_no}: {len(row)} columns")
            continue
        key, value = row[0].strip(), row[1].strip()
        if key in _META:
            meta[_META[key]] = value
        elif _RUBRIC.match(key):
            try:
                amount = Decimal(value)
            except InvalidOperation:
                problems.append(f"line {line_no}: rubric {key} amount {value!r} is not a number")
                continue
            if key in rubrics and rubrics[key] != amount:
                problems.append(f"rubric {key} given twice ({rubrics[key]} and {amount})")
            rubrics[key] = amount
    if problems:
        yield Rejection(location, "unreadable deposit: " + "; ".join(problems[:5]), format=FORMAT)
        return
    end = _date(meta.get("end"))
    deposit = Deposit(
        enterprise_number=meta.get("number"),
        name=meta.get("name") or None,
        model=meta.get("model") or None,
        currency=meta.get("currency") or None,
        reference=meta.get("reference") or None,
        current=Period(_date(meta.get("start")), end, rubrics) if end else None,
    )
    yield from statements(deposit, location, SourceFormat.NBB_CSV, file_name)


def read_nbb_csv_file(path: Path) -> Iterator[FinancialStatement | Rejection]:
    yield from read_nbb_csv(path.read_bytes(), path.name)
