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
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from graph_schema.labels import NodeLabel, RelType
from loaders.bulk_stage import (
    ARRAY_DELIMITER,
    OWNED,
    WITH_SOURCES,
    BulkStage,
    Origin,
    StagedRel,
)
from loaders.rejects import Location, Rejection

# Identifier and owner links carry no properties and no load stamp (IDENTIFIER_UPSERT).
_STAMPED_LABELS = frozenset({*WITH_SOURCES, *OWNED})
# Extra labels each node file gets (`--nodes=Company:Entity=…`).
NODE_LABELS: dict[str, str] = {
    NodeLabel.COMPANY.value: "Company:Entity",
    NodeLabel.PERSON.value: "Person:Entity",
}


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


def _columns(types: dict[str, str]) -> list[tuple[str, str]]:
    return sorted((name, kind) for name, kind in types.items() if name != "key")


def _header(columns: list[tuple[str, str]]) -> list[str]:
    return [name if kind == "string" else f"{name}:{kind}" for name, kind in columns]


def write_import_files(stage: BulkStage, out_dir: Path, now: datetime) -> ImportFiles:
    out_dir.mkdir(parents=True, exist_ok=True)
    files = ImportFiles()
    stamp = now.isoformat()
    written: list[_Csv] = []
    try:
        labels = stage.labels()
        for label in labels:
            written.append(_write_nodes(stage, label, out_dir, stamp, files))
        for label, (_, owner_rel) in OWNED.items():
            if label in labels:
                written.append(
                    _write_plain_links(stage.owned_links(label), owner_rel, out_dir, files)
                )
        if NodeLabel.IDENTIFIER.value in labels:
            written.append(
                _write_plain_links(stage.identifier_links(), RelType.IDENTIFIED_BY, out_dir, files)
            )
        for rel_type in stage.rel_types():
            written.append(_write_links(stage, rel_type, out_dir, stamp, files))
    finally:
        for out in written:
            out.close()
    files.multiline = [out.path for out in written if out.multiline]
    return files


def _write_nodes(
    stage: BulkStage, label: str, out_dir: Path, stamp: str, files: ImportFiles
) -> _Csv:
    columns = _columns(stage.types.get(label, {}))
    if label == NodeLabel.IDENTIFIER.value:
        columns = [("scheme", "string"), ("value", "string")]
    stamped = label in _STAMPED_LABELS
    header = [":ID", "key", *_header(columns)]
    if label in WITH_SOURCES:
        header.append("sources:string[]")
    if stamped:
        header.append("first_loaded_at:datetime")
    out = _Csv(out_dir / f"nodes-{label}.csv", header)
    owned = label in OWNED
    for node in stage.nodes(label):
        if owned and node.owner_id is None:
            # The writer creates an owned node only under its owner.
            files.rejections.append(_dangling(node.origin, str(node.owner), node.props))
            continue
        cells = [str(node.id), node.key, *(_cell(node.props.get(n)) for n, _ in columns)]
        if label in WITH_SOURCES:
            cells.append(_cell(node.sources or []))
        if stamped:
            cells.append(stamp)
        out.write(cells)
    files.nodes[NODE_LABELS.get(label, label)] = out.path
    files.node_rows += out.rows
    return out


def _write_plain_links(
    links: Iterator[StagedRel], rel_type: RelType, out_dir: Path, files: ImportFiles
) -> _Csv:
    out = _Csv(out_dir / f"rels-{rel_type.value}.csv", [":START_ID", ":END_ID"])
    for rel in links:
        if rel.start_id is not None and rel.end_id is not None:
            out.write([str(rel.start_id), str(rel.end_id)])
    files.relationships.setdefault(rel_type.value, []).append(out.path)
    files.relationship_rows += out.rows
    return out


def _write_links(
    stage: BulkStage, rel_type: str, out_dir: Path, stamp: str, files: ImportFiles
) -> _Csv:
    columns = _columns(stage.types.get(rel_type, {}))
    header = [":START_ID", ":END_ID", "key", *_header(columns), "first_loaded_at:datetime"]
    out = _Csv(out_dir / f"rels-{rel_type}.csv", header)
    for rel in stage.links(rel_type):
        if rel.start_id is None or rel.end_id is None:
            files.rejections.append(_dangling(rel.origin, f"{rel.src} -> {rel.dst}", rel.props))
            continue
        cells = [str(rel.start_id), str(rel.end_id), str(rel.key)]
        cells += [_cell(rel.props.get(n)) for n, _ in columns]
        cells.append(stamp)
        out.write(cells)
    files.relationships.setdefault(rel_type, []).append(out.path)
    files.relationship_rows += out.rows
    return out


def _dangling(origin: Origin | None, refs: str, props: dict[str, Any]) -> Rejection:
    return Rejection(
        origin.location if origin else Location("unknown"),
        f"dangling reference: {refs} is not in the graph",
        raw=props,
        format=origin.format if origin else None,
    )
