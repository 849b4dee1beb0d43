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
from loaders.contract import files_under
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


def _json_module_reading(path: Path) -> list[object]:
    """What the json module makes of a small file: the reference `iter_documents` keeps."""
    doc = json.loads(path.read_bytes().decode("utf-8"))
    return doc if isinstance(doc, list) else [doc]


def test_documents_read_fast_are_those_the_json_module_reads(tmp_path: Path) -> None:
    # orjson decodes well-formed documents; what it reads otherwise (an integer beyond 64 bits
    # becomes a float there) or refuses (a lone surrogate, NaN) must come out as json reads it.
    cases = {
        "plain": b'{"company_number": "01234567", "n": 1.5, "ok": true, "none": null}',
        "big_int": b'{"company_number": 123456789012345678901234567890}',
        "negative_big_int": b'{"n": -9223372036854775809}',
        "lone_surrogate": b'{"name": "A\\ud800B"}',
        "nan": b'{"n": NaN, "m": Infinity}',
        "huge_float": b'{"n": 1e400}',
        "duplicate_key": b'{"a": 1, "a": 2}',
        "bom": b'\xef\xbb\xbf{"a": "\xc3\xa9"}',
        "array": b'[{"a": 1}, 2, "x"]',
    }
    for name, data in cases.items():
        path = tmp_path / f"{name}.json"
        path.write_bytes(data)
        expected = _json_module_reading(tmp_path / path.name) if name != "bom" else [{"a": "é"}]
        got = [doc for _, doc in iter_documents(path)]  # type: ignore[misc]
        assert got == expected, name
        assert [type(v) for d in got if isinstance(d, dict) for v in d.values()] == [
            type(v) for d in expected if isinstance(d, dict) for v in d.values()
        ], name


def test_a_broken_document_is_rejected_with_the_json_modules_words(tmp_path: Path) -> None:
    path = tmp_path / "profile.json"
    path.write_bytes(b'{"company_number": "1",\n  "name": }')
    [rejection] = list(iter_documents(path))
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "invalid JSON: Expecting value at line 2 column 11"


def test_files_under_lists_files_in_sorted_path_order(tmp_path: Path) -> None:
    # Depth first by name is the order of sorted paths: "a/…" before "a.json", "B" before "a".
    for rel in ("a.json", "a/z.json", "a/b/c.json", "B/x.JSON", "a-b.json", "a.txt", "c/d.json.gz"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("{}")
    (tmp_path / "dir.json").mkdir()
    (tmp_path / "dir.json" / "inner.json").write_text("{}")
    (tmp_path / "link.json").symlink_to(tmp_path / "a.json")  # a linked file is read
    (tmp_path / "linked-folder").symlink_to(tmp_path / "a", target_is_directory=True)  # not
    suffixes = (".json", ".json.gz")
    expected = sorted(
        p for p in tmp_path.rglob("*") if p.is_file() and p.name.lower().endswith(suffixes)
    )
    assert files_under(tmp_path, suffixes) == expected
    assert files_under(tmp_path / "a.json", suffixes) == [tmp_path / "a.json"]
    assert files_under(tmp_path / "missing", suffixes) == []
