"""Reading the firm's ledger: every ledger read in Cypher lives here, parameterised and batched
by key (one round trip per question, whatever the number of clients).

Rows come back as the canonical records of graph_schema/ledger.py (`Client` with how it
resolved, `Invoice` with its payments and credit notes), so the pure analytics
(graphapi/analytics/payment.py) and the callers above them see the same types the import wrote.
Removed clients and documents (no longer in the latest export) are returned with `removed_at`
set; the analytics never count them as open.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, LiteralString

from graph_schema.ledger import (
    CENT,
    Account,
    Client,
    DocumentKind,
    Invoice,
    LedgerSource,
    Resolution,
    Settlement,
)
from graphapi.graph import Graph

LEDGERS: LiteralString = """
MATCH (l:Ledger)
RETURN l.key AS ledger, l.imported_at AS imported_at, l.clients_file AS clients_file,
       l.invoices_file AS invoices_file
ORDER BY l.key
"""

CLIENTS_BY_KEY: LiteralString = """
UNWIND $keys AS key
MATCH (c:Client {key: key})
RETURN properties(c) AS client
"""

CLIENTS_OF_LEDGER: LiteralString = """
MATCH (c:Client {ledger: $ledger})
WHERE $include_removed OR c.removed_at IS NULL
RETURN properties(c) AS client
ORDER BY c.client_id
"""

# The clients (of any ledger, or of one) that are each company: usually one, several when the
# firm keeps two accounts for one company or two ledgers bill it.
CLIENTS_OF_COMPANIES: LiteralString = """
UNWIND $keys AS key
MATCH (:Company {key: key})<-[:RESOLVES_TO]-(c:Client)
WHERE c.removed_at IS NULL AND ($ledger IS NULL OR c.ledger = $ledger)
WITH key, c ORDER BY c.key
RETURN key, collect(properties(c)) AS clients
"""

INVOICES_OF_CLIENTS: LiteralString = """
UNWIND $keys AS key
MATCH (:Client {key: key})<-[:BILLED_TO]-(i:Invoice)
WITH key, i ORDER BY i.issued_on, i.key
RETURN key, collect(properties(i)) AS invoices
"""

# The same documents as INVOICES_OF_CLIENTS (whose full property maps the neighbourhood's seed
# step still reads), each as a list of exactly the fields an `Invoice` holds, in the order
# `InvoiceReader.invoice` unpacks them, dates and times as ISO strings. The driver turns a
# native date or time into an object at a high cost each: at 10,000 clients and 121,545
# documents these rows take 4 s to receive against 14 s for the maps (docs/benchmarks.md).
INVOICE_ROWS_OF_CLIENTS: LiteralString = """
UNWIND $keys AS key
MATCH (:Client {key: key})<-[:BILLED_TO]-(i:Invoice)
WITH key, i ORDER BY i.issued_on, i.key
RETURN key, collect([
  i.ledger, i.client_id, i.number, i.kind, toString(i.issued_on), toString(i.due_on), i.amount,
  i.currency, [d IN i.payment_dates | toString(d)], i.payment_amounts,
  [d IN i.credit_dates | toString(d)], i.credit_amounts, i.credit_numbers, i.applies_to,
  i.source_file, i.line, toString(i.imported_at), toString(i.removed_at)
]) AS invoices
"""


def _money(value: Any) -> Decimal:
    """A stored amount (a float rounded to the cent) as the Decimal it was written from."""
    return Decimal(str(value)).quantize(CENT)


def _source(props: dict[str, Any]) -> LedgerSource:
    return LedgerSource(
        file=props.get("source_file") or "",
        line=int(props.get("line") or 0),
        imported_at=props["imported_at"],
    )


def client_from_props(props: dict[str, Any]) -> Client:
    resolution = props.get("resolution")
    return Client(
        ledger=props["ledger"],
        client_id=props["client_id"],
        name=props.get("name"),
        registry_number=props.get("registry_number"),
        scheme=props.get("scheme"),
        country=props.get("country"),
        payment_terms_days=props.get("payment_terms_days"),
        credit_limit=None if props.get("credit_limit") is None else _money(props["credit_limit"]),
        currency=props.get("currency"),
        sales_owner=props.get("sales_owner"),
        segment=props.get("segment"),
        source=_source(props),
        company=props.get("company"),
        resolution=Resolution(resolution) if resolution else None,
        resolution_reason=props.get("resolution_reason"),
        removed_at=props.get("removed_at"),
    )


def _settlements(
    dates: list[date] | None, amounts: list[float] | None, refs: list[str] | None = None
) -> tuple[Settlement, ...]:
    refs = refs or [""] * len(dates or [])
    return tuple(
        Settlement(on=on, amount=_money(amount), reference=ref or None)
        for on, amount, ref in zip(dates or [], amounts or [], refs, strict=True)
    )


def invoice_from_props(props: dict[str, Any]) -> Invoice:
    return Invoice(
        ledger=props["ledger"],
        client_id=props["client_id"],
        number=props["number"],
        kind=DocumentKind(props["kind"]),
        issued_on=props["issued_on"],
        due_on=props.get("due_on"),
        amount=_money(props["amount"]),
        currency=props["currency"],
        payments=_settlements(props.get("payment_dates"), props.get("payment_amounts")),
        credits=_settlements(
            props.get("credit_dates"), props.get("credit_amounts"), props.get("credit_numbers")
        ),
        applies_to=props.get("applies_to"),
        source=_source(props),
        removed_at=props.get("removed_at"),
    )


class InvoiceReader:
    """Rows of INVOICE_ROWS_OF_CLIENTS as `Invoice`s, built without validating again: every
    field is converted here to the type the model declares, exactly as `invoice_from_props`
    and pydantic would (tests/graph/ledger/test_portfolio_read.py compares the two). The
    documents were validated by the import before they were written. Dates and times repeat
    across a ledger, so each distinct string is parsed once."""

    def __init__(self) -> None:
        self._dates: dict[str, date] = {}
        self._times: dict[str, datetime] = {}

    def day(self, text: str) -> date:
        found = self._dates.get(text)
        if found is None:
            found = self._dates[text] = date.fromisoformat(text)
        return found

    def instant(self, text: str) -> datetime:
        found = self._times.get(text)
        if found is None:
            found = self._times[text] = parse_instant(text)
        return found

    def settlements(
        self, dates: list[str] | None, amounts: list[float] | None, refs: list[str] | None
    ) -> tuple[Settlement, ...]:
        if not dates:
            return ()
        refs = refs or [""] * len(dates)
        return tuple(
            Settlement.model_construct(
                on=self.day(on), amount=_money(amount), reference=ref or None, line=None
            )
            for on, amount, ref in zip(dates, amounts or [], refs, strict=True)
        )

    def invoice(self, row: list[Any]) -> Invoice:
        (ledger, client_id, number, kind, issued_on, due_on, amount, currency, payment_dates,
         payment_amounts, credit_dates, credit_amounts, credit_numbers, applies_to, source_file,
         line, imported_at, removed_at) = row  # fmt: skip
        return Invoice.model_construct(
            ledger=ledger,
            client_id=client_id,
            number=number,
            kind=DocumentKind(kind),
            issued_on=self.day(issued_on),
            due_on=None if due_on is None else self.day(due_on),
            amount=_money(amount),
            currency=currency,
            payments=self.settlements(payment_dates, payment_amounts, None),
            credits=self.settlements(credit_dates, credit_amounts, credit_numbers),
            applies_to=applies_to,
            source=LedgerSource.model_construct(
                file=source_file or "", line=int(line or 0), imported_at=self.instant(imported_at)
            ),
            removed_at=None if removed_at is None else self.instant(removed_at),
        )


def parse_instant(text: str) -> datetime:
    """A Neo4j DateTime's string form (`2026-01-01T00:00:00Z`, `...T10:00:00.123456789+02:00`)
    as an aware datetime, to the microsecond as the driver gives it. A named zone
    (`...[Europe/Paris]`) keeps its offset, the same instant."""
    text = text.split("[", 1)[0]
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    match = _FRACTION.search(text)
    if match:
        text = text[: match.start()] + "." + match.group(1)[:6].ljust(6, "0") + text[match.end() :]
    return datetime.fromisoformat(text)


_FRACTION = re.compile(r"\.(\d+)(?=[+-]\d\d:\d\d$)")


def accounts_from_rows(rows: list[dict[str, Any]]) -> tuple[Account, ...]:
    """`{client: props, invoices: [props]}` rows (the neighbourhood's seed step) as accounts."""
    return tuple(
        Account(
            client=client_from_props(r["client"]),
            invoices=tuple(
                sorted(
                    (invoice_from_props(p) for p in r["invoices"]),
                    key=lambda i: (i.issued_on, i.key),
                )
            ),
        )
        for r in rows
    )


async def ledgers(graph: Graph) -> list[dict[str, Any]]:
    """Every ledger imported: name, last import time, the files it came from."""
    return await graph.read(LEDGERS, {})


async def clients_by_key(graph: Graph, keys: Sequence[str]) -> dict[str, Client]:
    """Clients by key (`<ledger>|<client id>`); a key that is not there is left out."""
    records = await graph.read(CLIENTS_BY_KEY, {"keys": list(keys)})
    clients = [client_from_props(r["client"]) for r in records]
    return {c.key: c for c in clients}


async def clients_of_ledger(
    graph: Graph, ledger: str, *, include_removed: bool = False
) -> list[Client]:
    """Every client of a ledger, by client id (removed ones only when asked)."""
    records = await graph.read(
        CLIENTS_OF_LEDGER, {"ledger": ledger, "include_removed": include_removed}
    )
    return [client_from_props(r["client"]) for r in records]


async def clients_of_companies(
    graph: Graph, company_keys: Sequence[str], ledger: str | None = None
) -> dict[str, list[Client]]:
    """The current clients each company is (every key gets a possibly empty list)."""
    out: dict[str, list[Client]] = {k: [] for k in company_keys}
    if not company_keys:
        return out
    records = await graph.read(
        CLIENTS_OF_COMPANIES, {"keys": list(dict.fromkeys(company_keys)), "ledger": ledger}
    )
    for r in records:
        out[r["key"]] = [client_from_props(p) for p in r["clients"]]
    return out


async def invoices_of_clients(graph: Graph, client_keys: Sequence[str]) -> dict[str, list[Invoice]]:
    """Each client's invoices and credit notes, removed ones included (`removed_at` set),
    by issue date; every key gets a possibly empty list."""
    out: dict[str, list[Invoice]] = {k: [] for k in client_keys}
    if not client_keys:
        return out
    keys = list(dict.fromkeys(client_keys))
    reader = InvoiceReader()
    for key, rows in await graph.read_values(INVOICE_ROWS_OF_CLIENTS, {"keys": keys}):
        out[key] = [reader.invoice(row) for row in rows]
    return out
