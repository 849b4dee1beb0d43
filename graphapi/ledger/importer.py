"""Importing a parsed ledger: resolve its clients to registry companies, write it, retire what
the export no longer lists, and report every row.

Clients resolve exactly as `duegraph screen` resolves a client list (graphapi/batch/resolve.py:
a registry number in any spelling, or a name within a country); a client that does not
resolve (NOT_FOUND, AMBIGUOUS, MALFORMED_IDENTIFIER, NO_IDENTITY) is still imported, with
its invoices, but not linked to a company, and reported as a warning (`kept`) in the rejects
file. Two client accounts of the same company both link to it.

An import is a full export of the ledger: clients and documents it lists are written (or
updated in place); those of the same ledger it no longer lists are marked removed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from graph_schema.ledger import Client, Resolution
from graphapi.batch.portfolio import ClientRow
from graphapi.batch.resolve import Resolved, Status, resolve_all
from graphapi.graph import Graph
from graphapi.ledger.columns import CLIENTS_FORMAT
from graphapi.ledger.parse import ParsedLedger
from graphapi.queries.ledger_write import (
    client_row,
    mark_removed,
    upsert_clients,
    upsert_invoices,
    upsert_ledger,
)
from loaders.rejects import Location, Rejection, RejectSink

GraphFactory = Callable[[], Graph]


@dataclass
class ImportReport:
    ledger: str
    client_rows: int = 0
    invoice_rows: int = 0
    clients: int = 0
    invoices: int = 0  # invoices and credit notes written
    refused: int = 0  # rows refused (both files)
    warnings: int = 0  # rows kept with a warning (unresolved clients, unreadable optional cells)
    resolution: Counter[str] = field(default_factory=Counter)
    removed_clients: int = 0
    removed_invoices: int = 0
    date_order: str = "dmy"

    def line(self) -> str:
        resolved = ", ".join(f"{k} {v}" for k, v in sorted(self.resolution.items()))
        return (
            f"ledger {self.ledger}: {self.clients} of {self.client_rows} client rows "
            f"({resolved}), {self.invoices} documents from {self.invoice_rows} invoice rows; "
            f"{self.refused} rows refused, {self.warnings} warnings; removed since the last "
            f"import: {self.removed_clients} clients, {self.removed_invoices} documents; "
            f"slashed dates read {self.date_order}"
        )


@dataclass(frozen=True)
class ClientMatch:
    client: Client
    resolution: Resolution
    company: str | None
    reason: str | None


_STATUS = {
    Status.OK: Resolution.OK,
    Status.DUPLICATE_ROW: Resolution.OK,
    Status.NOT_FOUND: Resolution.NOT_FOUND,
    Status.AMBIGUOUS: Resolution.AMBIGUOUS,
    Status.MALFORMED_IDENTIFIER: Resolution.MALFORMED_IDENTIFIER,
}


async def resolve_clients(
    graph_factory: GraphFactory, clients: list[Client], lookups: Mapping[str, ClientRow]
) -> list[ClientMatch]:
    """Every client with how it resolved, in input order (`lookups`: `ParsedLedger.lookups`)."""
    askable = [lookups[c.client_id] for c in clients if c.registry_number or c.name]
    resolved: dict[int, Resolved] = {
        r.client.row: r for r in await resolve_all(graph_factory, askable)
    }
    by_company: dict[str, str] = {}
    out = []
    for client in clients:
        r = resolved.get(client.source.line)
        if r is None:
            out.append(
                ClientMatch(client, Resolution.NO_IDENTITY, None, "no registry number and no name")
            )
            continue
        reason = r.warning if r.status is Status.OK else r.reason
        if r.status is Status.DUPLICATE_ROW and r.company is not None:
            reason = f"same company as client {by_company[r.company]!r} ({r.company})"
        elif r.company is not None:
            by_company.setdefault(r.company, client.client_id)
        company = r.company if r.status in (Status.OK, Status.DUPLICATE_ROW) else None
        out.append(ClientMatch(client, _STATUS[r.status], company, reason))
    return out


def _approximate(match: ClientMatch, clients_path: Path) -> Rejection:
    """A client linked although its name is unlike the registry's (NAME_MISMATCH) or only
    like it (NAME_APPROXIMATE), or a second account of a company: worth a look."""
    c = match.client
    return Rejection(
        Location(str(clients_path), c.source.line, c.client_id),
        f"{match.reason}: client linked to {match.company}",
        raw={"client_id": c.client_id, "name": c.name, "registry_number": c.registry_number},
        format=CLIENTS_FORMAT,
        kept=True,
    )


def _unresolved(match: ClientMatch, clients_path: Path) -> Rejection:
    c = match.client
    return Rejection(
        Location(str(clients_path), c.source.line, c.client_id),
        f"{match.resolution.value}: {match.reason}: client kept, not linked to a company",
        raw={"client_id": c.client_id, "name": c.name, "registry_number": c.registry_number,
             "country": c.country},
        format=CLIENTS_FORMAT,
        kept=True,
    )  # fmt: skip


async def import_ledger(
    graph_factory: GraphFactory,
    parsed: ParsedLedger,
    clients_path: Path,
    invoices_path: Path,
    rejects: RejectSink,
    now: datetime,
) -> ImportReport:
    """Write `parsed` (from `parse_ledger`) and report; `now` is the import run's stamp."""
    run = now.isoformat()
    report = ImportReport(
        ledger=parsed.ledger,
        client_rows=parsed.client_rows,
        invoice_rows=parsed.invoice_rows,
        date_order=parsed.date_order.value,
    )
    matches = await resolve_clients(graph_factory, parsed.clients, parsed.lookups)
    found = [r for r in parsed.rejections if r.location.file == str(clients_path)]
    found += [_unresolved(m, clients_path) for m in matches if m.company is None]
    found += [_approximate(m, clients_path) for m in matches if m.company and m.reason]
    found.sort(key=lambda r: r.location.line or 0)
    found += [r for r in parsed.rejections if r.location.file != str(clients_path)]
    for rejection in found:
        rejects.add(rejection)
    report.refused = sum(1 for r in found if not r.kept)
    report.warnings = sum(1 for r in found if r.kept)
    report.resolution = Counter(m.resolution.value for m in matches)
    graph = graph_factory()
    await upsert_ledger(graph, parsed.ledger, now, run, clients_path.name, invoices_path.name)
    rows = [client_row(m.client, run, m.company, m.resolution.value, m.reason) for m in matches]
    report.clients = await upsert_clients(graph_factory, rows)
    report.invoices = await upsert_invoices(graph_factory, parsed.invoices, run)
    report.removed_clients, report.removed_invoices = await mark_removed(
        graph_factory(), parsed.ledger, run, now
    )
    return report
