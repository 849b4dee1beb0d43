"""FollowTheMoney entities as JSON Lines (OpenSanctions / Aleph exports, OpenSanctions deltas).

One Parsed or Rejection per line. The file is read twice: a first pass indexes every entity's
node key and the sanctioned ids (see ftm_index), the second builds records (see ftm_records).
A link whose endpoint is not in the same file is rejected by the parser (its key cannot be
known without the endpoint's properties). Delta lines: ADD and MOD load the entity, DEL is
read but not applied (the graph keeps history; nothing is deleted).
Provenance: source "ftm", record_id = entity id, seen_at = last_change / last_seen / first_seen.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from graph_schema.provenance import Provenance
from loaders.contract import BadRecord, Parsed, ParseResult, files_under
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


def _parse_file(path: Path, counter: ByteCounter) -> Iterator[ParseResult]:
    if path.stat().st_size == 0:  # an empty delta version: no records (open_bytes needs bytes)
        return
    index = FileIndex()
    for item in iter_json(path):  # first pass: not counted, progress follows the second
        if not isinstance(item, Rejection):
            index_entity(index, item[1])
    for item in iter_json(path, counter):
        if isinstance(item, Rejection):
            yield item
            continue
        location, data = item
        try:
            op, entity = unwrap(data)
            if op == "DEL":
                yield Parsed(location, [])
                continue
            proxy = to_proxy(entity)
            prov = Provenance(
                source=SOURCE,
                record_id=str(proxy.id),
                source_file=path.name,
                seen_at=seen_at(entity),
            )
            records = entity_records(proxy, prov, index, path.name)
        except BadRecord as exc:
            yield Rejection(location, str(exc), raw=data)
            continue
        except ValidationError as exc:
            reason = str(exc.errors()[0].get("msg", exc)).removeprefix("Value error, ")
            yield Rejection(location, reason, raw=data)
            continue
        yield Parsed(location, records)
