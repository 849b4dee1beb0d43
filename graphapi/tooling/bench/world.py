"""The benchmark's world: scales, its own Neo4j, and the synthetic registry it loads.

The benchmark never touches the user's database: it runs a private server in its own data
directory on its own Bolt port, and wipes that store between the baseline and our loaders.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from graph_schema.settings import Neo4jSettings, Settings
from graphapi.neo4j_local import server as neo4j_local


@dataclass(frozen=True)
class Scale:
    name: str
    companies: int
    samples: int  # query samples per kind
    throughput_requests: int  # company lookups per concurrency level (upper bound)
    throughput_seconds: float  # and a time bound per level
    batch_rows: int  # clients in the batch ubo-check file
    # Years of yearly filings kept for background companies; None: all since incorporation.
    history_years: int | None = None
    # Filings in the generated Companies House bulk accounts zip `duegraph load ch-accounts`
    # reads (issue 22 sizes it at 100,000; small keeps the whole benchmark within five minutes).
    accounts_filings: int = 0


SCALES: dict[str, Scale] = {
    # "tiny" exists for the CI smoke test: every figure, in about a minute.
    "tiny": Scale("tiny", 300, 20, 200, 3.0, 200, accounts_filings=500),
    "small": Scale("small", 10_000, 200, 3_000, 10.0, 10_000, accounts_filings=2_000),
    "medium": Scale("medium", 200_000, 1_000, 10_000, 20.0, 10_000, accounts_filings=100_000),
    # The issue sizes large at ~2M persons and ~5M relationships: a registry snapshot with
    # the last year's filings, not 20 years of accounts per company (about 29M relationships).
    "large": Scale(
        "large", 1_000_000, 1_000, 10_000, 30.0, 10_000, history_years=1, accounts_filings=100_000
    ),
}

# (format, path under the generated world), in the order a user would load them.
LOADS: tuple[tuple[str, str], ...] = (
    ("ch-api", "companies-house"),
    ("bods", "bods/ownership.jsonl"),
    ("ch-disqualified", "companies-house-disqualified"),
)


def world_mismatch(path: Path, companies: int, seed: int, history_years: int) -> str | None:
    """Why the generated world at `path` is not the one asked for (None: it is, and complete).

    The generator writes world.json once every registry file is written, so its presence
    means the files are whole."""
    manifest_file = path / "world.json"
    try:
        manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return f"{manifest_file} is missing (an unfinished or foreign world)"
    except (OSError, ValueError) as exc:
        return f"{manifest_file} is unreadable: {exc}"
    found = tuple(
        manifest.get(k) for k in ("companies", "seed", "background_history_years", "version")
    )
    wanted = (companies, seed, history_years, 1)
    if found != wanted:
        return (
            f"{path} holds companies/seed/history years/version {found}, the benchmark "
            f"needs {wanted}"
        )
    return None


def bench_settings(data_dir: Path, bolt_port: int, heap_mb: int, pagecache_mb: int) -> Settings:
    # An explicit URI: NEO4J_URI in the environment must not redirect us to another server.
    return Settings(
        data_dir=data_dir,
        bolt_port=bolt_port,
        neo4j_heap_mb=heap_mb,
        neo4j_pagecache_mb=pagecache_mb,
        neo4j=Neo4jSettings(uri=f"bolt://127.0.0.1:{bolt_port}", database="neo4j"),
    )


def import_dir(settings: Settings) -> Path:
    """Where LOAD CSV files go. The embedded launcher does not confine `file:///` URLs to an
    import root, so absolute file URLs into this folder work (see csv_url)."""
    path = settings.data_dir.resolve() / "home" / "import"
    path.mkdir(parents=True, exist_ok=True)
    return path


def csv_url(path: Path) -> str:
    return path.resolve().as_uri()


def wipe_store(settings: Settings) -> None:
    """Stop the private server, delete its store (fast at any size), start it again empty."""
    neo4j_local.stop(settings)
    shutil.rmtree(settings.data_dir.resolve() / "home" / "data", ignore_errors=True)
    neo4j_local.start(settings)


@contextmanager
def private_neo4j(settings: Settings, keep: bool) -> Iterator[Settings]:
    """A fresh store for this run; stopped (and deleted unless `keep`) afterwards."""
    if neo4j_local.status(settings).running:
        neo4j_local.stop(settings)
    shutil.rmtree(settings.data_dir.resolve() / "home" / "data", ignore_errors=True)
    neo4j_local.start(settings)
    try:
        yield settings
    finally:
        neo4j_local.stop(settings)
        if not keep:
            shutil.rmtree(settings.data_dir.resolve() / "home", ignore_errors=True)


def neo4j_version(settings: Settings) -> str:
    from neo4j import GraphDatabase

    from graphapi.tooling.bench.cypher import COMPONENTS

    with GraphDatabase.driver(settings.neo4j.uri) as driver:
        records, _, _ = driver.execute_query(COMPONENTS, database_=settings.neo4j.database)
    return f"{records[0]['version']} {records[0]['edition']}" if records else "unknown"
