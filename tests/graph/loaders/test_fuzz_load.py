"""Fuzzed files through the real pipeline and Neo4j: good records mixed with malformed and
adversarial ones (1 MB names, lone surrogates, 5,000-deep nesting, NUL and RTL characters,
duplicate keys, ownership cycles, BOM/CRLF/gzip). The load never fails; every good record's
nodes and links are in the graph; every rejected record has one or more lines in the rejects
file, with its line number and a reason; read = loaded + rejected."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from neo4j import Driver

from graph_schema.settings import Settings
from loaders import bodacc, bods, ftm
from loaders.companies_house import psc_snapshot
from loaders.contract import Format, Parsed
from loaders.rejects import RejectSink
from loaders.source import ByteCounter
from loaders.write.pipeline import load_paths
from loaders.write.writer import GraphWriter
from tests.conftest import clear_graph
from tests.unit.loaders.fuzz_inputs import (
    WRAPPING,
    Expect,
    Item,
    bodacc_items,
    bods_items,
    ftm_items,
    psc_items,
    write_lines,
)

DB_FUZZ = settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,  # the graph is cleared inside each example
    ],
)
OVERSIZED = 100_000  # a line this long holds a 1 MB name: Neo4j cannot index it, so rejected


def _keys(fmt: Format, path: Path, good_lines: set[int]) -> tuple[set[str], set[str]]:
    """Node and link keys the parser makes of the good lines (what must reach the graph)."""
    nodes: set[str] = set()
    links: set[str] = set()
    for item in fmt.parse(path, ByteCounter()):
        if isinstance(item, Parsed) and item.location.line in good_lines:
            for record in item.records:
                key = getattr(record, "key", None)
                if key is None:
                    continue
                (links if hasattr(record, "src") else nodes).add(key)
    return nodes, links


def _found(driver: Driver, query: str, keys: set[str]) -> set[str]:
    records = driver.execute_query(query, keys=sorted(keys)).records
    return {r["k"] for r in records}


def _check_load(
    driver: Driver, settings: Settings, fmt: Format, items: list[Item], wrapping: dict[str, Any]
) -> None:
    clear_graph(driver, settings.neo4j.database)
    with tempfile.TemporaryDirectory() as tmp:
        name = "fuzz.jsonl" + (".gz" if wrapping["gz"] else "")
        path = Path(tmp) / name
        expected = write_lines(path, items, **wrapping)
        lengths = {line: len(data) for line, (data, _) in zip(expected, items, strict=True)}
        rejects_path = Path(tmp) / "rejects.jsonl"
        with RejectSink(rejects_path) as sink:
            writer = GraphWriter(driver, settings.neo4j.database, batch_size=7)
            report = load_paths(fmt, [path], writer, sink)
        lines = [json.loads(line) for line in rejects_path.read_text().splitlines()]
        rejects = [r for r in lines if not r["kept"]]
        # Unknown codes kept as-is: reported beside the rejections, never counted as one.
        kept = [r for r in lines if r["kept"]]
        assert len(kept) == sink.kept == report.warnings
        warned = ("unknown value kept as-is", "unknown value left out", "number kept unvalidated")
        assert all(r["reason"].startswith(warned) for r in kept)

        assert report.read == len(expected) == report.loaded + report.rejected
        assert len(rejects) == sink.count  # one line per rejection
        rejected_lines = {r["line"] for r in rejects}
        assert len(rejected_lines) == report.rejected  # every rejected record, once or more
        for reject in rejects:
            assert reject["reason"].strip() and reject["file"] == name
            assert reject["format"] == fmt.name
            line = reject["line"]
            expect: Expect = expected[line]
            if lengths[line] > OVERSIZED:
                assert "can be indexed" in reject["reason"]
            else:
                assert expect != "good", f"good line {line} rejected: {reject['reason']}"
        bad = {line for line, expect in expected.items() if expect in ("bad", "dangling")}
        oversized = {line for line, size in lengths.items() if size > OVERSIZED}
        assert bad | oversized <= rejected_lines

        good = {line for line, e in expected.items() if e == "good" and line not in oversized}
        node_keys, link_keys = _keys(fmt, path, good)
        assert node_keys, "no good record made a node"
        found = _found(driver, "MATCH (n) WHERE n.key IN $keys RETURN n.key AS k", node_keys)
        assert found == node_keys
        query = "MATCH ()-[r]->() WHERE r.key IN $keys RETURN r.key AS k"
        assert _found(driver, query, link_keys) == link_keys


@DB_FUZZ
@given(items=ftm_items(size=15), wrapping=WRAPPING)
def test_fuzzed_ftm_loads(
    driver: Driver, settings: Settings, items: list[Item], wrapping: dict[str, Any]
) -> None:
    _check_load(driver, settings, ftm.FORMAT, items, wrapping)


@DB_FUZZ
@given(items=bods_items(size=15), wrapping=WRAPPING)
def test_fuzzed_bods_loads(
    driver: Driver, settings: Settings, items: list[Item], wrapping: dict[str, Any]
) -> None:
    _check_load(driver, settings, bods.FORMAT, items, wrapping)


@DB_FUZZ
@given(items=bodacc_items(size=15), wrapping=WRAPPING)
def test_fuzzed_bodacc_loads(
    driver: Driver, settings: Settings, items: list[Item], wrapping: dict[str, Any]
) -> None:
    _check_load(driver, settings, bodacc.FORMAT, items, wrapping)


@DB_FUZZ
@given(items=psc_items(size=15).filter(lambda items: len(items) > 1), wrapping=WRAPPING)
def test_fuzzed_ch_psc_loads(  # two lines or more: one line is read as one document
    driver: Driver, settings: Settings, items: list[Item], wrapping: dict[str, Any]
) -> None:
    _check_load(driver, settings, psc_snapshot.FORMAT, items, wrapping)
