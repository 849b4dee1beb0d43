"""Portfolio screening on a real Neo4j: ratings, top signals and the summary by rating."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import typer
from neo4j import Driver
from typer.testing import CliRunner

from graph_schema.settings import Settings
from graphapi.batch.screen import summary_path, write_summary
from graphapi.cli.batch import report_command, screen_command, ubo_check_command
from tests.api.dd_world import CLEAN, TARGET
from tests.graph.batch.jobs import run, screen_job
from tests.graph.batch.world import AS_OF, SINK, build_world, filler_key

PORTFOLIO = f"""id
{SINK}
{TARGET}
{CLEAN}
{filler_key(0)}
{filler_key(1)}
GB-COH-99999999
{TARGET}

bad number
"""


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def test_screen_rates_each_client_and_summarises(
    graph: Driver, settings: Settings, tmp_path: Path
) -> None:
    build_world(graph, settings.neo4j.database, fillers=2)
    source = tmp_path / "clients.csv"
    source.write_text(PORTFOLIO)
    out = tmp_path / "screening.csv"
    summary = run(settings, screen_job(source, out, AS_OF))
    rows = _rows(out)
    assert [r["status"] for r in rows] == [
        "OK", "OK", "OK", "OK", "OK", "NOT_FOUND", "DUPLICATE_ROW", "MALFORMED_IDENTIFIER",
    ]  # fmt: skip
    sink, target = rows[0], rows[1]
    # A company in compulsory liquidation is an override: rating 5 whatever else.
    assert (sink["rating"], sink["label"]) == ("5", "very high")
    assert sink["signal_1_kind"] == "COMPANY_INSOLVENT" and sink["signal_1_summary"]
    # Nova Bouw: its director left Old Bouw three months before its liquidation.
    kinds = {target[f"signal_{i}_kind"] for i in (1, 2, 3)}
    assert "DIRECTOR_PAST_BANKRUPTCIES" in kinds
    assert int(target["rating"]) >= 3
    assert rows[3]["rating"] == "1" and rows[3]["signal_1_kind"] == ""
    assert summary.empty_lines == 1

    result = write_summary(out)
    ratings = [int(r["rating"]) for r in rows if r["rating"]]
    assert result["clients"] == 8 and result["rated"] == 5
    for score in range(1, 6):
        assert result["by_rating"][str(score)]["clients"] == ratings.count(score)
    assert result["by_rating"]["5"]["clients"] >= 1
    assert result["by_status"] == {
        "DUPLICATE_ROW": 1, "MALFORMED_IDENTIFIER": 1, "NOT_FOUND": 1, "OK": 5,
    }  # fmt: skip
    assert json.loads(summary_path(out).read_text()) == result


@pytest.fixture
def cli(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> typer.Typer:
    monkeypatch.setenv("NEO4J_URI", settings.neo4j.uri)
    app = typer.Typer()
    app.command("ubo-check")(ubo_check_command)
    app.command("screen")(screen_command)
    app.command("report")(report_command)
    return app


def test_cli_commands_exit_codes_and_outputs(
    graph: Driver, settings: Settings, tmp_path: Path, cli: typer.Typer
) -> None:
    build_world(graph, settings.neo4j.database, fillers=2)
    source = tmp_path / "clients.csv"
    source.write_text(PORTFOLIO)
    runner = CliRunner()
    out = tmp_path / "ubo.csv"
    args = ["ubo-check", "-i", str(source), "-o", str(out), "--as-of", "2026-06-30", "-q"]
    first = runner.invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert "rows 8 (+1 empty lines skipped), ok 5, not found 1, malformed 1" in first.output
    companies = tmp_path / "ubo.companies.csv"
    assert len(_rows(companies)) == 8
    owners = _rows(out)  # one row per owner, at least one per input row
    assert sorted({int(r["row"]) for r in owners}) == [2, 3, 4, 5, 6, 7, 8, 10]
    again = runner.invoke(cli, args)  # refuses to overwrite
    assert again.exit_code == 1 and "--resume" in again.output
    resumed = runner.invoke(cli, [*args, "--resume"])
    assert resumed.exit_code == 0 and "written 0, resumed past 8" in resumed.output
    assert _rows(out) == owners and len(_rows(companies)) == 8
    bad = runner.invoke(cli, [*args, "--force", "--rule-set", "NOPE"])
    assert bad.exit_code == 2

    screening = tmp_path / "screening.jsonl"
    res = runner.invoke(
        cli, ["screen", "-i", str(source), "-o", str(screening), "--as-of", "2026-06-30", "-q"]
    )
    assert res.exit_code == 0, res.output
    assert "5  very high" in res.output
    assert summary_path(screening).exists()

    page = tmp_path / "report.html"
    rep = runner.invoke(cli, ["report", TARGET, "-o", str(page), "--as-of", "2026-06-30"])
    assert rep.exit_code == 0, rep.output
    assert "Nova Bouw Ltd" in page.read_text()
    # The company by its bare registry number: the same page, under its id.
    by_number = runner.invoke(cli, ["report", "10000001", "-o", str(page), "--as-of", "2026-06-30"])
    assert by_number.exit_code == 0, by_number.output
    assert f'"company": "{TARGET}"' in by_number.output and "Nova Bouw Ltd" in page.read_text()
    missing = runner.invoke(cli, ["report", "GB-COH-99999999", "-o", str(tmp_path / "x.html")])
    assert missing.exit_code == 1 and "no company" in missing.output
