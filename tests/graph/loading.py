"""Loading files into the test graph the way `duegraph load` does, and reading back what arrived."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from neo4j import Driver

from graph_schema.settings import Settings
from loaders.contract import Format
from loaders.rejects import RejectSink
from loaders.write.pipeline import LoadReport, load_paths
from loaders.write.writer import GraphWriter
from tests.graph.graph_hash import graph_facts

# What `evaluate.load_world` reports for a generated UK-shaped world: every part loaded, none
# of its records rejected.
GB_WORLD_LOADED_CLEANLY = {
    "ch-api": 0,
    "ch-disqualified": 0,
    "bods": 0,
    "ftm": 0,
    "ch-accounts": 0,
    "nbb-accounts": 0,
}


def load(
    driver: Driver,
    settings: Settings,
    fmt: Format,
    *paths: Path,
    rejects: Path | RejectSink | None = None,
    batch_size: int = 5000,
) -> LoadReport:
    """Load `paths` in one run; every record read is loaded or rejected, every warning kept.
    Rejections go to the file `rejects`, or to a sink the caller reads afterwards."""
    sink = rejects if isinstance(rejects, RejectSink) else RejectSink(rejects)
    with sink:
        writer = GraphWriter(driver, settings.neo4j.database, batch_size=batch_size)
        report = load_paths(fmt, list(paths), writer, sink)
    assert report.read == report.loaded + report.rejected
    assert sink.kept == report.warnings
    return report


def assert_loading_again_changes_nothing(
    driver: Driver,
    settings: Settings,
    fmt: Format,
    *paths: Path,
    ignore: frozenset[str] = frozenset(),
    batch_size: int = 5000,
) -> None:
    """Loading `paths` (loaded before) again creates and updates nothing: the same graph, every
    property compared but those in `ignore`."""
    before = graph_facts(driver, settings.neo4j.database, ignore)
    again = load(driver, settings, fmt, *paths, batch_size=batch_size)
    assert graph_facts(driver, settings.neo4j.database, ignore) == before
    assert (again.nodes.created, again.nodes.updated) == (0, 0)
    assert (again.links.created, again.links.updated) == (0, 0)


def count(driver: Driver, query: str) -> int:
    """The single number `query` returns."""
    return int(driver.execute_query(query).records[0][0])


def graph_counts(
    driver: Driver, labels: Iterable[str] | None = None, types: Iterable[str] | None = None
) -> dict[str, int]:
    """Nodes per label and relationships per type. Named labels (types) are the only ones
    counted, zeros included so that a missing kind fails; unnamed, every label but Entity
    (every type) that the graph holds."""
    nodes = driver.execute_query(
        "MATCH (n) UNWIND labels(n) AS l WITH l WHERE l <> 'Entity' RETURN l, count(*) AS c"
    ).records
    rels = driver.execute_query("MATCH ()-[r]->() RETURN type(r) AS l, count(*) AS c").records
    return {
        **_named({r["l"]: r["c"] for r in nodes}, labels),
        **_named({r["l"]: r["c"] for r in rels}, types),
    }


def _named(found: dict[str, int], names: Iterable[str] | None) -> dict[str, int]:
    return dict(found) if names is None else {name: found.get(name, 0) for name in names}
