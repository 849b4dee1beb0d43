"""The LOAD CSV baseline's input (`duegraph bench`): parsing in worker processes writes the
same files, row for row, as one process. No database."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from loaders.bulk.csv_export import export_csv
from loaders.contract import Format


@pytest.fixture(scope="module")
def world(world_with_rejects: list[tuple[Format, Path]]) -> list[tuple[Format, Path]]:
    return world_with_rejects


def test_two_workers_write_the_files_of_one(
    world: list[tuple[Format, Path]], tmp_path: Path
) -> None:
    one = export_csv(world, tmp_path / "one", workers=1)
    two = export_csv(world, tmp_path / "two", workers=2)

    assert one.source_records == two.source_records > 300
    assert one.rows == two.rows
    assert sorted(one.files) == sorted(two.files)
    assert {"Company", "Person", "Identifier", "DIRECTOR_OF", "OWNS"} <= set(one.files)
    for kind, path in one.files.items():
        assert path.read_bytes() == two.files[kind].read_bytes(), kind
        with path.open(encoding="utf-8", newline="") as fh:
            assert sum(1 for _ in csv.DictReader(fh)) == one.rows[kind], kind
    # Only the CSV files are left: the per-shard spills are gone.
    assert sorted(p.name for p in (tmp_path / "two").iterdir()) == sorted(
        p.name for p in two.files.values()
    )
