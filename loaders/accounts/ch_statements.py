"""One Companies House accounts filing (inline XBRL or XBRL bytes) -> its financial statements.

A filing gives up to four statements: the company's current period and its comparative prior
period and, when it carries consolidated figures, the group's current and prior periods. A
filing that cannot be read, names no company, names two, or tags one figure twice with two
values becomes a `Rejection` with the reason.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from graph_schema.errors import InvalidInput
from graph_schema.financials import (
    AccountsType,
    CompanyRef,
    Figure,
    FinancialStatement,
    SourceFormat,
)
from graph_schema.identifiers import normalise_identifier
from graph_schema.provenance import Provenance
from loaders.accounts import ch_concepts as cc
from loaders.accounts.ch_figures import FactTable, balance_sheet, profit_and_loss
from loaders.accounts.xbrl_facts import Document, XbrlError, read_document, text_date
from loaders.rejects import Location, Rejection

SOURCE = "companies-house-accounts"
FORMAT = "ch-accounts"

_BULK_NAME = re.compile(r"Prod\d+_\d+_([A-Za-z0-9]+)_(\d{8})")
_API_NAME = re.compile(r"GB-COH-([A-Za-z0-9]+)-(\d{4}-\d{2}-\d{2})")
_CIC_NAME = re.compile(r"CIC-([A-Za-z0-9]+)/")
_LLP_PREFIXES = ("OC", "SO", "NC")


@dataclass(frozen=True)
class NameHints:
    """What a bulk member or file name says: `Prod223_<run>_<company>_<yyyymmdd>.html`."""

    company: str | None
    period_end: date | None


def name_hints(name: str) -> NameHints:
    if m := _BULK_NAME.search(name):
        d = m.group(2)
        try:
            end: date | None = date(int(d[:4]), int(d[4:6]), int(d[6:]))
        except ValueError:
            end = None
        return NameHints(m.group(1), end)
    if m := _API_NAME.search(name):
        return NameHints(m.group(1), date.fromisoformat(m.group(2)))
    if m := _CIC_NAME.search(name):
        return NameHints(m.group(1), None)
    return NameHints(None, None)


@dataclass
class Meta:
    number: str | None = None
    name: str | None = None
    balance_sheet_date: date | None = None
    period_start: date | None = None
    period_end: date | None = None
    dormant: bool | None = None
    members: frozenset[tuple[str, str]] = frozenset()


def _meta(doc: Document) -> Meta:
    meta = Meta()
    members: set[tuple[str, str]] = set()
    for f in doc.facts:
        if f.numeric or not cc.is_meta_namespace(f.namespace):
            continue
        members.update(f.context.dims)
        text = (f.text or "").strip()
        group = f.context.member(cc.GROUP_DIM) is not None
        if f.name in cc.COMPANY_NUMBER and text and (meta.number is None or not group):
            meta.number = text
        elif f.name in cc.COMPANY_NAME and text and meta.name is None:
            meta.name = text
        elif f.name in cc.BALANCE_SHEET_DATE and (d := text_date(text)):
            if meta.balance_sheet_date is None or not group:
                meta.balance_sheet_date = d
        elif f.name in cc.PERIOD_END and (d := text_date(text)):
            meta.period_end = meta.period_end or d
        elif f.name in cc.PERIOD_START and (d := text_date(text)):
            meta.period_start = meta.period_start or d
        elif f.name in cc.DORMANT and text.lower() in ("true", "false"):
            meta.dormant = text.lower() == "true"
        elif f.name in cc.NOT_DORMANT and text.lower() in ("true", "false"):
            meta.dormant = text.lower() != "true"
    meta.members = frozenset(members)
    return meta


def _members(meta: Meta, dim: str) -> set[str]:
    return {m for d, m in meta.members if d == dim}


def _accounts_type(meta: Meta, taxonomy: str | None) -> AccountsType:
    types = _members(meta, cc.ACCOUNTS_TYPE_DIM)
    if "Micro-entities" in _members(meta, cc.STANDARDS_DIM):
        return AccountsType.MICRO
    for member, kind in (
        ("AbridgedAccounts", AccountsType.ABRIDGED),
        ("FilletedAccounts", AccountsType.FILLETED),
        ("AbbreviatedAccounts", AccountsType.ABBREVIATED),
    ):
        if member in types:
            return kind
    if "FullAccounts" in types:
        small = "SmallEntities" in _members(meta, cc.STANDARDS_DIM)
        return AccountsType.SMALL if small else AccountsType.FULL
    if taxonomy and taxonomy.startswith("CH-AE"):
        return AccountsType.ABBREVIATED  # the 2008 "ae" schema is abbreviated accounts
    return AccountsType.UNKNOWN


def _company(meta: Meta, hints: NameHints) -> CompanyRef | str:
    """The company's number, normalised to 8 characters, or the reason there is none."""
    numbers: dict[str, str] = {}
    for origin, raw in (("filing", meta.number), ("file name", hints.company)):
        if raw:
            try:
                numbers[origin] = normalise_identifier("GB-COH", raw)[1]
            except InvalidInput:
                if origin == "filing" and hints.company is None:
                    return f"invalid company number {raw!r} in the filing"
    if len(set(numbers.values())) > 1:
        return (
            f"company number {numbers['filing']} in the filing differs from "
            f"{numbers['file name']} in the file name"
        )
    if not numbers:
        return "no company number in the filing or its file name"
    return CompanyRef(scheme="GB-COH", number=next(iter(numbers.values())))


def _periods(
    doc: Document, meta: Meta, hints: NameHints
) -> tuple[tuple[date | None, date], tuple[date | None, date] | None] | None:
    """(current start, end) and (prior start, end) from the metadata and the contexts."""
    dated = [
        f.context
        for f in doc.facts
        if f.numeric and f.context.end is not None and cc.is_figure_namespace(f.namespace)
    ]
    ends = {c.end for c in dated if c.end is not None}
    candidates = [meta.balance_sheet_date, meta.period_end, hints.period_end]
    end = next((d for d in candidates if d is not None and d in ends), None)
    if end is None:
        end = next((d for d in candidates if d is not None), None) or max(ends, default=None)
    if end is None:
        return None

    def start_of(period_end: date) -> date | None:
        starts = Counter(c.start for c in dated if c.end == period_end and c.start is not None)
        return starts.most_common(1)[0][0] if starts else None

    start = meta.period_start if meta.period_start and meta.period_start < end else start_of(end)
    earlier = sorted(
        (d for d in _balance_dates(doc) if d < end and (start is None or d < start)), reverse=True
    )
    prior_end = start - timedelta(days=1) if start is not None else None
    if prior_end not in earlier:
        prior_end = earlier[0] if earlier and earlier[0] > end - timedelta(days=550) else None
    prior = (start_of(prior_end), prior_end) if prior_end is not None else None
    return (start, end), prior


_ANCHORS = frozenset(
    {
        "CurrentAssets",
        "Creditors",
        "CreditorsDueWithinOneYear",
        "NetAssetsLiabilities",
        "Equity",
        "ShareholderFunds",
        "FixedAssets",
        "NetCurrentAssetsLiabilities",
        "TotalAssetsLessCurrentLiabilities",
        "NetAssetsLiabilitiesIncludingPensionAssetLiability",
    }
)


def _balance_dates(doc: Document) -> set[date]:
    """Dates a balance sheet is drawn up at: two or more of its main lines tagged there (an
    opening balance in a fixed-asset note is not a comparative balance sheet), or the end of a
    period with figures (employees, P&L)."""
    lines: dict[date, set[str]] = {}
    found: set[date] = set()
    for f in doc.facts:
        c = f.context
        if not f.numeric or c.end is None or not cc.is_figure_namespace(f.namespace):
            continue
        if c.start is not None and c.start < c.end:
            found.add(c.end)
        elif f.name in _ANCHORS:
            lines.setdefault(c.end, set()).add(f.name)
    return found | {d for d, names in lines.items() if len(names) >= 2}


def _currency(doc: Document) -> str | None:
    units = Counter(
        f.unit for f in doc.facts if f.numeric and f.unit and len(f.unit) == 3 and f.unit.isupper()
    )
    return units.most_common(1)[0][0] if units else None


def read_ch_filing(
    data: bytes, member: str, source_file: str | None = None
) -> Iterator[FinancialStatement | Rejection]:
    """Statements of one filing; `member` is its file or zip member name (gives the hints)."""
    location = Location(file=source_file or member, record=member if source_file else None)
    try:
        doc = read_document(data)
    except XbrlError as exc:
        yield Rejection(location, f"unreadable accounts: {exc}", format=FORMAT)
        return
    hints = name_hints(member)
    meta = _meta(doc)
    company = _company(meta, hints)
    if isinstance(company, str):
        yield Rejection(location, company, raw=meta.number, format=FORMAT)
        return
    periods = _periods(doc, meta, hints)
    if periods is None:
        yield Rejection(location, "no balance sheet date and no dated figure", format=FORMAT)
        return
    yield from _statements(doc, meta, company, periods, location, member, source_file)


def _statements(
    doc: Document,
    meta: Meta,
    company: CompanyRef,
    periods: tuple[tuple[date | None, date], tuple[date | None, date] | None],
    location: Location,
    member: str,
    source_file: str | None,
) -> Iterator[FinancialStatement | Rejection]:
    taxonomy = cc.taxonomy_label(doc.namespaces())
    standards = [cc.STANDARDS[m] for m in _members(meta, cc.STANDARDS_DIM) if m in cc.STANDARDS]
    status = _members(meta, cc.STATUS_DIM)
    llp = bool(_members(meta, cc.LEGAL_FORM_DIM) & cc.LLP_MEMBERS) or company.number.startswith(
        _LLP_PREFIXES
    )
    common = dict(
        company=company,
        company_name=meta.name,
        accounts_type=_accounts_type(meta, taxonomy),
        dormant=meta.dormant,
        llp=llp,
        audited=("Audited" in status) if status else None,
        accounting_standard=sorted(standards)[0]
        if standards
        else ("UK-GAAP" if taxonomy and not taxonomy.startswith("FRC") else None),
        model=taxonomy,
        currency=_currency(doc),
        source_format=SourceFormat.CH_IXBRL if doc.kind == "ixbrl" else SourceFormat.CH_XBRL,
        provenance=Provenance(source=SOURCE, record_id=member, source_file=source_file),
    )
    built: list[FinancialStatement] = []
    conflicts: set[str] = set()
    current, prior = periods
    for consolidated in (False, True):
        table = FactTable.build(doc.facts, consolidated)
        if consolidated and not table.has_facts():
            continue
        for (start, end), comparative in (
            ((current, False), (prior, True)) if prior else ((current, False),)
        ):
            notes: list[str] = []
            table.notes = []
            figures: dict[str, Figure] = balance_sheet(table, end, notes)
            if start is not None:
                figures.update(profit_and_loss(table, start, end, notes))
            if not figures and (comparative or consolidated):
                continue
            notes += table.notes
            built.append(
                FinancialStatement(
                    period_start=start,
                    period_end=end,
                    consolidated=consolidated,
                    comparative=comparative,
                    notes=tuple(dict.fromkeys(notes)),
                    **common,
                    **figures,
                )
            )
        conflicts |= table.conflicts
    if conflicts:
        yield Rejection(
            location,
            "contradictory filing: the same figure tagged with different "
            "values: " + "; ".join(sorted(conflicts)),
            format=FORMAT,
        )
        return
    yield from built
