"""`duegraph bench --world DIR` reuses a generated world only when it is the one the scale needs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer

from graphapi.cli.bench import prepare_world
from graphapi.tooling.bench import world
from graphapi.tooling.bench.report import Report, markdown

SCALE = world.Scale("tiny", 300, 5, 30, 1.0, 50, history_years=2)


def _truth(path: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((path / "ground_truth.json").read_text())
    return data


def test_a_missing_world_is_generated_there_then_reused_as_it_is(tmp_path: Path) -> None:
    reuse = tmp_path / "kept-world"
    first = prepare_world(SCALE, 7, tmp_path / "work", reuse)
    assert first == reuse
    truth = _truth(reuse)
    assert truth["seed"] == 7 and truth["background_history_years"] == 2
    manifest = json.loads((reuse / "world.json").read_text())
    assert manifest == {
        "companies": 300,
        "seed": 7,
        "as_of": "2026-06-30",
        "version": 1,
        "background_history_years": 2,
        "accounts": False,  # the benchmark loads a bulk accounts zip of its own
    }
    assert not (reuse / "ch-accounts").exists()
    stamp = (reuse / "world.json").stat().st_mtime_ns
    # The second run loads the same files: nothing is regenerated.
    assert prepare_world(SCALE, 7, tmp_path / "work", reuse) == reuse
    assert (reuse / "world.json").stat().st_mtime_ns == stamp
    assert world.world_mismatch(reuse, 300, 7, 2) is None


@pytest.mark.parametrize(
    ("companies", "seed", "history", "word"),
    [(301, 7, 2, "301"), (300, 8, 2, "8"), (300, 7, 40, "40")],
)
def test_another_world_is_refused_not_overwritten(
    tmp_path: Path, companies: int, seed: int, history: int, word: str
) -> None:
    reuse = tmp_path / "w"
    prepare_world(SCALE, 7, tmp_path / "work", reuse)
    reason = world.world_mismatch(reuse, companies, seed, history)
    assert reason is not None and word in reason
    other = world.Scale("tiny", companies, 5, 30, 1.0, 50, history_years=history)
    with pytest.raises(typer.BadParameter, match="needs"):
        prepare_world(other, seed, tmp_path / "work", reuse)
    assert _truth(reuse)["seed"] == 7  # still the first world


def test_an_unfinished_world_is_refused(tmp_path: Path) -> None:
    (tmp_path / "w" / "companies-house").mkdir(parents=True)
    reason = world.world_mismatch(tmp_path / "w", 300, 7, 2)
    assert reason is not None and "world.json is missing" in reason
    (tmp_path / "w" / "world.json").write_text("{not json")
    assert "unreadable" in (world.world_mismatch(tmp_path / "w", 300, 7, 2) or "")


def test_the_report_heading_says_how_much_history_the_world_has() -> None:
    assert markdown(Report("large", 1_000_000, "5.26", 2, 5000, history_years=1)).startswith(
        "### Scale `large`: 1,000,000 companies (background companies: filings of the last year)"
    )
    assert markdown(Report("small", 10_000, "5.26", 2, 5000)).startswith(
        "### Scale `small`: 10,000 companies\n"
    )
