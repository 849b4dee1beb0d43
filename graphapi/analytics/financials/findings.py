"""Findings from filed accounts: pure rules with documented default thresholds.

They are meant to feed the rating as a family of their own ("financial"), so that a financial
warning agreeing with, say, a history signal counts as independent agreement. Each rule looks at
the company's yearly statements (company scope unless asked for the group) up to `as_of`.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from graph_schema.financial_params import FinancialParams
from graph_schema.financials import FinancialStatement
from graphapi.analytics.financials.ratios import gearing, general_solvency
from graphapi.analytics.financials.trends import yearly
from graphapi.analytics.signals.model import SignalKind


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: SignalKind  # one of the financial family (FINANCIAL_KINDS)
    severity: int  # 1-5, like the signals
    summary: str
    period_end: date | None = None
    statements: tuple[str, ...] = ()  # keys of the statements it rests on, oldest first
    evidence: tuple[str, ...] = ()  # statement keys and figure sources
    parameters: dict[str, str] = {}


def _recent(
    statements: Iterable[FinancialStatement],
    as_of: date,
    consolidated: bool,
) -> list[FinancialStatement]:
    return [s for s in yearly(statements, consolidated) if s.period_end <= as_of]


def _fresh(s: FinancialStatement, as_of: date, params: FinancialParams) -> bool:
    return (as_of - s.period_end).days <= params.stale_years * 366


def _evidence(s: FinancialStatement, *names: str) -> tuple[str, ...]:
    out = [s.key]
    for n in names:
        if (f := s.figure(n)) is not None:
            out.append(f"{n} = {f.value} ({f.formula or ', '.join(f.sources)})")
    return tuple(out)


def negative_equity(latest: FinancialStatement, params: FinancialParams) -> Finding | None:
    """Severity 2 while the net liabilities are a small share of the assets (common in owner-
    managed micro-entities funded by directors' loans) and the year was not a loss; 3 beyond
    `negative_equity_severe_pct`, when a loss is deepening the deficit, or when the total
    assets are not stated."""
    equity = latest.value("equity")
    if equity is None or equity >= 0:
        return None
    assets = latest.value("total_assets")
    share = -equity / assets * 100 if assets is not None and assets > 0 else None
    result = latest.value("net_result")
    small = share is not None and share <= params.negative_equity_severe_pct
    severity = 2 if small and (result is None or result >= 0) else 3
    of_assets = f", {share.quantize(Decimal('0.1'))} % of total assets" if share is not None else ""
    return Finding(
        kind=SignalKind.NEGATIVE_EQUITY,
        severity=severity,
        period_end=latest.period_end,
        summary=f"Equity is negative ({equity} {latest.currency or ''}{of_assets}) at "
        f"{latest.period_end}.".replace("  ", " ").replace(" ,", ","),
        statements=(latest.key,),
        evidence=_evidence(latest, "equity", "total_assets", "net_result"),
        parameters={"negative_equity_severe_pct": str(params.negative_equity_severe_pct)},
    )


def low_solvency(latest: FinancialStatement, params: FinancialParams) -> Finding | None:
    """Severity 2 down to `solvency_severe`, 3 below it."""
    r = general_solvency(latest)
    if r.value is None or r.value >= params.solvency_min:
        return None
    return Finding(
        kind=SignalKind.LOW_SOLVENCY,
        severity=3 if r.value < params.solvency_severe else 2,
        period_end=latest.period_end,
        summary=f"General solvency {r.value} (total assets / total debts) is below "
        f"{params.solvency_min} at {latest.period_end}.",
        statements=(latest.key,),
        evidence=_evidence(latest, "total_assets", "total_debts"),
        parameters={
            "solvency_min": str(params.solvency_min),
            "solvency_severe": str(params.solvency_severe),
        },
    )


def high_gearing(latest: FinancialStatement, params: FinancialParams) -> Finding | None:
    r = gearing(latest)
    if r.value is None or r.value <= params.gearing_max:
        return None
    severity = 3 if r.value > params.gearing_severe else 2
    return Finding(
        kind=SignalKind.HIGH_GEARING,
        severity=severity,
        period_end=latest.period_end,
        summary=f"Gearing {r.value} (net financial debt / equity) is above "
        f"{params.gearing_max} at {latest.period_end}.",
        statements=(latest.key,),
        evidence=_evidence(latest, "financial_debts", "cash", "equity"),
        parameters={
            "gearing_max": str(params.gearing_max),
            "gearing_severe": str(params.gearing_severe),
        },
    )


def consecutive_losses(
    series: Sequence[FinancialStatement], params: FinancialParams
) -> Finding | None:
    """The latest years in a row with a net loss (a year without a stated result ends the run)."""
    run: list[FinancialStatement] = []
    for s in reversed(series):
        result = s.value("net_result")
        if result is None or result >= 0:
            break
        run.append(s)
    if len(run) < params.loss_years:
        return None
    severity = 3 if len(run) >= params.loss_years_severe else 2
    years = ", ".join(f"{s.period_end}: {s.value('net_result')}" for s in reversed(run))
    return Finding(
        kind=SignalKind.CONSECUTIVE_LOSSES,
        severity=severity,
        period_end=run[0].period_end,
        summary=f"Losses in {len(run)} consecutive years ({years}).",
        statements=tuple(s.key for s in reversed(run)),
        evidence=tuple(e for s in reversed(run) for e in _evidence(s, "net_result")),
        parameters={"loss_years": str(params.loss_years)},
    )


def _drop(
    series: Sequence[FinancialStatement],
    name: str,
    kind: SignalKind,
    pct: Decimal,
    severe: Decimal,
    min_abs: Decimal | None,
) -> Finding | None:
    points = [(s, v) for s in series if (v := s.value(name)) is not None]
    if len(points) < 2:
        return None
    (prev, old), (last, new) = points[-2], points[-1]
    if old <= 0 or new >= old:
        return None
    drop = (old - new) / old * 100
    if drop < pct or (min_abs is not None and old - new < min_abs):
        return None
    label = name.replace("_", " ")
    return Finding(
        kind=kind,
        severity=3 if drop >= severe else 2,
        period_end=last.period_end,
        summary=f"{label.capitalize()} fell {drop.quantize(Decimal('0.1'))} % "
        f"({old} at {prev.period_end} to {new} at {last.period_end}).",
        statements=(prev.key, last.key),
        evidence=_evidence(prev, name) + _evidence(last, name),
        parameters={"drop_pct": str(pct), "severe_pct": str(severe)},
    )


def headcount_drop(series: Sequence[FinancialStatement], params: FinancialParams) -> Finding | None:
    return _drop(
        series,
        "employees",
        SignalKind.HEADCOUNT_DROP,
        params.headcount_drop_pct,
        params.headcount_drop_severe_pct,
        params.headcount_drop_min,
    )


def turnover_drop(series: Sequence[FinancialStatement], params: FinancialParams) -> Finding | None:
    return _drop(
        series,
        "turnover",
        SignalKind.TURNOVER_DROP,
        params.turnover_drop_pct,
        params.turnover_drop_severe_pct,
        None,
    )


def accounts_overdue(
    as_of: date, next_due: date | None, overdue: bool | None, params: FinancialParams
) -> Finding | None:
    """Companies House: `accounts.overdue`, or `accounts.next_due` passed at `as_of`."""
    late_days = (as_of - next_due).days if next_due is not None else None
    if not overdue and (late_days is None or late_days <= 0):
        return None
    severity = 4 if late_days is not None and late_days > params.overdue_severe_days else 3
    when = (
        f"due {next_due}, {late_days} days late"
        if late_days and late_days > 0
        else ("flagged overdue by the registry")
    )
    return Finding(
        kind=SignalKind.ACCOUNTS_OVERDUE,
        severity=severity,
        summary=f"Annual accounts are overdue ({when}).",
        parameters={"overdue_severe_days": str(params.overdue_severe_days)},
    )


def _add_months(d: date, months: int) -> date:
    year, month = divmod(d.year * 12 + d.month - 1 + months, 12)
    return date(year, month + 1, min(d.day, monthrange(year, month + 1)[1]))


def deposit_missing(
    series: Sequence[FinancialStatement], as_of: date, params: FinancialParams
) -> Finding | None:
    """NBB: a financial year closed more than `nbb_deposit_months` ago without a deposit.
    The next year is assumed to end one year after the last deposited one."""
    if not series:
        return None
    last = series[-1]
    next_end = _add_months(last.period_end, 12)
    due = _add_months(next_end, params.nbb_deposit_months)
    if as_of <= due:
        return None
    return Finding(
        kind=SignalKind.DEPOSIT_MISSING,
        severity=3,
        period_end=next_end,
        summary=f"No accounts deposited for the year ending {next_end} (due by "
        f"{due}); the last deposit covers {last.period_end}.",
        statements=(last.key,),
        evidence=(last.key,),
        parameters={"nbb_deposit_months": str(params.nbb_deposit_months)},
    )


def _active(s: FinancialStatement) -> bool:
    return any((v := s.value(n)) is not None and v > 0 for n in ("turnover", "employees")) or (
        (r := s.value("net_result")) is not None and r != 0
    )


def reactivated_after_dormant(series: Sequence[FinancialStatement]) -> Finding | None:
    """Dormant accounts followed by accounts reporting activity (turnover, staff or a result)."""
    if len(series) < 2:
        return None
    last, before = series[-1], series[-2]
    if before.dormant is not True or last.dormant is True or not _active(last):
        return None
    dormant_years = 0
    for s in reversed(series[:-1]):
        if s.dormant is not True:
            break
        dormant_years += 1
    return Finding(
        kind=SignalKind.REACTIVATED_AFTER_DORMANT,
        severity=2,
        period_end=last.period_end,
        summary=f"Accounts to {last.period_end} report activity after "
        f"{dormant_years} year(s) of dormant accounts (last dormant: "
        f"{before.period_end}).",
        statements=(before.key, last.key),
        evidence=(before.key, *_evidence(last, "turnover", "employees", "net_result")),
    )


def financial_findings(
    statements: Iterable[FinancialStatement],
    as_of: date,
    params: FinancialParams | None = None,
    *,
    consolidated: bool = False,
    next_due: date | None = None,
    overdue: bool | None = None,
    nbb_deposits: bool = False,
) -> list[Finding]:
    """Every finding for one company at `as_of`, strongest first."""
    p = params or FinancialParams()
    series = _recent(statements, as_of, consolidated)
    found: list[Finding | None] = [accounts_overdue(as_of, next_due, overdue, p)]
    if nbb_deposits:
        found.append(deposit_missing(series, as_of, p))
    if series and _fresh(series[-1], as_of, p):
        latest = series[-1]
        found += [
            negative_equity(latest, p),
            low_solvency(latest, p),
            high_gearing(latest, p),
            consecutive_losses(series, p),
            headcount_drop(series, p),
            turnover_drop(series, p),
            reactivated_after_dormant(series),
        ]
    return sorted((f for f in found if f is not None), key=lambda f: (-f.severity, f.kind))
