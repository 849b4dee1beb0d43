"""Registry files -> one CSV per label / relationship type, through our own parsers.

`duegraph bench` feeds these files to Neo4j's LOAD CSV as the server-side baseline for our
loaders: the same canonical records GraphWriter would send, one row each (identifiers too), so
both sides write the same rows. Values are plain strings: lists joined with "|", dates ISO.
"""

from __future__ import annotations

import csv
import json
import multiprocessing
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import IO, Any

from graph_schema.edges import Link
from graph_schema.nodes import CompanyRecord, Identifier, Node, PersonRecord, Record
from loaders.bulk.prepare import Shard, shards
from loaders.contract import Format, Parsed
from loaders.formats import registry
from loaders.source import ByteCounter
from loaders.write.pipeline import unwritable


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
    """(file kind, row): the columns the LOAD CSV statements of graphapi/tooling/bench read."""
    props = record.graph_props()
    if isinstance(record, Link):
        row = {"key": record.key, "src": record.src, "dst": record.dst, **props}
        return record.rel_type.value, row
    if isinstance(record, Node) and record.owner is not None:
        owner = getattr(record, record.owner.field)
        return record.label.value, {"key": record.key, "owner": owner, **props}
    if isinstance(record, Node):
        return record.label.value, {"key": record.key, **props}
    return None


def _rows_of(records: Sequence[Record]) -> Iterator[tuple[str, dict[str, Any]]]:
    for record in records:
        kind_row = _row(record)
        if kind_row is not None:
            yield kind_row
        if isinstance(record, CompanyRecord | PersonRecord):
            for ident in record.identifiers:
                row = {"company": record.key, "key": ident.key}
                facts = {"scheme": ident.scheme, "value": ident.value, "validated": ident.validated}
                yield Identifier.label.value, {**row, **facts}


@dataclass(frozen=True)
class _Spilled:
    """One shard's rows, per kind, as JSON Lines (the CSV header is known only at the end)."""

    source_records: int
    rows: dict[str, int]
    headers: dict[str, list[str]]
    spills: dict[str, Path]


def _spill_shard(shard: Shard, spill_dir: Path) -> _Spilled:
    """Parse one shard (in a worker process, or inline with one worker)."""
    fmt = registry()[shard.format]
    source_records = 0
    rows: dict[str, int] = {}
    headers: dict[str, dict[str, None]] = {}
    spills: dict[str, Path] = {}
    handles: dict[str, IO[str]] = {}
    try:
        for path in shard.paths():
            for item in fmt.parse(path, ByteCounter()):
                source_records += 1
                if not isinstance(item, Parsed) or unwritable(item.records) is not None:
                    continue  # our loader rejects these too: neither side writes them
                for kind, row in _rows_of(item.records):
                    if kind not in handles:
                        spills[kind] = spill_dir / f"{shard.index}-{kind}.jsonl"
                        handles[kind] = spills[kind].open("w", encoding="utf-8")
                        headers[kind] = {}
                    headers[kind].update(dict.fromkeys(row))
                    handles[kind].write(json.dumps({k: _cell(v) for k, v in row.items()}) + "\n")
                    rows[kind] = rows.get(kind, 0) + 1
    finally:
        for fh in handles.values():
            fh.close()
    return _Spilled(source_records, rows, {k: list(h) for k, h in headers.items()}, spills)


def _write_csv(target: Path, header: list[str], spills: list[Path]) -> Path:
    """Concatenate the shards' spills of one kind, in shard order, under one header."""
    with target.open("w", encoding="utf-8", newline="") as dst:
        writer = csv.DictWriter(dst, fieldnames=header)
        writer.writeheader()
        for spill in spills:
            with spill.open(encoding="utf-8") as src:
                for line in src:
                    writer.writerow(json.loads(line))
            spill.unlink()
    return target


def export_csv(inputs: Sequence[tuple[Format, Path]], out_dir: Path, workers: int = 1) -> CsvExport:
    """Parse the world once with our parsers; write one CSV per label / relationship type.

    With `workers` > 1, folders of independent entries are cut into the shards bulk-import
    uses and parsed in worker processes; the files are those of one process, row for row
    (shards are concatenated in input order, headers in first-seen order).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    spill_dir = out_dir / "spill"
    spill_dir.mkdir(exist_ok=True)
    plan = shards(inputs, workers)
    export = CsvExport()
    if workers > 1:
        # spawn: a forked copy of a process holding threads (progress bar, driver) is unsafe.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            largest_first = sorted(plan, key=lambda shard: shard.size, reverse=True)
            futures = {s.index: pool.submit(_spill_shard, s, spill_dir) for s in largest_first}
            parts = [futures[s.index].result() for s in plan]
            headers, spills = _merge_parts(parts, export)
            written = {
                kind: pool.submit(_write_csv, out_dir / f"{kind}.csv", headers[kind], spills[kind])
                for kind in sorted(headers, key=lambda k: export.rows[k], reverse=True)
            }
            export.files = {kind: written[kind].result() for kind in headers}
    else:
        headers, spills = _merge_parts([_spill_shard(s, spill_dir) for s in plan], export)
        export.files = {
            kind: _write_csv(out_dir / f"{kind}.csv", headers[kind], spills[kind])
            for kind in headers
        }
    spill_dir.rmdir()
    return export


def _merge_parts(
    parts: list[_Spilled], export: CsvExport
) -> tuple[dict[str, list[str]], dict[str, list[Path]]]:
    """Counts into `export`; per kind, the union of headers and the spills, in shard order."""
    headers: dict[str, dict[str, None]] = {}
    spills: dict[str, list[Path]] = {}
    for part in parts:
        export.source_records += part.source_records
        for kind, count in part.rows.items():
            export.rows[kind] = export.rows.get(kind, 0) + count
            headers.setdefault(kind, {}).update(dict.fromkeys(part.headers[kind]))
            spills.setdefault(kind, []).append(part.spills[kind])
    return {kind: list(h) for kind, h in headers.items()}, spills
