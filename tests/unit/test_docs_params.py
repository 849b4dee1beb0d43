"""docs/analytics.md documents every detector parameter (names and defaults drift otherwise)."""

from __future__ import annotations

from pathlib import Path

from graph_schema.signal_params import SignalParams, UboRules

DOC = (Path(__file__).resolve().parents[2] / "docs" / "analytics.md").read_text()


def test_every_signal_parameter_is_documented() -> None:
    names = [n for n in SignalParams.model_fields if n != "ubo"]
    names += [f"ubo.{n}" for n in UboRules.model_fields]
    assert [n for n in names if f"`{n}`" not in DOC] == []


def test_documented_numeric_defaults_match_the_code() -> None:
    params = SignalParams()
    for name in ("window_months", "horizon_months", "late_change_months", "mass_min_active"):
        assert f"| `{name}` | {getattr(params, name)} |" in DOC, name
