"""One table of figures, machine details, and which targets are met; Markdown for docs/."""

from __future__ import annotations

import os
import platform
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import psutil

from graphapi.tooling.bench.daily_bench import TARGET_S, DailyFigures
from graphapi.tooling.bench.http_bench import Throughput
from graphapi.tooling.bench.load_bench import AccountsRun, BulkRun, LoadFigures
from graphapi.tooling.bench.peer import LIBRARY, PeerFigures
from graphapi.tooling.bench.query_bench import FLOOR_QUERY, Latency, percentile
from graphapi.tooling.bench.scoring_bench import ScoringFigures

GIB = 1024**3

# p99 targets at the large scale (ms), from the benchmark issue.
P99_TARGETS = {"dueDiligence": 150.0, "uboCheck": 50.0, "search": 50.0}


@dataclass
class Report:
    scale: str
    companies: int
    neo4j: str
    workers: int
    batch_size: int
    load: LoadFigures | None = None
    accounts: AccountsRun | None = None
    latency: list[Latency] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)  # seconds per `{ __typename }` request
    throughput: list[Throughput] = field(default_factory=list)
    batch: str = "not measured"
    notes: list[str] = field(default_factory=list)
    history_years: int | None = None  # background filing history; None: all
    peer: PeerFigures | None = None  # the GraphQL peer beside our API; None: not run
    daily: DailyFigures | None = None  # one day's updates on the loaded graph; None: not run
    scoring: ScoringFigures | None = None  # re-scoring the ledger's clients; None: not run


class Laps:
    """Wall time of each phase of a run, for the notes (what a CI run spends where)."""

    def __init__(self) -> None:
        self._last = time.perf_counter()
        self._total = 0.0
        self.laps: list[tuple[str, float]] = []

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps.append((name, now - self._last))
        self._total += now - self._last
        self._last = now

    def note(self) -> str:
        parts = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in self.laps)
        return f"wall time per phase: {parts} (total {self._total:.0f} s)"


def machine() -> list[tuple[str, str]]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return [
        ("CPU", f"{cpu}, {os.cpu_count()} cores"),
        ("RAM", f"{psutil.virtual_memory().total / GIB:.1f} GiB"),
        ("Python", sys.version.split()[0]),
        ("OS", platform.platform()),
        ("Date", datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")),
    ]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def _verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


Row = tuple[str, str, str, str, str]


def rows(report: Report) -> list[tuple[str, str, str, str, str]]:
    """(measure, ours, baseline, ratio, target) rows."""
    out: list[tuple[str, str, str, str, str]] = []
    load = report.load
    if load is not None:
        out.extend(_load_rows(load))
    if report.accounts is not None:
        out.extend(accounts_rows(report.accounts))
    for lat in report.latency:
        api50, raw50 = percentile(lat.api, 50), percentile(lat.raw, 50)
        ratio = api50 / raw50 if raw50 else 0.0
        target = f"API/raw ≤ 1.3: {_verdict(ratio <= 1.3)}"
        if lat.kind in P99_TARGETS:
            p99 = percentile(lat.api, 99) * 1000
            goal = P99_TARGETS[lat.kind]
            target += f"; p99 ≤ {goal:.0f} ms: {_verdict(p99 <= goal)}"
        out.append(
            (
                f"{lat.kind} p50/p95/p99 ms (n={len(lat.api)}, errors {lat.errors})",
                "/".join(_ms(percentile(lat.api, q)) for q in (50, 95, 99)),
                "/".join(_ms(percentile(lat.raw, q)) for q in (50, 95, 99)) + " (raw driver)",
                f"{ratio:.2f}",
                target,
            )
        )
    if report.floor:
        out.append(
            (
                f"GraphQL over HTTP, no database (`{FLOOR_QUERY}`) p50/p95/p99 ms "
                f"(n={len(report.floor)})",
                "/".join(_ms(percentile(report.floor, q)) for q in (50, 95, 99)),
                "",
                "",
                "",
            )
        )
    for tp in report.throughput:
        target = ""
        if tp.clients == 32:
            target = f"≥ 300 req/s, 0 errors: {_verdict(tp.rate >= 300 and tp.errors == 0)}"
        out.append(
            (
                f"company lookups, {tp.clients} clients ({report.workers} workers)",
                f"{tp.rate:,.0f} req/s ({tp.requests:,} in {tp.seconds:.1f} s, {tp.errors} errors)",
                "",
                "",
                target,
            )
        )
    out.append(("batch ubo-check", report.batch, "", "", ""))
    if report.scoring is not None:
        out.extend(scoring_rows(report.scoring))
    if report.peer is not None:
        out.extend(peer_rows(report.peer))
    if report.daily is not None:
        out.extend(daily_rows(report.daily))
    return out


def scoring_rows(sc: ScoringFigures) -> list[Row]:
    """Re-scoring the clients under a changed profile, beside the pure maths and a Cypher
    re-weighting (graphapi/tooling/bench/scoring_bench.py says what each does)."""
    n = sc.clients
    what = f"re-scoring {n:,} clients under a changed profile (`duegraph ledger score`)"
    ours = (
        f"{sc.rescore_s:.1f} s ({n / sc.rescore_s:,.0f} clients/s; {sc.changed:,} ratings "
        f"changed; ratings 1-5: {', '.join(str(v) for v in sc.ratings.values())})"
    )
    dist = ", ".join(f"{k}: {v:,}" for k, v in sc.ratings.items())
    return [
        (
            what,
            ours,
            f"{sc.pure_s:.2f} s: `score_client` alone on the same inputs fetched beforehand, "
            "no database",
            f"{sc.rescore_s / sc.pure_s:.1f}" if sc.pure_s else "",
            "",
        ),
        (
            what,
            f"{sc.rescore_s:.1f} s",
            f"{sc.cypher_s:.2f} s: Cypher re-weighting of the stored family scores (same rating "
            f"for {sc.cypher_same:,} of {n:,}; no fetch, no assessment)",
            f"{sc.rescore_s / sc.cypher_s:.1f}" if sc.cypher_s else "",
            "",
        ),
        (
            "scoring: the inputs alone (documents + due-diligence bundles + assessment, "
            "chunks of 250 one at a time)",
            f"{sc.fetch_s:.1f} s",
            "",
            "",
            "",
        ),
        (
            f"scoring: first run (default profile; ledger of {sc.invoices:,} invoices written in "
            f"{sc.write_s:.1f} s beforehand)",
            f"{sc.first_s:.1f} s",
            "",
            "",
            "",
        ),
        (
            "scoring: the changed profile again (idempotent)",
            f"{sc.rerun_s:.1f} s, {sc.rerun_changed:,} clients with a property changed "
            f"(ratings {dist})",
            "",
            "",
            f"nothing changes: {_verdict(sc.rerun_changed == 0)}",
        ),
    ]


def daily_rows(day: DailyFigures) -> list[Row]:
    """The day's load (target: under 3 minutes on the large graph), its filings in the graph,
    and what `duegraph changes` found against what was planted."""
    all_filed = day.filings == day.touched
    exact = day.found == day.planted and not day.missing and not day.spurious
    return [
        (
            f"daily update: `duegraph load ch-api` of one day's files ({day.touched:,} "
            f"companies, 1 % of {day.world_companies:,})",
            f"{day.rate:,.0f} records/s ({day.records:,} in {day.seconds:.1f} s, "
            f"peak RSS {day.peak_rss / 1024**2:,.0f} MiB)",
            "",
            "",
            f"< {TARGET_S / 60:.0f} min (on the large graph): {_verdict(day.seconds < TARGET_S)}",
        ),
        (
            "daily update: companies with the day's filing in the graph",
            f"{day.filings:,} of {day.touched:,}",
            "",
            "",
            f"all: {_verdict(all_filed)}",
        ),
        (
            "daily update: `duegraph changes` since the load began",
            f"{day.found:,} of {day.planted:,} planted changes reported, "
            f"{len(day.spurious):,} not planted ({day.touched:,} touched and {day.controls:,} "
            f"untouched companies asked, {day.changes_seconds:.1f} s)",
            "",
            "",
            f"every planted change, no other: {_verdict(exact)}",
        ),
    ]


def daily_note(day: DailyFigures) -> str | None:
    """The first few differences, when `changes` and the plan disagree."""
    if not day.missing and not day.spurious:
        return None
    shown = [f"missing {m}" for m in day.missing[:5]] + [
        f"not planted {s}" for s in day.spurious[:5]
    ]
    return "daily update: " + "; ".join(shown)


def _clients(n: int) -> str:
    return "1 client" if n == 1 else f"{n} clients"


def _level_cell(latencies: list[float], rate: float, errors: int) -> str:
    cell = (
        f"{_ms(percentile(latencies, 50))}/{_ms(percentile(latencies, 95))} ms, {rate:,.0f} req/s"
    )
    return cell + (f", {errors} errors" if errors else "")


def peer_rows(peer: PeerFigures) -> list[Row]:
    """Per query kind and client count: p50/p95 and req/s of both sides; ratios ours/peer
    (p50: lower is better; req/s: higher is better)."""
    out: list[Row] = []
    each = "process" if peer.processes == 1 else "processes"
    for (kind, clients), (ours, theirs) in peer.levels.items():
        p50 = percentile(ours.latencies, 50) / percentile(theirs.latencies, 50)
        rate = ours.rate / theirs.rate if theirs.rate else 0.0
        ok_p50, ok_rate = p50 <= 1.0, rate >= 1.0
        out.append(
            (
                f"vs GraphQL peer: {kind}, {_clients(clients)} ({peer.processes} {each} each, "
                f"{peer.rounds} alternating rounds) p50/p95, req/s",
                _level_cell(ours.latencies, ours.rate, ours.errors),
                _level_cell(theirs.latencies, theirs.rate, theirs.errors)
                + f" ({LIBRARY} {peer.versions.get(LIBRARY, '?')})",
                f"{p50:.2f} / {rate:.2f}",
                f"p50 ≤ peer: {_verdict(ok_p50)}; req/s ≥ peer: {_verdict(ok_rate)}",
            )
        )
    return out


def peer_note(peer: PeerFigures) -> str:
    libraries = ", ".join(f"{name} {version}" for name, version in peer.versions.items())
    return (
        f"GraphQL peer: {libraries} on Node.js {peer.node}, over the same Neo4j; its nested "
        f"answers equal duegraph's on the {peer.checked} companies compared before timing; "
        "ratios are duegraph / peer (p50, then req/s)"
    )


def _graph_cell(graph: tuple[int, int] | None) -> str:
    return f"{graph[0]:,} / {graph[1]:,}" if graph is not None else ""


def _load_rows(load: LoadFigures) -> list[Row]:
    """Without the LOAD CSV baseline (--no-baseline) the rates are per source record and per
    graph entity (node or relationship) written, and no ratio is given."""
    export = load.export
    base = export.total_rows / load.baseline_seconds if export and load.baseline_seconds else 0.0
    base_cell = f"{base:,.0f} ({load.baseline_seconds:.1f} s, LOAD CSV)" if export else ""
    out: list[Row] = []
    if export is None:
        out.append(("load: LOAD CSV baseline", "", "not run (--no-baseline)", "", ""))
    if load.our_graph is not None:
        out.extend(_transactional_rows(load, base, base_cell))
    else:
        out.append(("load: `duegraph load`", "not run (--no-load)", base_cell, "", ""))
    if load.bulk is not None:
        out.extend(_bulk_rows(load, base))
    if load.our_graph is not None:
        out.append(
            (
                "graph after load (nodes / relationships)",
                _graph_cell(load.our_graph),
                _graph_cell(load.baseline_graph),
                "",
                "",
            )
        )
    return out


def _transactional_rows(load: LoadFigures, base: float, base_cell: str) -> list[Row]:
    out: list[Row] = []
    if load.export is not None:
        rows_total = load.export.total_rows
        ours = rows_total / load.our_seconds if load.our_seconds else 0.0
        ratio = ours / base if base else 0.0
        out.append(
            (
                f"load: graph rows/s ({rows_total:,} rows from "
                f"{load.export.source_records:,} source records)",
                f"{ours:,.0f} ({load.our_seconds:.1f} s)",
                base_cell,
                f"{ratio:.2f}",
                f"≥ 0.50: {_verdict(ratio >= 0.5)}",
            )
        )
    for run in load.ours:
        rate = run.read / run.seconds if run.seconds else 0.0
        out.append(
            (f"load {run.fmt}: source records/s", f"{rate:,.0f} ({run.read:,} in "
             f"{run.seconds:.1f} s)", "", "", "")
        )  # fmt: skip
    out.append(
        (
            "loader peak RSS",
            f"{load.peak_rss / 1024**2:,.0f} MiB",
            "",
            "",
            f"< 1 GiB: {_verdict(load.peak_rss < GIB)}",
        )
    )
    return out


# Flat memory: the whole load may peak at most this much above the first fifth's peak.
FLAT_FACTOR = 1.2


def accounts_rows(run: AccountsRun) -> list[Row]:
    mib = 1024**2
    rate = run.read / run.seconds if run.seconds else 0.0
    rows_per_s = (run.graph_delta[0] + run.graph_delta[1]) / run.seconds if run.seconds else 0.0
    flat = run.peak_rss <= run.early_rss * FLAT_FACTOR
    return [
        (
            f"load ch-accounts: filings/s (a generated bulk zip of {run.filings:,} micro-entity "
            f"filings, {run.zip_bytes / mib:,.0f} MiB, {run.member_bytes / mib:,.0f} MiB "
            f"unzipped, written in {run.generate_seconds:.1f} s)",
            f"{rate:,.0f} ({run.read:,} in {run.seconds:.1f} s; {rows_per_s:,.0f} nodes + "
            "relationships/s)",
            "",
            "",
            "",
        ),
        (
            "load ch-accounts: graph written (statements; nodes / relationships added)",
            f"{run.statements:,}; {_graph_cell(run.graph_delta)}",
            "",
            "",
            "",
        ),
        (
            "load ch-accounts: RSS over the first fifth of the run / peak",
            f"{run.early_rss / mib:,.0f} / {run.peak_rss / mib:,.0f} MiB",
            "",
            "",
            f"flat (peak ≤ {FLAT_FACTOR}× the first fifth's): {_verdict(flat)}",
        ),
    ]


def _bulk_rate_rows(load: LoadFigures, base_rate: float) -> list[Row]:
    bulk = load.bulk
    assert bulk is not None
    if load.export is not None:
        rate = load.export.total_rows / bulk.seconds if bulk.seconds else 0.0
        ratio = rate / base_rate if base_rate else 0.0
        return [
            (
                "bulk import: graph rows/s (`duegraph bulk-import`, end to end)",
                f"{rate:,.0f} ({bulk.seconds:.1f} s)",
                "LOAD CSV, as above",
                f"{ratio:.2f}",
                f"≥ 0.50: {_verdict(ratio >= 0.5)}",
            )
        ]
    written = bulk.graph[0] + bulk.graph[1]
    per_s = written / bulk.seconds if bulk.seconds else 0.0
    records = bulk.source_records / bulk.seconds if bulk.seconds else 0.0
    return [
        (
            "bulk import: nodes + relationships/s (`duegraph bulk-import`, end to end)",
            f"{per_s:,.0f} ({written:,} in {bulk.seconds:.1f} s)",
            "not run",
            "",
            "",
        ),
        (
            "bulk import: source records/s",
            f"{records:,.0f} ({bulk.source_records:,})",
            "",
            "",
            "",
        ),
    ]


def bulk_phases(bulk: BulkRun) -> str:
    return (
        f"parse {bulk.parse_seconds:.1f} s, merge {bulk.merge_seconds:.1f} s, "
        f"import files {bulk.files_seconds:.1f} s, "
        f"neo4j-admin {bulk.import_seconds:.1f} s, start + schema {bulk.schema_seconds:.1f} s"
    )


def bulk_summary(bulk: BulkRun) -> str:
    """One line printed as soon as the bulk import ends: a long run stopped later keeps it."""
    return (
        f"bulk import done: {bulk.seconds:.1f} s end to end ({bulk_phases(bulk)}), "
        f"{bulk.source_records:,} source records, peak RSS {bulk.peak_rss / 1024**2:,.0f} MiB, "
        f"graph {_graph_cell(bulk.graph)} (nodes / relationships)"
    )


def _bulk_rows(load: LoadFigures, base_rate: float) -> list[Row]:
    bulk = load.bulk
    assert bulk is not None
    phases = bulk_phases(bulk)
    return [
        *_bulk_rate_rows(load, base_rate),
        ("bulk import: phases", phases, "", "", ""),
        (
            "bulk import: peak RSS (Python processes summed, parse workers in; importer JVM apart)",
            f"{bulk.peak_rss / 1024**2:,.0f} MiB",
            "",
            "",
            f"< 1 GiB: {_verdict(bulk.peak_rss < GIB)}",
        ),
        (
            "graph after bulk import (nodes / relationships)",
            _graph_cell(bulk.graph),
            _graph_cell(load.baseline_graph),
            "",
            "",
        ),
    ]


def years(count: int) -> str:
    return "year" if count == 1 else f"{count} years"


def markdown(report: Report) -> str:
    world = f"{report.companies:,} companies"
    if report.history_years is not None:
        world += f" (background companies: filings of the last {years(report.history_years)})"
    lines = [
        f"### Scale `{report.scale}`: {world}",
        "",
        "| Machine | |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in machine()],
        f"| Neo4j | {report.neo4j} |",
        f"| API workers / loader batch size | {report.workers} / {report.batch_size:,} |",
        "",
        "| Measure | Ours | Baseline | Ratio | Target |",
        "|---|---|---|---|---|",
        *[f"| {' | '.join(r)} |" for r in rows(report)],
    ]
    if report.notes:
        lines += ["", *[f"- {n}" for n in report.notes]]
    return "\n".join(lines) + "\n"


def write_section(path: Path, report: Report) -> None:
    """Replace this scale's section in `path` (between markers), keep everything else."""
    begin, end = f"<!-- bench:{report.scale}:begin -->", f"<!-- bench:{report.scale}:end -->"
    block = f"{begin}\n{markdown(report)}{end}\n"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        tail = rest.split(end, 1)[1].lstrip("\n")
        text = head + block + ("\n" + tail if tail else "")
    else:
        text = text.rstrip("\n") + "\n\n" + block
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
