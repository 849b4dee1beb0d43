"""Batch UBO checks on a real Neo4j: every input row gets a result or a reason, in order."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from graph_schema.settings import Settings
from graphapi.batch.output import OutputError
from tests.api.dd_world import CLEAN, PAM, RITA, TARGET
from tests.graph.batch.jobs import run, ubo_job
from tests.graph.batch.world import (
    AS_OF,
    BE,
    FR,
    NL,
    SOLO,
    TWIN_A,
    TWIN_B,
    build_world,
    filler_key,
)  # fmt: skip

PORTFOLIO = """id,scheme,name,country
BE0403170701,,,
GB-COH-10000001,,,
FR 552 100 554,,,

10000005,GB-COH,,
99999999,GB-COH,,
BE0403170702,,,
0403.170.701,,,
,,Twin Trading,GB
,,Solo Widgets Ltd,UK
,,Nobody Here Ltd,GB
hello,,,
123,XX-FOO,,
20000001,,,
20000003,,,NL
20000003,,,
"""


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_every_row_reported_with_status_and_reason(
    graph: Driver, settings: Settings, tmp_path: Path
) -> None:
    build_world(graph, settings.neo4j.database)
    source = tmp_path / "clients.csv"
    source.write_text(PORTFOLIO)
    out = tmp_path / "report.jsonl"
    summary = run(settings, ubo_job(source, out, AS_OF))
    rows = _jsonl(out)
    assert [(r["row"], r["status"], r["company_id"]) for r in rows] == [
        (2, "OK", BE),
        (3, "OK", TARGET),
        (4, "OK", FR),
        (6, "OK", CLEAN),
        (7, "NOT_FOUND", None),
        (8, "MALFORMED_IDENTIFIER", None),
        (9, "DUPLICATE_ROW", BE),
        (10, "AMBIGUOUS", None),
        (11, "OK", SOLO),
        (12, "NOT_FOUND", None),
        (13, "MALFORMED_IDENTIFIER", None),
        (14, "MALFORMED_IDENTIFIER", None),
        (15, "AMBIGUOUS", None),
        (16, "NOT_FOUND", None),
        (17, "DUPLICATE_ROW", SOLO),
    ]
    by_row = {r["row"]: r for r in rows}
    assert "checksum" in str(by_row[8]["reason"])
    assert by_row[9]["reason"] == f"same client as row 2 ({BE})"
    assert {c["id"] for c in by_row[10]["candidates"]} == {TWIN_A, TWIN_B}
    assert "unknown identifier scheme 'XX-FOO'" in str(by_row[14]["reason"])
    assert "GB-COH-99999999" in str(by_row[7]["reason"])
    # A bare number valid in two registers that both hold it: the user must say which.
    assert {c["id"] for c in by_row[15]["candidates"]} == {TWIN_A, NL}
    assert by_row[16]["reason"] == "no company with identifier NL-KVK-20000003"
    # Nova Bouw: Rita 50 % directly, Pam 60 % x 50 % = 30 % through Hold Co; only Rita declared.
    target = by_row[3]
    owners = {o["id"]: o for o in target["owners"]}
    assert set(owners) == {RITA, PAM}
    assert owners[PAM]["effective"] == "30.00 %" and owners[PAM]["name"] == "Pam Owner"
    assert owners[RITA]["effective"] == "50.00 %"
    assert [d["id"] for d in target["declared_owners"]] == [RITA]
    assert [d["entity"] for d in target["discrepancies"]] == [PAM]
    assert target["no_ubo_found"] is False
    assert summary.rows == 15 and summary.empty_lines == 1 and summary.written == 15
    assert summary.by_status == {
        "OK": 5, "NOT_FOUND": 3, "MALFORMED_IDENTIFIER": 3, "DUPLICATE_ROW": 2, "AMBIGUOUS": 2,
    }  # fmt: skip


def _portfolio(n: int) -> str:
    lines = ["id"]
    for i in range(n):
        lines.append(filler_key(i))
        if i % 7 == 3:
            lines.append("not-a-number")
        if i % 11 == 5:
            lines.append(filler_key(i - 1))  # duplicate of the previous client
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_resume_after_partial_run_equals_one_shot(
    graph: Driver, settings: Settings, tmp_path: Path, suffix: str
) -> None:
    build_world(graph, settings.neo4j.database, fillers=60)
    text = _portfolio(60)
    source = tmp_path / "clients.csv"
    source.write_text(text)
    one_shot = tmp_path / f"one{suffix}"
    run(settings, ubo_job(source, one_shot, AS_OF, chunk_size=7, concurrency=3))

    # The first k rows, as an interrupted run leaves them, plus a half-written line.
    partial_input = tmp_path / "first.csv"
    partial_input.write_text("\n".join(text.splitlines()[:25]) + "\n")
    resumed = tmp_path / f"resumed{suffix}"
    first = run(settings, ubo_job(partial_input, resumed, AS_OF, chunk_size=7))
    assert first.written == 24
    with resumed.open("a") as fh:
        fh.write('{"row": 26, "inpu' if suffix == ".jsonl" else "26,GB-COH-3")
    with pytest.raises(OutputError, match="--resume"):
        run(settings, ubo_job(source, resumed, AS_OF))
    second = run(settings, ubo_job(source, resumed, AS_OF, resume=True, chunk_size=5))
    assert second.resumed == 24
    assert second.written == second.rows - 24
    assert resumed.read_text() == one_shot.read_text()
    # --force starts again from scratch.
    run(settings, ubo_job(source, resumed, AS_OF, force=True))
    assert resumed.read_text() == one_shot.read_text()


def test_throughput_portfolio_of_300(graph: Driver, settings: Settings, tmp_path: Path) -> None:
    build_world(graph, settings.neo4j.database, fillers=300)
    source = tmp_path / "clients.csv"
    source.write_text("id\n" + "".join(f"{filler_key(i)}\n" for i in range(300)))
    out = tmp_path / "report.csv"
    summary = run(settings, ubo_job(source, out, AS_OF))
    assert summary.by_status == {"OK": 300}
    rows = out.read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 301  # one owner each
    companies = out.with_name("report.companies.csv").read_text(encoding="utf-8-sig")
    assert all("100.00 % (certain, control)" in r for r in companies.splitlines()[1:])
    print(f"\nubo-check: {summary.line()}")
