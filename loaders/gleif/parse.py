"""GLEIF formats: "gleif-lei" (Level 1 LEI records) and "gleif-rr" (Level 2 relationships).

Both read golden-copy XML, golden-copy JSON and API v1 JSON:API responses (see read.py),
a file or a folder; in a folder, files of the other level are skipped (a golden-copy download
folder holds both). One Parsed or Rejection per LEI record / relationship record / exception.

gleif-rr keys each end of a relationship the way gleif-lei keys that LEI. A parser cannot look
the graph up, so it reads the Level 1 files found in the relationship file's own folder (keys
only, nothing is loaded from them) to learn which LEIs are keyed by a national register number.
Without such a file every end is keyed "XI-LEI-<LEI>": correct for LEIs whose register is not
one of ours, a duplicate node for the others (their LEI Identifier still links the two).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from loaders.contract import BadRecord, Format, Parsed, ParseResult, files_under
from loaders.gleif.lei import company_key, facts_from_api, facts_from_bf, lei_records
from loaders.gleif.read import API_TYPES, SUFFIXES, Tree, iter_records
from loaders.gleif.rr import rr_from_api, rr_from_bf, rr_records
from loaders.rejects import Location, Rejection
from loaders.source import ByteCounter, open_bytes

_API_TYPE = re.compile(rb'"type"\s*:\s*"([a-z-]+)"')
_SNIFF = (
    (b"LEIData", "lei"),
    (b"RelationshipData", "rr"),
    (b"ReportingExceptionData", "repex"),
    (b'"Relationship"', "rr"),
    (b'"ExceptionCategory"', "repex"),
    (b'"Entity"', "lei"),
)


def file_kind(path: Path) -> str | None:
    """lei / rr / repex from the first few KB of a file, None when it is none of them."""
    if path.stat().st_size == 0:
        return None
    with open_bytes(path) as stream:
        head = stream.read(1 << 13)
    api = _API_TYPE.search(head)
    if api is not None:
        return API_TYPES.get(api.group(1).decode())
    for marker, kind in _SNIFF:
        if marker in head:
            return kind
    return None


def _files(path: Path, kinds: set[str]) -> list[Path]:
    files = files_under(path, SUFFIXES)
    if path.is_file():
        return files
    return [f for f in files if file_kind(f) in kinds]


def parse_lei(path: Path, counter: ByteCounter) -> Iterator[ParseResult]:
    for file in _files(path, {"lei"}):
        for item in iter_records(file, counter):
            if isinstance(item, Rejection):
                yield item
                continue
            location, kind, style, tree = item
            if kind != "lei":
                yield Rejection(location, f"a GLEIF {kind} record, not an LEI record")
                continue
            try:
                facts = facts_from_bf(tree) if style == "bf" else facts_from_api(tree)
                warnings: list[str] = []
                records = lei_records(facts, file.name, warnings)
                yield Parsed(location, records, warnings=warnings)
            except BadRecord as exc:
                yield Rejection(location, str(exc), raw=tree)


def lei_keys_near(folder: Path) -> dict[str, str]:
    """LEI -> national company key, from the Level 1 files in `folder` (not recursive)."""
    keys: dict[str, str] = {}
    for file in sorted(p for p in folder.iterdir() if p.is_file()):
        if not file.name.lower().endswith(SUFFIXES) or file_kind(file) != "lei":
            continue
        for item in iter_records(file):
            if isinstance(item, Rejection) or item[1] != "lei":
                continue
            _, _, style, tree = item
            try:
                facts = facts_from_bf(tree) if style == "bf" else facts_from_api(tree)
                key, identifiers, _ = company_key(facts)
            except BadRecord:
                continue
            if identifiers[0].validated and len(identifiers) > 1:
                keys[identifiers[-1].value] = key
    return keys


def parse_rr(path: Path, counter: ByteCounter) -> Iterator[ParseResult]:
    maps: dict[Path, dict[str, str]] = {}
    for file in _files(path, {"rr", "repex"}):
        if file.parent not in maps:
            maps[file.parent] = lei_keys_near(file.parent)
        lei_keys = maps[file.parent]
        for item in iter_records(file, counter):
            if isinstance(item, Rejection):
                yield item
                continue
            location, kind, style, tree = item
            yield _rr_item(location, kind, style, tree, lei_keys, file.name)


def _rr_item(
    location: Location, kind: str, style: str, tree: Tree, lei_keys: dict[str, str], name: str
) -> ParseResult:
    if kind == "repex":
        return Parsed(location, [])  # reporting exceptions: read, not modelled
    if kind != "rr":
        return Rejection(location, f"a GLEIF {kind} record, not a relationship record")
    try:
        facts = rr_from_bf(tree) if style == "bf" else rr_from_api(tree)
        return Parsed(location, rr_records(facts, lei_keys, name))
    except BadRecord as exc:
        return Rejection(location, str(exc), raw=tree)


FORMATS = [
    Format(
        "gleif-lei",
        "GLEIF Level 1 LEI records (golden-copy XML/JSON, API v1 JSON:API)",
        parse_lei,
    ),
    Format(
        "gleif-rr",
        "GLEIF Level 2 relationship records and reporting exceptions (golden copy, API v1)",
        parse_rr,
    ),
]
