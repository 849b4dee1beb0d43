"""Filed annual accounts as canonical records: one `FinancialStatement` per filing, period and
scope (the company alone, or its consolidated group), with a fixed set of figures.

Rules every reader follows (docs/accounts.md gives the mapping per taxonomy, model and form):

- A figure the filing does not state is absent (`None`), never 0. A stated nil (a dash, a 0)
  is `Decimal(0)`.
- Every figure remembers the concepts, rubric codes or form lines it was read from and, when it
  was computed from several of them, the formula, so that a ratio can show its evidence.
- The prior-year figures a filing carries become a second statement of their own period with
  `comparative=True`.
- Money is `Decimal` in the statement's currency, as printed (units, not thousands).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from graph_schema.provenance import Provenance


class AccountsType(StrEnum):
    """What the filing is, as far as the filing says (dormant is a flag, not a type)."""

    MICRO = "micro"  # UK FRS 105 micro-entity; NBB micro model (m07/m08)
    ABRIDGED = "abridged"  # UK abridged; NBB abridged model (m01/m81)
    ABBREVIATED = "abbreviated"  # UK abbreviated accounts (before 2016)
    FILLETED = "filleted"  # UK small company without P&L (filleted)
    SMALL = "small"  # UK small-company full accounts (FRS 102 1A)
    SIMPLIFIED = "simplified"  # French régime simplifié (Cerfa 2033)
    FULL = "full"  # UK full accounts; NBB full model (m02/m82); French régime normal (2050-2053)
    UNKNOWN = "unknown"  # the filing does not say (e.g. UK GAAP 2009 inline XBRL)


class SourceFormat(StrEnum):
    CH_IXBRL = "ch-ixbrl"
    CH_XBRL = "ch-xbrl"
    NBB_XBRL = "nbb-xbrl"
    NBB_CSV = "nbb-csv"
    INPI_JSON = "inpi-json"


# The canonical figure set, in display order. Money unless noted.
FIGURE_NAMES: tuple[str, ...] = (
    "fixed_assets",
    "current_assets",
    "inventories",
    "trade_receivables",
    "cash",  # cash at bank and in hand, plus current investments where the model has them
    "total_assets",
    "equity",
    "provisions",
    "total_debts",  # amounts payable: creditors of every maturity plus accruals (no provisions)
    "long_term_debts",  # payable after more than one year
    "current_liabilities",  # payable within one year
    "financial_debts",  # borrowings: bank loans, overdrafts, finance leases, other loans
    "trade_payables",
    "turnover",
    "cost_of_sales",
    "purchases",  # goods and materials bought (Belgian 600/8, French FS+FU, ...)
    "gross_margin",
    "staff_costs",
    "depreciation",
    "operating_result",
    "profit_before_tax",
    "net_result",  # profit or loss for the period, after tax
    "employees",  # average number (UK) or full-time equivalents (NBB 9087); not money
)


class Figure(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    value: Decimal
    # Concepts (local names, e.g. "Equity"), NBB rubric codes ("10/15") or liasse-fiscale
    # line codes ("DL") the value was read from.
    sources: tuple[str, ...]
    # How the sources were combined, when there is more than one ("FixedAssets + CurrentAssets").
    formula: str | None = None

    @field_validator("sources")
    @classmethod
    def _some_source(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        if not v:
            raise ValueError("a figure needs at least one source")
        return v


class CompanyRef(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    scheme: str  # org-id code: GB-COH, BE-BCE_KBO, FR-SIREN
    number: str  # normalised (GB: 8 characters)

    @property
    def key(self) -> str:
        return f"{self.scheme}-{self.number}"


class FinancialStatement(BaseModel):
    """One period of one filing, for one scope (company alone or consolidated group)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    company: CompanyRef
    company_name: str | None = None
    period_start: date | None = None  # None when the filing gives no period start
    period_end: date
    accounts_type: AccountsType = AccountsType.UNKNOWN
    dormant: bool | None = None  # None: the filing does not say
    llp: bool = False
    consolidated: bool = False  # figures of the group the company heads, not of the company
    comparative: bool = False  # prior-year figures carried by a later filing
    audited: bool | None = None
    accounting_standard: str | None = None  # FRS102, FRS105, UK-GAAP, BE-GAAP, PCG
    model: str | None = None  # taxonomy / NBB model / Cerfa form: "FRS-102 2021", "m01-f", "2033"
    currency: str | None = None  # ISO 4217
    source_format: SourceFormat
    provenance: Provenance
    notes: tuple[str, ...] = ()  # anything the reader had to decide (sign repairs, skipped facts)

    fixed_assets: Figure | None = None
    current_assets: Figure | None = None
    inventories: Figure | None = None
    trade_receivables: Figure | None = None
    cash: Figure | None = None
    total_assets: Figure | None = None
    equity: Figure | None = None
    provisions: Figure | None = None
    total_debts: Figure | None = None
    long_term_debts: Figure | None = None
    current_liabilities: Figure | None = None
    financial_debts: Figure | None = None
    trade_payables: Figure | None = None
    turnover: Figure | None = None
    cost_of_sales: Figure | None = None
    purchases: Figure | None = None
    gross_margin: Figure | None = None
    staff_costs: Figure | None = None
    depreciation: Figure | None = None
    operating_result: Figure | None = None
    profit_before_tax: Figure | None = None
    net_result: Figure | None = None
    employees: Figure | None = None

    @model_validator(mode="after")
    def _period_in_order(self) -> FinancialStatement:
        if self.period_start is not None and self.period_start > self.period_end:
            raise ValueError(f"period starts {self.period_start} after it ends {self.period_end}")
        return self

    @property
    def key(self) -> str:
        """One statement per company, scope, period end and role: the filing's own figures and
        a later filing's comparative of the same period are two statements (readers prefer
        the own one), so that neither ever overwrites the other."""
        scope = "group" if self.consolidated else "company"
        role = "|comparative" if self.comparative else ""
        return f"{self.company.key}|{scope}|{self.period_end.isoformat()}{role}"

    @property
    def size_class(self) -> str | None:
        return size_class(
            self.currency,
            self.value("total_assets"),
            self.value("turnover"),
            self.value("employees"),
        )

    def figure(self, name: str) -> Figure | None:
        if name not in FIGURE_NAMES:
            raise KeyError(name)
        value: Figure | None = getattr(self, name)
        return value

    def value(self, name: str) -> Decimal | None:
        fig = self.figure(name)
        return None if fig is None else fig.value

    def stated(self) -> dict[str, Figure]:
        """The figures this statement states, by name (absent ones left out)."""
        return {n: f for n in FIGURE_NAMES if (f := getattr(self, n)) is not None}

    @property
    def has_profit_and_loss(self) -> bool:
        return any(
            getattr(self, n) is not None
            for n in ("turnover", "cost_of_sales", "gross_margin", "operating_result", "net_result")
        )


# (class, total assets, turnover, employees) upper limits; EU Directive 2013/34/EU art. 3 as
# amended by Delegated Directive (EU) 2023/2775 (EUR), and the UK Companies Act 2006 ss. 382,
# 384A, 465 as amended from 6 April 2025 (GBP).
SIZE_LIMITS: dict[str, tuple[tuple[str, Decimal, Decimal, Decimal], ...]] = {
    "EUR": (
        ("micro", Decimal(450_000), Decimal(900_000), Decimal(10)),
        ("small", Decimal(7_500_000), Decimal(15_000_000), Decimal(50)),
        ("medium", Decimal(25_000_000), Decimal(50_000_000), Decimal(250)),
    ),
    "GBP": (
        ("micro", Decimal(500_000), Decimal(1_000_000), Decimal(10)),
        ("small", Decimal(7_500_000), Decimal(15_000_000), Decimal(50)),
        ("medium", Decimal(27_000_000), Decimal(54_000_000), Decimal(250)),
    ),
}


def size_class(
    currency: str | None,
    total_assets: Decimal | None,
    turnover: Decimal | None,
    employees: Decimal | None,
) -> str | None:
    """micro/small/medium/large from total assets, turnover and employees (a class holds when
    no more than one of its limits is exceeded); None when fewer than two criteria are stated
    or the currency has no thresholds."""
    limits = SIZE_LIMITS.get(currency or "")
    values = (total_assets, turnover, employees)
    if limits is None or sum(v is not None for v in values) < 2:
        return None
    for name, *caps in limits:
        exceeded = sum(v is not None and v > cap for v, cap in zip(values, caps, strict=True))
        if exceeded <= 1:
            return name
    return "large"


def sector(activity_code: str | None, digits: int) -> str | None:
    """`NACE:43.91` / `SIC:41201` / `NAF:4391Z` -> the 4- or 2-digit group, scheme kept
    (`NACE:43.91`, `SIC:4120`, `NACE:43`); NAF and NACEBEL are NACE at these levels."""
    if not activity_code:
        return None
    scheme, _, code = activity_code.partition(":")
    if not code:
        scheme, code = "NACE", scheme
    numbers = "".join(ch for ch in code if ch.isdigit())
    if len(numbers) < digits:
        return None
    scheme = {"NAF": "NACE", "NACEBEL": "NACE"}.get(scheme.upper(), scheme.upper())
    group = numbers[:digits]
    if scheme == "NACE" and digits == 4:
        group = f"{group[:2]}.{group[2:]}"
    return f"{scheme}:{group}"


def stored_decimal(value: float | int) -> Decimal:
    """A figure as stored in the graph (a double) back to the decimal printed in the filing:
    `2935026.0` -> 2935026, `8896856.47` -> 8896856.47 (exact up to 15 significant digits)."""
    if isinstance(value, int) or value.is_integer():
        return Decimal(int(value))
    return Decimal(repr(value))
