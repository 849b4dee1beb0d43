"""Load phase: our loaders (`duegraph load` subprocesses) against Neo4j's own LOAD CSV.

Both sides write the same rows: the world is parsed once with our parsers
(loaders/bulk/csv_export.py, called by graphapi/cli/bench.py: of graphapi, only the CLI may
import loaders), and every canonical record the writer would send (node, identifier, event,
ban, link) becomes one CSV row. The unit of both rates is therefore "graph rows", and the ratio
compares like with like.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import LiteralString

import psutil
from neo4j import Driver, GraphDatabase

from graph_schema.constraints import apply_schema
from graph_schema.settings import Settings
from graphapi.tooling.bench.cypher import (
    CSV_IDENTIFIERS,
    CSV_LINKS,
    CSV_NODES,
    CSV_OWNED,
    NODE_COUNT,
    REL_COUNT,
    STATEMENT_COUNT,
)
from graphapi.tooling.bench.world import LOADS, csv_url

# Files in the order LOAD CSV must run them: nodes before what hangs off them and links.
ORDER: tuple[str, ...] = (
    *CSV_NODES,
    "Identifier",
    *CSV_OWNED,
    *CSV_LINKS,
)


@dataclass(frozen=True)
class CsvExport:
    """The world as CSV rows (written by loaders/bulk/csv_export.py, our own parsers)."""

    source_records: int
    rows: dict[str, int]
    files: dict[str, Path]

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


@dataclass(frozen=True)
class LoaderRun:
    fmt: str
    read: int
    seconds: float
    peak_rss: int  # bytes, the loader process at its largest


@dataclass(frozen=True)
class BulkRun:
    """`duegraph bulk-import` end to end: parse + import files + neo4j-admin + start + schema."""

    seconds: float
    parse_seconds: float  # our parsers into the stage
    files_seconds: float  # the stage written as import files (merge_seconds apart)
    import_seconds: float  # neo4j-admin database import full
    schema_seconds: float  # server start and constraint / index build
    peak_rss: int  # the Python processes together, parse workers included (not the importer JVM)
    graph: tuple[int, int]
    source_records: int = 0
    merge_seconds: float = 0.0  # the stage merged by key (one sort), between parse and files


@dataclass(frozen=True)
class LoadFigures:
    export: CsvExport | None  # None: the LOAD CSV baseline was not run (--no-baseline)
    ours: list[LoaderRun]
    baseline_seconds: float
    baseline_graph: tuple[int, int] | None  # nodes, relationships after LOAD CSV
    our_graph: tuple[int, int] | None  # after our loaders; None when not run (--no-load)
    bulk: BulkRun | None = None

    @property
    def our_seconds(self) -> float:
        return sum(r.seconds for r in self.ours)

    @property
    def peak_rss(self) -> int:
        return max((r.peak_rss for r in self.ours), default=0)


def _query_for(kind: str) -> LiteralString:
    if kind in CSV_NODES:
        return CSV_NODES[kind]
    if kind in CSV_OWNED:
        return CSV_OWNED[kind]
    if kind == "Identifier":
        return CSV_IDENTIFIERS
    return CSV_LINKS[kind]


def graph_size(driver: Driver, database: str) -> tuple[int, int]:
    nodes, _, _ = driver.execute_query(NODE_COUNT, database_=database)
    rels, _, _ = driver.execute_query(REL_COUNT, database_=database)
    return int(nodes[0]["n"]), int(rels[0]["n"])


def run_load_csv(settings: Settings, export: CsvExport) -> tuple[float, tuple[int, int]]:
    """LOAD CSV every file into the (empty) database; returns (seconds, graph size)."""
    database = settings.neo4j.database
    with GraphDatabase.driver(settings.neo4j.uri) as driver:
        apply_schema(driver, database)
        started = time.perf_counter()
        with driver.session(database=database) as session:
            for kind in ORDER:
                if kind in export.files:
                    # CALL … IN TRANSACTIONS needs an implicit (auto-commit) transaction.
                    session.run(_query_for(kind), url=csv_url(export.files[kind])).consume()
        seconds = time.perf_counter() - started
        return seconds, graph_size(driver, database)


def duegraph_executable() -> list[str]:
    script = Path(sys.executable).with_name("duegraph")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from graphapi.cli import app; app()"]


def bench_env(settings: Settings, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "DUEGRAPH_"))}
    env.update(
        NEO4J_URI=settings.neo4j.uri,
        NEO4J_DATABASE=settings.neo4j.database,
        DUEGRAPH_BOLT_PORT=str(settings.bolt_port),
        DUEGRAPH_DATA_DIR=str(settings.data_dir),
        **extra,
    )
    return env


# Source records read: the first "read N" of `duegraph load`'s and `bulk-import`'s summaries.
_READ = re.compile(r"read (\d+)")
_BULK_TIMES = re.compile(r"parse ([\d.]+)s, merge ([\d.]+)s, write files ([\d.]+)s")
_IMPORT_TIMES = re.compile(r"in ([\d.]+)s; server started and schema built in ([\d.]+)s")


def _watch(proc: subprocess.Popen[str], children: bool, skip: frozenset[str] = frozenset()) -> int:
    """Peak RSS of a running process (and its children if asked, but for processes named in
    `skip`), summed at each sample, sampled every 50 ms."""
    peak = 0
    watched = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            rss = watched.memory_info().rss
            if children:
                rss += sum(
                    c.memory_info().rss
                    for c in watched.children(recursive=True)
                    if c.name() not in skip
                )
            peak = max(peak, rss)
        except psutil.Error:
            pass
        time.sleep(0.05)
    return peak


def _watch_series(proc: subprocess.Popen[str]) -> list[tuple[float, int]]:
    """(seconds since start, RSS of the process and its children) every 50 ms."""
    series: list[tuple[float, int]] = []
    started = time.perf_counter()
    watched = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            rss = watched.memory_info().rss
            rss += sum(c.memory_info().rss for c in watched.children(recursive=True))
            series.append((time.perf_counter() - started, rss))
        except psutil.Error:
            pass
        time.sleep(0.05)
    return series


@dataclass(frozen=True)
class AccountsRun:
    """`duegraph load ch-accounts` of a generated bulk accounts zip."""

    filings: int
    read: int  # source records the loader reported (one per filing)
    seconds: float
    zip_bytes: int
    member_bytes: int  # uncompressed
    generate_seconds: float
    peak_rss: int
    early_rss: int  # the largest RSS over the first fifth of the run
    statements: int  # FinancialStatement nodes written
    graph_delta: tuple[int, int]  # nodes, relationships added


def run_accounts_load(
    settings: Settings,
    zip_path: Path,
    filings: int,
    member_bytes: int,
    generate_seconds: float,
    batch_size: int,
    rejects: Path,
) -> AccountsRun:
    """`duegraph load ch-accounts ZIP` as a subprocess, its RSS sampled over the run: flat
    memory means the last four fifths of the run stay near the first fifth's peak."""
    with GraphDatabase.driver(settings.neo4j.uri) as driver:
        before = graph_size(driver, settings.neo4j.database)
    cmd = [*duegraph_executable(), "load", "ch-accounts", str(zip_path), "--quiet"]
    cmd += ["--batch-size", str(batch_size), "--rejects", str(rejects)]
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=bench_env(settings), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    series = _watch_series(proc)
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"duegraph load ch-accounts failed ({proc.returncode}): {err[-2000:]}")
    with GraphDatabase.driver(settings.neo4j.uri) as driver:
        after = graph_size(driver, settings.neo4j.database)
        records, _, _ = driver.execute_query(STATEMENT_COUNT, database_=settings.neo4j.database)
    fifth = series[-1][0] / 5 if series else 0.0
    return AccountsRun(
        filings=filings,
        read=int(match.group(1)) if (match := _READ.search(out)) else 0,
        seconds=seconds,
        zip_bytes=zip_path.stat().st_size,
        member_bytes=member_bytes,
        generate_seconds=generate_seconds,
        peak_rss=max((rss for _, rss in series), default=0),
        early_rss=max((rss for t, rss in series if t <= fifth), default=0),
        statements=int(records[0]["n"]),
        graph_delta=(after[0] - before[0], after[1] - before[1]),
    )


def run_loader(
    settings: Settings, fmt: str, path: Path, batch_size: int, rejects: Path
) -> LoaderRun:
    """`duegraph load` as a subprocess, its RSS sampled every 50 ms (children included)."""
    cmd = [
        *duegraph_executable(),
        "load",
        fmt,
        str(path),
        "--quiet",
        "--batch-size",
        str(batch_size),
        "--rejects",
        str(rejects),
    ]
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=bench_env(settings), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    peak = _watch(proc, children=True)
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"duegraph load {fmt} failed ({proc.returncode}): {err[-2000:]}")
    match = _READ.search(out)
    return LoaderRun(fmt, int(match.group(1)) if match else 0, seconds, peak)


def run_our_loaders(
    settings: Settings, world: Path, batch_size: int, work: Path
) -> tuple[list[LoaderRun], tuple[int, int]]:
    runs = [
        run_loader(settings, fmt, world / rel, batch_size, work / f"rejects-{fmt}.jsonl")
        for fmt, rel in LOADS
    ]
    with GraphDatabase.driver(settings.neo4j.uri) as driver:
        return runs, graph_size(driver, settings.neo4j.database)


def run_bulk_import(settings: Settings, world: Path, work: Path) -> BulkRun:
    """`duegraph bulk-import` of the whole world into the (stopped) private server's store."""
    from graphapi.neo4j_local import server as neo4j_local

    neo4j_local.stop(settings)
    cmd = [
        *duegraph_executable(),
        "bulk-import",
        *(f"{fmt}={world / rel}" for fmt, rel in LOADS),
        "--overwrite",
        "--quiet",
        "--data-dir",
        str(settings.data_dir),
        "--work-dir",
        str(work / "bulk"),
        "--rejects",
        str(work / "rejects-bulk.jsonl"),
    ]
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=bench_env(settings), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    # The parse workers are Python processes of the loader and count; the importer JVM is
    # sized by its own settings and does not.
    peak = _watch(proc, children=True, skip=frozenset({"java"}))
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"duegraph bulk-import failed ({proc.returncode}): {err[-2000:]}")
    parse = _BULK_TIMES.search(out)
    imported = _IMPORT_TIMES.search(out)
    with GraphDatabase.driver(settings.neo4j.uri) as driver:
        graph = graph_size(driver, settings.neo4j.database)
    return BulkRun(
        seconds,
        float(parse.group(1)) if parse else 0.0,
        float(parse.group(3)) if parse else 0.0,
        float(imported.group(1)) if imported else 0.0,
        float(imported.group(2)) if imported else 0.0,
        peak,
        graph,
        int(read.group(1)) if (read := _READ.search(out)) else 0,
        float(parse.group(2)) if parse else 0.0,
    )
