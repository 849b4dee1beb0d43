"""The "ch-api" format: public API responses cached as the API's own paths lay them out.

    <number>/profile.json (or company.json)          GET /company/{n}
    <number>/officers.json                           GET /company/{n}/officers
    <number>/persons-with-significant-control.json   GET …/persons-with-significant-control
    <number>/persons-with-significant-control-statements.json   …/…-statements
    <number>/insolvency.json                         GET /company/{n}/insolvency
    <number>/filing-history.json                     GET /company/{n}/filing-history
    <number>/appointments/<id>.json                  one officer (…/appointments/{id})
    <number>/persons-with-significant-control/<kind>/<id>.json       one PSC
    <number>/persons-with-significant-control-statements/<id>.json   one statement
    officers/<officer_id>/appointments.json          GET /officers/{id}/appointments

One source record is one item of a document: the profile, each officer, each PSC or PSC
statement, each insolvency case, each filing, each appointment of an appointments list. Other
files are not read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph_schema.events import EventKind
from graph_schema.nodes import Record
from graph_schema.provenance import Provenance
from loaders.companies_house.common import (
    SOURCE,
    ch_company_key,
    iter_documents,
    last_segment,
    text,
)
from loaders.companies_house.company_docs import (
    GAZETTE_ENDINGS,
    FolderFacts,
    case_records,
    episode_event,
    filing_records,
    profile_records,
)
from loaders.companies_house.folder import (
    APPOINTMENTS,
    FILING_HISTORY,
    OFFICERS_FOLDER,
    CompanyFolder,
    list_birth,
)
from loaders.companies_house.insolvency_filings import insolvency_filings
from loaders.companies_house.officers import (
    OfficerHints,
    appointment_records,
    officer_id,
    officer_records,
)
from loaders.companies_house.psc import psc_records
from loaders.contract import BadRecord, Format, Parsed, ParseResult, files_under
from loaders.rejects import Location, Rejection
from loaders.source import ByteCounter

PROFILE = "profile.json"
PROFILE_ALIAS = "company.json"  # named after the endpoint, /company/{n}
OFFICERS = "officers.json"
PSC = "persons-with-significant-control.json"
PSC_STATEMENTS = "persons-with-significant-control-statements.json"
INSOLVENCY = "insolvency.json"
# document name -> the key holding its list of items
LISTS: dict[str, str] = {
    OFFICERS: "items",
    PSC: "items",
    PSC_STATEMENTS: "items",
    INSOLVENCY: "cases",
    FILING_HISTORY: "items",
}
# Folders of single-item responses inside a company folder -> the list their items belong to.
ITEM_FOLDERS: dict[str, str] = {
    "appointments": OFFICERS,
    PSC.removesuffix(".json"): PSC,
    PSC_STATEMENTS.removesuffix(".json"): PSC_STATEMENTS,
}


def doc_name(file: Path) -> str:
    return file.name.removesuffix(".gz")


@dataclass(frozen=True)
class Document:
    """A file of the layout: which document it is and the company folder it belongs to."""

    file: Path
    name: str  # profile.json, officers.json, …; APPOINTMENTS for an officer's list
    company: Path | None  # the company folder (None for an officer's appointments list)
    single: bool = False  # one item of `name`'s list, as its own response

    @property
    def where(self) -> str:
        """The file as a location: relative to the folder holding the company folders, so
        that a folder parsed alone names its records as the whole tree does."""
        base = str(self.company.parent if self.company else self.file.parents[2])
        file = str(self.file)
        if base != "." and file.startswith(base + "/"):  # the common case, without pathlib
            return file[len(base) + 1 :]
        return self.file.relative_to(base).as_posix()


def document(file: Path) -> Document | None:
    # The names of the file and the folders above it, from its parts (pathlib would make a
    # new path for each parent asked).
    parts = ("", "", "", *file.parts)
    name = parts[-1].removesuffix(".gz")
    if name == APPOINTMENTS:
        return Document(file, name, None) if parts[-3] == OFFICERS_FOLDER else None
    if name in (PROFILE, PROFILE_ALIAS):
        return Document(file, PROFILE, file.parent)
    if name in LISTS:
        return Document(file, name, file.parent)
    if name.endswith(".json"):
        if parts[-2] in ITEM_FOLDERS:
            return Document(file, ITEM_FOLDERS[parts[-2]], file.parent.parent, single=True)
        if parts[-3] == "persons-with-significant-control":  # …/<kind>/<id>.json
            return Document(file, PSC, file.parent.parent.parent, single=True)
    return None


def parse_api_folders(path: Path, counter: ByteCounter) -> Iterator[ParseResult]:
    folder: CompanyFolder | None = None
    for file in files_under(path, (".json", ".json.gz")):
        doc = document(file)
        if doc is None:
            continue
        if doc.company is not None and (folder is None or folder.path != doc.company):
            folder = CompanyFolder(doc.company)  # files come folder by folder (sorted)
        yield from _document(doc, folder if doc.company is not None else None, counter)


def _document(
    doc: Document, folder: CompanyFolder | None, counter: ByteCounter
) -> Iterator[ParseResult]:
    where = doc.where
    read = folder.read(doc.file, counter) if folder else iter_documents(doc.file, counter)
    for item in read:
        if isinstance(item, Rejection):
            yield Rejection(
                Location(where, item.location.line, item.location.record), item.reason, item.raw
            )
            continue
        _, body = item
        if not isinstance(body, dict):
            yield Rejection(Location(where), f"{doc.name} must hold an object", raw=body)
        elif doc.name == APPOINTMENTS:
            yield from _appointments(doc, where, body)
        elif folder is None:  # pragma: no cover - every other document has a company folder
            continue
        elif doc.name == PROFILE:
            yield _profile(doc, folder, where, body)
        elif doc.single:
            yield _single(doc, folder, where, body)
        else:
            yield from _items(doc, folder, where, body)


def _number(company: Path, doc: dict[str, Any]) -> str:
    """The company: the document's own company_number, else the folder's name."""
    own = text(doc.get("company_number"))
    try:
        return ch_company_key(own or company.name)
    except BadRecord:
        if own:
            raise
        raise BadRecord(
            f"folder name {company.name!r} is not a Companies House company number "
            "and the document gives none"
        ) from None


def _prov(ckey: str, name: str, index: int | None, file: Path) -> Provenance:
    number = ckey.removeprefix("GB-COH-")
    record_id = f"{number}/{name}" + ("" if index is None else f"#{index}")
    return Provenance(source=SOURCE, record_id=record_id, source_file=file.name)


def _profile(doc: Document, folder: CompanyFolder, where: str, body: dict[str, Any]) -> ParseResult:
    location = Location(where)
    warnings: list[str] = []
    try:
        ckey = _number(folder.path, body)
        facts = FolderFacts(
            ending=_gazette_ending(folder),
            has_cases=folder.has_cases,
            families=frozenset(folder.families()),
        )
        prov = _prov(ckey, doc_name(doc.file), None, doc.file)
        return Parsed(location, profile_records(ckey, body, prov, facts, warnings), warnings)
    except BadRecord as exc:
        return Rejection(location, str(exc), raw=body)
    except ValueError as exc:  # a pydantic check on the canonical record
        return Rejection(location, f"invalid profile: {exc}", raw=body)


@dataclass(slots=True)  # one per item: no frozen __setattr__ detour
class ItemContext:
    """One item of a company document, with what its folder tells about it."""

    ckey: str
    index: int
    prov: Provenance
    folder: CompanyFolder
    warnings: list[str]


ItemParser = Callable[[ItemContext, Any], list[Record]]


def _officer(ctx: ItemContext, item: Any) -> list[Record]:
    hints = _officer_hints(ctx.folder, item)
    return officer_records(ctx.ckey, item, ctx.prov, ctx.prov.record_id, hints, ctx.warnings)


def _officer_hints(folder: CompanyFolder, item: Any) -> OfficerHints:
    """An entry without a birth month takes it from another appointment of its officer id:
    this company's officer list, else the officer's own appointments list."""
    if not isinstance(item, dict) or item.get("date_of_birth"):
        return OfficerHints()
    oid = officer_id(item)
    if oid is None:
        return OfficerHints()
    return OfficerHints(birth=folder.list_births.get(oid) or folder.officer_birth(oid))


def _psc(ctx: ItemContext, item: Any) -> list[Record]:
    return psc_records(ctx.ckey.removeprefix("GB-COH-"), item, ctx.prov, ctx.warnings)


def _case(ctx: ItemContext, item: Any) -> list[Record]:
    filings = insolvency_filings(ctx.folder.filing_items)
    return case_records(ctx.ckey, item, ctx.prov, filings, ctx.warnings)


def _filing(ctx: ItemContext, item: Any) -> list[Record]:
    records = filing_records(ctx.ckey, item, ctx.prov)
    if not ctx.folder.has_cases:  # else the insolvency document tells it: no double count
        records += [
            episode_event(ctx.ckey, e, ctx.prov)
            for e in ctx.folder.episodes
            if e.first == ctx.index
        ]
    return records


PARSERS: dict[str, ItemParser] = {
    OFFICERS: _officer,
    PSC: _psc,
    PSC_STATEMENTS: _psc,
    INSOLVENCY: _case,
    FILING_HISTORY: _filing,
}


def _items(
    doc: Document, folder: CompanyFolder, where: str, body: dict[str, Any]
) -> Iterator[ParseResult]:
    list_key = LISTS[doc.name]
    items = body.get(list_key)
    if items is None:
        items = []  # an empty list may be omitted ("no insolvency history")
    if not isinstance(items, list):
        yield Rejection(Location(where), f"{doc.name}: {list_key} must be a list", raw=body)
        return
    try:
        ckey = _number(folder.path, body)
    except BadRecord as exc:
        for index, item in enumerate(items):
            yield Rejection(Location(where, record=f"{list_key}[{index}]"), str(exc), raw=item)
        return
    parse = PARSERS[doc.name]
    record_id = f"{ckey.removeprefix('GB-COH-')}/{doc.name}#"  # as _prov writes it
    file_name = doc.file.name
    for index, item in enumerate(items):
        location = Location(where, record=f"{list_key}[{index}]")
        prov = Provenance(source=SOURCE, record_id=f"{record_id}{index}", source_file=file_name)
        yield _one(parse, ItemContext(ckey, index, prov, folder, []), item, location, doc.name)


def _single(doc: Document, folder: CompanyFolder, where: str, body: dict[str, Any]) -> ParseResult:
    location = Location(where)
    try:
        ckey = _number(folder.path, body)
    except BadRecord as exc:
        return Rejection(location, str(exc), raw=body)
    name = doc.file.relative_to(folder.path).as_posix()
    prov = Provenance(
        source=SOURCE,
        record_id=f"{ckey.removeprefix('GB-COH-')}/{name}",
        source_file=doc.file.name,
    )
    return _one(PARSERS[doc.name], ItemContext(ckey, 0, prov, folder, []), body, location, doc.name)


def _one(
    parse: ItemParser, ctx: ItemContext, item: Any, location: Location, name: str
) -> ParseResult:
    try:
        return Parsed(location, parse(ctx, item), ctx.warnings)
    except BadRecord as exc:
        return Rejection(location, str(exc), raw=item)
    except ValueError as exc:  # a pydantic check on the canonical record
        return Rejection(location, f"invalid {name} item: {exc}", raw=item)


def _appointments(doc: Document, where: str, body: dict[str, Any]) -> Iterator[ParseResult]:
    """An officer's appointments list: each appointment is a directorship of the company it
    names, which exists as a company node (name and status) even if nothing else is loaded."""
    items = body.get("items")
    if items is None:
        items = []
    if not isinstance(items, list):
        yield Rejection(Location(where), "appointments.json: items must be a list", raw=body)
        return
    links = body.get("links")
    own = last_segment(links.get("self")) if isinstance(links, dict) else None
    oid = own or doc.file.parent.name
    # An appointment without a birth month takes the one another appointment gives, as the
    # officer's entries in company lists do (folder.officer_birth reads the same list).
    corporate = body.get("is_corporate_officer") is True
    hints = OfficerHints(officer_id=oid, birth=list_birth(body), corporate=corporate)
    for index, item in enumerate(items):
        location = Location(where, record=f"items[{index}]")
        record_id = f"{OFFICERS_FOLDER}/{oid}/{APPOINTMENTS}#{index}"
        prov = Provenance(source=SOURCE, record_id=record_id, source_file=doc.file.name)
        warnings: list[str] = []
        try:
            records = appointment_records(body, item, prov, hints, warnings)
        except BadRecord as exc:
            yield Rejection(location, str(exc), raw=item)
        except ValueError as exc:
            yield Rejection(location, f"invalid appointment: {exc}", raw=item)
        else:
            yield Parsed(location, records, warnings)


def _gazette_ending(folder: CompanyFolder) -> EventKind | None:
    """How the filing history says the company ended (compulsory strike-off, voluntary…)."""
    for filing in folder.filing_items:
        description = filing.get("description") if isinstance(filing, dict) else None
        if isinstance(description, str) and description in GAZETTE_ENDINGS:
            return GAZETTE_ENDINGS[description]
    return None


FORMAT = Format(
    "ch-api",
    "Companies House API responses cached per company folder (profile, officers, PSC, "
    "insolvency, filing history) and officers' appointments lists (officers/<id>/)",
    parse_api_folders,
    entries_independent=True,
)
