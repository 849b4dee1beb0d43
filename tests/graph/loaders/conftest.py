"""A throw-away Neo4j of a test's own (own data dir, free port): for tests that stop the server
under a running load, or replace its store offline, without disturbing the shared one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph_schema.settings import Neo4jSettings, Settings
from graphapi.neo4j_local import server as neo4j_local
from graphapi.tooling.local_server import free_port


@pytest.fixture
def spare(tmp_path: Path) -> Iterator[Settings]:
    """Settings of a private server, not started (a bulk import needs it stopped); whatever
    the test started is stopped afterwards."""
    port = free_port()
    settings = Settings(
        data_dir=tmp_path / "spare-db",
        bolt_port=port,
        neo4j_heap_mb=512,
        neo4j_pagecache_mb=64,
        neo4j=Neo4jSettings(uri=f"bolt://127.0.0.1:{port}"),
    )
    try:
        yield settings
    finally:
        neo4j_local.stop(settings)
