"""`duegraph bulk-import` (neo4j-admin database import) makes exactly the graph our transactional
loaders make from the same files, rejects what they reject, and `duegraph load` carries on from
the imported graph without duplicating anything.

The import runs into a throw-away data directory of its own (the importer writes the store
offline); the loader side uses the shared test server.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from neo4j import Driver, GraphDatabase

from graph_schema.errors import DuegraphError
from graph_schema.settings import Settings
from graphapi.cli.bulk import parse_inputs, run_bulk_import
from graphapi.neo4j_local import server as neo4j_local
from graphapi.tooling.synthetic import generate
from loaders.contract import Format
from loaders.formats import registry
from loaders.rejects import RejectSink
from loaders.write.pipeline import load_paths
from loaders.write.writer import GraphWriter
from tests.graph.graph_hash import graph_digest


@pytest.fixture
def world(tmp_path: Path) -> list[tuple[Format, Path]]:
    root = tmp_path / "world"
    generate(companies=300, seed=11, out=root)
    bods = root / "bods" / "ownership.jsonl"
    with bods.open("a", encoding="utf-8") as fh:
        fh.write("{this line is not JSON\n")  # both paths must reject it, with its line
    specs = [
        f"ch-api={root / 'companies-house'}",
        f"bods={bods}",
        f"ch-disqualified={root / 'companies-house-disqualified'}",
    ]
    return parse_inputs(specs, registry())


def test_bulk_import_equals_a_transactional_load_and_loads_continue_on_it(
    graph: Driver,
    settings: Settings,
    spare: Settings,
    world: list[tuple[Format, Path]],
    tmp_path: Path,
) -> None:
    database = settings.neo4j.database
    with RejectSink(tmp_path / "load-rejects.jsonl") as rejects:
        for fmt, path in world:
            load_paths(fmt, [path], GraphWriter(graph, database), rejects)
    loaded = graph_digest(graph, database)
    load_rejects = rejects.count

    bulk_rejects = tmp_path / "bulk-rejects.jsonl"
    # Two parser processes, as on a 2-core machine by default.
    report, run, _ = run_bulk_import(
        spare, world, tmp_path / "work", bulk_rejects, overwrite=False, workers=2
    )
    assert neo4j_local.status(spare).answering  # started, schema built, ready for queries
    with GraphDatabase.driver(spare.neo4j.uri) as bulk:
        imported = graph_digest(bulk, spare.neo4j.database)
        assert imported.nodes == loaded.nodes
        assert imported.relationships == loaded.relationships
        assert imported.content == loaded.content, (imported.describe(), loaded.describe())
        assert run.nodes == sum(loaded.nodes.values())
        assert run.relationships == sum(loaded.relationships.values())

        # The same rejection, with the same file and line, on both paths.
        [bad] = [json.loads(line) for line in bulk_rejects.read_text().splitlines()]
        assert (bad["format"], bad["line"]) == ("bods", report.read["bods"])
        assert report.rejected == load_rejects == 1
        assert report.loaded + report.rejected == report.total_read

        # Daily updates go through `duegraph load`: loading the same files again does on the
        # imported graph exactly what it does on the loaded one (nothing created, the same
        # facts re-asserted by the same later sources), and both graphs stay equal.
        on_bulk = _reload(bulk, spare.neo4j.database, world)
    on_loaded = _reload(graph, database, world)
    assert on_bulk == on_loaded
    assert all(created == 0 for created, _, _ in on_bulk.values()), on_bulk
    with GraphDatabase.driver(spare.neo4j.uri) as bulk:
        assert (
            graph_digest(bulk, spare.neo4j.database).content
            == graph_digest(graph, database).content
        )

    # A bulk import replaces a store: never under a running server, never without --overwrite.
    with pytest.raises(DuegraphError, match="Stop it first: duegraph neo4j stop"):
        run_bulk_import(spare, world, tmp_path / "work", None, overwrite=True)
    neo4j_local.stop(spare)
    with pytest.raises(DuegraphError, match="Pass --overwrite"):
        run_bulk_import(spare, world, tmp_path / "work", None, overwrite=False)


def _reload(
    driver: Driver, database: str, world: list[tuple[Format, Path]]
) -> dict[str, tuple[int, int, int]]:
    stats: dict[str, tuple[int, int, int]] = {}
    with RejectSink(None) as rejects:
        for fmt, path in world:
            report = load_paths(fmt, [path], GraphWriter(driver, database), rejects)
            nodes, links = report.nodes, report.links
            stats[fmt.name] = (
                nodes.created + links.created,
                nodes.updated + links.updated,
                nodes.unchanged + links.unchanged,
            )
    return stats


def test_inputs_are_checked_before_anything_runs(tmp_path: Path) -> None:
    formats = registry()
    with pytest.raises(DuegraphError, match="FORMAT=PATH"):
        parse_inputs(["bods"], formats)
    with pytest.raises(DuegraphError, match="unknown format 'bodz'"):
        parse_inputs([f"bodz={tmp_path}"], formats)
    with pytest.raises(DuegraphError, match="no such file or folder"):
        parse_inputs([f"bods={tmp_path / 'missing.jsonl'}"], formats)
