"""Fixtures shared by the loader unit tests (no database)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphapi.tooling.synthetic import generate
from loaders.contract import Format
from loaders.formats import registry


@pytest.fixture(scope="module")
def world_with_rejects(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Format, Path]]:
    """A generated world as (format, path) inputs (shareholdings from its FtM file), with one
    broken document in a company folder and one bad BODS line: rejected records, so that both
    sides of a comparison must leave out the same ones."""
    root = tmp_path_factory.mktemp("world")
    generate(companies=300, seed=23, out=root)
    folders = sorted((root / "companies-house").iterdir())
    (folders[len(folders) // 2] / "officers.json").write_text("{broken", encoding="utf-8")
    with (root / "bods" / "ownership.jsonl").open("a", encoding="utf-8") as fh:
        fh.write('{"statementType": 7}\n')
    formats = registry()
    return [
        (formats["ch-api"], root / "companies-house"),
        (formats["bods"], root / "bods" / "ownership.jsonl"),
        (formats["ch-disqualified"], root / "companies-house-disqualified"),
        (formats["ftm"], root / "ftm" / "shareholders.jsonl"),
    ]
