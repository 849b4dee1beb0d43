"""One day's updates of a generated world: 1 % of its companies, every kind of change, documents
our Companies House parser reads without a rejection, the same bytes for the same seed; and the
comparison of what `duegraph changes` printed with what was planted."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from graphapi.tooling.bench.daily_bench import compare, parse_changes
from graphapi.tooling.synthetic import generate
from graphapi.tooling.synthetic.daily import KINDS, Day, Planted, write_day
from loaders.contract import Parsed
from loaders.formats import registry
from loaders.rejects import Rejection
from loaders.source import ByteCounter


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("daily") / "world"
    generate(companies=600, seed=5, out=root)
    return root


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.json"))}


def test_a_day_touches_one_percent_with_every_kind_and_parses_cleanly(
    world: Path, tmp_path: Path
) -> None:
    day = write_day(world, tmp_path / "day", seed=3)
    assert day.world_companies == len([p for p in (world / "companies-house").iterdir()])
    assert len(day.changes) == round(day.world_companies / 100)
    assert Counter(c.kind for c in day.changes) == Counter(
        {kind: len(day.changes) // len(KINDS) for kind in KINDS}
    ) + Counter(KINDS[: len(day.changes) % len(KINDS)])
    assert {folder.name for folder in day.folder.iterdir()} == {
        c.company.removeprefix("GB-COH-") for c in day.changes
    }
    manifest = json.loads((tmp_path / "day" / "changes.json").read_text())
    assert manifest["date"] == "2026-07-01" == day.date.isoformat()
    assert [c["company"] for c in manifest["changes"]] == [c.company for c in day.changes]

    fmt = registry()["ch-api"]
    items = list(fmt.parse(day.folder, ByteCounter()))
    rejected = [item for item in items if isinstance(item, Rejection)]
    assert rejected == []
    # The day's facts are in the parsed records: one dated record per touched company at least.
    dated = {
        getattr(record, "company", None) or getattr(record, "dst", None)
        for item in items
        if isinstance(item, Parsed)
        for record in item.records
        if day.date in (getattr(record, "date", None), getattr(record, "start", None),
                        getattr(record, "end", None))
    }  # fmt: skip
    assert set(day.companies) <= dated

    again = write_day(world, tmp_path / "again", seed=3)
    assert _files(day.folder) == _files(again.folder)
    other = write_day(world, tmp_path / "other", seed=4)
    assert other.companies != day.companies


def test_a_psc_change_ceases_a_current_controller_and_notifies_a_new_one(
    world: Path, tmp_path: Path
) -> None:
    day = write_day(world, tmp_path / "day", seed=3)
    [change, *_] = [c for c in day.changes if c.kind == "psc-change"]
    number = change.company.removeprefix("GB-COH-")
    before = json.loads((world / "companies-house" / number /
                         "persons-with-significant-control.json").read_text())  # fmt: skip
    after = json.loads((day.folder / number / "persons-with-significant-control.json").read_text())
    assert len(after["items"]) == len(before["items"]) + 1
    new = [i for i in after["items"] if i.get("notified_on") == "2026-07-01"]
    ceased = [i for i in after["items"] if i.get("ceased_on") == "2026-07-01"]
    assert len(new) == 1
    assert ("CONTROLLER_ENDED" in change.reported) == (len(ceased) == 1)


OUTPUT = """\
row 2: GB-COH-1 = GB-COH-1 ALPHA LTD (rating 5 -> 5): 1 change(s)
  DIRECTOR_APPOINTED 2026-07-01: Oliver RAHMAN: director from 2026-07-01
row 3: GB-COH-2 = GB-COH-2 BETA LTD (rating 3 -> 2): 3 change(s)
  CONTROLLER_ADDED 2026-07-01: Priya PEMBERTON: declared bo of from 2026-07-01
  NEW_SIGNAL: something
  RELATED_INSOLVENCY 2026-07-01: GAMMA LTD (...), a company of X
row 4: GB-COH-3 = GB-COH-3 DELTA LTD (rating 1 -> 1): no changes
row 5: GB-COH-4 = GB-COH-4 EPSILON LTD (rating 1 -> 1): 1 change(s)
  DIRECTOR_CHANGED: Someone: director details changed
3 client(s) checked, 2 with changes, 0 row(s) not checked
"""


def test_parse_and_compare_count_planted_missing_and_spurious_changes() -> None:
    reported = parse_changes(OUTPUT)
    assert reported["GB-COH-2"] == {"CONTROLLER_ADDED", "NEW_SIGNAL", "RELATED_INSOLVENCY"}
    assert reported["GB-COH-3"] == set()
    day = Day(
        Path("unused"),
        date(2026, 7, 1),
        400,
        [
            Planted("GB-COH-1", "new-officer", ("DIRECTOR_APPOINTED",), ""),
            Planted("GB-COH-2", "psc-change", ("CONTROLLER_ADDED", "CONTROLLER_ENDED"), ""),
            Planted("GB-COH-3", "filing", (), ""),
            Planted("GB-COH-9", "insolvency", ("INSOLVENCY",), ""),  # not in the output
        ],
    )
    figures = compare(day, reported, controls=["GB-COH-4"])
    assert (figures.planted, figures.found, figures.touched, figures.controls) == (4, 2, 4, 1)
    # Derived kinds (signals, other companies' insolvencies) are not compared.
    assert figures.missing == ["GB-COH-2: CONTROLLER_ENDED", "GB-COH-9: not in the report"]
    assert figures.spurious == ["GB-COH-4: DIRECTOR_CHANGED"]
