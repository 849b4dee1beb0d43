"""Exposure through the graph and the portfolio views, pure: what a person's failures count,
how links are merged and summed, the matrix bands and the dunning order."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from graph_schema.ledger import Account, Client, Invoice, LedgerSource, Settlement
from graphapi.analytics import portfolio as views
from graphapi.analytics.exposure import (
    Anchor,
    Failure,
    LinkedClients,
    LinkRow,
    Member,
    counted_failures,
    linked_exposures,
)
from graphapi.analytics.payment import behaviour, exposure
from graphapi.analytics.portfolio import ClientRating, PortfolioLine

AS_OF = date(2026, 6, 30)
SOURCE = LedgerSource(file="x.csv", line=2, imported_at=datetime(2026, 6, 30, tzinfo=UTC))


def _client(cid: str, limit: str | None = "10000", company: str | None = None) -> Client:
    return Client(
        ledger="t", client_id=cid, name=f"Client {cid}", credit_limit=None if limit is None
        else Decimal(limit), currency="GBP", payment_terms_days=30, source=SOURCE,
        company=company or f"GB-COH-{cid}", segment="Retail",
    )  # fmt: skip


def _invoice(
    cid: str, number: str, amount: str, issued: date, due: date, paid: str = "0"
) -> Invoice:
    payments = (Settlement(on=due, amount=Decimal(paid)),) if Decimal(paid) else ()
    return Invoice(
        ledger="t", client_id=cid, number=number, issued_on=issued, due_on=due,
        amount=Decimal(amount), currency="GBP", payments=payments, source=SOURCE,
    )  # fmt: skip


def test_failures_count_as_director_past_bankruptcies_counts_them() -> None:
    f = [
        # left 20 months before: within the 36-month window
        Failure(company="A", kind="CREDITORS_VOLUNTARY_LIQUIDATION", date=date(2025, 1, 1),
                start=date(2015, 1, 1), end=date(2023, 5, 1)),
        # left 40 months before: outside the window
        Failure(company="B", kind="ADMINISTRATION", date=date(2025, 1, 1),
                start=date(2015, 1, 1), end=date(2021, 9, 1)),
        # in office, but 7 years ago: beyond the 60-month horizon
        Failure(company="C", kind="BANKRUPTCY", date=date(2019, 1, 1), start=date(2010, 1, 1)),
        # began after the insolvency: not his failure
        Failure(company="D", kind="BANKRUPTCY", date=date(2024, 1, 1), start=date(2024, 6, 1)),
        # in office at the insolvency
        Failure(company="E", kind="BANKRUPTCY", date=date(2024, 3, 1), start=date(2020, 1, 1)),
    ]  # fmt: skip
    counted = counted_failures(f, AS_OF, 36, 60)
    assert [(c.company, c.months_after_leaving, c.end) for c in counted] == [
        ("A", 20, date(2023, 5, 1)),
        ("E", None, None),
    ]


def _member(cid: str, kind: str) -> Member:
    return Member(client=f"t|{cid}", company=f"GB-COH-{cid}", anchor=Anchor(kind=kind, key="p1"))


def test_a_person_director_and_owner_of_the_same_clients_is_one_link_summed_once() -> None:
    accounts = tuple(
        Account(
            client=_client(cid, limit),
            invoices=(_invoice(cid, f"I{cid}", amount, date(2026, 5, 1), date(2026, 5, 31)),),
        )
        for cid, amount, limit in (("1", "30000", "40000"), ("2", "25000", None))
    )
    rows = tuple(
        LinkRow(kind=kind, key="p1", name="Jo SMITH",
                members=(_member("1", kind), _member("2", kind)),
                failures=(Failure(company="X", name="X LTD", kind="BANKRUPTCY",
                                  date=date(2025, 1, 1), end=date(2024, 1, 1)),))
        for kind in ("owner", "director")
    )  # fmt: skip
    (link,) = linked_exposures(LinkedClients(links=rows, accounts=accounts), AS_OF)
    assert link.kinds == ("director", "owner")
    t = link.main
    assert (t.open, t.overdue, t.limits, t.without_limit) == (
        Decimal("55000"), Decimal("55000"), Decimal("40000"), 1,
    )  # fmt: skip
    assert link.summary() == (
        "2 of your clients share a director and beneficial owner, Jo SMITH, who left 1 company "
        "that became insolvent: X LTD (left 2024-01-01, bankruptcy 2025-01-01, 12 months later)"
        "; together they owe 55,000.00 GBP (55,000.00 GBP overdue)."
    )


def _line(cid: str, rating: int | None, overdue: str, days: int) -> PortfolioLine:
    client = _client(cid)
    due = date.fromordinal(AS_OF.toordinal() - days)
    docs = [_invoice(cid, f"I{cid}", overdue, due.replace(day=1), due)]
    r = None
    if rating is not None:
        r = ClientRating(rating, "x", AS_OF, True, "default", None, (), 6, AS_OF)
    return PortfolioLine(
        client, exposure(client, docs, AS_OF), behaviour(client, docs, AS_OF), r,
        client.company or "", client.name, invoices=tuple(docs),
    )  # fmt: skip


def test_dunning_orders_by_overdue_times_risk_and_explains() -> None:
    lines = [
        _line("big-safe", 1, "20000", 10),  # priority 20,000
        _line("small-risky", 5, "5000", 70),  # 25,000
        _line("unrated", None, "7000", 40),  # 21,000 (unrated counts as 3)
        _line("paid", 2, "0.00", 0),
    ]
    order = [d.line.client.client_id for d in views.dunning_list(lines)]
    assert order == ["small-risky", "unrated", "big-safe"]
    risky = views.dunning_list(lines)[0]
    assert risky.reason.startswith("5,000.00 GBP overdue; 5,000.00 GBP more than 60 days")
    assert "oldest Ismall-risky 70 days past due" in risky.reason


def test_matrix_bands_and_cells() -> None:
    assert [views.band_of(Decimal(x)) for x in ("0", "0.01", "9999.99", "10000", "100000")] == [
        "nil", "under 10k", "under 10k", "10k-50k", "100k+",
    ]  # fmt: skip
    lines = [_line("a", 1, "20000", 10), _line("b", 1, "30000", 10), _line("c", None, "10", 1)]
    cells = views.rating_matrix(lines)
    assert [(c.rating, c.band, c.clients, c.open) for c in cells] == [
        (None, "under 10k", 1, Decimal("10")),
        (1, "10k-50k", 2, Decimal("50000")),
    ]
