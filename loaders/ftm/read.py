"""FollowTheMoney entities as JSON Lines (OpenSanctions / Aleph exports, OpenSanctions deltas).

One Parsed or Rejection per line. The file is read twice: a first pass indexes every entity's
node key and what the Sanctions about it mean (index.py), the second builds records
(records.py). A link whose endpoint is not in the file names it by reference; the writer
resolves it against the graph (a delta changes an Ownership, not the companies it links).
Delta lines (OpenSanctions `{"op": "ADD"|"MOD"|"DEL", "entity": …}`): ADD and MOD load the
entity, its topics as its whole list; DEL withdraws what the entity gave the graph
(Retraction: its links end, its node goes or loses this source's part). Delta files are read in
name order, which is version order; a version's date comes from its file name.
Provenance: source "ftm", record_id = entity id, seen_at = last_change / last_seen / first_seen
(else the delta version's date).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from graph_schema.changes import Retraction
from graph_schema.provenance import Provenance
from loaders.contract import (
    ADDED,
    DELETED,
    MODIFIED,
    BadRecord,
    Parsed,
    ParseResult,
    files_under,
    validation_reason,
)
from loaders.ftm.index import (
    SOURCE,
    FileIndex,
    index_entity,
    seen_at,
    to_proxy,
    unwrap,
)
from loaders.ftm.records import entity_records
from loaders.rejects import Rejection
from loaders.source import ByteCounter, iter_json

SUFFIXES = (".json", ".jsonl", ".ndjson", ".json.gz", ".jsonl.gz", ".ndjson.gz")


def parse(path: Path, counter: ByteCounter) -> Iterator[ParseResult]:
    for file in files_under(path, SUFFIXES):
        # OpenSanctions publishes a version index (delta-index.json) next to the deltas.
        if file != path and file.name.endswith("index.json"):
            continue
        yield from _parse_file(file, counter)


# OpenSanctions names delta files after the version they publish: 20240528074703-npf….
_VERSION = re.compile(r"^(\d{8})\d{6}-")
_CHANGES = {"ADD": ADDED, "MOD": MODIFIED, "DEL": DELETED}


def version_date(path: Path) -> date | None:
    """The day an OpenSanctions delta version was published, from its file name."""
    match = _VERSION.match(path.name)
    if match is None:
        return None
    try:
        return datetime.strptime(match.group(1), "%Y%m%d").date()
    except ValueError:
        return None


def _parse_file(path: Path, counter: ByteCounter) -> Iterator[ParseResult]:
    if path.stat().st_size == 0:  # an empty delta version: no records (open_bytes needs bytes)
        return
    index = FileIndex()
    for item in iter_json(path):  # first pass: not counted, progress follows the second
        if not isinstance(item, Rejection):
            index_entity(index, item[1])
    published = version_date(path)
    for item in iter_json(path, counter):
        if isinstance(item, Rejection):
            yield item
            continue
        location, data = item
        try:
            op, entity = unwrap(data)
            if op == "DEL":
                yield Parsed(location, [_retraction(entity, path, published)], change=DELETED)
                continue
            proxy = to_proxy(entity)
            prov = Provenance(
                source=SOURCE,
                record_id=str(proxy.id),
                source_file=path.name,
                seen_at=seen_at(entity) or published,
            )
            built = entity_records(proxy, prov, index, path.name, delta=op is not None)
        except BadRecord as exc:
            yield Rejection(location, str(exc), raw=data)
            continue
        except ValidationError as exc:
            yield Rejection(location, validation_reason(exc), raw=data)
            continue
        yield Parsed(location, built.records, built.warnings, change=_CHANGES.get(op or ""))


def _retraction(entity: Any, path: Path, published: date | None) -> Retraction:
    """A DEL line names only the entity id: what that entity gave the graph is withdrawn."""
    entity_id = entity.get("id") if isinstance(entity, dict) else None
    if not isinstance(entity_id, str) or not entity_id.strip():
        raise BadRecord("missing key field id")
    entity_id = entity_id.strip()
    return Retraction(
        source=SOURCE,
        record_id=entity_id,
        identifier=f"XI-OPENSANCTIONS-{entity_id}",
        on=published,
        provenance=Provenance(
            source=SOURCE, record_id=entity_id, source_file=path.name, seen_at=published
        ),
    )
