"""Property-based fuzzing of every format's parser (no database): good records mixed with
malformed and adversarial ones. Whatever the input, the parser never raises, yields exactly one
result per source record, every good record is Parsed and every bad one is a Rejection with a
reason and a location."""

from __future__ import annotations

import gzip
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders import bodacc, bods, ftm, gleif, kbo
from loaders.companies_house import psc_snapshot
from loaders.contract import Format, Parsed, ParseResult
from loaders.rejects import Rejection
from loaders.source import ByteCounter
from tests.unit.loaders.fuzz_inputs import (
    KBO_HEADER,
    WRAPPING,
    Expect,
    Item,
    bodacc_items,
    bods_items,
    ftm_items,
    gleif_records,
    kbo_rows,
    psc_items,
    write_gleif,
    write_lines,
)

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
KBO_FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "kbo"


def parse_all(fmt: Format, path: Path) -> list[ParseResult]:
    return list(fmt.parse(path, ByteCounter()))  # any exception fails the test: no crash


def check_one(result: ParseResult, expect: Expect, where: str) -> None:
    if expect in ("good", "dangling"):
        assert isinstance(result, Parsed), f"{where}: good record rejected: {result}"
    elif expect == "bad":
        assert isinstance(result, Rejection), f"{where}: bad record parsed: {result}"
    if isinstance(result, Rejection):
        assert result.reason.strip(), f"{where}: rejection without a reason"
    assert result.location.file, f"{where}: no file in the location"


def check_by_line(
    results: list[ParseResult], expected: dict[int, Expect], name: str, whole_file: bool = False
) -> None:
    """One result per line, found by the line number in its location. `whole_file`: a format
    that reads a one-line file as one document (Companies House) may give it no line number."""
    by_line: dict[int, ParseResult] = {}
    for result in results:
        assert result.location.file == name
        line = result.location.line
        if line is None and whole_file and len(expected) == 1:
            line = next(iter(expected))
        assert line is not None, f"no line number: {result}"
        assert line not in by_line, f"two results for line {line}"
        by_line[line] = result
    assert sorted(by_line) == sorted(expected)  # read = parsed + rejected, record by record
    for line, expect in expected.items():
        check_one(by_line[line], expect, f"{name} line {line}")


def _json_lines_case(
    fmt: Format, items: list[Item], wrapping: dict[str, Any], whole_file: bool = False
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        name = "fuzz.jsonl" + (".gz" if wrapping["gz"] else "")
        path = Path(tmp) / name
        expected = write_lines(path, items, **wrapping)
        check_by_line(parse_all(fmt, path), expected, name, whole_file)


@FUZZ
@given(ftm_items(), WRAPPING)
def test_ftm_parser_survives_anything(items: list[Item], wrapping: dict[str, Any]) -> None:
    _json_lines_case(ftm.FORMAT, items, wrapping)


@FUZZ
@given(bods_items(), WRAPPING)
def test_bods_parser_survives_anything(items: list[Item], wrapping: dict[str, Any]) -> None:
    _json_lines_case(bods.FORMAT, items, wrapping)


@FUZZ
@given(bodacc_items(), WRAPPING)
def test_bodacc_parser_survives_anything(items: list[Item], wrapping: dict[str, Any]) -> None:
    _json_lines_case(bodacc.FORMAT, items, wrapping)


@FUZZ
@given(psc_items(), WRAPPING)
def test_ch_psc_parser_survives_anything(items: list[Item], wrapping: dict[str, Any]) -> None:
    _json_lines_case(psc_snapshot.FORMAT, items, wrapping, whole_file=True)


@FUZZ
@given(gleif_records(), st.booleans(), st.booleans())
def test_gleif_parser_survives_anything(
    records: list[tuple[dict[str, Any], Expect]], bom: bool, gz: bool
) -> None:
    lei_format = gleif.FORMATS[0]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "golden.json"
        write_gleif(path, records, bom)
        if gz:
            gz_path = path.with_suffix(".json.gz")
            gz_path.write_bytes(gzip.compress(path.read_bytes()))
            path.unlink()
            path = gz_path
        results = parse_all(lei_format, path)
        assert len(results) == len(records)  # in file order, one per record
        for index, (result, (_, expect)) in enumerate(zip(results, records, strict=True)):
            check_one(result, expect, f"record {index}")
            assert result.location.record, "no record id in the location"


@FUZZ
@given(kbo_rows(), st.booleans(), st.booleans())
def test_kbo_parser_survives_anything(items: list[Item], bom: bool, crlf: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "kbo"
        folder.mkdir()
        for name in ("meta.csv", "code.csv"):
            shutil.copy(KBO_FIXTURE / name, folder / name)
        newline = b"\r\n" if crlf else b"\n"
        lines = [KBO_HEADER.encode(), *(line for line, _ in items)]
        data = (b"\xef\xbb\xbf" if bom else b"") + newline.join(lines) + newline
        (folder / "enterprise.csv").write_bytes(data)
        results = [r for r in parse_all(kbo.FORMAT, folder) if r.location.file == "enterprise.csv"]
        expected = {line: expect for line, (_, expect) in enumerate(items, start=2)}
        check_by_line(results, expected, "enterprise.csv")


def test_an_empty_or_blank_file_yields_nothing() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for content in (b"", b"\n\n  \r\n", b"\xef\xbb\xbf"):
            for fmt in (ftm.FORMAT, bods.FORMAT, bodacc.FORMAT):
                path = Path(tmp) / "empty.jsonl"
                path.write_bytes(content)
                assert parse_all(fmt, path) == [], (fmt.name, content)
