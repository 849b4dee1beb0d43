"""All write Cypher: one static, parameterised statement per label or relationship type.

The statements are derived, once at import, from the write contract the record classes declare
(graph_schema/write_contract.py): labels and types come from the whitelist enums, never from
input; values always travel as `$rows`.
"""

from __future__ import annotations

from typing import LiteralString

from graph_schema.edges import Link
from graph_schema.labels import NodeLabel, RelType
from graph_schema.nodes import Node
from graph_schema.write_contract import (
    LINK_TYPES,
    NODE_TYPES,
    match_link_ends,
    match_owner,
    merge_identifier,
    merge_link,
    merge_node,
    merge_owner_link,
)

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
_SOURCES: LiteralString = """,
    n.sources = CASE WHEN row.props.source IN coalesce(n.sources, []) THEN n.sources
                     ELSE coalesce(n.sources, []) + row.props.source END"""
_NODE_TAIL: LiteralString = (
    """
WITH n, row, before, n.`_new` IS NOT NULL AS created
REMOVE n.`_new`
WITH n, row, created, """
    + _CHANGED
    + _STAMP_N
)


# The name a record carries for its owner (`Node.names_owner`): set only while the owner has
# none, so the register's spelling wins and a re-load changes nothing.
_NAME_OWNER: LiteralString = """
WITH o, n, row, o.name IS NULL AND row.owner_name IS NOT NULL AS unnamed
SET o.name = CASE WHEN unnamed THEN row.owner_name ELSE o.name END,
    o.search_names = CASE WHEN unnamed THEN row.owner_search_names ELSE o.search_names END"""


def node_upsert(cls: type[Node]) -> LiteralString:
    """MERGE on the key (under its owner for an owned node, which a missing owner leaves
    unwritten: rejected as dangling), then SET the props (and `sources`)."""
    statement: LiteralString = "\nUNWIND $rows AS row\n"
    if cls.owner is not None:
        statement += match_owner(cls) + "\n"
    statement += merge_node(cls) + "\nON CREATE SET n.`_new` = true"
    if cls.owner is not None:
        statement += "\n" + merge_owner_link(cls)
    if cls.names_owner:
        statement += _NAME_OWNER
    statement += "\nWITH n, row, properties(n) AS before\nSET n += row.props"
    if cls.keeps_sources:
        statement += _SOURCES
    return statement + _NODE_TAIL


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


def link_upsert(cls: type[Link]) -> LiteralString:
    """MATCH both ends on their declared labels (a missing one leaves the row unwritten:
    rejected as dangling), MERGE the link on its key, SET the props."""
    return "\nUNWIND $rows AS row\n" + match_link_ends(cls) + "\n" + merge_link(cls) + _LINK_TAIL


# Companies, persons and addresses (rows: key, props); events and disqualifications (rows: key,
# owner, props); each company's identifiers (rows: company, key, scheme, value); links (rows:
# key, src, dst, props).
NODE_UPSERTS: dict[NodeLabel, LiteralString] = {
    label: node_upsert(cls) for label, cls in NODE_TYPES.items() if cls.owner is None
}
OWNED_UPSERTS: dict[NodeLabel, LiteralString] = {
    label: node_upsert(cls) for label, cls in NODE_TYPES.items() if cls.owner is not None
}
IDENTIFIER_UPSERT: LiteralString = "\nUNWIND $rows AS row\n" + merge_identifier() + "\n"
LINK_UPSERTS: dict[RelType, LiteralString] = {
    rel_type: link_upsert(cls) for rel_type, cls in LINK_TYPES.items()
}
