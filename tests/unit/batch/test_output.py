"""Report files: format by extension, resume after a torn last line, column checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphapi.batch.output import OutputError, ReportWriter, done_rows, output_format


def _to_csv(row: dict[str, object]) -> dict[str, str]:
    return {k: str(v) for k, v in row.items()}


def test_format_by_extension() -> None:
    assert output_format(Path("a.CSV")) == "csv"
    assert output_format(Path("a.jsonl")) == "jsonl"
    with pytest.raises(OutputError, match=r"\.csv or \.jsonl"):
        output_format(Path("a.xlsx"))


@pytest.mark.parametrize("name", ["out.csv", "out.jsonl"])
def test_append_cuts_a_torn_line_and_keeps_complete_rows(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    writer = ReportWriter(path, ["row", "status"], _to_csv, append=False)
    writer.write({"row": 2, "status": "OK"})
    writer.close()
    with path.open("a") as fh:
        fh.write("3,NOT_F" if name.endswith(".csv") else '{"row": 3, "sta')
    assert done_rows(path) == {2}
    writer = ReportWriter(path, ["row", "status"], _to_csv, append=True)
    writer.write({"row": 3, "status": "NOT_FOUND"})
    writer.close()
    assert done_rows(path) == {2, 3}
    lines = path.read_text().splitlines()
    assert len(lines) == (3 if name.endswith(".csv") else 2)


def test_resume_refuses_a_csv_with_other_columns(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    path.write_text("row,rating\n2,1\n")
    with pytest.raises(OutputError, match="other columns"):
        ReportWriter(path, ["row", "status"], _to_csv, append=True)


def test_done_rows_rejects_a_foreign_file(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text('{"id": 1}\n')
    with pytest.raises(OutputError, match="does not look like a report"):
        done_rows(path)
