"""`duegraph ledger import`: the firm's own clients and invoices, beside the registry graph."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from neo4j import AsyncDriver
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired
from rich.console import Console

from graph_schema.constraints import apply_schema
from graph_schema.db import connected, open_async_driver, unavailable_message
from graph_schema.errors import DuegraphError
from graph_schema.ledger import DEFAULT_LEDGER, check_ledger_name
from graph_schema.settings import Settings, load_settings
from graphapi.batch.tables import TableError
from graphapi.graph import Graph
from graphapi.ledger.importer import ImportReport, import_ledger
from graphapi.ledger.parse import parse_ledger
from graphapi.ledger.values import CellError, DateOrder, currency_code
from loaders.rejects import RejectSink

console = Console(stderr=True)
ledger_app = typer.Typer(
    help="The firm's own ledger: clients and invoices, linked to registry companies.",
    no_args_is_help=True,
)
GRAPH_TIMEOUT_S = 120.0


def run_import(
    settings: Settings,
    clients: Path,
    invoices: Path,
    ledger: str,
    rejects: Path,
    *,
    date_order: DateOrder = DateOrder.AUTO,
    currency: str | None = None,
    now: datetime | None = None,
) -> ImportReport:
    """Parse, resolve and write one ledger export (also used by `duegraph demo`).

    Raises DuegraphError (Neo4j unavailable), TableError or CellError (a file that is not a
    ledger table, a bad option)."""
    stamp = now or datetime.now(UTC)
    parsed = parse_ledger(
        clients, invoices, ledger, stamp, order=date_order, default_currency=currency
    )
    with connected(settings.neo4j) as driver:
        apply_schema(driver, settings.neo4j.database)

    async def work() -> ImportReport:
        driver: AsyncDriver = open_async_driver(settings.neo4j, pool_size=4)
        try:
            try:
                await driver.verify_connectivity()
            except (ServiceUnavailable, SessionExpired, AuthError, OSError) as exc:
                raise DuegraphError(unavailable_message(settings.neo4j, exc)) from None
            database = settings.neo4j.database
            with RejectSink(rejects) as sink:
                return await import_ledger(
                    lambda: Graph(driver, database, timeout_s=GRAPH_TIMEOUT_S),
                    parsed, clients, invoices, sink, stamp,
                )  # fmt: skip
        finally:
            await driver.close()

    return asyncio.run(work())


@ledger_app.command("import")
def import_command(
    clients: Annotated[
        Path, typer.Argument(help="Client file (.csv or .xlsx)", exists=True, dir_okay=False)
    ],
    invoices: Annotated[
        Path,
        typer.Argument(
            help="Invoices, credit notes and payments (.csv or .xlsx)", exists=True, dir_okay=False
        ),
    ],
    ledger: Annotated[
        str, typer.Option(help="Name of the ledger (two ledgers never collide)")
    ] = DEFAULT_LEDGER,
    rejects: Annotated[
        Path | None,
        typer.Option(
            help="JSON Lines file for refused rows and warnings "
            "[.duegraph/rejects/ledger-NAME.jsonl]"
        ),
    ] = None,  # fmt: skip
    date_order: Annotated[
        DateOrder,
        typer.Option(help="Slashed dates: dmy, mdy, or auto (from the file; dmy when unproven)"),
    ] = DateOrder.AUTO,
    currency: Annotated[
        str | None, typer.Option(help="Currency of amounts that name none (ISO 4217)")
    ] = None,
) -> None:
    """Import a full export of the ledger: clients resolve to registry companies as in
    `screen`; a newer export updates in place and retires what it no longer lists."""
    try:
        settings = load_settings()
        check_ledger_name(ledger)
        code = currency_code(currency) if currency else None
        path = rejects or Path(".duegraph") / "rejects" / f"ledger-{ledger}.jsonl"
        report = run_import(
            settings, clients, invoices, ledger, path, date_order=date_order, currency=code
        )
    except DuegraphError as exc:
        console.print(f"[bold red]error:[/] {exc.message}", highlight=False)
        raise typer.Exit(code=1) from None
    except (TableError, CellError, ValueError) as exc:
        console.print(f"[bold red]error:[/] {exc}", highlight=False)
        raise typer.Exit(code=1) from None
    typer.echo(report.line())
    if report.refused or report.warnings:
        typer.echo(f"refused rows, unresolved clients and their reasons: {path}")
