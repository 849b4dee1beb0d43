"""Generated annual accounts: every file reads with the ch-accounts loader, figures as planted,
the planted cases raise their findings at the planted severity, hard negatives and healthy
series raise none, and the planted thresholds are the analytics' defaults."""

from __future__ import annotations

import json
import random
from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from graph_schema.financial_params import FinancialParams
from graph_schema.financials import (
    AccountsType,
    CompanyRef,
    Figure,
    FinancialStatement,
    SourceFormat,
)
from graph_schema.provenance import Provenance
from graphapi.analytics.financials.findings import financial_findings
from graphapi.analytics.signals.model import FINANCIAL_KINDS
from graphapi.tooling.synthetic import generate
from graphapi.tooling.synthetic.accounts_figures import Year, healthy
from graphapi.tooling.synthetic.accounts_nbb import DEPOSIT_MONTHS
from graphapi.tooling.synthetic.accounts_plant import OVERDUE_SEVERE_DAYS
from loaders.accounts.ch_bulk import read_ch_accounts
from loaders.accounts.nbb_csv import read_nbb_csv_file
from loaders.rejects import Rejection

AS_OF = date(2026, 6, 30)
# Kinds the statements alone decide (ACCOUNTS_OVERDUE also needs the profile, DEPOSIT_MISSING
# the NBB's deposit calendar).
STATEMENT_KINDS = {k.value for k in FINANCIAL_KINDS} - {"ACCOUNTS_OVERDUE", "DEPOSIT_MISSING"}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("world")
    generate(600, 17, out)
    return out


@pytest.fixture(scope="module")
def statements(world: Path) -> dict[str, list[FinancialStatement]]:
    found: dict[str, list[FinancialStatement]] = defaultdict(list)
    rejected = []
    for item in read_ch_accounts(world / "ch-accounts"):
        if isinstance(item, Rejection):
            rejected.append(item)
        elif isinstance(item, FinancialStatement):
            found[item.company.key].append(item)
    assert rejected == []
    return found


@pytest.fixture(scope="module")
def truth(world: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((world / "ground_truth.json").read_text())
    return data


def test_accounts_are_bulk_members_by_filing_month(world: Path) -> None:
    files = sorted((world / "ch-accounts").rglob("*.html"))
    assert len(files) > 600
    for path in files[:50]:
        month, name = path.parent.name, path.name
        prefix, run, number, end = name.removesuffix(".html").split("_")
        assert prefix == "Prod224" and run == month[2:4] + month[5:7]
        assert (world / "companies-house" / number / "profile.json").exists()
        assert date(int(end[:4]), int(end[4:6]), int(end[6:])) <= AS_OF


def test_accounts_types_follow_the_filing_history(
    world: Path, statements: dict[str, list[FinancialStatement]]
) -> None:
    expected = {
        "micro-entity": AccountsType.MICRO,
        "total-exemption-full": AccountsType.FILLETED,
        "small": AccountsType.SMALL,
        "unaudited-abridged": AccountsType.ABRIDGED,
        "dormant": AccountsType.MICRO,
    }
    seen = set()
    for key, found in statements.items():
        doc = json.loads((world / "companies-house" / key[7:] / "profile.json").read_text())
        last = doc["accounts"]["last_accounts"]
        own = [s for s in found if not s.comparative]
        latest = max(own, key=lambda s: s.period_end)
        assert latest.period_end.isoformat() == last["made_up_to"]
        assert latest.accounts_type is expected[last["type"]], key
        assert latest.dormant is (last["type"] == "dormant")
        # Micro-entity, filleted and dormant accounts state no P&L; abridged no turnover.
        assert (latest.value("net_result") is None) is (
            last["type"] not in ("small", "unaudited-abridged")
        )
        assert (latest.value("turnover") is None) is (last["type"] != "small")
        assert latest.value("equity") is not None and latest.value("employees") is not None
        seen.add(last["type"])
    assert seen == set(expected)


def test_planted_cases_raise_their_findings_at_the_planted_severity(
    statements: dict[str, list[FinancialStatement]], truth: dict[str, Any]
) -> None:
    found = {
        key: {f.kind.value: f.severity for f in financial_findings(s, AS_OF)}
        for key, s in statements.items()
    }
    checked = 0
    for kind in STATEMENT_KINDS:
        spec = truth["signals"][kind]
        for key, severity in spec["severity"].items():
            assert found[key].get(kind) == severity, (kind, key, found[key])
            checked += 1
        for h in spec["hard_negatives"]:
            assert found.get(h["company"], {}).get(kind, 0) <= h["max_severity"], (kind, h)
    assert checked >= 30
    # Everything else is healthy: no company outside the plan raises a finding.
    planted = {k for kind in STATEMENT_KINDS for k in truth["signals"][kind]["positives"]}
    assert {k for k, f in found.items() if f and k not in planted} == set()


def test_small_net_liabilities_are_rated_as_a_warning_only(truth: dict[str, Any]) -> None:
    small = {k for k, sev in truth["signals"]["NEGATIVE_EQUITY"]["severity"].items() if sev == 2}
    assert len(small) >= 10  # the background's micro-entities funded by directors' loans
    assert small <= set(truth["clean"])


@pytest.mark.parametrize("kind", ["micro-entity", "small", "unaudited-abridged", "dormant"])
def test_healthy_series_raise_nothing(kind: str) -> None:
    def statement(i: int, y: Year) -> FinancialStatement:
        values: dict[str, int] = {
            "equity": y.equity,
            "total_assets": y.total_assets,
            "total_debts": y.within + y.after,
            "employees": y.employees,
        }
        if kind != "micro-entity" and kind != "dormant":
            values |= {"financial_debts": y.bank_within + y.bank_after, "cash": y.cash}
        values |= {
            k: v for k, v in (("turnover", y.turnover), ("net_result", y.result)) if v is not None
        }
        figures = {k: Figure(value=Decimal(v), sources=(k,)) for k, v in values.items()}
        return FinancialStatement(
            company=CompanyRef(scheme="GB-COH", number="01234567"),
            period_start=date(2022 + i, 1, 1),
            period_end=date(2022 + i, 12, 31),
            dormant=y.dormant,
            currency="GBP",
            source_format=SourceFormat.CH_IXBRL,
            provenance=Provenance(source="test", record_id=str(i)),
            **figures,
        )

    for seed in range(300):
        years = healthy(random.Random(seed), [kind] * 3)
        series = [statement(i, y) for i, y in enumerate(years)]
        assert financial_findings(series, date(2025, 6, 30)) == [], (seed, years)


def test_planted_thresholds_are_the_analytics_defaults() -> None:
    assert FinancialParams().overdue_severe_days == OVERDUE_SEVERE_DAYS
    assert FinancialParams().nbb_deposit_months == DEPOSIT_MONTHS


def test_belgian_companies_deposit_every_due_year_but_the_planted_one(
    world: Path, truth: dict[str, Any]
) -> None:
    found: dict[str, list[FinancialStatement]] = defaultdict(list)
    for path in sorted((world / "nbb-accounts").glob("*.csv")):
        for item in read_nbb_csv_file(path):
            assert isinstance(item, FinancialStatement), item
            found[item.company.key].append(item)
    types = {s.accounts_type for statements in found.values() for s in statements}
    assert types == {AccountsType.FULL, AccountsType.ABRIDGED}
    spec = truth["signals"]["DEPOSIT_MISSING"]
    negatives = {h["company"] for h in spec["hard_negatives"]}
    assert set(found) == set(spec["positives"]) | negatives and len(spec["positives"]) == 1
    for key, statements in found.items():
        flagged = {
            f.kind.value: f.severity
            for f in financial_findings(statements, AS_OF, nbb_deposits=True)
        }
        assert flagged == ({"DEPOSIT_MISSING": 3} if key in spec["positives"] else {}), key
        assert max(s.period_end for s in statements) == date(
            2023 if key in spec["positives"] else 2024, 12, 31
        )


def test_a_world_without_accounts_keeps_its_overdue_plan(tmp_path: Path) -> None:
    generate(400, 17, tmp_path, with_accounts=False)
    assert not (tmp_path / "ch-accounts").exists() and not (tmp_path / "nbb-accounts").exists()
    truth = json.loads((tmp_path / "ground_truth.json").read_text())
    assert json.loads((tmp_path / "world.json").read_text())["accounts"] is False
    assert truth["signals"]["NEGATIVE_EQUITY"]["positives"] == []
    # The reactivated dormant shells stay a year behind: their profiles say so.
    assert len(truth["signals"]["ACCOUNTS_OVERDUE"]["positives"]) == 4
