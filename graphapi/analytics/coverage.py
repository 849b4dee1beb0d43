"""Data coverage: which sources know a company, what each said, and whether that is enough to
judge it (docs/analytics.md §Data coverage).

A rating of 1 means "no adverse signal in what we know". When we know next to nothing (a
registry number and a name, say a company that only appears as another company's corporate
shareholder) that sentence misleads a committee, so such a company is labelled "insufficient
data", with what is missing, beside its score.

The rule, from what the registers publish: every company register publishes the company's
status, and each publishes who runs it (Companies House appointments, KBO functions, RNE
representatives) or who owns or controls it (PSC register, BODS statements, GLEIF parents,
a register statement that nobody is registrable). A company can be judged when the data holds
its register status (or dissolution) and at least one of its officers or its ownership or
control information. Legal form, incorporation date and filed accounts are reported when
missing, but none of them alone decides.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from graph_schema.events import EventKind
from graphapi.analytics.inputs import Index

# Sources that publish a company's status (their loaders write `status`): a status on the
# company is what these say; the other sources (shareholdings, accounts, sanctions lists) do not.
STATUS_SOURCES = frozenset(
    {"companies-house", "kbo", "gleif", "bodacc", "inpi-rne", "rne", "opencorporates"}
)

STATUS = "register status"
OFFICERS = "officers"
OWNERSHIP = "ownership or control information"
LEGAL_FORM = "legal form"
INCORPORATED = "incorporation date"
ACCOUNTS = "filed accounts"


class SourceCoverage(BaseModel):
    """What one source said about the company: facts it is the source of, by kind."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    source: str
    status: bool  # it publishes company status and a status is on record
    officers: int  # officer appointments (current or past)
    ownership: int  # shareholdings, control links and beneficial-owner declarations
    accounts: int  # accounts filings and filed statements (a filing may count as both)


class Coverage(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    sources: tuple[SourceCoverage, ...]
    status: str | None
    officers: int
    ownership: int
    accounts: int
    sufficient: bool
    missing: tuple[str, ...]  # what is absent; the first ones are why it is insufficient

    def describe(self) -> str:
        """One line for a CSV cell or a report: "sufficient" or what is missing."""
        if self.sufficient:
            return "sufficient" + (f" (no {', no '.join(self.missing)})" if self.missing else "")
        return "insufficient data: no " + ", no ".join(self.missing)


def _count(by: dict[str, list[int]], source: str | None, slot: int) -> None:
    by.setdefault(source or "unknown", [0, 0, 0])[slot] += 1


def coverage(ix: Index, as_of: date) -> Coverage:
    """What the bundle knows about its target up to as_of, per source, and the verdict."""
    t = ix.target
    target = t.key

    def begun(start: date | None) -> bool:
        return start is None or start <= as_of

    by: dict[str, list[int]] = {s: [0, 0, 0] for s in t.sources}
    officers = [m for m in ix.mandates_in.get(target, []) if begun(m.start)]
    for m in officers:
        _count(by, m.ref.source, 0)
    owning = [
        # A holding standing in for a declaration (ubo/sources.py) is that declaration.
        *(
            h.ref.source
            for h in ix.holdings_into.get(target, [])
            if begun(h.start) and h.declared_by is None
        ),
        *(c.ref.source for c in ix.controls_into.get(target, []) if begun(c.start)),
        *(d.ref.source for d in ix.data.declarations if d.company == target and begun(d.start)),
    ]
    for source in owning:
        _count(by, source, 1)
    filings = [
        e
        for e in ix.events_of.get(target, [])
        if e.kind == EventKind.ACCOUNTS_FILED and (e.date is None or e.date <= as_of)
    ]
    for e in filings:
        _count(by, e.ref.source, 2)
    statements = [s for s in ix.data.statements if not s.comparative]
    for s in statements:
        _count(by, s.provenance.source, 2)
    accounts = len(filings) + len(statements)
    status = t.status or ("dissolved" if t.dissolved_on and t.dissolved_on <= as_of else None)
    # A register's statement that no beneficial owner is registrable is ownership information.
    owned = bool(owning) or bool(t.no_beneficial_owner_reason)
    decisive = [
        *([STATUS] if status is None else []),
        *([] if officers or owned else [OFFICERS, OWNERSHIP]),
    ]
    other = [
        *([OFFICERS] if not officers and owned else []),
        *([OWNERSHIP] if not owned and officers else []),
        *([LEGAL_FORM] if not t.legal_form else []),
        *([INCORPORATED] if t.incorporated_on is None else []),
        *([ACCOUNTS] if not accounts else []),
    ]
    return Coverage(
        sources=tuple(
            SourceCoverage(
                source=s,
                status=status is not None and s in STATUS_SOURCES,
                officers=n[0],
                ownership=n[1],
                accounts=n[2],
            )
            for s, n in sorted(by.items())
        ),
        status=status,
        officers=len(officers),
        ownership=len(owning),
        accounts=accounts,
        sufficient=not decisive,
        missing=tuple(dict.fromkeys([*decisive, *other])),
    )
