"""Dates and amounts as accounting packages export them (written from the spellings Excel and
French, Belgian, German and UK packages produce; no real ledger is public)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from graphapi.ledger.values import (
    Amount,
    CellError,
    DateOrder,
    currency_code,
    infer_date_order,
    parse_amount,
    parse_date,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-31", date(2026, 3, 31)),
        ("2026-03-31 00:00:00", date(2026, 3, 31)),  # a datetime cell as text
        ("31/03/2026", date(2026, 3, 31)),
        ("31.03.2026", date(2026, 3, 31)),
        ("1.4.2026", date(2026, 4, 1)),
        ("31-03-2026", date(2026, 3, 31)),
        ("03/04/2026", date(2026, 4, 3)),  # day-first by default
    ],
)
def test_dates_in_three_local_spellings(text: str, expected: date) -> None:
    assert parse_date(text) == expected


def test_month_first_files_read_slashes_month_first_and_dots_still_day_first() -> None:
    assert parse_date("03/04/2026", DateOrder.MDY) == date(2026, 3, 4)
    assert parse_date("03.04.2026", DateOrder.MDY) == date(2026, 4, 3)


@pytest.mark.parametrize(
    ("text", "order", "reason"),
    [
        ("04/13/2026", DateOrder.DMY,
         "ambiguous date '04/13/2026': month-first, but the file is day-first"),
        ("13/04/2026", DateOrder.MDY,
         "ambiguous date '13/04/2026': day-first, but the file is month-first"),
        ("2026-02-30", DateOrder.DMY, "not a date: '2026-02-30'"),
        ("31/02/2026", DateOrder.DMY, "not a date: '31/02/2026'"),
        ("March 3rd", DateOrder.DMY,
         "not a date: 'March 3rd' (expected YYYY-MM-DD, DD/MM/YYYY or DD.MM.YYYY)"),
        ("", DateOrder.DMY, "no date"),
    ],
)  # fmt: skip
def test_unreadable_dates_say_why(text: str, order: DateOrder, reason: str) -> None:
    with pytest.raises(CellError) as err:
        parse_date(text, order)
    assert str(err.value) == reason


def test_date_order_is_inferred_from_dates_that_prove_it() -> None:
    assert infer_date_order(["03/04/2026", "05/06/2026"]) is DateOrder.DMY  # unproven
    assert infer_date_order(["03/04/2026", "25/06/2026"]) is DateOrder.DMY
    assert infer_date_order(["03/04/2026", "06/25/2026", "2026-01-30"]) is DateOrder.MDY
    # Both proven: the majority wins; the minority is refused row by row (parse_date).
    assert infer_date_order(["06/25/2026", "07/26/2026", "25/06/2026"]) is DateOrder.MDY


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("1.234,56", "1234.56", None),
        ("1,234.56", "1234.56", None),
        ("1 234,56", "1234.56", None),
        ("1\u00a0234,56", "1234.56", None),  # no-break space (Excel FR)
        ("1\u202f234,56 €", "1234.56", "EUR"),  # narrow no-break space (macOS FR)
        ("1'234.50", "1234.50", None),  # Swiss
        ("€1.234,56", "1234.56", "EUR"),
        ("EUR 1.234,56", "1234.56", "EUR"),
        ("1 234,56 EUR", "1234.56", "EUR"),
        ("£1,234", "1234", "GBP"),  # one separator, three digits: thousands
        ("1.234", "1234", None),
        ("12,5", "12.5", None),
        ("0,05", "0.05", None),
        ("1.234.567", "1234567", None),
        ("1,234,567.89", "1234567.89", None),
        ("-1.234,56", "-1234.56", None),
        ("(1,234.56)", "-1234.56", None),  # accounting negative
        ("1234,56-", "-1234.56", None),  # trailing minus (SAP)
        ("-€200.00", "-200.00", "EUR"),
        ("usd 10", "10", "USD"),
    ],
)
def test_amounts_with_decimal_commas_thousands_and_currencies(
    text: str, value: str, currency: str | None
) -> None:
    assert parse_amount(text) == Amount(Decimal(value), currency)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("12k", "not an amount: '12k'"),
        ("€", "not an amount: '€'"),
        ("1,23,456", "not an amount: '1,23,456' (misplaced thousands separator)"),
        ("1.234,5.6", "not an amount: '1.234,5.6' (misplaced thousands separator)"),
        ("12 XYZ", "unknown currency 'XYZ' (use an ISO 4217 code such as EUR, GBP)"),
        ("", "no amount"),
    ],
)
def test_unreadable_amounts_say_why(text: str, reason: str) -> None:
    with pytest.raises(CellError) as err:
        parse_amount(text)
    assert str(err.value) == reason


def test_currency_codes_and_symbols() -> None:
    assert [currency_code(c) for c in ("eur", "€", "£", "CHF")] == ["EUR", "EUR", "GBP", "CHF"]
    with pytest.raises(CellError):
        currency_code("EURO")
