"""Cypher of `duegraph bench`: the LOAD CSV baseline (the MERGE statements of
loaders/write/upserts.py, fed from CSV rows instead of `$rows`) and the sampling of targets.

The LOAD CSV statements are derived at import from the write contract the record classes
declare (graph_schema/write_contract.py), as the upserts are; file URLs, keys and sizes travel as
parameters. CSV cells arrive as strings, so the baseline skips the type conversion our driver
path does (dates, lists): a baseline at least as fast as the real schema would be, which makes
our ratio conservative.
"""

from __future__ import annotations

from typing import LiteralString

from graph_schema.edges import Link
from graph_schema.nodes import Node
from graph_schema.write_contract import (
    LINK_TYPES,
    match_link_ends,
    match_owner,
    merge_identifier,
    merge_link,
    merge_node,
    merge_owner_link,
    owned_nodes,
    top_level_nodes,
)

COMPONENTS: LiteralString = (
    "CALL dbms.components() YIELD versions, edition RETURN versions[0] AS version, edition"
)
NODE_COUNT: LiteralString = "MATCH (n) RETURN count(n) AS n"
REL_COUNT: LiteralString = "MATCH ()-[r]->() RETURN count(r) AS n"
STATEMENT_COUNT: LiteralString = "MATCH (s:FinancialStatement) RETURN count(s) AS n"
COMPANY_KEYS: LiteralString = (
    "MATCH (c:Company) WHERE c.name IS NOT NULL RETURN c.key AS key, c.name AS name"
)
DIRECTOR_KEYS: LiteralString = "MATCH (p:Person) WHERE (p)-[:DIRECTOR_OF]->() RETURN p.key AS key"

# `sources` is kept exactly as the loader keeps it: the list of sources that mentioned a node.
_SOURCES: LiteralString = """
  SET n.sources = CASE WHEN row.source IN coalesce(n.sources, []) THEN n.sources
                       ELSE coalesce(n.sources, []) + row.source END"""
_LOAD: LiteralString = "\nLOAD CSV WITH HEADERS FROM $url AS row CALL (row) {\n  "
_BATCH: LiteralString = "\n} IN TRANSACTIONS OF 10000 ROWS"


def csv_node(cls: type[Node]) -> LiteralString:
    statement = _LOAD + merge_node(cls) + " SET n += row"
    return statement + (_SOURCES if cls.keeps_sources else "") + _BATCH


def csv_owned(cls: type[Node]) -> LiteralString:
    return (
        _LOAD
        + match_owner(cls)
        + "\n  "
        + merge_node(cls)
        + "\n  "
        + merge_owner_link(cls)
        + "\n  SET n += row {.*, owner: null}"
        + _BATCH
    )


def csv_link(cls: type[Link]) -> LiteralString:
    ends = match_link_ends(cls).replace("\n", " ")
    return (
        _LOAD
        + ends
        + "\n  "
        + merge_link(cls)
        + " SET r += row {.*, src: null, dst: null}"
        + _BATCH
    )


# Keyed by the file kinds of loaders/bulk/csv_export.py: the label or the relationship type.
CSV_NODES: dict[str, LiteralString] = {cls.label.value: csv_node(cls) for cls in top_level_nodes()}
CSV_IDENTIFIERS: LiteralString = _LOAD + merge_identifier().replace("\n", "\n  ") + _BATCH
CSV_OWNED: dict[str, LiteralString] = {cls.label.value: csv_owned(cls) for cls in owned_nodes()}
CSV_LINKS: dict[str, LiteralString] = {
    rel_type.value: csv_link(cls) for rel_type, cls in LINK_TYPES.items()
}

# Daily-update phase: the touched companies that gained an event dated the day, in this load.
DAY_EVENTS: LiteralString = """
UNWIND $keys AS key
MATCH (c:Company {key: key})-[:HAS_EVENT]->(e:Event)
WHERE e.date = $day AND e.first_loaded_at > $since
RETURN count(DISTINCT c) AS n
"""


# The scoring phase (scoring_bench.py): a bench ledger's clients, and baseline B.
CLIENT_PROPS: LiteralString = """
MATCH (c:Client {ledger: $ledger})
RETURN c.key AS key, properties(c) AS p
"""

# Baseline B: the changed weights over the family scores the last run stored.
REWEIGHT: LiteralString = """
MATCH (c:Client {ledger: $ledger})
WHERE c.removed_at IS NULL AND c.rating_family_scores IS NOT NULL
WITH c, reduce(p = 1.0, k IN range(0, size(c.rating_family_scores) - 1) |
       p + CASE WHEN c.rating_family_scores[k] = 0 THEN 0.0
                ELSE $weights[k] * (c.rating_family_scores[k] - 1) END) AS raw
WITH c, CASE WHEN raw > 5.0 THEN 5.0 ELSE raw END AS points
WITH c, points, 1 + size([t IN $thresholds WHERE points >= t]) AS rating
SET c.bench_points = points, c.bench_rating = rating
RETURN count(c) AS written
"""

REWEIGHT_AGREEMENT: LiteralString = """
MATCH (c:Client {ledger: $ledger})
WHERE c.bench_rating IS NOT NULL
RETURN count(c) AS clients, sum(CASE WHEN c.bench_rating = c.rating THEN 1 ELSE 0 END) AS same
"""
