"""A BulkStage written out in the CSV format of `neo4j-admin database import full`.

One file per label and per relationship type, a typed header (`:ID`, `key`, `name`,
`incorporated_on:date`, `sources:string[]`, …, `:START_ID`/`:END_ID`), integer ids from the
stage (one id space for every node), lists split on U+001F. Every node and link gets the
`first_loaded_at` a transactional load would give it, so the imported graph answers `changes`
and the API exactly like a loaded one. A link or owned node whose endpoint is missing is not
written and comes back as a rejection, as the writer reports a dangling reference.
"""

from __future__ import annotations

import csv
import multiprocessing
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from graph_schema.keys import is_reference, referenced_identifier
from graph_schema.labels import RelType
from graph_schema.nodes import Identifier
from graph_schema.write_contract import NODE_TYPES
from loaders.bulk.stage import (
    ARRAY_DELIMITER,
    IDENTIFIER,
    OWNED,
    WITH_SOURCES,
    BulkStage,
    Origin,
    StagedRel,
)
from loaders.rejects import Location, Rejection

# Every node record gets the load stamp the upserts set; identifiers and owner links carry
# no properties and no stamp (IDENTIFIER_UPSERT).
_STAMPED_LABELS = frozenset(label.value for label in NODE_TYPES)
# The labels each node file gets (`--nodes=Company:Entity=…`), from the node declarations.
NODE_LABELS: dict[str, str] = {
    label.value: ":".join(cls.node_labels()) for label, cls in NODE_TYPES.items()
}
# One id space for every node (the stage numbers them all in one table): a link's ends are
# given by id, and the stage resolves them on the labels its type declares (ENDPOINTS).
NODE_ID = ":ID"
LINK_ENDS = [":START_ID", ":END_ID"]


@dataclass
class ImportFiles:
    """What `neo4j-admin database import full` is given."""

    nodes: dict[str, Path] = field(default_factory=dict)  # labels spec -> file
    relationships: dict[str, list[Path]] = field(default_factory=dict)  # type -> files
    multiline: list[Path] = field(default_factory=list)  # files with a newline inside a value
    node_rows: int = 0
    relationship_rows: int = 0
    rejections: list[Rejection] = field(default_factory=list)

    def arguments(self) -> list[str]:
        args = [f"--nodes={labels}={path}" for labels, path in self.nodes.items()]
        args += [
            f"--relationships={rel_type}={','.join(str(p) for p in paths)}"
            for rel_type, paths in self.relationships.items()
        ]
        args.append(f"--array-delimiter=U+{ord(ARRAY_DELIMITER):04X}")
        if self.multiline:
            # v2 names the files that need multi-line parsing: the rest keep the fast path.
            args.append("--multiline-fields-format=v2")
            args.append("--multiline-fields=" + ",".join(str(p) for p in self.multiline))
        return args


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ARRAY_DELIMITER.join(_cell(v) for v in value)
    return str(value)


class _Csv:
    """One import file: typed header, then rows; notes whether a value spans lines."""

    def __init__(self, path: Path, header: list[str]) -> None:
        self.path = path
        self._fh = path.open("w", encoding="utf-8", newline="")
        self._writer = csv.writer(self._fh, lineterminator="\n")
        self._writer.writerow(header)
        self.rows = 0
        self.multiline = False

    def write(self, cells: list[str]) -> None:
        if not self.multiline and any("\n" in c or "\r" in c for c in cells):
            self.multiline = True
        self._writer.writerow(cells)
        self.rows += 1

    def close(self) -> None:
        self._fh.close()

    def __enter__(self) -> _Csv:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _columns(types: dict[str, str]) -> list[tuple[str, str]]:
    return sorted((name, kind) for name, kind in types.items() if name != "key")


def _header(columns: list[tuple[str, str]]) -> list[str]:
    return [name if kind == "string" else f"{name}:{kind}" for name, kind in columns]


@dataclass(frozen=True)
class _Part:
    """One import file as written by `_write_part` (possibly in another process)."""

    kind: str  # "nodes" or "relationships"
    name: str  # the labels spec of a node file, the type of a relationship file
    path: Path
    rows: int
    multiline: bool
    rejections: list[Rejection]


Task = tuple[str, str]  # ("nodes" | "owned" | "identifiers" | "links", label or type)


def _tasks(stage: BulkStage) -> list[Task]:
    """Every file to write, in the order the import files are listed and rejections reported."""
    labels = stage.labels()
    tasks: list[Task] = [("nodes", label) for label in labels]
    tasks += [("owned", label) for label in OWNED if label in labels]
    if IDENTIFIER in labels:
        tasks.append(("identifiers", IDENTIFIER))
    tasks += [("links", rel_type) for rel_type in stage.rel_types()]
    return tasks


def write_import_files(
    stage: BulkStage, out_dir: Path, now: datetime, workers: int = 1
) -> ImportFiles:
    """Write every import file from the (folded) stage; with `workers` > 1 the files are
    written side by side by worker processes reading the stage, largest first. The files and
    the order of rejections are the same either way."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = now.isoformat()
    tasks = _tasks(stage)
    if workers > 1 and len(tasks) > 1:
        sizes = stage.sizes()
        by_size = sorted(tasks, key=lambda task: sizes.get(task[1], 0), reverse=True)
        # spawn, as for parsing: the caller may hold threads (progress bar).
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = {
                task: pool.submit(_write_part_from, stage.path, stage.types, task, out_dir, stamp)
                for task in by_size
            }
            parts = [futures[task].result() for task in tasks]
    else:
        parts = [_write_part(stage, task, out_dir, stamp) for task in tasks]
    files = ImportFiles()
    for part in parts:
        if part.kind == "nodes":
            files.nodes[part.name] = part.path
            files.node_rows += part.rows
        else:
            files.relationships.setdefault(part.name, []).append(part.path)
            files.relationship_rows += part.rows
        files.rejections += part.rejections
        if part.multiline:
            files.multiline.append(part.path)
    return files


def _write_part_from(
    stage_path: Path, types: dict[str, dict[str, str]], task: Task, out_dir: Path, stamp: str
) -> _Part:
    """In a worker process: open the folded stage read-only and write one file."""
    with BulkStage.open_folded(stage_path, types) as stage:
        return _write_part(stage, task, out_dir, stamp)


def _write_part(stage: BulkStage, task: Task, out_dir: Path, stamp: str) -> _Part:
    kind, name = task
    rejections: list[Rejection] = []
    if kind == "nodes":
        out = _write_nodes(stage, name, out_dir, stamp, rejections)
        return _Part(
            "nodes", NODE_LABELS.get(name, name), out.path, out.rows, out.multiline, rejections
        )
    if kind == "owned":
        rel_type = OWNED[name][1]
        out = _write_plain_links(stage.owned_links(name), rel_type, out_dir)
    elif kind == "identifiers":
        rel_type = Identifier.linked_from[1]
        out = _write_plain_links(stage.identifier_links(), rel_type, out_dir)
    else:
        rel_type = RelType(name)
        out = _write_links(stage, name, out_dir, stamp, rejections)
    return _Part("relationships", rel_type.value, out.path, out.rows, out.multiline, rejections)


def _write_nodes(
    stage: BulkStage, label: str, out_dir: Path, stamp: str, rejections: list[Rejection]
) -> _Csv:
    columns = _columns(stage.types.get(label, {}))
    if label == IDENTIFIER:
        columns = [("scheme", "string"), ("validated", "boolean"), ("value", "string")]
    stamped = label in _STAMPED_LABELS
    header = [NODE_ID, "key", *_header(columns)]
    if label in WITH_SOURCES:
        header.append("sources:string[]")
    if stamped:
        header.append("first_loaded_at:datetime")
    owned = label in OWNED
    with _Csv(out_dir / f"nodes-{label}.csv", header) as out:
        for node in stage.nodes(label):
            if owned and node.owner_id is None:
                # The writer creates an owned node only under its owner.
                rejections.append(_dangling(node.origin, str(node.owner), node.props))
                continue
            cells = [str(node.id), node.key, *(_cell(node.props.get(n)) for n, _ in columns)]
            if label in WITH_SOURCES:
                cells.append(_cell(node.sources or []))
            if stamped:
                cells.append(stamp)
            out.write(cells)
    return out


def _write_plain_links(links: Iterator[StagedRel], rel_type: RelType, out_dir: Path) -> _Csv:
    with _Csv(out_dir / f"rels-{rel_type.value}.csv", LINK_ENDS) as out:
        for rel in links:
            if rel.start_id is not None and rel.end_id is not None:
                out.write([str(rel.start_id), str(rel.end_id)])
    return out


def _write_links(
    stage: BulkStage, rel_type: str, out_dir: Path, stamp: str, rejections: list[Rejection]
) -> _Csv:
    columns = _columns(stage.types.get(rel_type, {}))
    header = [*LINK_ENDS, "key", *_header(columns), "first_loaded_at:datetime"]
    with _Csv(out_dir / f"rels-{rel_type}.csv", header) as out:
        for rel in stage.links(rel_type):
            if rel.start_id is None or rel.end_id is None:
                rejections.append(_dangling(rel.origin, f"{rel.src} -> {rel.dst}", rel.props))
                continue
            cells = [str(rel.start_id), str(rel.end_id), str(rel.key)]
            cells += [_cell(rel.props.get(n)) for n, _ in columns]
            cells.append(stamp)
            out.write(cells)
    return out


def _dangling(origin: Origin | None, refs: str, props: dict[str, Any]) -> Rejection:
    ends = refs.split(" -> ")
    unresolved = [referenced_identifier(e) for e in ends if is_reference(e)]
    reason = (
        f"dangling reference: {', '.join(unresolved)} is neither in this file nor in the graph"
        if unresolved
        else f"dangling reference: {refs} is not in the graph"
    )
    return Rejection(
        origin.location if origin else Location("unknown"),
        reason,
        raw=props,
        format=origin.format if origin else None,
    )
