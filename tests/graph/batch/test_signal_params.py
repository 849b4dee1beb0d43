"""`screen`, `ubo-check` and `report` judge with DUEGRAPH_SIGNAL_PARAMS, like the API does, and a
malformed value stops a command before it does anything, naming the setting.

The world is tests/api/dd_world.py: Dirk Failed left Old Bouw three months before its
liquidation (a case under the default 36-month window, none under a 2-month one); Rita Direct
holds exactly 50 % of Nova Bouw.
"""

from __future__ import annotations

import csv
import json
import logging
import re
from pathlib import Path

import pytest
from neo4j import Driver
from typer.testing import CliRunner

from graph_schema.errors import InvalidSetting
from graph_schema.settings import Settings, load_settings
from graphapi.app import app_from_env
from graphapi.cli import app
from tests.api.dd_world import RITA, TARGET
from tests.graph.batch.world import build_world

AS_OF = "2026-06-30"
PAST = "DIRECTOR_PAST_BANKRUPTCIES"
NARROW = json.dumps({"window_months": 2})


@pytest.fixture
def world(
    graph: Driver, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """The world in the test Neo4j, the CLI pointed at it, and a client list with TARGET."""
    build_world(graph, settings.neo4j.database)
    monkeypatch.setenv("NEO4J_URI", settings.neo4j.uri)
    monkeypatch.delenv("DUEGRAPH_SIGNAL_PARAMS", raising=False)
    clients = tmp_path / "clients.csv"
    clients.write_text(f"id\n{TARGET}\n")
    return clients


def _invoke(args: list[str], params: str | None, monkeypatch: pytest.MonkeyPatch) -> str:
    if params is None:
        monkeypatch.delenv("DUEGRAPH_SIGNAL_PARAMS", raising=False)
    else:
        monkeypatch.setenv("DUEGRAPH_SIGNAL_PARAMS", params)
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return result.output


def _row(path: Path) -> dict[str, str]:
    with path.open(newline="", encoding="utf-8-sig") as fh:
        (row,) = list(csv.DictReader(fh))
    return row


def test_screen_honours_the_signal_parameters(
    world: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kinds = {}
    for name, params in (("default", None), ("narrow", NARROW)):
        out = tmp_path / f"{name}.csv"
        args = ["screen", "-i", str(world), "-o", str(out), "--as-of", AS_OF, "-q"]
        _invoke(args, params, monkeypatch)
        row = _row(out)
        kinds[name] = {row[f"signal_{i}_kind"] for i in (1, 2, 3)}
    assert PAST in kinds["default"]
    assert PAST not in kinds["narrow"]


def test_ubo_check_honours_the_signal_parameters_unless_an_option_says_otherwise(
    world: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def owners(params: str | None, *options: str) -> str:
        out = tmp_path / "ubo.csv"
        args = ["ubo-check", "-i", str(world), "-o", str(out), "--as-of", AS_OF, "-q", "--force"]
        _invoke([*args, *options], params, monkeypatch)
        with out.open(newline="", encoding="utf-8-sig") as fh:  # one row per owner
            rows = list(csv.DictReader(fh))
        return " ".join(r["owner_id"] for r in rows if r["owner_role"] == "beneficial owner")

    # Rita Direct holds exactly 50 %: not "more than" 50 %, but "at least" 50 %.
    assert RITA not in owners(None, "--threshold", "50")
    assert RITA in owners(json.dumps({"ubo": {"operator": ">="}}), "--threshold", "50")
    assert RITA in owners(json.dumps({"ubo": {"threshold": 50, "operator": ">="}}))
    assert RITA not in owners(json.dumps({"ubo": {"threshold": 50}}))
    # The command-line option wins over the setting.
    assert RITA in owners(json.dumps({"ubo": {"threshold": 50}}), "--threshold", "25")


def _signals(page: str) -> str:
    match = re.search(r'<section id="signals">(.*?)</section>', page, re.S)
    assert match
    return match.group(1)


def test_report_honours_the_signal_parameters(
    world: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = {}
    for name, params in (("default", None), ("narrow", NARROW)):
        out = tmp_path / f"{name}.html"
        _invoke(["report", TARGET, "-o", str(out), "--as-of", AS_OF], params, monkeypatch)
        pages[name] = out.read_text()
    assert PAST in _signals(pages["default"])
    assert PAST not in _signals(pages["narrow"])
    assert "<td>window months</td><td>2</td>" in pages["narrow"]  # the parameters section


@pytest.mark.parametrize(
    "command",
    [
        ["screen", "-i", "clients.csv", "-o", "out.csv"],
        ["ubo-check", "-i", "clients.csv", "-o", "out.csv"],
        ["report", TARGET, "-o", "out.html"],
        ["changes", "-i", "clients.csv", "--since", "2026-01-01"],
        ["formats"],
        ["neo4j", "status"],
    ],
)
@pytest.mark.parametrize(
    "value", ['{"window_months": "soon"}', '{"no_such_parameter": 1}', "{window_months: 2}"]
)
def test_a_malformed_value_stops_every_command_at_start(
    command: list[str], value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "clients.csv").write_text(f"id\n{TARGET}\n")
    monkeypatch.setenv("DUEGRAPH_SIGNAL_PARAMS", value)
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")  # nothing may even try to connect
    result = CliRunner().invoke(app, command)
    assert result.exit_code == 2
    assert "invalid setting DUEGRAPH_SIGNAL_PARAMS" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clients.csv"]  # nothing written


def test_the_api_refuses_to_start_on_a_malformed_value(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("DUEGRAPH_SIGNAL_PARAMS", '{"ubo": {"operator": "=>"}}')
    with pytest.raises(InvalidSetting) as raised:
        load_settings()
    assert raised.value.settings == ["DUEGRAPH_SIGNAL_PARAMS"]
    assert "ubo.operator" in raised.value.message
    # The uvicorn factory says it in one line (no traceback) and the worker exits.
    with caplog.at_level(logging.ERROR, logger="uvicorn.error"), pytest.raises(SystemExit):
        app_from_env()
    [line] = [r.getMessage() for r in caplog.records]
    assert "DUEGRAPH_SIGNAL_PARAMS" in line and "ubo.operator" in line and "\n" not in line
