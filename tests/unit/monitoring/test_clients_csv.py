"""Client lists: every row becomes identifier keys to look up, or a problem with its reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphapi.batch.clients_csv import ClientsFileError, parse_clients, read_clients


def test_schemes_org_ids_and_company_ids_become_normalised_keys() -> None:
    parsed = parse_clients(
        "identifier,scheme\n"
        "1234567,GB-COH\n"  # a 7-digit CH number is padded to 8
        "GB-COH-SC123456,\n"
        "0403.170.701,kbo\n"
    )
    assert [(r.row, r.keys) for r in parsed.rows] == [
        (2, ("GB-COH-01234567",)),
        (3, ("GB-COH-SC123456",)),
        (4, ("BE-BCE_KBO-0403170701",)),
    ]
    assert parsed.problems == []
    by_id = parse_clients("company_id\nXI-BODS-abc\nGB-COH-1234567\n")
    assert [r.keys for r in by_id.rows] == [("XI-BODS-abc",), ("GB-COH-01234567",)]


def test_bad_rows_are_reported_with_line_and_reason() -> None:
    parsed = parse_clients(
        "identifier,scheme,name\n"
        "\n"
        "ABC,GB-COH,x\n"
        "0403170702,BE-BCE_KBO,x\n"  # wrong mod-97 check digits
        "12345678,MARS,x\n"
        ",,only a name\n"
        " , ,\n"
    )
    assert parsed.rows == []
    reasons = {p.row: p.reason for p in parsed.problems}
    assert reasons[2] == "empty line"
    assert reasons[3].startswith("malformed: ") and "ABC" in reasons[3]
    assert reasons[4].startswith("malformed: ")
    assert "unknown identifier scheme 'MARS'" in reasons[5]
    assert reasons[6] == "no company_id or identifier"
    assert reasons[7] == "empty line"


def test_a_bare_number_is_tried_in_every_scheme_it_is_valid_in() -> None:
    (row,) = parse_clients("identifier\n0403170701\n").rows
    assert "BE-BCE_KBO-0403170701" in row.keys


def test_files_without_an_identifier_column_or_not_utf8_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ClientsFileError, match="company_id or identifier column"):
        parse_clients("name\nACME\n")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("identifier\nSoci\xe9t\xe9\n".encode("latin-1"))
    with pytest.raises(ClientsFileError, match="not UTF-8"):
        read_clients(latin)
    bom = tmp_path / "bom.csv"
    bom.write_bytes("\ufeffcompany_id\r\nGB-COH-01234567\r\n".encode())
    assert [r.keys for r in read_clients(bom).rows] == [("GB-COH-01234567",)]
