"""The portfolio job engine shared by `ubo-check` and `screen`.

Resolve every row (batched), then assess the found companies in chunks with at most
`concurrency` chunks in flight (Neo4j sees a bounded load whatever the portfolio size), and
write the output rows of every input row, in input order, flushed chunk by chunk: every input
column first (as written), then the job's columns. A job may write a second table beside the
first (`Companion`: ubo-check's per-company summary beside its one row per owner).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Generic, TypeVar

from neo4j import AsyncDriver

from graph_schema.signal_params import SignalParams
from graphapi.analytics.inputs import DueDiligenceInput
from graphapi.batch.output import (
    OutputError,
    ReportWriter,
    Structured,
    ToCsv,
    done_rows,
    input_columns,
    output_format,
)
from graphapi.batch.portfolio import Portfolio, read_portfolio
from graphapi.batch.resolve import Resolved, Status, resolve_all
from graphapi.graph import Graph
from graphapi.services.assessment import Assessor

CHUNK_TIMEOUT_S = 300.0

A = TypeVar("A")  # what a job's analysis returns per company (e.g. Assessment)


@dataclass(frozen=True)
class Companion:
    """A second table a job writes beside its output: OUTPUT.<suffix>.csv (or .xlsx)."""

    suffix: str
    columns: Sequence[str]
    to_csv: ToCsv

    def path(self, output: Path) -> Path:
        return output.with_name(f"{output.stem}.{self.suffix}{output.suffix}")


@dataclass(frozen=True)
class Job(Generic[A]):
    input: Path
    output: Path
    as_of: date
    params: SignalParams
    # services.assessment: assess_companies (screen) or check_ubo (ubo-check).
    assess: Assessor[A]
    # What a job makes of one row: the resolution, and the analysis when the company was found.
    render: Callable[[Resolved, A | None, DueDiligenceInput | None], Structured]
    columns: Sequence[str]  # the job's own columns; the input's come before them
    to_csv: ToCsv
    resume: bool = False
    force: bool = False
    concurrency: int = 2
    chunk_size: int = 50
    companion: Companion | None = None
    bom: bool = True  # CSV outputs start with a UTF-8 byte-order mark (Excel reads accents)


@dataclass
class JobSummary:
    rows: int = 0  # non-blank input rows
    empty_lines: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    written: int = 0  # rows written by this run
    resumed: int = 0  # rows skipped because an earlier run reported them
    seconds: float = 0.0

    @property
    def rows_per_s(self) -> float:
        return self.written / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        s = self.by_status
        return (
            f"rows {self.rows} (+{self.empty_lines} empty lines skipped), ok {s.get('OK', 0)}, "
            f"not found {s.get('NOT_FOUND', 0)}, malformed {s.get('MALFORMED_IDENTIFIER', 0)}, "
            f"ambiguous {s.get('AMBIGUOUS', 0)}, duplicates {s.get('DUPLICATE_ROW', 0)}; "
            f"written {self.written}, resumed past {self.resumed}; "
            f"{self.seconds:.1f} s, {self.rows_per_s:.1f} rows/s"
        )


def portfolio_writer(
    path: Path,
    portfolio: Portfolio,
    columns: Sequence[str],
    to_csv: ToCsv,
    *,
    append: bool = False,
    bom: bool = True,
) -> ReportWriter:
    """A writer whose rows carry every input column, then the job's."""
    mapping = input_columns(portfolio.header, columns)

    def with_input(row: Structured) -> list[dict[str, str]]:
        given = row.get("input") or {}
        inputs = {out: str(given.get(name, "")) for name, out in mapping}
        return [{**inputs, **line} for line in to_csv(row)]

    return ReportWriter(
        path, [out for _, out in mapping] + list(columns), with_input, append=append, bom=bom,
        delimiter=portfolio.delimiter or ",",
    )  # fmt: skip


def _check_output(job: Job[A]) -> set[int]:
    if job.output.exists() and job.output.stat().st_size > 0:
        if job.resume:
            return done_rows(job.output)
        if not job.force:
            raise OutputError(
                f"{job.output} exists: use --resume to continue it or --force to overwrite it"
            )
    return set()


async def _assess_chunk(
    driver: AsyncDriver, database: str, job: Job[A], rows: list[Resolved], gate: asyncio.Semaphore
) -> dict[int, Structured]:
    """Output rows (by input row) for a chunk of found companies; a company gone from the
    graph since resolution is left out (reported NOT_FOUND by the caller)."""
    async with gate:
        graph = Graph(driver, database, timeout_s=CHUNK_TIMEOUT_S)
        keys = [r.company or "" for r in rows]
        found = await job.assess(graph, keys, job.as_of, job.params)

    def render() -> dict[int, Structured]:
        return {
            r.client.row: job.render(r, a.result, a.bundle)
            for r in rows
            if (a := found.get(r.company or "")) is not None
        }

    # Only the small rendered rows are kept, so chunks finishing out of order cost little
    # memory; rendering is CPU work too, so it runs off the loop like the maths.
    return await asyncio.to_thread(render)


async def run_job(
    driver: AsyncDriver,
    database: str,
    job: Job[A],
    progress: Callable[[int, int], None] | None = None,
) -> JobSummary:
    """Run a portfolio job; `progress(done, total)` is called as rows are written."""
    started = time.monotonic()
    if job.concurrency < 1 or job.chunk_size < 1:
        raise ValueError("concurrency and chunk size must be at least 1")
    portfolio = read_portfolio(job.input)
    done = _check_output(job)
    resolved = await resolve_all(
        lambda: Graph(driver, database, timeout_s=CHUNK_TIMEOUT_S), portfolio.clients
    )
    summary = JobSummary(rows=len(resolved), empty_lines=portfolio.empty_lines)
    for r in resolved:
        summary.by_status[r.status.value] = summary.by_status.get(r.status.value, 0) + 1
    pending = [r for r in resolved if r.client.row not in done]
    summary.resumed = len(resolved) - len(pending)
    found = [r for r in pending if r.status == Status.OK]
    chunks = [found[i : i + job.chunk_size] for i in range(0, len(found), job.chunk_size)]
    gate = asyncio.Semaphore(job.concurrency)
    tasks = [asyncio.create_task(_assess_chunk(driver, database, job, c, gate)) for c in chunks]
    ready: dict[int, Structured] = {}
    options = {"append": job.resume, "bom": job.bom}
    writers = [portfolio_writer(job.output, portfolio, job.columns, job.to_csv, **options)]
    if job.companion is not None and output_format(job.output) != "jsonl":
        c = job.companion
        writers.append(
            portfolio_writer(c.path(job.output), portfolio, c.columns, c.to_csv, **options)
        )
    try:
        next_row = 0
        for finished in [*asyncio.as_completed(tasks), None]:
            if finished is not None:
                ready.update(await finished)
            # Write the longest prefix of rows that are ready, in input order.
            while next_row < len(pending):
                r = pending[next_row]
                row = ready.pop(r.client.row, None)
                if row is None and r.status == Status.OK:
                    if finished is not None:
                        break
                    # All chunks are done: the company vanished since resolution.
                    r.status, r.reason = Status.NOT_FOUND, f"{r.company} no longer in the graph"
                    summary.by_status["OK"] -= 1
                    summary.by_status["NOT_FOUND"] = summary.by_status.get("NOT_FOUND", 0) + 1
                out = row if row is not None else job.render(r, None, None)
                for writer in writers:
                    writer.write(out)
                next_row += 1
            for writer in writers:
                writer.flush()
            summary.written = next_row
            if progress is not None:
                progress(next_row, len(pending))
    finally:
        for t in tasks:
            t.cancel()
        for writer in writers:
            writer.close()
    summary.seconds = time.monotonic() - started
    return summary
