"""Write Cypher for change records (graph_schema/changes.py): static, parameterised statements.

A change never invents facts: it ends links (`end`, `end_reason` and the provenance of the
record that asked), removes what one source gave a node, adds topics, or stamps the extract
a source is at. Relationship types come from the whitelist below, never from input.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any, LiteralString

from graph_schema.changes import (
    Change,
    ExtractApplied,
    LinksEnded,
    Retraction,
    TopicsAdded,
)
from graph_schema.labels import RelType

_TYPES: dict[RelType, LiteralString] = {
    RelType.DIRECTOR_OF: "DIRECTOR_OF",
    RelType.OWNS: "OWNS",
    RelType.CONTROLS: "CONTROLS",
    RelType.DECLARED_BO_OF: "DECLARED_BO_OF",
    RelType.PARENT_OF: "PARENT_OF",
    RelType.REGISTERED_AT: "REGISTERED_AT",
    RelType.RELATED_TO: "RELATED_TO",
}

# What ending a link sets: the end date, why, and where that came from. A link that starts
# after the end date is left alone (ending it there would put its end before its start).
_END: LiteralString = """
  AND r.end IS NULL AND (r.start IS NULL OR r.start <= row.on)
SET r.end = row.on, r.end_reason = row.reason, r.source_file = row.source_file,
    r.seen_at = row.seen_at, r.changed_at = $now
RETURN row.i AS i, count(r) AS ended
"""

# Links of a withdrawn record, found by the record id (indexed for these types).
RETRACT_LINKS: dict[RelType, LiteralString] = {
    rel: "UNWIND $rows AS row MATCH ()-[r:"
    + _TYPES[rel]
    + " {record_id: row.record_id}]->() WHERE r.source = row.source"
    + _END
    for rel in (RelType.OWNS, RelType.DIRECTOR_OF, RelType.RELATED_TO)
}

# The node of a withdrawn record, found through the source's identifier. Described by another
# source too: it loses this source's topics, name in `sources`, identifier and address links.
RETRACT_SHARED_NODE: LiteralString = """
UNWIND $rows AS row
MATCH (i:Identifier {key: row.identifier})<-[l:IDENTIFIED_BY]-(n:Entity)
WHERE any(s IN coalesce(n.sources, []) WHERE s <> row.source)
OPTIONAL MATCH (n)-[r:REGISTERED_AT]->()
  WHERE r.source = row.source AND r.record_id = row.record_id AND r.end IS NULL
SET r.end = row.on, r.end_reason = row.reason, r.source_file = row.source_file,
    r.seen_at = row.seen_at, r.changed_at = $now
WITH DISTINCT row, n, l
REMOVE n.topics
SET n.sources = [s IN n.sources WHERE s <> row.source], n.changed_at = $now
DELETE l
RETURN row.i AS i, 1 AS found
"""

# Described by this source only: the node goes, with its links.
RETRACT_OWN_NODE: LiteralString = """
UNWIND $rows AS row
MATCH (i:Identifier {key: row.identifier})<-[:IDENTIFIED_BY]-(n:Entity)
WHERE all(s IN coalesce(n.sources, []) WHERE s = row.source)
DETACH DELETE n
RETURN row.i AS i, 1 AS found
"""

RETRACT_IDENTIFIER: LiteralString = """
UNWIND $rows AS row
MATCH (i:Identifier {key: row.identifier})
WHERE NOT (i)<-[:IDENTIFIED_BY]-()
DELETE i
RETURN row.i AS i, 0 AS found
"""

TOPICS_ADDED: LiteralString = """
UNWIND $rows AS row
MATCH (n:Entity {key: row.key})
WITH n, row, coalesce(n.topics, []) AS had
WITH n, row, had,
     CASE WHEN any(t IN had WHERE t IN row.unless_any) THEN []
          ELSE [t IN row.topics WHERE NOT t IN had] END AS new
SET n.topics = CASE WHEN size(new) > 0 THEN had + new ELSE n.topics END,
    n.changed_at = CASE WHEN size(new) > 0 THEN $now ELSE n.changed_at END
RETURN row.i AS i
"""

_ENDED_FROM: LiteralString = "UNWIND $rows AS row MATCH (a:Entity {key: row.src})-[r:"
_ENDED_WHERE: LiteralString = """]->(b)
WHERE (row.dst IS NULL OR b.key = row.dst) AND r.source = row.source
  AND (row.record_id IS NULL OR r.record_id = row.record_id) AND NOT r.key IN row.keep"""

LINKS_ENDED: dict[RelType, LiteralString] = {
    rel: _ENDED_FROM + _TYPES[rel] + _ENDED_WHERE + _END for rel in _TYPES
}

EXTRACT_STATE: LiteralString = """
MATCH (s:LoadState {key: $source})
RETURN s.extract_number AS number, s.extract_type AS kind, s.snapshot AS snapshot
"""

EXTRACT_APPLIED: LiteralString = """
UNWIND $rows AS row
MERGE (s:LoadState {key: row.source})
SET s.changed_at = CASE WHEN s.extract_number = row.number AND s.extract_type = row.kind
                        THEN s.changed_at ELSE $now END,
    s.extract_number = row.number, s.extract_type = row.kind, s.snapshot = row.snapshot,
    s.source_file = row.source_file
RETURN row.i AS i
"""

# Endpoints named by a source identifier (graph_schema.keys.reference) -> their node keys. A
# national register key is preferred when two nodes carry the identifier (a key that changed).
RESOLVE_REFERENCES: LiteralString = """
UNWIND $ids AS id
MATCH (:Identifier {key: id})<-[:IDENTIFIED_BY]-(n:Entity)
WITH id, n ORDER BY n.key STARTS WITH 'XI-', n.key
WITH id, collect(n.key)[0] AS key
RETURN id, key
"""


Statement = tuple[LiteralString, list[dict[str, Any]], bool]  # query, rows, rows may dangle


def statements(changes: list[Change], today: date) -> list[Statement]:
    """The statements that apply `changes` (rows carry `i`, the change's index)."""
    retractions: list[dict[str, Any]] = []
    topics: list[dict[str, Any]] = []
    ended: dict[RelType, list[dict[str, Any]]] = defaultdict(list)
    applied: list[dict[str, Any]] = []
    for i, change in enumerate(changes):
        prov = change.provenance
        common = {"i": i, "source_file": prov.source_file, "seen_at": prov.seen_at}
        if isinstance(change, Retraction):
            retractions.append(
                {
                    **common,
                    "source": change.source,
                    "record_id": change.record_id,
                    "identifier": change.identifier,
                    "on": change.on or today,
                    "reason": f"withdrawn by the source ({prov.source_file})",
                }
            )
        elif isinstance(change, TopicsAdded):
            topics.append(
                {
                    **common,
                    "key": change.key,
                    "topics": change.topics,
                    "unless_any": change.unless_any,
                }
            )
        elif isinstance(change, LinksEnded):
            row = {
                **common,
                "src": change.src,
                "dst": change.dst,
                "source": change.source,
                "record_id": change.record_id,
                "keep": change.keep,
                "on": change.on,
                "reason": f"no longer in the source ({prov.source_file})",
            }
            for rel_type in change.rel_types:
                ended[rel_type].append(row)
        elif isinstance(change, ExtractApplied):
            applied.append(
                {
                    **common,
                    "source": change.source,
                    "number": change.number,
                    "kind": change.kind,
                    "snapshot": change.snapshot,
                }
            )
    out: list[Statement] = []
    if retractions:
        out += [(query, retractions, False) for query in RETRACT_LINKS.values()]
        out += [
            (RETRACT_SHARED_NODE, retractions, False),
            (RETRACT_OWN_NODE, retractions, False),
            (RETRACT_IDENTIFIER, retractions, False),
        ]
    if topics:
        out.append((TOPICS_ADDED, topics, True))
    out += [(LINKS_ENDED[rel_type], rows, False) for rel_type, rows in ended.items()]
    if applied:
        out.append((EXTRACT_APPLIED, applied, False))
    return out
