"""A generated company's accounts filing as Companies House publishes it: inline XBRL in the FRC
2022 taxonomy, named like a bulk accounts member (`Prod224_<run>_<number>_<yyyymmdd>.html`).

The shape follows the filing history's accounts type: `micro-entity` (FRS 105 balance sheet,
no P&L), `total-exemption-full` (small company accounts filleted: balance sheet and notes),
`small` (FRS 102 1A full accounts with the P&L), `unaudited-abridged` (abridged: the P&L starts
at gross profit, no turnover) and `dormant` (the share capital only, flagged dormant). Contexts
and facts are those of graphapi/tooling/bench/accounts_zip.py (the benchmark's micro-entity
template), without its stylesheet padding.
"""

from __future__ import annotations

from datetime import date

from graphapi.tooling.bench.accounts_zip import IX_DATE, IXBRL_HEAD, MONTHS, _context
from graphapi.tooling.synthetic.accounts_figures import DORMANT, MICRO, Year

_MATURITY = "core:MaturitiesOrExpirationPeriodsDimension"
_STANDARD = {MICRO: "Micro-entities", DORMANT: "Micro-entities"}
_TYPE = {
    "total-exemption-full": "FilletedAccounts",
    "unaudited-abridged": "AbridgedAccounts",
}


def _text(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _fact(name: str, ctx: str, value: str, fmt: str | None = None) -> str:
    attr = f' format="{fmt}"' if fmt else ""
    return f'<ix:nonNumeric name="{name}" contextRef="{ctx}"{attr}>{value}</ix:nonNumeric>'


def _num(name: str, ctx: str, value: int, unit: str = "GBP") -> str:
    sign = ' sign="-"' if value < 0 else ""
    return (
        f'<ix:nonFraction name="{name}" contextRef="{ctx}" unitRef="{unit}" decimals="0" '
        f'format="ixt2:numdotdecimal"{sign}>{abs(value):,}</ix:nonFraction>'
    )


def _row(label: str, name: str, ctx: str, years: list[tuple[str, int]]) -> str:
    cells = "".join(f"<td>{_num(name, ctx % suffix, v)}</td>" for suffix, v in years)
    return f"<tr><td>{label}</td>{cells}</tr>\n"


def _lines(y: Year) -> dict[str, int]:
    ncl = y.current - y.within
    return {
        "fixed": y.fixed,
        "current": y.current,
        "within": y.within,
        "ncl": ncl,
        "talcl": y.fixed + ncl,
        "after": y.after,
        "net": y.equity,
    }


def _balance_sheet(kind: str, cols: list[tuple[str, Year]]) -> str:
    lines = [(s, _lines(y)) for s, y in cols]

    def row(label: str, name: str, ctx: str, key: str) -> str:
        return _row(label, name, ctx, [(s, v[key]) for s, v in lines])

    out = row("Fixed assets", "core:FixedAssets", "i%s", "fixed")
    out += row("Current assets", "core:CurrentAssets", "i%s", "current")
    if kind not in (MICRO, DORMANT):
        out += _row("Cash at bank and in hand", "core:CashBankOnHand", "i%s", _col(cols, "cash"))
    out += row("Creditors: amounts falling due within one year", "core:Creditors", "w%s", "within")
    out += row("Net current assets (liabilities)", "core:NetCurrentAssetsLiabilities", "i%s", "ncl")
    out += row(
        "Total assets less current liabilities",
        "core:TotalAssetsLessCurrentLiabilities",
        "i%s",
        "talcl",
    )
    out += row(
        "Creditors: amounts falling due after more than one year", "core:Creditors", "a%s", "after"
    )
    out += row("Net assets (liabilities)", "core:NetAssetsLiabilities", "i%s", "net")
    out += row("Capital and reserves", "core:Equity", "i%s", "net")
    if kind not in (MICRO, DORMANT) and any(y.bank_within or y.bank_after for _, y in cols):
        name = "core:BankBorrowingsOverdrafts"
        out += _row(
            "Bank loans and overdrafts (within one year)", name, "w%s", _col(cols, "bank_within")
        )
        out += _row(
            "Bank loans and overdrafts (after one year)", name, "a%s", _col(cols, "bank_after")
        )
    return out


def _col(cols: list[tuple[str, Year]], attr: str) -> list[tuple[str, int]]:
    return [(s, int(getattr(y, attr))) for s, y in cols]


def _pnl(kind: str, cols: list[tuple[str, Year]]) -> str:
    if not any(y.result is not None for _, y in cols):
        return ""
    out = ""
    for label, name, attr in (
        ("Turnover", "core:TurnoverRevenue", "turnover"),
        ("Gross profit", "core:GrossProfitLoss", "gross"),
        ("Operating profit (loss)", "core:OperatingProfitLoss", "operating"),
        ("Profit (loss) for the financial year", "core:ProfitLoss", "result"),
    ):
        values = [(s, v) for s, y in cols if (v := getattr(y, attr)) is not None]
        if values:
            out += _row(label, name, "d%s", values)
    return out


def member_name(number: str, end: date, filed: date) -> str:
    """The bulk product's member name: run number from the filing month, then the company."""
    return f"Prod224_{filed.year % 100:02d}{filed.month:02d}_{number}_{end:%Y%m%d}.html"


def filing(
    number: str,
    name: str,
    kind: str,
    period: tuple[date, date],
    current: Year,
    prior: tuple[date, date, Year] | None,
) -> str:
    """The iXBRL text of one filing for `period` (start, end), with the prior year's figures
    when the filing has a prior period (a company's first accounts have none)."""
    start, end = period
    std = _STANDARD.get(kind, "SmallEntities")
    ctx = [
        _context("i1", f"<xbrli:instant>{end}</xbrli:instant>"),
        _context(
            "d1", f"<xbrli:startDate>{start}</xbrli:startDate><xbrli:endDate>{end}</xbrli:endDate>"
        ),
        _context("w1", f"<xbrli:instant>{end}</xbrli:instant>", _MATURITY, "core:WithinOneYear"),
        _context("a1", f"<xbrli:instant>{end}</xbrli:instant>", _MATURITY, "core:AfterOneYear"),
        _context(
            "std",
            f"<xbrli:instant>{end}</xbrli:instant>",
            "bus:AccountingStandardsDimension",
            f"bus:{std}",
        ),
        _context(
            "typ",
            f"<xbrli:instant>{end}</xbrli:instant>",
            "bus:AccountsTypeDimension",
            f"bus:{_TYPE.get(kind, 'FullAccounts')}",
        ),
    ]
    cols: list[tuple[str, Year]] = [("1", current)]
    if prior is not None:
        p_start, p_end, p_year = prior
        ctx += [
            _context("i0", f"<xbrli:instant>{p_end}</xbrli:instant>"),
            _context(
                "d0",
                f"<xbrli:startDate>{p_start}</xbrli:startDate><xbrli:endDate>{p_end}</xbrli:endDate>",
            ),
            _context(
                "w0", f"<xbrli:instant>{p_end}</xbrli:instant>", _MATURITY, "core:WithinOneYear"
            ),
            _context(
                "a0", f"<xbrli:instant>{p_end}</xbrli:instant>", _MATURITY, "core:AfterOneYear"
            ),
        ]
        cols.append(("0", p_year))
    contexts = "".join(ctx).replace("{number}", number)
    dormant = "true" if current.dormant else "false"
    staff = "".join(
        f"<p>{_num('core:AverageNumberEmployeesDuringPeriod', 'd' + s, y.employees, 'pure')}</p>"
        for s, y in cols
    )
    return (
        IXBRL_HEAD
        + f"<head><title>{name} - Accounts for the year ended {_text(end)}</title></head>\n"
        + '<body><div style="display:none"><ix:header><ix:references><link:schemaRef '
        'xlink:type="simple" xlink:href="https://xbrl.frc.org.uk/FRS-102/2022-01-01/'
        'FRS-102-2022-01-01.xsd"/></ix:references><ix:resources>\n'
        + contexts
        + '<xbrli:unit id="GBP"><xbrli:measure>iso4217:GBP</xbrli:measure></xbrli:unit>\n'
        '<xbrli:unit id="pure"><xbrli:measure>xbrli:pure</xbrli:measure></xbrli:unit>\n'
        "</ix:resources></ix:header></div>\n<div><p>Registered number: "
        + _fact("bus:UKCompaniesHouseRegisteredNumber", "d1", number)
        + "</p><h1>"
        + _fact("bus:EntityCurrentLegalOrRegisteredName", "d1", name)
        + "</h1><p>"
        + _fact("bus:StartDateForPeriodCoveredByReport", "d1", _text(start), IX_DATE)
        + " to "
        + _fact("bus:EndDateForPeriodCoveredByReport", "d1", _text(end), IX_DATE)
        + _fact("bus:BalanceSheetDate", "i1", _text(end), IX_DATE)
        + _fact("bus:EntityDormantTruefalse", "d1", dormant)
        + _fact("bus:AccountingStandardsApplied", "std", std)
        + _fact("bus:AccountsType", "typ", _TYPE.get(kind, "FullAccounts"))
        + "</p></div>\n<table>\n"
        + _pnl(kind, cols)
        + _balance_sheet(kind, cols)
        + "</table>\n"
        + staff
        + "</body></html>\n"
    )
