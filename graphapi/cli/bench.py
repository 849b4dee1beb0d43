"""`duegraph bench`: generate a world, load it, measure, print one table (wired in cli.py)."""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from graph_schema.settings import Settings
from graphapi.tooling.bench import (
    accounts_zip,
    batch_bench,
    daily_bench,
    http_bench,
    load_bench,
    peer,
    query_bench,
    report,
    scoring_bench,
    world,
)
from graphapi.tooling.local_server import free_port
from loaders.bulk.csv_export import export_csv
from loaders.formats import registry

console = Console(stderr=True)


def history_years(scale: world.Scale) -> int:
    """The scale's background filing history in years (the generator's default: all)."""
    from graphapi.tooling.synthetic.factory import HISTORY_YEARS

    return scale.history_years or HISTORY_YEARS


def generate_world(companies: int, seed: int, out: Path, history: int) -> None:
    """The project's seeded generator (only cli modules of graphapi may import loaders)."""
    from graphapi.tooling.synthetic import generate  # imported late: the generator is large

    shutil.rmtree(out, ignore_errors=True)
    # No annual accounts in the world: the benchmark loads a bulk accounts zip of its own.
    generate(companies=companies, seed=seed, out=out, history_years=history, with_accounts=False)


def world_as_of() -> date:
    """The generated world's as-of date (its ledger and its invoices end there)."""
    from graphapi.tooling.synthetic.params import DEFAULT_AS_OF

    return DEFAULT_AS_OF


def prepare_world(scale: world.Scale, seed: int, work: Path, reuse: Path | None) -> Path:
    """The world to load: generated under `work`, or `reuse` when it already holds this
    scale's world (generated there first when it does not exist; never deleted)."""
    history = history_years(scale)
    if reuse is None:
        data = work / "world"
    elif reuse.exists():
        reason = world.world_mismatch(reuse, scale.companies, seed, history)
        if reason is not None:
            raise typer.BadParameter(reason, param_hint="--world")
        console.print(f"reusing the generated world in {reuse}")
        return reuse
    else:
        data = reuse
    span = (
        "every yearly filing"
        if scale.history_years is None
        else f"yearly filings of the last {report.years(history)}"
    )
    console.print(f"generating {scale.companies:,} companies (seed {seed}, {span}) in {data}")
    generate_world(scale.companies, seed, data, history)
    return data


def export_world(world_dir: Path, out_dir: Path) -> load_bench.CsvExport:
    """One parse process per core, as `duegraph bulk-import` runs by default."""
    workers = os.cpu_count() or 1
    formats = registry()
    inputs = [(formats[name], world_dir / rel) for name, rel in world.LOADS]
    done = export_csv(inputs, out_dir, workers)
    return load_bench.CsvExport(done.source_records, dict(done.rows), dict(done.files))


def run_accounts(
    settings: Settings, filings: int, seed: int, batch_size: int, work: Path
) -> load_bench.AccountsRun:
    """A bulk accounts zip written from the template, then `duegraph load ch-accounts` (last:
    its companies must not be among the query samples)."""
    path = work / "accounts" / "Accounts_Bulk_Data-bench.zip"
    console.print(f"accounts: writing a bulk zip of {filings:,} generated filings")
    started = time.perf_counter()
    written = accounts_zip.write_accounts_zip(path, filings, seed)
    generated = time.perf_counter() - started
    console.print(f"accounts: duegraph load ch-accounts ({written.bytes / 2**20:,.0f} MiB)")
    run = load_bench.run_accounts_load(
        settings, path, filings, written.bytes, generated, batch_size, work / "rejects-acc.jsonl"
    )
    path.unlink(missing_ok=True)
    return run


def run_bench(
    scale: world.Scale,
    settings: Settings,
    work: Path,
    *,
    workers: int = 2,
    batch_size: int = 5000,
    seed: int = 42,
    keep: bool = False,
    levels: tuple[int, ...] = (1, 8, 32),
    transactional: bool = True,
    baseline: bool = True,
    reuse: Path | None = None,
    compare_peer: bool = True,
    peer_processes: int = 1,
    peer_cache: Path = peer.DEFAULT_CACHE,
    daily: bool = True,
    scoring: bool = True,
) -> report.Report:
    """Every phase against a private Neo4j; returns the figures (the caller prints them)."""
    work.mkdir(parents=True, exist_ok=True)
    load_before = os.getloadavg()[0]
    laps = report.Laps()
    data = prepare_world(scale, seed, work, reuse)
    laps.lap("world")
    with world.private_neo4j(settings, keep):
        out = report.Report(
            scale.name,
            scale.companies,
            world.neo4j_version(settings),
            workers,
            batch_size,
            history_years=scale.history_years,
        )
        export, base_s, base_graph = None, 0.0, None
        if baseline:
            console.print("parsing once into CSV for the LOAD CSV baseline")
            export = export_world(data, world.import_dir(settings))
            console.print(f"LOAD CSV baseline: {export.total_rows:,} rows")
            base_s, base_graph = load_bench.run_load_csv(settings, export)
            laps.lap("export + LOAD CSV")
        else:
            out.notes.append("the LOAD CSV baseline was not run (--no-baseline)")
        console.print("bulk import (duegraph bulk-import: parsers + neo4j-admin) over the store")
        bulk = load_bench.run_bulk_import(settings, data, work)
        console.print(report.bulk_summary(bulk), highlight=False)
        laps.lap("bulk import")
        runs: list[load_bench.LoaderRun] = []
        our_graph = None
        if transactional:
            world.wipe_store(settings)
            console.print("our loaders (duegraph load) into the emptied store")
            runs, our_graph = load_bench.run_our_loaders(settings, data, batch_size, work)
            laps.lap("duegraph load")
        else:
            out.notes.append(
                "`duegraph load` was not timed (--no-load): queries ran on the bulk-imported graph"
            )
        out.load = load_bench.LoadFigures(export, runs, base_s, base_graph, our_graph, bulk)
        shutil.rmtree(world.import_dir(settings), ignore_errors=True)

        samples = query_bench.pick_samples(settings, scale.samples, seed, scale.batch_rows)
        with http_bench.api_server(settings, workers, work) as base_url:
            console.print(f"latency: {len(samples.companies)} samples per query kind")
            out.latency = query_bench.run_latency(settings, base_url, samples)
            out.floor = query_bench.run_floor(base_url, len(samples.companies))
            console.print(f"throughput: company lookups with {levels} clients")
            out.throughput = http_bench.run_throughput(
                base_url,
                samples.companies,
                levels,
                scale.throughput_requests,
                scale.throughput_seconds,
            )
        laps.lap("latency + throughput")
        console.print(f"batch: ubo-check on {scale.batch_rows:,} clients")
        out.batch = batch_bench.run_ubo_check(
            settings, samples.clients or samples.companies, scale.batch_rows, work
        )
        laps.lap("batch")
        if scoring:
            pool = samples.clients or samples.companies
            console.print(f"scoring: re-scoring {len(pool):,} clients under a changed profile")
            out.scoring = scoring_bench.run_scoring(settings, pool, world_as_of(), seed)
            laps.lap("scoring")
        else:
            out.notes.append("the scoring phase was not run (--no-scoring)")
        if scale.accounts_filings:
            out.accounts = run_accounts(settings, scale.accounts_filings, seed, batch_size, work)
            laps.lap("accounts")
        if compare_peer:
            out.peer = _peer_phase(
                settings, scale, samples.companies, levels, peer_processes, work, peer_cache, out
            )
            laps.lap("GraphQL peer")
        else:
            out.notes.append("the GraphQL peer was not run (--no-peer)")
        if daily:
            # Last: it changes the graph every phase above measured.
            console.print("daily update: one day's files on the loaded graph, then `changes`")
            out.daily = daily_bench.run_daily(settings, data, work, batch_size, seed)
            if (note := report.daily_note(out.daily)) is not None:
                out.notes.append(note)
            laps.lap("daily update")
        else:
            out.notes.append("the daily-update phase was not run (--no-daily)")
    if not keep and reuse is None:
        shutil.rmtree(data, ignore_errors=True)
    out.notes.append(laps.note())
    # Other processes on the machine move every figure: say how busy it was.
    out.notes.append(
        f"1-minute load average {load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at "
        f"the end, on {os.cpu_count()} cores"
    )
    return out


PEER_ROUNDS = 2


def _peer_phase(
    settings: Settings,
    scale: world.Scale,
    keys: list[str],
    levels: tuple[int, ...],
    processes: int,
    work: Path,
    cache: Path,
    out: report.Report,
) -> peer.PeerFigures | None:
    """The GraphQL peer beside our API; skipped with the reason where Node.js is missing."""
    reason = peer.unavailable()
    if reason is not None:
        console.print(f"GraphQL peer skipped: {reason}")
        out.notes.append(f"the GraphQL peer was not run: {reason}")
        return None
    console.print(f"GraphQL peer ({peer.LIBRARY}) beside duegraph serve, {processes} process(es)")
    # The rounds share the throughput phase's budget per side, query kind and client count.
    figures = peer.run_peer(
        settings,
        keys,
        levels,
        processes,
        PEER_ROUNDS,
        max(1, scale.throughput_requests // PEER_ROUNDS),
        scale.throughput_seconds / PEER_ROUNDS,
        work,
        cache,
    )
    out.notes.append(report.peer_note(figures))
    return figures


def bench_command(
    scale: Annotated[
        str, typer.Option(help="small (10k companies), medium (200k), large (1M); tiny for CI")
    ] = "small",
    out: Annotated[
        Path | None, typer.Option(help="Markdown file to update [docs/benchmarks.md]")
    ] = Path("docs/benchmarks.md"),
    keep: Annotated[bool, typer.Option(help="Keep the generated world and the store")] = False,
    workers: Annotated[int, typer.Option(min=1, help="API worker processes")] = 2,
    batch_size: Annotated[
        int | None,
        typer.Option(min=1, max=100_000, help="Loader records per write transaction [5000]"),
    ] = None,
    companies: Annotated[
        int | None, typer.Option(min=300, help="Override the scale's company count")
    ] = None,
    samples: Annotated[int | None, typer.Option(min=1, help="Query samples per kind")] = None,
    accounts: Annotated[
        int | None,
        typer.Option(
            min=0,
            help="Filings in the generated bulk accounts zip (small 2,000, medium and large "
            "100,000; 0 skips the phase)",
        ),
    ] = None,
    data_dir: Annotated[
        Path, typer.Option(help="Store of the benchmark's own Neo4j (wiped at start)")
    ] = Path(".duegraph/bench"),
    bolt_port: Annotated[int | None, typer.Option(help="Bolt port of that Neo4j [free]")] = None,
    heap_mb: Annotated[int, typer.Option(help="Its JVM heap")] = 2048,
    pagecache_mb: Annotated[int, typer.Option(help="Its page cache")] = 2048,
    seed: Annotated[int, typer.Option(help="Generator and sampling seed")] = 42,
    load: Annotated[
        bool,
        typer.Option(
            help="Also time `duegraph load` into an emptied store (the longest phase; "
            "--no-load times LOAD CSV and bulk-import only)"
        ),
    ] = True,
    baseline: Annotated[
        bool,
        typer.Option(
            help="Run the LOAD CSV baseline (--no-baseline: bulk-import, queries, throughput "
            "and batch only; at medium on 2 cores the CSV export takes about 9 min and LOAD "
            "CSV about 16 min)"
        ),
    ] = True,
    compare_peer: Annotated[
        bool,
        typer.Option(
            "--peer/--no-peer",
            help="Time the Neo4j GraphQL Library beside our API (needs Node.js 20+ and npm; "
            "its packages are installed by npm ci into --peer-cache the first time)",
        ),
    ] = True,
    peer_processes: Annotated[
        int, typer.Option(min=1, help="Server processes on each side of the peer comparison")
    ] = 1,
    peer_cache: Annotated[
        Path, typer.Option(help="Where the peer's npm packages are installed")
    ] = peer.DEFAULT_CACHE,
    daily: Annotated[
        bool,
        typer.Option(
            help="Apply one day's files (1 % of the companies) with `duegraph load` on the "
            "loaded graph and check what `duegraph changes` reports (run last)"
        ),
    ] = True,
    scoring: Annotated[
        bool,
        typer.Option(
            help="Re-score a ledger of as many clients as the batch phase (10,000 at small) "
            "under a changed scoring profile, beside the pure maths and a Cypher re-weighting"
        ),
    ] = True,
    reuse_world: Annotated[
        Path | None,
        typer.Option(
            "--world",
            help="Folder of a world generated for this scale and seed (world.json "
            "checked), reused and never deleted; generated there first when it does not exist",
        ),
    ] = None,
) -> None:
    """Benchmark loaders, queries and the API, each against a baseline run beside it."""
    if scale not in world.SCALES:
        raise typer.BadParameter(f"choose one of {', '.join(world.SCALES)}", param_hint="--scale")
    chosen = world.SCALES[scale]
    if companies is not None:
        chosen = replace(chosen, companies=companies)
    if samples is not None:
        chosen = replace(chosen, samples=samples)
    if accounts is not None:
        chosen = replace(chosen, accounts_filings=accounts)
    settings = world.bench_settings(data_dir, bolt_port or free_port(), heap_mb, pagecache_mb)
    result = run_bench(
        chosen,
        settings,
        data_dir / "work",
        workers=workers,
        batch_size=batch_size or settings.batch_size,
        seed=seed,
        keep=keep,
        transactional=load,
        baseline=baseline,
        reuse=reuse_world,
        compare_peer=compare_peer,
        peer_processes=peer_processes,
        peer_cache=peer_cache,
        daily=daily,
        scoring=scoring,
    )
    typer.echo(report.markdown(result))
    if out is not None:
        report.write_section(out, result)
        console.print(f"written to {out}")
