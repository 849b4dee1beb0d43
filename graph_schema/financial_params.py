"""The thresholds of the financial findings (graphapi/analytics/financials/findings.py), part of
the signal parameters (`DUEGRAPH_SIGNAL_PARAMS` = {"financial": {...}}); docs/accounts.md gives
the reason for each default."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict


class FinancialParams(BaseModel):
    """Default thresholds; docs/accounts.md gives the reason for each."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    gearing_max: Decimal = Decimal(1)  # net financial debt above equity
    gearing_severe: Decimal = Decimal(3)
    solvency_min: Decimal = Decimal(1)  # assets no longer cover debts
    loss_years: int = 2  # consecutive loss-making years
    loss_years_severe: int = 3
    headcount_drop_pct: Decimal = Decimal(20)
    headcount_drop_min: Decimal = Decimal(3)  # people: 2 -> 1 is 50 % and means little
    headcount_drop_severe_pct: Decimal = Decimal(50)
    turnover_drop_pct: Decimal = Decimal(30)
    turnover_drop_severe_pct: Decimal = Decimal(50)
    overdue_severe_days: int = 180
    nbb_deposit_months: int = 7  # approval within 6 months of year end + 30 days to file
    stale_years: int = 3  # findings on statements older than this are not raised
