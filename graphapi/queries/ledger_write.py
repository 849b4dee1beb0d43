"""Writing the firm's ledger (`duegraph ledger import`): the API's own data, never registry facts.

Every statement MERGEs on a constrained key (graph_schema/constraints.py), so re-importing an
export updates in place. Each import stamps what it wrote with its run (`import_run`); what a
newer full export no longer lists is then marked removed (`removed_at`, `status: 'removed'`),
kept with what was last known of it, and never counted as open again. Model:
graph_schema/ledger.py and docs/graph-model.md.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, LiteralString

from graph_schema.ledger import Client, DocumentKind, Invoice, cents, document_key
from graphapi.graph import Graph

WRITE_BATCH = 2000
GraphFactory = Callable[[], Graph]

UPSERT_LEDGER: LiteralString = """
MERGE (l:Ledger {key: $ledger})
SET l.imported_at = $now, l.import_run = $run, l.clients_file = $clients_file,
    l.invoices_file = $invoices_file
"""

# The company link is replaced, not added to: a client re-resolved to another company (a
# corrected registry number) must not keep its old link.
UPSERT_CLIENTS: LiteralString = """
UNWIND $rows AS row
MERGE (c:Client {key: row.key})
SET c += row.props, c.removed_at = null, c.status = 'active'
WITH c, row
CALL (c, row) {
  OPTIONAL MATCH (c)-[old:RESOLVES_TO]->(o:Company)
  WHERE row.company IS NULL OR o.key <> row.company
  DELETE old
}
CALL (c, row) {
  MATCH (co:Company {key: row.company})
  MERGE (c)-[r:RESOLVES_TO]->(co)
  SET r.resolution = row.props.resolution, r.import_run = row.props.import_run
}
RETURN count(c) AS written
"""

UPSERT_INVOICES: LiteralString = """
UNWIND $rows AS row
MATCH (c:Client {key: row.client})
MERGE (i:Invoice {key: row.key})
SET i += row.props, i.removed_at = null
WITH i, c
CALL (i, c) {
  OPTIONAL MATCH (i)-[old:BILLED_TO]->(o:Client)
  WHERE o <> c
  DELETE old
}
MERGE (i)-[:BILLED_TO]->(c)
RETURN count(i) AS written
"""

LINK_CREDITS: LiteralString = """
UNWIND $rows AS row
MATCH (n:Invoice {key: row.note})
CALL (n) {
  OPTIONAL MATCH (n)-[old:CREDITS]->(:Invoice)
  DELETE old
}
WITH n, row
MATCH (i:Invoice {key: row.invoice})
MERGE (n)-[:CREDITS]->(i)
RETURN count(n) AS linked
"""

MARK_REMOVED_INVOICES: LiteralString = """
MATCH (i:Invoice {ledger: $ledger})
WHERE i.import_run <> $run AND i.removed_at IS NULL
SET i.removed_at = $now, i.status = 'removed', i.open_amount = 0.0
RETURN count(i) AS removed
"""

MARK_REMOVED_CLIENTS: LiteralString = """
MATCH (c:Client {ledger: $ledger})
WHERE c.import_run <> $run AND c.removed_at IS NULL
SET c.removed_at = $now, c.status = 'removed'
RETURN count(c) AS removed
"""


def client_row(
    client: Client, run: str, company: str | None, resolution: str, reason: str | None
) -> dict[str, Any]:
    return {
        "key": client.key,
        "company": company,
        "props": {
            "ledger": client.ledger,
            "client_id": client.client_id,
            "name": client.name,
            "registry_number": client.registry_number,
            "scheme": client.scheme,
            "country": client.country,
            "payment_terms_days": client.payment_terms_days,
            "credit_limit": None if client.credit_limit is None else cents(client.credit_limit),
            "currency": client.currency,
            "sales_owner": client.sales_owner,
            "segment": client.segment,
            "company": company,
            "resolution": resolution,
            "resolution_reason": reason,
            "import_run": run,
            **client.source.props(),
        },
    }


def invoice_row(invoice: Invoice, run: str) -> dict[str, Any]:
    return {
        "key": invoice.key,
        "client": invoice.client_key,
        "props": {
            "ledger": invoice.ledger,
            "client_id": invoice.client_id,
            "number": invoice.number,
            "kind": invoice.kind.value,
            "issued_on": invoice.issued_on,
            "due_on": invoice.due_on,
            "amount": cents(invoice.amount),
            "currency": invoice.currency,
            "applies_to": invoice.applies_to,
            # Settlements as parallel lists (Neo4j has no list of maps on a node).
            "payment_dates": [p.on for p in invoice.payments],
            "payment_amounts": [cents(p.amount) for p in invoice.payments],
            "credit_numbers": [c.reference or "" for c in invoice.credits],
            "credit_dates": [c.on for c in invoice.credits],
            "credit_amounts": [cents(c.amount) for c in invoice.credits],
            "paid_amount": cents(invoice.paid()),
            "credited_amount": cents(invoice.credited()),
            "open_amount": cents(invoice.open_amount()),
            "status": invoice.status().value,
            "import_run": run,
            **invoice.source.props(),
        },
    }


async def upsert_ledger(
    graph: Graph, ledger: str, now: datetime, run: str, clients_file: str, invoices_file: str
) -> None:
    await graph.write(
        UPSERT_LEDGER,
        {"ledger": ledger, "now": now, "run": run, "clients_file": clients_file,
         "invoices_file": invoices_file},
    )  # fmt: skip


async def upsert_clients(graph_factory: GraphFactory, rows: Sequence[dict[str, Any]]) -> int:
    """Clients (rows of `client_row`) in batches, a fresh Graph (deadline) per batch."""
    written = 0
    for i in range(0, len(rows), WRITE_BATCH):
        batch = {"rows": list(rows[i : i + WRITE_BATCH])}
        records = await graph_factory().write(UPSERT_CLIENTS, batch)
        written += int(records[0]["written"]) if records else 0
    return written


async def upsert_invoices(
    graph_factory: GraphFactory, invoices: Sequence[Invoice], run: str
) -> int:
    """Invoices and credit notes, then the credit notes' links, a fresh Graph per batch."""
    written = 0
    for i in range(0, len(invoices), WRITE_BATCH):
        rows = [invoice_row(inv, run) for inv in invoices[i : i + WRITE_BATCH]]
        records = await graph_factory().write(UPSERT_INVOICES, {"rows": rows})
        written += int(records[0]["written"]) if records else 0
    notes = [
        {"note": inv.key, "invoice": document_key(inv.ledger, DocumentKind.INVOICE, inv.applies_to)}
        for inv in invoices
        if inv.kind is DocumentKind.CREDIT_NOTE and inv.applies_to
    ]
    for i in range(0, len(notes), WRITE_BATCH):
        await graph_factory().write(LINK_CREDITS, {"rows": notes[i : i + WRITE_BATCH]})
    return written


async def mark_removed(graph: Graph, ledger: str, run: str, now: datetime) -> tuple[int, int]:
    """(clients, invoices) of `ledger` that this run's export no longer lists."""
    params = {"ledger": ledger, "run": run, "now": now}
    invoices = await graph.write(MARK_REMOVED_INVOICES, params)
    clients = await graph.write(MARK_REMOVED_CLIENTS, params)
    return int(clients[0]["removed"]), int(invoices[0]["removed"])
