"""Officers: one item of a company's officer list (GET /company/{number}/officers) or of an
officer's appointments list (GET /officers/{officer_id}/appointments).

The officer id (`links.officer.appointments` -> `/officers/{id}/appointments`) is Companies
House's own id for one officer across roles and companies. The API gives a secretary no date of
birth, so the same man listed as director (with a birth month) and as secretary (without) would
be two persons; an entry without a birth month takes it from another appointment of the same
officer id (the same list, or the officer's own appointments list) and is keyed by name and
birth month like every other person (match_basis `officer_id`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph_schema.edges import Directorship
from graph_schema.keys import person_key
from graph_schema.names import clean_name
from graph_schema.nodes import Record
from graph_schema.provenance import Provenance
from loaders.companies_house import codes
from loaders.companies_house.common import (
    SOURCE,
    address_records,
    birth_year_month,
    ch_company_key,
    company_stub,
    display_name,
    iso_date,
    last_segment,
    looks_like_organisation,
    person_of,
    text,
    unknown_value,
)
from loaders.companies_house.registration import registration
from loaders.contract import BadRecord

OFFICER_ID_BASIS = "officer_id"


@dataclass(frozen=True)
class OfficerHints:
    """What the document around an item says about its officer."""

    officer_id: str | None = None  # when the item does not link it (an appointments list's)
    birth: str | None = None  # birth year-month from another appointment of this officer id
    corporate: bool = False  # an appointments list's `is_corporate_officer`


NO_HINTS = OfficerHints()


def officer_id(item: dict[str, Any]) -> str | None:
    """The officer's own id, from links.officer.appointments "/officers/<id>/appointments"."""
    links = item.get("links")
    officer = links.get("officer") if isinstance(links, dict) else None
    if isinstance(officer, dict):
        return last_segment(officer.get("appointments"))
    return None


def officer_records(
    ckey: str,
    item: Any,
    prov: Provenance,
    fallback_id: str,
    hints: OfficerHints = NO_HINTS,
    warnings: list[str] | None = None,
) -> list[Record]:
    """Canonical records for one officer of company `ckey` (raises BadRecord); unknown codes
    are kept as-is and named in `warnings`."""
    if not isinstance(item, dict):
        raise BadRecord(f"an officer item must be an object, got {type(item).__name__}")
    raw_role = text(item.get("officer_role"))
    if raw_role is None:
        raise BadRecord("missing key field officer_role")
    role = codes.OFFICER_ROLES.get(raw_role)
    if role is None:
        role = raw_role
        unknown_value(warnings, "officer_role", raw_role)
    raw_name = text(item.get("name"))
    if raw_name is None:
        raise BadRecord("missing key field name")
    # Pre-1992 appointments have no exact date, only `appointed_before`.
    start = iso_date(item.get("appointed_on"), "appointed_on") or iso_date(
        item.get("appointed_before"), "appointed_before"
    )
    end = iso_date(item.get("resigned_on"), "resigned_on")
    if end and start and end < start:
        raise BadRecord(f"resigned_on {end} is before appointed_on {start}")
    oid = officer_id(item) or hints.officer_id
    own_birth = birth_year_month(item.get("date_of_birth"))
    birth = own_birth or hints.birth
    records: list[Record] = [company_stub(ckey, prov)]
    identification = item.get("identification")
    # A body corporate may hold any role (a company as `nominee-director`): the role's prefix,
    # its identification, the list's flag, or a legal form in a name without a birth month.
    corporate = (
        raw_role.startswith("corporate-")
        or bool(identification)
        or hints.corporate
        or (birth is None and looks_like_organisation(raw_name))
    )
    if corporate:
        name = clean_name(raw_name) or raw_name
        found = registration(identification, oid, f"corporate officer {name!r}")
        src = found.key
        records.append(company_stub(src, prov, name=name, jurisdiction=found.jurisdiction))
    else:
        name = display_name(raw_name)
        src, basis = person_key(name, birth, source=SOURCE, source_person_id=oid or fallback_id)
        if birth and not own_birth and basis != "source_record":
            basis = OFFICER_ID_BASIS
        records.append(person_of(item, src, name, birth, basis, prov))
    records.extend(address_records(src, item.get("address"), "service", prov))
    records.append(Directorship.dated(src, ckey, role, raw_role, start, prov, end))
    return records


def birth_by_officer(items: list[Any]) -> dict[str, str]:
    """Officer id -> birth year-month, from the entries of one list that give one (the first)."""
    found: dict[str, str] = {}
    for item in items:
        if not isinstance(item, dict):
            continue
        oid = officer_id(item)
        if oid is None or oid in found:
            continue
        try:
            ym = birth_year_month(item.get("date_of_birth"))
        except BadRecord:
            continue  # that entry's own parse rejects it
        if ym:
            found[oid] = ym
    return found


def appointment_records(
    body: dict[str, Any],
    item: Any,
    prov: Provenance,
    hints: OfficerHints,
    warnings: list[str],
) -> list[Record]:
    """One appointment of an officer's appointments list (`body`): a directorship of the
    company it names, which exists as a company node with its name and status."""
    if not isinstance(item, dict):
        raise BadRecord(f"an appointment must be an object, got {type(item).__name__}")
    to = item.get("appointed_to")
    to = to if isinstance(to, dict) else {}
    links = item.get("links")
    linked = last_segment(links.get("company")) if isinstance(links, dict) else None
    ckey = ch_company_key(text(to.get("company_number")) or linked, "appointed_to.company_number")
    status = text(to.get("company_status"))
    if status is not None and status not in codes.COMPANY_STATUSES:
        unknown_value(warnings, "company_status", status)
    name = clean_name(text(to.get("company_name")))
    company = company_stub(ckey, prov, name=name, status=status)
    # The list names its officer (and birth month) once; an appointment may repeat them.
    officer = {
        **item,
        "name": item.get("name") or body.get("name"),
        "date_of_birth": item.get("date_of_birth") or body.get("date_of_birth"),
    }
    records = officer_records(ckey, officer, prov, prov.record_id, hints, warnings)
    return [company, *records]
