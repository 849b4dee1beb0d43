from __future__ import annotations

import pytest

from graph_schema.errors import InvalidInput
from graph_schema.identifiers import (
    canonical_scheme,
    guess_identifiers,
    identifier_key,
    lookup_keys,
)


@pytest.mark.parametrize(
    "typed",
    [
        "0403.170.701",
        "BE0403170701",
        "BE 0403 170 701",
        "0403170701",
        "403170701",
        " be0403.170.701 ",
    ],
)
def test_belgian_enterprise_numbers_typed_any_way_are_one_key(typed: str) -> None:
    assert identifier_key("BE-BCE_KBO", typed) == "BE-BCE_KBO-0403170701"


def test_belgian_number_with_bad_check_digits_is_rejected_with_reason() -> None:
    with pytest.raises(InvalidInput, match="invalid Belgian enterprise number"):
        identifier_key("BE-BCE_KBO", "0403.170.702")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1234567", "GB-COH-01234567"),
        ("01234567", "GB-COH-01234567"),
        ("SC123456", "GB-COH-SC123456"),
        ("sc 12345", "GB-COH-SC012345"),
        ("OC300001", "GB-COH-OC300001"),
    ],
)
def test_companies_house_numbers_are_padded(typed: str, expected: str) -> None:
    assert identifier_key("GB-COH", typed) == expected


def test_siren_accepts_spaces_and_siret_and_checks_luhn() -> None:
    assert identifier_key("FR-RCS", "552 100 554") == "FR-SIREN-552100554"
    assert identifier_key("FR-SIREN", "55210055400013") == "FR-SIREN-552100554"
    with pytest.raises(InvalidInput):
        identifier_key("FR-SIREN", "552100555")


def test_lei_checksum() -> None:
    assert identifier_key("XI-LEI", "5493001kjtiigc8y1r12") == "XI-LEI-5493001KJTIIGC8Y1R12"
    with pytest.raises(InvalidInput):
        identifier_key("XI-LEI", "5493001KJTIIGC8Y1R13")


def test_unknown_scheme_lists_known_ones() -> None:
    with pytest.raises(InvalidInput, match="GB-COH") as info:
        canonical_scheme("XX-NOPE")
    assert info.value.field == "scheme"


def test_guess_identifiers_finds_a_belgian_number_typed_with_dots() -> None:
    assert ("BE-BCE_KBO", "0403170701") in guess_identifiers("0403.170.701")
    assert guess_identifiers("dupont") == []


@pytest.mark.parametrize(
    ("scheme", "value", "key"),
    [
        ("GB-COH", "GB-COH-15656800", "GB-COH-15656800"),  # the tool's own id as the value
        ("GB-COH", "gb-coh-1234567", "GB-COH-01234567"),
        ("BE-BCE_KBO", "BE-BCE_KBO-0403170701", "BE-BCE_KBO-0403170701"),
        ("FR-SIREN", "FR-SIREN-552100554", "FR-SIREN-552100554"),
    ],
)
def test_an_org_id_value_is_read_without_its_scheme_prefix(
    scheme: str, value: str, key: str
) -> None:
    assert identifier_key(scheme, value) == key


@pytest.mark.parametrize(
    ("text", "country", "keys"),
    [
        ("GB-COH-15656800", None, ["GB-COH-15656800"]),
        ("XI-BODS-abc", None, ["XI-BODS-abc"]),
        ("BE 0403.170.701", None, ["BE-BCE_KBO-0403170701"]),
        ("FR40552100554", None, ["FR-SIREN-552100554"]),
        ("1234567", "GB", ["GB-COH-01234567"]),
        ("12345678", None, ["GB-COH-12345678", "NL-KVK-12345678"]),
    ],
)
def test_lookup_keys_reads_ids_prefixes_countries_and_guesses(
    text: str, country: str | None, keys: list[str]
) -> None:
    assert lookup_keys(text, country=country) == keys


def test_lookup_keys_says_why_nothing_fits() -> None:
    with pytest.raises(InvalidInput, match="not a valid registry number in any known scheme"):
        lookup_keys("oriel united")
    with pytest.raises(InvalidInput, match="invalid Belgian enterprise number"):
        lookup_keys("BE0403170702")
