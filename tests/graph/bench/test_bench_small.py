"""`duegraph bench` end to end at a tiny scale: every figure is produced (no timing asserted).

The benchmark runs its own Neo4j (a private store under tmp_path, on its own port), generates a
world with the project's generator, loads it three ways (LOAD CSV baseline, `duegraph
bulk-import` through neo4j-admin, then our loaders into the emptied store), serves it with
`duegraph serve` and measures, re-scores a ledger of clients under a changed scoring profile,
times the Neo4j GraphQL Library beside it where Node.js is installed, and applies one day's
updates. CI checks the command works and that every figure it
prints is there and sane.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from graphapi.cli.bench import run_bench
from graphapi.tooling.bench import peer, report, world
from graphapi.tooling.bench.query_bench import KINDS
from graphapi.tooling.local_server import free_port

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]

TINY = world.Scale(
    "tiny",
    companies=300,
    samples=5,
    throughput_requests=30,
    throughput_seconds=1.0,
    batch_rows=50,
    accounts_filings=200,
)


def test_tiny_benchmark_produces_every_figure(tmp_path: Path) -> None:
    # Its own port: DUEGRAPH_BENCH_TEST_BOLT_PORT when a machine reserves one, else a free one.
    port = int(os.environ.get("DUEGRAPH_BENCH_TEST_BOLT_PORT") or free_port())
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

    # The GraphQL peer: same answers checked, both sides timed at every level, or the reason.
    missing_node = peer.unavailable()
    if missing_node is None:
        assert result.peer is not None and result.peer.checked == peer.CHECKED
        assert sorted(result.peer.levels) == sorted(
            (kind, n) for kind in peer.QUERIES for n in (1, 4)
        )
        for ours, theirs in result.peer.levels.values():
            for side in (ours, theirs):
                assert side.requests > 0 and side.errors == 0 and side.rate > 0
                assert len(side.latencies) == side.requests
    else:
        assert result.peer is None
        assert f"the GraphQL peer was not run: {missing_node}" in result.notes

    # Where a run spends its time (the CI budget), phase by phase.
    [laps] = [note for note in result.notes if note.startswith("wall time per phase: world ")]
    assert "bulk import" in laps and "daily update" in laps and "total" in laps
    assert "scoring" in laps

    # One day's updates: applied, in the graph, and exactly what `changes` reports.
    daily = result.daily
    assert daily is not None and daily.touched == 5 and daily.records > 0
    assert daily.seconds > 0 and daily.peak_rss > 0
    assert daily.filings == daily.touched
    assert daily.planted >= 4 and daily.found == daily.planted, daily.missing
    assert daily.spurious == [] and daily.controls == daily.touched
    accounts = result.accounts
    assert accounts is not None and accounts.filings == accounts.read == 200
    assert accounts.statements == 400  # each generated filing: its year and the prior year
    assert accounts.graph_delta == (800, 600)  # + companies, identifiers; FILED, IDENTIFIED_BY
    assert 0 < accounts.early_rss <= accounts.peak_rss

    # Re-scoring the clients under a changed profile, beside the pure maths and a Cypher
    # re-weighting; a weights-only change, so the re-weighting rates every client as ours.
    sc = result.scoring
    assert sc is not None and sc.clients == TINY.batch_rows and sc.invoices > sc.clients
    assert min(sc.first_s, sc.rescore_s, sc.rerun_s, sc.pure_s, sc.cypher_s) > 0
    assert sc.rerun_changed == 0  # the same profile and date again: nothing changes
    assert sc.cypher_same == sc.clients
    assert sum(sc.ratings.values()) == sc.clients

    doc = tmp_path / "benchmarks.md"
    report.write_section(doc, result)
    text = doc.read_text()
    for label in (
        "load: graph rows/s",
        "loader peak RSS",
        "bulk import: phases",
        "load ch-accounts: filings/s",
        "__typename",
        *KINDS,
        "daily update: `duegraph load ch-api`",
        "daily update: `duegraph changes` since the load began",
        f"re-scoring {TINY.batch_rows} clients under a changed profile",
        "scoring: the changed profile again (idempotent)",
        *(["vs GraphQL peer: nested, 4 clients"] if missing_node is None else []),
    ):
        assert label in text
    # Every target the table states is met here, except speed targets a tiny world on a
    # shared CI machine cannot be held to (ratios, latency and rate goals).
    for line in text.splitlines():
        if ("daily update" in line and "< 3 min" not in line) or "idempotent" in line:
            assert "NOT met" not in line, line
    assert "nan" not in text
    # The server is gone and, without --keep, so is its store.
    assert not (tmp_path / "neo4j" / "home").exists()
