"""CPU cost of bulk-import's parse phase per source record, for A/B work on the parsers.

`python -m graphapi.tooling.bench.parse_cost WORLD [--format ch-api|bods] [--parse-only]`
parses a generated world (`duegraph generate --out WORLD`) in this one process as a bulk-import
worker does (a `ch-api` folder one company at a time, into a scratch stage) and prints the
process's CPU time (user + system, `getrusage`) per source record and per graph row. CPU time,
not wall time: on a shared machine the wall clock measures the neighbours. Run it alternately
on the old and the new code and compare the ratio; docs/benchmarks.md ("Hot spots") has figures.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
from pathlib import Path

from loaders.bulk.prepare import BulkReport, _stage_path
from loaders.bulk.stage import BulkStage
from loaders.contract import Parsed
from loaders.formats import registry
from loaders.rejects import RejectSink
from loaders.source import ByteCounter

FOLDERS = {
    "ch-api": "companies-house",
    "bods": "bods",
    "ch-disqualified": "companies-house-disqualified",
}


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(world: Path, fmt_name: str, parse_only: bool) -> tuple[int, int, float]:
    """(source records, graph rows, CPU seconds) of one pass over the world's input."""
    fmt = registry()[fmt_name]
    path = world / FOLDERS[fmt_name]
    # A folder of independent entries one entry at a time, as a bulk-import worker parses it.
    by_entry = fmt.entries_independent and path.is_dir()
    paths = [path / name for name in sorted(os.listdir(path))] if by_entry else [path]
    started = cpu_seconds()
    if parse_only:
        records = rows = 0
        for one in paths:
            for item in fmt.parse(one, ByteCounter()):
                records += 1
                rows += len(item.records) if isinstance(item, Parsed) else 0
        return records, rows, cpu_seconds() - started
    with tempfile.TemporaryDirectory() as scratch:
        report = BulkReport()
        work = Path(scratch)
        with BulkStage(work / "stage.sqlite") as stage, RejectSink(work / "r.jsonl") as rejects:
            for one in paths:
                _stage_path(fmt, one, stage, rejects, report, 0, None)
            stage.commit()
            return report.total_read, stage.rows, cpu_seconds() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("world", type=Path)
    parser.add_argument("--format", default="ch-api", choices=sorted(FOLDERS))
    parser.add_argument("--parse-only", action="store_true", help="records only, no stage")
    args = parser.parse_args()
    records, rows, seconds = measure(args.world, args.format, args.parse_only)
    what = "parse" if args.parse_only else "parse + stage"
    print(
        f"{args.format} {what}: {records:,} records, {rows:,} graph rows, "
        f"{seconds:.2f} CPU-s: {1e6 * seconds / max(records, 1):.1f} µs/record, "
        f"{1e6 * seconds / max(rows, 1):.1f} µs/row"
    )


if __name__ == "__main__":
    main()
