"""Ratios against hand-computed values, missing inputs, meaningless cases; trends over years."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from graph_schema.financials import CompanyRef, Figure, FinancialStatement, SourceFormat
from graph_schema.provenance import Provenance
from graphapi.analytics.financials.ratios import (
    current_ratio,
    dpo,
    dso,
    gearing,
    general_solvency,
    quick_ratio,
    ratios,
)
from graphapi.analytics.financials.trends import trend, yearly


def statement(
    end: date = date(2024, 12, 31),
    start: date | None = date(2024, 1, 1),
    comparative: bool = False,
    consolidated: bool = False,
    **values: Any,
) -> FinancialStatement:
    figures = {
        k: Figure(value=Decimal(str(v)), sources=(k,))
        for k, v in values.items()
        if not k.startswith("_")
    }
    return FinancialStatement(
        company=CompanyRef(scheme="BE-BCE_KBO", number="0443246943"),
        period_start=start,
        period_end=end,
        comparative=comparative,
        consolidated=consolidated,
        currency="EUR",
        source_format=SourceFormat.NBB_CSV,
        provenance=Provenance(source="test", record_id=f"{end}-{comparative}"),
        **figures,
    )


def test_hand_computed_ratios() -> None:
    s = statement(
        financial_debts=500_000,
        cash=100_000,
        equity=800_000,
        total_assets=2_000_000,
        total_debts=1_200_000,
        current_assets=900_000,
        current_liabilities=600_000,
        inventories=300_000,
        trade_receivables=250_000,
        turnover=1_825_000,
        trade_payables=180_000,
        purchases=720_000,
    )
    r = ratios(s)
    assert r["gearing"].value == Decimal("0.5000")  # (500,000 - 100,000) / 800,000
    assert r["general_solvency"].value == Decimal("1.6667")  # 2,000,000 / 1,200,000
    assert r["current_ratio"].value == Decimal("1.5000")  # 900,000 / 600,000
    assert r["quick_ratio"].value == Decimal("1.0000")  # (900,000 - 300,000) / 600,000
    assert r["dso"].value == Decimal("50.0")  # 250,000 / 1,825,000 x 365
    assert r["dpo"].value == Decimal("90.0")  # 180,000 / 720,000 x 360
    assert r["dpo"].reason is None
    assert r["gearing"].formula == "(financial_debts - cash) / equity"
    assert [i.figure for i in r["gearing"].inputs] == ["financial_debts", "cash", "equity"]
    assert all(x.value is not None for x in r.values())


def test_the_profinance_deposit_by_hand() -> None:
    """Profinance 2024 (NBB CSV): 20/58 9,273,680.09 / 17/49 376,823.62 = 24.6101;
    29/58 2,021,674.29 / 42/48 22,823.62 = 88.5782; 40 3,276.69 / 70 383,495.91 x 365 = 3.1."""
    s = statement(
        total_assets="9273680.09",
        total_debts="376823.62",
        current_assets="2021674.29",
        current_liabilities="22823.62",
        trade_receivables="3276.69",
        turnover="383495.91",
    )
    assert general_solvency(s).value == Decimal("24.6101")
    assert current_ratio(s).value == Decimal("88.5782")
    assert dso(s).value == Decimal("3.1")


def test_missing_inputs_give_none_with_the_reason() -> None:
    micro = statement(
        equity=5_000,
        total_assets=20_000,
        current_assets=8_000,
        current_liabilities=4_000,
        trade_receivables=3_000,
    )
    r = ratios(micro)
    assert r["dso"].value is None and "no profit and loss" in (r["dso"].reason or "")
    assert r["dpo"].value is None and "no profit and loss" in (r["dpo"].reason or "")
    assert r["gearing"].value is None and r["gearing"].reason == "not stated: financial_debts, cash"
    assert r["quick_ratio"].reason == "not stated: inventories"
    assert r["general_solvency"].reason == "not stated: total_debts"
    with_pnl = statement(turnover=100_000, trade_payables=1, net_result=5)
    assert dpo(with_pnl).reason == "neither purchases nor cost of sales stated"


def test_negative_or_nil_equity_makes_gearing_meaningless() -> None:
    s = statement(financial_debts=500_000, cash=0, equity=-23_843_969)
    g = gearing(s)
    assert g.value is None
    assert g.reason is not None and "equity is -23843969" in g.reason
    assert gearing(statement(financial_debts=1, cash=0, equity=0)).value is None


def test_zero_denominators() -> None:
    assert general_solvency(statement(total_assets=10, total_debts=0)).value is None
    assert current_ratio(statement(current_assets=10, current_liabilities=0)).value is None
    assert (
        quick_ratio(statement(current_assets=10, inventories=1, current_liabilities=0)).value
        is None
    )
    assert dso(statement(turnover=0, trade_receivables=5, net_result=1)).value is None


def test_dpo_falls_back_to_cost_of_sales_and_says_so() -> None:
    # Bluecrest 2020: trade creditors 594,739 / cost of sales 9,517,081 x 360 = 22.5 days
    s = statement(
        end=date(2020, 12, 31),
        start=date(2020, 1, 1),
        trade_payables=594_739,
        cost_of_sales=9_517_081,
        turnover=13_511_844,
    )
    r = dpo(s)
    assert r.value == Decimal("22.5")
    assert r.formula == "trade_payables / cost_of_sales x 360"
    assert r.reason is not None and "cost of sales used instead" in r.reason


def test_short_periods_are_prorated() -> None:
    # Ambio's first period 2019-06-10..2019-12-31 is 205 days.
    s = statement(
        end=date(2019, 12, 31), start=date(2019, 6, 10), trade_receivables=100, turnover=1000
    )
    r = dso(s)
    assert r.value == Decimal("20.5")  # 100 / 1000 x 205
    assert "205-day period" in r.formula


def test_trends_prefer_a_filings_own_figures_and_skip_unstated_years() -> None:
    own_2023 = statement(end=date(2023, 12, 31), start=date(2023, 1, 1), equity=100, employees=10)
    restated_2023 = statement(
        end=date(2023, 12, 31), start=date(2023, 1, 1), comparative=True, equity=90, employees=10
    )
    y2024 = statement(equity=150, employees=6)
    y2022 = statement(
        end=date(2022, 12, 31), start=date(2022, 1, 1), comparative=True, equity=-50
    )  # only known as a comparative; no headcount stated
    group = statement(consolidated=True, equity=10_000)
    items = [y2024, restated_2023, own_2023, y2022, group]
    assert [s.period_end.year for s in yearly(items)] == [2022, 2023, 2024]
    eq = trend(items, "equity")
    assert [p.value for p in eq.points] == [-50, 100, 150]
    assert [c.pct for c in eq.changes] == [None, Decimal("50.00")]  # sign change: no %
    assert eq.direction == "up"
    staff = trend(items, "employees")
    assert [p.value for p in staff.points] == [10, 6]  # 2022 not stated: left out, not 0
    assert staff.changes[0].pct == Decimal("-40.00") and staff.direction == "down"
    assert [p.value for p in trend(items, "equity", consolidated=True).points] == [10_000]
    g = trend(items, "gearing", value=lambda s: gearing(s).value)
    assert g.points == ()
