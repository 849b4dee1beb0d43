from datetime import date

import pytest

from graphapi.analytics.dates import add_months, age_in_years, months_between, valid_at


def test_valid_at_is_start_inclusive_end_exclusive() -> None:
    as_of = date(2025, 1, 1)
    assert valid_at(date(2025, 1, 1), None, as_of)
    assert not valid_at(date(2025, 1, 2), None, as_of)
    assert not valid_at(None, date(2025, 1, 1), as_of)  # ended that day: no longer valid
    assert valid_at(None, date(2025, 1, 2), as_of)
    assert valid_at(None, None, as_of)  # missing start = valid since ever


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2020, 3, 15), 36, date(2023, 3, 15)),
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
        (date(2025, 1, 15), -13, date(2023, 12, 15)),
    ],
)
def test_add_months_clamps_to_month_end(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("a", "b", "months"),
    [
        (date(2020, 3, 15), date(2023, 3, 15), 36),
        (date(2020, 3, 15), date(2023, 3, 14), 35),
        (date(2024, 1, 31), date(2024, 2, 29), 1),  # month end to month end
        (date(2024, 1, 31), date(2024, 2, 28), 0),
        (date(2025, 5, 1), date(2025, 5, 1), 0),
        (date(2025, 6, 1), date(2025, 5, 1), -1),
    ],
)
def test_months_between_counts_whole_calendar_months(a: date, b: date, months: int) -> None:
    assert months_between(a, b) == months


def test_age_from_year_month_or_full_date() -> None:
    assert age_in_years("2006-05", None, date(2025, 4, 30)) == 18
    assert age_in_years("2006-05", None, date(2025, 5, 1)) == 19
    assert age_in_years(None, date(1950, 6, 10), date(2025, 6, 9)) == 74
    assert age_in_years(None, None, date(2025, 1, 1)) is None
