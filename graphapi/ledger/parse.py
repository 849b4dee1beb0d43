"""A ledger export (a client file and an invoice file) -> ledger records and the rows refused.

Pure: no database. Both files are read with `graphapi.batch.tables.read_table` (CSV in any
delimiter and encoding Excel writes, or .xlsx; header spellings in English, French and Dutch,
case- and accent-insensitive). Cells are read with `graphapi.ledger.values`.

The invoice file holds one row per document or movement, as an accounting package's ledger
export lists them, told apart by an optional `type` column:

- an **invoice** (type blank, `invoice`, `INV`, `facture`…): client, number, invoice date, due
  date (or the client's payment terms from the invoice date), amount, currency; optionally
  `paid_amount` with `paid_date` (one payment, as an open-items export shows it);
- a **credit note** (`credit note`, `CN`, `avoir`…, or a blank type with a negative amount):
  `applies_to` names the invoice it credits; without it, it is a credit on the client's account;
- a **payment** (`payment`, `PMT`, `receipt`, `règlement`…): the invoice it settles in
  `applies_to` (or, when that column is blank, in the number column), its date in `paid_date`
  or the date column, its amount in `paid_amount` or the amount column. Several payment rows
  for one invoice are partial payments.

Every row refused is a `Rejection` with file, line and reason, and the rest still imports; a
value that cannot be read in an optional client column (terms, limit, currency) is dropped and
reported as a warning (`kept`), the client itself being kept. Rules for refusals:

- client file: no client id; a client id seen on an earlier line (the first one is kept);
- invoice file: no client id, number, date or amount; a client id not in the client file (or
  refused there); an unreadable date or amount; a currency that differs from the invoice's
  (payments, credit notes); no due date and no payment terms to derive one; a second document
  of the same kind with the same number (the first is kept); a credit note larger than what
  remains of its invoice after earlier credit notes; a payment or credit note for an invoice
  that is not in the file, or that belongs to another client; a payment row whose own number
  (beside the invoice it applies to) was seen on an earlier line (the same receipt twice).
- warnings (kept): an invoice paid and credited beyond its amount (counted as settled).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from graph_schema.ledger import (
    Client,
    DocumentKind,
    Invoice,
    LedgerSource,
    Settlement,
    check_ledger_name,
)
from graphapi.batch.portfolio import ClientRow, country_code, parse_row
from graphapi.batch.tables import Row, Table, TableError, read_table
from graphapi.ledger.columns import (
    CLIENT_COLUMNS,
    CLIENTS_FORMAT,
    INVOICE_COLUMNS,
    INVOICES_FORMAT,
    RowType,
    payment_terms,
    row_type,
)
from graphapi.ledger.values import (
    CellError,
    DateOrder,
    currency_code,
    infer_date_order,
    parse_amount,
    parse_date,
)
from loaders.rejects import Location, Rejection


@dataclass
class ParsedLedger:
    """What the two files say, before resolution and writing."""

    ledger: str
    clients: list[Client] = field(default_factory=list)
    invoices: list[Invoice] = field(default_factory=list)  # invoices and credit notes
    rejections: list[Rejection] = field(default_factory=list)  # refused rows and warnings
    lookups: dict[str, ClientRow] = field(default_factory=dict)  # client id -> screen's look-up
    client_rows: int = 0
    invoice_rows: int = 0
    date_order: DateOrder = DateOrder.DMY

    @property
    def refused(self) -> list[Rejection]:
        return [r for r in self.rejections if not r.kept]


def _reject(
    table: Table, row: Row, reason: str, fmt: str, *, kept: bool = False, record: str | None = None
) -> Rejection:
    return Rejection(
        Location(str(table.path), row.line, record),
        reason,
        raw=table.record(row),
        format=fmt,
        kept=kept,
    )


def _money(amount: Decimal) -> str:
    return f"{amount:,.2f}"


def parse_clients(
    table: Table, ledger: str, imported_at: datetime
) -> tuple[list[Client], list[Rejection], dict[str, ClientRow]]:
    """Every client row: a Client (perhaps with warnings) or a refusal; and for each client
    id, the look-up `screen` would make of the row (graphapi/batch/portfolio.py `parse_row`)."""
    clients: list[Client] = []
    rejections: list[Rejection] = []
    lookups: dict[str, ClientRow] = {}
    seen: dict[str, int] = {}
    for row in table.rows:
        client_id = table.cell(row, "client_id")
        if not client_id:
            rejections.append(_reject(table, row, "no client id", CLIENTS_FORMAT))
            continue
        if client_id in seen:
            rejections.append(
                _reject(
                    table,
                    row,
                    f"duplicate client id {client_id!r} (first on line {seen[client_id]})",
                    CLIENTS_FORMAT,
                    record=client_id,
                )  # fmt: skip
            )
            continue
        seen[client_id] = row.line
        values: dict[str, object] = {}
        warnings: list[str] = []
        terms = table.cell(row, "payment_terms")
        if terms:
            try:
                values["payment_terms_days"] = payment_terms(terms)
            except CellError as exc:
                warnings.append(f"{exc}: kept without payment terms")
        currency = table.cell(row, "currency")
        if currency:
            try:
                values["currency"] = currency_code(currency)
            except CellError as exc:
                warnings.append(f"{exc}: kept without a currency")
        limit = table.cell(row, "credit_limit")
        if limit:
            try:
                amount = parse_amount(limit)
                values["credit_limit"] = amount.value
                if amount.currency and "currency" not in values:
                    values["currency"] = amount.currency
                elif amount.currency and amount.currency != values.get("currency"):
                    del values["credit_limit"]
                    warnings.append(
                        f"credit limit {limit!r} is in {amount.currency}, the client in "
                        f"{values.get('currency')}: kept without a credit limit"
                    )
            except CellError as exc:
                warnings.append(f"credit limit: {exc}: kept without a credit limit")
        raw_country = table.cell(row, "country")
        country = country_code(raw_country) if raw_country else None
        if raw_country and country is None and table.cell(row, "number"):
            # (without a number, the look-up itself is refused for it: reported once there)
            warnings.append(f"unknown country {raw_country!r}: kept without a country")
        lookups[client_id] = parse_row(table, row.line, row.values, table.record(row))
        client = Client(
            ledger=ledger,
            client_id=client_id,
            name=table.cell(row, "name") or None,
            registry_number=table.cell(row, "number") or None,
            scheme=table.cell(row, "scheme") or None,
            country=country,
            sales_owner=table.cell(row, "sales_owner") or None,
            segment=table.cell(row, "segment") or None,
            source=LedgerSource(file=table.path.name, line=row.line, imported_at=imported_at),
            **values,
        )
        clients.append(client)
        for warning in warnings:
            rejections.append(
                _reject(table, row, warning, CLIENTS_FORMAT, kept=True, record=client_id)
            )
    return clients, rejections, lookups


@dataclass
class _Doc:
    """An invoice or credit note while the file is read (settlements are added later)."""

    row: Row
    kind: DocumentKind
    client_id: str
    number: str
    issued_on: date
    due_on: date | None
    amount: Decimal
    currency: str
    applies_to: str | None
    payments: list[Settlement] = field(default_factory=list)
    credits: list[Settlement] = field(default_factory=list)


class _InvoiceReader:
    def __init__(
        self,
        table: Table,
        clients: dict[str, Client],
        order: DateOrder,
        default_currency: str | None,
    ) -> None:
        self.table = table
        self.clients = clients
        self.order = order
        self.default_currency = default_currency
        self.rejections: list[Rejection] = []
        self.docs: dict[tuple[DocumentKind, str], _Doc] = {}
        self.movements: list[tuple[RowType, Row, str, str, date, Decimal, str]] = []
        self.payment_numbers: dict[str, int] = {}  # a payment's own number -> its first line

    def reject(self, row: Row, reason: str, record: str | None = None) -> None:
        self.rejections.append(_reject(self.table, row, reason, INVOICES_FORMAT, record=record))

    def date(self, row: Row, column: str) -> date | None:
        text = self.table.cell(row, column)
        return parse_date(text, self.order) if text else None

    def read(self, row: Row) -> None:
        t = self.table
        client_id, number = t.cell(row, "client_id"), t.cell(row, "number")
        record = number or None
        raw_amount = t.cell(row, "amount")
        try:
            amount = parse_amount(raw_amount) if raw_amount else None
        except CellError as exc:
            self.reject(row, f"amount: {exc}", record)
            return
        kind = row_type(t.cell(row, "type"), amount.value if amount else None)
        if kind is None:
            self.reject(row, f"unknown document type {t.cell(row, 'type')!r}", record)
            return
        if not client_id:
            self.reject(row, "no client id", record)
            return
        if client_id not in self.clients:
            self.reject(row, f"unknown client id {client_id!r} (not in the client file)", record)
            return
        try:
            if kind is RowType.PAYMENT:
                self.payment(row, client_id, number, amount.value if amount else None)
            else:
                self.document(row, kind, client_id, number, amount.value if amount else None,
                              amount.currency if amount else None)  # fmt: skip
        except CellError as exc:
            self.reject(row, str(exc), record)

    def currency(self, row: Row, from_amount: str | None, client_id: str) -> str:
        column = self.table.cell(row, "currency")
        named = currency_code(column) if column else None
        if named and from_amount and named != from_amount:
            raise CellError(f"the amount is in {from_amount}, the currency column says {named}")
        found = named or from_amount or self.clients[client_id].currency or self.default_currency
        if found is None:
            raise CellError("no currency (add a currency column, or --currency)")
        return found

    def document(
        self,
        row: Row,
        kind: RowType,
        client_id: str,
        number: str,
        amount: Decimal | None,
        amount_currency: str | None,
    ) -> None:
        doc_kind = DocumentKind.CREDIT_NOTE if kind is RowType.CREDIT_NOTE else DocumentKind.INVOICE
        label = "credit note" if doc_kind is DocumentKind.CREDIT_NOTE else "invoice"
        if not number:
            raise CellError(f"no {label} number")
        if amount is None:
            raise CellError("no amount")
        issued = self.date(row, "invoice_date")
        if issued is None:
            raise CellError(f"no {label} date")
        if doc_kind is DocumentKind.INVOICE and amount <= 0:
            raise CellError(f"invoice amount {_money(amount)} is not positive")
        if amount == 0:
            raise CellError("credit note amount is 0")
        currency = self.currency(row, amount_currency, client_id)
        due = self.date(row, "due_date")
        if doc_kind is DocumentKind.INVOICE and due is None:
            terms = self.clients[client_id].payment_terms_days
            if terms is None:
                raise CellError("no due date, and the client has no payment terms")
            due = issued + timedelta(days=terms)
        if due is not None and due < issued:
            raise CellError(f"due date {due} is before the {label} date {issued}")
        key = (doc_kind, number)
        if key in self.docs:
            first = self.docs[key].row.line
            raise CellError(f"duplicate {label} number {number!r} (first on line {first})")
        applies_to = self.table.cell(row, "applies_to") or None
        is_invoice = doc_kind is DocumentKind.INVOICE
        self.docs[key] = _Doc(
            row, doc_kind, client_id, number, issued, due if is_invoice else None,
            abs(amount), currency, None if is_invoice else applies_to,
        )  # fmt: skip
        if doc_kind is DocumentKind.INVOICE:
            self.inline_payment(row, client_id, number, currency)

    def inline_payment(self, row: Row, client_id: str, number: str, currency: str) -> None:
        """`paid_amount` + `paid_date` on an invoice row: one payment of it."""
        raw_paid, raw_on = self.table.cell(row, "paid_amount"), self.table.cell(row, "paid_date")
        if not raw_paid and not raw_on:
            return
        paid = parse_amount(raw_paid) if raw_paid else None
        on = self.date(row, "paid_date")
        if paid is None or paid.value == 0:
            if on is not None and paid is None:
                raise CellError("payment date without a paid amount")
            return
        if on is None:
            raise CellError("paid amount without a payment date")
        paid_currency = paid.currency or currency
        self.movements.append(
            (RowType.PAYMENT, row, client_id, number, on, abs(paid.value), paid_currency)
        )

    def payment(self, row: Row, client_id: str, number: str, amount: Decimal | None) -> None:
        applies_to = self.table.cell(row, "applies_to")
        target = applies_to or number
        if not target:
            raise CellError("payment names no invoice (applies_to)")
        if applies_to and number:  # the payment's own number: the same receipt twice is refused
            if number in self.payment_numbers:
                first = self.payment_numbers[number]
                raise CellError(f"duplicate payment number {number!r} (first on line {first})")
            self.payment_numbers[number] = row.line
        raw_paid = self.table.cell(row, "paid_amount")
        paid = parse_amount(raw_paid).value if raw_paid else amount
        if paid is None or paid == 0:
            raise CellError("payment without an amount")
        on = self.date(row, "paid_date") or self.date(row, "invoice_date")
        if on is None:
            raise CellError("payment without a date")
        column = self.table.cell(row, "currency")
        currency = currency_code(column) if column else ""
        self.movements.append((RowType.PAYMENT, row, client_id, target, on, abs(paid), currency))

    def settle(self) -> None:
        """Payments, then credit notes, onto their invoices (the invoices of the whole file)."""
        for _, row, client_id, target, on, paid, currency in self.movements:
            invoice = self.docs.get((DocumentKind.INVOICE, target))
            problem = self.foreign(invoice, target, client_id, currency or None, "payment")
            if problem:
                self.reject(row, problem, target)
                continue
            assert invoice is not None
            invoice.payments.append(Settlement(on=on, amount=paid, line=row.line))
        notes = sorted(
            (d for d in self.docs.values() if d.kind is DocumentKind.CREDIT_NOTE and d.applies_to),
            key=lambda d: (d.issued_on, d.row.line),
        )
        for note in notes:
            assert note.applies_to is not None
            invoice = self.docs.get((DocumentKind.INVOICE, note.applies_to))
            problem = self.foreign(
                invoice,
                note.applies_to,
                note.client_id,
                note.currency,
                f"credit note {note.number!r}",
            )
            if problem is None:
                assert invoice is not None
                room = invoice.amount - sum((c.amount for c in invoice.credits), Decimal(0))
                if note.amount > room:
                    already = invoice.amount - room
                    problem = (
                        f"credit note {note.number!r} of {_money(note.amount)} is larger than "
                        f"invoice {invoice.number!r} ({_money(invoice.amount)}"
                        + (f", {_money(already)} already credited" if already else "")
                        + ")"
                    )
            if problem:
                self.reject(note.row, problem, note.number)
                del self.docs[(DocumentKind.CREDIT_NOTE, note.number)]
                continue
            assert invoice is not None
            invoice.credits.append(
                Settlement(on=note.issued_on, amount=note.amount, reference=note.number,
                           line=note.row.line)
            )  # fmt: skip
        self.overpaid()

    def overpaid(self) -> None:
        """An invoice paid and credited beyond its amount (a payment made twice, a rebate
        paid back): kept as the file says, with a warning, and counted as settled."""
        for doc in self.docs.values():
            settled = sum((s.amount for s in (*doc.payments, *doc.credits)), Decimal(0))
            if doc.kind is DocumentKind.INVOICE and settled > doc.amount:
                self.rejections.append(
                    _reject(
                        self.table,
                        doc.row,
                        f"invoice {doc.number!r} of {_money(doc.amount)} is paid and credited "
                        f"{_money(settled)}: kept, {_money(settled - doc.amount)} overpaid",
                        INVOICES_FORMAT,
                        kept=True,
                        record=doc.number,
                    )  # fmt: skip
                )

    @staticmethod
    def foreign(
        invoice: _Doc | None, target: str, client_id: str, currency: str | None, what: str
    ) -> str | None:
        if invoice is None:
            return f"{what} for invoice {target!r}, which is not in the file"
        if invoice.client_id != client_id:
            return (
                f"{what} for invoice {target!r} of client {invoice.client_id!r}, "
                f"not of {client_id!r}"
            )
        if currency and currency != invoice.currency:
            return f"{what} in {currency} for invoice {target!r} in {invoice.currency}"
        return None


def parse_invoices(
    table: Table,
    ledger: str,
    clients: list[Client],
    imported_at: datetime,
    order: DateOrder = DateOrder.AUTO,
    default_currency: str | None = None,
) -> tuple[list[Invoice], list[Rejection], DateOrder]:
    if order is DateOrder.AUTO:
        cells = (
            table.cell(row, c)
            for row in table.rows
            for c in ("invoice_date", "due_date", "paid_date")
        )
        order = infer_date_order(cells)
    reader = _InvoiceReader(table, {c.client_id: c for c in clients}, order, default_currency)
    for row in table.rows:
        reader.read(row)
    reader.settle()
    invoices = [
        Invoice(
            ledger=ledger,
            client_id=d.client_id,
            number=d.number,
            kind=d.kind,
            issued_on=d.issued_on,
            due_on=d.due_on,
            amount=d.amount,
            currency=d.currency,
            payments=tuple(sorted(d.payments, key=lambda s: (s.on, s.line or 0))),
            credits=tuple(sorted(d.credits, key=lambda s: (s.on, s.line or 0))),
            applies_to=d.applies_to,
            source=LedgerSource(file=table.path.name, line=d.row.line, imported_at=imported_at),
        )
        for d in sorted(reader.docs.values(), key=lambda d: d.row.line)
    ]
    rejections = sorted(reader.rejections, key=lambda r: r.location.line or 0)
    return invoices, rejections, order


def parse_ledger(
    clients_path: Path,
    invoices_path: Path,
    ledger: str,
    imported_at: datetime,
    *,
    order: DateOrder = DateOrder.AUTO,
    default_currency: str | None = None,
) -> ParsedLedger:
    """Read both files; raises `graphapi.batch.tables.TableError` for a file that is not a
    table at all (no known column), never for a bad row."""
    check_ledger_name(ledger)
    client_table = read_table(clients_path, CLIENT_COLUMNS)
    invoice_table = read_table(invoices_path, INVOICE_COLUMNS)
    needs = (
        (client_table, ("client_id",)),
        (invoice_table, ("client_id", "number", "invoice_date", "amount")),
    )
    for table, needed in needs:
        missing = [c for c in needed if c not in table.columns]
        if missing:
            raise TableError(
                f"{table.path}: no {', '.join(missing)} column in {list(table.header)}"
            )
    clients, client_rejections, lookups = parse_clients(client_table, ledger, imported_at)
    invoices, invoice_rejections, used = parse_invoices(
        invoice_table, ledger, clients, imported_at, order, default_currency
    )
    return ParsedLedger(
        ledger=ledger,
        clients=clients,
        invoices=invoices,
        rejections=[*client_rejections, *invoice_rejections],
        lookups=lookups,
        client_rows=len(client_table.rows),
        invoice_rows=len(invoice_table.rows),
        date_order=used,
    )
