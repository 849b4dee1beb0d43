"""Payment behaviour from the firm's ledger: pure functions, hand-built ledgers."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from graph_schema.ledger import Account, Client, DocumentKind, Invoice, LedgerSource, Settlement
from graph_schema.signal_params import SignalParams
from graphapi.analytics.payment import (
    aged_balance,
    aged_trend,
    behaviour,
    bucket_of,
    days_beyond_terms,
    dso,
    exposure,
    late_payments,
    quarter_ends,
)
from graphapi.analytics.signals.model import Family, SignalKind
from graphapi.analytics.signals.payment import account_signal

AS_OF = date(2026, 6, 30)
SRC = LedgerSource(file="invoices.csv", line=2, imported_at=datetime(2026, 6, 30, tzinfo=UTC))
CLIENT = Client(
    ledger="main", client_id="K1", name="Solo Widgets Ltd", payment_terms_days=30,
    credit_limit=Decimal(10000), currency="EUR", company="GB-COH-20000003",
    source=SRC.model_copy(update={"file": "clients.csv"}),
)  # fmt: skip


def inv(
    number: str,
    issued: date,
    amount: str,
    *,
    paid: tuple[tuple[date, str], ...] = (),
    credits: tuple[tuple[date, str], ...] = (),
    currency: str = "EUR",
    removed: bool = False,
    line: int = 2,
) -> Invoice:
    return Invoice(
        ledger="main", client_id="K1", number=number, issued_on=issued,
        due_on=issued + timedelta(days=30), amount=Decimal(amount), currency=currency,
        payments=tuple(Settlement(on=d, amount=Decimal(a)) for d, a in paid),
        credits=tuple(Settlement(on=d, amount=Decimal(a), reference="CN") for d, a in credits),
        source=SRC.model_copy(update={"line": line}),
        removed_at=datetime(2026, 6, 1, tzinfo=UTC) if removed else None,
    )  # fmt: skip


def note(number: str, issued: date, amount: str) -> Invoice:
    return Invoice(
        ledger="main", client_id="K1", number=number, kind=DocumentKind.CREDIT_NOTE,
        issued_on=issued, amount=Decimal(amount), currency="EUR", source=SRC,
    )  # fmt: skip


def test_buckets() -> None:
    assert [bucket_of(d) for d in (-5, 0, 1, 30, 31, 60, 61, 90, 91, 400)] == [
        "not_due", "not_due", "1-30", "1-30", "31-60", "31-60", "61-90", "61-90", "over_90",
        "over_90",
    ]  # fmt: skip


def test_aged_balance_at_a_date_counts_what_was_open_then() -> None:
    docs = [
        # due 2026-06-20: 10 days overdue, 400 paid on, 100 credited: 500 open
        inv("A", date(2026, 5, 21), "1000", paid=((date(2026, 6, 25), "400"),),
            credits=((date(2026, 6, 1), "100"),)),
        inv("B", date(2026, 2, 1), "2000"),  # due 2026-03-03: 119 days overdue
        inv("C", date(2026, 6, 15), "300"),  # not due
        inv("D", date(2026, 4, 15), "700", paid=((date(2026, 5, 30), "700"),)),  # settled
        inv("E", date(2026, 1, 1), "9999", removed=True),  # gone from the export: never open
        inv("F", date(2026, 7, 5), "50"),  # issued after as_of
        note("CN9", date(2026, 6, 10), "80"),  # on account
    ]  # fmt: skip
    aged = aged_balance(docs, AS_OF)
    assert aged.buckets == {
        "not_due": Decimal(300), "1-30": Decimal(500), "31-60": 0, "61-90": 0,
        "over_90": Decimal(2000),
    }  # fmt: skip
    assert (aged.gross, aged.unapplied_credit, aged.total, aged.overdue) == (
        Decimal(2800), Decimal(80), Decimal(2720), Decimal(2500),
    )  # fmt: skip
    # A month earlier A was not due, D was open and 400 not yet paid.
    earlier = aged_balance(docs, date(2026, 5, 25))
    assert (earlier.buckets["not_due"], earlier.buckets["1-30"]) == (Decimal(1000), Decimal(700))
    assert earlier.unapplied_credit == 0


def test_days_beyond_terms_weighs_by_amount_and_counts_what_is_still_unpaid() -> None:
    docs = [
        inv("A", date(2026, 1, 1), "1000", paid=((date(2026, 2, 10), "1000"),)),  # 10 days late
        inv("B", date(2026, 2, 1), "3000", paid=((date(2026, 4, 2), "3000"),)),  # 30 days late
        inv("C", date(2026, 3, 1), "500", paid=((date(2026, 3, 20), "500"),)),  # early: 0
        inv("D", date(2026, 5, 1), "500"),  # due 2026-05-31, unpaid: 30 days late at as_of
    ]
    late = late_payments(docs, AS_OF)
    assert sorted((p.invoice, p.days_late, p.open) for p in late) == [
        ("A", 10, False), ("B", 30, False), ("C", -11, False), ("D", 30, True),
    ]  # fmt: skip
    # (1000*10 + 3000*30 + 500*0 + 500*30) / 5000
    assert days_beyond_terms(late) == Decimal("23.0")
    assert days_beyond_terms([]) is None


def test_dso_is_the_open_balance_over_recent_sales() -> None:
    docs = [inv("A", date(2026, 5, 1), "3000"), inv("B", date(2026, 6, 1), "6000",
            paid=((date(2026, 6, 20), "6000"),)), inv("C", date(2025, 1, 1), "100")]  # fmt: skip
    # open 3100 over 9000 invoiced in the 90 days before 2026-06-30, times 90
    assert dso(docs, AS_OF) == Decimal("31.0")
    assert dso(docs, date(2024, 1, 1)) is None


def test_trend_at_quarter_ends() -> None:
    assert quarter_ends(AS_OF, 4) == [date(2025, 9, 30), date(2025, 12, 31), date(2026, 3, 31),
                                      AS_OF]  # fmt: skip
    assert quarter_ends(date(2026, 5, 15), 2) == [date(2026, 3, 31), date(2026, 5, 15)]
    trend = aged_trend([inv("B", date(2025, 10, 15), "2000")], AS_OF)
    assert [t.overdue for t in trend] == [0, Decimal(2000), Decimal(2000), Decimal(2000)]


def test_exposure_against_the_credit_limit_in_the_client_currency() -> None:
    docs = [inv("A", date(2026, 6, 1), "8000"), inv("B", date(2026, 4, 1), "4500"),
            inv("X", date(2026, 6, 1), "999", currency="USD")]  # fmt: skip
    e = exposure(CLIENT, docs, AS_OF)
    assert (e.currency, e.open, e.overdue, e.credit_limit, e.over_limit) == (
        "EUR", Decimal(12500), Decimal(4500), Decimal(10000), Decimal(2500),
    )  # fmt: skip
    assert e.other_currency_documents == 1
    unlimited = CLIENT.model_copy(update={"credit_limit": None})
    assert exposure(unlimited, docs, AS_OF).over_limit is None


def _monthly(late_days: int, months: int = 12, amount: str = "2000") -> list[Invoice]:
    docs = []
    for m in range(months):
        issued = date(2025, 6, 1) + timedelta(days=30 * m)
        paid_on = issued + timedelta(days=30 + late_days)
        paid = ((paid_on, amount),) if paid_on <= AS_OF else ()
        docs.append(inv(f"I{m:02d}", issued, amount, paid=paid, line=m + 2))
    return docs


def test_a_slow_payer_is_flagged_and_explained() -> None:
    account = Account(client=CLIENT, invoices=tuple(_monthly(50)))
    signal = account_signal(account, AS_OF, SignalParams(), "SOLO WIDGETS LTD")
    assert signal is not None
    assert (signal.kind, signal.family, signal.severity) == (
        SignalKind.PAYMENT_BEHAVIOUR, Family.PAYMENT, 3,
    )  # fmt: skip
    assert signal.summary == (
        "Pays us 48.5 days beyond its 30-day terms on average (weighted by amount, 11 payments "
        "and overdue invoices in the last 365 days)."
    )
    assert signal.entities == ("GB-COH-20000003", "main|K1")
    # Ten paid 50 days late, the last one unpaid 34 days after its due date (the first is
    # older than the window).
    assert signal.params["days_beyond_terms"] == 48.5
    first = signal.evidence[0]
    assert first.description == (
        "invoice I01 of 2025-07-01, due 2025-07-31: 2,000.00 EUR paid 50 days after its due date"
    )
    assert [h.rel_type.value for h in first.hops] == ["BILLED_TO", "RESOLVES_TO"]
    assert first.hops[0].ref.record_id == "invoices.csv:3"
    assert first.hops[1].dst == "GB-COH-20000003"


def test_a_punctual_client_gets_nothing() -> None:
    account = Account(client=CLIENT, invoices=tuple(_monthly(3)))
    assert account_signal(account, AS_OF, SignalParams()) is None


def test_old_unpaid_invoices_and_a_growing_overdue_balance() -> None:
    # Paid on time until the start of the year, nothing paid since: the overdue balance grows
    # at every quarter-end and most of it is more than 90 days old.
    docs = [
        inv(f"I{m:02d}", date(2025, 6, 1) + timedelta(days=30 * m), "1000",
            paid=((date(2025, 7, 1) + timedelta(days=30 * m), "1000"),) if m < 6 else ())
        for m in range(12)
    ]  # fmt: skip
    signal = account_signal(Account(client=CLIENT, invoices=tuple(docs)), AS_OF, SignalParams())
    assert signal is not None
    assert signal.severity == 4
    assert signal.params["worsening"] is True
    assert signal.params["over_90_share"] == 0.67
    assert signal.summary.endswith(
        "83% of what it owes is more than 60 days overdue; its overdue balance grew at each of "
        "the last 3 quarter-ends."
    )


def test_too_few_payments_to_judge_days_beyond_terms() -> None:
    docs = [inv("A", date(2026, 1, 1), "1000", paid=((date(2026, 4, 1), "1000"),))]
    account = Account(client=CLIENT, invoices=tuple(docs))
    assert behaviour(CLIENT, docs, AS_OF).days_beyond_terms == Decimal("60.0")
    assert account_signal(account, AS_OF, SignalParams()) is None
