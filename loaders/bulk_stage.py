"""Staging for a bulk import: canonical records merged by key on disk, as the writer would merge
them in the graph.

`neo4j-admin database import` wants each node once and each relationship once, with every
relationship naming its endpoints by node id. Our parsers emit the same company, person or link
many times (every filing, officer list and PSC statement that mentions it), and the writer's
upserts (`SET n += props`) fold them together, later facts winning. The stage reproduces exactly
that fold in a SQLite file (`json_patch` is the same merge as Cypher's `+=` for our props,
which never hold nulls), so memory stays flat whatever the size of the world, and the import
files come out of it with one row per node and relationship.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import orjson

from graph_schema.edges import Link
from graph_schema.labels import NodeLabel, RelType
from graph_schema.nodes import (
    AddressRecord,
    CompanyRecord,
    DisqualificationRecord,
    EventRecord,
    PersonRecord,
    Record,
)
from loaders.pipeline import lone_surrogate
from loaders.rejects import Location

# Lists become one CSV cell split on this character (`--array-delimiter=U+001F`): a control
# character no registry text uses; a record holding it is rejected rather than split wrongly.
ARRAY_DELIMITER = "\x1f"
_DELIMITER_JSON = "\\u001f"  # how orjson (and json.dumps) write it

# Endpoint labels of each link type: the MATCH clauses of loaders/upserts.py.
ENTITY = (NodeLabel.COMPANY.value, NodeLabel.PERSON.value)
ENDPOINTS: dict[RelType, tuple[tuple[str, ...], tuple[str, ...]]] = {
    RelType.DIRECTOR_OF: (ENTITY, (NodeLabel.COMPANY.value,)),
    RelType.OWNS: (ENTITY, (NodeLabel.COMPANY.value,)),
    RelType.CONTROLS: (ENTITY, (NodeLabel.COMPANY.value,)),
    RelType.DECLARED_BO_OF: (ENTITY, (NodeLabel.COMPANY.value,)),
    RelType.PARENT_OF: ((NodeLabel.COMPANY.value,), (NodeLabel.COMPANY.value,)),
    RelType.REGISTERED_AT: (ENTITY, (NodeLabel.ADDRESS.value,)),
    RelType.RELATED_TO: ((NodeLabel.PERSON.value,), (NodeLabel.PERSON.value,)),
}
# Nodes that hang off an owner, and the relationship from the owner (EVENT_UPSERT & co).
OWNED: dict[str, tuple[str, RelType]] = {
    NodeLabel.EVENT.value: (NodeLabel.COMPANY.value, RelType.HAS_EVENT),
    NodeLabel.DISQUALIFICATION.value: (NodeLabel.PERSON.value, RelType.DISQUALIFIED),
}
# Only these carry `sources` (the list of sources that mentioned them), as in NODE_UPSERTS.
WITH_SOURCES = frozenset({NodeLabel.COMPANY.value, NodeLabel.PERSON.value, NodeLabel.ADDRESS.value})

_SCHEMA = """
CREATE TABLE node (
  id INTEGER PRIMARY KEY, label TEXT NOT NULL, key TEXT NOT NULL, owner TEXT,
  props TEXT NOT NULL, sources TEXT, loc TEXT, UNIQUE (label, key));
CREATE TABLE rel (
  type TEXT NOT NULL, key TEXT NOT NULL, src TEXT NOT NULL, dst TEXT NOT NULL,
  props TEXT NOT NULL, loc TEXT, PRIMARY KEY (type, key));
CREATE TABLE ident (company TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (company, key));
"""
_UPSERT_NODE = """
INSERT INTO node (label, key, owner, props, sources, loc)
VALUES (:label, :key, :owner, :props, :sources, :loc)
ON CONFLICT (label, key) DO UPDATE SET
  props = json_patch(node.props, excluded.props),
  sources = CASE
    WHEN node.sources IS NULL THEN NULL
    WHEN EXISTS (SELECT 1 FROM json_each(node.sources) WHERE value = :source) THEN node.sources
    ELSE json_insert(node.sources, '$[#]', :source) END
"""
# Folding a whole stage (a parallel worker's) into this one, in its order: the same result as
# staging its records here one by one (props merge like json_patch, sources keep first-seen
# order, owner / endpoints / origin stay the first ones).
_MERGE_NODES = """
INSERT INTO node (label, key, owner, props, sources, loc)
SELECT label, key, owner, props, sources, loc FROM shard.node WHERE true ORDER BY id
ON CONFLICT (label, key) DO UPDATE SET
  props = json_patch(node.props, excluded.props),
  sources = CASE WHEN node.sources IS NULL THEN NULL ELSE (
    SELECT json_group_array(value) FROM (
      SELECT value, 0 AS part, key AS pos FROM json_each(node.sources)
      UNION ALL
      SELECT value, 1, key FROM json_each(excluded.sources)
      WHERE value NOT IN (SELECT value FROM json_each(node.sources))
      ORDER BY part, pos)) END
"""
_MERGE_RELS = """
INSERT INTO rel (type, key, src, dst, props, loc)
SELECT type, key, src, dst, props, loc FROM shard.rel WHERE true ORDER BY rowid
ON CONFLICT (type, key) DO UPDATE SET props = json_patch(rel.props, excluded.props)
"""
_MERGE_IDENTS = (
    "INSERT INTO ident (company, key) SELECT company, key FROM shard.ident WHERE true "
    "ORDER BY rowid "
    "ON CONFLICT DO NOTHING"
)
_UPSERT_REL = """
INSERT INTO rel (type, key, src, dst, props, loc) VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (type, key) DO UPDATE SET props = json_patch(rel.props, excluded.props)
"""
# Identifier nodes keep the scheme and value they were created with (ON CREATE SET).
_INSERT_IDENT_NODE = (
    "INSERT INTO node (label, key, props) VALUES ('Identifier', ?, ?) ON CONFLICT DO NOTHING"
)
_INSERT_IDENT_LINK = "INSERT INTO ident (company, key) VALUES (?, ?) ON CONFLICT DO NOTHING"


def neo4j_type(value: Any) -> str:
    """The import tool's column type for a Python value (lists by their first element)."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, datetime):
        return "datetime"
    if isinstance(value, date):
        return "date"
    if isinstance(value, list | tuple):
        return (neo4j_type(value[0]) if value else "string") + "[]"
    return "string"


def _widen(seen: str | None, new: str) -> str:
    if seen is None or seen == new:
        return new
    if {seen, new} == {"long", "double"}:
        return "double"
    if {seen, new} == {"long[]", "double[]"}:
        return "double[]"
    return "string[]" if seen.endswith("[]") or new.endswith("[]") else "string"


def _holds_delimiter(value: Any) -> bool:
    if isinstance(value, str):
        return ARRAY_DELIMITER in value
    if isinstance(value, list | tuple):
        return any(_holds_delimiter(v) for v in value)
    return False


def _delimiter_in_list(props: dict[str, Any]) -> str | None:
    for name, value in props.items():
        if isinstance(value, list | tuple) and _holds_delimiter(value):
            return f"{name} holds U+001F, the import files' list delimiter"
    return None


@dataclass(frozen=True)
class Origin:
    """The first source record that staged a row: where a rejection of that row points."""

    location: Location
    format: str


@dataclass(frozen=True)
class StagedNode:
    id: int
    key: str
    owner: str | None
    owner_id: int | None  # None for an owned node whose owner is not staged
    props: dict[str, Any]
    sources: list[str] | None
    origin: Origin | None


@dataclass(frozen=True)
class StagedRel:
    key: str | None
    src: str
    dst: str
    start_id: int | None  # None: the endpoint is not in the stage (a dangling reference)
    end_id: int | None
    props: dict[str, Any]
    origin: Origin | None


def _loc(location: Location, fmt: str) -> str:
    return json.dumps([location.file, location.line, location.record, fmt])


def _unloc(text: str | None) -> Origin | None:
    if text is None:
        return None
    file, line, record, fmt = json.loads(text)
    return Origin(Location(file, line, record), fmt)


class BulkStage:
    """`with BulkStage(path) as stage: stage.add(records, location)`; then read it back."""

    def __init__(self, path: Path) -> None:
        path.unlink(missing_ok=True)
        self.path = path
        self._db = sqlite3.connect(path)
        # A scratch file: durability buys nothing here, speed does.
        self._db.executescript(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536;"
            + _SCHEMA
        )
        self._db.execute("BEGIN")
        # Column types per label / relationship type, from the Python values seen.
        self.types: dict[str, dict[str, str]] = {}
        self._seen_py: dict[str, dict[str, type]] = {}
        self.rows = 0  # graph rows staged (before merging), as the writer would send them

    def __enter__(self) -> BulkStage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._db.in_transaction:
            self._db.commit()
        self._db.close()

    def commit(self) -> None:
        self._db.commit()
        self._db.execute("BEGIN")

    def _note_types(self, kind: str, props: dict[str, Any]) -> None:
        types = self.types.setdefault(kind, {})
        seen = self._seen_py.setdefault(kind, {})
        for name, value in props.items():
            py = type(value[0]) if isinstance(value, list) and value else type(value)
            if seen.get(name) is py:
                continue  # the column type only changes with the Python type
            seen[name] = py
            types[name] = _widen(types.get(name), neo4j_type(value))

    def add(self, records: Sequence[Record], location: Location, fmt: str) -> str | None:
        """Stage one source record's canonical records, all or none; returns why not, or None.

        The import files cannot hold a lone surrogate (not UTF-8) nor U+001F inside a list. Both
        are found on the JSON text each record needs anyway, which costs far less than walking
        every field first (what `unwritable` does for the transactional loader).
        """
        staged: list[tuple[Record, dict[str, Any], str]] = []
        for record in records:
            props = record.graph_props()
            fields = record.__dict__  # not getattr(): see loaders.pipeline.too_long
            keys = "".join(
                str(fields.get(name, "")) for name in ("key", "src", "dst", "company", "person")
            )
            try:
                text = _dumps(props)  # orjson refuses a lone surrogate
                keys.encode("utf-8")
            except (UnicodeEncodeError, orjson.JSONEncodeError):
                return lone_surrogate(records) or "a value holds a lone surrogate (not a character)"
            if _DELIMITER_JSON in text and (problem := _delimiter_in_list(props)):
                return problem
            staged.append((record, props, text))
        loc = _loc(location, fmt)
        for record, props, text in staged:
            self._add_one(record, props, text, loc)
        return None

    def _add_one(self, record: Record, props: dict[str, Any], text: str, loc: str) -> None:
        self.rows += 1
        source = str(props.get("source", ""))
        if isinstance(record, Link):
            kind = record.rel_type.value
            self._note_types(kind, props)
            self._db.execute(_UPSERT_REL, (kind, record.key, record.src, record.dst, text, loc))
            return
        if isinstance(record, CompanyRecord | PersonRecord | AddressRecord):
            label, owner = record.label.value, None
        elif isinstance(record, EventRecord):
            label, owner = NodeLabel.EVENT.value, record.company
        elif isinstance(record, DisqualificationRecord):
            label, owner = NodeLabel.DISQUALIFICATION.value, record.person
        else:  # pragma: no cover - every record class is handled above
            raise TypeError(f"no stage for {type(record).__name__}")
        self._note_types(label, props)
        self._db.execute(
            _UPSERT_NODE,
            {
                "label": label,
                "key": record.key,
                "owner": owner,
                "props": text,
                "sources": json.dumps([source]) if label in WITH_SOURCES else None,
                "loc": loc,
                "source": source,
            },
        )
        if isinstance(record, CompanyRecord):
            for ident in record.identifiers:
                self.rows += 1
                self._db.execute(
                    _INSERT_IDENT_NODE,
                    (ident.key, json.dumps({"scheme": ident.scheme, "value": ident.value})),
                )
                self._db.execute(_INSERT_IDENT_LINK, (record.key, ident.key))

    def merge(self, other: Path, types: dict[str, dict[str, str]], rows: int) -> None:
        """Fold another stage file (written by a parallel worker) into this one, after
        everything already here, then delete it."""
        self._db.commit()  # ATTACH is refused inside a transaction
        self._db.execute("ATTACH DATABASE ? AS shard", (str(other),))
        try:
            self._db.execute("BEGIN")
            self._db.execute(_MERGE_NODES)
            self._db.execute(_MERGE_RELS)
            self._db.execute(_MERGE_IDENTS)
            self._db.commit()
        finally:
            self._db.execute("DETACH DATABASE shard")
        self._db.execute("BEGIN")
        other.unlink(missing_ok=True)
        for kind, columns in types.items():
            mine = self.types.setdefault(kind, {})
            for name, column in columns.items():
                mine[name] = _widen(mine.get(name), column)
        self.rows += rows

    # Reading back, in the order the import files are written.

    def labels(self) -> list[str]:
        rows = self._db.execute("SELECT DISTINCT label FROM node ORDER BY label").fetchall()
        return [str(r[0]) for r in rows]

    def rel_types(self) -> list[str]:
        rows = self._db.execute("SELECT DISTINCT type FROM rel ORDER BY type").fetchall()
        return [str(r[0]) for r in rows]

    def nodes(self, label: str) -> Iterator[StagedNode]:
        """Nodes of one label; owned nodes carry their owner's key and staged id."""
        owner_label = OWNED[label][0] if label in OWNED else None
        cursor = self._db.execute(
            "SELECT n.id, n.key, n.owner, o.id, n.props, n.sources, n.loc FROM node n "
            "LEFT JOIN node o ON o.label = ? AND o.key = n.owner "
            "WHERE n.label = ? ORDER BY n.id",
            (owner_label, label),
        )
        for id_, key, owner, owner_id, props, sources, loc in cursor:
            yield StagedNode(
                id_,
                key,
                owner,
                owner_id,
                orjson.loads(props),
                orjson.loads(sources) if sources is not None else None,
                _unloc(loc),
            )

    def owned_links(self, label: str) -> Iterator[StagedRel]:
        """Owner -> owned node (HAS_EVENT, DISQUALIFIED); end_id is the owned node's id."""
        owner_label, _ = OWNED[label]
        cursor = self._db.execute(
            "SELECT n.key, n.owner, o.id, n.id, n.props, n.loc FROM node n "
            "LEFT JOIN node o ON o.label = ? AND o.key = n.owner WHERE n.label = ? ORDER BY n.id",
            (owner_label, label),
        )
        for key, owner, owner_id, node_id, props, loc in cursor:
            yield StagedRel(None, owner, key, owner_id, node_id, orjson.loads(props), _unloc(loc))

    def identifier_links(self) -> Iterator[StagedRel]:
        cursor = self._db.execute(
            "SELECT l.company, l.key, c.id, i.id FROM ident l "
            "JOIN node c ON c.label = 'Company' AND c.key = l.company "
            "JOIN node i ON i.label = 'Identifier' AND i.key = l.key ORDER BY c.id, i.id"
        )
        for company, key, company_id, ident_id in cursor:
            yield StagedRel(None, company, key, company_id, ident_id, {}, None)

    def links(self, rel_type: str) -> Iterator[StagedRel]:
        src_labels, dst_labels = ENDPOINTS[RelType(rel_type)]
        # Labels come from the whitelist above, never from input; still passed as parameters.
        src_marks = ", ".join("?" * len(src_labels))
        dst_marks = ", ".join("?" * len(dst_labels))
        cursor = self._db.execute(
            "SELECT r.key, r.src, r.dst, a.id, b.id, r.props, r.loc FROM rel r "
            f"LEFT JOIN node a ON a.label IN ({src_marks}) AND a.key = r.src "
            f"LEFT JOIN node b ON b.label IN ({dst_marks}) AND b.key = r.dst "
            "WHERE r.type = ? ORDER BY r.rowid",
            (*src_labels, *dst_labels, rel_type),
        )
        for key, src, dst, start_id, end_id, props, loc in cursor:
            yield StagedRel(key, src, dst, start_id, end_id, orjson.loads(props), _unloc(loc))


def _dumps(props: dict[str, Any]) -> str:
    # orjson writes enums, dates, datetimes and tuples itself, in Rust: json.dumps over a
    # Python walk of the values was a seventh of bulk-import's parse time.
    return orjson.dumps(props).decode()
