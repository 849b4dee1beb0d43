"""BODS (Open Ownership Beneficial Ownership Data Standard) 0.2, 0.3 and 0.4 -> the graph.

Input: JSON arrays or JSON Lines of statements, a file or a folder (one folder is one package:
references may cross its files). Relationships point at entity/person statements by id, so we
keep an id -> key map (on disk past 200k parties: bods_party_map.py); a relationship that
arrives before the statements it references is deferred to the end of the package and only
then rejected as a dangling reference.

Versions of one record update the graph in place:
- entities and persons keep the key their first version got (0.4 `recordId`, 0.2
  `replacesStatements`), so a later version without a birth date or identifier does not fork
  the node;
- relationship keys come from (type, party, subject, interest, start), so a re-statement of the
  same interest updates its edge; edges a previous version asserted and the new one no longer
  does are ended (at the new interest's start, else the statement date), and a `closed` record
  ends its interests on its statement date.
Limits: the maps live for one parse call, so these chains are followed within a file or folder,
not across separate loads (a later load of an update still updates same-key edges in place).
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from graph_schema.changes import LinksEnded
from graph_schema.edges import Link
from graph_schema.keys import reference
from graph_schema.labels import RelType
from graph_schema.nodes import CompanyRecord, Record
from graph_schema.provenance import Provenance
from loaders.bods.interests import Relationship, read_relationship, relationship_links
from loaders.bods.model import Statement, read_statement
from loaders.bods.parties import Party, entity_records, person_records, provenance
from loaders.bods.party_map import PartyMap
from loaders.contract import (
    ADDED,
    DELETED,
    MODIFIED,
    BadRecord,
    Format,
    Parsed,
    ParseResult,
    files_under,
    parse_documents,
)
from loaders.rejects import Location, Rejection
from loaders.source import ByteCounter, iter_json

SUFFIXES = (".json", ".jsonl", ".ndjson", ".json.gz", ".jsonl.gz")
REFERENCE = "reference"  # Party.kind of a record named by recordId and not in the package
_CHANGES = {"new": ADDED, "updated": MODIFIED, "closed": DELETED}
_BODS_LINKS = (RelType.OWNS, RelType.CONTROLS, RelType.DIRECTOR_OF, RelType.DECLARED_BO_OF)


@dataclass
class _Deferred:
    location: Location
    statement: Statement
    relationship: Relationship
    raw: Any
    source_file: str


@dataclass
class _Package:
    """Cross-reference state for one parse call (ids -> small values, never whole statements)."""

    parties: PartyMap = field(default_factory=PartyMap)
    rejected: set[str] = field(default_factory=set)
    lineage: dict[str, str] = field(default_factory=dict)  # 0.2 statementID -> first version
    links: dict[str, list[Link]] = field(default_factory=dict)  # lineage -> links last asserted
    deferred: list[_Deferred] = field(default_factory=list)
    deferred_lineages: set[str] = field(default_factory=set)
    # Relationship ids a later statement re-states: only their lineage and links are kept, so
    # memory does not grow with every relationship of a large file (see _restated_ids).
    restated: set[str] = field(default_factory=set)


def parse(path: Path, counter: ByteCounter) -> Generator[ParseResult, None, None]:
    package = _Package(restated=_restated_ids(path))
    try:
        yield from _parse(package, path, counter)
    finally:
        package.parties.close()


def _parse(package: _Package, path: Path, counter: ByteCounter) -> Iterator[ParseResult]:
    yield from parse_documents(
        path,
        counter,
        SUFFIXES,
        lambda file, location, data: _statement(package, location, data, file.name),
    )
    for waiting in package.deferred:  # final: resolves or rejects, never defers again
        result = _guarded(package, waiting.location, waiting.raw, waiting.statement, waiting, True)
        assert result is not None
        yield result


def _restated_ids(path: Path) -> set[str]:
    """A quick first pass: relationship recordIds (0.4) that occur more than once, and the
    statementIDs (0.2) that a later statement names in replacesStatements."""
    # Hashes, not the ids: a national file has millions of relationships, and an int is far
    # smaller than its id string. A collision only keeps one more record's lineage in memory.
    seen: set[int] = set()
    again: set[str] = set()
    for file in files_under(path, SUFFIXES):
        for item in iter_json(file):  # not counted: progress follows the second pass
            data = item[1] if not isinstance(item, Rejection) else None
            if not isinstance(data, dict):
                continue
            record_id = data.get("recordId")
            if isinstance(record_id, str) and data.get("recordType") == "relationship":
                digest = hash(record_id.strip())
                if digest in seen:
                    again.add(record_id.strip())
                seen.add(digest)
            replaces = data.get("replacesStatements")
            if isinstance(replaces, list):
                again.update(r.strip() for r in replaces if isinstance(r, str))
    return again


def _statement(
    package: _Package, location: Location, data: Any, source_file: str
) -> ParseResult | None:
    try:
        statement = read_statement(data)
    except BadRecord as exc:
        _remember_rejected(package, data)
        return Rejection(location, str(exc), raw=data)
    if statement.kind != "relationship":
        return _guarded(package, location, data, statement, None, False)
    try:
        relationship = read_relationship(statement)
    except BadRecord as exc:
        package.rejected.add(statement.record_id)
        return Rejection(location, str(exc), raw=data)
    lineage = _lineage(package, statement)
    waiting = _Deferred(location, statement, relationship, data, source_file)
    if lineage in package.deferred_lineages:  # keep the versions of one record in order
        package.deferred.append(waiting)
        return None
    return _guarded(package, location, data, statement, waiting, False)


def _guarded(
    package: _Package,
    location: Location,
    data: Any,
    statement: Statement,
    waiting: _Deferred | None,
    final: bool,
) -> ParseResult | None:
    """Build a statement's records; any BadRecord/ValidationError becomes its rejection."""
    warnings: list[str] = []
    try:
        if waiting is None:
            records = _party(package, statement, location.file, warnings)
        else:
            found = _relationship(package, waiting, final)
            if found is None:
                package.deferred.append(waiting)
                package.deferred_lineages.add(_lineage(package, statement))
                return None
            records = found
    except BadRecord as exc:
        package.rejected.add(statement.record_id)
        return Rejection(location, str(exc), raw=data)
    except ValidationError as exc:
        package.rejected.add(statement.record_id)
        reasons = "; ".join(str(e["msg"]) for e in exc.errors())
        return Rejection(location, f"invalid statement: {reasons}", raw=data)
    return Parsed(location, records, warnings, change=_CHANGES.get(statement.status or ""))


def _remember_rejected(package: _Package, data: Any) -> None:
    if isinstance(data, dict):
        for key in ("recordId", "statementID", "statementId"):
            if isinstance(data.get(key), str):
                package.rejected.add(data[key])


def _party(
    package: _Package, statement: Statement, source_file: str, warnings: list[str]
) -> list[Record]:
    known = package.parties.get(statement.record_id)
    for replaced in statement.replaces:
        known = known or package.parties.get(replaced)
    if known is not None and known.kind != statement.kind:
        known = None
    if statement.kind == "entity":
        records, party = entity_records(
            statement, known.key if known else None, source_file, warnings
        )
    else:
        records, party = person_records(statement, known, source_file)
    package.parties[statement.record_id] = party
    return records


def _lineage(package: _Package, statement: Statement) -> str:
    """The id shared by all versions of a relationship: 0.4 recordId, 0.2 the first statement."""
    if statement.version == "0.4":
        return statement.record_id
    lineage = next(
        (package.lineage[r] for r in statement.replaces if r in package.lineage),
        statement.statement_id,
    )
    if statement.statement_id in package.restated:
        package.lineage[statement.statement_id] = lineage
    return lineage


def _resolve(package: _Package, ref_id: str, final: bool, version: str) -> Party | None:
    """The party a statement or record id names: from this package, else (a 0.4 recordId, at
    the end of the package) a reference the writer resolves against the graph."""
    party = package.parties.get(ref_id)
    if party is None and final:
        if ref_id in package.rejected:
            raise BadRecord(f"dangling reference: statement {ref_id} was rejected")
        if version == "0.4":
            return Party(REFERENCE, reference(f"XI-BODS-{ref_id}"))
        raise BadRecord(f"dangling reference: statement {ref_id} is not in the file")
    return party


def _relationship(package: _Package, waiting: _Deferred, final: bool) -> list[Record] | None:
    statement, rel = waiting.statement, waiting.relationship
    if rel.subject.id is None:
        return []  # an unspecified subject: nothing in the graph to attach the interest to
    subject = _resolve(package, rel.subject.id, final, statement.version)
    party = _resolve(package, rel.party.id, final, statement.version) if rel.party.id else None
    if subject is None or (rel.party.id and party is None):
        return None
    if subject.kind not in ("entity", REFERENCE):
        raise BadRecord(f"subject {rel.subject.id} is a person statement, not an entity")
    prov = provenance(statement, waiting.source_file)
    # A relationship with nobody in particular (an unspecified party, or an unknown person or
    # entity statement) is about beneficial owners unless every interest says it is not: the
    # GLEIF pipeline's reporting exceptions use that shape for a missing accounting parent
    # (beneficialOwnershipOrControl false), which says nothing about beneficial owners and
    # must not read as "no beneficial owner". Those are read and not modelled.
    declared = not rel.interests or any(i.beneficial is not False for i in rel.interests)
    if party is None:
        if not declared:
            return []
        return [
            CompanyRecord(
                key=subject.key, no_beneficial_owner_reason=rel.party.reason, provenance=prov
            )
        ]
    if party.unspecified is not None and not declared:
        return []
    if rel.party.kind is not None and party.kind not in (rel.party.kind, REFERENCE):
        raise BadRecord(
            f"interestedParty {rel.party.id} is a {party.kind} statement, not a {rel.party.kind}"
        )
    links = relationship_links(rel, party.key, subject.key, statement, prov)
    return [
        *links,
        *_supersede(package, statement, links, prov),
        *_ended(statement, links, prov, party.key, subject.key),
    ]


def _ended(
    statement: Statement, links: list[Link], prov: Provenance, src: str, dst: str
) -> list[Record]:
    """A 0.4 record updated or closed in a later file than its previous version: the links that
    version asserted and this one drops end on the statement date. The record is taken to be
    the one relationship between its party and subject, as BODS publishers write them."""
    if statement.status not in ("updated", "closed") or statement.date is None:
        return []
    return [
        LinksEnded(
            src=src,
            dst=dst,
            rel_types=list(_BODS_LINKS),
            source="bods",
            keep=[link.key for link in links],
            on=statement.date,
            provenance=prov,
        )
    ]


def _supersede(
    package: _Package, statement: Statement, links: list[Link], prov: Provenance
) -> list[Link]:
    """End the open links an earlier version of this record asserted and this one drops."""
    lineage = _lineage(package, statement)
    previous = package.links.pop(lineage, [])
    if statement.record_id in package.restated:  # a later version will need these links
        package.links[lineage] = links
    keys = {link.key for link in links}
    ended: list[Link] = []
    for old in previous:
        if old.key in keys or old.end is not None:
            continue
        later = [
            new.start
            for new in links
            if type(new) is type(old)
            and new.start
            and (old.start is None or new.start >= old.start)
        ]
        end = min(later) if later else statement.date
        if end is None or (old.start is not None and end < old.start):
            continue  # no date we could honestly end it on
        ended.append(old.model_copy(update={"end": end, "provenance": prov}))
    return ended


FORMAT = Format(
    "bods",
    "Beneficial Ownership Data Standard 0.2–0.4 statements (JSON array or JSON Lines)",
    parse,
)
