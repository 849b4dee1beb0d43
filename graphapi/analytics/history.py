"""Directors' bankruptcy history (docs/analytics.md §DIRECTOR_PAST_BANKRUPTCIES; GraphQL
Person.bankruptcyHistory).

A case is a mandate m of the person in company X whose insolvency date t satisfies
m.start <= t <= m.end + windowMonths (no end: in office). Month arithmetic is calendar-exact
(dates.py): leaving on 2020-03-15 and an insolvency on 2023-03-15 is exactly 36 months, so it
is within a 36-month window; 2023-03-16 is not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

from graph_schema.events import EventKind
from graphapi.analytics.dates import add_months, months_between
from graphapi.analytics.model import CompanyEvent, CompanyFacts, Mandate, SourceRef

Tier = Literal["inOffice", "leftShortlyBefore", "leftLongerBefore", "outsideWindow"]


class BankruptcyCase(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    person: str
    company: str
    company_name: str | None
    role: str
    start: date | None  # mandate from / to
    end: date | None
    kind: EventKind
    insolvency_date: date
    months_after_leaving: int | None  # None: in office at the insolvency date
    within_window: bool
    tier: Tier
    mandate_ref: SourceRef
    event_ref: SourceRef


class BankruptcyHistory(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    person: str
    window_months: int
    cases: tuple[BankruptcyCase, ...]  # newest insolvency first
    count_within_window: int  # distinct companies

    def counted(self, as_of: date, horizon_months: int) -> list[BankruptcyCase]:
        """Cases within the window whose insolvency falls in [as_of - horizon, as_of]."""
        since = add_months(as_of, -horizon_months)
        return [c for c in self.cases if c.within_window and since <= c.insolvency_date <= as_of]


def first_insolvencies(events: Iterable[CompanyEvent]) -> dict[str, list[CompanyEvent]]:
    """Insolvency events per company, oldest first (solvent endings are never cases)."""
    by_company: dict[str, list[CompanyEvent]] = {}
    for e in events:
        if e.is_insolvency and e.date is not None:
            by_company.setdefault(e.company, []).append(e)
    for items in by_company.values():
        items.sort(key=lambda e: e.date or date.min)
    return by_company


def classify(
    start: date | None, end: date | None, t: date, window_months: int, shortly_months: int = 12
) -> tuple[int | None, Tier] | None:
    """(monthsAfterLeaving, tier) for an insolvency at t, or None if the mandate began after t."""
    if start is not None and start > t:
        return None
    if end is None or t <= end:
        return None, "inOffice"
    months = months_between(end, t)
    # The window decides what counts; the tiers only describe cases inside it.
    if t > add_months(end, window_months):
        return months, "outsideWindow"
    if t <= add_months(end, shortly_months):
        return months, "leftShortlyBefore"
    return months, "leftLongerBefore"


def bankruptcy_history(
    person: str,
    mandates: Iterable[Mandate],
    events: Iterable[CompanyEvent],
    companies: Mapping[str, CompanyFacts] | None = None,
    window_months: int = 36,
    as_of: date | None = None,
    exclude_company: str | None = None,
    include_outside_window: bool = False,
    shortly_months: int = 12,
) -> BankruptcyHistory:
    """Every mandate of `person` in a company that became insolvent during the tenure or within
    window_months after leaving. Liquidator/receiver roles and mandates that began after the
    insolvency opened are excluded; with as_of, later mandates and insolvencies are unknown."""
    companies = companies or {}
    insolvencies = first_insolvencies(events)
    best: dict[str, BankruptcyCase] = {}
    for m in mandates:
        if m.person != person or m.company == exclude_company or m.is_practitioner:
            continue
        if as_of is not None and m.start is not None and m.start > as_of:
            continue
        for e in insolvencies.get(m.company, []):
            t = e.date
            assert t is not None  # first_insolvencies keeps dated events only
            if as_of is not None and t > as_of:
                continue
            verdict = classify(m.start, m.end, t, window_months, shortly_months)
            if verdict is None:
                continue
            months, tier = verdict
            case = BankruptcyCase(
                person=person,
                company=m.company,
                company_name=companies[m.company].name if m.company in companies else None,
                role=m.role,
                start=m.start,
                end=m.end,
                kind=e.kind,
                insolvency_date=t,
                months_after_leaving=months,
                within_window=tier != "outsideWindow",
                tier=tier,
                mandate_ref=m.ref,
                event_ref=e.ref,
            )
            if tier == "outsideWindow" and not include_outside_window:
                continue
            # One case per company: the first insolvency after the mandate began, and of
            # several mandates in the same company the closest one (in office beats left).
            held = best.get(m.company)
            if held is None or _rank(case) < _rank(held):
                best[m.company] = case
            break
    cases = sorted(best.values(), key=lambda c: c.insolvency_date, reverse=True)
    return BankruptcyHistory(
        person=person,
        window_months=window_months,
        cases=tuple(cases),
        count_within_window=sum(c.within_window for c in cases),
    )


def _rank(case: BankruptcyCase) -> tuple[int, int]:
    order = ("inOffice", "leftShortlyBefore", "leftLongerBefore", "outsideWindow")
    return order.index(case.tier), case.months_after_leaving or 0
