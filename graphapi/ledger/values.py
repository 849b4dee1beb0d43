"""Cells of a ledger export as accounting packages write them: dates, amounts, currencies.

Dates come in three local spellings: ISO (`2026-03-31`), day/month/year with slashes
(`31/03/2026`) and with dots (`31.03.2026`, German, Belgian, Swiss); an `.xlsx` date cell is
already ISO. Slashes are ambiguous: `03/04/2026` is the 3rd of April in Europe and the 4th of
March in the US. `DateOrder.AUTO` reads every slashed date of the file first: a first part
above 12 proves day-first, a second part above 12 proves month-first; with no proof either way
the file is read day-first (the European default, as every other spelling here is day-first).
A file that proves both is read in the order most of its proving dates use, and each date that
contradicts it is rejected as ambiguous rather than guessed.

Amounts: decimal comma or point, thousands separated by `.`, `,`, a space (also no-break and
narrow no-break) or `'` (Swiss): `1.234,56`, `1,234.56`, `1 234,56`, `1'234.56`; a minus sign,
a trailing minus or accounting parentheses for negatives. When one separator appears once with
exactly three digits after it (`1,234`, `1.234`) it separates thousands: ledger amounts carry
at most two decimals. A currency symbol or ISO 4217 code may stand before or after the number
(`€1.234,56`, `1 234,56 EUR`, `£1,234.56`): `€` is EUR, `£` GBP, `$` USD (a bare dollar is
read as the US dollar; write CAD, AUD… for others).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from babel.numbers import list_currencies

CURRENCY_SYMBOLS = {"€": "EUR", "£": "GBP", "$": "USD", "US$": "USD", "¥": "JPY", "₣": "CHF"}
_CURRENCIES = frozenset(list_currencies())
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_DOT = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_DASH_DMY = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_NUMBER = re.compile(r"^\d[\d.,']*$")
_SYMBOLS = sorted(CURRENCY_SYMBOLS, key=len, reverse=True)
_CODE_FIRST = re.compile(r"^([A-Za-z]{3})\s*(.*)$")
_CODE_LAST = re.compile(r"^(.*?)\s*([A-Za-z]{3})$")


class CellError(ValueError):
    """A cell that cannot be read; the message is the reason shown in the rejects file."""


class DateOrder(StrEnum):
    AUTO = "auto"
    DMY = "dmy"
    MDY = "mdy"


def slash_evidence(cells: Iterable[str]) -> tuple[int, int]:
    """(dates proving day-first, dates proving month-first) among the slashed dates."""
    dmy = mdy = 0
    for cell in cells:
        m = _SLASH.match(cell.strip())
        if m is None:
            continue
        first, second = int(m.group(1)), int(m.group(2))
        if first > 12 >= second:
            dmy += 1
        elif second > 12 >= first:
            mdy += 1
    return dmy, mdy


def infer_date_order(cells: Iterable[str]) -> DateOrder:
    """The order a file's slashed dates are in (see the module docstring)."""
    dmy, mdy = slash_evidence(cells)
    return DateOrder.MDY if mdy > dmy else DateOrder.DMY


def _date(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise CellError(f"not a date: {text!r}") from None


def parse_date(text: str, order: DateOrder = DateOrder.DMY) -> date:
    """A date in one of the spellings above; `order` decides slashed dates (DMY or MDY)."""
    t = text.strip()
    if m := _ISO.match(t):
        return _date(int(m.group(1)), int(m.group(2)), int(m.group(3)), t)
    if m := _DOT.match(t) or _DASH_DMY.match(t):
        return _date(int(m.group(3)), int(m.group(2)), int(m.group(1)), t)
    if m := _SLASH.match(t):
        first, second, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if order is DateOrder.MDY:
            if first > 12 >= second:
                raise CellError(f"ambiguous date {t!r}: day-first, but the file is month-first")
            return _date(year, first, second, t)
        if second > 12 >= first:
            raise CellError(f"ambiguous date {t!r}: month-first, but the file is day-first")
        return _date(year, second, first, t)
    raise CellError(
        f"not a date: {t!r} (expected YYYY-MM-DD, DD/MM/YYYY or DD.MM.YYYY)" if t else "no date"
    )


@dataclass(frozen=True)
class Amount:
    value: Decimal
    currency: str | None  # ISO 4217 code when the cell named one


def currency_code(text: str) -> str:
    """An ISO 4217 code from a code or a symbol ('eur', '€' -> 'EUR')."""
    t = text.strip()
    code = CURRENCY_SYMBOLS.get(t, t.upper())
    if code not in _CURRENCIES:
        raise CellError(f"unknown currency {t!r} (use an ISO 4217 code such as EUR, GBP)")
    return code


def _split_currency(text: str) -> tuple[str, str | None]:
    """'€ 1.234,56' -> ('1.234,56', 'EUR'); the number and the currency it names, if any."""
    t = text.strip()
    for symbol in _SYMBOLS:
        if t.startswith(symbol):
            return t[len(symbol) :].strip(), CURRENCY_SYMBOLS[symbol]
        if t.endswith(symbol):
            return t[: -len(symbol)].strip(), CURRENCY_SYMBOLS[symbol]
    m = _CODE_FIRST.match(t) or _CODE_LAST.match(t)
    if m is not None:
        head, tail = m.group(1), m.group(2)
        code, number = (head, tail) if head.isalpha() and len(head) == 3 else (tail, head)
        if not any(ch.isdigit() for ch in number):
            raise CellError(f"not an amount: {text.strip()!r}")
        return number.strip(), currency_code(code)
    return t, None


def _sign(text: str) -> tuple[str, bool]:
    t = text.strip()
    if t.startswith("(") and t.endswith(")"):
        return t[1:-1].strip(), True
    if t.startswith("-") or t.startswith("\u2212"):
        return t[1:].strip(), True
    if t.endswith("-"):
        return t[:-1].strip(), True
    if t.startswith("+"):
        return t[1:].strip(), False
    return t, False


def _digits(number: str, original: str) -> str:
    """'1.234,56' -> '1234.56' (see the module docstring for the rule)."""
    if not _NUMBER.match(number):
        raise CellError(f"not an amount: {original!r}")
    seps = [(i, c) for i, c in enumerate(number) if c in ".,'"]
    if not seps:
        return number
    last_at, last = seps[-1]
    kinds = {c for _, c in seps}
    after = len(number) - last_at - 1
    if len(kinds) == 1 and (len(seps) > 1 or after == 3):
        decimal_sep: str | None = None  # 1.234.567 / 1,234: thousands only
    elif last == "'":
        raise CellError(f"not an amount: {original!r}")
    else:
        decimal_sep = last
    integer, fraction = (number[:last_at], number[last_at + 1 :]) if decimal_sep else (number, "")
    groups = re.split(r"[.,']", integer)
    if len(groups) > 1 and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])):
        raise CellError(f"not an amount: {original!r} (misplaced thousands separator)")
    if decimal_sep and (
        "," in integer and decimal_sep == "," or "." in integer and decimal_sep == "."
    ):
        raise CellError(f"not an amount: {original!r}")
    if not fraction.isdigit() and fraction:
        raise CellError(f"not an amount: {original!r}")
    return "".join(groups) + (f".{fraction}" if fraction else "")


def parse_amount(text: str) -> Amount:
    """An amount and the currency the cell names (see the module docstring)."""
    original = text.strip()
    if not original:
        raise CellError("no amount")
    if _NUMBER.match(original):  # most cells: no sign, space or currency
        try:
            return Amount(Decimal(_digits(original, original)), None)
        except InvalidOperation:
            raise CellError(f"not an amount: {original!r}") from None
    t, negative = _sign(original)
    t, currency = _split_currency(t)
    t, negative_inside = _sign(t)
    number = _SPACES.sub("", t)
    try:
        value = Decimal(_digits(number, original))
    except InvalidOperation:
        raise CellError(f"not an amount: {original!r}") from None
    return Amount(-value if negative != negative_inside else value, currency)
