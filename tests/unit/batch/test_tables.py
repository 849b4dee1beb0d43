"""Reading tables as spreadsheets export them: delimiters, encodings, headers, workbooks.

The files are written here byte for byte the way Excel saves them ("CSV" on a Belgian Windows
is `;` + cp1252; "CSV UTF-8" adds a BOM; "Text (Tab delimited)"), not read from a sample.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from graphapi.batch.tables import Column, TableError, header_key, read_table, sniff_delimiter

COLUMNS = (
    Column("number", ("company number", "KBO", "BCE", "ondernemingsnummer", "numéro d'entreprise")),
    Column("name", ("naam", "nom", "company name")),
    Column("reference", ("ref", "client id")),
)


_TMP: list[Path] = []


@pytest.fixture(autouse=True)
def _tmp(tmp_path: Path) -> None:
    _TMP[:] = [tmp_path]


def _p(data: bytes, suffix: str = ".csv") -> Path:
    """A file with exactly these bytes, in this test's temporary directory."""
    path = _TMP[0] / f"f{len(list(_TMP[0].iterdir()))}{suffix}"
    path.write_bytes(data)
    return path


def test_belgian_excel_csv_semicolon_cp1252() -> None:
    text = "Ondernemingsnummer;Naam;Ref\r\n0403.170.701;Société Générale, Liège;C-1\r\n"
    table = read_table(_p(text.encode("cp1252")), COLUMNS)
    assert (table.encoding, table.delimiter) == ("cp1252", ";")
    assert table.columns == {"number": 0, "name": 1, "reference": 2}
    [row] = table.rows
    assert row.line == 2
    assert table.cell(row, "name") == "Société Générale, Liège"


def test_utf8_bom_comma_and_french_header() -> None:
    text = '\ufeffNuméro d’entreprise,Nom,Pays,Notes\n552100554,Été SARL,FR,"a ""quoted, cell"""\n'
    table = read_table(_p(text.encode("utf-8")), COLUMNS)
    assert (table.encoding, table.delimiter) == ("utf-8-sig", ",")
    assert table.header == ("Numéro d’entreprise", "Nom", "Pays", "Notes")
    assert table.columns == {"number": 0, "name": 1}
    assert table.unknown_columns == ["Pays", "Notes"]
    assert table.record(table.rows[0])["Notes"] == 'a "quoted, cell"'


def test_tab_delimited_with_blank_lines_keeps_line_numbers() -> None:
    text = "KBO\tNaam\n\n0403170701\tA\n\t\n0403170702\tB\n"
    table = read_table(_p(text.encode("utf-8"), ".txt"), COLUMNS)
    assert table.delimiter == "\t"
    assert [r.line for r in table.rows] == [3, 5]
    assert table.blank_lines == 2


def test_quoted_newline_keeps_the_next_rows_line_number() -> None:
    text = 'name,number\n"two\nlines",1\nnext,2\n'
    table = read_table(_p(text.encode()), COLUMNS)
    assert [(r.line, table.cell(r, "name")) for r in table.rows] == [
        (2, "two\nlines"),
        (4, "next"),
    ]


def test_unknown_header_is_an_error_listing_the_expected_names() -> None:
    with pytest.raises(TableError) as err:
        read_table(_p(b"vat,label\nBE0403170701,A\n"), COLUMNS)
    message = str(err.value)
    assert "line 1" in message and "'vat'" in message
    assert "number (company number, KBO" in message and "reference (ref, client id)" in message


def test_headerless_file_when_the_caller_accepts_the_first_line_as_data() -> None:
    path = _p(b"0403170701\n0403170702\n")
    table = read_table(
        path,
        COLUMNS,
        headerless=lambda cells: cells[0][:1].isdigit(),
        headerless_columns=["number"],
    )
    assert not table.has_header
    assert [table.cell(r, "number") for r in table.rows] == ["0403170701", "0403170702"]
    assert [r.line for r in table.rows] == [1, 2]


def test_a_column_is_claimed_once() -> None:
    both = (Column("number", ("nr",)), Column("invoice", ("nr", "invoice number")))
    table = read_table(_p(b"nr;invoice number\n1;2\n"), both)
    assert table.columns == {"number": 0, "invoice": 1}


def test_workbook_cells_as_text() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Company number", "Name", "Since", "Limit"])
    sheet.append(["01234567", "Acme Ltd", date(2024, 3, 1), 15000.0])
    path = _TMP[0] / "clients.xlsx"
    book.save(path)
    table = read_table(path, COLUMNS)
    assert (table.encoding, table.delimiter) == ("xlsx", None)
    [row] = table.rows
    assert row.line == 2
    assert row.values == ("01234567", "Acme Ltd", "2024-03-01", "15000")


def test_not_a_workbook_and_empty_files_are_one_line_errors() -> None:
    with pytest.raises(TableError, match="not a readable .xlsx"):
        read_table(_p(b"plain text", ".xlsx"), COLUMNS)
    with pytest.raises(TableError, match="is empty"):
        read_table(_p(b"\n\n"), COLUMNS)


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("a;b;c\n1,5;2;3\n", ";"),
        ("a,b\n1,2\n", ","),
        ("a\tb\n1\t2\n", "\t"),
        ("single\nvalue\n", ","),
    ],
)
def test_sniff_delimiter(text: str, delimiter: str) -> None:
    assert sniff_delimiter(text) == delimiter


def test_header_key_ignores_case_accents_and_punctuation() -> None:
    assert header_key("  N° d’Entreprise ") == "n d entreprise"
    assert header_key("Company_Number") == header_key("company number")
