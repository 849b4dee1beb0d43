"""The "ch-psc" format: the PSC bulk snapshot, JSON Lines of {"company_number", "data"}."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graph_schema.provenance import Provenance
from loaders.companies_house.common import (
    SOURCE,
    iso_date,
    parse_documents,
    self_id,
    text,
)
from loaders.companies_house.psc import psc_records
from loaders.contract import BadRecord, Format, Parsed, ParseResult
from loaders.rejects import Location, Rejection
from loaders.source import ByteCounter


def parse_psc_snapshot(path: Path, counter: ByteCounter) -> Iterator[ParseResult]:
    suffixes = (".json", ".jsonl", ".txt", ".json.gz", ".jsonl.gz", ".txt.gz")
    return parse_documents(path, counter, suffixes, _one)


def _one(file: Path, location: Location, line: Any) -> ParseResult:
    try:
        if not isinstance(line, dict):
            raise BadRecord(f"a snapshot line must be an object, got {type(line).__name__}")
        data = line.get("data")
        if not isinstance(data, dict):
            raise BadRecord("missing key field data")
        psc_id = self_id(data)
        number = text(line.get("company_number"))
        record_id = f"{number}/psc/{psc_id}" if number and psc_id else _where(file, location)
        prov = Provenance(
            source=SOURCE,
            record_id=record_id,
            source_file=file.name,
            seen_at=iso_date(line.get("ContentDate"), "ContentDate"),
        )
        warnings: list[str] = []
        records = psc_records(number, data, prov, warnings)
        return Parsed(location, records, warnings)
    except BadRecord as exc:
        return Rejection(location, str(exc), raw=line)


def _where(file: Path, location: Location) -> str:
    return f"{file.name}:{location.line if location.line is not None else location.record}"


FORMAT = Format(
    "ch-psc",
    "Companies House PSC snapshot (JSON Lines of {company_number, data})",
    parse_psc_snapshot,
)
