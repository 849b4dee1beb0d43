"""GLEIF Level 1 (LEI-CDF 2.1): one LEI record -> a Company, its identifiers and addresses.

Key: the national register number when the record's RegistrationAuthorityID is a register of
the one scheme table (graph_schema/identifiers.py: GLEIF RA codes per scheme) and the number
validates, else "XI-LEI-<LEI>"; a number that fails its scheme's check is kept unvalidated with
a warning. The LEI is always an Identifier (the last one).
Names: only PREVIOUS_LEGAL_NAME goes to former_names (trading and transliterated names are not
former names). Legal form: the ELF code, or the free-text OtherLegalForm when the code is the
"other" placeholder. status: the entity status (active/inactive); status_detail: the LEI
registration status (ISSUED, LAPSED, RETIRED…). Legal address -> REGISTERED_AT registered,
headquarters address -> REGISTERED_AT business.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from graph_schema.edges import AddressLink
from graph_schema.errors import InvalidInput
from graph_schema.identifiers import normalise_identifier, read_identifier, scheme_for_gleif_ra
from graph_schema.keys import address_key
from graph_schema.names import clean_name
from graph_schema.nodes import AddressRecord, CompanyRecord, Identifier, Record
from graph_schema.provenance import Provenance
from loaders.contract import BadRecord
from loaders.gleif.read import CONTENT_DATE, Tree, as_list, text

SOURCE = "gleif"

ENTITY_STATUSES = {"ACTIVE": "active", "INACTIVE": "inactive", "NULL": None}
REGISTRATION_STATUSES = {
    "ISSUED",
    "LAPSED",
    "RETIRED",
    "MERGED",
    "ANNULLED",
    "DUPLICATE",
    "TRANSFERRED",
    "PENDING_TRANSFER",
    "PENDING_ARCHIVAL",
    "PENDING_VALIDATION",
    "CANCELLED",
}
_OTHER_LEGAL_FORM = {"8888", "9999"}


@dataclass
class Address:
    lines: list[str] = field(default_factory=list)
    city: str | None = None
    region: str | None = None
    country: str | None = None
    postcode: str | None = None


@dataclass
class LeiFacts:
    lei: str | None
    legal_name: str | None = None
    other_names: list[tuple[str, str | None]] = field(default_factory=list)
    legal_address: Address | None = None
    hq_address: Address | None = None
    ra_id: str | None = None
    ra_entity_id: str | None = None
    jurisdiction: str | None = None
    legal_form_code: str | None = None
    other_legal_form: str | None = None
    entity_status: str | None = None
    creation_date: str | None = None
    expiration_date: str | None = None
    expiration_reason: str | None = None
    registration_status: str | None = None
    last_update: str | None = None


def _bf_address(node: Any) -> Address | None:
    if not isinstance(node, dict):
        return None
    lines = [text(node, "FirstAddressLine")]
    lines += [text(n) for n in as_list(node.get("AdditionalAddressLine"))]
    return Address(
        lines=[line for line in lines if line],
        city=text(node, "City"),
        region=text(node, "Region"),
        country=text(node, "Country"),
        postcode=text(node, "PostalCode"),
    )


def facts_from_bf(tree: Tree) -> LeiFacts:
    entity = tree.get("Entity", {})
    names = [
        (text(n) or "", n.get("@type") if isinstance(n, dict) else None)
        for n in as_list((entity.get("OtherEntityNames") or {}).get("OtherEntityName"))
    ]
    return LeiFacts(
        lei=text(tree, "LEI"),
        legal_name=text(entity, "LegalName"),
        other_names=[(n, t) for n, t in names if n],
        legal_address=_bf_address(entity.get("LegalAddress")),
        hq_address=_bf_address(entity.get("HeadquartersAddress")),
        ra_id=text(entity, "RegistrationAuthority", "RegistrationAuthorityID"),
        ra_entity_id=text(entity, "RegistrationAuthority", "RegistrationAuthorityEntityID"),
        jurisdiction=text(entity, "LegalJurisdiction"),
        legal_form_code=text(entity, "LegalForm", "EntityLegalFormCode"),
        other_legal_form=text(entity, "LegalForm", "OtherLegalForm"),
        entity_status=text(entity, "EntityStatus"),
        creation_date=text(entity, "EntityCreationDate"),
        expiration_date=text(entity, "EntityExpirationDate"),
        expiration_reason=text(entity, "EntityExpirationReason"),
        registration_status=text(tree, "Registration", "RegistrationStatus"),
        last_update=text(tree, "Registration", "LastUpdateDate") or tree.get(CONTENT_DATE),
    )


def _api_address(node: Any) -> Address | None:
    if not isinstance(node, dict):
        return None
    lines = [str(x) for x in node.get("addressLines") or [] if x]
    return Address(
        lines=lines,
        city=node.get("city"),
        region=node.get("region"),
        country=node.get("country"),
        postcode=node.get("postalCode"),
    )


def facts_from_api(item: Tree) -> LeiFacts:
    attrs = item.get("attributes") or {}
    entity = attrs.get("entity") or {}
    registration = attrs.get("registration") or {}
    legal_form = entity.get("legalForm") or {}
    expiration = entity.get("expiration") or {}
    return LeiFacts(
        lei=attrs.get("lei") or item.get("id"),
        legal_name=(entity.get("legalName") or {}).get("name"),
        other_names=[
            (str(n.get("name")), n.get("type"))
            for n in entity.get("otherNames") or []
            if isinstance(n, dict) and n.get("name")
        ],
        legal_address=_api_address(entity.get("legalAddress")),
        hq_address=_api_address(entity.get("headquartersAddress")),
        ra_id=(entity.get("registeredAt") or {}).get("id"),
        ra_entity_id=entity.get("registeredAs"),
        jurisdiction=entity.get("jurisdiction"),
        legal_form_code=legal_form.get("id"),
        other_legal_form=legal_form.get("other"),
        entity_status=entity.get("status"),
        creation_date=entity.get("creationDate"),
        expiration_date=expiration.get("date"),
        expiration_reason=expiration.get("reason"),
        registration_status=registration.get("status"),
        last_update=registration.get("lastUpdateDate") or item.get(CONTENT_DATE),
    )


def parse_day(value: str | None, what: str) -> date | None:
    """GLEIF timestamps ("2012-11-29T00:00:00.000Z", "…+02:00") -> the calendar day given."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise BadRecord(f"invalid date {value!r} in {what}") from None


def lei_identifier(value: str | None, what: str = "LEI") -> Identifier:
    if not value:
        raise BadRecord(f"missing key field {what}")
    try:
        scheme, number = normalise_identifier("XI-LEI", value)
    except InvalidInput as exc:
        raise BadRecord(f"{exc.message} in {what}") from None
    return Identifier(scheme=scheme, value=number)


def national_identifier(
    ra_id: str | None, number: str | None
) -> tuple[Identifier | None, str | None]:
    """(the register number as one of our schemes, or None when the register is not one of
    ours; a warning when the number fails its scheme's check and is kept unvalidated)."""
    scheme = scheme_for_gleif_ra(ra_id)
    if scheme is None or not number or not number.strip():
        return None, None
    read = read_identifier(scheme, number)
    ident = Identifier(scheme=read.scheme, value=read.value, validated=read.validated)
    warning = (
        None
        if read.validated
        else f"number kept unvalidated: RegistrationAuthorityEntityID {read.problem}"
    )
    return ident, warning


def company_key(facts: LeiFacts) -> tuple[str, list[Identifier], list[str]]:
    """(key, identifiers with the LEI last, warnings)."""
    lei = lei_identifier(facts.lei)
    national, warning = national_identifier(facts.ra_id, facts.ra_entity_id)
    warnings = [warning] if warning else []
    if national is not None and national.validated:
        return national.key, [national, lei], warnings
    if national is not None:
        return lei.key, [national, lei], warnings
    return lei.key, [lei], warnings


def _address_records(
    owner: str, address: Address | None, kind: str, prov: Provenance
) -> list[Record]:
    if address is None:
        return []
    country = (address.country or "").upper() or None
    place = " ".join(p for p in (address.postcode, address.city) if p)
    parts = [*address.lines, place, address.region if address.region else None, country]
    full = clean_name(", ".join(p for p in parts if p))
    if not full:
        return []
    node = AddressRecord(
        key=address_key(full, country),
        text=full,
        street=clean_name(", ".join(address.lines)) or None,
        postcode=address.postcode,
        city=address.city,
        country=country,
        provenance=prov,
    )
    link = AddressLink.of(owner, node.key, kind, prov)
    return [node, link]


def lei_records(facts: LeiFacts, source_file: str, warnings: list[str]) -> list[Record]:
    key, identifiers, found = company_key(facts)
    warnings.extend(found)
    lei = identifiers[-1].value
    if facts.entity_status not in ENTITY_STATUSES and facts.entity_status is not None:
        raise BadRecord(f"unknown EntityStatus {facts.entity_status!r}")
    registration = facts.registration_status
    if registration is not None and registration not in REGISTRATION_STATUSES:
        raise BadRecord(f"unknown RegistrationStatus {registration!r}")
    name = clean_name(facts.legal_name)
    if not name:
        raise BadRecord("missing key field LegalName")
    former = sorted(
        {clean_name(n) or n for n, kind in facts.other_names if kind == "PREVIOUS_LEGAL_NAME"}
        - {name}
    )
    form = facts.legal_form_code
    if form is None or form in _OTHER_LEGAL_FORM:
        form = clean_name(facts.other_legal_form) or form
    dissolved = parse_day(facts.expiration_date, "EntityExpirationDate")
    prov = Provenance(
        source=SOURCE,
        record_id=lei,
        source_file=source_file,
        seen_at=parse_day(facts.last_update, "LastUpdateDate"),
    )
    company = CompanyRecord(
        key=key,
        identifiers=identifiers,
        name=name,
        former_names=former,
        legal_form=form,
        status=ENTITY_STATUSES.get(facts.entity_status or "NULL"),
        status_detail=registration,
        jurisdiction=(facts.jurisdiction or "").upper() or None,
        incorporated_on=parse_day(facts.creation_date, "EntityCreationDate"),
        dissolved_on=dissolved if facts.expiration_reason == "DISSOLVED" else None,
        provenance=prov,
    )
    return [
        company,
        *_address_records(key, facts.legal_address, "registered", prov),
        *_address_records(key, facts.hq_address, "business", prov),
    ]
