"""POST /api/screen?asOf=: portfolio screening of an uploaded client CSV, streamed back.

The body is the client list in the `duegraph screen` / `ubo-check` input format
(graphapi/batch/portfolio.py: CSV as Excel saves it, or an .xlsx workbook). The job is the
CLI's own engine (graphapi/batch/runner.py:
resolution in batches, chunks of 50 companies, at most two chunks in flight against Neo4j),
so the browser gets exactly what `duegraph screen` writes, plus each company's UBO status.

The answer is NDJSON, one JSON object per line, as the job goes:
  {"type": "accepted", "rows": N}                         the file was read (N client rows)
  {"type": "progress", "done": d, "total": t}             rows written so far (input order)
  {"type": "rows", "rows": [...]}                         those rows (screen + ubo fields)
  {"type": "done", "summary": {...}}                      counts per status, seconds
  {"type": "error", "message": "..."}                     the job stopped
Analyst role, like `uboChecks`; each batch of rows is audited before it is sent. A client
that goes away cancels the job.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from neo4j import AsyncDriver
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from graph_schema.errors import DuegraphError
from graph_schema.settings import Settings
from graphapi.analytics.assess import Assessment
from graphapi.analytics.inputs import DueDiligenceInput
from graphapi.batch import screen
from graphapi.batch.output import Structured
from graphapi.batch.portfolio import InputError, read_portfolio
from graphapi.batch.resolve import Resolved
from graphapi.batch.runner import Job, JobSummary, run_job
from graphapi.batch.ubo_check import render_ubo
from graphapi.http.audit import AuditLog
from graphapi.http.auth import Caller, Role
from graphapi.services.assessment import assess_companies
from graphapi.web.common import WebError, as_of_param, audit, authorise

MAX_UPLOAD_BYTES = 5_000_000
MAX_ROWS = 20_000
CONCURRENT_JOBS = asyncio.Semaphore(2)  # per server process: Neo4j sees a bounded load


def render_web(r: Resolved, a: Assessment | None, bundle: DueDiligenceInput | None) -> Structured:
    """A `screen` row (rating, label, top signals) with the `ubo-check` fields beside it."""
    row = render_ubo(r, a, bundle)
    row.update(screen.render_screen(r, a, bundle))
    if a is not None:
        row["ubo_exempt"] = a.ubo.exempt
    return row


async def _body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_UPLOAD_BYTES:
        raise WebError(413, "REQUEST_TOO_LARGE", f"the file is over {MAX_UPLOAD_BYTES} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_UPLOAD_BYTES:
            raise WebError(413, "REQUEST_TOO_LARGE", f"the file is over {MAX_UPLOAD_BYTES} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _line(obj: dict[str, Any]) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, default=str) + "\n").encode("utf-8")


class _Tail:
    """New complete JSON lines of the job's output file since the last read."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.offset = 0

    def read(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        with self.path.open("rb") as fh:
            fh.seek(self.offset)
            data = fh.read()
        end = data.rfind(b"\n") + 1
        self.offset += end
        return [json.loads(line) for line in data[:end].splitlines() if line.strip()]


async def _stream(
    driver: AsyncDriver, database: str, job: Job[Assessment], caller: Caller, log: AuditLog,
    work: Path, rows: int,
) -> AsyncIterator[bytes]:  # fmt: skip
    events: asyncio.Queue[tuple[int, int]] = asyncio.Queue()
    tail = _Tail(job.output)
    try:
        yield _line({"type": "accepted", "rows": rows})
        async with CONCURRENT_JOBS:
            task = asyncio.create_task(
                run_job(driver, database, job, lambda d, t: events.put_nowait((d, t)))
            )
            while True:
                getter = asyncio.ensure_future(events.get())
                await asyncio.wait({task, getter}, return_when=asyncio.FIRST_COMPLETED)
                progress = getter.result() if getter.done() else None
                if not getter.done():
                    getter.cancel()
                if progress is not None:
                    yield _line({"type": "progress", "done": progress[0], "total": progress[1]})
                batch = tail.read()
                if batch:
                    ids = {str(r["company_id"]) for r in batch if r.get("company_id")}
                    audit(log, caller, "screen", {"asOf": str(job.as_of)}, ids)
                    yield _line({"type": "rows", "rows": batch})
                if task.done() and events.empty():
                    break
            summary: JobSummary = task.result()
            yield _line(
                {
                    "type": "done",
                    "summary": {
                        "rows": summary.rows,
                        "emptyLines": summary.empty_lines,
                        "byStatus": summary.by_status,
                        "seconds": round(summary.seconds, 2),
                    },
                }
            )
    except (DuegraphError, InputError, WebError, ValueError) as exc:
        message = getattr(exc, "message", None) or str(exc)
        yield _line({"type": "error", "message": message})
    finally:
        shutil.rmtree(work, ignore_errors=True)


async def screen_endpoint(request: Request, audit_log: AuditLog) -> Response:
    work: Path | None = None
    try:
        caller = authorise(request, Role.ANALYST)
        as_of = as_of_param(request)
        body = await _body(request)
        work = Path(tempfile.mkdtemp(prefix="duegraph-screen-"))
        # The bytes as uploaded: the reader finds the delimiter and encoding (cp1252 too), and
        # a zip archive is an .xlsx workbook.
        source = work / ("clients.xlsx" if body.startswith(b"PK\x03\x04") else "clients.csv")
        source.write_bytes(body)
        portfolio = read_portfolio(source)
        if not portfolio.clients:
            raise WebError(400, "BAD_REQUEST", "the file has no client rows")
        if len(portfolio.clients) > MAX_ROWS:
            raise WebError(
                400, "BAD_REQUEST", f"{len(portfolio.clients)} rows: at most {MAX_ROWS} per upload"
            )
    except (WebError, InputError) as exc:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
        # The server's temporary path means nothing to the user: say "the file".
        text = str(exc).replace(str(work / "clients.csv"), "the file").replace(
            str(work / "clients.xlsx"), "the file"
        ) if work is not None else str(exc)  # fmt: skip
        error = exc if isinstance(exc, WebError) else WebError(400, "BAD_REQUEST", text)
        return error.response()
    settings: Settings = request.app.state.settings
    job: Job[Assessment] = Job(
        input=source, output=work / "screening.jsonl", as_of=as_of,
        params=settings.signal_params, assess=assess_companies, render=render_web,
        columns=screen.COLUMNS, to_csv=screen.screen_csv, concurrency=2,
    )  # fmt: skip
    stream = _stream(
        request.state.driver, settings.neo4j.database, job, caller, audit_log, work,
        len(portfolio.clients),
    )  # fmt: skip
    return StreamingResponse(
        stream,
        media_type="application/x-ndjson",
        headers={"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"},
    )
