"""GraphWriter: buffers canonical records and writes them to Neo4j in idempotent batches."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, LiteralString

from neo4j import Driver, ManagedTransaction

from graph_schema.edges import Link
from graph_schema.labels import NodeLabel, RelType
from graph_schema.nodes import CompanyRecord, Node, Record
from loaders.rejects import Location, Rejection
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


@dataclass
class _Step:
    """One statement of a batch, and what to do with its result."""

    query: LiteralString
    rows: list[dict[str, Any]]
    stats: WriteStats | None = None
    pending: _Pending | None = None  # set for owned nodes and links: dangling rows to report
    start: int = 0  # offset of `rows` in `pending`
    what: str = ""


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
        for record in records:
            self._add_one(record, location)
        if self._buffered >= self._batch_size:
            self.flush()

    def _add_one(self, record: Record, location: Location) -> None:
        self._buffered += 1
        props = record.graph_props()
        if isinstance(record, Link):
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
            if isinstance(record, CompanyRecord):
                for ident in record.identifiers:
                    self._identifiers[f"{record.key}|{ident.key}"] = {
                        "company": record.key,
                        "key": ident.key,
                        "scheme": ident.scheme,
                        "value": ident.value,
                    }
        else:  # pragma: no cover - every record class is a Node or a Link
            raise TypeError(f"no writer for {type(record).__name__}")

    def take_rejections(self) -> list[Rejection]:
        taken, self._rejections = self._rejections, []
        return taken

    def flush(self) -> None:
        """Write the buffered batch in one transaction: one commit (one log flush) per batch,
        and a batch lands whole or not at all."""
        steps = self._steps()
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
        self._buffered = 0

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
        if step.pending is None:
            return
        written = {row[0] for row in result}
        for offset, row in enumerate(step.rows):
            if row["key"] not in written:
                refs = (
                    row.get("owner")
                    if step.what == "owner"
                    else f"{row.get('src')} -> {row.get('dst')}"
                )
                self._rejections.extend(
                    Rejection(
                        where,
                        f"dangling reference: {refs} is not in the graph",
                        raw=row["props"],
                    )
                    for where in step.pending.locations[step.start + offset]
                )

    @staticmethod
    def _count(stats: WriteStats, result: list[Any]) -> None:
        created = sum(1 for _, was_created, _ in result if was_created)
        updated = sum(1 for _, was_created, changed in result if not was_created and changed)
        stats.add(created, updated, len(result) - created - updated)
