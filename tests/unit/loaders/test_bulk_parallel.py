"""Parallel parsing for bulk-import: the same import files, byte for byte, and the same
rejections in the same order, as one process. No database."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from loaders.bulk import prepare_import, shards
from loaders.formats import Format, registry
from loaders.rejects import RejectSink
from loaders.synthetic import generate

NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Format, Path]]:
    root = tmp_path_factory.mktemp("world")
    generate(companies=300, seed=23, out=root)
    # A broken document in one company folder and a bad BODS line: rejected on both paths.
    folders = sorted((root / "companies-house").iterdir())
    (folders[len(folders) // 2] / "officers.json").write_text("{broken", encoding="utf-8")
    with (root / "bods" / "ownership.jsonl").open("a", encoding="utf-8") as fh:
        fh.write('{"statementType": 7}\n')
    formats = registry()
    return [
        (formats["ch-api"], root / "companies-house"),
        (formats["bods"], root / "bods" / "ownership.jsonl"),
        (formats["ch-disqualified"], root / "companies-house-disqualified"),
    ]


def _prepare(world: list[tuple[Format, Path]], out: Path, workers: int) -> tuple[Path, Path]:
    with RejectSink(out / "rejects.jsonl") as rejects:
        report = prepare_import(world, out / "work", rejects, NOW, workers=workers)
    assert report.loaded + report.rejected == report.total_read
    return out / "work" / "csv", out / "rejects.jsonl"


def test_two_workers_write_the_same_files_as_one(
    world: list[tuple[Format, Path]], tmp_path: Path
) -> None:
    one_csv, one_rejects = _prepare(world, tmp_path / "one", workers=1)
    two_csv, two_rejects = _prepare(world, tmp_path / "two", workers=2)
    names = sorted(p.name for p in one_csv.iterdir())
    assert names == sorted(p.name for p in two_csv.iterdir())
    assert "nodes-Company.csv" in names and "rels-OWNS.csv" in names
    for name in names:
        assert (one_csv / name).read_bytes() == (two_csv / name).read_bytes(), name
    rejected = [json.loads(line) for line in one_rejects.read_text().splitlines()]
    assert {r["format"] for r in rejected} == {"ch-api", "bods"}
    assert two_rejects.read_text() == one_rejects.read_text()
    # Worker stages and rejects are folded in and removed.
    assert sorted(p.name for p in (tmp_path / "two" / "work").iterdir()) == ["csv"]


def test_only_folders_of_independent_entries_are_cut(world: list[tuple[Format, Path]]) -> None:
    plan = shards(world, workers=2)
    ch_api = [s for s in plan if s.format == "ch-api"]
    entries = sorted(world[0][1].iterdir())
    assert len(ch_api) == 8  # four runs per worker
    assert [p for s in ch_api for p in s.paths] == entries  # contiguous, in order, complete
    assert [(s.format, s.paths) for s in plan[len(ch_api) :]] == [
        ("bods", (world[1][1],)),
        ("ch-disqualified", (world[2][1],)),
    ]
    assert [s.index for s in plan] == list(range(len(plan)))
    assert len(shards(world, workers=1)) == 3  # one process: the inputs as given
