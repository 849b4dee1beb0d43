"""Parallel parsing for bulk-import: the same import files, byte for byte, and the same
rejections in the same order, as one process. No database."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from loaders.bulk.prepare import prepare_import, shards
from loaders.contract import Format
from loaders.rejects import RejectSink
from loaders.write.pipeline import total_bytes

NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def world(world_with_rejects: list[tuple[Format, Path]]) -> list[tuple[Format, Path]]:
    return world_with_rejects


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
    assert [p for s in ch_api for p in s.paths()] == entries  # contiguous, in order, complete
    assert [(s.format, list(s.paths())) for s in plan[len(ch_api) :]] == [
        ("bods", [world[1][1]]),
        ("ch-disqualified", [world[2][1]]),
        ("ftm", [world[3][1]]),
    ]
    # Run sizes are estimated from a sample; together they are close to the folder's size.
    folder = total_bytes([world[0][1]])
    assert abs(sum(s.size for s in ch_api) - folder) < folder * 0.25
    assert [s.index for s in plan] == list(range(len(plan)))
    assert len(shards(world, workers=1)) == 4  # one process: the inputs as given


def test_an_empty_folder_is_no_shard(world: list[tuple[Format, Path]], tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    plan = shards([(world[0][0], empty), world[1]], workers=2)
    assert [(s.format, list(s.paths())) for s in plan] == [("bods", [world[1][1]])]
