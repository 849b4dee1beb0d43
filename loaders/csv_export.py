"""Registry files -> one CSV per label / relationship type, through our own parsers.

`duegraph bench` feeds these files to Neo4j's LOAD CSV as the server-side baseline for our
loaders: the same canonical records GraphWriter would send, one row each (identifiers too), so
both sides write the same rows. Values are plain strings: lists joined with "|", dates ISO.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

from graph_schema.edges import Link
from graph_schema.nodes import (
    AddressRecord,
    CompanyRecord,
    DisqualificationRecord,
    EventRecord,
    PersonRecord,
    Record,
)
from loaders.formats import Format, Parsed
from loaders.pipeline import unwritable
from loaders.source import ByteCounter


@dataclass
class CsvExport:
    source_records: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "|".join(_cell(v) for v in value)
    return str(value)


def _row(record: Record) -> tuple[str, dict[str, Any]] | None:
    props = record.graph_props()
    if isinstance(record, CompanyRecord | PersonRecord | AddressRecord):
        return str(record.label.value), {"key": record.key, **props}
    if isinstance(record, EventRecord):
        return "Event", {"key": record.key, "owner": record.company, **props}
    if isinstance(record, DisqualificationRecord):
        return "Disqualification", {"key": record.key, "owner": record.person, **props}
    if isinstance(record, Link):
        row = {"key": record.key, "src": record.src, "dst": record.dst, **props}
        return str(record.rel_type.value), row
    return None


def export_csv(inputs: list[tuple[Format, Path]], out_dir: Path) -> CsvExport:
    """Parse the world once with our parsers; write one CSV per label / relationship type.

    Rows are spilled to JSON Lines first (headers are only known at the end), then converted.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    export = CsvExport()
    spills: dict[str, Any] = {}
    headers: dict[str, dict[str, None]] = {}

    def emit(kind: str, row: dict[str, Any]) -> None:
        if kind not in spills:
            spills[kind] = (out_dir / f"{kind}.jsonl").open("w", encoding="utf-8")
            headers[kind] = {}
        headers[kind].update(dict.fromkeys(row))
        spills[kind].write(json.dumps({k: _cell(v) for k, v in row.items()}) + "\n")
        export.rows[kind] = export.rows.get(kind, 0) + 1

    try:
        for fmt, path in inputs:
            for item in fmt.parse(path, ByteCounter()):
                export.source_records += 1
                if not isinstance(item, Parsed) or unwritable(item.records) is not None:
                    continue  # our loader rejects these too: neither side writes them
                for record in item.records:
                    kind_row = _row(record)
                    if kind_row is not None:
                        emit(*kind_row)
                    if isinstance(record, CompanyRecord):
                        for ident in record.identifiers:
                            emit(
                                "Identifier",
                                {
                                    "company": record.key,
                                    "key": ident.key,
                                    "scheme": ident.scheme,
                                    "value": ident.value,
                                },
                            )
    finally:
        for fh in spills.values():
            fh.close()
    for kind in headers:
        spill = out_dir / f"{kind}.jsonl"
        target = out_dir / f"{kind}.csv"
        with (
            spill.open(encoding="utf-8") as src,
            target.open("w", encoding="utf-8", newline="") as dst,
        ):
            writer = csv.DictWriter(dst, fieldnames=list(headers[kind]))
            writer.writeheader()
            for line in src:
                writer.writerow(json.loads(line))
        spill.unlink()
        export.files[kind] = target
    return export
