"""DORMANT_REACTIVATION (docs/analytics.md §DORMANT_REACTIVATION): a dormant shell woken up by
new people.

Dormancy: >= 2 consecutive annual accounts filed as dormant, or >= 24 months without any
filing, event, officer or ownership change. Reactivation: within 6 months after the first
activity that ends the dormancy, >= 2 of: all directors replaced, a new majority owner, a
registered-office change, an activity change, a name change, >= 2 years of accounts filed on
one day. A company woken by its existing owner with the same directors is not flagged (hard
negative), so at least one of the markers must be a change of people.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from graph_schema.events import EventKind
from graph_schema.signal_params import SignalParams
from graphapi.analytics.dates import add_months, months_between, valid_at
from graphapi.analytics.inputs import Index
from graphapi.analytics.model import CompanyEvent
from graphapi.analytics.signals.front import is_mass_address
from graphapi.analytics.signals.model import EvidencePath, Signal, SignalKind, decay

_CHANGE_EVENTS = {
    EventKind.ADDRESS_CHANGE: "registered office changed",
    EventKind.ACTIVITY_CHANGE: "activity changed",
    EventKind.NAME_CHANGE: "name changed",
}
PEOPLE_MARKERS = frozenset({"directors replaced", "new majority owner"})


def _activity_dates(ix: Index, company: str) -> list[date]:
    days = [e.date for e in ix.events_of.get(company, []) if e.date]
    for m in ix.mandates_in.get(company, []):
        days += [d for d in (m.start, m.end) if d]
    for h in ix.data.holdings:
        if h.owned == company:
            days += [d for d in (h.start, h.end) if d]
    return sorted(set(days))


def dormancy_ends(ix: Index, company: str, params: SignalParams) -> list[tuple[date, date, str]]:
    """(last dormant day, first active day, how) for each dormant period found."""
    found = []
    accounts = sorted(
        (e for e in ix.events_of.get(company, []) if e.kind == EventKind.ACCOUNTS_FILED and e.date),
        key=lambda e: e.made_up_to or e.date or date.min,
    )
    run: list[CompanyEvent] = []
    for e in [*accounts, None]:
        if e is not None and e.dormant:
            run.append(e)
            continue
        if len(run) >= 2:
            last = max(x.date for x in run if x.date)
            after = [d for d in _activity_dates(ix, company) if d > last]
            if after:
                found.append((last, after[0], f"{len(run)} consecutive dormant accounts"))
        run = []
    days = _activity_dates(ix, company)
    inc = ix.companies[company].incorporated_on if company in ix.companies else None
    points = sorted({*days, *([inc] if inc else [])})
    for a, b in zip(points, points[1:], strict=False):
        if b >= add_months(a, params.dormancy_months):
            found.append((a, b, f"no activity for {months_between(a, b)} months"))
    return found


def _markers(
    ix: Index, company: str, last: date, start: date, end: date
) -> dict[str, tuple[date, list[EvidencePath]]]:
    marks: dict[str, tuple[date, list[EvidencePath]]] = {}
    mandates = [m for m in ix.mandates_in.get(company, []) if m.is_managing]
    old = [m for m in mandates if valid_at(m.start, m.end, last)]
    new = [m for m in mandates if m.start and start <= m.start <= end]
    if old and new and all(m.end and m.end <= end for m in old):
        marks["directors replaced"] = (
            min(m.start for m in new if m.start),
            [
                EvidencePath(
                    description="director change",
                    hops=tuple(ix.mandate_hop(m) for m in [*old, *new]),
                )
            ],
        )
    for h in ix.data.holdings:
        lo = h.bounds()[0]
        if h.owned == company and h.start and start <= h.start <= end and lo > 0.5:
            was = any(
                g.owner == h.owner and g.owned == company and valid_at(g.start, g.end, last)
                for g in ix.data.holdings
            )
            if not was:
                marks["new majority owner"] = (h.start, [])
    events = [e for e in ix.events_of.get(company, []) if e.date and start <= e.date <= end]
    for e in events:
        if e.kind in _CHANGE_EVENTS and e.date:
            marks[_CHANGE_EVENTS[e.kind]] = (
                e.date,
                [EvidencePath(description=_CHANGE_EVENTS[e.kind], hops=(ix.event_hop(e),))],
            )
    same_day = Counter(e.date for e in events if e.kind == EventKind.ACCOUNTS_FILED)
    for day, n in same_day.items():
        if n >= 2 and day:
            marks[f"{n} accounts filed on one day"] = (day, [])
    return marks


def dormant_reactivation(
    ix: Index, as_of: date, params: SignalParams, front_persons: set[str]
) -> list[Signal]:
    company = ix.data.target
    out: list[Signal] = []
    seen: set[date] = set()
    for last, first, how in dormancy_ends(ix, company, params):
        if first > as_of or first in seen:
            continue
        seen.add(first)
        end = min(add_months(first, params.reactivation_window_months), as_of)
        marks = _markers(ix, company, last, first, end)
        if len(marks) < 2 or not PEOPLE_MARKERS & set(marks):
            continue
        new_people = {
            m.person for m in ix.mandates_in.get(company, []) if m.start and first <= m.start <= end
        }
        new_mass = any(is_mass_address(ix, a, params) for a in ix.target.address_keys)
        failure = ix.insolvency_at(company, as_of)
        severity = 4 if (new_people & front_persons or new_mass) else 3
        if (
            failure
            and failure.date
            and first <= failure.date <= add_months(first, params.reactivation_insolvency_months)
        ):
            severity = 5
        severity = decay(severity, first, as_of, params.horizon_months)
        out.append(
            Signal(
                kind=SignalKind.DORMANT_REACTIVATION,
                severity=severity,
                date=first,
                summary=f"{ix.target.display} was dormant ({how} until {last}) and was reactivated "
                f"from {first}: "
                + ", ".join(sorted(marks))
                + f" within {params.reactivation_window_months} months.",
                entities=(company, *sorted(new_people)),
                evidence=tuple(p for _, paths in marks.values() for p in paths),
                params={
                    "dormancy_months": params.dormancy_months,
                    "window_months": params.reactivation_window_months,
                    "markers": ",".join(sorted(marks)),
                },
            )
        )
    return out
