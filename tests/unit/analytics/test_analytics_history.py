"""Directors' bankruptcy history: window boundaries, tiers and the hard negatives of
docs/analytics.md §DIRECTOR_PAST_BANKRUPTCIES."""

from datetime import date
from typing import Any

import pytest

from graph_schema.events import EventKind
from graphapi.analytics.history import BankruptcyHistory, bankruptcy_history
from graphapi.analytics.model import CompanyEvent, CompanyFacts, Mandate

P = "person-p"


def mandate(company: str, start: date | None, end: date | None, role: str = "director") -> Mandate:
    return Mandate(person=P, company=company, role=role, start=start, end=end)


def insolvent(company: str, on: date, kind: EventKind = EventKind.BANKRUPTCY) -> CompanyEvent:
    return CompanyEvent(company=company, kind=kind, date=on)


def history(mandates: list[Mandate], events: list[CompanyEvent], **kw: Any) -> BankruptcyHistory:
    return bankruptcy_history(P, mandates, events, **kw)


@pytest.mark.parametrize(
    ("insolvency", "within", "months"),
    [
        (date(2023, 3, 15), True, 36),  # exactly 36 months after leaving: inside
        (date(2023, 3, 16), False, 36),  # one day later: outside
        (date(2020, 3, 16), True, 0),
    ],
)
def test_window_boundary_is_exactly_36_months(insolvency: date, within: bool, months: int) -> None:
    h = history(
        [mandate("X", date(2015, 1, 1), date(2020, 3, 15))],
        [insolvent("X", insolvency)],
        include_outside_window=True,
    )
    (case,) = h.cases
    assert case.within_window is within
    assert case.months_after_leaving == months
    assert h.count_within_window == (1 if within else 0)


def test_outside_window_cases_are_dropped_by_default() -> None:
    h = history(
        [mandate("X", date(2015, 1, 1), date(2020, 3, 15))], [insolvent("X", date(2023, 3, 16))]
    )
    assert h.cases == () and h.count_within_window == 0


def test_tiers_and_in_office() -> None:
    mandates = [
        mandate("A", date(2010, 1, 1), None),  # open-ended: in office
        mandate("B", date(2010, 1, 1), date(2020, 6, 30)),  # left the day it failed
        mandate("C", date(2010, 1, 1), date(2020, 1, 1)),  # 12 months before
        mandate("D", date(2010, 1, 1), date(2020, 1, 1)),
    ]  # 13 months before
    events = [
        insolvent("A", date(2022, 5, 1)),
        insolvent("B", date(2020, 6, 30)),
        insolvent("C", date(2021, 1, 1)),
        insolvent("D", date(2021, 2, 1)),
    ]
    cases = {c.company: c for c in history(mandates, events).cases}
    assert (cases["A"].tier, cases["A"].months_after_leaving) == ("inOffice", None)
    assert (cases["B"].tier, cases["B"].months_after_leaving) == ("inOffice", None)
    assert (cases["C"].tier, cases["C"].months_after_leaving) == ("leftShortlyBefore", 12)
    assert (cases["D"].tier, cases["D"].months_after_leaving) == ("leftLongerBefore", 13)


def test_hard_negatives_solvent_endings_liquidators_and_late_mandates() -> None:
    mandates = [
        mandate("S", date(2010, 1, 1), None),
        mandate("M", date(2010, 1, 1), None),
        mandate("L", date(2020, 1, 1), None, role="liquidator"),
        mandate("N", date(2021, 1, 2), None),
    ]  # began after the insolvency opened
    events = [
        insolvent("S", date(2020, 1, 1), EventKind.STRIKE_OFF),
        insolvent("M", date(2020, 1, 1), EventKind.MEMBERS_VOLUNTARY_LIQUIDATION),
        insolvent("L", date(2020, 1, 1)),
        insolvent("N", date(2021, 1, 1)),
    ]
    assert history(mandates, events).cases == ()


def test_mandate_starting_on_insolvency_day_counts_and_missing_start_is_since_ever() -> None:
    h = history(
        [mandate("X", date(2021, 1, 1), None), mandate("Y", None, None)],
        [insolvent("X", date(2021, 1, 1)), insolvent("Y", date(2019, 1, 1))],
    )
    assert {c.company for c in h.cases} == {"X", "Y"}


def test_as_of_hides_later_facts_and_target_is_excluded() -> None:
    mandates = [mandate("X", date(2010, 1, 1), None), mandate("T", date(2010, 1, 1), None)]
    events = [insolvent("X", date(2024, 1, 1)), insolvent("T", date(2023, 1, 1))]
    assert history(mandates, events, as_of=date(2023, 12, 31), exclude_company="T").cases == ()
    h = history(mandates, events, as_of=date(2024, 1, 1), exclude_company="T")
    assert [c.company for c in h.cases] == ["X"]


def test_one_case_per_company_first_insolvency_after_start() -> None:
    mandates = [
        mandate("X", date(2018, 1, 1), date(2019, 1, 1)),
        mandate("X", date(2020, 1, 1), None),
    ]  # re-appointed
    events = [
        insolvent("X", date(2015, 1, 1), EventKind.ADMINISTRATION),
        insolvent("X", date(2021, 1, 1), EventKind.COMPULSORY_LIQUIDATION),
    ]
    h = history(mandates, events, companies={"X": CompanyFacts(key="X", name="X Ltd")})
    (case,) = h.cases
    assert (case.kind, case.tier, case.company_name) == (
        EventKind.COMPULSORY_LIQUIDATION,
        "inOffice",
        "X Ltd",
    )
    assert h.count_within_window == 1


def test_window_is_a_parameter() -> None:
    ms = [mandate("X", date(2010, 1, 1), date(2020, 1, 1))]
    ev = [insolvent("X", date(2022, 1, 1))]
    assert history(ms, ev, window_months=24).count_within_window == 1
    assert history(ms, ev, window_months=23).count_within_window == 0


def test_counted_applies_the_horizon() -> None:
    h = history(
        [mandate("X", date(2010, 1, 1), None), mandate("Y", date(2010, 1, 1), None)],
        [insolvent("X", date(2020, 6, 30)), insolvent("Y", date(2020, 7, 1))],
    )
    assert [c.company for c in h.counted(date(2025, 6, 30), 60)] == ["Y", "X"]
    assert [c.company for c in h.counted(date(2025, 7, 1), 60)] == ["Y"]


def test_a_window_shorter_than_the_shortly_tier_still_decides() -> None:
    from datetime import date

    from graphapi.analytics.history import classify

    # Left 3 months before the insolvency: inside a 36-month window, outside a 2-month one.
    assert classify(date(2015, 1, 1), date(2023, 12, 31), date(2024, 3, 31), 36) == (
        3,
        "leftShortlyBefore",
    )
    assert classify(date(2015, 1, 1), date(2023, 12, 31), date(2024, 3, 31), 2) == (
        3,
        "outsideWindow",
    )
