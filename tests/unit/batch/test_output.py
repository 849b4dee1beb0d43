"""Report files: format by extension, BOM and delimiter, workbooks, resume after a torn last
line, column checks, input columns given back."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from graphapi.batch.output import (
    OutputError,
    ReportWriter,
    done_rows,
    input_columns,
    output_format,
    read_rows,
)


def _to_csv(row: dict[str, object]) -> list[dict[str, str]]:
    return [{k: str(v) for k, v in row.items()}]


def test_format_by_extension() -> None:
    assert output_format(Path("a.CSV")) == "csv"
    assert output_format(Path("a.jsonl")) == "jsonl"
    assert output_format(Path("a.xlsx")) == "xlsx"
    with pytest.raises(OutputError, match=r"\.csv, \.xlsx or \.jsonl"):
        output_format(Path("a.ods"))


def test_csv_has_a_bom_crlf_and_the_input_delimiter_unless_asked(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    writer = ReportWriter(path, ["row", "name"], _to_csv, append=False, delimiter=";")
    writer.write({"row": 2, "name": "Société Générale; Liège"})
    writer.close()
    assert path.read_bytes() == '\ufeffrow;name\r\n2;"Société Générale; Liège"\r\n'.encode()
    assert list(read_rows(path)) == [{"row": "2", "name": "Société Générale; Liège"}]
    plain = tmp_path / "plain.csv"
    writer = ReportWriter(plain, ["row", "name"], _to_csv, append=False, bom=False)
    writer.write({"row": 2, "name": "Été"})
    writer.close()
    assert plain.read_bytes() == "row,name\r\n2,Été\r\n".encode()


def test_xlsx_output_has_the_same_rows(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    writer = ReportWriter(path, ["row", "name"], _to_csv, append=False)
    writer.write({"row": 2, "name": "Été"})
    writer.write({"row": 3, "name": ""})
    writer.close()
    sheet = load_workbook(path).worksheets[0]
    assert [list(r) for r in sheet.iter_rows(values_only=True)] == [
        ["row", "name"], ["2", "Été"], ["3", None],
    ]  # fmt: skip
    assert done_rows(path) == {2, 3}
    with pytest.raises(OutputError, match="cannot be resumed"):
        ReportWriter(path, ["row", "name"], _to_csv, append=True)


def test_input_columns_named_like_ours_are_prefixed() -> None:
    assert input_columns(["Ref", "Status", "name", "input name"], ["row", "status", "name"]) == [
        ("Ref", "Ref"),
        ("Status", "input Status"),
        ("name", "input name"),
        ("input name", "input input name"),
    ]


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
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == (3 if name.endswith(".csv") else 2)
    if name.endswith(".csv"):  # one BOM, at the start
        assert path.read_bytes().count(b"\xef\xbb\xbf") == 1


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
