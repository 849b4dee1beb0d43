"""The firm's own payment experience with a client: pure functions over ledger records
(graph_schema/ledger.py), no database.

- `open_balance` / `exposure`: what the client owes at a date (open invoices less unapplied
  credit notes), its overdue part, against its credit limit;
- `aged_balance`: the open balance by age past the due date (not due, 1-30, 31-60, 61-90,
  over 90 days), and `aged_trend` the same at the last quarter-ends;
- `days_beyond_terms`: average days paid after the due date, weighted by amount;
- `dso`: days sales outstanding towards us;
- `behaviour`: all of the above for one client, what the PAYMENT_BEHAVIOUR signal reads.

Conventions (docs/analytics.md, "Payment behaviour"): a document is counted from its issue
date; a payment or credit note counts from its own date, so every figure can be asked "as of"
any past date; removed documents (no longer in the latest export) are never open. Amounts of
different currencies are never added: each figure is in the client's currency (its credit
limit's, else that of most of its invoices) and documents in another currency are left out of
it and counted in `other_currency_documents`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from graph_schema.ledger import CENT, Client, DocumentKind, Invoice

BUCKETS: tuple[str, ...] = ("not_due", "1-30", "31-60", "61-90", "over_90")
_BUCKET_UPPER = ((0, "not_due"), (30, "1-30"), (60, "31-60"), (90, "61-90"))
ZERO = Decimal(0)


def bucket_of(days_overdue: int) -> str:
    """The age bucket of an item `days_overdue` days past its due date (<= 0: not due)."""
    for upper, name in _BUCKET_UPPER:
        if days_overdue <= upper:
            return name
    return "over_90"


def client_currency(client: Client | None, invoices: Sequence[Invoice]) -> str | None:
    """The currency a client's figures are stated in (see the module docstring)."""
    if client is not None and client.currency:
        return client.currency
    counts = Counter(i.currency for i in invoices if i.kind is DocumentKind.INVOICE)
    return min(counts, key=lambda c: (-counts[c], c)) if counts else None


def _in(invoices: Sequence[Invoice], currency: str | None) -> list[Invoice]:
    return [i for i in invoices if currency is None or i.currency == currency]


@dataclass(frozen=True)
class OpenItem:
    """An invoice with something still owed on it at `as_of`."""

    invoice: Invoice
    open: Decimal
    days_overdue: int  # as_of - due date (<= 0: not yet due)

    @property
    def bucket(self) -> str:
        return bucket_of(self.days_overdue)


def open_items(invoices: Sequence[Invoice], as_of: date) -> list[OpenItem]:
    """The invoices open at `as_of`, most overdue first."""
    items = []
    for i in invoices:
        if i.kind is not DocumentKind.INVOICE:
            continue
        owed = i.open_amount(as_of)
        if owed > 0:
            due = i.due_on or i.issued_on
            items.append(OpenItem(i, owed, (as_of - due).days))
    return sorted(items, key=lambda x: (-x.days_overdue, x.invoice.number))


def unapplied_credit(invoices: Sequence[Invoice], as_of: date) -> Decimal:
    """Credit notes issued by `as_of` that name no invoice: owed back to the client."""
    return -sum(
        (i.open_amount(as_of) for i in invoices if i.kind is DocumentKind.CREDIT_NOTE), ZERO
    )


@dataclass(frozen=True)
class AgedBalance:
    as_of: date
    currency: str | None
    buckets: dict[str, Decimal]  # every name of BUCKETS
    unapplied_credit: Decimal = ZERO

    @property
    def gross(self) -> Decimal:
        return sum(self.buckets.values(), ZERO)

    @property
    def total(self) -> Decimal:
        """The open balance: open invoices less unapplied credit notes."""
        return self.gross - self.unapplied_credit

    @property
    def overdue(self) -> Decimal:
        return sum((v for k, v in self.buckets.items() if k != "not_due"), ZERO)


def aged_balance(
    invoices: Sequence[Invoice], as_of: date, currency: str | None = None
) -> AgedBalance:
    """The open balance at `as_of` by age bucket (documents in `currency` only, when given)."""
    docs = _in(invoices, currency)
    buckets = dict.fromkeys(BUCKETS, ZERO)
    for item in open_items(docs, as_of):
        buckets[item.bucket] += item.open
    return AgedBalance(as_of, currency, buckets, unapplied_credit(docs, as_of))


def quarter_ends(as_of: date, quarters: int) -> list[date]:
    """`as_of` and the last `quarters - 1` calendar quarter-ends before it, oldest first."""
    ends = [as_of]
    q_start = date(as_of.year, 3 * ((as_of.month - 1) // 3) + 1, 1)
    while len(ends) < quarters:
        end = q_start - timedelta(days=1)
        ends.append(end)
        q_start = date(end.year, 3 * ((end.month - 1) // 3) + 1, 1)
    return sorted(ends)


def aged_trend(
    invoices: Sequence[Invoice], as_of: date, quarters: int = 4, currency: str | None = None
) -> list[AgedBalance]:
    """The aged balance at the last quarter-ends and at `as_of`, oldest first."""
    return [aged_balance(invoices, end, currency) for end in quarter_ends(as_of, quarters)]


@dataclass(frozen=True)
class Exposure:
    """What a client owes the firm at a date, in its currency, against its credit limit."""

    client: str  # client key
    company: str | None
    as_of: date
    currency: str | None
    open: Decimal  # open invoices less unapplied credit notes
    overdue: Decimal
    credit_limit: Decimal | None
    other_currency_documents: int = 0

    @property
    def over_limit(self) -> Decimal | None:
        """How far the open balance exceeds the limit (0 within it; None without a limit)."""
        if self.credit_limit is None:
            return None
        return max(ZERO, self.open - self.credit_limit)


def exposure(client: Client, invoices: Sequence[Invoice], as_of: date) -> Exposure:
    """Open exposure of one client at `as_of` (its documents as read from the ledger)."""
    currency = client_currency(client, invoices)
    aged = aged_balance(invoices, as_of, currency)
    others = sum(1 for i in invoices if currency is not None and i.currency != currency)
    return Exposure(
        client=client.key,
        company=client.company,
        as_of=as_of,
        currency=currency,
        open=aged.total,
        overdue=aged.overdue,
        credit_limit=client.credit_limit,
        other_currency_documents=others,
    )


@dataclass(frozen=True)
class LatePayment:
    """One amount settled by payment, and how late (negative: early) it came."""

    invoice: str
    amount: Decimal
    days_late: int
    open: bool = False  # still unpaid at as_of, counted as late until then


def late_payments(
    invoices: Sequence[Invoice], as_of: date, since: date | None = None
) -> list[LatePayment]:
    """Every payment received by `as_of` (on invoices issued since `since`), and every amount
    still unpaid past its due date, counted as late until `as_of`: a client who stops paying
    does not look punctual."""
    out = []
    for i in invoices:
        if i.kind is not DocumentKind.INVOICE or i.due_on is None or i.issued_on > as_of:
            continue
        if since is not None and i.issued_on < since:
            continue
        for p in i.payments:
            if p.on <= as_of:
                out.append(LatePayment(i.number, p.amount, (p.on - i.due_on).days))
        owed = i.open_amount(as_of)
        if owed > 0 and as_of > i.due_on:
            out.append(LatePayment(i.number, owed, (as_of - i.due_on).days, open=True))
    return out


def days_beyond_terms(payments: Sequence[LatePayment]) -> Decimal | None:
    """Average days beyond terms weighted by amount; an early payment counts as 0 (paying
    early does not buy back paying late elsewhere). None without any amount."""
    weight = sum((p.amount for p in payments), ZERO)
    if weight <= 0:
        return None
    late = sum((p.amount * max(0, p.days_late) for p in payments), ZERO)
    return (late / weight).quantize(Decimal("0.1"))


def dso(invoices: Sequence[Invoice], as_of: date, period_days: int = 90) -> Decimal | None:
    """Days sales outstanding towards us: the open balance at `as_of` over what was invoiced
    in the `period_days` before it, times the period. None when nothing was invoiced then."""
    start = as_of - timedelta(days=period_days)
    sales = sum(
        (
            i.amount
            for i in invoices
            if i.kind is DocumentKind.INVOICE and start < i.issued_on <= as_of
        ),
        ZERO,
    )
    if sales <= 0:
        return None
    balance = aged_balance(invoices, as_of).total
    return (max(ZERO, balance) / sales * period_days).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class Behaviour:
    """A client's payment behaviour at a date, in its currency."""

    client: str
    company: str | None
    as_of: date
    currency: str | None
    payment_terms_days: int | None
    days_beyond_terms: Decimal | None
    paid_amount: Decimal  # amount weighed in days_beyond_terms (payments and open overdue)
    aged: AgedBalance
    trend: list[AgedBalance] = field(default_factory=list)  # oldest quarter-end first
    dso: Decimal | None = None
    late: list[LatePayment] = field(default_factory=list)  # the evidence, most late first

    @property
    def overdue_share(self) -> Decimal:
        gross = self.aged.gross
        return (self.aged.overdue / gross).quantize(CENT) if gross > 0 else ZERO


def behaviour(
    client: Client,
    invoices: Sequence[Invoice],
    as_of: date,
    *,
    window_days: int = 365,
    quarters: int = 4,
) -> Behaviour:
    """Payment behaviour of one client at `as_of`, over invoices issued in the last
    `window_days` (the aged balance and the trend cover every open invoice)."""
    currency = client_currency(client, invoices)
    docs = _in(invoices, currency)
    recent = late_payments(docs, as_of, since=as_of - timedelta(days=window_days))
    return Behaviour(
        client=client.key,
        company=client.company,
        as_of=as_of,
        currency=currency,
        payment_terms_days=client.payment_terms_days,
        days_beyond_terms=days_beyond_terms(recent),
        paid_amount=sum((p.amount for p in recent), ZERO),
        aged=aged_balance(docs, as_of, currency),
        trend=aged_trend(docs, as_of, quarters, currency),
        dso=dso(docs, as_of),
        late=sorted(recent, key=lambda p: (-p.days_late, p.invoice)),
    )
