"""`duegraph bench` end to end at a tiny scale: every figure is produced (no timing asserted).

The benchmark runs its own Neo4j (a private store under tmp_path, on its own port), generates a
world with the project's generator, loads it three ways (LOAD CSV baseline, `duegraph
bulk-import` through neo4j-admin, then our loaders into the emptied store), serves it with
`duegraph serve` and measures. CI checks the command works.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from graphapi.cli.bench import run_bench
from graphapi.tooling.bench import report, world
from graphapi.tooling.bench.query_bench import KINDS

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]

TINY = world.Scale(
    "tiny",
    companies=300,
    samples=5,
    throughput_requests=30,
    throughput_seconds=1.0,
    batch_rows=50,
)


def test_tiny_benchmark_produces_every_figure(tmp_path: Path) -> None:
    # Its own port: DUEGRAPH_BENCH_TEST_BOLT_PORT when a machine reserves one, else a free one.
    port = int(os.environ.get("DUEGRAPH_BENCH_TEST_BOLT_PORT") or world.free_port())
    settings = world.bench_settings(tmp_path / "neo4j", port, heap_mb=768, pagecache_mb=256)

    result = run_bench(TINY, settings, tmp_path / "work", workers=1, levels=(1, 4))

    load = result.load
    assert load is not None
    assert load.export is not None and load.export.total_rows > 0 and load.baseline_seconds > 0
    assert [r.fmt for r in load.ours] == [fmt for fmt, _ in world.LOADS]
    assert all(r.read > 0 and r.seconds > 0 for r in load.ours)
    assert load.peak_rss > 0
    # The same rows, written two ways, make the same graph: the ratio compares like with like.
    assert load.our_graph is not None and load.our_graph == load.baseline_graph
    assert load.our_graph[0] > 300
    # The bulk path (parsers + neo4j-admin) makes that graph too, and times each phase.
    bulk = load.bulk
    assert bulk is not None and bulk.graph == load.baseline_graph
    assert bulk.parse_seconds > 0 and bulk.import_seconds > 0 and bulk.schema_seconds > 0
    assert bulk.files_seconds > 0  # the summary line (parse, merge, write files) was read
    assert bulk.seconds > bulk.parse_seconds + bulk.import_seconds and bulk.peak_rss > 0

    assert [lat.kind for lat in result.latency] == list(KINDS)
    for lat in result.latency:
        assert len(lat.api) == len(lat.raw) == TINY.samples, lat.kind
        assert lat.errors == 0, lat.kind

    # The fixed cost of a GraphQL request without the database, beside the ratios it explains.
    assert len(result.floor) == TINY.samples and all(s > 0 for s in result.floor)

    assert [tp.clients for tp in result.throughput] == [1, 4]
    assert all(tp.requests > 0 and tp.errors == 0 for tp in result.throughput)

    assert "rows/s" in result.batch, result.batch

    doc = tmp_path / "benchmarks.md"
    report.write_section(doc, result)
    text = doc.read_text()
    for label in (
        "load: graph rows/s",
        "loader peak RSS",
        "bulk import: phases",
        "__typename",
        *KINDS,
    ):
        assert label in text
    assert "nan" not in text
    # The server is gone and, without --keep, so is its store.
    assert not (tmp_path / "neo4j" / "home").exists()
