"""French comptes annuels from the INPI RNE ("bilans saisis").

No real INPI sample could be obtained: every record below is WRITTEN FROM THE DOCUMENTATION
(INPI's RNE API shape, the Cerfa 2050-2053 and 2033 forms' line codes; sources in
docs/accounts.md), not copied from a real filing. They test the reader against our reading of
that documentation; the held-out check on real records is still to come.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from graph_schema.financials import AccountsType, FinancialStatement, SourceFormat
from loaders.accounts.inpi import read_inpi_accounts, read_inpi_record
from loaders.rejects import Rejection


def _liasse(code: str, **cols: int) -> dict[str, str]:
    """A line of the forms: its code and its columns' amounts as the RNE writes them."""
    return {"code": code, **{col: _amount(n) for col, n in cols.items()}}


def D(*values: int) -> tuple[Decimal, ...]:
    return tuple(Decimal(v) for v in values)


def _amount(n: int) -> str:
    return f"-{abs(n):015d}" if n < 0 else f"{n:015d}"


# Régime normal (typeBilan C): 2050 actif m1 gross / m2 depreciation / m3 net N / m4 net N-1;
# 2051 passif m1 N / m2 N-1; 2052 m3 N / m4 N-1; 2053 m1 N / m2 N-1. Written from the forms.
COMPLETE: dict[str, Any] = {
    "id": "65a1b2c3d4e5f6a7b8c9d0e1",
    "siren": "552100554",
    "denomination": "EXEMPLE INDUSTRIES",
    "dateDepot": "2024-07-15",
    "dateCloture": "2023-12-31",
    "typeBilan": "C",
    "confidentiality": "Public",
    "bilanSaisi": {
        "bilan": {
            "identite": {
                "siren": "552100554",
                "dateClotureExercice": "2023-12-31",
                "dureeExerciceN": "12",
                "codeDevise": "EUR",
                "codeActivite": "2511Z",
            },
            "detail": {
                "pages": [
                    {
                        "numero": 1,
                        "liasses": [
                            _liasse("BJ", m1=900_000, m2=400_000, m3=500_000, m4=520_000),
                            _liasse("BT", m1=60_000, m3=60_000, m4=50_000),
                            _liasse("BX", m1=210_000, m2=10_000, m3=200_000, m4=180_000),
                            _liasse("CD", m1=20_000, m3=20_000, m4=0),
                            _liasse("CF", m1=80_000, m3=80_000, m4=90_000),
                            _liasse("CJ", m1=370_000, m2=10_000, m3=360_000, m4=320_000),
                            _liasse("CO", m1=1_270_000, m2=410_000, m3=860_000, m4=840_000),
                        ],
                    },
                    {
                        "numero": 2,
                        "liasses": [
                            _liasse("DA", m1=100_000, m2=100_000),
                            _liasse("DI", m1=-30_000, m2=15_000),
                            _liasse("DL", m1=300_000, m2=330_000),
                            _liasse("DR", m1=10_000, m2=10_000),
                            _liasse("DU", m1=250_000, m2=280_000),
                            _liasse("DV", m1=50_000, m2=20_000),
                            _liasse("DX", m1=150_000, m2=120_000),
                            _liasse("EC", m1=550_000, m2=500_000),
                            _liasse("EE", m1=860_000, m2=840_000),
                        ],
                    },
                    {
                        "numero": 3,
                        "liasses": [
                            _liasse("FJ", m1=1_100_000, m2=100_000, m3=1_200_000, m4=1_300_000),
                            _liasse("FS", m3=400_000, m4=420_000),
                            _liasse("FU", m3=200_000, m4=210_000),
                            _liasse("FY", m3=300_000, m4=290_000),
                            _liasse("FZ", m3=120_000, m4=115_000),
                            _liasse("GA", m3=60_000, m4=55_000),
                            _liasse("GG", m3=-20_000, m4=30_000),
                            _liasse("GW", m3=-28_000, m4=22_000),
                        ],
                    },
                    {
                        "numero": 4,
                        "liasses": [
                            _liasse("HN", m1=-30_000, m2=15_000),
                        ],
                    },
                ]
            },
        }
    },
}

# Régime simplifié (typeBilan S): 2033-A m3 N / m4 N-1; 2033-B m1 N / m2 N-1.
SIMPLIFIED: dict[str, Any] = {
    "id": "simplified-1",
    "siren": "732829320",
    "denomination": "PETIT COMMERCE",
    "dateCloture": "2023-06-30",
    "typeBilan": "S",
    "bilanSaisi": {
        "bilan": {
            "identite": {"dateClotureExercice": "2023-06-30", "dureeExerciceN": "12"},
            "detail": {
                "pages": [
                    {
                        "numero": 1,
                        "liasses": [
                            _liasse("044", m1=50_000, m2=20_000, m3=30_000),
                            _liasse("068", m1=12_000, m3=12_000),
                            _liasse("084", m1=9_000, m3=9_000),
                            _liasse("096", m1=40_000, m3=40_000),
                            _liasse("110", m1=90_000, m2=20_000, m3=70_000),
                            _liasse("142", m3=-5_000, m4=2_000),
                            _liasse("156", m3=45_000, m4=40_000),
                            _liasse("166", m3=18_000, m4=15_000),
                            _liasse("176", m3=75_000, m4=66_000),
                        ],
                    },
                    {
                        "numero": 2,
                        "liasses": [
                            _liasse("210", m1=150_000, m2=160_000),
                            _liasse("218", m1=30_000, m2=20_000),
                            _liasse("234", m1=90_000, m2=95_000),
                            _liasse("270", m1=-6_000, m2=4_000),
                            _liasse("310", m1=-7_000, m2=3_000),
                        ],
                    },
                ]
            },
        }
    },
}


def _statements(record: dict[str, Any]) -> list[FinancialStatement]:
    items = list(read_inpi_record(record, "stock.json", 1))
    assert not [i for i in items if isinstance(i, Rejection)], items
    return [i for i in items if isinstance(i, FinancialStatement)]


def test_complete_accounts_read_each_code_in_its_column() -> None:
    current, prior = _statements(COMPLETE)
    assert current.company.key == "FR-SIREN-552100554"
    assert (current.period_start, current.period_end) == (date(2023, 1, 1), date(2023, 12, 31))
    assert current.accounts_type is AccountsType.FULL and current.model == "2050-2053"
    assert current.source_format is SourceFormat.INPI_JSON
    assert current.provenance.seen_at == date(2024, 7, 15)
    expected = {
        "fixed_assets": 500_000,
        "inventories": 60_000,
        "trade_receivables": 200_000,
        "cash": 100_000,
        "current_assets": 360_000,
        "total_assets": 860_000,
        "equity": 300_000,
        "provisions": 10_000,
        "total_debts": 550_000,
        "financial_debts": 300_000,
        "trade_payables": 150_000,
        "turnover": 1_200_000,
        "purchases": 600_000,
        "staff_costs": 420_000,
        "depreciation": 60_000,
        "operating_result": -20_000,
        "profit_before_tax": -28_000,
        "net_result": -30_000,
    }
    assert {k: current.value(k) for k in expected} == {k: Decimal(v) for k, v in expected.items()}
    assert current.employees is None and current.cost_of_sales is None  # not mapped: absent
    assert current.turnover is not None and current.turnover.sources == ("FJ",)
    assert prior.comparative and prior.period_end == date(2022, 12, 31)
    assert (prior.value("equity"), prior.value("turnover"), prior.value("net_result")) == D(
        330_000,
        1_300_000,
        15_000,
    )


def test_simplified_accounts() -> None:
    current, prior = _statements(SIMPLIFIED)
    assert current.accounts_type is AccountsType.SIMPLIFIED and current.model == "2033"
    assert (current.period_start, current.period_end) == (date(2022, 7, 1), date(2023, 6, 30))
    assert current.value("turnover") == 180_000  # 210 + 218 (no 214 line)
    assert current.turnover is not None and current.turnover.formula == "210 + 218"
    assert (current.value("equity"), current.value("total_assets")) == D(-5_000, 70_000)
    assert (current.value("financial_debts"), current.value("trade_payables")) == D(45_000, 18_000)
    assert current.value("net_result") == -7_000
    assert (prior.value("equity"), prior.value("turnover")) == D(2_000, 180_000)
    assert prior.total_assets is None  # no N-1 column on line 110 in this record


def test_consolidated_bank_and_unreadable_records() -> None:
    group = dict(COMPLETE, typeBilan="K")
    assert all(s.consolidated for s in _statements(group))
    (bank,) = read_inpi_record(dict(COMPLETE, typeBilan="B"), "stock.json", 3)
    assert isinstance(bank, Rejection) and "not mapped" in bank.reason
    broken = json.loads(json.dumps(COMPLETE))
    broken["bilanSaisi"]["bilan"]["detail"]["pages"][1]["liasses"][0]["m1"] = "12a"
    (bad,) = read_inpi_record(broken, "stock.json", 4)
    assert isinstance(bad, Rejection) and "not a number" in bad.reason
    (no_siren,) = read_inpi_record(dict(COMPLETE, siren="123456789"), "stock.json", 5)
    assert isinstance(no_siren, Rejection)
    confidential = json.loads(json.dumps(COMPLETE))
    confidential["confidentiality"] = "Confidentiel"
    confidential["bilanSaisi"]["bilan"]["detail"]["pages"] = []
    (conf,) = read_inpi_record(confidential, "stock.json", 6)
    assert isinstance(conf, Rejection) and "Confidentiel" in conf.reason


def test_files_are_json_arrays_objects_or_json_lines(tmp_path: Path) -> None:
    array = tmp_path / "array.json"
    array.write_text(json.dumps([COMPLETE, SIMPLIFIED], indent=2), encoding="utf-8")
    lines = tmp_path / "stock.jsonl"
    lines.write_text(
        json.dumps([COMPLETE]) + "\n{broken\n" + json.dumps(SIMPLIFIED) + "\n", encoding="utf-8"
    )
    from_array = list(read_inpi_accounts(array))
    assert sum(isinstance(i, FinancialStatement) for i in from_array) == 4
    from_lines = list(read_inpi_accounts(lines))
    assert sum(isinstance(i, FinancialStatement) for i in from_lines) == 4
    (bad,) = [i for i in from_lines if isinstance(i, Rejection)]
    assert bad.location.line == 2
