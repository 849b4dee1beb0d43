"""Belgian NBB deposits: the CSV exports and the XBRL instance of the shared samples."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from graph_schema.financials import AccountsType, FinancialStatement, SourceFormat
from loaders.accounts import nbb_rubrics
from loaders.accounts.nbb_csv import read_nbb_csv
from loaders.accounts.nbb_xbrl import read_nbb_xbrl
from loaders.rejects import Rejection


def _csv(nbb_dir: Path, name: str) -> FinancialStatement:
    items = list(read_nbb_csv((nbb_dir / "filings" / name).read_bytes(), name))
    assert len(items) == 1 and isinstance(items[0], FinancialStatement), items
    return items[0]


def _xbrl(nbb_dir: Path) -> list[FinancialStatement]:
    name = "jaarrekening-profinance.xbrl"
    items = list(read_nbb_xbrl((nbb_dir / "filings" / name).read_bytes(), name))
    assert not [i for i in items if isinstance(i, Rejection)]
    return [i for i in items if isinstance(i, FinancialStatement)]


def test_profinance_xbrl_and_csv_give_the_same_figures(nbb_dir: Path) -> None:
    csv = _csv(nbb_dir, "jaarrekening_profinance.csv")
    current = [s for s in _xbrl(nbb_dir) if not s.comparative]
    assert len(current) == 1
    xbrl = current[0]
    assert csv.stated().keys() == xbrl.stated().keys()
    for name, fig in csv.stated().items():
        other = xbrl.figure(name)
        assert other is not None and (other.value, other.sources) == (fig.value, fig.sources), name
    for attr in (
        "company",
        "period_start",
        "period_end",
        "accounts_type",
        "model",
        "currency",
        "company_name",
    ):
        assert getattr(csv, attr) == getattr(xbrl, attr), attr
    assert (csv.source_format, xbrl.source_format) == (SourceFormat.NBB_CSV, SourceFormat.NBB_XBRL)


def test_profinance_figures_as_filed(nbb_dir: Path) -> None:
    s = _csv(nbb_dir, "jaarrekening_profinance.csv")
    assert s.company.key == "BE-BCE_KBO-0443246943"
    assert (s.period_start, s.period_end) == (date(2024, 1, 1), date(2024, 12, 31))
    assert s.accounts_type is AccountsType.ABRIDGED and s.model == "m01-f"
    assert s.provenance.record_id == "2025-00069236"
    expected = {
        "equity": "8896856.47",
        "total_assets": "9273680.09",
        "total_debts": "376823.62",
        "long_term_debts": "348000",
        "current_liabilities": "22823.62",
        "turnover": "383495.91",
        "trade_receivables": "3276.69",
        "trade_payables": "5666.08",
        "net_result": "334861.19",
        "operating_result": "-4163.25",
        "employees": "1",
        "current_assets": "2021674.29",
        "cash": "674722.57",  # 54/58 267,792.57 + 50/53 406,930
        "purchases": "212962.49",  # abridged model: 60/61
    }
    assert {k: str(s.value(k)) for k in expected} == expected
    # No financial-debt rubric (170/4, 42, 43) is filled in: absent, not 0.
    assert s.financial_debts is None and s.cost_of_sales is None


def test_the_xbrl_carries_the_prior_year(nbb_dir: Path) -> None:
    prior = [s for s in _xbrl(nbb_dir) if s.comparative]
    assert len(prior) == 1
    p = prior[0]
    assert (p.period_start, p.period_end) == (date(2023, 1, 1), date(2023, 12, 31))
    # prd:m2 column of the deposit (values as in its PDF's "previous year" column)
    assert p.value("equity") == Decimal("8561995.28")
    assert p.value("total_assets") == Decimal("8931166.57")
    assert p.value("net_result") == Decimal("192129.61")
    assert p.value("turnover") == Decimal("376655.47")


@pytest.mark.parametrize(
    ("name", "number", "expected"),
    [
        (
            "jaarrekening_somnis.csv",
            "0454352156",
            {
                "equity": "4620497.72",
                "total_debts": "9054440.59",
                "financial_debts": "3448151.8",
                "turnover": "22276938.71",
                "purchases": "14791254.03",
                "employees": "57.8",
                "net_result": "64227.15",
                "trade_payables": "4974566.18",
            },
        ),
        (
            "jaarrekening_belysse.csv",
            "0865751823",
            {
                "equity": "64299568.89",
                "financial_debts": "143173470.33",  # 170/4 + 42 + 43
                "net_result": "-11063741.76",
                "employees": "4.8",
                "cash": "17461215.72",
            },
        ),
        # Mis-named upstream: the content is Compass Group Belgium (FY to 2024-09-30).
        (
            "jaarrekening_abinbev.csv",
            "0408364753",
            {
                "equity": "36549872",
                "total_assets": "125799753",
                "turnover": "216984831",
                "purchases": "89887704",
                "employees": "1440.5",
                "financial_debts": "31990464",
            },
        ),
    ],
)
def test_full_model_deposits(
    nbb_dir: Path, name: str, number: str, expected: dict[str, str]
) -> None:
    s = _csv(nbb_dir, name)
    assert s.company.number == number
    assert s.accounts_type is AccountsType.FULL and s.model == "m02-f"
    assert {k: str(s.value(k)) for k in expected} == expected
    assert s.purchases is None or s.purchases.sources == ("600/8",)


def test_belysse_financial_debts_remember_their_rubrics(nbb_dir: Path) -> None:
    fd = _csv(nbb_dir, "jaarrekening_belysse.csv").financial_debts
    assert fd is not None and fd.sources == ("170/4", "42", "43")
    assert fd.formula == "170/4 + 42 + 43"


def _rows(rows: dict[str, str]) -> bytes:
    meta = {
        "Entity number": "0443246943",
        "Accounting period start date": "2024-01-01",
        "Accounting period end date": "2024-12-31",
        "Model code": "m02-f",
        "Currency": "EUR",
    }
    return "\n".join(f'"{k}","{v}"' for k, v in {**meta, **rows}.items()).encode()


def test_a_contradictory_deposit_is_rejected() -> None:
    data = _rows({"20/58": "100", "10/49": "90", "10/15": "10"})
    (item,) = read_nbb_csv(data, "bad.csv")
    assert isinstance(item, Rejection) and "20/58" in item.reason


def test_unreadable_amounts_and_numbers_are_rejected() -> None:
    (item,) = read_nbb_csv(_rows({"10/15": "12,5"}), "bad.csv")
    assert isinstance(item, Rejection) and "not a number" in item.reason
    data = _rows({"10/15": "1"}).replace(b"0443246943", b"0443246944")
    (item,) = read_nbb_csv(data, "bad.csv")
    assert isinstance(item, Rejection) and "enterprise number" in item.reason


def test_the_legacy_pfs_taxonomy_is_rejected_with_its_reason() -> None:
    data = (
        b'<xbrl xmlns="http://www.xbrl.org/2003/instance" '
        b'xmlns:pfs="http://www.nbb.be/be/fr/pfs/ci/2021-04-01">'
        b'<context id="CurrentInstant"><entity><identifier scheme="x">0443246943</identifier>'
        b"</entity><period><instant>2020-12-31</instant></period></context>"
        b'<pfs:Equity contextRef="CurrentInstant" unitRef="EUR">1</pfs:Equity></xbrl>'
    )
    (item,) = read_nbb_xbrl(data, "old.xbrl")
    assert isinstance(item, Rejection) and "pfs" in item.reason


def test_rubric_labels_match_the_nbb_label_lists(nbb_dir: Path) -> None:
    """Our labels are those of the MIS templates in rubric-labels/ (`LABEL [code]`) wherever
    the templates have the rubric."""
    labels: dict[str, str] = {}
    for path in sorted((nbb_dir / "rubric-labels").glob("mis_report_*.xml")):
        for m in re.finditer(
            r'name="description">([^<]*?)\s*\[([0-9/]+)\]<', path.read_text("utf-8")
        ):
            labels.setdefault(m.group(2), m.group(1).strip())
    mapped = {r for rule in nbb_rubrics.FIGURES.values() for r in rule.rubrics}
    mapped |= {nbb_rubrics.PURCHASES_FULL, nbb_rubrics.PURCHASES_ABRIDGED}
    in_templates = sorted(r for r in mapped if r in labels)
    assert len(in_templates) >= 15, labels
    for code in in_templates:
        assert labels[code].lower() == nbb_rubrics.LABELS[code].lower(), code
