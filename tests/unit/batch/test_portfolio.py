"""Reading client lists: number formats, names, blank lines, headers (no database)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_schema.errors import InvalidInput
from graphapi.batch.portfolio import (
    ClientRow,
    InputError,
    country_code,
    identifier_keys,
    read_portfolio,
)
from graphapi.batch.resolve import Resolved, Status, mark_duplicates


@pytest.mark.parametrize(
    ("value", "scheme", "country", "keys"),
    [
        ("BE0403170701", None, None, ["BE-BCE_KBO-0403170701"]),
        ("BE 0403.170.701", None, None, ["BE-BCE_KBO-0403170701"]),
        ("0403.170.701", None, None, ["BE-BCE_KBO-0403170701"]),
        ("403170701", "KBO", None, ["BE-BCE_KBO-0403170701"]),
        ("GB-COH-01234567", None, None, ["GB-COH-01234567"]),
        ("gb-coh-1234567", None, None, ["GB-COH-01234567"]),
        ("FR 552 100 554", None, None, ["FR-SIREN-552100554"]),
        ("FR40552100554", None, None, ["FR-SIREN-552100554"]),
        ("55210055400013", "SIREN", None, ["FR-SIREN-552100554"]),
        ("1234567", None, "GB", ["GB-COH-01234567"]),
        ("SC123456", None, None, ["GB-COH-SC123456"]),
        ("12345678", None, None, ["GB-COH-12345678", "NL-KVK-12345678"]),
    ],
)
def test_identifier_formats(
    value: str, scheme: str | None, country: str | None, keys: list[str]
) -> None:
    assert identifier_keys(value, scheme, country) == keys


@pytest.mark.parametrize(
    ("value", "scheme", "reason"),
    [
        ("BE0403170702", None, "checksum"),
        ("FR 552 100 555", None, "invalid SIREN"),
        ("hello", None, "not a valid registry number"),
        ("123", "XX-FOO", "unknown identifier scheme"),
        ("12345678901", "GB-COH", "not a Companies House company number"),
    ],
)
def test_malformed_identifiers_say_why(value: str, scheme: str | None, reason: str) -> None:
    with pytest.raises(InvalidInput, match=reason):
        identifier_keys(value, scheme, None)


def test_country_spellings() -> None:
    assert [country_code(c) for c in ("uk", "Belgium", "FR", "", "Narnia")] == [
        "GB", "BE", "FR", None, None,
    ]  # fmt: skip


def test_read_portfolio_keeps_every_row_and_counts_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "clients.csv"
    path.write_bytes(
        "\ufeffNumber,Scheme,Name,Country\r\n"
        "BE0403170701,,,\r\n"
        "\r\n"
        ",,,\r\n"
        ",,Dupont SA,France\r\n"
        ",,Acme,Atlantis\r\n"
        ",,,BE\r\n"
        "bad,,,\r\n".encode()
    )
    portfolio = read_portfolio(path)
    assert portfolio.empty_lines == 2
    rows = [(c.row, c.input_id, c.keys, c.name, c.country, c.error) for c in portfolio.clients]
    assert rows[0] == (2, "BE0403170701", ["BE-BCE_KBO-0403170701"], None, None, None)
    assert rows[1] == (5, "Dupont SA (France)", [], "Dupont SA", "FR", None)
    assert rows[2][0] == 6 and "unknown country 'Atlantis'" in str(rows[2][5])
    assert rows[3][0] == 7 and rows[3][5] == "no registry number and no name"
    assert rows[4][0] == 8 and "not a valid registry number" in str(rows[4][5])


def test_headerless_list_reads_first_column_as_numbers(tmp_path: Path) -> None:
    path = tmp_path / "ids.csv"
    path.write_text("BE0403170701\nGB-COH-01234567\n")
    clients = read_portfolio(path).clients
    assert [(c.row, c.keys) for c in clients] == [
        (1, ["BE-BCE_KBO-0403170701"]), (2, ["GB-COH-01234567"]),
    ]  # fmt: skip


def test_duplicates_point_at_the_first_row() -> None:
    rows = [
        Resolved(ClientRow(2, "a"), Status.OK, company="X"),
        Resolved(ClientRow(3, "b"), Status.NOT_FOUND),
        Resolved(ClientRow(4, "c"), Status.OK, company="X"),
        Resolved(ClientRow(5, "d"), Status.OK, company="Y"),
    ]
    mark_duplicates(rows)
    assert [r.status for r in rows] == [
        Status.OK, Status.NOT_FOUND, Status.DUPLICATE_ROW, Status.OK,
    ]  # fmt: skip
    assert rows[2].reason == "same client as row 2 (X)"


def _client_file(tmp_path: Path, data: bytes, name: str = "clients.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_header_naming_a_register_says_the_scheme_unless_a_country_does(
    tmp_path: Path,
) -> None:
    text = "SIREN;Land;Klantnummer\r\n552100554;;K1\r\n552100554;BE;K2\r\n"
    portfolio = read_portfolio(_client_file(tmp_path, text.encode("cp1252")))
    assert [(c.row, c.keys, c.error) for c in portfolio.clients] == [
        (2, ["FR-SIREN-552100554"], None),
        (3, [], "invalid Belgian enterprise number '552100554': The number's checksum or "
         "check digit is invalid."),
    ]  # fmt: skip
    assert portfolio.header == ("SIREN", "Land", "Klantnummer")
    assert portfolio.delimiter == ";"
    assert portfolio.clients[0].record == {"SIREN": "552100554", "Land": "", "Klantnummer": "K1"}


def test_a_number_with_a_name_keeps_both_and_repeated_headers_stay_apart(
    tmp_path: Path,
) -> None:
    text = "\ufeffVAT,Raison sociale,Notes,Notes,\r\nBE 0403.170.701,Brasserie,a,b,c\r\n"
    (client,) = read_portfolio(_client_file(tmp_path, text.encode())).clients
    assert (client.input_id, client.keys, client.name) == (
        "BE 0403.170.701", ["BE-BCE_KBO-0403170701"], "Brasserie",
    )  # fmt: skip
    assert client.record == {
        "VAT": "BE 0403.170.701", "Raison sociale": "Brasserie", "Notes": "a", "Notes (2)": "b",
        "column 5": "c",
    }  # fmt: skip


def test_a_header_without_a_number_or_name_column_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="names no registry number or company name column"):
        read_portfolio(_client_file(tmp_path, b"Reference,Country\r\nK1,BE\r\n"))
    with pytest.raises(InputError, match=r"no column name is understood in \['Klant', 'Adres'\]"):
        read_portfolio(_client_file(tmp_path, b"Klant;Adres\r\nx;y\r\n"))


def test_country_names_in_the_languages_of_the_lists() -> None:
    assert [country_code(c) for c in ("België", "Royaume-Uni", "Pays-Bas", "be", "nl")] == [
        "BE", "GB", "NL", "BE", "NL",
    ]  # fmt: skip
