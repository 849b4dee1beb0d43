"""The financial family (docs/analytics.md §NEGATIVE_EQUITY and the sections after it): the
findings of graphapi/analytics/financials/findings.py on the target's filed accounts, as
signals with the statements they rest on as evidence.

A family of its own for the rating: a financial warning that agrees with, say, a history signal
is independent agreement. Inputs beyond the statements: the Companies House profile's next due
date and overdue flag, the accounts filings of the filing history (a filed period is not
overdue even when its figures are not loaded), and the company's status (a dissolved company
files nothing).
"""

from __future__ import annotations

from datetime import date

from graph_schema.events import EventKind
from graph_schema.financials import FinancialStatement, SourceFormat
from graph_schema.labels import RelType
from graph_schema.signal_params import SignalParams
from graphapi.analytics.financials.findings import Finding, financial_findings
from graphapi.analytics.inputs import Index
from graphapi.analytics.model import SourceRef
from graphapi.analytics.signals.model import (
    EvidenceHop,
    EvidencePath,
    Signal,
)

# A company that no longer exists files no accounts.
_ENDED = frozenset({"dissolved", "closed", "removed", "converted-closed"})
_NBB = frozenset({SourceFormat.NBB_CSV, SourceFormat.NBB_XBRL})


def _filed_up_to(ix: Index, statements: tuple[FinancialStatement, ...]) -> date | None:
    """The latest period end the company is known to have filed accounts for."""
    ends = [s.period_end for s in statements if not s.comparative]
    ends += [
        e.made_up_to
        for e in ix.events_of.get(ix.data.target, [])
        if e.kind == EventKind.ACCOUNTS_FILED and e.made_up_to is not None
    ]
    return max(ends, default=None)


def _overdue_inputs(
    ix: Index, as_of: date, statements: tuple[FinancialStatement, ...]
) -> tuple[date | None, bool | None]:
    """(next due date, overdue flag) as they stand at `as_of`: nothing once the period due is
    filed; the registry's flag (read at retrieval) only once the due date has passed."""
    t = ix.target
    filed = _filed_up_to(ix, statements)
    if t.accounts_next_made_up_to and filed and filed >= t.accounts_next_made_up_to:
        return None, None
    flag = t.accounts_overdue
    if t.accounts_next_due is not None and as_of <= t.accounts_next_due:
        flag = None
    return t.accounts_next_due, flag


def _hop(ix: Index, s: FinancialStatement, detail: str | None) -> EvidenceHop:
    kind = "group accounts" if s.consolidated else "accounts"
    role = " (comparative of a later filing)" if s.comparative else ""
    return EvidenceHop(
        src=ix.data.target,
        src_name=ix.name(ix.data.target),
        rel_type=RelType.FILED,
        dst=s.key,
        dst_name=f"{kind} to {s.period_end}{role}",
        start=s.period_start,
        end=s.period_end,
        detail=detail,
        ref=SourceRef(
            key=s.key,
            source=s.provenance.source,
            record_id=s.provenance.record_id,
            source_file=s.provenance.source_file,
            seen_at=s.provenance.seen_at,
        ),
    )


def _signal(ix: Index, f: Finding, by_key: dict[str, FinancialStatement]) -> Signal:
    # The finding's evidence lists each statement key followed by its figures.
    lines: dict[str, list[str]] = {}
    current = None
    for line in f.evidence:
        if line in by_key:
            current = line
        elif current is not None:
            lines.setdefault(current, []).append(line)
    hops = [
        _hop(ix, by_key[key], "; ".join(lines.get(key, [])) or None)
        for key in f.statements
        if key in by_key
    ]
    evidence = (EvidencePath(description=f.summary, hops=tuple(hops)),) if hops else ()
    return Signal(
        kind=f.kind,
        severity=f.severity,
        summary=f.summary,
        entities=(ix.data.target,),
        evidence=evidence,
        params=dict(f.parameters),
        date=f.period_end,
    )


def financial_signals(ix: Index, as_of: date, params: SignalParams) -> list[Signal]:
    """Every financial finding on the target at `as_of`, company accounts first; the group's
    accounts of a parent that files no company P&L are not judged here (a holding company's
    own balance sheet is what its creditors lend to)."""
    t = ix.target
    if t.status in _ENDED or (t.dissolved_on is not None and t.dissolved_on <= as_of):
        return []
    statements = ix.data.statements
    next_due, overdue = _overdue_inputs(ix, as_of, statements)
    found = financial_findings(
        statements,
        as_of,
        params.financial,
        next_due=next_due,
        overdue=overdue,
        nbb_deposits=any(s.source_format in _NBB for s in statements),
    )
    by_key = {s.key: s for s in statements}
    return [_signal(ix, f, by_key) for f in found]
