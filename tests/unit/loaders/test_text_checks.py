"""Text every format must refuse: control characters (a NUL, a BEL, a form feed) in any text
field, and a JSON number where a name belongs; and a JSON document cut short loads what came
whole. Records written from each format's documentation (no real file holds these faults)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from loaders import bodacc, bods, ftm, gleif, kbo
from loaders.companies_house import psc_snapshot
from loaders.contract import Format, Parsed, ParseResult
from loaders.formats import registry
from loaders.rejects import Rejection
from loaders.source import ByteCounter
from tests.unit.loaders.fuzz_inputs import (
    bodacc_announcement,
    bods_entity,
    gleif_record,
    lei,
    psc_line,
)

KBO_FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "kbo"
# Not the whitespace controls (tab, vertical tab, form feed...): names normalise them to a
# space with the rest of their whitespace, as every registry's spacing is.
CONTROLS = {"\x00": "U+0000", "\x07": "U+0007", "\x1b": "U+001B", "\x7f": "U+007F"}
OFFICER: dict[str, Any] = {
    "name": "SMITH, John Paul",
    "officer_role": "director",
    "appointed_on": "2010-03-01",
    "date_of_birth": {"month": 5, "year": 1970},
    "links": {"officer": {"appointments": "/officers/AbC123xyz/appointments"}},
}


def _parse(fmt: Format, path: Path) -> list[ParseResult]:
    return list(fmt.parse(path, ByteCounter()))


def _format(name: str) -> Format:
    return registry()[name]


def test_every_format_checks_its_text() -> None:
    formats = registry().items()
    unchecked = [name for name, fmt in formats if not getattr(fmt.parse, "checked", False)]
    assert unchecked == []


def _ftm(entity_id: str, name: Any) -> dict[str, Any]:
    return {"id": entity_id, "schema": "Company", "properties": {"name": [name]}}


# format, a record builder (id, name) and the file name; each writes JSON Lines.
JSON_LINES = {
    "ftm": (ftm.FORMAT, _ftm, "entities.jsonl"),
    "bods": (bods.FORMAT, bods_entity, "statements.jsonl"),
    "bodacc": (
        bodacc.FORMAT,
        lambda i, name: bodacc_announcement(i, "552100554", commercant=name),
        "bodacc.jsonl",
    ),
    "ch-psc": (psc_snapshot.FORMAT, lambda i, name: psc_line("01234567", name), "psc.jsonl"),
}


@pytest.mark.parametrize("fmt_name", sorted(JSON_LINES))
def test_control_characters_are_rejected_in_json_formats(fmt_name: str, tmp_path: Path) -> None:
    fmt, build, file_name = JSON_LINES[fmt_name]
    lines = [build("good-1", "Acme Holdings")]
    lines += [build(f"bad-{n}", f"Acme{char}Holdings") for n, char in enumerate(CONTROLS)]
    lines += [build("good-2", "Acme\tHoldings\u00a0Ltd \u200d")]  # tab, NBSP, ZWJ: text
    path = tmp_path / file_name
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    results = _parse(fmt, path)
    by_line = {r.location.line: r for r in results}
    assert isinstance(by_line[1], Parsed) and isinstance(by_line[len(lines)], Parsed)
    for n, code in enumerate(CONTROLS.values(), start=2):
        rejected = by_line[n]
        assert isinstance(rejected, Rejection), (fmt_name, n, rejected)
        assert f"control character {code}" in rejected.reason


def test_control_characters_are_rejected_in_gleif(tmp_path: Path) -> None:
    path = tmp_path / "golden.json"
    records = [gleif_record(lei(1), "Good SA"), gleif_record(lei(2), "Bad\x00 SA")]
    path.write_text(json.dumps({"records": records}))
    good, bad = _parse(gleif.FORMATS[0], path)
    assert isinstance(good, Parsed)
    assert isinstance(bad, Rejection) and "U+0000" in bad.reason and "name" in bad.reason


def test_control_characters_are_rejected_in_kbo_csv(tmp_path: Path) -> None:
    folder = tmp_path / "kbo"
    shutil.copytree(KBO_FIXTURE, folder)
    names = folder / "denomination.csv"
    text = names.read_text(encoding="utf-8")
    names.write_text(text.replace("Voorbeeld Logistiek", "Voorbeeld\x00Logistiek"), "utf-8")
    results = [r for r in _parse(kbo.FORMAT, folder)]
    rejected = [r for r in results if isinstance(r, Rejection) and "U+0000" in r.reason]
    assert len(rejected) == 1, [r for r in results if isinstance(r, Rejection)]
    assert any(isinstance(r, Parsed) for r in results)  # the rest still loads


def _officers(folder: Path, body: bytes) -> Path:
    company = folder / "01234567"
    company.mkdir(parents=True)
    (company / "officers.json").write_bytes(body)
    return folder


def test_control_characters_are_rejected_in_companies_house_api(tmp_path: Path) -> None:
    items = [OFFICER, {**OFFICER, "name": "NUL, Person\u0000Byte"}]
    path = _officers(tmp_path, json.dumps({"items": items}).encode())
    good, bad = _parse(_format("ch-api"), path)
    assert isinstance(good, Parsed)
    assert isinstance(bad, Rejection) and bad.location.record == "items[1]"
    assert "U+0000" in bad.reason


@pytest.mark.parametrize(
    ("fmt_name", "line"),
    [
        ("ftm", _ftm("c1", 12345)),
        ("bodacc", bodacc_announcement("A1", "552100554", commercant=12345)),
        ("bods", bods_entity("e1", 12345)),  # type: ignore[arg-type]
    ],
)
def test_a_number_where_a_name_belongs_is_rejected(
    fmt_name: str, line: dict[str, Any], tmp_path: Path
) -> None:
    fmt, _, file_name = JSON_LINES[fmt_name]
    path = tmp_path / file_name
    path.write_text(json.dumps(line) + "\n")
    [result] = _parse(fmt, path)
    assert isinstance(result, Rejection), result
    assert "12345" in result.reason and "string" in result.reason


def test_a_number_where_an_officer_name_belongs_is_rejected(tmp_path: Path) -> None:
    items = [OFFICER, {**OFFICER, "name": 12345}]
    path = _officers(tmp_path, json.dumps({"items": items}).encode())
    good, bad = _parse(_format("ch-api"), path)
    assert isinstance(good, Parsed)
    assert isinstance(bad, Rejection) and "expected text, got a number 12345" in bad.reason


def test_a_document_cut_short_loads_what_came_whole(tmp_path: Path) -> None:
    items = [{**OFFICER, "name": f"SMITH, Officer {n}"} for n in range(3)]
    whole = json.dumps({"etag": "e", "items": items, "total_results": 3}, indent=2).encode()
    cut = whole[: whole.index(b"Officer 2") + 4]  # a download that stopped in the third officer
    results = _parse(_format("ch-api"), _officers(tmp_path, cut))
    parsed = [r for r in results if isinstance(r, Parsed)]
    [rejected] = [r for r in results if isinstance(r, Rejection)]
    assert [p.location.record for p in parsed] == ["items[0]", "items[1]"]
    assert rejected.location.record == "items[2]" and "cut short at items[2]" in rejected.reason


def test_a_document_broken_in_the_middle_is_one_rejection(tmp_path: Path) -> None:
    body = json.dumps({"items": [OFFICER, OFFICER]}, indent=2).encode()
    broken = body.replace(b'"officer_role"', b"officer_role", 1)
    [rejected] = _parse(_format("ch-api"), _officers(tmp_path, broken))
    assert isinstance(rejected, Rejection) and rejected.reason.startswith("invalid JSON")
