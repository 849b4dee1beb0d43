"""The firm's own ledger as canonical records: its clients and the invoices and credit notes it
billed them, with the payments received.

These are the firm's data, not a registry's: they sit beside the registry graph and never
change it. A client is linked to the registry company it is (`RESOLVES_TO`) when the import
could resolve it; its invoices hang off the client (`BILLED_TO`).

Graph model (docs/graph-model.md, "The firm's ledger"):

    (:Ledger {key: name})
    (:Client {key: "<ledger>|<client id>"})-[:RESOLVES_TO]->(:Company)
    (:Invoice {key: "<ledger>|invoice|<number>"})-[:BILLED_TO]->(:Client)
    (:Invoice {key: "<ledger>|credit_note|<number>"})-[:CREDITS]->(:Invoice)   (kind credit_note)

Keys carry the ledger's name, so two ledgers (two subsidiaries of the firm, two accounting
packages) never collide, and re-importing a newer export of the same ledger updates in place.

Money is `Decimal` in the document's currency (stored in Neo4j as a float rounded to the cent,
as Neo4j has no decimal type). Amounts are positive: a credit note's amount is what it credits.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, field_validator

LEDGER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
DEFAULT_LEDGER = "main"
CENT = Decimal("0.01")


class DocumentKind(StrEnum):
    INVOICE = "invoice"
    CREDIT_NOTE = "credit_note"


class DocumentStatus(StrEnum):
    """Where a document stands in the latest export that was imported."""

    OPEN = "open"  # something is still owed (or, for a credit note, still to be used)
    SETTLED = "settled"  # paid and/or credited in full
    REMOVED = "removed"  # no longer in the latest full export: never counted as open


class Resolution(StrEnum):
    """How a client row was matched to a registry company (the statuses of `screen`)."""

    OK = "OK"
    NOT_FOUND = "NOT_FOUND"
    MALFORMED_IDENTIFIER = "MALFORMED_IDENTIFIER"
    AMBIGUOUS = "AMBIGUOUS"
    NO_IDENTITY = "NO_IDENTITY"  # neither a registry number nor a name to look up


def check_ledger_name(name: str) -> str:
    if not LEDGER_NAME.match(name):
        raise ValueError(
            f"ledger name {name!r}: use 1-64 letters, digits, '.', '_' or '-' (e.g. main, fr-sub)"
        )
    return name


def client_key(ledger: str, client_id: str) -> str:
    return f"{ledger}|{client_id}"


def document_key(ledger: str, kind: DocumentKind, number: str) -> str:
    return f"{ledger}|{kind.value}|{number}"


def cents(amount: Decimal) -> float:
    """The stored form of an amount: a float rounded to the cent."""
    return float(amount.quantize(CENT))


class LedgerSource(BaseModel):
    """Provenance of a ledger record: the file (name only), its line, and the import run."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    file: str
    line: int
    imported_at: datetime

    def props(self) -> dict[str, object]:
        return {"source_file": self.file, "line": self.line, "imported_at": self.imported_at}


class Client(BaseModel):
    """One row of the client file."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    ledger: str
    client_id: str  # the firm's own account number for the client
    name: str | None = None
    registry_number: str | None = None  # as written: any spelling `screen` understands
    scheme: str | None = None  # the register the number is in, when a column says (GB-COH, KBO)
    country: str | None = None  # ISO code, for a name-only look-up or a bare number
    payment_terms_days: int | None = None  # days from invoice date to due date agreed
    credit_limit: Decimal | None = None
    currency: str | None = None  # the credit limit's currency (ISO 4217)
    sales_owner: str | None = None
    segment: str | None = None
    source: LedgerSource
    # As read back from the graph (set by the import, not by the files):
    company: str | None = None  # the registry company it resolved to (RESOLVES_TO)
    resolution: Resolution | None = None
    resolution_reason: str | None = None
    removed_at: datetime | None = None  # no longer in the latest client file

    @field_validator("ledger")
    @classmethod
    def _ledger(cls, v: str) -> str:
        return check_ledger_name(v)

    @property
    def key(self) -> str:
        return client_key(self.ledger, self.client_id)


class Settlement(BaseModel):
    """A payment received against an invoice, or a credit note applied to it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    on: date
    amount: Decimal  # > 0
    reference: str | None = None  # the credit note's number; a payment's reference if any
    line: int | None = None  # line of the ledger file that stated it


class Invoice(BaseModel):
    """An invoice (with the payments and credit notes that settle it) or a credit note.

    A credit note with `applies_to` reduces that invoice; without one it is a credit on the
    client's account (an open item of the client's, counted against its balance)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    ledger: str
    client_id: str
    number: str
    kind: DocumentKind = DocumentKind.INVOICE
    issued_on: date  # invoice (or credit note) date
    due_on: date | None = None  # invoices only
    amount: Decimal  # > 0
    currency: str
    payments: tuple[Settlement, ...] = ()
    credits: tuple[Settlement, ...] = ()  # credit notes applied to this invoice
    applies_to: str | None = None  # credit notes: the invoice number they credit
    source: LedgerSource
    # Set when a later full export no longer had it (DocumentStatus.REMOVED): it is kept, with
    # what was known of it, and never counted as open again.
    removed_at: datetime | None = None

    @property
    def key(self) -> str:
        return document_key(self.ledger, self.kind, self.number)

    @property
    def client_key(self) -> str:
        return client_key(self.ledger, self.client_id)

    def paid(self, as_of: date | None = None) -> Decimal:
        return sum((p.amount for p in self.payments if as_of is None or p.on <= as_of), Decimal(0))

    def credited(self, as_of: date | None = None) -> Decimal:
        return sum((c.amount for c in self.credits if as_of is None or c.on <= as_of), Decimal(0))

    def open_amount(self, as_of: date | None = None) -> Decimal:
        """What the client still owes on it at `as_of` (all known settlements when None);
        0 before it was issued; negative for an unapplied credit note (owed to the client)."""
        if self.removed_at is not None or (as_of is not None and self.issued_on > as_of):
            return Decimal(0)
        if self.kind is DocumentKind.CREDIT_NOTE:
            return -self.amount if self.applies_to is None else Decimal(0)
        return max(Decimal(0), self.amount - self.paid(as_of) - self.credited(as_of))

    def status(self) -> DocumentStatus:
        if self.removed_at is not None:
            return DocumentStatus.REMOVED
        return DocumentStatus.OPEN if self.open_amount() != 0 else DocumentStatus.SETTLED


class Account(BaseModel):
    """One client and its documents: what the payment analytics read for a company."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    client: Client
    invoices: tuple[Invoice, ...] = ()
