"""Memory stays flat however large the file: `duegraph load` of a generated 200,000-record FtM
file peaks at about the same resident memory as a 20,000-record one (measured on the real CLI
process against the real Neo4j).

What still grows with the file: the small id maps a format needs for cross-references (FtM's
id -> node index, ftm_index.FileIndex; BODS's id -> party map), a few hundred bytes per entity:
~35 MB at 200k records over a ~150 MB baseline, hence bounds rather than equality. The parsers
alone are measured too, for FtM and BODS (BODS used to keep every relationship's links, ~2 KB
each, until bods._restated_ids limited that to records that are re-stated later).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest
from neo4j import Driver

from graph_schema.settings import Settings
from graphapi.tooling.bench.accounts_zip import write_accounts_zip
from tests.conftest import clear_graph
from tests.graph.loaders.bulk_files import write_bods, write_ftm

DUEGRAPH = Path(sys.executable).parent / "duegraph"
MB = 1 << 20
ABSOLUTE_BOUND_MB = 400
GROWTH_FACTOR = 1.5  # 10x the records may cost at most 1.5x the peak memory
MAX_PARSER_GROWTH_MB = 80  # parser alone, 20k -> 200k records: < 450 bytes per extra record
REPO = Path(__file__).resolve().parents[3]
PARSE_ONLY = """
import sys
from pathlib import Path
from loaders.formats import registry
from loaders.source import ByteCounter
fmt = registry()[sys.argv[1]]
print(sum(1 for _ in fmt.parse(Path(sys.argv[2]), ByteCounter())))
"""


@dataclass(frozen=True)
class Run:
    peak_rss_mb: float
    seconds: float
    summary: str


def _measured(command: list[str], env: dict[str, str]) -> Run:
    """Run a command and poll its resident memory every 20 ms until it exits."""
    started = time.monotonic()
    proc = psutil.Popen(command, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = 0
    while proc.poll() is None:
        try:
            peak = max(peak, proc.memory_info().rss)
        except psutil.NoSuchProcess:  # exited between poll() and memory_info()
            break
        time.sleep(0.02)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err.decode()
    return Run(peak / MB, time.monotonic() - started, out.decode().strip())


def _load_measured(settings: Settings, path: Path, rejects: Path) -> Run:
    command = [str(DUEGRAPH), "load", "ftm", str(path), "--rejects", str(rejects), "--quiet"]
    command += ["--batch-size", "10000"]
    return _measured(command, {**os.environ, "NEO4J_URI": settings.neo4j.uri})


@pytest.mark.slow
def test_peak_memory_does_not_grow_with_the_file(
    graph: Driver, settings: Settings, tmp_path: Path
) -> None:
    small, big = tmp_path / "small.ftm.jsonl", tmp_path / "big.ftm.jsonl"
    small_lines = write_ftm(small, 20_000)
    big_lines = write_ftm(big, 200_000)
    assert big_lines >= 200_000

    small_run = _load_measured(settings, small, tmp_path / "rejects-small.jsonl")
    clear_graph(graph, settings.neo4j.database)
    big_run = _load_measured(settings, big, tmp_path / "rejects-big.jsonl")

    print(f"\n20k: {small_run}\n200k: {big_run}")  # figures for the record (pytest -s)
    assert f"read {small_lines}, loaded {small_lines}, rejected 0" in small_run.summary
    assert f"read {big_lines}, loaded {big_lines}, rejected 0" in big_run.summary
    companies = graph.execute_query("MATCH (c:Company) RETURN count(c) AS c").records[0]["c"]
    assert companies == big_lines // 5  # it really was all written
    assert big_run.peak_rss_mb < ABSOLUTE_BOUND_MB
    assert big_run.peak_rss_mb < GROWTH_FACTOR * small_run.peak_rss_mb


@pytest.mark.slow
@pytest.mark.parametrize(("fmt", "write"), [("ftm", write_ftm), ("bods", write_bods)])
def test_parser_memory_does_not_grow_with_the_file(
    fmt: str, write: Callable[[Path, int], int], tmp_path: Path
) -> None:
    runs: list[Run] = []
    for records in (20_000, 200_000):
        path = tmp_path / f"{records}.{fmt}.jsonl"
        lines = write(path, records)
        run = _measured([sys.executable, "-c", PARSE_ONLY, fmt, str(path)], dict(os.environ))
        assert run.summary == str(lines)  # one result per line: the whole file was parsed
        runs.append(run)
    small, big = runs
    print(f"\n{fmt} parser 20k: {small}\n{fmt} parser 200k: {big}")  # for the record (-s)
    assert big.peak_rss_mb - small.peak_rss_mb < MAX_PARSER_GROWTH_MB


@pytest.mark.slow
def test_a_bulk_accounts_zip_loads_in_flat_memory(
    graph: Driver, settings: Settings, tmp_path: Path
) -> None:
    """`duegraph load ch-accounts` of a 10,000-filing bulk zip peaks near a 1,000-filing one:
    members are read one at a time from the stream (the benchmark loads 100,000)."""
    runs: list[Run] = []
    for filings in (1_000, 10_000):
        path = write_accounts_zip(tmp_path / f"Accounts_Bulk_Data-{filings}.zip", filings).path
        command = [str(DUEGRAPH), "load", "ch-accounts", str(path), "--quiet"]
        command += ["--rejects", str(tmp_path / f"rejects-{filings}.jsonl")]
        runs.append(_measured(command, {**os.environ, "NEO4J_URI": settings.neo4j.uri}))
        assert f"read {filings}, loaded {filings}, rejected 0" in runs[-1].summary
        clear_graph(graph, settings.neo4j.database)
    small, big = runs
    print(f"\n1k filings: {small}\n10k filings: {big}")  # figures for the record (pytest -s)
    assert big.peak_rss_mb < GROWTH_FACTOR * small.peak_rss_mb
