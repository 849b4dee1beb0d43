"""A 10-second soak with 8 clients against a real `duegraph serve` on the small test world."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from graph_schema.errors import SetupError
from graph_schema.settings import Settings
from graphapi.cli.soak import soak_command
from graphapi.tooling.soak.run import MIX, Figures, soak
from tests.api.world import World


def test_short_soak_has_no_errors_and_reports_figures(
    api_settings: Settings, world: World, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # The CLI reads its settings from the environment, like the server it starts.
    monkeypatch.setenv("NEO4J_URI", api_settings.neo4j.uri)
    monkeypatch.setenv("DUEGRAPH_API_AUDIT_LOG", str(tmp_path / "audit.jsonl"))
    app = typer.Typer()
    app.command()(soak_command)
    result = CliRunner().invoke(app, ["--seconds", "10", "--clients", "8", "--sample", "50"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "soak passed" in out and ", 0 errors" in out
    assert "p50" in out and "p99" in out and "req/s" in out
    assert "server RSS: start" in out and "n/a" not in out
    for kind in MIX:
        assert f"{kind} " in out.split("by query:")[1]


def test_figures_percentiles_and_verdict() -> None:
    figures = Figures(requests=100, errors=0, seconds=10.0, clients=4)
    figures.latencies_ms = [float(i) for i in range(1, 101)]
    figures.rss_mb = {"start": 80.0, "middle": 100.0, "end": 110.0}
    assert figures.rps == 10.0
    assert (figures.percentile(50), figures.percentile(95), figures.percentile(99)) == (
        50.0,
        95.0,
        99.0,
    )
    assert figures.problems(max_growth_mb=20) == []
    assert figures.problems(max_growth_mb=5) == ["server memory grew 10.0 MB in the second half"]
    figures.errors, figures.error_samples = 1, ["search: HTTP 500"]
    assert "1 errors" in figures.problems(max_growth_mb=20)[0]


def test_soak_refuses_non_loopback_targets(api_settings: Settings, world: World) -> None:
    with pytest.raises(SetupError, match="loopback"):
        soak(api_settings, 1, 1, url="http://example.com/graphql")
