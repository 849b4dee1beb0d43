"""Companies House taxonomies: which namespaces count, which concepts give which figure.

Concepts are matched by local name within the UK taxonomy families below (FRC 2014-2024 core
and charities, UK GAAP 2009, the 2004 UK GAAP "pt" and Companies House's 2008 "ae" schemas);
a filer's own extension namespace never supplies a figure. The figure tables are the source of
the mapping table in docs/accounts.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Figure-bearing namespaces (FRC core and charities, UK GAAP 2009 core, UK GAAP 2004 pt, CH ae).
_FIGURE_NS = re.compile(
    r"^http://xbrl\.frc\.org\.uk/(fr/\d{4}-\d{2}-\d{2}/core|char/\d{4}-\d{2}-\d{2})$"
    r"|^http://www\.xbrl\.org/uk/gaap/core/\d{4}-\d{2}-\d{2}$"
    r"|^http://www\.xbrl\.org/uk/fr/gaap/pt/\d{4}-\d{2}-\d{2}$"
    r"|^http://www\.companieshouse\.gov\.uk/ef/xbrl/uk/fr/gaap/ae/\d{4}-\d{2}-\d{2}$"
)
# Metadata namespaces (company number, name, dates, dormancy, accounts kind).
_META_NS = re.compile(
    r"^http://xbrl\.frc\.org\.uk/cd/\d{4}-\d{2}-\d{2}/business$"
    r"|^http://www\.xbrl\.org/uk/cd/business/\d{4}-\d{2}-\d{2}$"
    r"|^http://www\.xbrl\.org/uk/fr/gcd/\d{4}-\d{2}-\d{2}$"
    r"|^http://www\.companieshouse\.gov\.uk/ef/xbrl/uk/fr/gaap/ae/\d{4}-\d{2}-\d{2}$"
)
_FRC_CORE = re.compile(r"^http://xbrl\.frc\.org\.uk/fr/(\d{4}-\d{2}-\d{2})/core$")
_FRC_CHAR = re.compile(r"^http://xbrl\.frc\.org\.uk/char/(\d{4}-\d{2}-\d{2})$")


@lru_cache(maxsize=256)
def is_figure_namespace(namespace: str) -> bool:
    return _FIGURE_NS.match(namespace) is not None


@lru_cache(maxsize=256)
def is_meta_namespace(namespace: str) -> bool:
    return _META_NS.match(namespace) is not None


def taxonomy_label(namespaces: set[str]) -> str | None:
    """A short name of the taxonomy the facts come from: 'FRC 2021-01-01', 'UK-GAAP 2009-09-01'."""
    for ns in sorted(namespaces, reverse=True):
        if m := _FRC_CHAR.match(ns):
            return f"FRC charities {m.group(1)}"
    for ns in sorted(namespaces, reverse=True):
        if m := _FRC_CORE.match(ns):
            return f"FRC {m.group(1)}"
    if "http://www.xbrl.org/uk/gaap/core/2009-09-01" in namespaces:
        return "UK-GAAP 2009-09-01"
    if any("/gaap/ae/2008-04-06" in ns for ns in namespaces):
        return "CH-AE 2008-04-06"
    if "http://www.xbrl.org/uk/fr/gaap/pt/2004-12-01" in namespaces:
        return "UK-GAAP-PT 2004-12-01"
    return None


# --- dimensions ----------------------------------------------------------------------------

GROUP_DIM = "GroupCompanyDataDimension"
CONSOLIDATED = "Consolidated"
# Members that do not change a figure's meaning (00035838 tags every figure as "Original").
NEUTRAL_DIMS = frozenset({("OriginalRevisedDataDimension", "Original")})

_MATURITY = "MaturitiesOrExpirationPeriodsDimension"
_CURRENCY = "FinancialInstrumentCurrentNon-currentDimension"
WITHIN_ONE_YEAR = (
    frozenset({(_MATURITY, "WithinOneYear")}),
    frozenset({(_CURRENCY, "CurrentFinancialInstruments")}),
    frozenset({(_MATURITY, "WithinOneYear"), (_CURRENCY, "CurrentFinancialInstruments")}),
)
AFTER_ONE_YEAR = (
    frozenset({(_MATURITY, "AfterOneYear")}),
    frozenset({(_CURRENCY, "Non-currentFinancialInstruments")}),
    frozenset({(_MATURITY, "AfterOneYear"), (_CURRENCY, "Non-currentFinancialInstruments")}),
)
NO_DIMS: tuple[frozenset[tuple[str, str]], ...] = (frozenset(),)
ALL_PERIODS = (frozenset({(_MATURITY, "AllPeriods")}),)
TOTAL_EQUITY_MEMBER = (
    frozenset(
        {
            (
                "EquityClassesDimension",
                "TotalEquityAttributableToOwnersParentBeforeNon-controllingInterests",
            )
        }
    ),
)
SEGMENT_DIMS = ("GeographicSegmentsDimension", "ProductsServicesDimension", "SegmentsDimension")


@dataclass(frozen=True)
class Pick:
    """Concepts read as they are, first found wins; `dims` are the accepted dimension sets."""

    names: tuple[str, ...]
    dims: tuple[frozenset[tuple[str, str]], ...] = NO_DIMS


# --- balance sheet (instants) --------------------------------------------------------------

EQUITY = (
    Pick(("Equity", "ShareholderFunds")),
    Pick(("NetAssetsLiabilities", "NetAssetsLiabilitiesIncludingPensionAssetLiability")),
    Pick(("Equity",), TOTAL_EQUITY_MEMBER),
)
NET_ASSETS = Pick(("NetAssetsLiabilities", "NetAssetsLiabilitiesIncludingPensionAssetLiability"))
FIXED_ASSETS = Pick(("FixedAssets", "TangibleFixedAssetsTotal"))
FIXED_ASSET_PARTS = (
    "IntangibleAssets",
    "PropertyPlantEquipment",
    "InvestmentsFixedAssets",
    "InvestmentProperty",
    "TangibleFixedAssets",
)
CURRENT_ASSETS = Pick(("CurrentAssets",))
PREPAYMENTS_OUTSIDE_CA = Pick(("PrepaymentsAccruedIncomeNotExpressedWithinCurrentAssetSubtotal",))
CALLED_UP_NOT_PAID = Pick(("CalledUpShareCapitalNotPaidNotExpressedAsCurrentAsset",))
NET_CURRENT_ASSETS = Pick(("NetCurrentAssetsLiabilities",))
TOTAL_ASSETS_LESS_CL = Pick(("TotalAssetsLessCurrentLiabilities",))
CREDITORS_WITHIN = (
    Pick(("Creditors",), WITHIN_ONE_YEAR),
    Pick(("CreditorsDueWithinOneYear", "CreditorsDueWithinOneYearTotal")),
)
CREDITORS_AFTER = (
    Pick(("Creditors",), AFTER_ONE_YEAR),
    Pick(("CreditorsDueAfterOneYear", "CreditorsDueAfterOneYearTotal")),
)
ACCRUALS_OUTSIDE_CREDITORS = Pick(("AccruedLiabilitiesNotExpressedWithinCreditorsSubtotal",))
PROVISIONS = Pick(
    (
        "ProvisionsForLiabilitiesBalanceSheetSubtotal",
        "ProvisionsForLiabilitiesCharges",
        "TaxationIncludingDeferredTaxationBalanceSheetSubtotal",  # the deferred tax line alone
    )
)
INVENTORIES = Pick(("TotalInventories", "Stocks", "StocksInventory"))
CASH = Pick(("CashBankOnHand", "CashBankInHand"))
CURRENT_INVESTMENTS = Pick(("CurrentAssetInvestments",))
TRADE_RECEIVABLES = Pick(
    ("TradeDebtorsTradeReceivables", "TradeDebtors"), NO_DIMS + WITHIN_ONE_YEAR
)
TRADE_PAYABLES = Pick(("TradeCreditorsTradePayables", "TradeCreditors"), NO_DIMS + WITHIN_ONE_YEAR)
# Borrowings: each concept as a total, else its within- plus after-one-year parts.
TOTAL_BORROWINGS = "TotalBorrowings"
BANK_LOANS_AND_OVERDRAFTS = "BankBorrowingsOverdrafts"
BANK_LOANS = "BankBorrowings"
BANK_OVERDRAFTS = "BankOverdrafts"
OTHER_BORROWINGS = "OtherRemainingBorrowings"
FINANCE_LEASES = "FinanceLeaseLiabilitiesPresentValueTotal"
# Figures that are positive by nature: a negative tag is a presentation sign (Luigi TopCo tags
# group creditors after one year with sign="-"); the absolute value is kept.
POSITIVE_BY_NATURE = frozenset(
    {
        "FixedAssets",
        "TangibleFixedAssetsTotal",
        "CurrentAssets",
        "Creditors",
        "CreditorsDueWithinOneYear",
        "CreditorsDueWithinOneYearTotal",
        "CreditorsDueAfterOneYear",
        "CreditorsDueAfterOneYearTotal",
        "AccruedLiabilitiesNotExpressedWithinCreditorsSubtotal",
        "PrepaymentsAccruedIncomeNotExpressedWithinCurrentAssetSubtotal",
        "CalledUpShareCapitalNotPaidNotExpressedAsCurrentAsset",
        "ProvisionsForLiabilitiesBalanceSheetSubtotal",
        "ProvisionsForLiabilitiesCharges",
        "TaxationIncludingDeferredTaxationBalanceSheetSubtotal",
        "TotalInventories",
        "Stocks",
        "StocksInventory",
        "CashBankOnHand",
        "CashBankInHand",
        "CurrentAssetInvestments",
        "TradeDebtorsTradeReceivables",
        "TradeDebtors",
        "TradeCreditorsTradePayables",
        "TradeCreditors",
        TOTAL_BORROWINGS,
        BANK_LOANS_AND_OVERDRAFTS,
        BANK_LOANS,
        BANK_OVERDRAFTS,
        OTHER_BORROWINGS,
        FINANCE_LEASES,
        "IntangibleAssets",
        "PropertyPlantEquipment",
        "InvestmentsFixedAssets",
        "InvestmentProperty",
        "TangibleFixedAssets",
        "TurnoverRevenue",
        "TurnoverGrossOperatingRevenue",
        "CostSales",
        "StaffCosts",
        "StaffCostsEmployeeBenefitsExpense",
        "DepreciationAmortisationExpense",
        "DepreciationOtherAmountsWrittenOffTangibleIntangibleFixedAssets",
        "DepreciationAmortisationImpairmentExpense",
        "AverageNumberEmployeesDuringPeriod",
        "EmployeesTotal",
    }
)

# --- profit and loss (durations of the statement's period) ---------------------------------

TURNOVER = Pick(("TurnoverRevenue", "TurnoverGrossOperatingRevenue"))
COST_OF_SALES = Pick(("CostSales",))
GROSS_MARGIN = Pick(("GrossProfitLoss",))
STAFF_COSTS = Pick(("StaffCostsEmployeeBenefitsExpense", "StaffCosts"))
DEPRECIATION = Pick(
    (
        "DepreciationAmortisationExpense",
        "DepreciationOtherAmountsWrittenOffTangibleIntangibleFixedAssets",
        "DepreciationAmortisationImpairmentExpense",
    )
)
OPERATING_RESULT = Pick(("OperatingProfitLoss",))
PROFIT_BEFORE_TAX = Pick(("ProfitLossOnOrdinaryActivitiesBeforeTax",))
NET_RESULT = Pick(("ProfitLoss", "ProfitLossForPeriod"))
EMPLOYEES = Pick(("AverageNumberEmployeesDuringPeriod", "EmployeesTotal"))

# --- metadata (business namespaces; 2004/2008 gcd and ae) ----------------------------------

COMPANY_NUMBER = ("UKCompaniesHouseRegisteredNumber", "CompaniesHouseRegisteredNumber")
COMPANY_NAME = ("EntityCurrentLegalOrRegisteredName", "EntityCurrentLegalName")
BALANCE_SHEET_DATE = ("BalanceSheetDate",)
PERIOD_END = ("EndDateForPeriodCoveredByReport",)
PERIOD_START = ("StartDateForPeriodCoveredByReport",)
DORMANT = ("EntityDormantTruefalse", "EntityDormant", "CompanyDormant")
NOT_DORMANT = ("CompanyNotDormant",)

ACCOUNTS_TYPE_DIM = "AccountsTypeDimension"
STANDARDS_DIM = "AccountingStandardsDimension"
STATUS_DIM = "AccountsStatusDimension"
LEGAL_FORM_DIM = "LegalFormEntityDimension"
SCOPE_DIM = "ScopeAccountsDimension"
LLP_MEMBERS = frozenset({"LimitedLiabilityPartnershipLLP"})
STANDARDS = {
    "FRS102": "FRS102",
    "Micro-entities": "FRS105",
    "SmallEntities": "FRS102-1A",
    "FRSSE": "FRSSE",
    "IFRS": "IFRS",
    "EU-IFRS": "IFRS",
}
