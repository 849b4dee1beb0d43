"""The project-managed server: start/stop/status, idempotent start, clear setup errors."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph_schema.db import connected
from graph_schema.errors import GraphUnavailable, SetupError
from graph_schema.settings import Neo4jSettings, Settings
from graphapi.cli import app
from graphapi.neo4j_local import server as neo4j_local
from graphapi.tooling.local_server import free_port


def _java_pids() -> set[int]:
    pids = set()
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if b"duegraph.Neo4jLocal" in (proc / "cmdline").read_bytes():
                    pids.add(int(proc.name))
            except OSError:
                continue
    return pids


@pytest.fixture
def spare(tmp_path: Path) -> Iterator[Settings]:
    s = Settings(
        data_dir=tmp_path / "db", bolt_port=free_port(), neo4j_heap_mb=512, neo4j_pagecache_mb=64
    )
    yield s
    neo4j_local.stop(s)


def test_start_is_idempotent_and_stop_leaves_no_jvm(spare: Settings) -> None:
    before = _java_pids()
    runner = CliRunner()
    args = ["--data-dir", str(spare.data_dir), "--bolt-port", str(spare.bolt_port)]
    first = runner.invoke(app, ["neo4j", "start", "--heap-mb", "512", *args])
    assert first.exit_code == 0, first.output
    assert "started" in first.output
    pid = neo4j_local.status(spare).pid
    assert pid is not None and pid in _java_pids() - before
    assert (spare.data_dir / "neo4j.pid").read_text() == str(pid)

    second = runner.invoke(app, ["neo4j", "start", *args])
    assert second.exit_code == 0 and "already running" in second.output
    assert neo4j_local.status(spare).pid == pid

    status = runner.invoke(app, ["neo4j", "status", *args])
    assert status.exit_code == 0 and f"pid {pid}" in status.output

    stop = runner.invoke(app, ["neo4j", "stop", *args])
    assert stop.exit_code == 0 and "stopped" in stop.output
    assert pid not in _java_pids()
    assert not (spare.data_dir / "neo4j.pid").exists()
    assert runner.invoke(app, ["neo4j", "status", *args]).exit_code == 1


def test_bolt_listens_on_loopback_only(neo4j_server: Settings) -> None:
    port_hex = f"{neo4j_server.bolt_port:04X}"
    listening = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):  # the JVM may use a dual-stack socket
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and fields[1].endswith(":" + port_hex):  # 0A = LISTEN
                listening.append(fields[1].rsplit(":", 1)[0])
    loopback = {"0100007F", "0000000000000000FFFF00000100007F"}  # 127.0.0.1 (v4 / v4-mapped v6)
    assert listening and set(listening) <= loopback, listening


def test_port_taken_gives_a_clear_error(tmp_path: Path) -> None:
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        port = blocker.getsockname()[1]
        s = Settings(data_dir=tmp_path / "db", bolt_port=port)
        with pytest.raises(SetupError, match=f"Port {port} .* already taken"):
            neo4j_local.start(s)


def test_unreachable_neo4j_gives_a_clear_error() -> None:
    settings = Neo4jSettings(uri=f"bolt://127.0.0.1:{free_port()}")
    with pytest.raises(GraphUnavailable, match="not reachable .*duegraph neo4j start"):
        with connected(settings):
            pass


def test_wrong_password_gives_a_clear_error(spare: Settings) -> None:
    neo4j_local.start(spare, auth=True)
    settings = Neo4jSettings(uri=spare.local_bolt_uri(), user="neo4j", password="wrong")
    with pytest.raises(GraphUnavailable, match="refused the credentials .* NEO4J_PASSWORD"):
        with connected(settings):
            pass


def test_missing_java_or_maven_names_both_alternatives(
    monkeypatch: pytest.MonkeyPatch, spare: Settings
) -> None:
    monkeypatch.setenv("PATH", str(spare.data_dir))  # an empty PATH: no java, no mvn
    os.makedirs(spare.data_dir, exist_ok=True)
    with pytest.raises(SetupError) as info:
        neo4j_local.ensure_built()
    message = info.value.message
    assert "NEO4J_URI" in message and "docker compose up" in message
