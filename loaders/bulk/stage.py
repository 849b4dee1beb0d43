"""Staging for a bulk import: canonical records merged by key on disk, as the writer would merge
them in the graph.

`neo4j-admin database import` wants each node once and each relationship once, with every
relationship naming its endpoints by node id. Our parsers emit the same company, person or link
many times (every filing, officer list and PSC statement that mentions it), and the writer's
upserts (`SET n += props`) fold them together, later facts winning. The stage appends every row
to a SQLite file in arrival order, then `fold()` sorts once and reproduces exactly that merge
(a dict update is Cypher's `+=` for our props, which never hold nulls), so memory stays flat
whatever the size of the world, and the import files come out of it with one row per node and
relationship.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sqlite3
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import orjson

from graph_schema.changes import Change, ExtractApplied, ExtractCheck, LinksEnded
from graph_schema.edges import Link
from graph_schema.keys import is_reference, referenced_identifier, settle_relationship_key
from graph_schema.labels import NodeLabel, RelType
from graph_schema.names import company_search_name
from graph_schema.nodes import CompanyRecord, Identifier, Node, PersonRecord, Record
from graph_schema.write_contract import LINK_TYPES, NODE_TYPES, labels_of
from loaders.rejects import Location
from loaders.write.pipeline import lone_surrogate

# Lists become one CSV cell split on this character (`--array-delimiter=U+001F`): a control
# character no registry text uses; a record holding it is rejected rather than split wrongly.
ARRAY_DELIMITER = "\x1f"
_DELIMITER_JSON = "\\u001f"  # how orjson (and json.dumps) write it

# The write contract (graph_schema/write_contract.py) as the stage uses it, with labels as the
# stage stores them. The labels each end of a link type may have (the upserts' MATCH clauses):
ENDPOINTS: dict[RelType, tuple[tuple[str, ...], tuple[str, ...]]] = {
    rel_type: (
        tuple(label.value for label in labels_of(cls.source)),
        tuple(label.value for label in labels_of(cls.target)),
    )
    for rel_type, cls in LINK_TYPES.items()
}
# Nodes that hang off an owner: the owner's label and the relationship from the owner.
OWNED: dict[str, tuple[str, RelType]] = {
    label.value: (cls.owner.label.value, cls.owner.rel_type)
    for label, cls in NODE_TYPES.items()
    if cls.owner is not None
}
# Only these carry `sources` (the list of sources that mentioned them).
WITH_SOURCES = frozenset(label.value for label, cls in NODE_TYPES.items() if cls.keeps_sources)
IDENTIFIER = Identifier.label.value
# The labels of the nodes that list identifiers (companies and persons).
_IDENTIFIED = tuple(label.value for label in labels_of(Identifier.linked_from[0]))
LOAD_STATE = NodeLabel.LOAD_STATE.value
# What a change stream asks of an existing graph has no place in a new one: applied by
# `duegraph load` after the import (a KBO update extract is refused whole, in prepare.py).
BULK_UPDATE = (
    "bulk-import builds a new graph from full extracts: update extracts, deletions and other "
    "changes to an existing graph are applied with `duegraph load` after the import"
)
_REFERENCED_NODE = (
    "names a record of an earlier file by reference: applied with `duegraph load`, not by "
    "bulk-import"
)


def _change_in_bulk(change: Change) -> str | None:
    """Why a change record cannot be staged, or None when it is simply not needed: an end that
    versions in one file already gave (BODS), a full extract's order check."""
    if isinstance(change, ExtractCheck):
        return BULK_UPDATE if change.kind == "update" else None
    if isinstance(change, ExtractApplied | LinksEnded):
        return None
    return BULK_UPDATE


# Staging appends: an upsert per row would keep a unique index current over millions of random
# keys, a large share of a parse worker's CPU. Rows are appended in arrival order and `fold()`
# merges them by key once, with one sort (docs/benchmarks.md).
_SCHEMA = """
CREATE TABLE raw_node (label TEXT NOT NULL, key TEXT NOT NULL, owner TEXT, props TEXT NOT NULL,
  source TEXT, loc TEXT, seq INTEGER NOT NULL);
CREATE TABLE raw_rel (type TEXT NOT NULL, key TEXT NOT NULL, src TEXT NOT NULL, dst TEXT NOT NULL,
  props TEXT NOT NULL, loc TEXT);
CREATE TABLE raw_ref_rel (type TEXT NOT NULL, key TEXT NOT NULL, src TEXT NOT NULL,
  dst TEXT NOT NULL, props TEXT NOT NULL, loc TEXT);
CREATE TABLE raw_ident (company TEXT NOT NULL, key TEXT NOT NULL);
"""
_APPEND_NODE = "INSERT INTO raw_node VALUES (?, ?, ?, ?, ?, ?, ?)"
_APPEND_REL = "INSERT INTO raw_rel VALUES (?, ?, ?, ?, ?, ?)"
# Links with an endpoint named by reference (graph_schema.keys.reference) wait here until every
# identifier is staged; fold() resolves them and appends them to raw_rel.
_APPEND_REF_REL = "INSERT INTO raw_ref_rel VALUES (?, ?, ?, ?, ?, ?)"
_APPEND_IDENT = "INSERT INTO raw_ident VALUES (?, ?)"
# A parallel worker's stage goes after everything already here, in its own order: rowids and
# node sequence numbers (shifted by the rows staged before it) are then those of a one-process run.
_MERGE = (
    "INSERT INTO raw_node SELECT label, key, owner, props, source, loc, seq + :offset "
    "FROM shard.raw_node ORDER BY rowid",
    "INSERT INTO raw_rel SELECT * FROM shard.raw_rel ORDER BY rowid",
    "INSERT INTO raw_ref_rel SELECT * FROM shard.raw_ref_rel ORDER BY rowid",
    "INSERT INTO raw_ident SELECT * FROM shard.raw_ident ORDER BY rowid",
)
# The folded stage: one row per key, rowid (the node id of the import files) in order of first
# appearance, as an upsert into an INTEGER PRIMARY KEY table would have numbered them.
_FOLDED_TABLES = """
CREATE TABLE folded_node (first INTEGER NOT NULL, label TEXT NOT NULL, key TEXT NOT NULL,
  owner TEXT, props TEXT NOT NULL, sources TEXT, loc TEXT);
CREATE TABLE folded_rel (first INTEGER NOT NULL, type TEXT NOT NULL, key TEXT NOT NULL,
  src TEXT NOT NULL, dst TEXT NOT NULL, props TEXT NOT NULL, loc TEXT);
"""
_FOLDED = (
    _FOLDED_TABLES
    + """
CREATE TABLE node (id INTEGER PRIMARY KEY, label TEXT NOT NULL, key TEXT NOT NULL, owner TEXT,
  props TEXT NOT NULL, sources TEXT, loc TEXT);
CREATE TABLE rel (type TEXT NOT NULL, key TEXT NOT NULL, src TEXT NOT NULL, dst TEXT NOT NULL,
  props TEXT NOT NULL, loc TEXT);
"""
)
# A parallel fold cuts the rows into parts by their key's last two characters (hex digits or
# registry numbers: even parts), so that every row of one key is in one part, folded alone.
_PART = (
    "(coalesce(unicode(substr(key, -1)), 0) + 7 * coalesce(unicode(substr(key, -2, 1)), 0))"
    " % :parts = :part"
)
_NODES = "SELECT label, key, owner, props, source, loc, seq FROM raw_node"
_NODE_ORDER = " ORDER BY label, key, seq"
_RELS = "SELECT type, key, src, props, dst, loc, rowid FROM raw_rel"
_REL_ORDER = " ORDER BY type, key, rowid"
_INSERT_FOLDED_NODE = "INSERT INTO folded_node VALUES (?, ?, ?, ?, ?, ?, ?)"
_INSERT_FOLDED_REL = "INSERT INTO folded_rel VALUES (?, ?, ?, ?, ?, ?, ?)"
# Each table is dropped as soon as nothing reads it: SQLite reuses the freed pages for the next
# table, so the file peaks at about raw + folded rows instead of raw + folded + numbered rows.
_NUMBER = """
CREATE TABLE ident (company TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (company, key));
INSERT OR IGNORE INTO ident SELECT company, key FROM raw_ident ORDER BY rowid;
DROP TABLE raw_rel; DROP TABLE raw_ident; DROP TABLE raw_ref_rel;
INSERT INTO node (label, key, owner, props, sources, loc)
  SELECT label, key, owner, props, sources, loc FROM folded_node ORDER BY first;
DROP TABLE folded_node;
INSERT INTO rel SELECT type, key, src, dst, props, loc FROM folded_rel ORDER BY first;
DROP TABLE folded_rel;
CREATE UNIQUE INDEX node_key ON node (label, key);
CREATE INDEX node_label ON node (label);
CREATE INDEX rel_type ON rel (type);
"""
_FOLD_BATCH = 10_000
_KEY_FIELDS = ("key", "src", "dst", "company", "person")  # not in props: checked apart
# Companies without a name that filed accounts naming them, first staged filing first.
_UNNAMED_WITH_ACCOUNTS = """
SELECT c.id, json_extract(s.props, '$.company_name') FROM node s
JOIN node c ON c.label = 'Company' AND c.key = s.owner
WHERE s.label = 'FinancialStatement' AND json_extract(s.props, '$.company_name') IS NOT NULL
  AND json_extract(c.props, '$.name') IS NULL
ORDER BY s.id
"""


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


@dataclass
class _Pending:
    """A node row held back by BulkStage._add_node while the next rows repeat it."""

    key: str
    owner: str | None
    props: dict[str, Any]
    text: str | None  # the JSON of props, until a repeat changes them
    source: str | None
    loc: str | None
    seq: int


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
    row = [location.file, location.line, location.record, fmt]
    try:
        return orjson.dumps(row).decode()
    except orjson.JSONEncodeError:  # a file name holding a lone surrogate (undecodable bytes)
        return json.dumps(row)


def _unloc(text: str | None) -> Origin | None:
    if text is None:
        return None
    file, line, record, fmt = json.loads(text)
    return Origin(Location(file, line, record), fmt)


class BulkStage:
    """`with BulkStage(path) as stage: stage.add(records, location)`; then read it back."""

    def __init__(self, path: Path, folded_types: dict[str, dict[str, str]] | None = None) -> None:
        """A new, empty stage at `path`; with `folded_types`, a folded stage reopened read-only
        (see `open_folded`)."""
        self.path = path
        # Column types per label / relationship type, from the Python values seen.
        self.types: dict[str, dict[str, str]] = folded_types if folded_types is not None else {}
        self._seen_py: dict[str, dict[str, type]] = {}
        self.rows = 0  # graph rows staged (before merging), as the writer would send them
        self._folded = folded_types is not None
        self._pending: dict[str, _Pending] = {}  # label -> the last node row, not yet appended
        self._last_ident: tuple[str, str] | None = None
        if self._folded:
            self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            self._db.execute("PRAGMA cache_size = -65536")
            return
        path.unlink(missing_ok=True)
        self._db = sqlite3.connect(path)
        # A scratch file: durability buys nothing here, speed does.
        self._db.executescript(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536;"
            # The fold's sorts may use helper threads (an int we choose, not input).
            + f"PRAGMA threads = {min(4, os.cpu_count() or 1)};"
            + _SCHEMA
        )
        self._db.execute("BEGIN")

    @classmethod
    def open_folded(cls, path: Path, types: dict[str, dict[str, str]]) -> BulkStage:
        """A folded stage opened read-only (an import-file writer in another process)."""
        return cls(path, folded_types=types)

    def sizes(self) -> dict[str, int]:
        """Rows per label and per relationship type: how long each import file is to write."""
        self.fold()
        query = "SELECT label, count(*) FROM node GROUP BY label"
        sizes = {str(name): int(n) for name, n in self._db.execute(query)}
        query = "SELECT type, count(*) FROM rel GROUP BY type"
        sizes.update((str(name), int(n)) for name, n in self._db.execute(query))
        return sizes

    def __enter__(self) -> BulkStage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._db.in_transaction:
            self._db.commit()
        self._db.close()

    def commit(self) -> None:
        self._flush()
        self._db.commit()
        self._db.execute("BEGIN")

    def _note_types(self, kind: str, props: dict[str, Any]) -> None:
        types = self.types.setdefault(kind, {})
        seen = self._seen_py.setdefault(kind, {})
        for name, value in props.items():
            py = type(value)
            if py is list and value:
                py = type(value[0])
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
        self._check_open()
        staged: list[tuple[Record, dict[str, Any], str]] = []
        for record in records:
            if isinstance(record, Change):
                problem = _change_in_bulk(record)
                if problem is not None:
                    return problem
                continue
            if isinstance(record, CompanyRecord | PersonRecord) and is_reference(record.key):
                return _REFERENCED_NODE
            props = record.graph_props()
            fields = record.__dict__  # not getattr(): see loaders.pipeline.too_long
            try:
                text = _dumps(props)  # orjson refuses a lone surrogate
                for name in _KEY_FIELDS:
                    key = fields.get(name)
                    if key is not None and not key.isascii():  # keys are mostly ASCII
                        key.encode("utf-8")
            except (UnicodeEncodeError, orjson.JSONEncodeError):
                return lone_surrogate(records) or "a value holds a lone surrogate (not a character)"
            if _DELIMITER_JSON in text and (problem := _delimiter_in_list(props)):
                return problem
            staged.append((record, props, text))
        loc = _loc(location, fmt)
        for record, props, text in staged:
            self._add_one(record, props, text, loc)
        for record in records:
            if isinstance(record, ExtractApplied):
                self._add_load_state(record)
        return None

    def _add_load_state(self, applied: ExtractApplied) -> None:
        """The extract a source is at: the graph an import makes knows it, as a load's does."""
        props: dict[str, Any] = {
            "extract_number": applied.number,
            "extract_type": applied.kind,
            "snapshot": applied.snapshot,
            "source_file": applied.provenance.source_file,
        }
        props = {k: v for k, v in props.items() if v is not None}
        self.rows += 1
        self._note_types(LOAD_STATE, props)
        self._add_node(LOAD_STATE, applied.source, None, props, None, None, None)

    def _add_one(self, record: Record, props: dict[str, Any], text: str, loc: str) -> None:
        self.rows += 1
        if isinstance(record, Link):
            kind = record.rel_type.value
            self._note_types(kind, props)
            referenced = is_reference(record.src) or is_reference(record.dst)
            append = _APPEND_REF_REL if referenced else _APPEND_REL
            self._db.execute(append, (kind, record.key, record.src, record.dst, text, loc))
            return
        if not isinstance(record, Node):  # pragma: no cover - every record is a Node or a Link
            raise TypeError(f"no stage for {type(record).__name__}")
        label = record.label.value
        owner = None if record.owner is None else str(getattr(record, record.owner.field))
        self._note_types(label, props)
        source = str(props.get("source", "")) if label in WITH_SOURCES else None
        self._add_node(label, record.key, owner, props, text, source, loc)
        if isinstance(record, CompanyRecord | PersonRecord):
            for ident in record.identifiers:
                self.rows += 1
                facts = {"scheme": ident.scheme, "value": ident.value, "validated": ident.validated}
                self._add_node(IDENTIFIER, ident.key, None, facts, None, None, None)
                if self._last_ident != (record.key, ident.key):
                    self._last_ident = (record.key, ident.key)
                    self._db.execute(_APPEND_IDENT, self._last_ident)

    def _add_node(
        self,
        label: str,
        key: str,
        owner: str | None,
        props: dict[str, Any],
        text: str | None,
        source: str | None,
        loc: str | None,
    ) -> None:
        """Buffer one node row per label and merge the rows that repeat it straight away (every
        filing of a company restates the company and its identifiers): a third of the staged
        rows, which then cost neither an append nor a place in the fold's sort. Only repeats
        from the same source are merged here, so a row's `sources` stays one source."""
        seq = self.rows - 1  # the rows staged before this one: the same in any worker layout
        pending = self._pending.get(label)
        if pending is not None and pending.key == key and pending.source == source:
            if label != IDENTIFIER:  # identifiers keep their first facts
                pending.props.update(props)
                pending.text = None
            return
        if pending is not None:
            self._append(label, pending)
        self._pending[label] = _Pending(key, owner, dict(props), text, source, loc, seq)

    def _append(self, label: str, row: _Pending) -> None:
        text = row.text if row.text is not None else _dumps(row.props)
        self._db.execute(
            _APPEND_NODE, (label, row.key, row.owner, text, row.source, row.loc, row.seq)
        )

    def _flush(self) -> None:
        for label, row in self._pending.items():
            self._append(label, row)
        self._pending.clear()

    def merge(self, other: Path, types: dict[str, dict[str, str]], rows: int) -> None:
        """Append another stage file (written by a parallel worker) after everything already
        here, then delete it."""
        self._check_open()
        self._flush()
        self._db.commit()  # ATTACH is refused inside a transaction
        self._db.execute("ATTACH DATABASE ? AS shard", (str(other),))
        try:
            self._db.execute("BEGIN")
            for statement in _MERGE:
                self._db.execute(statement, {"offset": self.rows})
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

    def _check_open(self) -> None:
        if self._folded:
            raise RuntimeError("the stage is folded: nothing more can be staged")

    def fold(self, workers: int = 1) -> None:
        """Merge the appended rows by key, as the writer's upserts merge them in the graph:
        props patched in arrival order (later facts win), `sources` in first-seen order, the
        owner, endpoints and origin of the first row; an identifier keeps its first facts.
        Sorting once costs far less than keeping a unique index current on every append.
        With `workers` > 1, parts of the keys are folded by that many processes side by side;
        the numbering that follows (by first appearance) makes the result the same.
        Reading back folds first; folding twice is a no-op."""
        if self._folded:
            return
        self._flush()
        self._resolve_references()
        self._db.executescript(_FOLDED)  # commits what was staged first
        if workers > 1:
            self._fold_in_parallel(workers)
        else:
            nodes = self._db.execute(_NODES + _NODE_ORDER)
            _fold_rows(self._db, nodes, _INSERT_FOLDED_NODE, True)
            self._db.execute("DROP TABLE raw_node")
            rels = self._db.execute(_RELS + _REL_ORDER)
            _fold_rows(self._db, rels, _INSERT_FOLDED_REL, False)
        self._db.executescript(_NUMBER)
        self._name_from_accounts()
        self._db.commit()
        self._folded = True

    def _resolve_references(self) -> None:
        """Links naming an endpoint by reference: the node that carries the identifier, staged
        from any input of the import; the link key is settled as the writer settles it. A
        reference found nowhere is left as it is and rejected as dangling when files are
        written."""
        pending = self._db.execute("SELECT count(*) FROM raw_ref_rel").fetchone()[0]
        if not pending:
            return
        self._db.executescript(
            "DROP INDEX IF EXISTS raw_ident_key; "
            "CREATE INDEX raw_ident_key ON raw_ident (key); BEGIN;"
        )
        rows = self._db.execute(
            "SELECT type, key, src, dst, props, loc FROM raw_ref_rel ORDER BY rowid"
        ).fetchall()
        resolved = []
        for kind, key, src, dst, props, loc in rows:
            src, dst = self._resolved(src), self._resolved(dst)
            if not (is_reference(src) or is_reference(dst)):
                key = settle_relationship_key(key, src, dst)
            resolved.append((kind, key, src, dst, props, loc))
        self._db.executemany(_APPEND_REL, resolved)
        self._db.execute("DROP INDEX raw_ident_key")
        self._db.execute("DELETE FROM raw_ref_rel")
        self._db.commit()
        self._db.execute("BEGIN")

    def _resolved(self, value: str) -> str:
        if not is_reference(value):
            return value
        found = self._db.execute(
            "SELECT company FROM raw_ident WHERE key = ? "
            "ORDER BY company LIKE 'XI-%', company LIMIT 1",
            (referenced_identifier(value),),
        ).fetchone()
        return str(found[0]) if found else value

    def _fold_in_parallel(self, parts: int) -> None:
        paths = [
            self.path.with_name(f"{self.path.stem}-fold-{part}.sqlite") for part in range(parts)
        ]
        # spawn, as the parse workers: a forked copy of a process holding threads is unsafe.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=parts, mp_context=context) as pool:
            futures = [
                pool.submit(_fold_part, self.path, part, parts, path, os.getpid())
                for part, path in enumerate(paths)
            ]
            for future in futures:
                future.result()
        self._db.execute("DROP TABLE raw_node")  # its pages take the folded rows
        self._db.commit()  # ATTACH is refused inside a transaction
        for path in paths:
            self._db.execute("ATTACH DATABASE ? AS part", (str(path),))
            try:
                self._db.execute("BEGIN")
                self._db.execute("INSERT INTO folded_node SELECT * FROM part.folded_node")
                self._db.execute("INSERT INTO folded_rel SELECT * FROM part.folded_rel")
                self._db.commit()
            finally:
                self._db.execute("DETACH DATABASE part")
            path.unlink(missing_ok=True)

    def _name_from_accounts(self) -> None:
        """A company no source named takes the name printed on its first staged filing, as
        the upsert names it in a transactional load (`Node.names_owner`)."""
        rows = self._db.execute(_UNNAMED_WITH_ACCOUNTS).fetchall()
        named: dict[int, str] = {}
        for company_id, name in rows:
            named.setdefault(int(company_id), str(name))
        for company_id, name in named.items():
            query = "SELECT props FROM node WHERE id = ?"
            (text,) = self._db.execute(query, (company_id,)).fetchone()
            props = orjson.loads(text)
            props["name"] = name
            props["search_names"] = [company_search_name(name)]
            self._note_types(NodeLabel.COMPANY.value, props)
            self._db.execute("UPDATE node SET props = ? WHERE id = ?", (_dumps(props), company_id))

    # Reading back, in the order the import files are written.

    def labels(self) -> list[str]:
        self.fold()
        rows = self._db.execute("SELECT DISTINCT label FROM node ORDER BY label").fetchall()
        return [str(r[0]) for r in rows]

    def rel_types(self) -> list[str]:
        self.fold()
        rows = self._db.execute("SELECT DISTINCT type FROM rel ORDER BY type").fetchall()
        return [str(r[0]) for r in rows]

    def nodes(self, label: str) -> Iterator[StagedNode]:
        """Nodes of one label; owned nodes carry their owner's key and staged id."""
        self.fold()
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
        self.fold()
        owner_label, _ = OWNED[label]
        cursor = self._db.execute(
            "SELECT n.key, n.owner, o.id, n.id, n.props, n.loc FROM node n "
            "LEFT JOIN node o ON o.label = ? AND o.key = n.owner WHERE n.label = ? ORDER BY n.id",
            (owner_label, label),
        )
        for key, owner, owner_id, node_id, props, loc in cursor:
            yield StagedRel(None, owner, key, owner_id, node_id, orjson.loads(props), _unloc(loc))

    def identifier_links(self) -> Iterator[StagedRel]:
        self.fold()
        marks = ", ".join("?" * len(_IDENTIFIED))  # labels from the contract, never input
        cursor = self._db.execute(
            # CROSS JOIN keeps this join order (SQLite's rule): by ident, two key lookups.
            "SELECT l.company, l.key, c.id, i.id FROM ident l "
            f"CROSS JOIN node c ON c.label IN ({marks}) AND c.key = l.company "
            "CROSS JOIN node i ON i.label = ? AND i.key = l.key ORDER BY c.id, i.id",
            (*_IDENTIFIED, IDENTIFIER),
        )
        for company, key, company_id, ident_id in cursor:
            yield StagedRel(None, company, key, company_id, ident_id, {}, None)

    def links(self, rel_type: str) -> Iterator[StagedRel]:
        self.fold()
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


def _fold_part(stage: Path, part: int, parts: int, out: Path, parent: int) -> None:
    """In a worker process: fold the rows of one part of the keys into a file of its own."""
    out.unlink(missing_ok=True)
    source = sqlite3.connect(f"file:{stage}?mode=ro", uri=True)
    target = sqlite3.connect(out)
    try:
        source.execute("PRAGMA cache_size = -65536")
        target.executescript(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + _FOLDED_TABLES
        )
        where = {"parts": parts, "part": part}
        nodes = source.execute(f"{_NODES} WHERE {_PART}{_NODE_ORDER}", where)
        _fold_rows(target, _watched(nodes, parent), _INSERT_FOLDED_NODE, True)
        rels = source.execute(f"{_RELS} WHERE {_PART}{_REL_ORDER}", where)
        _fold_rows(target, _watched(rels, parent), _INSERT_FOLDED_REL, False)
        target.commit()
    finally:
        target.close()
        source.close()


ORPHAN_CHECK_EVERY = 100_000  # rows between two checks that the main process still lives


def _watched(rows: Iterator[tuple[Any, ...]], parent: int) -> Iterator[tuple[Any, ...]]:
    """The rows, but a worker whose main process was killed stops: nobody will read its
    part, and the next run recreates every scratch file."""
    for count, row in enumerate(rows):
        if count % ORPHAN_CHECK_EVERY == 0 and os.getppid() != parent:
            os._exit(1)
        yield row


def _dumps(props: dict[str, Any]) -> str:
    # orjson writes enums, dates, datetimes and tuples itself, in Rust: far cheaper than
    # json.dumps over a Python walk of the values.
    return orjson.dumps(props).decode()


def _fold_rows(
    db: sqlite3.Connection, rows: Iterator[tuple[Any, ...]], insert: str, is_node: bool
) -> None:
    """Rows sorted by (kind, key, arrival) -> one row per key: (first arrival, kind, key,
    owner or src, props, sources or dst, loc), written in batches.

    Nodes come as (label, key, owner, props, source, loc, seq) and leave with `sources` as a
    JSON list (None for labels without sources); links come as (type, key, src, props, dst, loc,
    seq), props in the same place. A key seen once (most of them) passes through without
    parsing its JSON."""
    batch: list[tuple[Any, ...]] = []
    head: tuple[Any, ...] | None = None
    repeats: list[tuple[Any, ...]] = []  # the rows after `head` with its key
    for row in rows:
        if head is not None and row[1] == head[1] and row[0] == head[0]:
            repeats.append(row)
            continue
        if head is not None:
            batch.append(_fold_group(head, repeats, is_node))
            if repeats:
                repeats = []
            if len(batch) >= _FOLD_BATCH:
                db.executemany(insert, batch)
                batch = []
        head = row
    if head is not None:
        batch.append(_fold_group(head, repeats, is_node))
    if batch:
        db.executemany(insert, batch)


def _fold_group(
    head: tuple[Any, ...], repeats: list[tuple[Any, ...]], is_node: bool
) -> tuple[Any, ...]:
    kind, key, third, props, fifth, loc, first = head
    if repeats and not (is_node and kind == IDENTIFIER):  # identifiers: first facts
        merged = orjson.loads(props)
        for row in repeats:
            merged.update(orjson.loads(row[3]))  # json_patch / `SET n += props`: no nulls
        props = orjson.dumps(merged).decode()
    if not is_node:
        return (first, kind, key, third, fifth, props, loc)
    sources: str | None = None
    if fifth is not None:
        seen = [fifth, *(row[4] for row in repeats)] if repeats else [fifth]
        sources = orjson.dumps(list(dict.fromkeys(seen))).decode()
    return (first, kind, key, third, props, sources, loc)
