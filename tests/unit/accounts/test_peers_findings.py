"""Peer positions on a generated sector, and the findings' rules with their defaults."""

from __future__ import annotations

import random
import statistics
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from graph_schema.financial_params import FinancialParams
from graph_schema.financials import CompanyRef, Figure, FinancialStatement, SourceFormat, sector
from graph_schema.provenance import Provenance
from graphapi.analytics.financials.findings import financial_findings
from graphapi.analytics.financials.peers import (
    PeerValue,
    percentile_rank,
    position,
    size_class,
)
from graphapi.analytics.signals.model import SignalKind


def st(
    year: int, dormant: bool | None = None, currency: str = "EUR", **values: Any
) -> FinancialStatement:
    figures = {k: Figure(value=Decimal(str(v)), sources=(k,)) for k, v in values.items()}
    return FinancialStatement(
        company=CompanyRef(scheme="GB-COH", number="01234567"),
        period_start=date(year, 1, 1),
        period_end=date(year, 12, 31),
        dormant=dormant,
        currency=currency,
        source_format=SourceFormat.CH_IXBRL,
        provenance=Provenance(source="test", record_id=str(year)),
        **figures,
    )


# --- peers -----------------------------------------------------------------------------------


def test_sector_codes() -> None:
    assert sector("NACE:43.91", 4) == "NACE:43.91"
    assert sector("NACE:43.91", 2) == "NACE:43"
    assert sector("SIC:41201", 4) == "SIC:4120"
    assert sector("NAF:4391Z", 4) == "NACE:43.91"
    assert sector("SIC:7", 2) is None and sector(None, 4) is None


def test_size_classes() -> None:
    assert size_class(st(2024, total_assets=300_000, turnover=800_000, employees=4)) == "micro"
    # Two criteria over the micro limits: small (EU thresholds in EUR).
    assert size_class(st(2024, total_assets=500_000, turnover=950_000, employees=4)) == "small"
    assert size_class(st(2024, total_assets=30_000_000, turnover=60_000_000)) == "large"
    assert size_class(st(2024, currency="GBP", total_assets=480_000, turnover=950_000)) == "micro"
    assert size_class(st(2024, employees=3)) is None  # one criterion is not enough


def test_percentile_rank_counts_ties_half() -> None:
    assert percentile_rank(Decimal(5), [Decimal(v) for v in (1, 2, 5, 8)]) == Decimal("62.5")
    assert percentile_rank(Decimal(0), [Decimal(1)]) == Decimal("0.0")
    assert percentile_rank(Decimal(1), []) is None


def _sector(
    rng: random.Random, code: str, n: int, size: str = "small", year: int = 2024
) -> list[PeerValue]:
    return [
        PeerValue(f"{code}-{i}", code, size, year, Decimal(rng.randint(10, 120))) for i in range(n)
    ]


def test_position_in_a_generated_sector() -> None:
    rng = random.Random(7)
    peers = _sector(rng, "NACE:43.91", 40)
    noise = (
        _sector(rng, "NACE:43.99", 30)  # same division, other class
        + _sector(rng, "NACE:43.91", 25, size="medium")  # other size class
        + _sector(rng, "NACE:43.91", 25, year=2023)
    )  # other year
    me = PeerValue("me", "NACE:43.91", "small", 2024, Decimal(60))
    pos = position(me, peers + noise + [me])
    values = [p.value for p in peers]
    assert (pos.group, pos.peers, pos.fallback) == ("NACE:43.91 / small / 2024", 40, False)
    assert pos.median == statistics.median(values)
    below = sum(v < 60 for v in values) + Decimal(sum(v == 60 for v in values)) / 2
    assert pos.percentile == (below / 40 * 100).quantize(Decimal("0.1"))


def test_small_groups_fall_back_to_the_division() -> None:
    rng = random.Random(11)
    peers = _sector(rng, "NACE:43.91", 4) + _sector(rng, "NACE:43.99", 12)
    me = PeerValue("me", "NACE:43.91", "small", 2024, Decimal(50))
    pos = position(me, peers, min_peers=10)
    assert (pos.group, pos.peers, pos.fallback) == ("NACE:43 / small / 2024", 16, True)
    alone = position(PeerValue("x", "NACE:01.11", "small", 2024, Decimal(1)), peers)
    assert alone.median is None and alone.reason is not None and "no peers" in alone.reason
    unknown = position(PeerValue("y", "NACE:43.91", None, 2024, Decimal(1)), peers)
    assert unknown.reason is not None and "size class unknown" in unknown.reason


# --- findings --------------------------------------------------------------------------------

AS_OF = date(2025, 6, 30)


def kinds(found: list[Any]) -> set[SignalKind]:
    return {f.kind for f in found}


def test_a_healthy_company_has_no_findings() -> None:
    series = [
        st(
            2023,
            equity=500,
            total_assets=1000,
            total_debts=500,
            net_result=10,
            employees=20,
            turnover=1000,
        ),
        st(
            2024,
            equity=520,
            total_assets=1100,
            total_debts=580,
            net_result=20,
            employees=19,
            turnover=900,
            financial_debts=100,
            cash=50,
        ),
    ]
    assert financial_findings(series, AS_OF) == []


def test_negative_equity_low_solvency_and_losses() -> None:
    series = [
        st(2022, net_result=-5),
        st(2023, net_result=-10),
        st(2024, equity=-100, total_assets=400, total_debts=500, net_result=-20),
    ]
    found = financial_findings(series, AS_OF)
    assert kinds(found) == {
        SignalKind.NEGATIVE_EQUITY,
        SignalKind.LOW_SOLVENCY,
        SignalKind.CONSECUTIVE_LOSSES,
    }
    losses = next(f for f in found if f.kind is SignalKind.CONSECUTIVE_LOSSES)
    assert losses.severity == 3 and "3 consecutive years" in losses.summary
    # A year without a stated result breaks the run: absence is not a loss.
    gap = [st(2022, net_result=-5), st(2023), st(2024, net_result=-1)]
    assert SignalKind.CONSECUTIVE_LOSSES not in kinds(financial_findings(gap, AS_OF))


def test_small_net_liabilities_are_a_warning_not_a_moderate_risk() -> None:
    """A micro-entity's small deficit (a director's loan) is severity 2; a deficit above a
    quarter of the assets, a loss deepening it, or no stated assets make it 3."""

    def severities(**values: Any) -> dict[SignalKind, int]:
        return {f.kind: f.severity for f in financial_findings([st(2024, **values)], AS_OF)}

    small = severities(equity=-10, total_assets=100, total_debts=110)
    assert small == {SignalKind.NEGATIVE_EQUITY: 2, SignalKind.LOW_SOLVENCY: 2}  # 0.9091
    assert severities(equity=-25, total_assets=100, total_debts=125) == {
        SignalKind.NEGATIVE_EQUITY: 2,  # exactly a quarter: still small
        SignalKind.LOW_SOLVENCY: 2,  # 0.8: not below
    }
    assert severities(equity=-26, total_assets=100, total_debts=126) == {
        SignalKind.NEGATIVE_EQUITY: 3,
        SignalKind.LOW_SOLVENCY: 3,  # 0.7937
    }
    losing = severities(equity=-10, total_assets=100, total_debts=110, net_result=-5)
    assert losing[SignalKind.NEGATIVE_EQUITY] == 3
    assert losing[SignalKind.LOW_SOLVENCY] == 2
    assert severities(equity=-10) == {SignalKind.NEGATIVE_EQUITY: 3}


def test_gearing_thresholds() -> None:
    found = financial_findings([st(2024, financial_debts=900, cash=100, equity=400)], AS_OF)
    (g,) = found
    assert g.kind is SignalKind.HIGH_GEARING and g.severity == 2  # 2.0 > 1
    (g,) = financial_findings([st(2024, financial_debts=2000, cash=0, equity=400)], AS_OF)
    assert g.severity == 3  # 5.0 > 3
    strict = FinancialParams(gearing_max=Decimal("0.5"))
    assert financial_findings([st(2024, financial_debts=300, cash=0, equity=400)], AS_OF, strict)


def test_headcount_and_turnover_drops() -> None:
    series = [st(2023, employees=40, turnover=1_000_000), st(2024, employees=18, turnover=600_000)]
    found = {f.kind: f for f in financial_findings(series, AS_OF)}
    assert found[SignalKind.HEADCOUNT_DROP].severity == 3  # -55 %
    assert found[SignalKind.TURNOVER_DROP].severity == 2  # -40 %
    tiny = [st(2023, employees=2), st(2024, employees=1)]  # -50 % but one person
    assert financial_findings(tiny, AS_OF) == []


def test_overdue_accounts_and_missing_deposits() -> None:
    (f,) = financial_findings([], AS_OF, next_due=date(2024, 9, 30))
    assert f.kind is SignalKind.ACCOUNTS_OVERDUE and f.severity == 4  # 273 days late
    (f,) = financial_findings([], AS_OF, overdue=True)
    assert f.severity == 3
    assert financial_findings([], AS_OF, next_due=date(2025, 9, 30)) == []
    # NBB: the year to 2024-12-31 is due by 2025-07-31 (6 months to approve + 30 days).
    deposits = [st(2022, equity=10), st(2023, equity=10)]
    (f,) = financial_findings(deposits, date(2025, 8, 31), nbb_deposits=True)
    assert f.kind is SignalKind.DEPOSIT_MISSING and f.period_end == date(2024, 12, 31)
    assert financial_findings(deposits, date(2025, 7, 31), nbb_deposits=True) == []
    filed = [*deposits, st(2024, equity=10)]
    assert financial_findings(filed, date(2025, 8, 31), nbb_deposits=True) == []


def test_reactivation_after_dormant_accounts() -> None:
    series = [
        st(2022, dormant=True, equity=1),
        st(2023, dormant=True, equity=1),
        st(2024, dormant=False, equity=1, turnover=250_000, employees=3),
    ]
    (f,) = financial_findings(series, AS_OF)
    assert f.kind is SignalKind.REACTIVATED_AFTER_DORMANT and "2 year(s)" in f.summary
    still = [st(2023, dormant=True, equity=1), st(2024, dormant=False, equity=1)]
    assert financial_findings(still, AS_OF) == []  # not dormant any more, but no activity


@pytest.mark.parametrize("years_old", [4, 6])
def test_stale_accounts_raise_no_level_findings(years_old: int) -> None:
    old = [st(2024 - years_old, equity=-10)]
    assert financial_findings(old, AS_OF) == []
