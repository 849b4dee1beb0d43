"""`duegraph changes --input clients.csv --since DATE [--output changes.csv]`: what changed for
each client since a date.

The client list is the one `screen` and `ubo-check` read (graphapi/batch/portfolio.py). Without
a watchlist there is no stored baseline, so signals and ratings compare the assessment as of
`--since` with the one as of `--as-of` (today). Officer, controller, insolvency and address
changes count by their registry date (`--dates registry`, the default) or by when a load
brought them (`--dates loaded`); graphapi/services/monitoring.py.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path
from typing import Annotated

import typer
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired

from graph_schema.db import open_async_driver, unavailable_message
from graph_schema.errors import DuegraphError
from graph_schema.settings import Settings
from graphapi.batch.changes import COLUMNS, changes_csv, render_changes, text_report
from graphapi.batch.output import OutputError, Structured
from graphapi.batch.portfolio import InputError, Portfolio, read_portfolio
from graphapi.batch.resolve import Status, resolve_all
from graphapi.batch.runner import portfolio_writer
from graphapi.cli.audit import CliAudit, client_file
from graphapi.graph import Graph
from graphapi.services.monitoring import ChangeDates, changes_since, utc

TIMEOUT_S = 600.0  # a whole client list, not one API request


async def run_changes(
    settings: Settings,
    portfolio: Portfolio,
    since: dt.datetime,
    as_of: dt.date,
    dates: ChangeDates,
    audit: CliAudit | None = None,
) -> list[Structured]:
    """One structured row per input row, in input order; with `audit`, the trail is written
    before any row is returned (no trail, no data)."""
    driver = open_async_driver(settings.neo4j)
    try:
        try:
            await driver.verify_connectivity()
        except (ServiceUnavailable, SessionExpired, AuthError, OSError, ValueError) as exc:
            raise DuegraphError(unavailable_message(settings.neo4j, exc)) from None
        if audit is not None:
            audit.started()  # no trail, no data: stop before reading anything

        def graph() -> Graph:
            return Graph(driver, settings.neo4j.database, TIMEOUT_S)

        try:
            resolved = await resolve_all(graph, portfolio.clients)
            keys = [r.company for r in resolved if r.status == Status.OK and r.company]
            reports = await changes_since(
                graph(), keys, since, None, as_of, settings.signal_params, dates
            )
        except DuegraphError as exc:
            if audit is not None:
                audit.write(errors=[exc.code])
            raise
        if audit is not None:  # before anything is printed or written
            audit.write(keys, outcome="ok")
        by_key = {r.company: r for r in reports}
        rows = []
        for r in resolved:
            report = by_key.get(r.company or "") if r.status == Status.OK else None
            if r.status == Status.OK and report is None:
                r.status, r.reason = Status.NOT_FOUND, f"{r.company} no longer in the graph"
            rows.append(render_changes(r, report))
        return rows
    finally:
        await driver.close()


def changes_command(
    input: Annotated[
        Path,
        typer.Option(
            "--input",
            "-i",
            exists=True,
            dir_okay=False,
            help="Client list, as for screen: .csv/.txt as Excel saves it, or .xlsx",
        ),
    ],
    since: Annotated[
        dt.datetime,
        typer.Option(
            formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%S%z"],
            help="Report changes after this date or moment (UTC when no offset is given)",
        ),
    ],
    as_of: Annotated[
        dt.datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="Assess the current rating on this date [today]"),
    ] = None,
    dates: Annotated[
        ChangeDates,
        typer.Option(
            case_sensitive=False,
            help="REGISTRY: changes whose registry date is after --since; LOADED: changes a "
            "load brought after --since, whatever their registry date",
        ),
    ] = ChangeDates.REGISTRY,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the report here (.csv, .xlsx or .jsonl), one row per change",
        ),
    ] = None,
    force: Annotated[bool, typer.Option(help="Overwrite an existing output")] = False,
    bom: Annotated[
        bool, typer.Option("--bom/--no-bom", help="Start a CSV report with a UTF-8 BOM")
    ] = True,
) -> None:
    """List per client what changed since a date: new or ended directors and controllers,
    insolvencies (own and of their people's other companies), address and status changes, new
    signals and rating changes. Rows that cannot be checked are listed with the reason."""
    try:
        if output is not None and output.exists() and not force:
            raise OutputError(f"{output} exists: use --force to overwrite it")
        portfolio = read_portfolio(input)
        settings = Settings()
        when = as_of.date() if as_of else dt.date.today()
        facts = client_file(input, len(portfolio.clients))
        args = {"input": facts, "since": utc(since), "asOf": when, "dates": dates.value}
        audit = CliAudit(settings, "changes", args)
        rows = asyncio.run(run_changes(settings, portfolio, utc(since), when, dates, audit))
        if output is not None:
            writer = portfolio_writer(output, portfolio, COLUMNS, changes_csv, bom=bom)
            try:
                for row in rows:
                    writer.write(row)
            finally:
                writer.close()
    except (InputError, OutputError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(code=2) from None
    except DuegraphError as exc:
        typer.echo(f"error: {exc.message}", err=True)
        raise typer.Exit(code=1) from None
    typer.echo(text_report(rows))
