"""The Belgian- and French-shaped worlds (no database): what each registry's files hold, read
back by the project's own loaders; the detection itself is measured in
tests/graph/evaluation/test_regional_evaluation.py."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from graph_schema.edges import Directorship
from graph_schema.events import EventKind, is_insolvency
from graph_schema.nodes import DisqualificationRecord, EventRecord, PersonRecord, Record
from graphapi.cli.evaluate import evaluate_command
from graphapi.cli.generate import generate_command
from graphapi.tooling.synthetic.regional import FOLDERS, SCORED, generate_regional
from loaders.contract import Parsed
from loaders.formats import registry
from loaders.rejects import Rejection
from loaders.source import ByteCounter
from tests.cli import invoke

COMPANIES = 200


def _read(world: Path, country: str) -> tuple[dict[str, list[Record]], list[Rejection]]:
    """Every record of the world by format, and every rejection, through the loaders."""
    formats = registry()
    records: dict[str, list[Record]] = {}
    rejected: list[Rejection] = []
    for fmt, folder in FOLDERS[country]:
        records[fmt] = []
        for item in formats[fmt].parse(world / folder, ByteCounter()):
            if isinstance(item, Parsed):
                records[fmt].extend(item.records)
            else:
                rejected.append(item)
    return records, rejected


@pytest.fixture(scope="module", params=["be", "fr"])
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp(request.param) / "world"
    generate_regional(request.param, COMPANIES, 11, out)
    return out


def _truth(world: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((world / "ground_truth.json").read_text())
    return data


def test_same_seed_same_bytes(world: Path, tmp_path: Path) -> None:
    country = str(_truth(world)["jurisdiction"])
    again = tmp_path / "again"
    generate_regional(country, COMPANIES, 11, again)
    files = sorted(p.relative_to(world) for p in world.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    for name in files:
        assert (world / name).read_bytes() == (again / name).read_bytes(), name


def test_the_loaders_read_every_record_and_insolvencies_are_the_planted_ones(
    world: Path,
) -> None:
    truth = _truth(world)
    country = str(truth["jurisdiction"])
    records, rejected = _read(world, country)
    assert rejected == []
    signals = truth["signals"]
    assert isinstance(signals, dict)
    assert set(signals) == set(SCORED[country])
    insolvent = set(signals["COMPANY_INSOLVENT"]["positives"])
    events = [r for recs in records.values() for r in recs if isinstance(r, EventRecord)]
    found = {e.company for e in events if is_insolvency(e.kind)}
    assert found == insolvent
    if country == "be":
        # Bankruptcies are KBO juridical situations 050, each observed in the update extract of
        # its own day: never in the full set, whose snapshot is five years before as-of.
        assert {e.kind for e in events if e.company in insolvent} == {EventKind.BANKRUPTCY}
        full = next((world / "kbo").glob("*_Full"))
        with (full / "enterprise.csv").open(encoding="utf-8") as fh:
            situations = {row["JuridicalSituation"] for row in csv.DictReader(fh)}
        assert situations == {"000"}
        assert all(e.date is not None and e.date.isoformat() > "2021-06-30" for e in events)
        # The KBO holds no directors: every directorship comes from the FtM file.
        assert not any(isinstance(r, Directorship) for r in records["kbo"])
        assert any(isinstance(r, Directorship) for r in records["ftm"])
    else:
        # Dirigeants come from the RNE with birth month and year; the BODACC's personal bans
        # name a person without one, who is never merged with a dirigeant on the name alone.
        directors = [r for r in records["fr-rne"] if isinstance(r, PersonRecord)]
        assert directors and all(p.birth_year_month for p in directors)
        bans = [r for r in records["bodacc"] if isinstance(r, DisqualificationRecord)]
        assert bans
        assert {b.person for b in bans}.isdisjoint({p.key for p in directors})


def test_evaluate_refuses_an_unknown_jurisdiction() -> None:
    result = invoke(evaluate_command, "--seed", "1", "--jurisdiction", "de")
    assert result.exit_code == 2
    assert "unknown jurisdiction 'de'" in result.output


def test_a_world_too_small_for_its_cases_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least"):
        generate_regional("be", 100, 1, tmp_path)
    with pytest.raises(ValueError, match="no regional world"):
        generate_regional("de", 300, 1, tmp_path)


def test_generate_writes_a_regional_world(tmp_path: Path) -> None:
    args = ["--companies", "220", "--seed", "5", "--out", str(tmp_path), "--jurisdiction", "be"]
    result = invoke(generate_command, *args)
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "ground_truth.json").read_text())["jurisdiction"] == "be"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "bods",
        "ftm",
        "ground_truth.json",
        "kbo",
        "world.json",
    ]
