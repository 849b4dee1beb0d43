"""docs/accounts.md documents every finding parameter with its default, and every finding kind."""

from __future__ import annotations

from pathlib import Path

from graph_schema.financial_params import FinancialParams
from graphapi.analytics.signals.model import FINANCIAL_KINDS

DOC = (Path(__file__).resolve().parents[3] / "docs" / "accounts.md").read_text(encoding="utf-8")


def test_every_parameter_is_documented_with_its_default() -> None:
    params = FinancialParams()
    missing = [
        n for n in FinancialParams.model_fields if f"| `{n}` | {getattr(params, n)} |" not in DOC
    ]
    assert missing == []


def test_every_finding_kind_is_documented() -> None:
    assert [k for k in sorted(FINANCIAL_KINDS) if f"`{k.value}`" not in DOC] == []
