"""A company's figures and ratios across its filings: one statement per year, then the changes.

Several filings can state the same period: the filing of that period, and the next year's
filing as comparative (possibly restated). The filing's own statement wins; a comparative fills
a year for which no filing of its own was loaded. Company and group figures are never mixed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal

from pydantic import BaseModel, ConfigDict

from graph_schema.financials import FinancialStatement

PCT_PLACES = Decimal("0.01")


class Point(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    period_end: str  # ISO date
    value: Decimal
    statement: str  # FinancialStatement.key
    comparative: bool


class Change(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    from_period: str
    to_period: str
    delta: Decimal
    pct: Decimal | None  # None when the earlier value is 0 (or the sign changes)


class Trend(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    points: tuple[Point, ...]
    changes: tuple[Change, ...]
    direction: str | None  # "up", "down", "flat" over the whole series; None if < 2 points


def yearly(
    statements: Iterable[FinancialStatement], consolidated: bool = False
) -> list[FinancialStatement]:
    """One statement per period end, oldest first (a filing's own figures beat comparatives)."""
    chosen: dict[str, FinancialStatement] = {}
    for s in statements:
        if s.consolidated != consolidated:
            continue
        key = s.period_end.isoformat()
        current = chosen.get(key)
        if current is None or (current.comparative and not s.comparative):
            chosen[key] = s
    return [chosen[k] for k in sorted(chosen)]


def _pct(old: Decimal, new: Decimal) -> Decimal | None:
    if old == 0 or (old < 0) != (new < 0) and new != 0:
        return None
    return ((new - old) / abs(old) * 100).quantize(PCT_PLACES, rounding=ROUND_HALF_UP)


def trend(
    statements: Iterable[FinancialStatement],
    name: str,
    value: Callable[[FinancialStatement], Decimal | None] | None = None,
    consolidated: bool = False,
) -> Trend:
    """The series of a figure (or of any value of a statement, e.g. a ratio) over the years;
    years where it is not stated are left out, never read as 0."""
    get = value or (lambda s: s.value(name))
    points = []
    for s in yearly(statements, consolidated):
        v = get(s)
        if v is not None:
            points.append(
                Point(
                    period_end=s.period_end.isoformat(),
                    value=v,
                    statement=s.key,
                    comparative=s.comparative,
                )
            )
    changes = tuple(
        Change(
            from_period=a.period_end,
            to_period=b.period_end,
            delta=b.value - a.value,
            pct=_pct(a.value, b.value),
        )
        for a, b in zip(points, points[1:], strict=False)
    )
    direction = None
    if len(points) >= 2:
        first, last = points[0].value, points[-1].value
        direction = "up" if last > first else "down" if last < first else "flat"
    return Trend(name=name, points=tuple(points), changes=changes, direction=direction)


TREND_FIGURES = ("equity", "net_result", "employees", "turnover", "total_assets")


def trends(
    statements: Iterable[FinancialStatement], consolidated: bool = False
) -> dict[str, Trend]:
    items = list(statements)
    return {n: trend(items, n, consolidated=consolidated) for n in TREND_FIGURES}
