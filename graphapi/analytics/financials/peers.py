"""A company's ratio among its peers: same sector, same size class, same year.

Sector: the 4-digit activity code (NACE class `43.91`, UK SIC 2007 `4120` from `41201`),
falling back to the 2-digit division when fewer than `min_peers` peers report the ratio.
Size class: micro / small / medium / large by the EU accounting directive's criteria (a class is
kept when no more than one of its three limits is exceeded). Position: the median of the peers
and the company's percentile rank (share of peers below it, ties counted half), the company
itself excluded.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from pydantic import BaseModel, ConfigDict

from graph_schema.financials import FinancialStatement, sector

MIN_PEERS = 10  # below this a median says little; fall back to the 2-digit division

PCT_PLACES = Decimal("0.1")


def size_class(s: FinancialStatement) -> str | None:
    """micro/small/medium/large (graph_schema.financials.size_class)."""
    return s.size_class


@dataclass(frozen=True)
class PeerValue:
    company: str  # company key
    activity_code: str | None
    size_class: str | None
    year: int
    value: Decimal


class PeerPosition(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    group: str | None  # "NACE:43.91 / small / 2024"
    peers: int
    median: Decimal | None
    percentile: Decimal | None  # 0-100; None without peers
    fallback: bool  # the 2-digit division was used
    reason: str | None = None


def percentile_rank(value: Decimal, others: list[Decimal]) -> Decimal | None:
    if not others:
        return None
    below = sum(1 for o in others if o < value)
    ties = sum(1 for o in others if o == value)
    pct = (Decimal(below) + Decimal(ties) / 2) / len(others) * 100
    return pct.quantize(PCT_PLACES, rounding=ROUND_HALF_UP)


class Pool(BaseModel):
    """The peers a company is compared with for one ratio and year, and how they were chosen."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    group: str | None  # "NACE:43.91 / small / 2024"
    values: tuple[Decimal, ...]
    fallback: bool
    reason: str | None = None

    @property
    def median(self) -> Decimal | None:
        return statistics.median(self.values) if self.values else None


def pool(
    company: str,
    activity_code: str | None,
    size: str | None,
    year: int,
    universe: Iterable[PeerValue],
    min_peers: int = MIN_PEERS,
) -> Pool:
    """The same-sector, same-size, same-year peers of `company` (itself excluded): the 4-digit
    group, or the 2-digit division when the group has fewer than `min_peers`."""
    if size is None:
        return Pool(
            group=None,
            values=(),
            fallback=False,
            reason="size class unknown (fewer than two size criteria stated)",
        )
    candidates = [
        p for p in universe if p.company != company and p.year == year and p.size_class == size
    ]
    tried: list[str] = []
    for digits, fallback in ((4, False), (2, True)):
        code = sector(activity_code, digits)
        if code is None:
            continue
        values = tuple(p.value for p in candidates if sector(p.activity_code, digits) == code)
        group = f"{code} / {size} / {year}"
        tried.append(f"{group}: {len(values)}")
        if len(values) >= min_peers or (fallback and values):
            reason = None if len(values) >= min_peers else f"fewer than {min_peers} peers"
            return Pool(group=group, values=values, fallback=fallback, reason=reason)
    reason = "no activity code" if activity_code is None else "no peers: " + "; ".join(tried)
    return Pool(group=None, values=(), fallback=False, reason=reason)


def position(
    company: PeerValue, universe: Iterable[PeerValue], min_peers: int = MIN_PEERS
) -> PeerPosition:
    """Median and percentile of `company` among the same-sector, same-size, same-year peers."""
    found = pool(
        company.company,
        company.activity_code,
        company.size_class,
        company.year,
        universe,
        min_peers,
    )
    values = list(found.values)
    return PeerPosition(
        group=found.group,
        peers=len(values),
        median=found.median,
        percentile=percentile_rank(company.value, values),
        fallback=found.fallback,
        reason=found.reason,
    )
