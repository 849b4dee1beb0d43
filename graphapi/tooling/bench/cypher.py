"""Cypher of `duegraph bench`: the LOAD CSV baseline (the MERGE statements of
loaders/write/upserts.py, fed from CSV rows instead of `$rows`) and the sampling of targets.

Every statement is static; file URLs, keys and sizes travel as parameters. CSV cells arrive as
strings, so the baseline skips the type conversion our driver path does (dates, lists): a
baseline at least as fast as the real schema would be, which makes our ratio conservative.
"""

from __future__ import annotations

from typing import LiteralString

COMPONENTS: LiteralString = (
    "CALL dbms.components() YIELD versions, edition RETURN versions[0] AS version, edition"
)
NODE_COUNT: LiteralString = "MATCH (n) RETURN count(n) AS n"
REL_COUNT: LiteralString = "MATCH ()-[r]->() RETURN count(r) AS n"
COMPANY_KEYS: LiteralString = (
    "MATCH (c:Company) WHERE c.name IS NOT NULL RETURN c.key AS key, c.name AS name"
)
DIRECTOR_KEYS: LiteralString = "MATCH (p:Person) WHERE (p)-[:DIRECTOR_OF]->() RETURN p.key AS key"

# `sources` is kept exactly as the loader keeps it: the list of sources that mentioned a node.
_SOURCES: LiteralString = """
  SET n.sources = CASE WHEN row.source IN coalesce(n.sources, []) THEN n.sources
                       ELSE coalesce(n.sources, []) + row.source END"""
_BATCH: LiteralString = "} IN TRANSACTIONS OF 10000 ROWS"

CSV_NODES: dict[str, LiteralString] = {
    "Company": "LOAD CSV WITH HEADERS FROM $url AS row CALL (row) {"
    " MERGE (n:Company:Entity {key: row.key}) SET n += row" + _SOURCES + _BATCH,
    "Person": "LOAD CSV WITH HEADERS FROM $url AS row CALL (row) {"
    " MERGE (n:Person:Entity {key: row.key}) SET n += row" + _SOURCES + _BATCH,
    "Address": "LOAD CSV WITH HEADERS FROM $url AS row CALL (row) {"
    " MERGE (n:Address {key: row.key}) SET n += row" + _SOURCES + _BATCH,
}

CSV_IDENTIFIERS: LiteralString = """
LOAD CSV WITH HEADERS FROM $url AS row CALL (row) {
  MATCH (c:Entity {key: row.company})
  MERGE (i:Identifier {key: row.key})
  ON CREATE SET i.scheme = row.scheme, i.value = row.value, i.validated = row.validated = 'true'
  MERGE (c)-[:IDENTIFIED_BY]->(i)
} IN TRANSACTIONS OF 10000 ROWS"""

CSV_OWNED: dict[str, LiteralString] = {
    "Event": """
LOAD CSV WITH HEADERS FROM $url AS row CALL (row) {
  MATCH (c:Company {key: row.owner})
  MERGE (n:Event {key: row.key})
  MERGE (c)-[:HAS_EVENT]->(n)
  SET n += row {.*, owner: null}
} IN TRANSACTIONS OF 10000 ROWS""",
    "Disqualification": """
LOAD CSV WITH HEADERS FROM $url AS row CALL (row) {
  MATCH (p:Person {key: row.owner})
  MERGE (n:Disqualification {key: row.key})
  MERGE (p)-[:DISQUALIFIED]->(n)
  SET n += row {.*, owner: null}
} IN TRANSACTIONS OF 10000 ROWS""",
}

_LINK_SET: LiteralString = " SET r += row {.*, src: null, dst: null}" + _BATCH
_FROM_ENTITY: LiteralString = """
LOAD CSV WITH HEADERS FROM $url AS row CALL (row) {
  MATCH (a:Entity {key: row.src}) MATCH (b:Company {key: row.dst})"""

CSV_LINKS: dict[str, LiteralString] = {
    "DIRECTOR_OF": _FROM_ENTITY + " MERGE (a)-[r:DIRECTOR_OF {key: row.key}]->(b)" + _LINK_SET,
    "OWNS": _FROM_ENTITY + " MERGE (a)-[r:OWNS {key: row.key}]->(b)" + _LINK_SET,
    "CONTROLS": _FROM_ENTITY + " MERGE (a)-[r:CONTROLS {key: row.key}]->(b)" + _LINK_SET,
    "DECLARED_BO_OF": _FROM_ENTITY
    + " MERGE (a)-[r:DECLARED_BO_OF {key: row.key}]->(b)"
    + _LINK_SET,
    "PARENT_OF": """
LOAD CSV WITH HEADERS FROM $url AS row CALL (row) {
  MATCH (a:Company {key: row.src}) MATCH (b:Company {key: row.dst})
  MERGE (a)-[r:PARENT_OF {key: row.key}]->(b)"""
    + _LINK_SET,
    "REGISTERED_AT": """
LOAD CSV WITH HEADERS FROM $url AS row CALL (row) {
  MATCH (a:Entity {key: row.src}) MATCH (b:Address {key: row.dst})
  MERGE (a)-[r:REGISTERED_AT {key: row.key}]->(b)"""
    + _LINK_SET,
    "RELATED_TO": """
LOAD CSV WITH HEADERS FROM $url AS row CALL (row) {
  MATCH (a:Person {key: row.src}) MATCH (b:Person {key: row.dst})
  MERGE (a)-[r:RELATED_TO {key: row.key}]->(b)"""
    + _LINK_SET,
}
