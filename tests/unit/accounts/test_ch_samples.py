"""Companies House accounts: every shared sample read, with figures as printed in the filings.

The expected values below were read in the filings themselves (the printed balance sheet, P&L
and notes), not taken from the parser's output.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from graph_schema.financials import AccountsType, FinancialStatement, SourceFormat
from loaders.accounts.ch_statements import read_ch_filing
from loaders.rejects import Rejection

# file -> (company number, period end) as in SOURCE.md; every sample of ch-ixbrl/.
SAMPLES = {
    "GB-COH-05969206-2017-10-31.html": ("05969206", date(2017, 10, 31)),
    "GB-COH-07175596-2017-03-31.html": ("07175596", date(2017, 3, 31)),
    "GB-COH-07713141-2016-09-30.html": ("07713141", date(2016, 9, 30)),
    "GB-COH-10087608-2018-03-31.html": ("10087608", date(2018, 3, 31)),
    "Prod223_1789_09175128_20160831.html": ("09175128", date(2016, 8, 31)),
    "Prod223_2911_00390616_20201231.html": ("00390616", date(2020, 12, 31)),
    "Prod223_2911_00541560_20201130.html": ("00541560", date(2020, 11, 30)),
    "Prod223_2911_05078870_20200930.html": ("05078870", date(2020, 9, 30)),
    "Prod223_2911_07219455_20200630.html": ("07219455", date(2020, 6, 30)),
    "Prod223_2911_08119445_20201231.html": ("08119445", date(2020, 12, 31)),
    "Prod223_2911_09847839_20201031.html": ("09847839", date(2020, 10, 31)),
    "Prod223_2911_11010959_20200630.html": ("11010959", date(2020, 6, 30)),
    "Prod223_2911_12040362_20201231.html": ("12040362", date(2020, 12, 31)),
    "Prod223_2911_SC312961_20200930.html": ("SC312961", date(2020, 9, 30)),
    "Prod223_3384_09355500_20221231.html": ("09355500", date(2022, 12, 31)),
    "Prod223_3384_14033910_20220831.html": ("14033910", date(2022, 8, 31)),
    "Prod223_3384_NI681295_20220831.html": ("NI681295", date(2022, 8, 31)),
    "Prod223_3384_NI682066_20220930.html": ("NI682066", date(2022, 9, 30)),
    "Prod223_3384_OC437536_20220531.html": ("OC437536", date(2022, 5, 31)),
    "Prod223_3384_OC438238_20220731.html": ("OC438238", date(2022, 7, 31)),
    "Prod223_3384_SC720321_20230131.html": ("SC720321", date(2023, 1, 31)),
    "Prod223_3384_SC722766_20230228.html": ("SC722766", date(2023, 2, 28)),
    "Prod223_3517_00035838_20221231.html": ("00035838", date(2022, 12, 31)),
    "Prod223_3517_00136173_20230331.html": ("00136173", date(2023, 3, 31)),
    "Prod223_3517_00185733_20221231.html": ("00185733", date(2022, 12, 31)),
    "Prod223_3517_00193009_20230331.html": ("00193009", date(2023, 3, 31)),
    "Prod223_3517_13756628_20221130.html": ("13756628", date(2022, 11, 30)),
    "Prod223_3951_00225951_20241031.html": ("00225951", date(2024, 10, 31)),
    "Prod223_3951_15052776_20240831_CIC.financialStatement.xhtml": (
        "15052776",
        date(2024, 8, 31),
    ),
    "Prod224_0012_01873499_20230131.html": ("01873499", date(2023, 1, 31)),
    "Prod224_9953_00003006_20090731.xml": ("00003006", date(2009, 7, 31)),
}
# Filings that carry the prior year (all but the first-period ones).
FIRST_PERIOD = {
    "14033910",
    "NI681295",
    "NI682066",
    "OC437536",
    "OC438238",
    "SC720321",
    "SC722766",
    "13756628",
    "15052776",
}


def _read(ch_dir: Path, name: str) -> list[FinancialStatement]:
    items = list(read_ch_filing((ch_dir / name).read_bytes(), name))
    rejected = [i for i in items if isinstance(i, Rejection)]
    assert rejected == []
    return [i for i in items if isinstance(i, FinancialStatement)]


def _one(
    statements: list[FinancialStatement], *, consolidated: bool = False, comparative: bool = False
) -> FinancialStatement:
    found = [
        s for s in statements if s.consolidated == consolidated and s.comparative == comparative
    ]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_sample_reads_with_its_number_and_period(ch_dir: Path, name: str) -> None:
    number, end = SAMPLES[name]
    statements = _read(ch_dir, name)
    current = _one(statements)
    assert current.company.scheme == "GB-COH"
    assert current.company.number == number  # 8 characters, whatever the filing tags
    assert current.period_end == end
    assert current.provenance.record_id == name
    assert current.currency in ("GBP", None)
    priors = [s for s in statements if s.comparative and not s.consolidated]
    if number in FIRST_PERIOD:
        assert priors == []
    else:
        assert len(priors) == 1 and priors[0].period_end < end
    for s in statements:
        assert {s.company.number for s in statements} == {number}


def test_a_number_tagged_without_its_leading_zeros_is_normalised(ch_dir: Path) -> None:
    for name, number in (
        ("Prod223_2911_00390616_20201231.html", "00390616"),
        ("Prod223_2911_05078870_20200930.html", "05078870"),
    ):
        assert {s.company.number for s in _read(ch_dir, name)} == {number}


def _v(s: FinancialStatement, figure: str) -> Decimal | None:
    return s.value(figure)


# (file, consolidated, comparative, figure, value as printed)
PRINTED = [
    # BLUECREST HEALTH SCREENING, full audited FRS 102, year to 31.12.20
    ("Prod223_2911_08119445_20201231.html", False, False, "turnover", "13511844"),
    ("Prod223_2911_08119445_20201231.html", False, False, "cost_of_sales", "9517081"),
    ("Prod223_2911_08119445_20201231.html", False, False, "net_result", "1691419"),
    ("Prod223_2911_08119445_20201231.html", False, False, "equity", "2935026"),
    ("Prod223_2911_08119445_20201231.html", False, False, "trade_receivables", "1859083"),
    ("Prod223_2911_08119445_20201231.html", False, False, "trade_payables", "594739"),
    ("Prod223_2911_08119445_20201231.html", False, False, "employees", "243"),
    ("Prod223_2911_08119445_20201231.html", False, True, "turnover", "15871633"),
    ("Prod223_2911_08119445_20201231.html", False, True, "equity", "1243607"),
    # Luigi TopCo: company balance sheet vs consolidated group
    ("Prod223_2911_11010959_20200630.html", False, False, "equity", "955000"),
    ("Prod223_2911_11010959_20200630.html", False, False, "current_liabilities", "476332"),
    ("Prod223_2911_11010959_20200630.html", True, False, "equity", "-23843969"),
    ("Prod223_2911_11010959_20200630.html", True, False, "turnover", "27240615"),
    ("Prod223_2911_11010959_20200630.html", True, False, "long_term_debts", "64801830"),
    ("Prod223_2911_11010959_20200630.html", True, False, "financial_debts", "64801830"),
    ("Prod223_2911_11010959_20200630.html", True, False, "net_result", "-12402299"),
    ("Prod223_2911_11010959_20200630.html", True, True, "equity", "-11441670"),
    ("Prod223_2911_11010959_20200630.html", True, True, "turnover", "32702529"),
    # Teamsport Racing: company net assets vs its own consolidated group
    ("Prod223_2911_07219455_20200630.html", False, False, "equity", "4559460"),
    ("Prod223_2911_07219455_20200630.html", True, False, "equity", "5581930"),
    ("Prod223_2911_07219455_20200630.html", True, False, "turnover", "27240615"),
    # AMBIO CAPITAL: net liabilities; bank loans 4,587,719 (not added again as "Secured")
    ("Prod223_2911_12040362_20201231.html", False, False, "equity", "-3450397"),
    ("Prod223_2911_12040362_20201231.html", False, False, "financial_debts", "4587719"),
    ("Prod223_2911_12040362_20201231.html", False, True, "equity", "-1223126"),
    # EXEL COMPUTER SYSTEMS PLC (monthly Prod224 file)
    ("Prod224_0012_01873499_20230131.html", False, False, "turnover", "9281499"),
    ("Prod224_0012_01873499_20230131.html", False, False, "equity", "2649078"),
    ("Prod224_0012_01873499_20230131.html", False, False, "net_result", "1468342"),
    ("Prod224_0012_01873499_20230131.html", False, True, "turnover", "9129706"),
    # MAURICE CROUCH: bank overdrafts 106,272 + bank loans 118,492 + 2,492,918 + finance
    # leases 255,086 + 385,496 (notes 8 and 9); cash at bank 2,165
    ("Prod223_2911_00390616_20201231.html", False, False, "financial_debts", "3358264"),
    ("Prod223_2911_00390616_20201231.html", False, False, "cash", "2165"),
    ("Prod223_2911_00390616_20201231.html", False, False, "trade_payables", "428374"),
    # Flex Health, abridged: tangible assets 52,982 + cash 67,236; net assets 32,248
    ("GB-COH-10087608-2018-03-31.html", False, False, "equity", "32248"),
    ("GB-COH-10087608-2018-03-31.html", False, False, "total_assets", "120218"),
    ("GB-COH-10087608-2018-03-31.html", False, True, "equity", "26199"),
    # SUGANTHI & VELAVAN: net assets 375,004; average employees printed 3 (tagged scale -2)
    ("Prod223_3384_09355500_20221231.html", False, False, "equity", "375004"),
    ("Prod223_3384_09355500_20221231.html", False, False, "employees", "3"),
    ("Prod223_3384_09355500_20221231.html", False, True, "employees", "2"),
    # S&C Electrical: net liabilities (22,737); creditors < 1 year 42,101 tagged without maturity
    ("Prod223_3384_SC720321_20230131.html", False, False, "equity", "-22737"),
    ("Prod223_3384_SC720321_20230131.html", False, False, "current_liabilities", "42101"),
    ("Prod223_3384_SC720321_20230131.html", False, False, "total_debts", "66074"),
    # NALDER AND NALDER, plain XBRL with the 2008 "ae" schema
    ("Prod224_9953_00003006_20090731.xml", False, False, "equity", "25853"),
    ("Prod224_9953_00003006_20090731.xml", False, False, "current_assets", "25853"),
    ("Prod224_9953_00003006_20090731.xml", False, True, "equity", "25853"),
    # CHUMBA PHOTOGRAPHY, UK GAAP 2009 taxonomy
    ("Prod223_1789_09175128_20160831.html", False, False, "equity", "-20555"),
    ("Prod223_1789_09175128_20160831.html", False, True, "equity", "-14964"),
]


@pytest.mark.parametrize(("name", "consolidated", "comparative", "figure", "value"), PRINTED)
def test_figures_as_printed(
    ch_dir: Path, name: str, consolidated: bool, comparative: bool, figure: str, value: str
) -> None:
    s = _one(_read(ch_dir, name), consolidated=consolidated, comparative=comparative)
    assert _v(s, figure) == Decimal(value)


def test_prior_periods_follow_the_filing(ch_dir: Path) -> None:
    bluecrest = _read(ch_dir, "Prod223_2911_08119445_20201231.html")
    prior = _one(bluecrest, comparative=True)
    assert (prior.period_start, prior.period_end) == (date(2019, 1, 1), date(2019, 12, 31))
    ambio = _read(ch_dir, "Prod223_2911_12040362_20201231.html")
    prior = _one(ambio, comparative=True)  # a first period of 6 months and 3 weeks
    assert (prior.period_start, prior.period_end) == (date(2019, 6, 10), date(2019, 12, 31))


def test_group_and_subsidiary_are_kept_apart(ch_dir: Path) -> None:
    """Luigi TopCo consolidates Teamsport; Ambio is Bluecrest's parent. Each filing's figures
    stay on its own company, and group figures never land on the company statement."""
    luigi = _read(ch_dir, "Prod223_2911_11010959_20200630.html")
    teamsport = _read(ch_dir, "Prod223_2911_07219455_20200630.html")
    assert {s.company.number for s in luigi} == {"11010959"}
    assert {s.company.number for s in teamsport} == {"07219455"}
    luigi_company = _one(luigi)
    assert luigi_company.turnover is None  # the parent files no company P&L
    assert luigi_company.equity is not None and luigi_company.equity.value == 955000
    assert _one(luigi, consolidated=True).key == "GB-COH-11010959|group|2020-06-30"
    assert luigi_company.key == "GB-COH-11010959|company|2020-06-30"

    ambio = _one(_read(ch_dir, "Prod223_2911_12040362_20201231.html"))
    bluecrest = _one(_read(ch_dir, "Prod223_2911_08119445_20201231.html"))
    # Ambio tags revenue only by geographic segment (total 13,511,844 = Bluecrest's turnover):
    # a segment total is not a company total.
    assert ambio.turnover is None
    assert any("segment" in n for n in ambio.notes)
    assert bluecrest.turnover is not None and bluecrest.turnover.value == 13511844
    assert bluecrest.company.number == "08119445" and ambio.company.number == "12040362"


def test_micro_entity_states_no_profit_and_loss(ch_dir: Path) -> None:
    s = _one(_read(ch_dir, "Prod223_3384_14033910_20220831.html"))
    assert s.accounts_type is AccountsType.MICRO
    assert s.accounting_standard == "FRS105"
    assert s.has_profit_and_loss is False
    assert (s.turnover, s.net_result, s.cost_of_sales) == (None, None, None)  # absent, not 0
    assert s.equity is not None and s.equity.value == -577


def test_dormant_filings_load_as_dormant(ch_dir: Path) -> None:
    cinema = _one(_read(ch_dir, "Prod223_3517_00185733_20221231.html"))
    assert cinema.dormant is True
    assert cinema.cash is not None and cinema.cash.value == 12955
    assert cinema.turnover is None and cinema.equity is None  # not tagged: absent
    llp = _one(_read(ch_dir, "Prod223_3384_OC437536_20220531.html"))
    assert llp.dormant is True and llp.llp is True
    assert llp.stated().keys() == {"employees"}
    assert llp.employees is not None and llp.employees.value == 0


def test_an_llp(ch_dir: Path) -> None:
    s = _one(_read(ch_dir, "Prod223_3384_OC438238_20220731.html"))
    assert s.llp is True
    assert s.equity is not None
    assert (s.equity.value, s.equity.sources) == (Decimal(155318), ("NetAssetsLiabilities",))
    assert s.long_term_debts is not None and s.long_term_debts.value == 233189


def test_a_sign_lost_in_tagging_is_repaired_from_the_filings_own_lines(ch_dir: Path) -> None:
    """GO GREEN DEVON prints (3,810) and tags 3,810 without sign="-"; its current assets
    2,909 less creditors 6,719 prove the printed sign."""
    s = _one(_read(ch_dir, "GB-COH-05969206-2017-10-31.html"))
    assert s.equity is not None and s.equity.value == -3810
    assert any("sign was lost" in n for n in s.notes)


def test_formats_and_types_come_from_the_filing(ch_dir: Path) -> None:
    xml = _one(_read(ch_dir, "Prod224_9953_00003006_20090731.xml"))
    assert xml.source_format is SourceFormat.CH_XBRL
    assert xml.accounts_type is AccountsType.ABBREVIATED and xml.dormant is False
    filleted = _one(_read(ch_dir, "Prod223_3951_00225951_20241031.html"))
    assert filleted.accounts_type is AccountsType.FILLETED
    abridged = _one(_read(ch_dir, "GB-COH-10087608-2018-03-31.html"))
    assert abridged.accounts_type is AccountsType.ABRIDGED
    full = _one(_read(ch_dir, "Prod223_2911_00541560_20201130.html"))
    assert (full.accounts_type, full.audited) == (AccountsType.FULL, True)
    old = _one(_read(ch_dir, "GB-COH-07713141-2016-09-30.html"))
    assert (old.accounts_type, old.model) == (AccountsType.UNKNOWN, "UK-GAAP 2009-09-01")


def test_every_figure_remembers_its_concepts(ch_dir: Path) -> None:
    s = _one(_read(ch_dir, "Prod223_2911_00541560_20201130.html"))
    assert s.turnover is not None and s.turnover.sources == ("TurnoverRevenue",)
    assert s.current_liabilities is not None
    assert s.current_liabilities.sources == ("Creditors[CurrentFinancialInstruments]",)
    assert s.total_assets is not None and s.total_assets.formula is not None
