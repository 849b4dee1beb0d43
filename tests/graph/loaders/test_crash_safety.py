"""A load killed mid-file (SIGKILL: no cleanup, no flush) and simply run again ends with exactly
the graph an uninterrupted load makes: nothing duplicated, nothing half-written, nothing lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from neo4j import Driver

from graph_schema.settings import Settings
from tests.conftest import clear_graph
from tests.graph.graph_hash import graph_digest
from tests.graph.loaders.bulk_files import write_ftm

DUEGRAPH = Path(sys.executable).parent / "duegraph"
RECORDS = 24_000  # 9,600 entities: a dozen batches, enough to stop mid-file


def _command(path: Path, rejects: Path) -> list[str]:
    # 2,000 records per batch (not the default): a dozen batches, so the kill lands mid-file.
    load = [str(DUEGRAPH), "load", "ftm", str(path), "--batch-size", "2000"]
    return [*load, "--rejects", str(rejects), "--quiet"]


def _env(settings: Settings) -> dict[str, str]:
    return {**os.environ, "NEO4J_URI": settings.neo4j.uri}


def _entities(driver: Driver) -> int:
    records = driver.execute_query("MATCH (n:Entity) RETURN count(n) AS c").records
    return int(records[0]["c"])


def _load_to_completion(settings: Settings, path: Path, rejects: Path) -> str:
    done = subprocess.run(
        _command(path, rejects), env=_env(settings), capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _kill_mid_file(driver: Driver, settings: Settings, path: Path, rejects: Path) -> int:
    """Start a load, SIGKILL it once some batches are in the graph; returns entities then."""
    proc = subprocess.Popen(
        _command(path, rejects),
        env=_env(settings),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 180
        while _entities(driver) < 4000:  # of 9,600: well into the file
            assert proc.poll() is None, "the load finished before it could be killed"
            assert time.monotonic() < deadline, "no batch reached the graph in 180 s"
            time.sleep(0.1)
        assert proc.poll() is None, "the load finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    return _entities(driver)


@pytest.mark.slow
def test_a_killed_load_run_again_equals_one_clean_load(
    graph: Driver, settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "bulk.ftm.jsonl"
    lines = write_ftm(path, RECORDS)
    rejects = tmp_path / "rejects.jsonl"

    at_kill = _kill_mid_file(graph, settings, path, rejects)
    resumed_out = _load_to_completion(settings, path, rejects)
    resumed = graph_digest(graph, settings.neo4j.database)

    clear_graph(graph, settings.neo4j.database)
    clean_out = _load_to_completion(settings, path, rejects)
    clean = graph_digest(graph, settings.neo4j.database)

    print(f"\nkilled at {at_kill} entities; resumed: {resumed_out.strip()}")  # pytest -s
    expected_read = f"read {lines}, loaded {lines}, rejected 0"
    assert expected_read in resumed_out and expected_read in clean_out
    entities = clean.nodes["Company:Entity"] + clean.nodes["Entity:Person"]
    assert 0 < at_kill < entities  # the kill really was mid-file
    groups = lines // 5
    assert clean.nodes == {
        "Company:Entity": groups,
        "Entity:Person": groups,
        "Address": groups,
        "Identifier": 2 * groups,  # each company's and person's OpenSanctions id
    }
    assert clean.relationships == {
        "IDENTIFIED_BY": 2 * groups,
        "REGISTERED_AT": groups,
        "DIRECTOR_OF": groups,
        "OWNS": 2 * groups,
    }
    assert resumed.nodes == clean.nodes
    assert resumed.relationships == clean.relationships
    assert resumed.content == clean.content, (resumed.describe(), clean.describe())
