"""The ratios credit managers compute from one statement, each with its formula and inputs,
or `value=None` with the reason (inputs missing, or the ratio meaningless).

The arithmetic of each ratio is written once (`_gearing`, `_quotient`, ... on a figure getter):
`ratios()` wraps it with the evidence of a statement, `ratio_values()` gives the bare values
the peer comparisons compute for thousands of peers' statements."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from pydantic import BaseModel, ConfigDict

from graph_schema.financials import FinancialStatement

RATIO_PLACES = Decimal("0.0001")
DAY_PLACES = Decimal("0.1")
YEAR_DAYS = 365
COMMERCIAL_YEAR_DAYS = 360  # DPO convention (Belgian credit practice)


class RatioInput(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    figure: str  # canonical figure name
    value: Decimal
    sources: tuple[str, ...]  # concepts / rubrics / liasse codes, for evidence


class Ratio(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    value: Decimal | None
    formula: str
    unit: str  # "ratio" or "days"
    inputs: tuple[RatioInput, ...] = ()
    reason: str | None = None  # why value is None, or how an input was substituted


Get = Callable[[str], Decimal | None]
PNL_FIGURES = ("turnover", "cost_of_sales", "gross_margin", "operating_result", "net_result")


@dataclass(frozen=True)
class _Outcome:
    value: Decimal | None
    formula: str
    unit: str
    uses: tuple[str, ...]  # the figures shown as the ratio's inputs
    reason: str | None = None


def _q(value: Decimal, places: Decimal) -> Decimal:
    return value.quantize(places, rounding=ROUND_HALF_UP)


def _not_stated(get: Get, names: tuple[str, ...]) -> str | None:
    missing = [n for n in names if get(n) is None]
    return f"not stated: {', '.join(missing)}" if missing else None


def _gearing(get: Get, days: int | None, has_pnl: bool) -> _Outcome:
    formula = "(financial_debts - cash) / equity"
    need = ("financial_debts", "cash", "equity")
    if reason := _not_stated(get, need):
        return _Outcome(None, formula, "ratio", need, reason)
    equity = get("equity")
    assert equity is not None
    if equity <= 0:
        reason = (
            f"equity is {equity} (not positive): gearing is meaningless; negative or nil "
            "equity is a finding of its own"
        )
        return _Outcome(None, formula, "ratio", need, reason)
    net_debt = get("financial_debts") - get("cash")  # type: ignore[operator]
    return _Outcome(_q(net_debt / equity, RATIO_PLACES), formula, "ratio", need)


def _quotient(get: Get, num: str, den: str, zero_reason: str) -> _Outcome:
    formula = f"{num} / {den}"
    need = (num, den)
    if reason := _not_stated(get, need):
        return _Outcome(None, formula, "ratio", need, reason)
    d = get(den)
    assert d is not None
    if d <= 0:
        return _Outcome(None, formula, "ratio", need, zero_reason.format(value=d))
    return _Outcome(_q(get(num) / d, RATIO_PLACES), formula, "ratio", need)  # type: ignore[operator]


def _general_solvency(get: Get, days: int | None, has_pnl: bool) -> _Outcome:
    zero = "total debts are {value}: solvency is unbounded"
    return _quotient(get, "total_assets", "total_debts", zero)


def _current_ratio(get: Get, days: int | None, has_pnl: bool) -> _Outcome:
    zero = "current liabilities are {value}: the ratio is unbounded"
    return _quotient(get, "current_assets", "current_liabilities", zero)


def _quick_ratio(get: Get, days: int | None, has_pnl: bool) -> _Outcome:
    formula = "(current_assets - inventories) / current_liabilities"
    need = ("current_assets", "inventories", "current_liabilities")
    if reason := _not_stated(get, need):
        return _Outcome(None, formula, "ratio", need, reason)
    cl = get("current_liabilities")
    assert cl is not None
    if cl <= 0:
        return _Outcome(None, formula, "ratio", need, f"current liabilities are {cl}")
    quick = get("current_assets") - get("inventories")  # type: ignore[operator]
    return _Outcome(_q(quick / cl, RATIO_PLACES), formula, "ratio", need)


def _days(days: int | None, base: int) -> tuple[Decimal, str]:
    """Days factor: `base` for a year, prorated for a shorter or longer period."""
    if days is None or 360 <= days <= 370:
        return Decimal(base), str(base)
    factor = Decimal(base) * days / YEAR_DAYS
    return factor, f"{base} x {days}/{YEAR_DAYS} (a {days}-day period)"


NO_PNL = (
    "the filing states no profit and loss account (micro-entity, filleted or abridged accounts)"
)


def _dso(get: Get, days: int | None, has_pnl: bool) -> _Outcome:
    """Days sales outstanding: how fast the company's own clients pay it."""
    factor, label = _days(days, YEAR_DAYS)
    formula = f"trade_receivables / turnover x {label}"
    need = ("trade_receivables", "turnover")
    turnover, receivables = get("turnover"), get("trade_receivables")
    if turnover is None:
        reason = NO_PNL if not has_pnl else "turnover not stated"
        return _Outcome(None, formula, "days", need, reason)
    if receivables is None:
        return _Outcome(None, formula, "days", need, "trade receivables not stated")
    if turnover <= 0:
        return _Outcome(None, formula, "days", need, f"turnover is {turnover}")
    return _Outcome(_q(receivables / turnover * factor, DAY_PLACES), formula, "days", need)


def _dpo(get: Get, days: int | None, has_pnl: bool) -> _Outcome:
    """Days payables outstanding: how slowly the company pays its suppliers. Purchases when
    stated; else cost of sales (UK formats state no purchases), said so in `reason`."""
    factor, label = _days(days, COMMERCIAL_YEAR_DAYS)
    base, note = "purchases", None
    if get("purchases") is None and get("cost_of_sales") is not None:
        base = "cost_of_sales"
        note = (
            "no purchases stated: cost of sales used instead (it also holds production "
            "wages and depreciation, so DPO is understated)"
        )
    formula = f"trade_payables / {base} x {label}"
    need = ("trade_payables", base)
    denominator, payables = get(base), get("trade_payables")
    if denominator is None:
        reason = NO_PNL if not has_pnl else "neither purchases nor cost of sales stated"
        return _Outcome(None, formula, "days", need, reason)
    if payables is None:
        return _Outcome(None, formula, "days", need, "trade payables not stated")
    if denominator <= 0:
        return _Outcome(None, formula, "days", need, f"{base} is {denominator}")
    value = _q(payables / denominator * factor, DAY_PLACES)
    return _Outcome(value, formula, "days", need, note)


_CORES: dict[str, Callable[[Get, int | None, bool], _Outcome]] = {
    "gearing": _gearing,
    "general_solvency": _general_solvency,
    "current_ratio": _current_ratio,
    "quick_ratio": _quick_ratio,
    "dso": _dso,
    "dpo": _dpo,
}
RATIO_NAMES: tuple[str, ...] = tuple(_CORES)


def period_days(s: FinancialStatement) -> int | None:
    if s.period_start is None:
        return None
    return (s.period_end - s.period_start).days + 1


def _ratio(name: str, s: FinancialStatement) -> Ratio:
    out = _CORES[name](s.value, period_days(s), s.has_profit_and_loss)
    inputs = tuple(
        RatioInput(figure=n, value=f.value, sources=f.sources)
        for n in out.uses
        if (f := s.figure(n)) is not None
    )
    return Ratio(
        name=name,
        value=out.value,
        formula=out.formula,
        unit=out.unit,
        inputs=inputs,
        reason=out.reason,
    )


def gearing(s: FinancialStatement) -> Ratio:
    return _ratio("gearing", s)


def general_solvency(s: FinancialStatement) -> Ratio:
    return _ratio("general_solvency", s)


def current_ratio(s: FinancialStatement) -> Ratio:
    return _ratio("current_ratio", s)


def quick_ratio(s: FinancialStatement) -> Ratio:
    return _ratio("quick_ratio", s)


def dso(s: FinancialStatement) -> Ratio:
    return _ratio("dso", s)


def dpo(s: FinancialStatement) -> Ratio:
    return _ratio("dpo", s)


def ratios(s: FinancialStatement) -> dict[str, Ratio]:
    return {name: _ratio(name, s) for name in RATIO_NAMES}


def ratio_values(figures: Mapping[str, Decimal], days: int | None) -> dict[str, Decimal | None]:
    """The bare values of every ratio from stated figures (absent ones left out of the map),
    without evidence: what a peer comparison needs for each of many statements."""
    has_pnl = any(n in figures for n in PNL_FIGURES)
    return {name: core(figures.get, days, has_pnl).value for name, core in _CORES.items()}
