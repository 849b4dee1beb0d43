"""Yearly figures of a generated company's accounts: healthy series by construction, and the
shapes the planted financial cases bend them into.

A `Year` is one balance sheet (and P&L where the accounts type has one) in pounds or euros as
printed. Balance sheets add up: fixed + current assets - creditors = net assets = equity; bank
borrowings are part of the creditors, cash part of the current assets.

A healthy series raises none of the financial findings of docs/accounts.md: equity stays
positive, net bank debt stays under equity, at most one loss year and never two in a row,
headcount moves by at most one person a year, turnover by -10 % to +15 %.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

# Filing history accounts types (accounts-with-accounts-type-<kind>) and what each states.
WITH_PNL = frozenset({"small", "unaudited-abridged"})
WITH_TURNOVER = frozenset({"small"})
MICRO = "micro-entity"
DORMANT = "dormant"


@dataclass(frozen=True, slots=True)
class Year:
    fixed: int
    current: int  # includes cash
    cash: int
    within: int  # creditors due within one year (bank borrowings within included)
    after: int  # creditors due after more than one year (bank borrowings after included)
    bank_within: int = 0
    bank_after: int = 0
    employees: int = 0
    turnover: int | None = None  # None: not stated (no P&L, or an abridged one)
    gross: int | None = None
    operating: int | None = None
    result: int | None = None  # profit (loss) for the period
    dormant: bool = False

    @property
    def equity(self) -> int:
        return self.fixed + self.current - self.within - self.after

    @property
    def total_assets(self) -> int:
        return self.fixed + self.current


def dormant_year(capital: int) -> Year:
    """A dormant company's balance sheet: its called-up share capital, nothing else."""
    return Year(0, capital, capital, 0, 0, dormant=True)


def balance(
    rng: random.Random,
    assets: int,
    equity: int,
    *,
    bank: int = 0,
    employees: int = 0,
) -> Year:
    """A balance sheet of `assets` total assets and `equity` net assets (negative: net
    liabilities), `bank` of it borrowed from banks (60 % of it due after one year)."""
    fixed = int(assets * rng.uniform(0.2, 0.6))
    current = assets - fixed
    cash = int(current * rng.uniform(0.1, 0.4))
    debts = assets - equity
    bank = min(bank, debts)
    bank_after = int(bank * 0.6)
    bank_within = bank - bank_after
    after = bank_after + (int((debts - bank) * rng.uniform(0.0, 0.2)) if debts > bank else 0)
    within = debts - after
    return Year(fixed, current, cash, within, after, bank_within, bank_after, employees)


def with_pnl(year: Year, kind: str, turnover: int, result: int) -> Year:
    """The P&L lines the accounts type states, for a year of `turnover` and `result`."""
    if kind not in WITH_PNL:
        return year
    gross = int(turnover * 0.35)
    operating = result + max(1, turnover // 200)  # interest and tax between the two
    return replace(
        year,
        turnover=turnover if kind in WITH_TURNOVER else None,
        gross=gross,
        operating=operating,
        result=result,
    )


def size(rng: random.Random, kind: str) -> tuple[int, int, int]:
    """(total assets, turnover, employees) of a company filing `kind` accounts."""
    if kind in ("small", "unaudited-abridged"):
        return (
            rng.randrange(400_000, 4_000_000),
            rng.randrange(800_000, 9_000_000),
            rng.randint(10, 45),
        )
    return rng.randrange(20_000, 400_000), rng.randrange(40_000, 800_000), rng.randint(0, 9)


def healthy(
    rng: random.Random, kinds: list[str], *, deficit: float | None = None, capital: int = 100
) -> list[Year]:
    """One healthy year per accounts type in `kinds` (oldest first). `deficit`: the latest
    year's net liabilities as a share of its total assets (a micro-entity funded by its
    directors' loans), the one departure from healthy allowed."""
    assets, turnover, staff = size(rng, next((k for k in kinds if k != DORMANT), MICRO))
    ratio = rng.uniform(0.2, 0.6)
    loss_at = rng.randrange(len(kinds)) if rng.random() < 0.15 else -1
    years: list[Year] = []
    for i, kind in enumerate(kinds):
        if kind == DORMANT:
            years.append(dormant_year(capital))
            continue
        assets = max(10_000, int(assets * rng.uniform(0.92, 1.12)))
        turnover = int(turnover * rng.uniform(0.9, 1.15))
        staff = max(0, staff + rng.randint(-1, 2)) if i else staff
        if kind == MICRO:
            staff = min(staff, 9)
        equity = int(assets * ratio)
        bank = int(equity * rng.uniform(0.0, 0.6)) if rng.random() < 0.4 else 0
        year = balance(rng, assets, equity, bank=bank, employees=staff)
        margin = rng.uniform(-0.05, -0.01) if i == loss_at else rng.uniform(0.02, 0.1)
        years.append(with_pnl(year, kind, turnover, int(turnover * margin)))
    if deficit is not None and years and not years[-1].dormant:
        last = years[-1]
        years[-1] = balance(
            rng, last.total_assets, -int(last.total_assets * deficit), employees=last.employees
        )
    return years


def geared(rng: random.Random, assets: int, equity: int, gearing: float, employees: int) -> Year:
    """A balance sheet whose net bank debt is `gearing` times its (positive) equity."""
    fixed = int(assets * 0.6)
    current = assets - fixed
    cash = int(assets * 0.05)
    bank = int(equity * gearing) + cash
    bank_after = int(bank * 0.7)
    after = bank_after
    within = assets - equity - after
    return Year(fixed, current, cash, within, after, bank - bank_after, bank_after, employees)
