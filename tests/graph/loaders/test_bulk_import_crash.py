"""A `duegraph bulk-import` killed in any phase, then the same command run again, makes the same
graph; the importer never writes the server's store before its own import is complete; what a
run cannot carry on is refused with the step to take.

Each run is killed with SIGKILL on its whole process group (the parse workers and the importer
JVM with it; no cleanup runs) by the command's hidden `--test-kill-at PHASE[:SECONDS]` hook:
as PHASE starts, or SECONDS into it. The runs follow each other like a user who runs the same
command again after each crash, from listing the inputs to building the schema, so every state
a kill leaves behind is the starting point of the next run. The last run completes, and its
graph has the content digest of a transactional load of the same files.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from neo4j import Driver, GraphDatabase

from graph_schema.errors import DuegraphError
from graph_schema.settings import Settings
from graphapi.cli.bulk import parse_inputs, run_bulk_import
from graphapi.neo4j_local import admin_import
from graphapi.neo4j_local import server as neo4j_local
from graphapi.tooling.synthetic import generate
from loaders.bulk.prepare import prepare_import
from loaders.formats import registry
from loaders.rejects import RejectSink
from loaders.write.pipeline import load_paths
from loaders.write.writer import GraphWriter
from tests.graph.graph_hash import graph_digest

pytestmark = pytest.mark.slow

DUEGRAPH = Path(sys.executable).parent / "duegraph"

# Every phase of a run, in order; SECONDS puts the kill inside phases long enough to hold it.
KILLS = (
    "listing",
    "parse:0.5",
    "merge",
    "files:0.3",
    "neo4j-admin:2.0",
    "install transactions",  # the store's files moved in, its transaction logs not yet
    "start:1.0",  # the server is booting
    "schema",  # the server answers, no constraint built yet
)
# Until its store is moved in, a run leaves the server's store exactly as it was.
BEFORE_INSTALL = ("listing", "parse", "merge", "files", "neo4j-admin")


@pytest.fixture
def specs(tmp_path: Path) -> list[str]:
    root = tmp_path / "world"
    generate(companies=300, seed=11, out=root)
    bods = root / "bods" / "ownership.jsonl"
    with bods.open("a", encoding="utf-8") as fh:
        fh.write("{this line is not JSON\n")  # one rejection, to follow through the crashes
    return [
        f"ch-api={root / 'companies-house'}",
        f"bods={bods}",
        f"ch-disqualified={root / 'companies-house-disqualified'}",
    ]


def _command(spare: Settings, specs: list[str], work: Path, rejects: Path) -> list[str]:
    cmd = [str(DUEGRAPH), "bulk-import", *specs, "--overwrite", "--quiet", "--workers", "2"]
    return cmd + [
        "--data-dir",
        str(spare.data_dir),
        "--work-dir",
        str(work),
        "--rejects",
        str(rejects),
    ]


def _run(cmd: list[str], spare: Settings) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DUEGRAPH_BOLT_PORT": str(spare.bolt_port),
        "DUEGRAPH_NEO4J_HEAP_MB": str(spare.neo4j_heap_mb),
        "DUEGRAPH_NEO4J_PAGECACHE_MB": str(spare.neo4j_pagecache_mb),
        "NEO4J_URI": spare.neo4j.uri,
    }
    # Its own session: the kill hook takes its process group down, never pytest's.
    return subprocess.run(
        cmd, env=env, capture_output=True, text=True, timeout=300, start_new_session=True
    )


def _store_files(spare: Settings) -> dict[str, tuple[int, int]]:
    """Every file of the server's store (store files and transaction logs): size and mtime."""
    data = admin_import.home_dir(spare) / "data"
    out = {}
    for part in admin_import.STORE_PARTS:
        root = data / part / spare.neo4j.database
        for path in sorted(root.rglob("*")):
            if path.is_file():
                stat = path.stat()
                out[str(path.relative_to(data))] = (stat.st_size, stat.st_mtime_ns)
    return out


def _mtimes(folder: Path) -> dict[str, int]:
    return {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}


def _old_store(spare: Settings, specs: list[str], work: Path) -> None:
    """A store already in place (the disqualified officers only), never opened since: what
    `--overwrite` replaces."""
    inputs = parse_inputs(specs[2:], registry())
    with RejectSink(None) as rejects:
        report = prepare_import(inputs, work, rejects, datetime.now(UTC))
    admin_import.import_full(spare, report.files.arguments(), work / "import.report")
    assert admin_import.install_import(spare)


def _reference(graph: Driver, settings: Settings, specs: list[str]) -> str:
    with RejectSink(None) as rejects:
        for fmt, path in parse_inputs(specs, registry()):
            load_paths(fmt, [path], GraphWriter(graph, settings.neo4j.database), rejects)
    return graph_digest(graph, settings.neo4j.database).content


def test_a_bulk_import_killed_in_every_phase_is_carried_on_by_the_same_command(
    graph: Driver, settings: Settings, spare: Settings, specs: list[str], tmp_path: Path
) -> None:
    expected = _reference(graph, settings, specs)
    work, rejects = tmp_path / "work", tmp_path / "rejects.jsonl"
    _old_store(spare, specs, tmp_path / "old-work")
    old = _store_files(spare)
    assert old
    command = _command(spare, specs, work, rejects)
    complete_files: dict[str, int] = {}

    for kill in KILLS:
        phase = kill.partition(":")[0]
        done = _run([*command, "--test-kill-at", kill], spare)
        assert done.returncode == -signal.SIGKILL, (kill, done.returncode, done.stderr[-3000:])
        if phase in BEFORE_INSTALL:
            assert _store_files(spare) == old, f"the server's store changed before {phase}"
        if phase == "neo4j-admin":
            assert admin_import.import_home(spare).exists()  # it imports beside the server's
            complete_files = _mtimes(work / "csv")
        if phase == "install transactions":
            # The import files were complete when neo4j-admin was killed: reused, not rewritten.
            assert _mtimes(work / "csv") == complete_files
            assert not neo4j_local.status(spare).running
            # Another command (other inputs, no --overwrite) first finishes moving the complete
            # store in, then refuses to replace a graph it did not make, naming both ways out.
            with pytest.raises(DuegraphError, match="Run that command again to finish it"):
                other = parse_inputs(specs[:1], registry())
                run_bulk_import(spare, other, tmp_path / "other", None, overwrite=False)
            assert not admin_import.import_home(spare).exists()
        if phase == "schema":
            assert neo4j_local.status(spare).answering  # left running by the killed run

    done = _run(command, spare)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "carried on an interrupted bulk import from its schema phase" in done.stdout
    with GraphDatabase.driver(spare.neo4j.uri) as driver:
        imported = graph_digest(driver, spare.neo4j.database)
        constraints = driver.execute_query("SHOW CONSTRAINTS").records
    assert imported.content == expected, imported.describe()
    assert constraints  # the schema was built
    [bad] = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert bad["format"] == "bods"
    # Nothing of the interrupted runs is left behind.
    assert not (work / "csv").exists() and not (work / "bulk-import.json").exists()
    assert not admin_import.import_home(spare).exists()

    # A completed import is never "carried on": the same command again imports afresh (the
    # running server refused first, as for any bulk import).
    with pytest.raises(DuegraphError, match="Stop it first"):
        run_bulk_import(spare, parse_inputs(specs, registry()), work, rejects, overwrite=True)
