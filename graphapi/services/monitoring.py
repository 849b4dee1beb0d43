"""Change monitoring: what changed around a company since a moment, from what loaders recorded.

Every fact has two dates: its registry date (appointment, resignation, event date, as the
registry states it) and when a load run first wrote or last changed it (`first_loaded_at` /
`changed_at`, "first seen"). `ChangeDates.REGISTRY` (the default) reports what happened in the
registry after `since`, so the first load of a registry does not report a 2000-era
appointment as new; `ChangeDates.LOADED` reports what the loads brought after `since` whatever
its registry date (a late filing, a fact without a registry date, a changed detail). Each
change carries both dates. Rating and signal changes compare a baseline (stored on a
watchlist, or an assessment as of `since`) with now, in both modes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from graph_schema.labels import RelType
from graph_schema.signal_params import SignalParams
from graphapi.analytics.assess import Assessment
from graphapi.analytics.rating import INSUFFICIENT
from graphapi.graph import Graph
from graphapi.queries.rows import (
    AddressChangeRow,
    CompanyStateRow,
    InsolvencyChangeRow,
    LinkChangeRow,
    WatchedRow,
)
from graphapi.queries.watchlists import company_state, raw_changes
from graphapi.services.assessment import assess_companies


class ChangeDates(StrEnum):
    REGISTRY = "REGISTRY"  # a change counts when its registry date is after `since`
    LOADED = "LOADED"  # ... when a load first wrote or last changed it after `since`


class ChangeKind(StrEnum):
    DIRECTOR_APPOINTED = "DIRECTOR_APPOINTED"
    DIRECTOR_ENDED = "DIRECTOR_ENDED"
    DIRECTOR_CHANGED = "DIRECTOR_CHANGED"  # same mandate, another role or date
    CONTROLLER_ADDED = "CONTROLLER_ADDED"  # owner, controller or declared beneficial owner
    CONTROLLER_ENDED = "CONTROLLER_ENDED"
    CONTROLLER_CHANGED = "CONTROLLER_CHANGED"  # same holding, another share or interest
    INSOLVENCY = "INSOLVENCY"  # of the company itself
    RELATED_INSOLVENCY = "RELATED_INSOLVENCY"  # of another company of a director/controller
    ADDRESS_CHANGED = "ADDRESS_CHANGED"
    NAME_CHANGED = "NAME_CHANGED"
    STATUS_CHANGED = "STATUS_CHANGED"
    NEW_SIGNAL = "NEW_SIGNAL"
    SIGNAL_ENDED = "SIGNAL_ENDED"
    RATING_CHANGED = "RATING_CHANGED"


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    summary: str
    date: date | None = None  # when it happened in the registry, where the source says
    entity: str | None = None  # the person or company the change is about
    entity_name: str | None = None
    before: str | None = None
    after: str | None = None
    first_seen: datetime | None = None  # when a load first wrote (or last changed) the fact


@dataclass(frozen=True)
class Baseline:
    """How a company stood at the start: stored on WATCHES, or assessed as of `since`."""

    score: int | None = None
    label: str | None = None
    signals: tuple[str, ...] = ()
    name: str | None = None
    status: str | None = None

    def as_props(self) -> dict[str, Any]:
        """The properties stored on WATCHES (queries.watchlists.add_companies)."""
        props = {
            "baseline_score": self.score,
            "baseline_label": self.label,
            "baseline_signals": list(self.signals),
            "baseline_name": self.name,
            "baseline_status": self.status,
        }
        return {k: v for k, v in props.items() if v is not None}

    @staticmethod
    def stored(row: WatchedRow) -> Baseline:
        return Baseline(
            score=row.baseline_score,
            label=row.baseline_label,
            signals=tuple(row.baseline_signals),
            name=row.baseline_name,
            status=row.baseline_status,
        )

    @staticmethod
    def of(a: Assessment | None, name: str | None = None, status: str | None = None) -> Baseline:
        if a is None:
            return Baseline(name=name, status=status)
        kinds = tuple(sorted({s.kind.value for s in a.signals}))
        return Baseline(a.rating.score, a.rating.label, kinds, name, status)


@dataclass
class CompanyChanges:
    company: str
    name: str | None
    changes: list[Change] = field(default_factory=list)
    rating_before: int | None = None
    rating_after: int | None = None
    label_before: str | None = None
    label_after: str | None = None


def utc(moment: datetime) -> datetime:
    """A naive moment is UTC: Neo4j compares zoned datetimes only with zoned ones."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _after(value: datetime | None, since: datetime) -> bool:
    return value is not None and utc(value) > since


def _date_after(value: date | None, since: datetime) -> bool:
    return value is not None and value > since.date()


def _seen(*moments: datetime | None) -> datetime | None:
    """The latest of the load moments given (first written, last changed)."""
    known = [utc(m) for m in moments if m is not None]
    return max(known) if known else None


def _counts(
    registry: date | None, loaded: Sequence[datetime | None], since: datetime, dates: ChangeDates
) -> bool:
    if dates is ChangeDates.REGISTRY:
        return _date_after(registry, since)
    return any(_after(m, since) for m in loaded)


def link_changes(
    row: LinkChangeRow, since: datetime, dates: ChangeDates = ChangeDates.REGISTRY
) -> list[Change]:
    """A director/controller link into the company: started, ended or changed since."""
    director = row.type == RelType.DIRECTOR_OF
    what = row.role or ("director" if director else row.type.lower().replace("_", " "))
    who = row.entity_name or row.entity
    new = _counts(row.start, [row.first_loaded_at], since, dates)
    ended = row.end is not None and _counts(
        row.end, [row.changed_at, row.first_loaded_at], since, dates
    )
    about = {"entity": row.entity, "entity_name": row.entity_name}
    out = []
    if new:
        kind = ChangeKind.DIRECTOR_APPOINTED if director else ChangeKind.CONTROLLER_ADDED
        seen = _seen(row.first_loaded_at)
        summary = f"{who}: {what} from {row.start or '?'}"
        out.append(Change(kind, summary, row.start, first_seen=seen, **about))
    if ended:
        kind = ChangeKind.DIRECTOR_ENDED if director else ChangeKind.CONTROLLER_ENDED
        seen = _seen(row.changed_at, row.first_loaded_at)
        out.append(
            Change(kind, f"{who}: {what} ended {row.end}", row.end, first_seen=seen, **about)
        )
    if not out and dates is ChangeDates.LOADED and _after(row.changed_at, since):
        kind = ChangeKind.DIRECTOR_CHANGED if director else ChangeKind.CONTROLLER_CHANGED
        seen = _seen(row.changed_at)
        out.append(Change(kind, f"{who}: {what} details changed", None, first_seen=seen, **about))
    return out


def address_changes(
    row: AddressChangeRow, since: datetime, dates: ChangeDates = ChangeDates.REGISTRY
) -> list[Change]:
    if row.kind not in (None, "registered"):
        return []
    text = row.text
    if row.end is not None and _counts(row.end, [row.changed_at], since, dates):
        seen = _seen(row.changed_at, row.first_loaded_at)
        return [
            Change(
                ChangeKind.ADDRESS_CHANGED, f"left {text}", row.end, before=text, first_seen=seen
            )
        ]
    if _counts(row.start, [row.first_loaded_at], since, dates):
        seen = _seen(row.first_loaded_at)
        return [
            Change(
                ChangeKind.ADDRESS_CHANGED, f"now at {text}", row.start, after=text, first_seen=seen
            )
        ]
    return []


def insolvency_change(
    row: InsolvencyChangeRow, since: datetime, dates: ChangeDates = ChangeDates.REGISTRY
) -> Change | None:
    if not _counts(row.date, [row.first_loaded_at, row.changed_at], since, dates):
        return None
    kind = row.kind or "insolvency"
    seen = _seen(row.first_loaded_at, row.changed_at)
    if row.company == row.key:
        return Change(ChangeKind.INSOLVENCY, f"{kind} on {row.date}", row.date, first_seen=seen)
    via = row.via_name or row.via
    return Change(
        ChangeKind.RELATED_INSOLVENCY,
        f"{row.company_name or row.company} ({kind} on {row.date}), a company of {via}",
        row.date,
        entity=row.company,
        entity_name=row.company_name,
        first_seen=seen,
    )


def state_changes(
    state: CompanyStateRow | None, baseline: Baseline | None, since: datetime
) -> list[Change]:
    """Name and status against the stored baseline; without one, a dissolution since."""
    if state is None:
        return []
    out = []
    if baseline is not None and baseline.name is not None and state.name != baseline.name:
        out.append(
            Change(
                ChangeKind.NAME_CHANGED,
                f"renamed {state.name}",
                before=baseline.name,
                after=state.name,
            )
        )
    if baseline is not None and baseline.status is not None:
        if state.status != baseline.status:
            out.append(
                Change(
                    ChangeKind.STATUS_CHANGED,
                    f"status {baseline.status} -> {state.status}",
                    state.dissolved_on,
                    before=baseline.status,
                    after=state.status,
                )
            )
    elif _date_after(state.dissolved_on, since):
        out.append(
            Change(
                ChangeKind.STATUS_CHANGED,
                f"dissolved on {state.dissolved_on}",
                state.dissolved_on,
                after=state.status,
            )
        )
    return out


def assessment_changes(baseline: Baseline | None, now: Assessment | None) -> list[Change]:
    if baseline is None or now is None:
        return []
    current = {s.kind.value: s for s in now.signals}
    out = [
        Change(ChangeKind.NEW_SIGNAL, s.summary, s.date, after=kind)
        for kind, s in sorted(current.items())
        if kind not in baseline.signals
    ]
    out += [
        Change(ChangeKind.SIGNAL_ENDED, f"{kind} no longer found", before=kind)
        for kind in baseline.signals
        if kind not in current
    ]
    # Same score, other label: the data became enough (or too little) to judge.
    judged = INSUFFICIENT in (baseline.label, now.rating.label) and baseline.label is not None
    relabelled = judged and baseline.label != now.rating.label
    if baseline.score is not None and (baseline.score != now.rating.score or relabelled):
        out.append(
            Change(
                ChangeKind.RATING_CHANGED,
                f"rating {baseline.score} ({baseline.label}) -> "
                f"{now.rating.score} ({now.rating.label})",
                before=str(baseline.score),
                after=str(now.rating.score),
            )
        )
    return out


async def _assessments(
    graph: Graph, keys: Sequence[str], as_of: date, params: SignalParams
) -> dict[str, Assessment]:
    found = await assess_companies(graph, keys, as_of, params)
    return {key: assessed.result for key, assessed in found.items()}


async def baselines(
    graph: Graph, keys: Sequence[str], as_of: date, params: SignalParams
) -> dict[str, Baseline]:
    """The baseline of each existing company (left out when unknown)."""
    found = await _assessments(graph, keys, as_of, params)
    state = await company_state(graph, keys)
    return {
        k: Baseline.of(found.get(k), state[k].name, state[k].status) for k in keys if k in state
    }


async def changes_since(
    graph: Graph,
    keys: Sequence[str],
    since: datetime,
    stored: dict[str, Baseline] | None,
    as_of: date,
    params: SignalParams,
    dates: ChangeDates = ChangeDates.REGISTRY,
) -> list[CompanyChanges]:
    """One report per known company in `keys`, in order. Without `stored` baselines the
    assessment as of `since` is the baseline (the analytics' as_of); `dates` says which
    date of a fact must be after `since` (module docstring)."""
    since = utc(since)
    rows = await raw_changes(graph, keys, since)
    state = {r.key: r for r in rows.state}
    now = await _assessments(graph, list(state), as_of, params)
    if stored is None:
        then = await _assessments(graph, list(state), since.date(), params)
        stored_or_then = {k: Baseline.of(a) for k, a in then.items()}
    else:
        stored_or_then = stored
    reports = {k: CompanyChanges(k, state[k].name) for k in keys if k in state}
    for link in rows.links:
        reports[link.key].changes += link_changes(link, since, dates)
    for address in rows.addresses:
        reports[address.key].changes += address_changes(address, since, dates)
    for insolvency in rows.insolvencies:
        change = insolvency_change(insolvency, since, dates)
        if change is not None:
            reports[insolvency.key].changes.append(change)
    for key, report in reports.items():
        base = stored_or_then.get(key)
        report.changes += state_changes(state[key], base if stored is not None else None, since)
        report.changes += assessment_changes(base, now.get(key))
        report.rating_before = base.score if base else None
        report.rating_after = now[key].rating.score if key in now else None
        report.label_before = base.label if base else None
        report.label_after = now[key].rating.label if key in now else None
        report.changes.sort(key=lambda c: (c.kind.value, c.date or date.min, c.summary))
    return list(reports.values())
