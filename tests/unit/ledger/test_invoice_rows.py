"""Documents read as plain rows (graphapi/queries/ledger.py `InvoiceReader`): Neo4j's string
forms of dates and times come back as the values the driver would have given, and a row
builds the same `Invoice` as validating its fields."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from graph_schema.ledger import DocumentKind, Invoice, LedgerSource, Settlement
from graphapi.queries.ledger import InvoiceReader, parse_instant


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-01-01T00:00:00Z", datetime(2026, 1, 1, tzinfo=UTC)),
        (
            "2026-03-01T10:15:30.123456789+01:00",
            datetime(2026, 3, 1, 10, 15, 30, 123456, tzinfo=timezone(timedelta(hours=1))),
        ),
        ("2026-03-01T10:15:30.5Z", datetime(2026, 3, 1, 10, 15, 30, 500000, tzinfo=UTC)),
        (
            "2026-07-01T10:00:00+02:00[Europe/Paris]",
            datetime(2026, 7, 1, 10, 0, tzinfo=timezone(timedelta(hours=2))),
        ),
    ],
)
def test_neo4j_datetime_strings_parse_to_the_same_instant(text: str, expected: datetime) -> None:
    parsed = parse_instant(text)
    assert parsed == expected
    assert parsed.utcoffset() == expected.utcoffset()


def test_a_row_builds_the_invoice_its_fields_validate_to() -> None:
    row = [
        "main", "C1", "INV-7", "invoice", "2026-01-10", "2026-02-09", 1200.5, "GBP",
        ["2026-02-01", "2026-02-20"], [200.0, 500.25], ["2026-02-05"], [100.1], ["CN-1"], None,
        "invoices.csv", 8, "2026-03-01T09:00:00Z", None,
    ]  # fmt: skip
    src = LedgerSource(file="invoices.csv", line=8, imported_at=datetime(2026, 3, 1, 9, tzinfo=UTC))
    expected = Invoice(
        ledger="main", client_id="C1", number="INV-7", kind=DocumentKind.INVOICE,
        issued_on=date(2026, 1, 10), due_on=date(2026, 2, 9), amount=Decimal("1200.50"),
        currency="GBP",
        payments=(
            Settlement(on=date(2026, 2, 1), amount=Decimal("200.00")),
            Settlement(on=date(2026, 2, 20), amount=Decimal("500.25")),
        ),
        credits=(Settlement(on=date(2026, 2, 5), amount=Decimal("100.10"), reference="CN-1"),),
        source=src,
    )  # fmt: skip
    built = InvoiceReader().invoice(row)
    assert built == expected
    assert built.model_dump_json() == expected.model_dump_json()
    assert built.open_amount(date(2026, 3, 1)) == Decimal("400.15")
