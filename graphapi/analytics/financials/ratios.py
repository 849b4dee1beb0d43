"""The ratios credit managers compute from one statement, each with its formula and inputs,
or `value=None` with the reason (inputs missing, or the ratio meaningless)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from pydantic import BaseModel, ConfigDict

from graph_schema.financials import Figure, FinancialStatement

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


def _input(name: str, fig: Figure) -> RatioInput:
    return RatioInput(figure=name, value=fig.value, sources=fig.sources)


def _missing(s: FinancialStatement, names: tuple[str, ...]) -> list[str]:
    return [n for n in names if s.figure(n) is None]


def _none(
    name: str, formula: str, unit: str, reason: str, inputs: tuple[RatioInput, ...] = ()
) -> Ratio:
    return Ratio(name=name, value=None, formula=formula, unit=unit, inputs=inputs, reason=reason)


def _inputs(s: FinancialStatement, names: tuple[str, ...]) -> tuple[RatioInput, ...]:
    return tuple(_input(n, f) for n in names if (f := s.figure(n)) is not None)


def _q(value: Decimal, places: Decimal) -> Decimal:
    return value.quantize(places, rounding=ROUND_HALF_UP)


def gearing(s: FinancialStatement) -> Ratio:
    formula = "(financial_debts - cash) / equity"
    need = ("financial_debts", "cash", "equity")
    inputs = _inputs(s, need)
    if missing := _missing(s, need):
        return _none("gearing", formula, "ratio", f"not stated: {', '.join(missing)}", inputs)
    equity = s.value("equity")
    assert equity is not None
    if equity <= 0:
        reason = (
            f"equity is {equity} (not positive): gearing is meaningless; negative or nil "
            "equity is a finding of its own"
        )
        return _none("gearing", formula, "ratio", reason, inputs)
    net_debt = s.value("financial_debts") - s.value("cash")  # type: ignore[operator]
    return Ratio(
        name="gearing",
        value=_q(net_debt / equity, RATIO_PLACES),
        formula=formula,
        unit="ratio",
        inputs=inputs,
    )


def _quotient(s: FinancialStatement, name: str, num: str, den: str, zero_reason: str) -> Ratio:
    formula = f"{num} / {den}"
    inputs = _inputs(s, (num, den))
    if missing := _missing(s, (num, den)):
        return _none(name, formula, "ratio", f"not stated: {', '.join(missing)}", inputs)
    d = s.value(den)
    assert d is not None
    if d <= 0:
        return _none(name, formula, "ratio", zero_reason.format(value=d), inputs)
    return Ratio(
        name=name,
        value=_q(s.value(num) / d, RATIO_PLACES),  # type: ignore[operator]
        formula=formula,
        unit="ratio",
        inputs=inputs,
    )


def general_solvency(s: FinancialStatement) -> Ratio:
    return _quotient(
        s,
        "general_solvency",
        "total_assets",
        "total_debts",
        "total debts are {value}: solvency is unbounded",
    )


def current_ratio(s: FinancialStatement) -> Ratio:
    return _quotient(
        s,
        "current_ratio",
        "current_assets",
        "current_liabilities",
        "current liabilities are {value}: the ratio is unbounded",
    )


def quick_ratio(s: FinancialStatement) -> Ratio:
    formula = "(current_assets - inventories) / current_liabilities"
    need = ("current_assets", "inventories", "current_liabilities")
    inputs = _inputs(s, need)
    if missing := _missing(s, need):
        return _none("quick_ratio", formula, "ratio", f"not stated: {', '.join(missing)}", inputs)
    cl = s.value("current_liabilities")
    assert cl is not None
    if cl <= 0:
        return _none("quick_ratio", formula, "ratio", f"current liabilities are {cl}", inputs)
    quick = s.value("current_assets") - s.value("inventories")  # type: ignore[operator]
    return Ratio(
        name="quick_ratio",
        value=_q(quick / cl, RATIO_PLACES),
        formula=formula,
        unit="ratio",
        inputs=inputs,
    )


def _period_days(s: FinancialStatement) -> int | None:
    if s.period_start is None:
        return None
    return (s.period_end - s.period_start).days + 1


def _days(s: FinancialStatement, base: int) -> tuple[Decimal, str]:
    """Days factor: `base` for a year, prorated for a shorter or longer period."""
    days = _period_days(s)
    if days is None or 360 <= days <= 370:
        return Decimal(base), str(base)
    factor = Decimal(base) * days / YEAR_DAYS
    return factor, f"{base} x {days}/{YEAR_DAYS} (a {days}-day period)"


NO_PNL = (
    "the filing states no profit and loss account (micro-entity, filleted or abridged accounts)"
)


def dso(s: FinancialStatement) -> Ratio:
    """Days sales outstanding: how fast the company's own clients pay it."""
    factor, label = _days(s, YEAR_DAYS)
    formula = f"trade_receivables / turnover x {label}"
    inputs = _inputs(s, ("trade_receivables", "turnover"))
    if s.turnover is None:
        reason = NO_PNL if not s.has_profit_and_loss else "turnover not stated"
        return _none("dso", formula, "days", reason, inputs)
    if s.trade_receivables is None:
        return _none("dso", formula, "days", "trade receivables not stated", inputs)
    if s.turnover.value <= 0:
        return _none("dso", formula, "days", f"turnover is {s.turnover.value}", inputs)
    value = s.trade_receivables.value / s.turnover.value * factor
    return Ratio(
        name="dso", value=_q(value, DAY_PLACES), formula=formula, unit="days", inputs=inputs
    )


def dpo(s: FinancialStatement) -> Ratio:
    """Days payables outstanding: how slowly the company pays its suppliers. Purchases when
    stated; else cost of sales (UK formats state no purchases), said so in `reason`."""
    factor, label = _days(s, COMMERCIAL_YEAR_DAYS)
    base, note = "purchases", None
    if s.purchases is None and s.cost_of_sales is not None:
        base = "cost_of_sales"
        note = (
            "no purchases stated: cost of sales used instead (it also holds production "
            "wages and depreciation, so DPO is understated)"
        )
    formula = f"trade_payables / {base} x {label}"
    inputs = _inputs(s, ("trade_payables", base))
    denominator = s.figure(base)
    if denominator is None:
        reason = (
            NO_PNL if not s.has_profit_and_loss else "neither purchases nor cost of sales stated"
        )
        return _none("dpo", formula, "days", reason, inputs)
    if s.trade_payables is None:
        return _none("dpo", formula, "days", "trade payables not stated", inputs)
    if denominator.value <= 0:
        return _none("dpo", formula, "days", f"{base} is {denominator.value}", inputs)
    value = s.trade_payables.value / denominator.value * factor
    return Ratio(
        name="dpo",
        value=_q(value, DAY_PLACES),
        formula=formula,
        unit="days",
        inputs=inputs,
        reason=note,
    )


RATIOS = {
    "gearing": gearing,
    "general_solvency": general_solvency,
    "current_ratio": current_ratio,
    "quick_ratio": quick_ratio,
    "dso": dso,
    "dpo": dpo,
}


def ratios(s: FinancialStatement) -> dict[str, Ratio]:
    return {name: fn(s) for name, fn in RATIOS.items()}
