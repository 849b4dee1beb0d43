"""The bulk-import journal reuses import files only for the same command on unchanged inputs,
and moving an imported store in can be interrupted between any two steps and finished."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from graph_schema.settings import Settings
from graphapi.neo4j_local import admin_import
from loaders.bulk import journal
from loaders.bulk.csv_files import ImportFiles
from loaders.bulk.prepare import BulkReport
from loaders.contract import Format
from loaders.formats import registry


@pytest.fixture
def inputs(tmp_path: Path) -> list[tuple[Format, Path]]:
    folder = tmp_path / "ch"
    folder.mkdir()
    (folder / "00000001").mkdir()
    bods = tmp_path / "bods.jsonl"
    bods.write_text("{}\n")
    formats = registry()
    return [(formats["ch-api"], folder), (formats["bods"], bods)]


def _complete(work: Path, inputs: list[object]) -> BulkReport:
    csv = work / "csv"
    csv.mkdir(parents=True)
    (csv / "nodes-Company.csv").write_text(":ID,key\n")
    (csv / "rels-OWNS.csv").write_text(":START_ID,:END_ID\n")
    report = BulkReport(read={"ch-api": 3}, loaded=3, parse_seconds=1.5)
    report.files = ImportFiles(
        nodes={"Company:Entity": csv / "nodes-Company.csv"},
        relationships={"OWNS": [csv / "rels-OWNS.csv"]},
        node_rows=0,
        relationship_rows=0,
    )
    journal.Journal(work).write(
        journal.State(journal.FILES_COMPLETE, inputs, journal.report_json(report))
    )
    return report


def test_complete_files_are_reused_for_the_same_inputs_only(
    inputs: list[tuple[Format, Path]], tmp_path: Path
) -> None:
    work = tmp_path / "work"
    rejects = tmp_path / "rejects.jsonl"
    before = journal.fingerprint(inputs, rejects)
    written = _complete(work, before)
    reused = journal.Journal(work).reusable_files(before)
    assert reused is not None
    assert reused.read == written.read and reused.parse_seconds == written.parse_seconds
    assert reused.files.arguments() == written.files.arguments()

    # Another rejects file, or an input changed since: parse again.
    assert journal.fingerprint(inputs, tmp_path / "other.jsonl") != before
    folder, bods = inputs[0][1], inputs[1][1]
    bods.write_text("{}\n{}\n")
    assert journal.fingerprint(inputs, rejects) != before
    bods.write_text("{}\n")
    os.utime(bods, ns=(0, 0))
    assert journal.fingerprint(inputs, rejects) != before
    (folder / "00000002").mkdir()  # an entry added to a registry folder
    changed = journal.fingerprint(inputs, rejects)
    assert journal.Journal(work).reusable_files(changed) is None


def test_files_of_an_unfinished_phase_or_gone_are_never_reused(
    inputs: list[tuple[Format, Path]], tmp_path: Path
) -> None:
    work = tmp_path / "work"
    fp = journal.fingerprint(inputs, None)
    _complete(work, fp)
    (work / "csv" / "rels-OWNS.csv").unlink()
    assert journal.Journal(work).reusable_files(fp) is None

    journal.Journal(work).write(journal.State("files", fp))  # killed while writing them
    assert journal.Journal(work).reusable_files(fp) is None
    (work / "bulk-import.json").write_text("{not json")
    assert journal.Journal(work).read() is None


def test_scratch_of_an_earlier_run_is_cleared(tmp_path: Path) -> None:
    work = tmp_path / "work"
    (work / "csv").mkdir(parents=True)
    (work / "csv" / "nodes-Company.csv").write_text("x")
    for name in ("stage.sqlite", "stage-3.sqlite", "rejects-3.jsonl", "bulk-import.json"):
        (work / name).write_text("x")
    (work / "notes.txt").write_text("the user's")
    journal.Journal(work).clear_scratch()
    assert sorted(p.name for p in work.iterdir()) == ["notes.txt"]


def _store(root: Path, part: str, content: str) -> None:
    folder = root / "data" / part / "neo4j"
    folder.mkdir(parents=True)
    (folder / "file").write_text(content)


def _content(root: Path, part: str) -> str:
    return (root / "data" / part / "neo4j" / "file").read_text()


def test_an_interrupted_install_is_finished_by_the_next_call(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "db")
    home, new = admin_import.home_dir(settings), admin_import.import_home(settings)
    for part in admin_import.STORE_PARTS:
        _store(home, part, "old")
        _store(new, part, "new")

    class Killed(Exception):
        pass

    def kill_before(part: str) -> None:
        if part == "transactions":
            raise Killed

    with pytest.raises(Killed):
        admin_import.install_import(settings, kill_before)
    assert _content(home, "databases") == "new" and _content(home, "transactions") == "old"

    assert admin_import.install_import(settings)
    assert [_content(home, part) for part in admin_import.STORE_PARTS] == ["new", "new"]
    assert not new.exists() and not (settings.data_dir / "replaced-store").exists()
    assert not admin_import.install_import(settings)  # nothing left to move


def test_an_install_killed_after_moving_the_live_store_aside_finishes(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "db")
    home, new = admin_import.home_dir(settings), admin_import.import_home(settings)
    _store(new, "databases", "new")
    _store(new, "transactions", "new")
    # Killed between the two renames of a part: the live store aside, the new one not in.
    _store(tmp_path / "db" / "replaced-store", "databases", "old")
    assert not (home / "data" / "databases" / "neo4j").exists()
    assert admin_import.install_import(settings)
    assert [_content(home, part) for part in admin_import.STORE_PARTS] == ["new", "new"]
