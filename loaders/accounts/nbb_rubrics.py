"""Belgian NBB (Central Balance Sheet Office) rubric codes -> the canonical figures.

One table for both readers (CSV export and XBRL instance): a statement is built from a
`{rubric code: amount}` mapping, whatever the file it came from. Rubric codes and their meaning
are those of the NBB models (full m02/m82/m05, abridged m01/m81/m04, micro m07/m87/m08); the
English labels below are the ones of the OCA Odoo MIS templates of the m01-f/m02-f balance
sheet and P&L (`rubric-labels/` in the shared samples; a test checks them against those files).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from graph_schema.financials import AccountsType, Figure

# Model code (without the -f/-a/-o suffix) -> accounts type; source: NBB CBSO taxonomy page
# ("Volledig schema" = full, "Verkort schema" = abridged, "Micro schema" = micro).
MODELS: dict[str, AccountsType] = {
    "m02": AccountsType.FULL,  # companies with capital
    "m82": AccountsType.FULL,  # companies without capital
    "m05": AccountsType.FULL,  # associations and foundations
    "m01": AccountsType.ABRIDGED,
    "m81": AccountsType.ABRIDGED,
    "m04": AccountsType.ABRIDGED,
    "m07": AccountsType.MICRO,
    "m87": AccountsType.MICRO,
    "m08": AccountsType.MICRO,
}

# Rubric code -> label (English, as in the MIS templates of the NBB forms).
LABELS: dict[str, str] = {
    "10/15": "EQUITY",
    "16": "PROVISIONS AND DEFERRED TAXES",
    "17/49": "AMOUNTS PAYABLE",
    "17": "Amounts payable after more than one year",
    "170/4": "Financial debts",  # after more than one year
    "42": "Current portion of amounts payable after more than one year falling due within one "
    "year",  # not in the MIS templates: the NBB model's wording
    "43": "Financial debts",  # within one year
    "42/48": "Amounts payable within one year",
    "44": "Trade debts",
    "492/3": "Accruals and deferred income",
    "20/58": "TOTAL ASSETS",
    "20/28": "FIXED ASSETS (formation expenses included)",  # not in the MIS templates
    "21/28": "FIXED ASSETS",
    "29/58": "CURRENT ASSETS",
    "3": "Stocks and contracts in progress",
    "40": "Trade debtors",
    "50/53": "Current investments",
    "54/58": "Cash at bank and in hand",
    "70": "Turnover",
    "60/61": "Goods for resale, raw materials, consumables, services and other goods",  # m01
    "600/8": "Purchases",
    "9900": "Gross margin",
    "62": "Remuneration, social security and pensions",
    "630": "Depreciation and amounts written off formation expenses, intangible and tangible "
    "fixed assets",  # not in the MIS templates
    "9901": "Operating profit (loss)",
    "9903": "Profit (Loss) for the period before taxes",
    "9904": "Profit (Loss) of the period",
    "9087": "Average number of employees in full-time equivalents",  # not in the MIS templates
}


@dataclass(frozen=True)
class Rule:
    """A figure: the first rubric present, or (sum=True) the sum of those present."""

    rubrics: tuple[str, ...]
    sum: bool = False


FIGURES: dict[str, Rule] = {
    "equity": Rule(("10/15",)),
    "total_assets": Rule(("20/58",)),
    "fixed_assets": Rule(("20/28", "21/28")),
    "current_assets": Rule(("29/58",)),
    "inventories": Rule(("3",)),
    "trade_receivables": Rule(("40",)),
    "cash": Rule(("54/58", "50/53"), sum=True),
    "provisions": Rule(("16",)),
    "total_debts": Rule(("17/49",)),
    "long_term_debts": Rule(("17",)),
    "current_liabilities": Rule(("42/48",)),
    "financial_debts": Rule(("170/4", "42", "43"), sum=True),
    "trade_payables": Rule(("44",)),
    "turnover": Rule(("70",)),
    "gross_margin": Rule(("9900",)),
    "staff_costs": Rule(("62",)),
    "depreciation": Rule(("630",)),
    "operating_result": Rule(("9901",)),
    "profit_before_tax": Rule(("9903",)),
    "net_result": Rule(("9904",)),
    "employees": Rule(("9087",)),
}
# Purchases: 600/8 in the full model; the abridged model only has 60/61 (goods and services).
PURCHASES_FULL = "600/8"
PURCHASES_ABRIDGED = "60/61"


def accounts_type(model: str | None) -> AccountsType:
    return MODELS.get((model or "").split("-")[0].lower(), AccountsType.UNKNOWN)


def figures(rubrics: Mapping[str, Decimal], model: str | None) -> dict[str, Figure]:
    """The canonical figures a `{rubric: amount}` deposit states (absent rubrics stay absent)."""
    out: dict[str, Figure] = {}
    for name, rule in FIGURES.items():
        present = [r for r in rule.rubrics if r in rubrics]
        if not present:
            continue
        if rule.sum and len(present) > 1:
            out[name] = Figure(
                value=sum((rubrics[r] for r in present), Decimal(0)),
                sources=tuple(present),
                formula=" + ".join(present),
            )
        else:
            out[name] = Figure(value=rubrics[present[0]], sources=(present[0],))
    if PURCHASES_FULL in rubrics:
        out["purchases"] = Figure(value=rubrics[PURCHASES_FULL], sources=(PURCHASES_FULL,))
    elif PURCHASES_ABRIDGED in rubrics and accounts_type(model) is not AccountsType.FULL:
        out["purchases"] = Figure(
            value=rubrics[PURCHASES_ABRIDGED],
            sources=(PURCHASES_ABRIDGED,),
            formula="60/61 (abridged model: goods, materials and services; no 600/8)",
        )
    return out


def consistency(rubrics: Mapping[str, Decimal]) -> list[str]:
    """Totals the form defines that do not add up (a contradictory deposit)."""
    problems: list[str] = []
    checks = (("20/58", "10/49", "total assets 20/58 differs from total liabilities 10/49"),)
    for a, b, message in checks:
        if a in rubrics and b in rubrics and rubrics[a] != rubrics[b]:
            problems.append(f"{message} ({rubrics[a]} vs {rubrics[b]})")
    parts = [r for r in ("17", "42/48", "492/3") if r in rubrics]
    if "17/49" in rubrics and parts:
        total = sum((rubrics[r] for r in parts), Decimal(0))
        if total != rubrics["17/49"]:
            problems.append(
                f"amounts payable 17/49 = {rubrics['17/49']} but {' + '.join(parts)} = {total}"
            )
    return problems
