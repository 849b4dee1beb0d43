"""`duegraph portfolio`: the firm's portfolio views as CSV (stdout, or `--output FILE`).

The same services as GraphQL (graphapi/services/portfolio.py): `matrix`, `sectors`, `groups`,
`linked` (exposure through the graph), `reviews`, `dunning`, and `client ID` (one client's
exposure with every link to other clients). Each run writes the audit trail as `screen` and
`report` do (graphapi/cli/audit.py): the clients and companies it read, before any output.
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import sys
from collections.abc import Awaitable, Callable, Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, TextIO, TypeVar

import typer
from rich.console import Console

from graph_schema.db import open_async_driver
from graph_schema.errors import DuegraphError
from graph_schema.ledger import DEFAULT_LEDGER, check_ledger_name
from graph_schema.scoring_profile import ScoringProfile, load_profile
from graph_schema.settings import Settings, load_settings
from graphapi.analytics import portfolio as views
from graphapi.analytics.exposure import LinkedExposure
from graphapi.analytics.portfolio import PortfolioLine
from graphapi.cli.audit import AuditUnwritable, CliAudit
from graphapi.graph import Graph
from graphapi.services.portfolio import Portfolio, Seen, client_view, ledger_links, portfolio

console = Console(stderr=True)
portfolio_app = typer.Typer(
    help="The firm's portfolio: rating x exposure, sectors, groups, links, reviews, dunning.",
    no_args_is_help=True,
)
GRAPH_TIMEOUT_S = 600.0
T = TypeVar("T")

LedgerOpt = Annotated[str, typer.Option(help="Name of the ledger")]
AsOfOpt = Annotated[
    dt.datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Date of the figures [today]")
]
OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="CSV file to write [stdout]")
]
ProfileOpt = Annotated[
    Path | None,
    typer.Option(help="Scoring profile for clients never scored [the default profile]"),
]


def _cell(value: object) -> object:
    """A CSV cell: no spreadsheet formula from a name in the data."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return "" if value is None else value


def write_csv(rows: Iterable[Sequence[object]], header: Sequence[str], out: TextIO) -> None:
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    for row in rows:
        w.writerow([_cell(v) for v in row])


def _run(operation: str, args: dict[str, Any], work: Callable[[Graph, Seen], Awaitable[T]]) -> T:
    """Run `work` with the audit trail of the command (as `screen` and `report` do): a
    `started` line before anything is read, then the clients and companies read, before any
    output; no trail, no data."""
    settings: Settings = load_settings()
    audit = CliAudit(settings, f"portfolio {operation}", args)
    named: set[str] = set()

    async def main() -> T:
        audit.started()
        driver = open_async_driver(settings.neo4j, pool_size=2)
        try:
            return await work(Graph(driver, settings.neo4j.database, GRAPH_TIMEOUT_S), named.add)
        finally:
            await driver.close()

    try:
        result = asyncio.run(main())
        audit.write(named, outcome="ok")
    except DuegraphError as exc:
        if not isinstance(exc, AuditUnwritable):
            try:
                audit.write(errors=[exc.code])
            except AuditUnwritable:
                pass
        console.print(f"[bold red]error:[/] {exc.message}", highlight=False)
        raise typer.Exit(code=1) from None
    return result


def _when(as_of: dt.datetime | None) -> dt.date:
    return as_of.date() if as_of else dt.date.today()


def _profile(path: Path | None) -> ScoringProfile:
    try:
        return load_profile(path)
    except DuegraphError as exc:
        console.print(f"[bold red]error:[/] {exc.message}", highlight=False)
        raise typer.Exit(code=2) from None


def _name(ledger: str) -> str:
    try:
        return check_ledger_name(ledger)
    except ValueError as exc:
        console.print(f"[bold red]error:[/] {exc}", highlight=False)
        raise typer.Exit(code=2) from None


def _load(
    operation: str, ledger: str, as_of: dt.datetime | None, profile: Path | None
) -> Portfolio:
    name, when, chosen = _name(ledger), _when(as_of), _profile(profile)
    params = load_settings().signal_params
    args = {"ledger": name, "asOf": when, "profile": str(profile) if profile else None}
    found = _run(operation, args, lambda g, seen: portfolio(g, name, when, params, chosen, seen))
    if not found.lines:
        console.print(f"[bold red]error:[/] no current client in ledger {name!r}")
        raise typer.Exit(code=1)
    return found


def _emit(rows: Iterable[Sequence[object]], header: Sequence[str], output: Path | None) -> None:
    if output is None:
        write_csv(rows, header, sys.stdout)
        return
    with output.open("w", encoding="utf-8", newline="") as fh:
        write_csv(rows, header, fh)
    console.print(f"written {output}", highlight=False)


def _d(amount: Decimal | None) -> str:
    return "" if amount is None else f"{amount:.2f}"


def _rating(line: PortfolioLine) -> list[object]:
    r = line.rating
    if r is None:
        return ["", "", ""]
    return [r.rating, r.label, "stored" if r.stored else "computed"]


@portfolio_app.command("matrix")
def matrix_command(
    ledger: LedgerOpt = DEFAULT_LEDGER,
    as_of: AsOfOpt = None,
    output: OutputOpt = None,
    profile: ProfileOpt = None,
) -> None:
    """Clients and open balance per internal rating and exposure band."""
    found = _load("matrix", ledger, as_of, profile)
    rows = (
        [c.rating or "unrated", c.band, c.currency, c.clients, _d(c.open), _d(c.overdue)]
        for c in views.rating_matrix(found.lines)
    )
    _emit(rows, ["rating", "exposure_band", "currency", "clients", "open", "overdue"], output)


def _slices(slices: Sequence[views.Slice]) -> Iterable[list[Any]]:
    for s in slices:
        yield [
            s.key, s.name, s.currency, len(s.clients), _d(s.open), _d(s.overdue), _d(s.limits),
            s.without_limit, _d(s.over_limits), s.worst_rating or "", " ".join(s.clients),
        ]  # fmt: skip


SLICE_HEADER = ["key", "name", "currency", "clients", "open", "overdue", "credit_limits",
                "clients_without_limit", "over_limits", "worst_rating", "client_ids"]  # fmt: skip


@portfolio_app.command("sectors")
def sectors_command(
    ledger: LedgerOpt = DEFAULT_LEDGER,
    as_of: AsOfOpt = None,
    output: OutputOpt = None,
    profile: ProfileOpt = None,
) -> None:
    """Exposure per sector (the ledger's segment), the largest first."""
    found = _load("sectors", ledger, as_of, profile)
    _emit(_slices(views.by_sector(found.lines)), SLICE_HEADER, output)


@portfolio_app.command("groups")
def groups_command(
    ledger: LedgerOpt = DEFAULT_LEDGER,
    as_of: AsOfOpt = None,
    output: OutputOpt = None,
    profile: ProfileOpt = None,
    all_groups: Annotated[
        bool, typer.Option("--all", help="Also clients alone in their group")
    ] = False,
) -> None:
    """Exposure per group (the same top company), the largest first."""
    found = _load("groups", ledger, as_of, profile)
    groups = [g for g in views.by_group(found.lines) if all_groups or len(g.clients) > 1]
    _emit(_slices(groups), SLICE_HEADER, output)


LINK_HEADER = ["kinds", "entity_id", "entity_name", "clients", "currency", "combined_open",
               "combined_overdue", "credit_limits", "clients_without_limit", "over_limits",
               "summary", "evidence"]  # fmt: skip


def _links(links: Sequence[LinkedExposure]) -> Iterable[list[Any]]:
    for x in links:
        t = x.main
        evidence = " | ".join(
            f"{m.client} {m.company_name or m.company}: {m.how()}" for m in x.members
        )
        yield [
            "+".join(x.kinds), x.key, x.name, " ".join(x.clients), t.currency, _d(t.open),
            _d(t.overdue), _d(t.limits), t.without_limit, _d(t.over_limits), x.summary(),
            evidence,
        ]  # fmt: skip


@portfolio_app.command("linked")
def linked_command(
    ledger: LedgerOpt = DEFAULT_LEDGER,
    as_of: AsOfOpt = None,
    output: OutputOpt = None,
) -> None:
    """Exposure through the graph: clients linked by a group, a director, a beneficial owner
    or a registered address, what they owe together, and the evidence."""
    name, when = _name(ledger), _when(as_of)
    params = load_settings().signal_params
    links = _run(
        "linked", {"ledger": name, "asOf": when},
        lambda g, seen: ledger_links(g, name, when, params, seen=seen),
    )  # fmt: skip
    _emit(_links(links), LINK_HEADER, output)


@portfolio_app.command("client")
def client_command(
    client_id: Annotated[str, typer.Argument(help="Client id in the ledger (e.g. C00125)")],
    ledger: LedgerOpt = DEFAULT_LEDGER,
    as_of: AsOfOpt = None,
    output: OutputOpt = None,
) -> None:
    """One client's exposure and every link through which other clients add to it."""
    name, when = _name(ledger), _when(as_of)
    params = load_settings().signal_params
    key = f"{name}|{client_id}"
    view = _run(
        "client", {"clientId": key, "asOf": when},
        lambda g, seen: client_view(g, key, when, params, seen),
    )  # fmt: skip
    if view is None:
        console.print(f"[bold red]error:[/] no client {client_id!r} in ledger {name!r}")
        raise typer.Exit(code=1)
    e = view.exposure
    console.print(
        f"{view.account.client.name}: open {_d(e.open)} {e.currency or ''}, overdue "
        f"{_d(e.overdue)}, limit {_d(e.credit_limit) or 'none'}; linked clients: "
        f"{len(view.linked_clients)}",
        highlight=False,
    )
    _emit(_links(view.links), LINK_HEADER, output)


@portfolio_app.command("reviews")
def reviews_command(
    ledger: LedgerOpt = DEFAULT_LEDGER,
    as_of: AsOfOpt = None,
    within_days: Annotated[int, typer.Option(min=0, max=366, help="Due within so many days")] = 0,
    output: OutputOpt = None,
    profile: ProfileOpt = None,
) -> None:
    """Clients due for a re-check (their rating's review date has come, or never rated)."""
    found = _load("reviews", ledger, as_of, profile)
    rows = (
        [i.line.client.key, i.line.name, *_rating(i.line), i.due_on or "now", i.reason]
        for i in views.review_schedule(found.lines, found.as_of, within_days)
    )
    _emit(rows, ["client_id", "name", "rating", "label", "rating_source", "due_on", "reason"],
          output)  # fmt: skip


@portfolio_app.command("dunning")
def dunning_command(
    ledger: LedgerOpt = DEFAULT_LEDGER,
    as_of: AsOfOpt = None,
    output: OutputOpt = None,
    profile: ProfileOpt = None,
) -> None:
    """Clients to chase, the highest priority first (overdue amount x internal rating)."""
    found = _load("dunning", ledger, as_of, profile)
    rows = (
        [
            d.line.client.key,
            d.line.name,
            d.line.behaviour.currency,
            _d(d.overdue),
            *_rating(d.line),
            _d(d.priority),
            d.oldest.invoice.number if d.oldest else "",
            d.oldest.days_overdue if d.oldest else "",
            d.reason,
        ]  # fmt: skip
        for d in views.dunning_list(found.lines)
    )
    header = ["client_id", "name", "currency", "overdue", "rating", "label", "rating_source",
              "priority", "oldest_invoice", "oldest_days_overdue", "reason"]  # fmt: skip
    _emit(rows, header, output)
