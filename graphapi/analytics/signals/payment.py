"""PAYMENT_BEHAVIOUR (docs/analytics.md §PAYMENT_BEHAVIOUR): how the target pays the firm, from
the firm's own ledger, beside what the registers say about it.

One signal per client account the target is (usually one), from
graphapi/analytics/payment.py: the average days beyond terms weighted by amount over the last
`payment.window_days`, the share of the open balance more than 60 and 90 days overdue, and
whether the overdue balance grew at each of the last quarter-ends. Evidence: the latest-paid
invoices (and those still unpaid past their due date), each a path invoice -> client -> company
with the ledger file and line it came from. A family of its own for the rating (`payment`): the
firm's experience agreeing with a registry signal is independent agreement. Never above 4:
paying late is a warning, not an insolvency.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import pairwise

from graph_schema.labels import RelType
from graph_schema.ledger import Account, Invoice
from graph_schema.signal_params import PaymentParams, SignalParams
from graphapi.analytics.inputs import DueDiligenceInput
from graphapi.analytics.model import SourceRef
from graphapi.analytics.payment import Behaviour, LatePayment, behaviour
from graphapi.analytics.signals.model import (
    EvidenceHop,
    EvidencePath,
    Signal,
    SignalKind,
)

MAX_EVIDENCE = 5
MAX_SEVERITY = 4


def _share(part: Decimal, whole: Decimal) -> float:
    return round(float(part / whole), 2) if whole > 0 else 0.0


def worsening(b: Behaviour, quarters: int) -> bool:
    """The overdue balance grew at each of the last `quarters` quarter-ends (and at as_of)."""
    points = [a.overdue for a in b.trend[-(quarters + 1) :]]
    return len(points) == quarters + 1 and all(x < y for x, y in pairwise(points))


def severity(b: Behaviour, p: PaymentParams) -> int:
    """The severity the figures earn before the trend (0: nothing to report)."""
    found = 0
    dbt = b.days_beyond_terms
    if dbt is not None and len(b.late) >= p.min_items:
        if dbt >= p.dbt_days_severe:
            found = 4
        elif dbt >= p.dbt_days_moderate:
            found = 3
        elif dbt >= p.dbt_days:
            found = 2
    gross = b.aged.gross
    over_60 = b.aged.buckets["61-90"] + b.aged.buckets["over_90"]
    if over_60 >= Decimal(str(p.aged_min_amount)) and gross > 0:
        if b.aged.buckets["over_90"] / gross >= Decimal(str(p.aged_share)):
            found = max(found, 4)
        elif over_60 / gross >= Decimal(str(p.aged_share)):
            found = max(found, 3)
    return found


def _evidence(
    account: Account, late: list[LatePayment], company_name: str | None
) -> tuple[EvidencePath, ...]:
    client = account.client
    by_number: dict[str, Invoice] = {i.number: i for i in account.invoices}
    paths = []
    for item in late[:MAX_EVIDENCE]:
        invoice = by_number[item.invoice]
        how = (
            f"unpaid {item.days_late} days after its due date"
            if item.open
            else f"paid {item.days_late} days after its due date"
        )
        detail = (
            f"invoice {invoice.number} of {invoice.issued_on}, due {invoice.due_on}: "
            f"{item.amount:,.2f} {invoice.currency} {how}"
        )
        ref = SourceRef(
            key=invoice.key,
            source=f"ledger:{invoice.ledger}",
            record_id=f"{invoice.source.file}:{invoice.source.line}",
            source_file=invoice.source.file,
            seen_at=invoice.source.imported_at.date(),
        )
        hops = (
            EvidenceHop(src=invoice.key, src_name=invoice.number, rel_type=RelType.BILLED_TO,
                        dst=client.key, dst_name=client.name, start=invoice.issued_on,
                        end=invoice.due_on, detail=detail, ref=ref),
            EvidenceHop(src=client.key, src_name=client.name, rel_type=RelType.RESOLVES_TO,
                        dst=client.company or "", dst_name=company_name,
                        detail=f"client {client.client_id} of ledger {client.ledger}"),
        )  # fmt: skip
        paths.append(EvidencePath(description=detail, hops=hops))
    return tuple(paths)


def _summary(b: Behaviour, p: PaymentParams, worse: bool) -> str:
    parts = []
    terms = f"its {b.payment_terms_days}-day terms" if b.payment_terms_days else "its due dates"
    if b.days_beyond_terms is not None and len(b.late) >= p.min_items:
        parts.append(
            f"pays us {float(b.days_beyond_terms):g} days beyond {terms} on average (weighted by "
            f"amount, {len(b.late)} payments and overdue invoices in the last "
            f"{p.window_days} days)"
        )
    gross = b.aged.gross
    over_60 = b.aged.buckets["61-90"] + b.aged.buckets["over_90"]
    if gross > 0 and over_60 > 0:
        parts.append(f"{_share(over_60, gross):.0%} of what it owes is more than 60 days overdue")
    if worse:
        parts.append(
            f"its overdue balance grew at each of the last {p.trend_quarters} quarter-ends"
        )
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def account_signal(
    account: Account, as_of: date, params: SignalParams, company_name: str | None = None
) -> Signal | None:
    """PAYMENT_BEHAVIOUR for one client account, or None when it pays within the thresholds."""
    p = params.payment
    b = behaviour(
        account.client,
        account.invoices,
        as_of,
        window_days=p.window_days,
        quarters=p.trend_quarters + 1,
    )
    found = severity(b, p)
    if found == 0:
        return None
    worse = worsening(b, p.trend_quarters)
    if worse:
        found = min(MAX_SEVERITY, found + 1)
    gross = b.aged.gross
    dated = [i.due_on for i in account.invoices if i.due_on and i.due_on <= as_of]
    return Signal(
        kind=SignalKind.PAYMENT_BEHAVIOUR,
        severity=found,
        summary=_summary(b, p, worse),
        entities=tuple(k for k in (account.client.company, account.client.key) if k),
        evidence=_evidence(account, b.late, company_name),
        params={
            "client": account.client.key,
            "payment_terms_days": b.payment_terms_days,
            "days_beyond_terms": None
            if b.days_beyond_terms is None
            else float(b.days_beyond_terms),
            "items": len(b.late),
            "overdue_share": float(b.overdue_share),
            "over_60_share": _share(b.aged.buckets["61-90"] + b.aged.buckets["over_90"], gross),
            "over_90_share": _share(b.aged.buckets["over_90"], gross),
            "dso": None if b.dso is None else float(b.dso),
            "worsening": worse,
            "window_days": p.window_days,
            "dbt_days": p.dbt_days,
        },
        date=max(dated, default=None),
    )


def payment_behaviour(data: DueDiligenceInput, as_of: date, params: SignalParams) -> list[Signal]:
    """PAYMENT_BEHAVIOUR for each client account the target is (none when not a client)."""
    name = next((c.name for c in data.companies if c.key == data.target), None)
    found = (account_signal(a, as_of, params, name) for a in data.ledger)
    return [s for s in found if s is not None]
