"""Calendar arithmetic shared by every rule: validity at a date and whole months between dates.

Months are calendar months, clamped at month ends exactly like Cypher's
`date + duration({months: n})`: 2024-01-31 + 1 month = 2024-02-29. "Whole months between
a and b" is the largest n with add_months(a, n) <= b, so 2020-03-15 -> 2023-03-15 is exactly
36 months and 2020-03-15 -> 2023-03-14 is 35.
"""

from __future__ import annotations

import calendar
from datetime import date


def valid_at(start: date | None, end: date | None, as_of: date) -> bool:
    """start <= as_of < end; a missing start means valid since ever, a missing end means open."""
    return (start is None or start <= as_of) and (end is None or end > as_of)


def add_months(day: date, months: int) -> date:
    """Shift by calendar months, clamping the day to the target month's length."""
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


def months_between(earlier: date, later: date) -> int:
    """Whole months from `earlier` to `later` (negative when `later` is before `earlier`)."""
    if later < earlier:
        return -months_between(later, earlier)
    months = (later.year - earlier.year) * 12 + (later.month - earlier.month)
    # The naive count may overshoot by one when the day of month has not been reached yet.
    while months > 0 and add_months(earlier, months) > later:
        months -= 1
    return months


def age_in_years(birth_year_month: str | None, birth_date: date | None, on: date) -> int | None:
    """Completed years at `on`; with only "1970-05" the person is assumed born on the 1st."""
    if birth_date is not None:
        born = birth_date
    elif birth_year_month:
        year, month = (int(part) for part in birth_year_month.split("-")[:2])
        born = date(year, month, 1)
    else:
        return None
    return months_between(born, on) // 12
