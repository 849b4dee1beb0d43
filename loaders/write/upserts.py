"""All write Cypher: one static, parameterised statement per label or relationship type.

Labels and types cannot be parameters, so each is spelled out here from the whitelist in
`graph_schema.labels`; values always travel as `$rows`.
"""

from __future__ import annotations

from typing import LiteralString

from graph_schema.labels import NodeLabel, RelType

# MERGE on the constrained key; count created vs changed so a re-run can report "0 updated".
# "changed" looks at facts only: provenance moving to another record of the same file is not
# an update a user needs to hear about.
# A null in props clears a field a record gives in full (Record.complete); a link a change had
# ended (`end_reason`) and a record asserts again has changed too.
_CHANGED: LiteralString = """(NOT created AND (before.end_reason IS NOT NULL
    OR any(k IN keys(row.props)
    WHERE NOT k IN ['source', 'record_id', 'source_file', 'seen_at']
      AND ((before[k] IS NULL) <> (row.props[k] IS NULL) OR before[k] <> row.props[k]))))
    AS changed"""
# When the load saw it first, and when a fact last changed: one `$now` per load run, set only
# on create or on a real change, so loading the same data again writes nothing new.
_STAMP_N: LiteralString = """
SET n.first_loaded_at = CASE WHEN created THEN $now ELSE n.first_loaded_at END,
    n.changed_at = CASE WHEN changed THEN $now ELSE n.changed_at END
RETURN row.key AS key, created, changed
"""
_STAMP_R: LiteralString = """
SET r.first_loaded_at = CASE WHEN created THEN $now ELSE r.first_loaded_at END,
    r.changed_at = CASE WHEN changed THEN $now ELSE r.changed_at END
RETURN row.key AS key, created, changed
"""
_NODE_TAIL: LiteralString = (
    """
ON CREATE SET n.`_new` = true
WITH n, row, properties(n) AS before
SET n += row.props,
    n.sources = CASE WHEN row.props.source IN coalesce(n.sources, []) THEN n.sources
                     ELSE coalesce(n.sources, []) + row.props.source END
WITH n, row, before, n.`_new` IS NOT NULL AS created
REMOVE n.`_new`
WITH n, row, created, """
    + _CHANGED
    + _STAMP_N
)

NODE_UPSERTS: dict[NodeLabel, LiteralString] = {
    NodeLabel.COMPANY: "UNWIND $rows AS row MERGE (n:Company:Entity {key: row.key})" + _NODE_TAIL,
    NodeLabel.PERSON: "UNWIND $rows AS row MERGE (n:Person:Entity {key: row.key})" + _NODE_TAIL,
    NodeLabel.ADDRESS: "UNWIND $rows AS row MERGE (n:Address {key: row.key})" + _NODE_TAIL,
}

# Nodes hanging off one owner: created only when the owner exists (dangling -> rejected).
_OWNED_TAIL: LiteralString = (
    """
WITH n, row, properties(n) AS before
SET n += row.props
WITH n, row, before, n.`_new` IS NOT NULL AS created
REMOVE n.`_new`
WITH n, row, created, """
    + _CHANGED
    + _STAMP_N
)

EVENT_UPSERT: LiteralString = (
    """
UNWIND $rows AS row
MATCH (c:Company {key: row.owner})
MERGE (n:Event {key: row.key})
ON CREATE SET n.`_new` = true
MERGE (c)-[:HAS_EVENT]->(n)"""
    + _OWNED_TAIL
)

DISQUALIFICATION_UPSERT: LiteralString = (
    """
UNWIND $rows AS row
MATCH (p:Person {key: row.owner})
MERGE (n:Disqualification {key: row.key})
ON CREATE SET n.`_new` = true
MERGE (p)-[:DISQUALIFIED]->(n)"""
    + _OWNED_TAIL
)

IDENTIFIER_UPSERT: LiteralString = """
UNWIND $rows AS row
MATCH (c:Entity {key: row.company})
MERGE (i:Identifier {key: row.key})
ON CREATE SET i.scheme = row.scheme, i.value = row.value, i.validated = row.validated
MERGE (c)-[:IDENTIFIED_BY]->(i)
"""

_LINK_TAIL: LiteralString = (
    """
ON CREATE SET r.`_new` = true
WITH r, row, properties(r) AS before
SET r += row.props
SET r.end = CASE WHEN before.end_reason IS NULL THEN r.end ELSE row.props.end END,
    r.end_reason = null
WITH r, row, before, r.`_new` IS NOT NULL AS created
REMOVE r.`_new`
WITH r, row, created, """
    + _CHANGED
    + _STAMP_R
)

_ENTITY_TO_COMPANY: LiteralString = """
UNWIND $rows AS row
MATCH (a:Entity {key: row.src})
MATCH (b:Company {key: row.dst})
"""

LINK_UPSERTS: dict[RelType, LiteralString] = {
    RelType.DIRECTOR_OF: _ENTITY_TO_COMPANY
    + "MERGE (a)-[r:DIRECTOR_OF {key: row.key}]->(b)"
    + _LINK_TAIL,
    RelType.OWNS: _ENTITY_TO_COMPANY + "MERGE (a)-[r:OWNS {key: row.key}]->(b)" + _LINK_TAIL,
    RelType.CONTROLS: _ENTITY_TO_COMPANY
    + "MERGE (a)-[r:CONTROLS {key: row.key}]->(b)"
    + _LINK_TAIL,
    RelType.DECLARED_BO_OF: _ENTITY_TO_COMPANY
    + "MERGE (a)-[r:DECLARED_BO_OF {key: row.key}]->(b)"
    + _LINK_TAIL,
    RelType.PARENT_OF: """
UNWIND $rows AS row
MATCH (a:Company {key: row.src})
MATCH (b:Company {key: row.dst})
MERGE (a)-[r:PARENT_OF {key: row.key}]->(b)"""
    + _LINK_TAIL,
    RelType.REGISTERED_AT: """
UNWIND $rows AS row
MATCH (a:Entity {key: row.src})
MATCH (b:Address {key: row.dst})
MERGE (a)-[r:REGISTERED_AT {key: row.key}]->(b)"""
    + _LINK_TAIL,
    RelType.RELATED_TO: """
UNWIND $rows AS row
MATCH (a:Person {key: row.src})
MATCH (b:Person {key: row.dst})
MERGE (a)-[r:RELATED_TO {key: row.key}]->(b)"""
    + _LINK_TAIL,
}
