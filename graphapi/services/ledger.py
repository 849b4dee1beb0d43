"""The firm's ledger as the API, the CLI and the jobs ask for it: fetch (graphapi/queries/
ledger.py), then compute (graphapi/analytics/payment.py). Two round trips per call whatever
the number of clients.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from graph_schema.ledger import Client, Invoice
from graphapi.analytics.payment import Behaviour, Exposure, behaviour, exposure
from graphapi.graph import Graph
from graphapi.queries.ledger import (
    clients_by_key,
    clients_of_companies,
    clients_of_ledger,
    invoices_of_clients,
)


async def client_ledgers(
    graph: Graph, client_keys: Sequence[str]
) -> list[tuple[Client, list[Invoice]]]:
    """Each client that exists, with its documents, in the order asked."""
    clients = await clients_by_key(graph, client_keys)
    invoices = await invoices_of_clients(graph, list(clients))
    return [(clients[k], invoices[k]) for k in client_keys if k in clients]


async def client_exposures(
    graph: Graph, client_keys: Sequence[str], as_of: date
) -> dict[str, Exposure]:
    """Open exposure per client (key `<ledger>|<client id>`) at `as_of`."""
    return {
        client.key: exposure(client, docs, as_of)
        for client, docs in await client_ledgers(graph, client_keys)
    }


async def ledger_accounts(graph: Graph, ledger: str) -> list[tuple[Client, list[Invoice]]]:
    """Every current client of a ledger with its documents, by client id (portfolio views)."""
    clients = await clients_of_ledger(graph, ledger)
    invoices = await invoices_of_clients(graph, [c.key for c in clients])
    return [(c, invoices[c.key]) for c in clients]


async def ledger_exposures(graph: Graph, ledger: str, as_of: date) -> list[Exposure]:
    """Open exposure of every current client of a ledger at `as_of`, by client id."""
    return [exposure(c, docs, as_of) for c, docs in await ledger_accounts(graph, ledger)]


async def company_behaviours(
    graph: Graph, company_keys: Sequence[str], as_of: date, ledger: str | None = None
) -> dict[str, list[Behaviour]]:
    """Payment behaviour of every current client each company is (none: an empty list)."""
    by_company = await clients_of_companies(graph, company_keys, ledger)
    keys = [c.key for clients in by_company.values() for c in clients]
    invoices = await invoices_of_clients(graph, keys)
    return {
        company: [behaviour(c, invoices[c.key], as_of) for c in clients]
        for company, clients in by_company.items()
    }
