"""The CLI's data commands write the audit log like the API: who (the local user, role
local-cli), what (command, client file path + size + digest + rows, options), which entities,
the outcome; and with an unwritable log they output nothing."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
import typer
from neo4j import Driver
from typer.testing import CliRunner

from graph_schema.settings import Settings
from graphapi.cli.batch import report_command, screen_command, ubo_check_command
from graphapi.cli.changes import changes_command
from tests.api.dd_world import CLEAN, TARGET
from tests.graph.batch.world import SINK, build_world

CLIENTS = f"company_id\n{SINK}\n{TARGET}\n{CLEAN}\nGB-COH-99999999\n"


@pytest.fixture
def cli(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> typer.Typer:
    monkeypatch.setenv("NEO4J_URI", settings.neo4j.uri)
    app = typer.Typer()
    app.command("ubo-check")(ubo_check_command)
    app.command("screen")(screen_command)
    app.command("report")(report_command)
    app.command("changes")(changes_command)
    return app


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_batch_commands_and_report_are_audited(
    graph: Driver,
    settings: Settings,
    tmp_path: Path,
    cli: typer.Typer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    build_world(graph, settings.neo4j.database, fillers=0)
    log = tmp_path / "audit.jsonl"
    monkeypatch.setenv("DUEGRAPH_API_AUDIT_LOG", str(log))
    source = tmp_path / "clients.csv"
    source.write_text(CLIENTS)
    digest = "sha256:" + hashlib.sha256(source.read_bytes()).hexdigest()
    runner = CliRunner()
    when = ["--as-of", "2026-06-30"]
    out = tmp_path / "screen.csv"
    result = runner.invoke(cli, ["screen", "-i", str(source), "-o", str(out), *when, "-q"])
    assert result.exit_code == 0, result.output

    started, chunk, done = _lines(log)
    for line in (started, chunk, done):
        assert line["role"] == "local-cli" and line["caller"].startswith("local-cli")
        assert line["operation"] == "screen"
        args = line["fields"]["screen"]["args"]
        assert args["input"]["path"] == str(source.resolve())
        assert args["input"]["digest"] == digest and args["asOf"] == "2026-06-30"
    assert started["outcome"] == "started" and started["entity_ids"] == []
    assert chunk["outcome"] == "ok" and set(chunk["entity_ids"]) == {SINK, TARGET, CLEAN}
    assert done["outcome"] == "ok" and done["fields"]["screen"]["args"]["input"]["rows"] == 4

    log.unlink()
    ubo = tmp_path / "ubo.csv"
    result = runner.invoke(cli, ["ubo-check", "-i", str(source), "-o", str(ubo), *when, "-q"])
    assert result.exit_code == 0, result.output
    lines = _lines(log)
    assert [line["operation"] for line in lines] == ["ubo-check"] * 3
    args = lines[0]["fields"]["ubo-check"]["args"]
    assert args["threshold"] == 25.0 and args["ruleSet"] == "AMLR"
    assert set(lines[1]["entity_ids"]) == {SINK, TARGET, CLEAN}

    log.unlink()
    page = tmp_path / "report.html"
    result = runner.invoke(cli, ["report", TARGET, "-o", str(page), *when])
    assert result.exit_code == 0, result.output
    started, read = _lines(log)
    assert read["operation"] == "report" and read["outcome"] == "ok"
    args = read["fields"]["report"]["args"]
    assert args == {
        "companyId": TARGET,
        "asOf": "2026-06-30",
        "company": TARGET,
        "reportAsOf": "2026-06-30",
    }
    assert TARGET in read["entity_ids"] and len(read["entity_ids"]) > 1  # and its people
    log.unlink()
    missing = runner.invoke(cli, ["report", "GB-COH-99999999", "-o", str(tmp_path / "x.html")])
    assert missing.exit_code == 1
    assert _lines(log)[-1]["errors"] == ["NOT_FOUND"]

    log.unlink()
    result = runner.invoke(cli, ["changes", "-i", str(source), "--since", "2026-01-01", *when])
    assert result.exit_code == 0, result.output
    started, read = _lines(log)
    assert read["operation"] == "changes" and read["fields"]["changes"]["args"]["input"]["rows"]
    assert set(read["entity_ids"]) == {SINK, TARGET, CLEAN}


def test_no_trail_no_output(
    graph: Driver,
    settings: Settings,
    tmp_path: Path,
    cli: typer.Typer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    build_world(graph, settings.neo4j.database, fillers=0)
    blocked = tmp_path / "audit-dir"
    blocked.mkdir()  # a directory cannot be appended to
    monkeypatch.setenv("DUEGRAPH_API_AUDIT_LOG", str(blocked))
    source = tmp_path / "clients.csv"
    source.write_text(CLIENTS)
    runner = CliRunner()
    out = tmp_path / "screen.csv"
    page = tmp_path / "report.html"
    changes = tmp_path / "changes.csv"
    for args in (
        ["screen", "-i", str(source), "-o", str(out), "-q"],
        ["ubo-check", "-i", str(source), "-o", str(out), "-q"],
        ["report", TARGET, "-o", str(page)],
        ["changes", "-i", str(source), "--since", "2026-01-01", "-o", str(changes)],
    ):
        result = runner.invoke(cli, args)
        assert result.exit_code == 1, (args, result.output)
        assert "cannot write the audit log" in result.output
        assert TARGET not in result.output  # nothing about any client was printed
    assert not out.exists() and not page.exists() and not changes.exists()
