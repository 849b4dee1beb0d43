"""`duegraph ubo-check`, `duegraph screen` and `duegraph report`: portfolio jobs and reports."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from neo4j import AsyncDriver
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from graph_schema.db import open_async_driver, unavailable_message
from graph_schema.errors import DuegraphError
from graph_schema.settings import Settings, load_settings
from graphapi.batch import screen, ubo_check
from graphapi.batch.output import OutputError
from graphapi.batch.portfolio import InputError
from graphapi.batch.runner import Job, JobSummary, run_job
from graphapi.cli.audit import AuditUnwritable, CliAudit, client_file
from graphapi.graph import Graph
from graphapi.report.html import company_report
from graphapi.services.assessment import assess_companies, check_ubo, with_ubo_rules
from graphapi.services.lookup import company_key

console = Console(stderr=True)
T = TypeVar("T")

InputOpt = Annotated[
    Path,
    typer.Option(
        "--input", "-i", exists=True, dir_okay=False,
        help="Client list: .csv/.txt as Excel saves it (, ; or tab; UTF-8 or Windows-1252) "
        "or .xlsx",
    ),
]  # fmt: skip
OutputOpt = Annotated[
    Path,
    typer.Option("--output", "-o", help="Report: .csv (Excel-ready), .xlsx or .jsonl"),
]
BomOpt = Annotated[
    bool,
    typer.Option(
        "--bom/--no-bom",
        help="Start a CSV report with a UTF-8 byte-order mark, so Excel shows accents right",
    ),
]
AsOfOpt = Annotated[
    dt.datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Date of the check [today]")
]
ResumeOpt = Annotated[
    bool, typer.Option(help="Append to an existing output, skipping rows it already has")
]
ForceOpt = Annotated[bool, typer.Option(help="Overwrite an existing output")]
ConcurrencyOpt = Annotated[
    int, typer.Option(min=1, max=16, help="Chunks of 50 companies in flight against Neo4j")
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar")]


def _settings() -> Settings:
    try:
        return load_settings()
    except DuegraphError as exc:
        console.print(f"[bold red]error:[/] {exc.message}", highlight=False)
        raise typer.Exit(code=2) from None


def _run(settings: Settings, work: Callable[[AsyncDriver, str], Awaitable[T]]) -> T:
    """Open the async driver, check Neo4j is there, run, close; errors become exit code 1."""

    async def main() -> T:
        driver = open_async_driver(settings.neo4j, pool_size=32)
        try:
            try:
                await driver.verify_connectivity()
            except (ServiceUnavailable, SessionExpired, AuthError, OSError, ValueError) as exc:
                raise OutputError(unavailable_message(settings.neo4j, exc)) from None
            return await work(driver, settings.neo4j.database)
        finally:
            await driver.close()

    try:
        return asyncio.run(main())
    except (DuegraphError, InputError, OutputError, ValueError) as exc:
        message = exc.message if isinstance(exc, DuegraphError) else str(exc)
        console.print(f"[bold red]error:[/] {message}", highlight=False)
        raise typer.Exit(code=1) from None


def _portfolio(settings: Settings, job: Job[Any], quiet: bool, audit: CliAudit) -> JobSummary:
    async def work(driver: AsyncDriver, database: str) -> JobSummary:
        audit.started()  # no trail, no data: stop before reading anything
        try:
            summary = await run(driver, database)
        except (DuegraphError, InputError, OutputError, ValueError) as exc:
            code = exc.code if isinstance(exc, DuegraphError) else "INVALID_ARGUMENT"
            if not isinstance(exc, AuditUnwritable):
                audit.write(errors=[code])
            raise
        rows = client_file(job.input, summary.rows)
        audit.write(outcome="ok", input=rows, statuses=summary.by_status)
        return summary

    async def run(driver: AsyncDriver, database: str) -> JobSummary:
        if quiet:
            return await run_job(driver, database, job)
        with Progress(
            TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
            TimeRemainingColumn(), console=console, transient=False,
        ) as bar:  # fmt: skip
            task = bar.add_task(job.output.name, total=None)

            def progress(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            return await run_job(driver, database, job, progress)

    summary = _run(settings, work)
    typer.echo(summary.line())
    return summary


def _as_of(value: dt.datetime | None) -> dt.date:
    return value.date() if value else dt.date.today()


def ubo_check_command(
    input: InputOpt,
    output: OutputOpt,
    threshold: Annotated[
        float | None,
        typer.Option(help="Ownership threshold, percent [DUEGRAPH_SIGNAL_PARAMS ubo, 25]"),
    ] = None,
    as_of: AsOfOpt = None,
    rule_set: Annotated[
        str | None, typer.Option(help="AMLR, EU or UK_PSC [DUEGRAPH_SIGNAL_PARAMS ubo, AMLR]")
    ] = None,
    resume: ResumeOpt = False,
    force: ForceOpt = False,
    concurrency: ConcurrencyOpt = 2,
    quiet: QuietOpt = False,
    bom: BomOpt = True,
) -> None:
    """UBO check of every client of a list, in input order: OUTPUT has one row per owner
    (beneficial, legal-entity and declared owners; senior managing officials when no
    beneficial owner is found) and OUTPUT.companies.csv one row per client."""
    settings = _settings()
    rules = rule_set.upper() if rule_set is not None else None
    try:
        params = with_ubo_rules(settings.signal_params, threshold, rules)
    except DuegraphError as exc:
        console.print(f"[bold red]error:[/] {exc.message}", highlight=False)
        raise typer.Exit(code=2) from None
    when = _as_of(as_of)
    audit = CliAudit(settings, "ubo-check", {
        "input": client_file(input), "output": str(output), "asOf": when,
        "threshold": params.ubo.threshold, "ruleSet": params.ubo.rule_set,
    })  # fmt: skip
    job = Job(
        input=input, output=output, as_of=when, params=params,
        assess=audit.assessor(check_ubo), render=ubo_check.render_ubo,
        columns=ubo_check.OWNER_COLUMNS, to_csv=ubo_check.ubo_csv,
        resume=resume, force=force, concurrency=concurrency, companion=ubo_check.COMPANIES,
        bom=bom,
    )  # fmt: skip
    _portfolio(settings, job, quiet, audit)


def screen_command(
    input: InputOpt,
    output: OutputOpt,
    as_of: AsOfOpt = None,
    resume: ResumeOpt = False,
    force: ForceOpt = False,
    concurrency: ConcurrencyOpt = 2,
    quiet: QuietOpt = False,
    bom: BomOpt = True,
) -> None:
    """Risk screening of a client list: rating 1-5, label and top 3 signals per client, and a
    portfolio summary (printed and written to OUTPUT.summary.json)."""
    settings = _settings()
    when = _as_of(as_of)
    audit = CliAudit(
        settings, "screen", {"input": client_file(input), "output": str(output), "asOf": when}
    )
    job = Job(
        input=input, output=output, as_of=when, params=settings.signal_params,
        assess=audit.assessor(assess_companies), render=screen.render_screen,
        columns=screen.COLUMNS, to_csv=screen.screen_csv, resume=resume, force=force,
        concurrency=concurrency, bom=bom,
    )  # fmt: skip
    _portfolio(settings, job, quiet, audit)
    summary = screen.write_summary(output)
    typer.echo(screen.summary_table(summary))
    typer.echo(f"summary: {screen.summary_path(output)}")


def report_command(
    company_id: Annotated[
        str,
        typer.Argument(help="Company id (GB-COH-01234567) or registry number in any common format"),
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write")],
    as_of: Annotated[
        dt.datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="Date of the report [newest registry date loaded]"),
    ] = None,
) -> None:
    """Due-diligence report of one company as a self-contained HTML page."""
    asked = as_of.date() if as_of else None
    settings = _settings()

    audit = CliAudit(settings, "report", {"companyId": company_id, "asOf": asked})

    async def work(driver: AsyncDriver, database: str) -> tuple[str, str, dt.date]:
        audit.started()  # no trail, no data: stop before reading anything
        graph = Graph(driver, database, timeout_s=120)
        named: set[str] = set()
        try:
            key = await company_key(graph, company_id) or company_id
            page, when = await company_report(graph, key, asked, settings.signal_params, named)
        except DuegraphError as exc:
            audit.write(errors=[exc.code])
            raise
        # Before the page is written: no trail, no data.
        audit.write(named, outcome="ok", company=key, reportAsOf=when)
        return key, page, when

    key, page, when = _run(settings, work)
    output.write_text(page, encoding="utf-8")
    typer.echo(json.dumps({"company": key, "as_of": str(when), "output": str(output)}))
