"""Neo4j stopped in the middle of a load: the loader stops with a clear message and a non-zero
exit; run again once Neo4j is back, it ends with exactly the graph of one uninterrupted load.

Uses its own throw-away Neo4j (own data dir, free port) so stopping it disturbs no other test.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from neo4j import Driver, GraphDatabase

from graph_schema.settings import Settings
from graphapi.neo4j_local import server as neo4j_local
from tests.conftest import clear_graph
from tests.graph.graph_hash import graph_digest
from tests.graph.loaders.bulk_files import write_ftm

DUEGRAPH = Path(sys.executable).parent / "duegraph"
RECORDS = 24_000  # 9,600 entities: a dozen batches, enough to stop mid-file


def _load(settings: Settings, path: Path, rejects: Path) -> subprocess.Popen[str]:
    # 2,000 records per batch (not the default): a dozen batches, so the outage lands mid-file.
    command = [str(DUEGRAPH), "load", "ftm", str(path), "--batch-size", "2000"]
    command += ["--rejects", str(rejects), "--quiet"]
    env = {**os.environ, "NEO4J_URI": settings.neo4j.uri}
    return subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _entities(driver: Driver) -> int:
    records = driver.execute_query("MATCH (n:Entity) RETURN count(n) AS c").records
    return int(records[0]["c"])


def _complete(settings: Settings, path: Path, rejects: Path) -> str:
    proc = _load(settings, path, rejects)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    return out


@pytest.mark.slow
def test_neo4j_stopped_mid_load_then_rerun_equals_a_clean_load(
    spare: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "bulk.ftm.jsonl"
    lines = write_ftm(path, RECORDS)
    rejects = tmp_path / "rejects.jsonl"
    database = spare.neo4j.database
    neo4j_local.start(spare)

    proc = _load(spare, path, rejects)
    try:
        with GraphDatabase.driver(spare.neo4j.uri, auth=None) as driver:
            deadline = time.monotonic() + 180
            while _entities(driver) < 4000:  # of 9,600: well into the file
                assert proc.poll() is None, "the load finished before Neo4j could be stopped"
                assert time.monotonic() < deadline, "no batch reached the graph in 180 s"
                time.sleep(0.1)
            at_stop = _entities(driver)
        assert neo4j_local.stop(spare)  # the database goes away under the running load
        out, err = proc.communicate(timeout=180)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
    assert proc.returncode == 1, (out, err)
    assert "Neo4j went away during the load" in err, err
    assert "run the same command again" in err
    assert "Traceback" not in err  # a message for a person, not a stack trace

    neo4j_local.start(spare)
    resumed_out = _complete(spare, path, rejects)
    with GraphDatabase.driver(spare.neo4j.uri, auth=None) as driver:
        resumed = graph_digest(driver, database)
        clear_graph(driver, database)
        clean_out = _complete(spare, path, rejects)
        clean = graph_digest(driver, database)

    print(f"\nstopped at {at_stop} entities; resumed: {resumed_out.strip()}")  # pytest -s
    expected_read = f"read {lines}, loaded {lines}, rejected 0"
    assert expected_read in resumed_out and expected_read in clean_out
    assert 0 < at_stop < clean.nodes["Company:Entity"] + clean.nodes["Entity:Person"]
    assert resumed.nodes == clean.nodes and resumed.relationships == clean.relationships
    assert resumed.content == clean.content, (resumed.describe(), clean.describe())
