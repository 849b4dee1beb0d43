"""One company's financial picture at a date: its latest statement's ratios with their evidence,
each ratio's position among its peers, and each ratio and key figure over the years with the
peers' median beside it. Pure: the query layer fetches the statements and the peer groups
`peer_groups` asks for, in two round trips whatever the number of companies.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from graph_schema.financials import FinancialStatement
from graphapi.analytics.financials.peers import (
    MIN_PEERS,
    PeerPosition,
    PeerValue,
    Pool,
    percentile_rank,
    pool,
)
from graphapi.analytics.financials.ratios import RATIO_NAMES, Ratio, ratio_values, ratios
from graphapi.analytics.financials.trends import Trend, trend, trends, yearly


@dataclass(frozen=True)
class PeerGroup:
    """Companies of one activity class (4 digits) or division (2 digits) with statements of
    one size class ending in one calendar year: what one peer query fetches."""

    code: str  # "SIC:4120", "NACE:43.91", "NACE:43"
    digits: int  # 4 or 2
    year: int
    size_class: str
    consolidated: bool = False


@dataclass(frozen=True)
class PeerStatement:
    """A peer's statement, reduced to what its ratios need."""

    company: str
    sector_class: str | None
    period_end: date
    comparative: bool
    days: int | None  # period length (ratios in days are prorated)
    figures: Mapping[str, Decimal]


class RatioPoint(BaseModel):
    """One year of a ratio: the company's value (None when it cannot be computed) and the
    median of its peers that year."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    period_end: date
    statement: str  # FinancialStatement.key
    comparative: bool
    value: Decimal | None
    peer_median: Decimal | None
    peers: int
    peer_group: str | None


class RatioAnalysis(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    ratio: Ratio  # of the latest statement
    position: PeerPosition
    trend: Trend  # the company's values over the years, with changes
    points: tuple[RatioPoint, ...]  # every year, oldest first, with the peers' median


class FinancialAnalysis(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    company: str
    as_of: date
    consolidated: bool
    statement: FinancialStatement | None  # the latest at as_of
    sector: str | None  # the activity class peers are drawn from
    size_class: str | None
    ratios: tuple[RatioAnalysis, ...]
    figure_trends: tuple[Trend, ...]
    reason: str | None = None  # why there is nothing to analyse


def series(
    statements: Iterable[FinancialStatement], as_of: date, consolidated: bool = False
) -> list[FinancialStatement]:
    """One statement per year up to `as_of`, oldest first (own figures before comparatives)."""
    return [s for s in yearly(statements, consolidated) if s.period_end <= as_of]


def peer_groups(
    sector_class: str | None,
    sector_division: str | None,
    statements: Sequence[FinancialStatement],
    years: int | None = None,
) -> list[PeerGroup]:
    """The groups to fetch for these yearly statements (the latest `years` of them): class
    and division together, so the fallback needs no second round trip."""
    chosen = statements[-years:] if years else statements
    out: dict[PeerGroup, None] = {}
    for s in chosen:
        size = s.size_class
        if size is None:
            continue
        for code, digits in ((sector_class, 4), (sector_division, 2)):
            if code:
                out[PeerGroup(code, digits, s.period_end.year, size, s.consolidated)] = None
    return list(out)


def _one_per_company(rows: Iterable[PeerStatement]) -> list[PeerStatement]:
    """A peer's own statement before a comparative, the latest period end of the year."""
    best: dict[str, PeerStatement] = {}
    for row in rows:
        have = best.get(row.company)
        rank = (not row.comparative, row.period_end)
        if have is None or rank > (not have.comparative, have.period_end):
            best[row.company] = row
    return list(best.values())


def _universe(
    groups: Iterable[PeerGroup], peers: Mapping[PeerGroup, Sequence[PeerStatement]]
) -> dict[tuple[int, str], list[PeerValue]]:
    """(year, ratio) -> every peer value of the fetched groups, one per company."""
    out: dict[tuple[int, str], list[PeerValue]] = {}
    seen: set[tuple[int, str, str]] = set()
    for group in groups:
        for row in _one_per_company(peers.get(group, ())):
            if (group.year, group.size_class, row.company) in seen:
                continue  # in the class and in the division
            seen.add((group.year, group.size_class, row.company))
            for name, value in ratio_values(row.figures, row.days).items():
                if value is not None:
                    peer = PeerValue(
                        company=row.company,
                        activity_code=row.sector_class,
                        size_class=group.size_class,
                        year=group.year,
                        value=value,
                    )
                    out.setdefault((group.year, name), []).append(peer)
    return out


def _lookup(values: Mapping[str, Decimal | None]) -> Callable[[FinancialStatement], Decimal | None]:
    def get(s: FinancialStatement) -> Decimal | None:
        return values.get(s.key)

    return get


def analyse(
    company: str,
    sector_class: str | None,
    sector_division: str | None,
    statements: Iterable[FinancialStatement],
    as_of: date,
    peers: Mapping[PeerGroup, Sequence[PeerStatement]],
    consolidated: bool = False,
    min_peers: int = MIN_PEERS,
) -> FinancialAnalysis:
    """Ratios of the latest statement at `as_of` with peers and trends (see module doc)."""
    yearly_statements = series(statements, as_of, consolidated)
    activity = sector_class or sector_division
    if not yearly_statements:
        scope = "consolidated" if consolidated else "company"
        return FinancialAnalysis(
            company=company,
            as_of=as_of,
            consolidated=consolidated,
            statement=None,
            sector=activity,
            size_class=None,
            ratios=(),
            figure_trends=(),
            reason=f"no {scope} accounts ending on or before {as_of} in the graph",
        )
    latest = yearly_statements[-1]
    groups = peer_groups(sector_class, sector_division, yearly_statements)
    universe = _universe(groups, peers)
    per_year = [(s, ratios(s)) for s in yearly_statements]

    def peers_of(s: FinancialStatement, name: str) -> Pool:
        """The peers' values of ratio `name` in the year of `s`, for a company of its size."""
        year = s.period_end.year
        return pool(
            company, activity, s.size_class, year, universe.get((year, name), ()), min_peers
        )

    analysed = []
    for name in RATIO_NAMES:
        points = []
        for s, computed in per_year:
            found = peers_of(s, name)
            points.append(
                RatioPoint(
                    period_end=s.period_end,
                    statement=s.key,
                    comparative=s.comparative,
                    value=computed[name].value,
                    peer_median=found.median,
                    peers=len(found.values),
                    peer_group=found.group,
                )
            )
        ratio = per_year[-1][1][name]
        last = peers_of(latest, name)
        position = PeerPosition(
            group=last.group,
            peers=len(last.values),
            median=last.median,
            percentile=None
            if ratio.value is None
            else percentile_rank(ratio.value, list(last.values)),
            fallback=last.fallback,
            reason=last.reason,
        )
        values = {p.statement: p.value for p in points}
        analysed.append(
            RatioAnalysis(
                ratio=ratio,
                position=position,
                trend=trend(yearly_statements, name, _lookup(values), consolidated),
                points=tuple(points),
            )
        )
    return FinancialAnalysis(
        company=company,
        as_of=as_of,
        consolidated=consolidated,
        statement=latest,
        sector=activity,
        size_class=latest.size_class,
        ratios=tuple(analysed),
        figure_trends=tuple(trends(yearly_statements, consolidated).values()),
    )
