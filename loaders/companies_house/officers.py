"""One item of a company's officer list (GET /company/{number}/officers)."""

from __future__ import annotations

from typing import Any

from graph_schema.edges import Directorship
from graph_schema.keys import person_key, relationship_key
from graph_schema.labels import RelType
from graph_schema.names import clean_name
from graph_schema.nodes import PersonRecord, Record
from graph_schema.provenance import Provenance
from loaders.companies_house import codes
from loaders.companies_house.common import (
    SOURCE,
    address_records,
    birth_year_month,
    company_stub,
    corporate_jurisdiction,
    corporate_key,
    display_name,
    iso_date,
    last_segment,
    text,
)
from loaders.contract import BadRecord


def officer_id(item: dict[str, Any]) -> str | None:
    """The officer's own id, from links.officer.appointments "/officers/<id>/appointments"."""
    links = item.get("links")
    officer = links.get("officer") if isinstance(links, dict) else None
    if isinstance(officer, dict):
        return last_segment(officer.get("appointments"))
    return None


def officer_records(ckey: str, item: Any, prov: Provenance, fallback_id: str) -> list[Record]:
    """Canonical records for one officer of company `ckey` (raises BadRecord)."""
    if not isinstance(item, dict):
        raise BadRecord(f"an officer item must be an object, got {type(item).__name__}")
    raw_role = text(item.get("officer_role"))
    if raw_role is None:
        raise BadRecord("missing key field officer_role")
    role = codes.OFFICER_ROLES.get(raw_role)
    if role is None:
        raise BadRecord(f"unknown officer_role {raw_role!r}")
    raw_name = text(item.get("name"))
    if raw_name is None:
        raise BadRecord("missing key field name")
    # Pre-1992 appointments have no exact date, only `appointed_before`.
    start = iso_date(item.get("appointed_on"), "appointed_on") or iso_date(
        item.get("appointed_before"), "appointed_before"
    )
    end = iso_date(item.get("resigned_on"), "resigned_on")
    oid = officer_id(item)
    records: list[Record] = [company_stub(ckey, prov)]
    if raw_role.startswith("corporate-") or item.get("identification"):
        name = clean_name(raw_name) or raw_name
        src, uk = corporate_key(item.get("identification"), oid, f"corporate officer {name!r}")
        jurisdiction = corporate_jurisdiction(item.get("identification"), uk)
        records.append(company_stub(src, prov, name=name, jurisdiction=jurisdiction))
    else:
        name = display_name(raw_name)
        ym = birth_year_month(item.get("date_of_birth"))
        src, basis = person_key(name, ym, source=SOURCE, source_person_id=oid or fallback_id)
        records.append(
            PersonRecord(
                key=src,
                name=name,
                birth_year_month=ym,
                nationality=text(item.get("nationality")),
                country_of_residence=text(item.get("country_of_residence")),
                match_basis=basis,
                provenance=prov,
            )
        )
    records.extend(address_records(src, item.get("address"), "service", prov))
    if end and start and end < start:
        raise BadRecord(f"resigned_on {end} is before appointed_on {start}")
    records.append(
        Directorship(
            key=relationship_key(RelType.DIRECTOR_OF, src, ckey, role, start),
            src=src,
            dst=ckey,
            role=role,
            role_label=raw_role,
            start=start,
            end=end,
            provenance=prov,
        )
    )
    return records
