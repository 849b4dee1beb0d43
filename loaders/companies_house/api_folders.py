"""The "ch-api" format: public API responses cached per company as `<company_number>/*.json`.

One source record is one item of a document: the profile, each officer, each PSC or PSC
statement, each insolvency case, each filing. Other files in the folder are not read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from graph_schema.events import EventKind
from graph_schema.nodes import Record
from graph_schema.provenance import Provenance
from loaders.companies_house.common import (
    SOURCE,
    ch_company_key,
    iter_documents,
    text,
)
from loaders.companies_house.company_docs import (
    GAZETTE_ENDINGS,
    case_records,
    filing_records,
    profile_records,
)
from loaders.companies_house.officers import officer_records
from loaders.companies_house.psc import psc_records
from loaders.contract import BadRecord, Format, Parsed, ParseResult, files_under
from loaders.rejects import Location, Rejection
from loaders.source import ByteCounter

PROFILE = "profile.json"
FILING_HISTORY = "filing-history.json"
# document name -> the key holding its list of items
LISTS: dict[str, str] = {
    "officers.json": "items",
    "persons-with-significant-control.json": "items",
    "persons-with-significant-control-statements.json": "items",
    "insolvency.json": "cases",
    FILING_HISTORY: "items",
}
DOCUMENTS = (PROFILE, *LISTS)


def doc_name(file: Path) -> str:
    return file.name.removesuffix(".gz")


def parse_api_folders(path: Path, counter: ByteCounter) -> Iterator[ParseResult]:
    files = [f for f in files_under(path, (".json", ".json.gz")) if doc_name(f) in DOCUMENTS]
    for file in files:
        yield from _document(file, counter)


def _document(file: Path, counter: ByteCounter) -> Iterator[ParseResult]:
    name = doc_name(file)
    where = f"{file.parent.name}/{file.name}"
    for item in iter_documents(file, counter):
        if isinstance(item, Rejection):
            yield Rejection(
                Location(where, item.location.line, item.location.record), item.reason, item.raw
            )
            continue
        _, doc = item
        if not isinstance(doc, dict):
            yield Rejection(Location(where), f"{name} must hold an object", raw=doc)
        elif name == PROFILE:
            yield _profile(file, where, doc)
        else:
            yield from _items(file, where, name, doc)


def _number(file: Path, doc: dict[str, Any]) -> str:
    """The company: the document's own company_number, else the folder's name."""
    own = text(doc.get("company_number"))
    try:
        return ch_company_key(own or file.parent.name)
    except BadRecord:
        if own:
            raise
        raise BadRecord(
            f"folder name {file.parent.name!r} is not a Companies House company number "
            "and the document gives none"
        ) from None


def _prov(ckey: str, name: str, index: int | None, file: Path) -> Provenance:
    number = ckey.removeprefix("GB-COH-")
    record_id = f"{number}/{name}" + ("" if index is None else f"#{index}")
    return Provenance(source=SOURCE, record_id=record_id, source_file=file.name)


def _profile(file: Path, where: str, doc: dict[str, Any]) -> ParseResult:
    location = Location(where)
    try:
        ckey = _number(file, doc)
        ending = _gazette_ending(file.parent)
        return Parsed(
            location, profile_records(ckey, doc, _prov(ckey, PROFILE, None, file), ending)
        )
    except BadRecord as exc:
        return Rejection(location, str(exc), raw=doc)
    except ValueError as exc:  # a pydantic check on the canonical record
        return Rejection(location, f"invalid profile: {exc}", raw=doc)


ItemParser = Callable[[str, Any, Provenance, int], list[Record]]


def _officer(ckey: str, item: Any, prov: Provenance, index: int) -> list[Record]:
    return officer_records(ckey, item, prov, fallback_id=prov.record_id)


def _psc(ckey: str, item: Any, prov: Provenance, index: int) -> list[Record]:
    return psc_records(ckey.removeprefix("GB-COH-"), item, prov)


def _case(ckey: str, item: Any, prov: Provenance, index: int) -> list[Record]:
    return case_records(ckey, item, prov)


def _filing(ckey: str, item: Any, prov: Provenance, index: int) -> list[Record]:
    return filing_records(ckey, item, prov)


PARSERS: dict[str, ItemParser] = {
    "officers.json": _officer,
    "persons-with-significant-control.json": _psc,
    "persons-with-significant-control-statements.json": _psc,
    "insolvency.json": _case,
    FILING_HISTORY: _filing,
}


def _items(file: Path, where: str, name: str, doc: dict[str, Any]) -> Iterator[ParseResult]:
    list_key = LISTS[name]
    items = doc.get(list_key)
    if items is None:
        items = []  # an empty list may be omitted ("no insolvency history")
    if not isinstance(items, list):
        yield Rejection(Location(where), f"{name}: {list_key} must be a list", raw=doc)
        return
    try:
        ckey = _number(file, doc)
    except BadRecord as exc:
        for index, item in enumerate(items):
            yield Rejection(Location(where, record=f"{list_key}[{index}]"), str(exc), raw=item)
        return
    parse = PARSERS[name]
    for index, item in enumerate(items):
        location = Location(where, record=f"{list_key}[{index}]")
        try:
            yield Parsed(location, parse(ckey, item, _prov(ckey, name, index, file), index))
        except BadRecord as exc:
            yield Rejection(location, str(exc), raw=item)
        except ValueError as exc:  # a pydantic check on the canonical record
            yield Rejection(location, f"invalid {name} item: {exc}", raw=item)


def _gazette_ending(folder: Path) -> EventKind | None:
    """How the filing history says the company ended (compulsory strike-off, voluntary…)."""
    for candidate in (folder / FILING_HISTORY, folder / (FILING_HISTORY + ".gz")):
        if not candidate.is_file():
            continue
        for item in iter_documents(candidate):
            if isinstance(item, Rejection) or not isinstance(item[1], dict):
                continue
            items = item[1].get("items")
            for filing in items if isinstance(items, list) else []:
                description = filing.get("description") if isinstance(filing, dict) else None
                if isinstance(description, str) and description in GAZETTE_ENDINGS:
                    return GAZETTE_ENDINGS[description]
    return None


FORMAT = Format(
    "ch-api",
    "Companies House API responses cached per company folder (profile, officers, PSC, "
    "insolvency, filing history)",
    parse_api_folders,
    entries_independent=True,
)
