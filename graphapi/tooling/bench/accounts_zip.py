"""A Companies House bulk accounts zip of generated micro-entity filings, for the benchmark;
`micro_filing` writes one such filing with chosen figures (the workspace tests use it).

One inline XBRL template (FRS 105 micro-entity accounts in the FRC 2022 taxonomy, written from
the taxonomy's concepts and the Companies House bulk file layout, not copied from a filing),
filled in per company by string substitution: 100,000 members take seconds to write. Members are
named as in the daily product (`Prod223_<run>_<company>_<yyyymmdd>.html`) and deflated. Each
filing states the current and the prior year, with figures drawn from a seeded generator so that
balance sheets add up (fixed + current assets - creditors = net assets = equity).
"""

from __future__ import annotations

import random
import zipfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

MONTHS = (
    "January February March April May June July August September October November December"
).split()

_STYLE = "".join(
    f".s{i}{{font-family:Arial,sans-serif;font-size:{8 + i % 5}pt;margin:{i % 7}px 0;"
    f"padding:0 {i % 4}px;color:#{(i * 2654435761) % 0xFFFFFF:06x};}}\n"
    for i in range(60)
)  # the inline stylesheet accounts software writes: about a third of a real member's bytes

_ENTITY = '<xbrli:identifier scheme="http://www.companieshouse.gov.uk/">{number}</xbrli:identifier>'
_INSTANT = "<xbrli:instant>{%s}</xbrli:instant>"
_DURATION = "<xbrli:startDate>{%s}</xbrli:startDate><xbrli:endDate>{%s}</xbrli:endDate>"


def _context(cid: str, period: str, dimension: str | None = None, member: str | None = None) -> str:
    segment = (
        f'<xbrli:segment><xbrldi:explicitMember dimension="{dimension}">{member}'
        "</xbrldi:explicitMember></xbrli:segment>"
        if dimension
        else ""
    )
    return (
        f'<xbrli:context id="{cid}"><xbrli:entity>{_ENTITY}{segment}</xbrli:entity>'
        f"<xbrli:period>{period}</xbrli:period></xbrli:context>\n"
    )


_MATURITY = "core:MaturitiesOrExpirationPeriodsDimension"
_CONTEXTS = "".join(
    (
        _context("i1", _INSTANT % "end"),
        _context("i0", _INSTANT % "prior_end"),
        _context("d1", _DURATION % ("start", "end")),
        _context("d0", _DURATION % ("prior_start", "prior_end")),
        _context("w1", _INSTANT % "end", _MATURITY, "core:WithinOneYear"),
        _context("w0", _INSTANT % "prior_end", _MATURITY, "core:WithinOneYear"),
        _context("a1", _INSTANT % "end", _MATURITY, "core:AfterOneYear"),
        _context("a0", _INSTANT % "prior_end", _MATURITY, "core:AfterOneYear"),
        _context(
            "std",
            _DURATION % ("start", "end"),
            "bus:AccountingStandardsDimension",
            "bus:Micro-entities",
        ),
        _context(
            "typ", _DURATION % ("start", "end"), "bus:AccountsTypeDimension", "bus:FullAccounts"
        ),
        _context(
            "sta",
            _DURATION % ("start", "end"),
            "bus:AccountsStatusDimension",
            "bus:AuditExempt-NoAccountantsReport",
        ),
    )
)


def _text_fact(name: str, context: str, value: str, fmt: str | None = None) -> str:
    attr = f' format="{fmt}"' if fmt else ""
    return f'<ix:nonNumeric name="{name}" contextRef="{context}"{attr}>{value}</ix:nonNumeric>'


def _money(name: str, context: str, field: str, signed: bool = False, unit: str = "GBP") -> str:
    sign = "{" + field + "_sign}" if signed else ""
    return (
        f'<ix:nonFraction name="{name}" contextRef="{context}" unitRef="{unit}" decimals="0" '
        f'format="ixt2:numdotdecimal"{sign}>{{{field}}}</ix:nonFraction>'
    )


def _line(label: str, name: str, ctx: tuple[str, str], field: str, signed: bool = False) -> str:
    """A balance-sheet row: this year and the prior year; creditors print in brackets."""
    bracket = name == "core:Creditors"
    cells = [_money(name, ctx[0], field, signed), _money(name, ctx[1], f"p_{field}", signed)]
    cells = [f"({c})" if bracket else c for c in cells]
    return (
        f'<tr><td class="s12">{label}</td>'
        + "".join(f'<td class="s13">{c}</td>' for c in cells)
        + "</tr>\n"
    )


# The opening of a Companies House iXBRL filing, as the FRC taxonomies name their namespaces.
IXBRL_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"'
    ' xmlns:xbrli="http://www.xbrl.org/2003/instance"'
    ' xmlns:link="http://www.xbrl.org/2003/linkbase" xmlns:xlink="http://www.w3.org/1999/xlink"'
    ' xmlns:iso4217="http://www.xbrl.org/2003/iso4217"'
    ' xmlns:ixt2="http://www.xbrl.org/inlineXBRL/transformation/2011-07-31"'
    ' xmlns:xbrldi="http://xbrl.org/2006/xbrldi"'
    ' xmlns:core="http://xbrl.frc.org.uk/fr/2022-01-01/core"'
    ' xmlns:bus="http://xbrl.frc.org.uk/cd/2022-01-01/business">\n'
)
IX_DATE = "ixt2:datedaymonthyearen"
_TEMPLATE = (
    IXBRL_HEAD + '<head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>\n'
    "<title>{name} - Accounts for the year ended {end_text}</title>"
    '<style type="text/css">\n{style}</style></head>\n'
    '<body><div style="display:none"><ix:header><ix:references>'
    '<link:schemaRef xlink:type="simple"'
    ' xlink:href="https://xbrl.frc.org.uk/FRS-105/2022-01-01/FRS-105-2022-01-01.xsd"/>'
    "</ix:references><ix:resources>\n"
    + _CONTEXTS
    + '<xbrli:unit id="GBP"><xbrli:measure>iso4217:GBP</xbrli:measure></xbrli:unit>\n'
    '<xbrli:unit id="pure"><xbrli:measure>xbrli:pure</xbrli:measure></xbrli:unit>\n'
    "</ix:resources></ix:header></div>\n"
    '<div class="s1"><p class="s2">Registered number: '
    + _text_fact("bus:UKCompaniesHouseRegisteredNumber", "d1", "{number}")
    + '</p>\n<h1 class="s3">'
    + _text_fact("bus:EntityCurrentLegalOrRegisteredName", "d1", "{name}")
    + '</h1>\n<p class="s4">Unaudited financial statements for the year ended '
    + _text_fact("bus:EndDateForPeriodCoveredByReport", "d1", "{end_text}", IX_DATE)
    + '</p>\n<p class="s5" style="display:none">'
    + _text_fact("bus:StartDateForPeriodCoveredByReport", "d1", "{start_text}", IX_DATE)
    + _text_fact("bus:BalanceSheetDate", "i1", "{end_text}", IX_DATE)
    + _text_fact("bus:EntityDormantTruefalse", "d1", "false")
    + _text_fact("bus:AccountingStandardsApplied", "std", "Micro-entities")
    + _text_fact("bus:AccountsType", "typ", "Full accounts")
    + _text_fact("bus:AccountsStatusAuditedOrUnaudited", "sta", "Audit exempt")
    + "</p></div>\n"
    '<div class="s6"><h2 class="s7">Balance sheet as at {end_text}</h2>\n'
    '<table class="s8"><tr><th class="s9"></th><th class="s10">{year}<br/>£</th>'
    '<th class="s11">{prior_year}<br/>£</th></tr>\n'
    + _line("Fixed assets", "core:FixedAssets", ("i1", "i0"), "fixed")
    + _line("Current assets", "core:CurrentAssets", ("i1", "i0"), "current")
    + _line(
        "Creditors: amounts falling due within one year", "core:Creditors", ("w1", "w0"), "within"
    )
    + _line(
        "Net current assets (liabilities)",
        "core:NetCurrentAssetsLiabilities",
        ("i1", "i0"),
        "ncl",
        signed=True,
    )
    + _line(
        "Total assets less current liabilities",
        "core:TotalAssetsLessCurrentLiabilities",
        ("i1", "i0"),
        "talcl",
        signed=True,
    )
    + _line(
        "Creditors: amounts falling due after more than one year",
        "core:Creditors",
        ("a1", "a0"),
        "after",
    )
    + _line("Net assets (liabilities)", "core:NetAssetsLiabilities", ("i1", "i0"), "net", True)
    + _line("Capital and reserves", "core:Equity", ("i1", "i0"), "net", signed=True)
    + "</table>\n"
    '<p class="s36">For the year ending {end_text} the company was entitled to exemption from '
    "audit under section 477 of the Companies Act 2006 relating to small companies. The "
    "directors acknowledge their responsibilities for complying with the requirements of the "
    "Act with respect to accounting records and the preparation of accounts. These accounts "
    "have been prepared in accordance with the provisions applicable to companies subject to "
    "the micro-entities regime.</p>\n"
    '<h2 class="s37">Notes to the financial statements</h2>\n'
    '<p class="s38">1. Accounting policies. The financial statements have been prepared under '
    'the historical cost convention and in accordance with FRS 105 "The Financial Reporting '
    'Standard applicable to the Micro-entities Regime". Turnover represents amounts receivable '
    "for goods and services net of VAT and trade discounts. Tangible fixed assets are stated at "
    "cost less depreciation, provided at rates calculated to write off the cost less estimated "
    "residual value of each asset over its expected useful life.</p>\n"
    '<p class="s39">2. Employees. The average number of persons employed by the company during '
    "the year, including the directors, was "
    + _money("core:AverageNumberEmployeesDuringPeriod", "d1", "employees", unit="pure")
    + " ("
    + _money("core:AverageNumberEmployeesDuringPeriod", "d0", "p_employees", unit="pure")
    + ').</p>\n<p class="s40">These financial statements were approved by the board of '
    "directors and signed on its behalf by the director.</p></div></body></html>\n"
)


@dataclass(frozen=True)
class Written:
    path: Path
    filings: int
    bytes: int  # uncompressed members


def _text(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


@dataclass(frozen=True)
class MicroYear:
    """One year of a micro-entity balance sheet, in pounds as printed."""

    fixed: int
    current: int
    within: int  # creditors falling due within one year
    after: int  # creditors falling due after more than one year
    employees: int


def draw_year(rng: random.Random) -> MicroYear:
    fixed = rng.randrange(0, 400_000)
    current = rng.randrange(1_000, 300_000)
    within = rng.randrange(0, 250_000)
    after = rng.randrange(0, 150_000) if rng.random() < 0.4 else 0
    return MicroYear(fixed, current, within, after, rng.randrange(0, 10))


def _side(year: MicroYear, prefix: str) -> dict[str, str]:
    ncl = year.current - year.within
    talcl = year.fixed + ncl
    net = talcl - year.after
    out = {
        "fixed": year.fixed,
        "current": year.current,
        "within": year.within,
        "after": year.after,
        "ncl": abs(ncl),
        "talcl": abs(talcl),
        "net": abs(net),
        "employees": year.employees,
    }
    values = {f"{prefix}{k}": f"{v:,}" for k, v in out.items()}
    for name, value in (("ncl", ncl), ("talcl", talcl), ("net", net)):
        values[f"{prefix}{name}_sign"] = ' sign="-"' if value < 0 else ""
    return values


def micro_filing(
    number: str, name: str, end: date, current: MicroYear, prior: MicroYear, run: str = "4000"
) -> tuple[str, str]:
    """(member name, iXBRL text) of one micro-entity filing for the year to `end` (a month
    end), stating the current and the prior year."""
    prior_end = _month_end(end.year - 1, end.month)
    start = prior_end + timedelta(days=1)
    prior_start = _month_end(end.year - 2, end.month) + timedelta(days=1)
    fields = {
        "name": name,
        "number": number,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "prior_start": prior_start.isoformat(),
        "prior_end": prior_end.isoformat(),
        "end_text": _text(end),
        "start_text": _text(start),
        "year": str(end.year),
        "prior_year": str(prior_end.year),
        "style": _STYLE,
        **_side(current, ""),
        **_side(prior, "p_"),
    }
    return f"Prod223_{run}_{number}_{end:%Y%m%d}.html", _TEMPLATE.format(**fields)


def filing(index: int, rng: random.Random) -> tuple[str, str]:
    """(member name, iXBRL text) of the generated filing `index`."""
    number = f"9{index:07d}"  # numbers of their own: these companies are known from accounts
    year, month = 2022 + index % 3, 1 + (index // 3) % 12
    current = draw_year(rng)
    prior = draw_year(rng)
    name = f"GENERATED MICRO {index} LIMITED"
    return micro_filing(number, name, _month_end(year, month), current, prior)


def write_accounts_zip(path: Path, filings: int, seed: int = 42) -> Written:
    """A daily-product-shaped zip of `filings` generated micro-entity filings."""
    rng = random.Random(seed)
    size = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for i in range(filings):
            name, text = filing(i, rng)
            data = text.encode("utf-8")
            size += len(data)
            zf.writestr(name, data)
    return Written(path, filings, size)
