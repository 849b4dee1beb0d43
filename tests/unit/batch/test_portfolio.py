"""Reading client lists: number formats, names, blank lines, headers (no database)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_schema.errors import InvalidInput
from graphapi.batch.portfolio import ClientRow, country_code, identifier_keys, read_portfolio
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
