"""Shared Companies House helpers: reading documents, addresses, corporate keys."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from graph_schema.edges import AddressLink
from graph_schema.nodes import AddressRecord
from graph_schema.provenance import Provenance
from loaders.companies_house.common import address_records, iter_documents
from loaders.companies_house.registration import registration
from loaders.rejects import Rejection

PROV = Provenance(source="companies-house", record_id="t")


def test_a_pretty_document_with_a_lone_scalar_line_is_one_document(tmp_path: Path) -> None:
    # `"41201"` alone on a line is valid JSON by itself: still not JSON Lines.
    path = tmp_path / "profile.json"
    path.write_text(json.dumps({"sic_codes": ["43910", "41201"], "n": 1}, indent=2))
    assert [doc for _, doc in iter_documents(path)] == [{"sic_codes": ["43910", "41201"], "n": 1}]  # type: ignore[misc]


def test_json_lines_keep_their_good_lines(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"a": 1}\n{"bad\n{"b": "\xff"}\n{"c": 3}\n'))
    results = list(iter_documents(path))
    assert [r if isinstance(r, Rejection) else r[1] for r in results][::3] == [{"a": 1}, {"c": 3}]
    reasons = [r.reason for r in results if isinstance(r, Rejection)]
    assert reasons[0].startswith("invalid JSON") and reasons[1].startswith("not UTF-8")


def test_an_array_of_documents(tmp_path: Path) -> None:
    path = tmp_path / "docs.json"
    path.write_text('[{"a": 1}, {"b": 2}]')
    assert [(loc.record, doc) for loc, doc in iter_documents(path)] == [  # type: ignore[misc]
        ("[0]", {"a": 1}),
        ("[1]", {"b": 2}),
    ]


def test_address_parts_read_like_a_postal_address() -> None:
    address, link = address_records(
        "GB-COH-01234567",
        {
            "premises": "38",
            "address_line_1": "Green Lane",
            "locality": "London",
            "postal_code": "SE1 1FT",
            "country": "England",
        },
        "registered",
        PROV,
    )
    assert isinstance(address, AddressRecord) and isinstance(link, AddressLink)
    assert (address.text, address.street, address.country) == (
        "38 Green Lane, London, SE1 1FT, England",
        "38 Green Lane",
        "GB",
    )
    named, _ = address_records(
        "x", {"premises": "Summit House", "address_line_1": "10 Waterside Court"}, "service", PROV
    )
    assert isinstance(named, AddressRecord)
    assert named.text == "Summit House, 10 Waterside Court"
    # The same place spelt "38, Green Lane", in the "United Kingdom": the same Address node.
    same, _ = address_records(
        "y",
        {
            "address_line_1": "38, Green Lane",
            "locality": "London",
            "postal_code": "SE1 1FT",
            "country": "United Kingdom",
        },
        "service",
        PROV,
    )
    assert isinstance(same, AddressRecord)
    assert address_records("z", {"country": None}, "service", PROV) == []
    assert same.key == address.key


def test_corporate_keys() -> None:
    def key(ident: dict[str, str]) -> tuple[str, bool]:
        found = registration(ident, "id1", "x")
        return found.key, found.uk

    assert key({"registration_number": "686734", "country_registered": "England & Wales"}) == (
        "GB-COH-00686734",
        True,
    )
    # Overseas: keyed by its register (the territory rigour names) and number.
    assert key({"registration_number": "41-0406690", "country_registered": "Minnesota, Usa"}) == (
        "XI-REGISTER-US-MN:410406690",
        False,
    )
    assert key(
        {"registration_number": "not a number!!", "country_registered": "United Kingdom"}
    ) == ("XI-CH-id1", True)
