"""Shared fixtures: one real Neo4j per test session (the project's own), an empty graph per test.

The test server has its own data dir and port so that running the tests never touches the
demo database. Nothing here mocks Neo4j.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver

from graph_schema.constraints import apply_schema
from graph_schema.db import open_driver
from graph_schema.settings import Settings
from graphapi.neo4j_local import server as neo4j_local
from tests.availability import unavailable

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def settings() -> Settings:
    port = int(os.environ.get("DUEGRAPH_TEST_BOLT_PORT", "7688"))
    return Settings(
        data_dir=REPO / ".duegraph" / f"test-neo4j-{port}",
        bolt_port=port,
        neo4j_heap_mb=int(os.environ.get("DUEGRAPH_TEST_HEAP_MB", "2048")),
        neo4j_pagecache_mb=512,
    )


@pytest.fixture(scope="session")
def neo4j_server(settings: Settings) -> Iterator[Settings]:
    """Start the project's Neo4j once per session; stop it after if we started it."""
    _, started = neo4j_local.start(settings)
    try:
        yield settings
    finally:
        if started:
            neo4j_local.stop(settings)


@pytest.fixture(scope="session")
def driver(neo4j_server: Settings) -> Iterator[Driver]:
    drv = open_driver(neo4j_server.neo4j)
    apply_schema(drv, neo4j_server.neo4j.database)
    try:
        yield drv
    finally:
        drv.close()


def clear_graph(driver: Driver, database: str) -> None:
    # CALL … IN TRANSACTIONS only runs in an auto-commit transaction, hence session.run.
    with driver.session(database=database) as session:
        session.run(
            "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()


@pytest.fixture
def graph(driver: Driver, settings: Settings) -> Driver:
    """An empty graph with the schema applied."""
    clear_graph(driver, settings.neo4j.database)
    apply_schema(driver, settings.neo4j.database)
    return driver


@pytest.fixture(scope="session")
def datasets_dir() -> Path:
    """The real registry samples; missing under CI is a failure, not a skip."""
    path = Path(os.environ.get("DUEGRAPH_DATASETS_DIR", str(REPO.parent / "shared" / "datasets")))
    if not path.is_dir():
        unavailable(f"registry samples not found at {path} (set DUEGRAPH_DATASETS_DIR)")
    return path


# Fixtures that start a Neo4j (the shared test server, or a private one). Every fixture that
# reaches the database depends on one of them (driver and graph on neo4j_server), so a test
# whose fixture closure holds one is marked `neo4j`; `-m "not neo4j"` then runs without Java.
DATABASE_FIXTURES = frozenset({"neo4j_server", "spare"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & DATABASE_FIXTURES:
            item.add_marker(pytest.mark.neo4j)
        if "datasets_dir" in fixtures:
            item.add_marker(pytest.mark.datasets)
