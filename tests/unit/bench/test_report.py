"""docs/benchmarks.md keeps one section per scale; percentiles are the usual ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphapi.bench.query_bench import percentile
from graphapi.bench.report import Report, write_section


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
