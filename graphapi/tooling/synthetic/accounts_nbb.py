"""A generated Belgian company's annual accounts as the NBB Central Balance Sheet Office exports
a deposit: the CSV of two quoted columns, metadata rows then `"<rubric>","<amount>"` rows
(loaders/accounts/nbb_csv.py reads it; rubric codes of the NBB models, docs/accounts.md).

Financial years are calendar years; a year's deposit is due seven months after it closes
(approval within six months, filing within 30 days after: `FinancialParams.nbb_deposit_months`).
Each company deposits every year whose deposit is due at the world's date, the latest three
at most, in the full model (m02-f) for a turnover above €5m (the generator's line, so that
both models appear), else the abridged one (m01-f, no turnover line). Figures are a healthy
series of the company's own seeded stream (accounts_figures.py).
"""

from __future__ import annotations

from datetime import date

from graphapi.tooling.synthetic.accounts_figures import Year
from graphapi.tooling.synthetic.factory import add_months
from graphapi.tooling.synthetic.world import Company

DEPOSIT_MONTHS = 7  # FinancialParams.nbb_deposit_months: a unit test compares them
YEARS = 3


def due_years(c: Company, as_of: date, missing: int = 0) -> list[int]:
    """The closed years whose deposit is due at `as_of` (oldest first), at most `YEARS`,
    after the company's first full year; `missing`: the latest ones left undeposited."""
    last = as_of.year
    while add_months(date(last, 12, 31), DEPOSIT_MONTHS) >= as_of:
        last -= 1
    years = [y for y in range(last - YEARS + 1, last + 1) if y > c.created.year]
    return years[: len(years) - missing] if missing else years


def rubrics(y: Year, model: str) -> dict[str, int]:
    """The rubric amounts of one year (totals as the form defines them)."""
    other_within = y.within - y.bank_within
    amounts = {
        "21/28": y.fixed,
        "29/58": y.current,
        "40": (y.current - y.cash) // 2,
        "54/58": y.cash,
        "20/58": y.total_assets,
        "10/15": y.equity,
        "17": y.after,
        "42/48": y.within,
        "44": other_within * 2 // 5,
        "17/49": y.after + y.within,
        "10/49": y.total_assets,
        "9087": y.employees,
    }
    if y.bank_after:
        amounts["170/4"] = y.bank_after
    if y.bank_within:
        amounts["43"] = y.bank_within
    if y.result is not None:
        turnover = y.turnover or 0
        amounts |= {"9900": y.gross or 0, "9901": y.operating or 0, "9904": y.result}
        if model == "m02-f":
            amounts |= {"70": turnover, "600/8": turnover - (y.gross or 0)}
    return amounts


def deposit_csv(c: Company, year: int, y: Year, reference: str) -> str:
    model = "m02-f" if (y.turnover or 0) > 5_000_000 else "m01-f"
    meta = [
        ("Reference number", reference),
        ("Entity number", c.number),
        ("Accounting period start date", f"{year}-01-01"),
        ("Accounting period end date", f"{year}-12-31"),
        ("Model code", model),
        ("Deposit type", "Initial"),
        ("Language", "nl"),
        ("Currency", "EUR"),
        ("Entity name", c.name),
        ("Entity city", c.address.locality),
        ("Entity postal code", c.address.postal_code),
    ]
    rows = [*meta, *((k, str(v)) for k, v in sorted(rubrics(y, model).items()))]
    return "".join(f'"{k}","{v}"\n' for k, v in rows)
