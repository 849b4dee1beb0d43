"""The "ch-disqualified" format: disqualified-officer documents (GET /disqualified-officers/
natural/{officer_id}), one JSON document per file or one per line.

Only natural persons are loaded: the graph attaches disqualifications to persons, so a
corporate disqualification is rejected with that reason rather than half-loaded.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graph_schema.keys import disqualification_key, person_key
from graph_schema.names import clean_name
from graph_schema.nodes import DisqualificationRecord, PersonRecord, Record
from graph_schema.provenance import Provenance
from loaders.companies_house import codes
from loaders.companies_house.common import (
    SOURCE,
    as_list,
    iso_date,
    parse_documents,
    self_id,
    text,
)
from loaders.contract import BadRecord, Format, Parsed, ParseResult
from loaders.rejects import Location, Rejection
from loaders.source import ByteCounter

NATURAL = "natural-disqualification"
CORPORATE = "corporate-disqualification"
DEFAULT_AUTHORITY = "Companies House"


def parse_disqualified(path: Path, counter: ByteCounter) -> Iterator[ParseResult]:
    return parse_documents(path, counter, (".json", ".jsonl", ".json.gz", ".jsonl.gz"), _document)


def _document(file: Path, location: Location, doc: Any) -> ParseResult:
    try:
        if not isinstance(doc, dict):
            raise BadRecord(f"a disqualified officer must be an object, got {type(doc).__name__}")
        officer_id = self_id(doc)
        where = location.line if location.line is not None else location.record
        prov = Provenance(
            source=SOURCE,
            record_id=f"disqualified-officers/{officer_id}"
            if officer_id
            else f"{file.name}:{where}",
            source_file=file.name,
        )
        return Parsed(location, disqualified_records(doc, prov, officer_id or prov.record_id))
    except BadRecord as exc:
        return Rejection(location, str(exc), raw=doc)
    except ValueError as exc:
        return Rejection(location, f"invalid disqualified officer: {exc}", raw=doc)


def person_name(doc: dict[str, Any]) -> str | None:
    surname = text(doc.get("surname"))
    parts = [text(doc.get("forename")), text(doc.get("other_forenames"))]
    parts.append(surname.upper() if surname else None)  # as officer lists write it
    return clean_name(" ".join(p for p in parts if p))


def disqualified_records(doc: dict[str, Any], prov: Provenance, officer_id: str) -> list[Record]:
    kind = text(doc.get("kind"))
    if kind == CORPORATE or (kind is None and doc.get("company_number")):
        raise BadRecord(
            "corporate disqualifications are not loaded: the graph holds disqualifications "
            "of persons only"
        )
    if kind not in (NATURAL, None):
        raise BadRecord(f"unknown disqualified officer kind {kind!r}")
    name = person_name(doc)
    if not name:
        raise BadRecord("missing key field surname")
    born = iso_date(doc.get("date_of_birth"), "date_of_birth")
    ym = f"{born.year:04d}-{born.month:02d}" if born else None
    pkey, basis = person_key(name, ym, source=SOURCE, source_person_id=officer_id)
    disqualifications = doc.get("disqualifications")
    if not isinstance(disqualifications, list) or not disqualifications:
        raise BadRecord("missing key field disqualifications")
    records: list[Record] = [
        PersonRecord(
            key=pkey,
            name=name,
            birth_year_month=ym,
            birth_date=born,
            nationality=text(doc.get("nationality")),
            match_basis=basis,
            provenance=prov,
        )
    ]
    for index, disq in enumerate(disqualifications):
        records.append(_disqualification(pkey, disq, index, officer_id, prov))
    return records


def reason_text(reason: Any, where: str) -> str | None:
    if reason is None:
        return None
    if not isinstance(reason, dict):
        raise BadRecord(f"invalid {where}.reason {reason!r}")
    ident = text(reason.get("description_identifier"))
    act = text(reason.get("act"))
    if ident is not None and ident not in codes.DISQUALIFICATION_REASONS:
        raise BadRecord(f"unknown disqualification reason {ident!r}")
    if act is not None and act not in codes.DISQUALIFICATION_ACTS:
        raise BadRecord(f"unknown disqualification act {act!r}")
    section = text(reason.get("section")) or text(reason.get("article"))
    legal = ", ".join(
        p for p in (codes.DISQUALIFICATION_ACTS.get(act or ""), section and f"s.{section}") if p
    )
    head = codes.DISQUALIFICATION_REASONS.get(ident or "")
    if head and legal:
        return f"{head} ({legal})"
    return head or legal or None


def _disqualification(
    pkey: str, disq: Any, index: int, officer_id: str, prov: Provenance
) -> DisqualificationRecord:
    where = f"disqualifications[{index}]"
    if not isinstance(disq, dict):
        raise BadRecord(f"invalid {where}: expected an object")
    start = iso_date(disq.get("disqualified_from"), f"{where}.disqualified_from")
    end = iso_date(disq.get("disqualified_until"), f"{where}.disqualified_until")
    if start is None:
        raise BadRecord(f"missing key field {where}.disqualified_from")
    if end and end < start:
        raise BadRecord(f"{where}: disqualified_until {end} is before disqualified_from {start}")
    # Dates of the order or undertaking are checked even though only the period is stored.
    iso_date(disq.get("heard_on"), f"{where}.heard_on")
    iso_date(disq.get("undertaken_on"), f"{where}.undertaken_on")
    reason = reason_text(disq.get("reason"), where)
    kind = text(disq.get("disqualification_type"))
    companies = [text(c) for c in as_list(disq.get("company_names"), f"{where}.company_names")]
    details = [
        p
        for p in (
            kind and kind.replace("-", " ").capitalize(),
            reason,
            companies and "companies: " + ", ".join(c for c in companies if c),
        )
        if p
    ]
    reference = text(disq.get("case_identifier")) or f"{officer_id}#{index}"
    return DisqualificationRecord(
        key=disqualification_key(pkey, start, reference),
        person=pkey,
        start=start,
        end=end,
        authority=text(disq.get("court_name")) or DEFAULT_AUTHORITY,
        reason="; ".join(str(d) for d in details) or None,
        reference=reference,
        provenance=prov,
    )


FORMAT = Format(
    "ch-disqualified",
    "Companies House disqualified officers (API documents, one per file or per line)",
    parse_disqualified,
)
