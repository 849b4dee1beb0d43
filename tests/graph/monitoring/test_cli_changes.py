"""`duegraph changes` against real Neo4j: two load runs recorded by the writer, a client list
with good and bad rows; every bad row is reported with its reason, the good ones get changes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import typer
from neo4j import Driver
from typer.testing import CliRunner

from graph_schema.events import EventKind
from graph_schema.keys import event_key, person_key
from graph_schema.nodes import CompanyRecord, EventRecord, PersonRecord, Record
from graph_schema.provenance import Provenance
from graph_schema.settings import Settings
from graphapi.cli.changes import changes_command
from loaders.rejects import Location
from loaders.write.writer import GraphWriter
from tests.records import Records

PROV = Provenance(source="t", record_id="r", source_file="t.jsonl", seen_at=date(2025, 1, 1))
ALPHA, BETA, GAMMA = "GB-COH-20000001", "GB-COH-20000002", "GB-COH-20000003"
PAT = person_key("Pat Old", "1970-01", source="t", source_person_id="1")[0]
QUIN = person_key("Quin Calm", "1971-01", source="t", source_person_id="2")[0]
ROB = person_key("Rob New", "1972-01", source="t", source_person_id="3")[0]
R = Records(PROV)


def _company(key: str, name: str) -> CompanyRecord:
    return R.company(
        key, name, status="active", jurisdiction="GB", incorporated_on=date(2015, 1, 1)
    )


def _person(key: str, name: str, ym: str) -> PersonRecord:
    return R.person(key, name, ym, match_basis="name+birth_year_month")


def _load(driver: Driver, settings: Settings, records: list[Record], now: datetime) -> None:
    with GraphWriter(driver, settings.neo4j.database, now=now) as writer:
        writer.add(records, Location("t.jsonl", line=1))
    assert writer.take_rejections() == []


def _first_file() -> list[Record]:
    return [
        _company(ALPHA, "ALPHA LTD"), _company(BETA, "BETA LTD"), _company(GAMMA, "GAMMA LTD"),
        _person(PAT, "Pat Old", "1970-01"), _person(QUIN, "Quin Calm", "1971-01"),
        R.director(PAT, ALPHA, date(2020, 1, 1)), R.director(PAT, GAMMA, date(2019, 1, 1)),
        R.director(QUIN, BETA, date(2020, 1, 1)),
    ]  # fmt: skip


def _second_file() -> list[Record]:
    """A newer registry file: Pat left Alpha, Rob (appointed earlier, newly filed) joined, and
    Gamma, Pat's other company, went into liquidation."""
    kind = EventKind.COMPULSORY_LIQUIDATION
    on = date(2026, 1, 20)
    return [
        *_first_file()[:5],
        _person(ROB, "Rob New", "1972-01"),
        R.director(PAT, ALPHA, date(2020, 1, 1), end=date(2026, 1, 15)),
        R.director(ROB, ALPHA, date(2025, 6, 1)),
        R.director(PAT, GAMMA, date(2019, 1, 1)),
        R.director(QUIN, BETA, date(2020, 1, 1)),
        EventRecord(key=event_key(GAMMA, kind.value, on), company=GAMMA, kind=kind, date=on,
                    provenance=PROV),
    ]  # fmt: skip


CLIENTS = """identifier,scheme
20000001,GB-COH
GB-COH-20000002,

20000003,GB-COH
12345678,GB-COH
ABC,GB-COH
2000 0001,gb-coh
,,
"""


def _cli() -> typer.Typer:
    app = typer.Typer()
    app.command()(changes_command)
    return app


def test_changes_per_client_and_every_bad_row_reported(
    graph: Driver, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _load(graph, settings, _first_file(), datetime(2025, 12, 1, tzinfo=UTC))
    since = "2026-01-01"
    nothing_yet = tmp_path / "one.csv"
    nothing_yet.write_text("company_id\nGB-COH-20000001\n")
    monkeypatch.setenv("NEO4J_URI", settings.neo4j.uri)
    args = ["--since", since, "--as-of", "2026-03-01"]
    before = CliRunner().invoke(_cli(), ["--input", str(nothing_yet), *args])
    assert before.exit_code == 0, before.output
    assert before.output.splitlines()[0] == (
        "row 2: GB-COH-20000001 = GB-COH-20000001 ALPHA LTD (rating 1 -> 1): no changes"
    )

    _load(graph, settings, _second_file(), datetime(2026, 2, 1, tzinfo=UTC))
    clients = tmp_path / "clients.csv"
    clients.write_text(CLIENTS)
    result = CliRunner().invoke(_cli(), ["--input", str(clients), *args])
    assert result.exit_code == 0, result.output
    out = result.output
    alpha = out.split("row 2: ")[1].split("\nrow 3: ")[0]
    # By registry date (the default): Rob's 2025 appointment, filed late, is not a change.
    assert alpha.splitlines() == [
        "20000001 = GB-COH-20000001 ALPHA LTD (rating 1 -> 1): 2 change(s)",
        "  DIRECTOR_ENDED 2026-01-15: Pat Old: director ended 2026-01-15",
        "  RELATED_INSOLVENCY 2026-01-20: GAMMA LTD (COMPULSORY_LIQUIDATION on 2026-01-20), "
        "a company of Pat Old",
    ]
    assert "row 3: GB-COH-20000002 = GB-COH-20000002 BETA LTD (rating 1 -> 1): no changes" in out
    gamma = out.split("row 5: ")[1].split("\nrow 6: ")[0]
    assert "  INSOLVENCY 2026-01-20: COMPULSORY_LIQUIDATION on 2026-01-20" in gamma
    assert "NEW_SIGNAL" in gamma and "-> 5)" in gamma.splitlines()[0]
    assert out.splitlines()[-4:] == [
        "row 6: 12345678 not checked: NOT_FOUND: no company with identifier GB-COH-12345678",
        "row 7: ABC not checked: MALFORMED_IDENTIFIER: not a Companies House company number: 'ABC'",
        "row 8: 2000 0001 not checked: DUPLICATE_ROW: same client as row 2 (GB-COH-20000001)",
        "3 client(s) checked, 2 with changes, 3 row(s) not checked",
    ]

    # By load date: what the second load brought, Rob's late-filed appointment included.
    loaded = CliRunner().invoke(_cli(), ["--input", str(nothing_yet), *args, "--dates", "loaded"])
    assert loaded.exit_code == 0, loaded.output
    assert "  DIRECTOR_APPOINTED 2025-06-01: Rob New: director from 2025-06-01" in loaded.output

    # The same report as a CSV, one row per change, the input's columns first.
    report = tmp_path / "changes.csv"
    saved = CliRunner().invoke(_cli(), ["--input", str(nothing_yet), *args, "-o", str(report)])
    assert saved.exit_code == 0, saved.output
    seen = "2026-02-01T00:00:00+00:00"
    assert report.read_text(encoding="utf-8-sig").splitlines() == [
        # The input's company_id column comes back renamed: the report has its own.
        "input company_id,row,status,company_id,registry_name,warning,rating_before,"
        "rating_after,change_kind,change_date,first_seen,change_summary,about_id,about_name,"
        "reason",
        f"GB-COH-20000001,2,OK,GB-COH-20000001,ALPHA LTD,,1,1,DIRECTOR_ENDED,2026-01-15,{seen},"
        f"Pat Old: director ended 2026-01-15,{PAT},Pat Old,",
        f"GB-COH-20000001,2,OK,GB-COH-20000001,ALPHA LTD,,1,1,RELATED_INSOLVENCY,2026-01-20,"
        f'{seen},"GAMMA LTD (COMPULSORY_LIQUIDATION on 2026-01-20), a company of Pat Old",'
        f"{GAMMA},GAMMA LTD,",
    ]
    again = CliRunner().invoke(_cli(), ["--input", str(nothing_yet), *args, "-o", str(report)])
    assert again.exit_code == 2 and "--force" in again.output


def test_a_file_without_a_known_column_is_refused_with_the_names_understood(
    graph: Driver, settings: Settings, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("foo,bar\nALPHA LTD,x\n")
    result = CliRunner().invoke(_cli(), ["--input", str(bad), "--since", "2026-01-01"])
    assert result.exit_code == 2
    assert "no column name is understood in ['foo', 'bar']; expected any of: number (" in (
        " ".join(result.output.split())
    )
