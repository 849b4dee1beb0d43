"""BODS entity and person statements -> CompanyRecord / PersonRecord (+ addresses).

Keys: an entity is keyed by its first registry identifier we can validate (a national register
first, then e.g. an LEI), else `XI-BODS-<recordId|statementID>`. Schemes are read from `scheme`
or `schemeName` through the one scheme table (graph_schema/identifiers.py): org-id codes,
register names ("Companies House") and GLEIF RA codes (Open Ownership's GLEIF pipeline writes
`{"id": "10415749", "schemeName": "RA000585"}`). An identifier that is invalid for its scheme
(BODS examples use 'XE-000079054' as a GB-COH number) is kept unvalidated, never as the key, and
reported as a warning: losing a beneficial-ownership chain over one bad number costs more than a
missing cross-source merge. A 0.4 entity or person also carries `XI-BODS-<recordId>`, through
which a later file's relationship record that names it only by recordId finds it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from graph_schema.edges import AddressLink
from graph_schema.errors import InvalidInput
from graph_schema.identifiers import (
    SCHEMES,
    canonical_scheme,
    read_identifier,
)
from graph_schema.keys import address_key, person_key
from graph_schema.names import clean_name
from graph_schema.nodes import AddressRecord, CompanyRecord, Identifier, PersonRecord, Record
from graph_schema.provenance import Provenance
from loaders.bods.model import (
    Statement,
    camel,
    enum,
    full_date,
    obj_list,
    opt_bool,
    opt_obj,
    opt_str,
    partial_date,
    str_list,
)
from loaders.contract import BadRecord

ENTITY_TYPES = (
    "registeredEntity",
    "legalEntity",
    "arrangement",
    "anonymousEntity",
    "unknownEntity",
    "state",
    "stateBody",
)
PERSON_TYPES = ("knownPerson", "anonymousPerson", "unknownPerson")
NAME_TYPES = (
    "individual",
    "translation",
    "transliteration",
    "former",
    "alternative",
    "birth",
    "legal",
    "aka",
    "nickname",
)
PEP_STATUSES = ("isPep", "isNotPep", "unknown")
UNSPECIFIED_REASONS = (
    "noBeneficialOwners",
    "subjectUnableToConfirmOrIdentifyBeneficialOwner",
    "interestedPartyHasNotProvidedInformation",
    "subjectExemptFromDisclosure",
    "interestedPartyExemptFromDisclosure",
    "unknown",
    "informationUnknownToPublisher",
)
# BODS address type -> our REGISTERED_AT kind; placeOfBirth is not an address we keep.
_ADDRESS_KINDS = {
    "registered": "registered",
    "business": "business",
    "service": "service",
    "residence": "residential",
    "home": "residential",
    "alternative": "correspondence",
}
_ENTITY_ADDRESS_TYPES = ("registered", "business", "service", "alternative")
_PERSON_ADDRESS_TYPES_04 = ("home", "residence", "registered", "service", "alternative")
_PERSON_ADDRESS_TYPES = (
    "placeOfBirth",
    "home",
    "residence",
    "registered",
    "service",
    "alternative",
    "business",
)
# Party statements that stand for nobody in particular: with an unspecified-details reason,
# the GLEIF pipeline's reporting exceptions (NO_KNOWN_PERSON, NON_CONSOLIDATING…).
_UNSPECIFIED_TYPES = ("unknownPerson", "anonymousPerson", "unknownEntity", "anonymousEntity")
_JURISDICTION = re.compile(r"^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
# PersonRecord needs a name; BODS does not require one (GLEIF reporting exceptions publish
# `unknownPerson` statements). Such persons are keyed by their record, so they never merge.
_NAMELESS = {"unknownPerson": "Unknown person", "anonymousPerson": "Anonymous person"}
UNNAMED_PERSON = "Unnamed person"


@dataclass(frozen=True)
class Party:
    """What a relationship needs to know about an entity or person statement it references."""

    kind: str  # entity | person | reference (a record of an earlier file, by recordId)
    key: str
    match_basis: str | None = None  # persons only
    # The unspecified-details reason of an unknown/anonymous party statement, else None.
    unspecified: str | None = None


def provenance(statement: Statement, source_file: str) -> Provenance:
    return Provenance(
        source="bods",
        record_id=statement.statement_id,
        source_file=source_file,
        seen_at=statement.date,
    )


def _scheme_of(identifier: dict[str, Any], index: int) -> str | None:
    label = f"identifiers[{index}]"
    scheme = opt_str(identifier, "scheme", f"{label}.scheme")
    name = opt_str(identifier, "schemeName", f"{label}.schemeName")
    if scheme is None and name is None:
        raise BadRecord(f"{label} has neither scheme nor schemeName")
    for candidate in (scheme, name):
        if candidate is None:
            continue
        try:
            return canonical_scheme(candidate)
        except InvalidInput:
            continue
    return None


def entity_identifiers(details: dict[str, Any], warnings: list[str]) -> list[Identifier]:
    """Identifiers of known schemes, validated national registers first, duplicates removed;
    a number that fails its scheme's check is kept last, unvalidated, with a warning."""
    found: dict[str, Identifier] = {}
    for index, item in enumerate(obj_list(details, "identifiers")):
        value = opt_str(item, "id", f"identifiers[{index}].id")
        opt_str(item, "uri", f"identifiers[{index}].uri")
        scheme = _scheme_of(item, index)
        if scheme is None or value is None or scheme == "XI-BODS":
            continue
        read = read_identifier(scheme, value)
        ident = Identifier(scheme=read.scheme, value=read.value, validated=read.validated)
        if not read.validated and ident.key not in found:
            warnings.append(f"number kept unvalidated: identifiers[{index}] {read.problem}")
        found.setdefault(ident.key, ident)
    return sorted(found.values(), key=lambda i: (not i.validated, not SCHEMES[i.scheme].national))


def record_identifier(statement: Statement) -> list[Identifier]:
    """XI-BODS-<recordId> for a 0.4 record (stable across its versions and files)."""
    if statement.version != "0.4":
        return []
    return [Identifier(scheme="XI-BODS", value=statement.record_id)]


def entity_key(statement: Statement, identifiers: list[Identifier]) -> str:
    if identifiers and identifiers[0].validated:
        return identifiers[0].key
    return f"XI-BODS-{statement.record_id}"


def _entity_type(statement: Statement) -> str:
    value = statement.details.get("entityType")
    if value is None:
        raise BadRecord("missing key field entityType")
    if statement.version == "0.4" and not isinstance(value, dict):
        raise BadRecord(f"entityType must be an object {{type, subtype}} in 0.4, got {value!r}")
    if isinstance(value, dict):  # 0.4: {type, subtype, details}
        code = value.get("type")
        if code is None:
            raise BadRecord("missing key field entityType.type")
        opt_str(value, "details", "entityType.details")
    else:
        code = value
    if not isinstance(code, str) or code not in ENTITY_TYPES:
        raise BadRecord(f"unknown entityType {code!r}")
    return code


def _formed_by_statute(details: dict[str, Any]) -> None:
    statute = opt_obj(details, "formedByStatute")
    if statute is not None:
        opt_str(statute, "name", "formedByStatute.name")
        full_date(statute, "date", "formedByStatute.date")


def _jurisdiction(details: dict[str, Any]) -> str | None:
    field = "jurisdiction" if "jurisdiction" in details else "incorporatedInJurisdiction"
    value = opt_obj(details, field)
    if value is None:
        return None
    opt_str(value, "name", f"{field}.name")
    code = opt_str(value, "code", f"{field}.code")
    if code is None:
        return None
    if not _JURISDICTION.match(code.upper()):
        raise BadRecord(f"invalid {field}.code {code!r}: ISO 3166 code expected")
    return code.upper()


def _unspecified_reason(details: dict[str, Any], field: str) -> str | None:
    value = opt_obj(details, field)
    if value is None:
        return None
    return reason_code(value, field)


def reason_code(value: dict[str, Any], field: str) -> str:
    """The camel-case code of an `unspecified` object's reason (one of UNSPECIFIED_REASONS)."""
    opt_str(value, "description", f"{field}.description")
    reason = opt_str(value, "reason", f"{field}.reason")
    if reason is None:
        raise BadRecord(f"missing key field {field}.reason")
    code = camel(reason)
    if code not in UNSPECIFIED_REASONS:
        raise BadRecord(f"unknown {field}.reason {reason!r}")
    return code


def _listed(details: dict[str, Any]) -> bool | None:
    listing = opt_obj(details, "publicListing")
    if listing is None:
        return None
    has = opt_bool(listing, "hasPublicListing", "publicListing.hasPublicListing")
    if has is None:
        raise BadRecord("missing key field publicListing.hasPublicListing")
    str_list(listing, "companyFilingsURLs", "publicListing.companyFilingsURLs")
    obj_list(listing, "securitiesListings", "publicListing.securitiesListings")
    return has


def entity_records(
    statement: Statement, key: str | None, source_file: str, warnings: list[str]
) -> tuple[list[Record], Party]:
    """The entity's records; `key` is the one a previous version of this record already got."""
    details = statement.details
    entity_type = _entity_type(statement)
    _formed_by_statute(details)
    found = entity_identifiers(details, warnings)
    key = key or entity_key(statement, found)
    identifiers = [*found, *(i for i in record_identifier(statement) if i not in found)]
    prov = provenance(statement, source_file)
    reason = _unspecified_reason(details, "unspecifiedEntityDetails")
    company = CompanyRecord(
        key=key,
        identifiers=identifiers,
        name=clean_name(opt_str(details, "name")),
        former_names=[n for n in (clean_name(a) for a in str_list(details, "alternateNames")) if n],
        jurisdiction=_jurisdiction(details),
        incorporated_on=full_date(details, "foundingDate"),
        dissolved_on=full_date(details, "dissolutionDate"),
        listed=_listed(details),
        status_detail=f"unspecified entity: {reason}" if reason else None,
        provenance=prov,
    )
    opt_str(details, "uri")
    records: list[Record] = [company]
    records += addresses(details, key, _ENTITY_ADDRESS_TYPES, "registered", prov, statement.version)
    unspecified = reason if entity_type in _UNSPECIFIED_TYPES else None
    return records, Party("entity", key, unspecified=unspecified)


def _person_name(details: dict[str, Any]) -> str | None:
    """The first individual/legal name, else the first name given at all."""
    preferred: list[str] = []
    other: list[str] = []
    for index, item in enumerate(obj_list(details, "names")):
        label = f"names[{index}]"
        name_type = enum(item, "type", NAME_TYPES, f"{label}.type")
        full = opt_str(item, "fullName", f"{label}.fullName")
        parts = [opt_str(item, f, f"{label}.{f}") for f in ("givenName", "familyName")]
        opt_str(item, "patronymicName", f"{label}.patronymicName")
        text = clean_name(full or " ".join(p for p in parts if p))
        if text:
            (preferred if name_type in ("individual", "legal") else other).append(text)
    names = preferred or other
    return names[0] if names else None


def _pep(details: dict[str, Any]) -> bool:
    exposure = opt_obj(details, "politicalExposure")
    if exposure is not None:
        status = exposure.get("status")
        if status is None:
            raise BadRecord("missing key field politicalExposure.status")
        if status not in PEP_STATUSES:
            raise BadRecord(f"unknown politicalExposure.status {status!r}")
        for index, item in enumerate(obj_list(exposure, "details", "politicalExposure.details")):
            for field in ("startDate", "endDate"):
                full_date(item, field, f"politicalExposure.details[{index}].{field}")
            opt_obj(item, "jurisdiction", f"politicalExposure.details[{index}].jurisdiction")
            opt_obj(item, "source", f"politicalExposure.details[{index}].source")
            opt_str(item, "reason", f"politicalExposure.details[{index}].reason")
            opt_str(
                item, "missingInfoReason", f"politicalExposure.details[{index}].missingInfoReason"
            )
        return bool(status == "isPep")
    return bool(opt_bool(details, "hasPepStatus"))  # 0.2


def person_records(
    statement: Statement, known: Party | None, source_file: str
) -> tuple[list[Record], Party]:
    details = statement.details
    person_type = details.get("personType")
    if person_type is None and statement.version == "0.4":
        raise BadRecord("missing key field personType")  # 0.2 bare statements omit it
    if person_type is not None and person_type not in PERSON_TYPES:
        raise BadRecord(f"unknown personType {person_type!r}")
    name = _person_name(details) or _NAMELESS.get(str(person_type), UNNAMED_PERSON)
    birth_date, birth_ym = None, None
    if details.get("birthDate") is not None:
        birth_date, birth_ym, _ = partial_date(details, "birthDate")
    if details.get("deathDate") is not None:
        partial_date(details, "deathDate")
    nationality = None
    for index, item in enumerate(obj_list(details, "nationalities")):
        code = opt_str(item, "code", f"nationalities[{index}].code")
        opt_str(item, "name", f"nationalities[{index}].name")
        nationality = nationality or (code.upper() if code else None)
    obj_list(details, "taxResidencies")
    obj_list(details, "identifiers")
    opt_obj(details, "placeOfBirth")
    reason = _unspecified_reason(details, "unspecifiedPersonDetails")
    topics = ["role.pep"] if _pep(details) else []
    if known is not None:
        key, basis = known.key, known.match_basis or "source_record"
    else:
        key, basis = person_key(name, birth_ym, source="bods", source_person_id=statement.record_id)
    prov = provenance(statement, source_file)
    person = PersonRecord(
        key=key,
        name=name,
        identifiers=record_identifier(statement),
        birth_year_month=birth_ym,
        birth_date=birth_date,
        nationality=nationality,
        topics=topics,
        match_basis=basis,
        provenance=prov,
    )
    records: list[Record] = [person]
    allowed = _PERSON_ADDRESS_TYPES_04 if statement.version == "0.4" else _PERSON_ADDRESS_TYPES
    records += addresses(details, key, allowed, "service", prov, statement.version)
    residence = opt_obj(details, "placeOfResidence")  # 0.2
    if residence is not None:
        records += addresses(
            {"addresses": [{"type": "residence", **residence}]},
            key,
            _PERSON_ADDRESS_TYPES,
            "residential",
            prov,
            "0.2",
        )
    unspecified = reason if person_type in _UNSPECIFIED_TYPES else None
    return records, Party("person", key, basis, unspecified)


def addresses(
    details: dict[str, Any],
    owner: str,
    allowed: tuple[str, ...],
    default_kind: str,
    prov: Provenance,
    version: str,
) -> list[Record]:
    records: list[Record] = []
    for index, item in enumerate(obj_list(details, "addresses")):
        label = f"addresses[{index}]"
        kind_code = enum(item, "type", allowed, f"{label}.type")
        text = clean_name(opt_str(item, "address", f"{label}.address"))
        postcode = opt_str(item, "postCode", f"{label}.postCode")
        country = _address_country(item, label, version)
        if kind_code == "placeOfBirth" or not text:
            continue
        if postcode and postcode.replace(" ", "").lower() not in text.replace(" ", "").lower():
            text = f"{text}, {postcode}"
        akey = address_key(text, country)
        kind = _ADDRESS_KINDS.get(kind_code or "", default_kind)
        records.append(
            AddressRecord(key=akey, text=text, postcode=postcode, country=country, provenance=prov)
        )
        records.append(AddressLink.of(owner, akey, kind, prov))
    return records


def _address_country(item: dict[str, Any], label: str, version: str) -> str | None:
    value = item.get("country")
    if value is None:
        return None
    if version == "0.4" and not isinstance(value, dict):
        raise BadRecord(f"{label}.country must be an object {{name, code}} in 0.4, got {value!r}")
    if isinstance(value, dict):  # 0.4: {name, code}
        name = opt_str(value, "name", f"{label}.country.name")
        if name is None:
            raise BadRecord(f"missing key field {label}.country.name")
        code = opt_str(value, "code", f"{label}.country.code")
    elif isinstance(value, str):  # 0.2: the code itself
        code = value
    else:
        raise BadRecord(f"{label}.country must be an object or a code, got {value!r}")
    if code is None:
        return None
    if not _COUNTRY.match(code.upper()):
        raise BadRecord(f"invalid {label}.country code {code!r}: 2 letters expected")
    return code.upper()
