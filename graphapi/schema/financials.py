"""Company.financials and Company.ratios: filed accounts, ratios, peers and trends.

Thin resolvers: statements through the key-batched `accounts` loader, peer groups through the
`peers` loader (both batched across every company of a request: two round trips whatever the
number of companies), then the pure analysis of graphapi/analytics/financials/analysis.py off
the event loop.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from decimal import Decimal
from enum import Enum

import anyio
import strawberry

from graph_schema.errors import InvalidInput
from graph_schema.financials import FinancialStatement
from graphapi.analytics.financials.analysis import (
    FinancialAnalysis,
    PeerGroup,
    PeerStatement,
    RatioAnalysis,
    analyse,
    peer_groups,
    series,
)
from graphapi.analytics.financials.trends import Trend
from graphapi.context import Info
from graphapi.schema.common import Provenance, described, from_attrs

MAX_YEARS = 50


@strawberry.enum(description="The canonical figures of a financial statement (docs/accounts.md).")
class FigureName(Enum):
    FIXED_ASSETS = "fixed_assets"
    CURRENT_ASSETS = "current_assets"
    INVENTORIES = "inventories"
    TRADE_RECEIVABLES = "trade_receivables"
    CASH = "cash"
    TOTAL_ASSETS = "total_assets"
    EQUITY = "equity"
    PROVISIONS = "provisions"
    TOTAL_DEBTS = "total_debts"
    LONG_TERM_DEBTS = "long_term_debts"
    CURRENT_LIABILITIES = "current_liabilities"
    FINANCIAL_DEBTS = "financial_debts"
    TRADE_PAYABLES = "trade_payables"
    TURNOVER = "turnover"
    COST_OF_SALES = "cost_of_sales"
    PURCHASES = "purchases"
    GROSS_MARGIN = "gross_margin"
    STAFF_COSTS = "staff_costs"
    DEPRECIATION = "depreciation"
    OPERATING_RESULT = "operating_result"
    PROFIT_BEFORE_TAX = "profit_before_tax"
    NET_RESULT = "net_result"
    EMPLOYEES = "employees"


@strawberry.enum(description="gearing, general solvency, current and quick ratio, DSO, DPO.")
class RatioName(Enum):
    GEARING = "gearing"
    GENERAL_SOLVENCY = "general_solvency"
    CURRENT_RATIO = "current_ratio"
    QUICK_RATIO = "quick_ratio"
    DSO = "dso"
    DPO = "dpo"


@strawberry.type(description="A figure as the filing states it, with where it was read.")
class FinancialFigure:
    name: FigureName
    value: Decimal = strawberry.field(description="In the statement's currency, as printed.")
    sources: list[str] = strawberry.field(
        description="Taxonomy concepts, NBB rubric codes or liasse-fiscale lines it came from."
    )
    formula: str | None = strawberry.field(description="How the sources were combined.")


@strawberry.type(
    name="FinancialStatement",
    description="One period of a company's filed accounts (company or group).",
)
class FinancialStatement_:
    id: strawberry.ID = strawberry.field(description="The statement's graph key.")
    company_name: str | None = strawberry.field(description="The name printed on the filing.")
    period_start: dt.date | None
    period_end: dt.date
    accounts_type: str = strawberry.field(
        description="micro, abridged, abbreviated, filleted, small, simplified, full, unknown."
    )
    dormant: bool | None
    llp: bool
    consolidated: bool = strawberry.field(description="The group's figures, not the company's.")
    comparative: bool = strawberry.field(
        description="Prior-year figures carried by a later filing (no filing of its own loaded)."
    )
    audited: bool | None
    accounting_standard: str | None
    model: str | None = strawberry.field(description="Taxonomy, NBB model or Cerfa form.")
    currency: str | None
    source_format: str
    size_class: str | None = strawberry.field(description="micro, small, medium or large.")
    notes: list[str] = strawberry.field(description="What the reader had to decide.")
    figures: list[FinancialFigure] = strawberry.field(
        description="The figures the filing states; a figure it does not state is absent."
    )
    provenance: Provenance

    @described("One figure, or null when the filing does not state it.")
    def figure(self, name: FigureName) -> FinancialFigure | None:
        return next((f for f in self.figures if f.name == name), None)

    @staticmethod
    def of(s: FinancialStatement) -> FinancialStatement_:
        return from_attrs(
            FinancialStatement_,
            s,
            id=strawberry.ID(s.key),
            accounts_type=s.accounts_type.value,
            source_format=s.source_format.value,
            notes=list(s.notes),
            figures=[
                from_attrs(FinancialFigure, f, name=FigureName(n), sources=list(f.sources))
                for n, f in s.stated().items()
            ],
            provenance=from_attrs(Provenance, s.provenance, sources=[s.provenance.source]),
        )


@strawberry.type(description="A figure a ratio was computed from.")
class RatioInput:
    figure: FigureName
    value: Decimal
    sources: list[str]


@strawberry.type(description="A ratio among its peers: same sector, size class and year.")
class PeerPosition:
    group: str | None = strawberry.field(description='e.g. "SIC:4120 / small / 2024".')
    peers: int = strawberry.field(description="Peers reporting the ratio, the company excluded.")
    median: Decimal | None
    percentile: Decimal | None = strawberry.field(
        description="Share of peers below the company, ties counted half (0-100)."
    )
    fallback: bool = strawberry.field(
        description="The 2-digit division was used: the 4-digit group was too small."
    )
    reason: str | None


@strawberry.type(description="One year of a ratio, with the peers' median that year.")
class RatioPoint:
    period_end: dt.date
    statement_id: strawberry.ID
    comparative: bool
    value: Decimal | None = strawberry.field(description="Null when it cannot be computed.")
    peer_median: Decimal | None
    peers: int
    peer_group: str | None


@strawberry.type(description="A change between two consecutive years of a series.")
class TrendChange:
    from_period: dt.date
    to_period: dt.date
    delta: Decimal
    pct: Decimal | None = strawberry.field(
        description="Percent change; null when the earlier value is 0 or the sign changes."
    )


@strawberry.type(description="A figure or ratio over the company's filings.")
class FinancialTrend:
    name: str
    direction: str | None = strawberry.field(description="up, down or flat; null below 2 years.")
    changes: list[TrendChange]
    points: list[RatioPoint]


@strawberry.type(description="A ratio of the latest statement, with peers and trend.")
class FinancialRatio:
    name: RatioName
    value: Decimal | None = strawberry.field(description="Null with a reason when not computed.")
    formula: str
    unit: str = strawberry.field(description="ratio or days.")
    inputs: list[RatioInput]
    reason: str | None
    peers: PeerPosition
    trend: FinancialTrend


@strawberry.type(description="The company's ratios at a date, against peers and over years.")
class FinancialRatios:
    company_id: strawberry.ID
    as_of: dt.date
    consolidated: bool
    statement: FinancialStatement_ | None = strawberry.field(
        description="The latest statement ending on or before asOf."
    )
    sector: str | None = strawberry.field(description="The activity class peers come from.")
    size_class: str | None
    ratios: list[FinancialRatio]
    figure_trends: list[FinancialTrend] = strawberry.field(
        description="Equity, net result, employees, turnover and total assets over the years."
    )
    reason: str | None = strawberry.field(description="Why there is nothing to compute.")


def _points_of(t: Trend) -> list[RatioPoint]:
    return [
        RatioPoint(
            period_end=dt.date.fromisoformat(p.period_end),
            statement_id=strawberry.ID(p.statement),
            comparative=p.comparative,
            value=p.value,
            peer_median=None,
            peers=0,
            peer_group=None,
        )
        for p in t.points
    ]


def _trend(t: Trend, points: list[RatioPoint]) -> FinancialTrend:
    return from_attrs(
        FinancialTrend,
        t,
        changes=[
            from_attrs(
                TrendChange,
                c,
                from_period=dt.date.fromisoformat(c.from_period),
                to_period=dt.date.fromisoformat(c.to_period),
            )
            for c in t.changes
        ],
        points=points,
    )


def _ratio(r: RatioAnalysis) -> FinancialRatio:
    points = [from_attrs(RatioPoint, p, statement_id=strawberry.ID(p.statement)) for p in r.points]
    return from_attrs(
        FinancialRatio,
        r.ratio,
        name=RatioName(r.ratio.name),
        inputs=[
            from_attrs(RatioInput, i, figure=FigureName(i.figure), sources=list(i.sources))
            for i in r.ratio.inputs
        ],
        peers=from_attrs(PeerPosition, r.position),
        trend=_trend(r.trend, points),
    )


def ratios_of(a: FinancialAnalysis) -> FinancialRatios:
    return from_attrs(
        FinancialRatios,
        a,
        company_id=strawberry.ID(a.company),
        statement=FinancialStatement_.of(a.statement) if a.statement else None,
        ratios=[_ratio(r) for r in a.ratios],
        figure_trends=[_trend(t, _points_of(t)) for t in a.figure_trends],
    )


def _years(years: int) -> int:
    if not 1 <= years <= MAX_YEARS:
        raise InvalidInput(f"years must be between 1 and {MAX_YEARS}, got {years}", "years")
    return years


async def company_financials(
    info: Info, key: str, years: int, consolidated: bool | None
) -> list[FinancialStatement_]:
    _years(years)
    accounts = await info.context.loaders.accounts.load(key)
    if accounts is None:
        return []
    scopes = (False, True) if consolidated is None else (consolidated,)
    chosen = []
    for scope in scopes:
        # One statement per period end (the filing's own before a comparative), latest years.
        chosen += series(accounts.statements, dt.date.max, scope)[-years:]
    chosen.sort(key=lambda s: (s.period_end, not s.consolidated), reverse=True)
    return [FinancialStatement_.of(s) for s in chosen]


async def company_ratios(
    info: Info, key: str, as_of: dt.date | None, consolidated: bool, years: int
) -> FinancialRatios:
    _years(years)
    when = as_of or dt.date.today()
    accounts = await info.context.loaders.accounts.load(key)
    statements = accounts.statements if accounts else ()
    sector_class = accounts.sector_class if accounts else None
    sector_division = accounts.sector_division if accounts else None
    yearly = series(statements, when, consolidated)[-years:]
    groups = peer_groups(sector_class, sector_division, yearly)
    found = await asyncio.gather(*(info.context.loaders.peers.load(g) for g in groups))
    peers: dict[PeerGroup, list[PeerStatement]] = dict(zip(groups, found, strict=True))
    analysis = await anyio.to_thread.run_sync(
        lambda: analyse(key, sector_class, sector_division, yearly, when, peers, consolidated)
    )
    return ratios_of(analysis)
