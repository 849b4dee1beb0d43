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

from graph_schema.financials import FinancialStatement

MIN_PEERS = 10  # below this a median says little; fall back to the 2-digit division

# (class, total assets, turnover, employees) upper limits; EU Directive 2013/34/EU art. 3 as
# amended by Delegated Directive (EU) 2023/2775 (EUR), and the UK Companies Act 2006 ss. 382,
# 384A, 465 as amended from 6 April 2025 (GBP).
SIZE_LIMITS: dict[str, tuple[tuple[str, Decimal, Decimal, Decimal], ...]] = {
    "EUR": (
        ("micro", Decimal(450_000), Decimal(900_000), Decimal(10)),
        ("small", Decimal(7_500_000), Decimal(15_000_000), Decimal(50)),
        ("medium", Decimal(25_000_000), Decimal(50_000_000), Decimal(250)),
    ),
    "GBP": (
        ("micro", Decimal(500_000), Decimal(1_000_000), Decimal(10)),
        ("small", Decimal(7_500_000), Decimal(15_000_000), Decimal(50)),
        ("medium", Decimal(27_000_000), Decimal(54_000_000), Decimal(250)),
    ),
}
PCT_PLACES = Decimal("0.1")


def sector(activity_code: str | None, digits: int) -> str | None:
    """`NACE:43.91` / `SIC:41201` / `NAF:4391Z` -> the 4- or 2-digit group, scheme kept."""
    if not activity_code:
        return None
    scheme, _, code = activity_code.partition(":")
    if not code:
        scheme, code = "NACE", scheme
    numbers = "".join(ch for ch in code if ch.isdigit())
    if len(numbers) < digits:
        return None
    scheme = {"NAF": "NACE", "NACEBEL": "NACE"}.get(scheme.upper(), scheme.upper())
    group = numbers[:digits]
    if scheme == "NACE" and digits == 4:
        group = f"{group[:2]}.{group[2:]}"
    return f"{scheme}:{group}"


def size_class(s: FinancialStatement) -> str | None:
    """micro/small/medium/large from total assets, turnover and employees (2 of 3 criteria);
    None when fewer than two criteria are stated or the currency has no thresholds."""
    limits = SIZE_LIMITS.get(s.currency or "")
    values = (s.value("total_assets"), s.value("turnover"), s.value("employees"))
    if limits is None or sum(v is not None for v in values) < 2:
        return None
    for name, *caps in limits:
        exceeded = sum(v is not None and v > cap for v, cap in zip(values, caps, strict=True))
        if exceeded <= 1:
            return name
    return "large"


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


def position(
    company: PeerValue, universe: Iterable[PeerValue], min_peers: int = MIN_PEERS
) -> PeerPosition:
    """Median and percentile of `company` among the same-sector, same-size, same-year peers."""
    pool = [
        p
        for p in universe
        if p.company != company.company
        and p.year == company.year
        and p.size_class == company.size_class
    ]
    if company.size_class is None:
        return PeerPosition(
            group=None,
            peers=0,
            median=None,
            percentile=None,
            fallback=False,
            reason="size class unknown (fewer than two size criteria stated)",
        )
    tried: list[str] = []
    for digits, fallback in ((4, False), (2, True)):
        code = sector(company.activity_code, digits)
        if code is None:
            continue
        values = [p.value for p in pool if sector(p.activity_code, digits) == code]
        group = f"{code} / {company.size_class} / {company.year}"
        tried.append(f"{group}: {len(values)}")
        if len(values) >= min_peers or (fallback and values):
            return PeerPosition(
                group=group,
                peers=len(values),
                median=statistics.median(values),
                percentile=percentile_rank(company.value, values),
                fallback=fallback,
                reason=None if len(values) >= min_peers else f"fewer than {min_peers} peers",
            )
    reason = (
        "no activity code" if company.activity_code is None else "no peers: " + "; ".join(tried)
    )
    return PeerPosition(
        group=None, peers=0, median=None, percentile=None, fallback=False, reason=reason
    )
