"""An NBB deposit (read from its CSV export or its XBRL instance) -> financial statements."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from graph_schema.errors import InvalidInput
from graph_schema.financials import CompanyRef, FinancialStatement, SourceFormat
from graph_schema.identifiers import normalise_identifier
from graph_schema.provenance import Provenance
from loaders.accounts import nbb_rubrics
from loaders.rejects import Location, Rejection

SOURCE = "nbb-cbso"
FORMAT = "nbb-accounts"


@dataclass(frozen=True)
class Period:
    start: date | None
    end: date
    rubrics: dict[str, Decimal]


@dataclass(frozen=True)
class Deposit:
    """What both readers extract from a deposit before building statements."""

    enterprise_number: str | None
    name: str | None
    model: str | None  # "m01-f"
    currency: str | None
    reference: str | None  # NBB deposit reference, e.g. 2025-00069236
    current: Period | None
    prior: Period | None = None
    consolidated: bool = False


def statements(
    deposit: Deposit, location: Location, source_format: SourceFormat, source_file: str
) -> Iterator[FinancialStatement | Rejection]:
    """The current period's statement and, when the deposit carries it, the prior year's."""
    if not deposit.enterprise_number:
        yield Rejection(location, "no enterprise number in the deposit", format=FORMAT)
        return
    try:
        number = normalise_identifier("BE-BCE_KBO", deposit.enterprise_number)[1]
    except InvalidInput as exc:
        yield Rejection(location, str(exc), raw=deposit.enterprise_number, format=FORMAT)
        return
    if deposit.current is None:
        yield Rejection(location, "no accounting period end date in the deposit", format=FORMAT)
        return
    problems = nbb_rubrics.consistency(deposit.current.rubrics)
    if problems:
        yield Rejection(location, "contradictory deposit: " + "; ".join(problems), format=FORMAT)
        return
    record = deposit.reference or location.record or source_file
    for period, comparative in ((deposit.current, False), (deposit.prior, True)):
        if period is None or (comparative and not period.rubrics):
            continue
        yield FinancialStatement(
            company=CompanyRef(scheme="BE-BCE_KBO", number=number),
            company_name=deposit.name,
            period_start=period.start,
            period_end=period.end,
            accounts_type=nbb_rubrics.accounts_type(deposit.model),
            consolidated=deposit.consolidated,
            comparative=comparative,
            accounting_standard="BE-GAAP",
            model=deposit.model,
            currency=deposit.currency,
            source_format=source_format,
            provenance=Provenance(source=SOURCE, record_id=record, source_file=source_file),
            **nbb_rubrics.figures(period.rubrics, deposit.model),
        )
