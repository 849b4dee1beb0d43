"""`duegraph changes --input clients.csv --since DATE`: what changed for each client since.

Without a watchlist there is no stored baseline, so signals and ratings compare the assessment
as of `--since` with the one as of `--as-of` (today); officer, controller, insolvency and address
changes come from registry dates and from the load runs that recorded them.
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
from graphapi.batch.clients_csv import ClientList, ClientsFileError, Problem, read_clients
from graphapi.cli.audit import CliAudit, client_file
from graphapi.graph import Graph
from graphapi.queries.entities import company_keys_by_identifier
from graphapi.services.monitoring import CompanyChanges, changes_since, utc

TIMEOUT_S = 600.0  # a whole client list, not one API request


async def resolve(graph: Graph, clients: ClientList) -> list[tuple[int, str, str]]:
    """(row, given, company key) for rows found once; the others become problems."""
    wanted = sorted({k for row in clients.rows for k in row.keys})
    found = dict(zip(wanted, await company_keys_by_identifier(graph, wanted), strict=True))
    first_row: dict[str, int] = {}
    resolved = []
    for row in clients.rows:
        companies = list(dict.fromkeys(c for k in row.keys if (c := found.get(k))))
        if not companies:
            reason = f"no company with identifier {' or '.join(row.keys)}"
            clients.problems.append(Problem(row.row, row.given, reason))
        elif len(companies) > 1:
            reason = f"ambiguous: matches {', '.join(companies)}; add a scheme column"
            clients.problems.append(Problem(row.row, row.given, reason))
        elif companies[0] in first_row:
            reason = f"duplicate of row {first_row[companies[0]]} ({companies[0]})"
            clients.problems.append(Problem(row.row, row.given, reason))
        else:
            first_row[companies[0]] = row.row
            resolved.append((row.row, row.given, companies[0]))
    clients.problems.sort(key=lambda p: p.row)
    return resolved


def render(
    resolved: list[tuple[int, str, str]], reports: list[CompanyChanges], problems: list[Problem]
) -> str:
    by_key = {r.company: r for r in reports}
    lines = []
    for row, given, key in resolved:
        r = by_key[key]
        rating = f"rating {r.rating_before} -> {r.rating_after}"
        head = f"row {row}: {given} = {key} {r.name or ''} ({rating})"
        if not r.changes:
            lines.append(f"{head}: no changes")
            continue
        lines.append(f"{head}: {len(r.changes)} change(s)")
        for c in r.changes:
            when = f" {c.date}" if c.date else ""
            lines.append(f"  {c.kind.value}{when}: {c.summary}")
    for p in problems:
        lines.append(f"row {p.row}: {p.given or '(empty)'} not checked: {p.reason}")
    changed = sum(1 for r in reports if r.changes)
    lines.append(
        f"{len(resolved)} client(s) checked, {changed} with changes, "
        f"{len(problems)} row(s) not checked"
    )
    return "\n".join(lines)


async def run_changes(
    settings: Settings,
    clients: ClientList,
    since: dt.datetime,
    as_of: dt.date,
    audit: CliAudit | None = None,
) -> str:
    driver = open_async_driver(settings.neo4j)
    try:
        try:
            await driver.verify_connectivity()
        except (ServiceUnavailable, SessionExpired, AuthError, OSError, ValueError) as exc:
            raise DuegraphError(unavailable_message(settings.neo4j, exc)) from None
        if audit is not None:
            audit.started()  # no trail, no data: stop before reading anything
        graph = Graph(driver, settings.neo4j.database, TIMEOUT_S)
        try:
            resolved = await resolve(graph, clients)
            keys = [key for _, _, key in resolved]
            reports = await changes_since(graph, keys, since, None, as_of, settings.signal_params)
        except DuegraphError as exc:
            if audit is not None:
                audit.write(errors=[exc.code])
            raise
        if audit is not None:  # before anything is printed
            audit.write(keys, outcome="ok", problems=len(clients.problems))
        return render(resolved, reports, clients.problems)
    finally:
        await driver.close()


def changes_command(
    input: Annotated[
        Path, typer.Option("--input", "-i", exists=True, dir_okay=False, help="Client list (CSV)")
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
) -> None:
    """List per client what changed since a date: new or ended directors and controllers,
    insolvencies (own and of their people's other companies), address and status changes, new
    signals and rating changes. Rows that cannot be checked are listed with the reason."""
    try:
        clients = read_clients(input)
        settings = Settings()
        when = as_of.date() if as_of else dt.date.today()
        args = {"input": client_file(input, len(clients.rows)), "since": utc(since), "asOf": when}
        audit = CliAudit(settings, "changes", args)
        text = asyncio.run(run_changes(settings, clients, utc(since), when, audit))
    except ClientsFileError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(code=2) from None
    except DuegraphError as exc:
        typer.echo(f"error: {exc.message}", err=True)
        raise typer.Exit(code=1) from None
    typer.echo(text)
