"""GLEIF inputs, streamed: golden-copy XML (LEI-CDF, RR-CDF, Repex), golden-copy JSON
(BadgerFish), and GLEIF API v1 (JSON:API) responses.

Every record comes out as (location, style, tree): "bf" trees are BadgerFish dicts (an XML
element is turned into the same shape as GLEIF's own JSON: text under "$", attributes under
"@name", repeated children as lists), "api" trees are JSON:API `data` items.
XML is parsed with iterparse and each record is cleared once used, so memory stays flat;
golden-copy JSON is streamed with ijson. API responses are small pages and read whole.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import ijson

from loaders.rejects import Location, Rejection
from loaders.source import ByteCounter, open_bytes

RECORD_TAGS = {"LEIRecord": "lei", "RelationshipRecord": "rr", "Exception": "repex"}
API_TYPES = {"lei-records": "lei", "relationship-records": "rr", "reporting-exceptions": "repex"}
SUFFIXES = (".xml", ".json", ".xml.gz", ".json.gz")
_GOLDEN_JSON = re.compile(rb'^\s*\{\s*"records"\s*:')

Tree = dict[str, Any]
CONTENT_DATE = "_content_date"  # added to each tree: the file's ContentDate / publishDate
Item = tuple[Location, str, str, Tree]  # location, record kind (lei/rr/repex), style, tree


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def element_to_bf(elem: ET.Element) -> Tree:
    """An element as a BadgerFish dict, namespaces dropped."""
    node: Tree = {f"@{_local(k)}": v for k, v in elem.attrib.items()}
    text = (elem.text or "").strip()
    if text:
        node["$"] = text
    for child in elem:
        name = _local(child.tag)
        value = element_to_bf(child)
        if name in node:
            existing = node[name]
            node[name] = [*existing, value] if isinstance(existing, list) else [existing, value]
        else:
            node[name] = value
    return node


def text(node: Any, *path: str) -> str | None:
    """The text at a BadgerFish path, or None."""
    for name in path:
        if isinstance(node, list):
            node = node[0] if node else None
        if not isinstance(node, dict):
            return None
        node = node.get(name)
    if isinstance(node, list):
        node = node[0] if node else None
    if isinstance(node, dict):
        node = node.get("$")
    if node is None:
        return None
    value = str(node).strip()
    return value or None


def as_list(node: Any) -> list[Any]:
    if node is None:
        return []
    return node if isinstance(node, list) else [node]


def _skip_bom(stream: IO[bytes]) -> IO[bytes]:
    """open_bytes gives a buffered or gzip stream: both can peek."""
    peek = getattr(stream, "peek", None)
    head = peek(3)[:3] if peek is not None else b""
    if head == b"\xef\xbb\xbf":
        stream.read(3)
    return stream


def _head(stream: IO[bytes]) -> bytes:
    peek = getattr(stream, "peek", None)
    return bytes(peek(1 << 12)).lstrip() if peek is not None else b""


def iter_records(path: Path, counter: ByteCounter | None = None) -> Iterator[Item | Rejection]:
    if path.stat().st_size == 0:
        return
    with open_bytes(path, counter) as raw:
        stream = _skip_bom(raw)
        head = _head(stream)
        if head[:1] == b"<":
            yield from _iter_xml(stream, path.name)
        elif _GOLDEN_JSON.match(head):
            yield from _iter_golden_json(stream, path.name)
        else:
            yield from _iter_api(stream, path.name)


def _iter_xml(stream: IO[bytes], name: str) -> Iterator[Item | Rejection]:
    container: ET.Element | None = None
    content_date: str | None = None  # the header's publication date: seen_at fallback
    count = 0
    try:
        for event, elem in ET.iterparse(stream, events=("start", "end")):
            local = _local(elem.tag)
            if event == "start":
                if local in ("LEIRecords", "RelationshipRecords", "ReportingExceptions"):
                    container = elem
                continue
            if local == "ContentDate" and count == 0:
                content_date = (elem.text or "").strip() or None
            kind = RECORD_TAGS.get(local)
            if kind is None:
                continue
            count += 1
            tree = element_to_bf(elem)
            tree[CONTENT_DATE] = content_date
            record = text(tree, "LEI") or _rr_id(tree) or f"[{count - 1}]"
            yield Location(name, record=record), kind, "bf", tree
            elem.clear()
            if container is not None:
                container.clear()  # drop the emptied record from its parent: flat memory
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        yield Rejection(
            Location(name, line=line, record=f"[{count}]"),
            f"invalid XML after record {count}; the rest of the file is unreadable: {exc}",
        )


def _rr_id(tree: Tree) -> str | None:
    start = text(tree, "Relationship", "StartNode", "NodeID")
    end = text(tree, "Relationship", "EndNode", "NodeID")
    kind = text(tree, "Relationship", "RelationshipType")
    return f"{start}|{kind}|{end}" if start or end else None


def _iter_golden_json(stream: IO[bytes], name: str) -> Iterator[Item | Rejection]:
    index = -1
    try:
        for index, tree in enumerate(ijson.items(stream, "records.item", use_float=True)):
            if not isinstance(tree, dict):
                yield Rejection(
                    Location(name, record=f"[{index}]"), "expected a record object", raw=tree
                )
                continue
            kind = "lei" if "LEI" in tree and "Entity" in tree else _bf_kind(tree)
            record = text(tree, "LEI") or _rr_id(tree) or f"[{index}]"
            yield Location(name, record=record), kind, "bf", tree
    except (ijson.JSONError, UnicodeDecodeError, ValueError) as exc:
        yield Rejection(
            Location(name, record=f"[{index + 1}]"),
            f"invalid JSON after record {index + 1}; the rest of the file is unreadable: {exc}",
        )


def _bf_kind(tree: Tree) -> str:
    if "Relationship" in tree:
        return "rr"
    if "ExceptionCategory" in tree:
        return "repex"
    return "lei"


def _iter_api(stream: IO[bytes], name: str) -> Iterator[Item | Rejection]:
    try:
        document = json.load(stream)
    except (ValueError, UnicodeDecodeError) as exc:
        yield Rejection(Location(name), f"invalid JSON: {exc}")
        return
    data = document.get("data") if isinstance(document, dict) else None
    if data is None:
        yield Rejection(Location(name), "not a GLEIF API response: no 'data' member")
        return
    meta = document.get("meta") or {}
    published = (
        (meta.get("goldenCopy") or {}).get("publishDate") if isinstance(meta, dict) else None
    )
    for index, item in enumerate(as_list(data)):
        location = Location(name, record=f"data[{index}]")
        if not isinstance(item, dict) or not isinstance(item.get("attributes"), dict):
            yield Rejection(location, "API data item without attributes", raw=item)
            continue
        kind = API_TYPES.get(str(item.get("type")))
        if kind is None:
            yield Rejection(location, f"unknown GLEIF API record type {item.get('type')!r}")
            continue
        yield (
            Location(name, record=str(item.get("id"))),
            kind,
            "api",
            {**item, CONTENT_DATE: published},
        )
