"""GraphWriter: buffers canonical records and writes them to Neo4j in idempotent batches."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, LiteralString

from neo4j import Driver, ManagedTransaction

from graph_schema.changes import Change, ExtractCheck, LinksEnded, TopicsAdded
from graph_schema.edges import Link
from graph_schema.errors import OutOfOrder
from graph_schema.keys import (
    deferred_references,
    is_reference,
    referenced_identifier,
    settle_relationship_key,
    settle_with,
)
from graph_schema.labels import NodeLabel, RelType
from graph_schema.nodes import CompanyRecord, Node, PersonRecord, Record
from loaders.rejects import Location, Rejection
from loaders.write import changes as change_cypher
from loaders.write.upserts import IDENTIFIER_UPSERT, LINK_UPSERTS, NODE_UPSERTS, OWNED_UPSERTS


@dataclass
class WriteStats:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, created: int, updated: int, unchanged: int) -> None:
        self.created += created
        self.updated += updated
        self.unchanged += unchanged


@dataclass
class _Pending:
    rows: list[dict[str, Any]] = field(default_factory=list)
    locations: list[list[Location]] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)

    def put(self, row: dict[str, Any], location: Location) -> None:
        """Rows of one key within a batch are merged, later facts winning (as for nodes): two
        records of one file that disagree must not look like a change (changed_at) on every
        re-load of that file."""
        at = self.index.get(row["key"])
        if at is None:
            self.index[row["key"]] = len(self.rows)
            self.rows.append(row)
            self.locations.append([location])
        else:
            merged = {**self.rows[at]["props"], **row["props"]}
            self.rows[at] = {**row, "props": merged}
            self.locations[at].append(location)

    def rewritten(self, rewrite: Callable[[dict[str, Any]], dict[str, Any]]) -> _Pending:
        """The same rows through `rewrite` (resolved endpoints change keys): rows that now share
        a key merge, keeping every source location."""
        out = _Pending()
        for row, locations in zip(self.rows, self.locations, strict=True):
            new = rewrite(row)
            out.put(new, locations[0])
            out.locations[out.index[new["key"]]].extend(locations[1:])
        return out


@dataclass
class _Step:
    """One statement of a batch, and what to do with its result."""

    query: LiteralString
    rows: list[dict[str, Any]]
    stats: WriteStats | None = None
    pending: _Pending | None = None  # set for owned nodes and links: dangling rows to report
    start: int = 0  # offset of `rows` in `pending`
    what: str = ""
    # For change records: rows carry `i`, the change's index; `missing` gets the indexes the
    # statement did not return (an entity named by a change that is not in the graph).
    changes: list[tuple[Change, Location]] | None = None


def _dangling(ends: list[str]) -> str:
    """The rejection reason of a row whose endpoint is missing: a reference a file made to a
    record it does not hold is named as such."""
    unresolved = [referenced_identifier(e) for e in ends if is_reference(e)]
    if unresolved:
        names = ", ".join(unresolved)
        return f"dangling reference: {names} is neither in this file nor in the graph"
    return f"dangling reference: {' -> '.join(ends)} is not in the graph"


def _change_refs(change: Change) -> list[str]:
    if isinstance(change, TopicsAdded):
        values = [change.key]
    elif isinstance(change, LinksEnded):
        values = [change.src, change.dst or ""]
        values += [ref for key in change.keep for ref in deferred_references(key)]
    else:
        values = []
    return [v for v in values if is_reference(v)]


def _resolved_change(change: Change, resolve: Callable[[Any], Any]) -> Change:
    if isinstance(change, TopicsAdded):
        return change.model_copy(update={"key": resolve(change.key)})
    if isinstance(change, LinksEnded):
        keep = [settle_with(key, resolve) for key in change.keep]
        update = {"src": resolve(change.src), "dst": resolve(change.dst), "keep": keep}
        return change.model_copy(update=update)
    return change


def _read_one(tx: ManagedTransaction, query: LiteralString, source: str) -> list[Any] | None:
    record = tx.run(query, source=source).single()
    return None if record is None else list(record.values())


def _read_all(tx: ManagedTransaction, query: LiteralString, ids: list[str]) -> list[list[Any]]:
    return [record.values() for record in tx.run(query, ids=ids)]


def _run_statements(
    tx: ManagedTransaction,
    statements: list[tuple[LiteralString, list[dict[str, Any]]]],
    now: datetime,
) -> list[list[Any]]:
    # Return plain data: a Result must not escape its transaction (retries re-run all of it).
    return [
        [record.values() for record in tx.run(query, rows=rows, now=now)]
        for query, rows in statements
    ]


class GraphWriter:
    """`with GraphWriter(driver, database) as w: w.add(records, location)`.

    Nodes are flushed before the links that reference them; a link or event whose endpoint is
    not in the graph comes back from `take_rejections()` with its source location.
    """

    def __init__(
        self, driver: Driver, database: str, batch_size: int = 5000, now: datetime | None = None
    ) -> None:
        self._driver = driver
        # One timestamp per load run: first_loaded_at / changed_at (what `changes` reports).
        self._now = now or datetime.now(UTC)
        self._database = database
        self._batch_size = batch_size
        self._nodes: dict[NodeLabel, dict[str, dict[str, Any]]] = defaultdict(dict)
        self._identifiers: dict[str, dict[str, Any]] = {}
        self._owned: dict[NodeLabel, _Pending] = defaultdict(_Pending)
        self._links: dict[RelType, _Pending] = defaultdict(_Pending)
        # Change records, applied after the nodes and links buffered before them.
        self._changes: list[tuple[Change, Location]] = []
        # Node records about a node named by reference (it must exist already): resolved first.
        self._referenced: list[tuple[NodeLabel, str, dict[str, Any], Location]] = []
        self._buffered = 0
        self._rejections: list[Rejection] = []
        self.nodes = WriteStats()
        self.links = WriteStats()

    def __enter__(self) -> GraphWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.flush()

    def add(self, records: Iterable[Record], location: Location) -> None:
        records = list(records)
        # A change applies after what came before it, never to what comes after: records that
        # follow buffered changes wait for them (a DEL then a re-ADD of one entity).
        if self._changes and any(not isinstance(r, Change) for r in records):
            self.flush()
        for record in records:
            if isinstance(record, ExtractCheck):
                self.flush()
                self._check_extract(record)
            elif isinstance(record, Change):
                self._buffered += 1
                self._changes.append((record, location))
            else:
                self._add_one(record, location)
        if self._buffered >= self._batch_size:
            self.flush()

    def _check_extract(self, check: ExtractCheck) -> None:
        with self._driver.session(database=self._database) as session:
            found = session.execute_read(_read_one, change_cypher.EXTRACT_STATE, check.source)
        last = found[0] if found else None
        refusal = check.refusal(int(last) if last is not None else None)
        if refusal is not None:
            raise OutOfOrder(refusal)

    def _add_one(self, record: Record, location: Location) -> None:
        self._buffered += 1
        props = record.graph_props()
        if isinstance(record, CompanyRecord | PersonRecord) and is_reference(record.key):
            self._referenced.append((record.label, record.key, props, location))
        elif isinstance(record, Link):
            pending = self._links[record.rel_type]
            row = {"key": record.key, "src": record.src, "dst": record.dst, "props": props}
            pending.put(row, location)
        elif isinstance(record, Node) and record.owner is not None:
            owner = getattr(record, record.owner.field)
            owned: dict[str, object] = {"key": record.key, "owner": owner, "props": props}
            if record.names_owner:
                owned["owner_name"] = record.owner_name()
                owned["owner_search_names"] = record.owner_search_names()
            self._owned[record.label].put(owned, location)
        elif isinstance(record, Node):
            bucket = self._nodes[record.label]
            previous = bucket.get(record.key)
            bucket[record.key] = {**previous["props"], **props} if previous else props
            bucket[record.key] = {"key": record.key, "props": bucket[record.key]}
            if isinstance(record, CompanyRecord | PersonRecord):
                for ident in record.identifiers:
                    self._identifiers[f"{record.key}|{ident.key}"] = {
                        "company": record.key,
                        "key": ident.key,
                        "scheme": ident.scheme,
                        "value": ident.value,
                        "validated": ident.validated,
                    }
        else:  # pragma: no cover - every record class is a Node or a Link
            raise TypeError(f"no writer for {type(record).__name__}")

    def take_rejections(self) -> list[Rejection]:
        taken, self._rejections = self._rejections, []
        return taken

    def flush(self) -> None:
        """Write the buffered batch in one transaction: one commit (one log flush) per batch,
        and a batch lands whole or not at all."""
        self._resolve_references()
        steps = self._steps() + self._change_steps()
        if steps:
            statements = [(step.query, step.rows) for step in steps]
            with self._driver.session(database=self._database) as session:
                results = session.execute_write(_run_statements, statements, self._now)
            for step, result in zip(steps, results, strict=True):
                self._settle(step, result)
        self._nodes.clear()
        self._identifiers.clear()
        self._owned.clear()
        self._links.clear()
        self._changes.clear()
        self._referenced.clear()
        self._buffered = 0

    def _resolve_references(self) -> None:
        """Endpoints named by a source identifier (`ref:`) become the keys of the nodes that
        carry it, in this batch or already in the graph; deferred link keys are settled.
        A reference found nowhere stays as it is and is rejected as dangling."""
        wanted = self._wanted_references()
        if not wanted:
            return
        found = {
            row["key"]: row["company"] for row in self._identifiers.values() if row["key"] in wanted
        }
        rest = sorted(wanted - found.keys())
        if rest:
            with self._driver.session(database=self._database) as session:
                rows = session.execute_read(_read_all, change_cypher.RESOLVE_REFERENCES, rest)
            found.update({str(ident): str(key) for ident, key in rows})

        def resolve(value: Any) -> Any:
            if isinstance(value, str) and is_reference(value):
                return found.get(referenced_identifier(value), value)
            return value

        def rewrite(row: dict[str, Any]) -> dict[str, Any]:
            new = {**row}
            for name in ("src", "dst", "owner"):
                if name in new:
                    new[name] = resolve(new[name])
            if "src" in new:
                new["key"] = settle_relationship_key(new["key"], new["src"], new["dst"])
            return new

        for query, pending in list(self._owned.items()):
            self._owned[query] = pending.rewritten(rewrite)
        for rel_type, pending in list(self._links.items()):
            self._links[rel_type] = pending.rewritten(rewrite)
        self._changes = [(_resolved_change(c, resolve), where) for c, where in self._changes]
        for label, key, props, where in self._referenced:
            found_key = resolve(key)
            if is_reference(found_key):
                self._rejections.append(Rejection(where, _dangling([key]), raw=props))
                continue
            bucket = self._nodes[label]
            previous = bucket.get(found_key)
            merged = {**previous["props"], **props} if previous else props
            bucket[found_key] = {"key": found_key, "props": merged}
        self._referenced.clear()

    def _wanted_references(self) -> set[str]:
        wanted = {referenced_identifier(key) for _, key, _, _ in self._referenced}
        for pending in [*self._owned.values(), *self._links.values()]:
            for row in pending.rows:
                for name in ("src", "dst", "owner"):
                    value = row.get(name)
                    if isinstance(value, str) and is_reference(value):
                        wanted.add(referenced_identifier(value))
        for change, _ in self._changes:
            wanted.update(referenced_identifier(v) for v in _change_refs(change))
        return wanted

    def _change_steps(self) -> list[_Step]:
        """The buffered change records as statements, after the batch's nodes and links."""
        changes = [change for change, _ in self._changes]
        return [
            _Step(query, rows, changes=self._changes if checked else None)
            for query, rows, checked in change_cypher.statements(changes, self._now.date())
        ]

    def _steps(self) -> list[_Step]:
        """Statements in write order: nodes, identifiers, then what references them."""
        steps: list[_Step] = []
        for label, bucket in self._nodes.items():
            rows = list(bucket.values())
            for start in range(0, len(rows), self._batch_size):
                chunk = rows[start : start + self._batch_size]
                steps.append(_Step(NODE_UPSERTS[label], chunk, self.nodes))
        ident_rows = list(self._identifiers.values())
        for start in range(0, len(ident_rows), self._batch_size):
            steps.append(_Step(IDENTIFIER_UPSERT, ident_rows[start : start + self._batch_size]))
        for label, pending in self._owned.items():
            query = OWNED_UPSERTS[label]
            steps.extend(self._pending_steps(query, pending, self.nodes, "owner"))
        for rel_type, pending in self._links.items():
            query = LINK_UPSERTS[rel_type]
            steps.extend(self._pending_steps(query, pending, self.links, "endpoint"))
        return steps

    def _pending_steps(
        self, query: LiteralString, pending: _Pending, stats: WriteStats, what: str
    ) -> Iterable[_Step]:
        for start in range(0, len(pending.rows), self._batch_size):
            rows = pending.rows[start : start + self._batch_size]
            yield _Step(query, rows, stats, pending, start, what)

    def _settle(self, step: _Step, result: list[Any]) -> None:
        """Count what the statement did; rows it did not write reference a missing node."""
        if step.stats is not None:
            self._count(step.stats, result)
        if step.changes is not None:
            done = {row[0] for row in result}
            for row in step.rows:
                if row["i"] not in done:
                    change, where = step.changes[row["i"]]
                    self._rejections.append(
                        Rejection(where, _dangling([row["key"]]), raw=change.graph_props())
                    )
        if step.pending is None:
            return
        written = {row[0] for row in result}
        for offset, row in enumerate(step.rows):
            if row["key"] not in written:
                ends = [row["owner"]] if step.what == "owner" else [row["src"], row["dst"]]
                self._rejections.extend(
                    Rejection(where, _dangling(ends), raw=row["props"])
                    for where in step.pending.locations[step.start + offset]
                )

    @staticmethod
    def _count(stats: WriteStats, result: list[Any]) -> None:
        created = sum(1 for _, was_created, _ in result if was_created)
        updated = sum(1 for _, was_created, changed in result if not was_created and changed)
        stats.add(created, updated, len(result) - created - updated)
