"""docs/benchmarks.md keeps one section per scale; percentiles are the usual ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphapi.tooling.bench.load_bench import BulkRun, CsvExport, LoaderRun, LoadFigures
from graphapi.tooling.bench.query_bench import percentile
from graphapi.tooling.bench.report import Report, bulk_summary, rows, write_section


def test_a_rerun_replaces_its_own_section_and_keeps_the_others(tmp_path: Path) -> None:
    doc = tmp_path / "benchmarks.md"
    doc.write_text("# Benchmarks\n\nIntro written by hand.\n")
    write_section(doc, Report("small", 10_000, "5.26.0", 2, 2000, batch="first run"))
    write_section(doc, Report("medium", 200_000, "5.26.0", 2, 2000, batch="medium run"))
    write_section(doc, Report("small", 10_000, "5.26.0", 2, 2000, batch="second run"))
    text = doc.read_text()
    assert text.startswith("# Benchmarks\n\nIntro written by hand.\n")
    assert text.count("<!-- bench:small:begin -->") == 1
    assert "second run" in text and "first run" not in text
    assert "medium run" in text


def test_percentiles() -> None:
    values = [i / 1000 for i in range(1, 101)]
    assert percentile(values, 50) == pytest.approx(0.0505)
    assert percentile(values, 99) > percentile(values, 95) > percentile(values, 50)
    assert percentile([0.2], 99) == 0.2


def _load(ours: list[LoaderRun], our_graph: tuple[int, int] | None) -> LoadFigures:
    export = CsvExport(1_000, {"Company": 6_000, "DIRECTOR_OF": 4_000}, {})
    bulk = BulkRun(20.0, 10.0, 2.0, 5.0, 3.0, 300 * 2**20, (7_000, 3_000))
    return LoadFigures(export, ours, 5.0, (7_000, 3_000), our_graph, bulk)


def test_load_rows_give_each_route_its_ratio_against_load_csv() -> None:
    runs = [LoaderRun("ch-api", 800, 8.0, 200 * 2**20), LoaderRun("bods", 200, 2.0, 2**30)]
    table = {
        r[0]: r
        for r in rows(Report("small", 10, "5.26.0", 2, 2000, load=_load(runs, (7_000, 3_000))))
    }
    load_row = table["load: graph rows/s (10,000 rows from 1,000 source records)"]
    # 10,000 rows in 10 s against LOAD CSV's 5 s: half its rate, the target exactly.
    assert load_row[1:4] == ("1,000 (10.0 s)", "2,000 (5.0 s, LOAD CSV)", "0.50")
    assert load_row[4] == "≥ 0.50: met"
    # The largest loader process counts, and 1 GiB is over the line.
    assert table["loader peak RSS"][1:] == ("1,024 MiB", "", "", "< 1 GiB: NOT met")
    assert table["bulk import: graph rows/s (`duegraph bulk-import`, end to end)"][3] == "0.25"
    assert "graph after load (nodes / relationships)" in table


def test_without_the_transactional_load_the_table_says_so_and_keeps_the_bulk_figures() -> None:
    table = {r[0]: r for r in rows(Report("medium", 10, "5.26.0", 2, 2000, load=_load([], None)))}
    assert table["load: `duegraph load`"][1] == "not run (--no-load)"
    assert table["load: `duegraph load`"][2] == "2,000 (5.0 s, LOAD CSV)"
    assert (
        "loader peak RSS" not in table and "graph after load (nodes / relationships)" not in table
    )
    assert table["bulk import: graph rows/s (`duegraph bulk-import`, end to end)"][3] == "0.25"


def test_without_the_baseline_bulk_import_is_rated_per_record_and_per_entity_written() -> None:
    bulk = BulkRun(20.0, 10.0, 2.0, 5.0, 3.0, 300 * 2**20, (7_000, 3_000), source_records=1_000)
    load = LoadFigures(None, [], 0.0, None, None, bulk)
    table = {r[0]: r for r in rows(Report("medium", 10, "5.26.0", 2, 2000, load=load))}
    assert table["load: LOAD CSV baseline"][2] == "not run (--no-baseline)"
    entities = table["bulk import: nodes + relationships/s (`duegraph bulk-import`, end to end)"]
    assert entities[1:4] == ("500 (10,000 in 20.0 s)", "not run", "")
    assert table["bulk import: source records/s"][1] == "50 (1,000)"
    assert table["graph after bulk import (nodes / relationships)"][1:3] == ("7,000 / 3,000", "")


def test_the_bulk_import_line_printed_at_once_holds_every_phase() -> None:
    bulk = BulkRun(20.0, 10.0, 2.0, 5.0, 3.0, 300 * 2**20, (7_000, 3_000), 1_000, 1.5)
    line = bulk_summary(bulk)
    assert line.startswith("bulk import done: 20.0 s end to end (parse 10.0 s, merge 1.5 s, ")
    assert "import files 2.0 s, neo4j-admin 5.0 s, start + schema 3.0 s" in line
    assert "1,000 source records, peak RSS 300 MiB" in line and "7,000 / 3,000" in line
