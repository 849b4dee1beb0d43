"""FollowTheMoney: one entity -> canonical records, given the file's id -> node index.

Modelled: LegalEntity/Company/Organization/PublicBody -> Company, Person, Address (entity and
`address` strings), Ownership -> OWNS, Directorship -> DIRECTOR_OF, Family -> RELATED_TO, and
Sanction -> the topic "sanction" on its target (merged into the target's own record through the
index, so the target's other topics are kept). Every other schema (Payment, Passport, Vessel,
Associate, Occupancy…) is read and validated but not modelled: Parsed with no records.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from followthemoney import registry
from followthemoney.proxy import EntityProxy
from pydantic import ValidationError

from graph_schema.edges import AddressLink, Directorship, Relation, Shareholding
from graph_schema.keys import address_key
from graph_schema.names import clean_name
from graph_schema.nodes import AddressRecord, CompanyRecord, PersonRecord, Record
from graph_schema.provenance import Provenance
from loaders.contract import BadRecord
from loaders.ftm.index import (
    FileIndex,
    NodeRef,
    address_text,
    birth_fields,
    company_identity,
    display_name,
    person_identity,
    upper,
)

_DATE_PROPS = ("incorporationDate", "dissolutionDate", "birthDate", "startDate", "endDate")

# Source wording -> our normalised director roles (first match wins); default "director".
_ROLES = (
    ("secretar", "secretary"),
    ("liquidat", "liquidator"),
    ("board", "board_member"),
    ("member", "board_member"),
    ("managing", "managing_director"),
    ("general director", "managing_director"),
    ("director general", "managing_director"),
    ("chief executive", "managing_director"),
    ("ceo", "managing_director"),
    ("генеральн", "managing_director"),
    ("исполнительн", "managing_director"),
)


def check_dates(proxy: EntityProxy) -> None:
    for prop in _DATE_PROPS:
        for value in proxy.get(prop, quiet=True):
            if not registry.date.validate(value):
                raise BadRecord(f"invalid date {value!r} in {prop}")


def full_date(values: Sequence[str]) -> date | None:
    """The earliest complete date; partial FtM dates ("2005", "2005-09") are not days."""
    days = sorted(v[:10] for v in values if len(v) >= 10)
    return date.fromisoformat(days[0]) if days else None


def normalise_role(label: str | None) -> str:
    text = (label or "").lower()
    for needle, role in _ROLES:
        if needle in text:
            return role
    return "director"


def entity_records(
    proxy: EntityProxy, prov: Provenance, index: FileIndex, source_file: str
) -> list[Record]:
    """Records for one (valid) entity; raises BadRecord for a dangling or bad reference."""
    check_dates(proxy)
    schema = proxy.schema
    if schema.is_a("Person"):
        return _person(proxy, prov, index, source_file)
    if schema.is_a("LegalEntity"):
        return _company(proxy, prov, index, source_file)
    if schema.is_a("Address"):
        text = address_text(proxy)
        if not text:
            raise BadRecord("Address entity without any address text")
        return [_address(text, upper(proxy.first("country")), prov, proxy)]
    if schema.is_a("Ownership"):
        return _ownership(proxy, prov, index, source_file)
    if schema.is_a("Directorship"):
        return _directorship(proxy, prov, index, source_file)
    if schema.is_a("Family"):
        return _family(proxy, prov, index, source_file)
    if schema.is_a("Sanction"):
        _ref(proxy, "entity", index)  # a target missing from the file is rejected
        return []  # the topic went onto the target's own record (see module docstring)
    return []


def _topics(proxy: EntityProxy, index: FileIndex) -> list[str]:
    topics = set(proxy.get("topics", quiet=True))
    if str(proxy.id) in index.sanctioned:
        topics.add("sanction")
    return sorted(topics)


def _company(
    proxy: EntityProxy, prov: Provenance, index: FileIndex, source_file: str
) -> list[Record]:
    key, identifiers = company_identity(proxy)
    name = display_name(proxy)
    former = {
        n for p in ("previousName", "alias") for n in proxy.get(p, quiet=True) if clean_name(n)
    }
    former = {clean_name(n) or n for n in former} - {name}
    record = CompanyRecord(
        key=key,
        identifiers=identifiers,
        name=name,
        former_names=sorted(former),
        legal_form=clean_name(proxy.first("legalForm", quiet=True)),
        status=(clean_name(proxy.first("status", quiet=True)) or "").lower() or None,
        status_detail=clean_name(proxy.first("status", quiet=True)),
        jurisdiction=upper(proxy.first("jurisdiction", quiet=True) or proxy.first("country")),
        incorporated_on=full_date(proxy.get("incorporationDate", quiet=True)),
        dissolved_on=full_date(proxy.get("dissolutionDate", quiet=True)),
        topics=_topics(proxy, index),
        provenance=prov,
    )
    return [record, *_addresses(proxy, key, prov, index, source_file)]


def _person(
    proxy: EntityProxy, prov: Provenance, index: FileIndex, source_file: str
) -> list[Record]:
    key, basis, name = person_identity(proxy)
    year_month, born = birth_fields(proxy)
    record = PersonRecord(
        key=key,
        name=name,
        birth_year_month=year_month,
        birth_date=born,
        nationality=upper(proxy.first("nationality") or proxy.first("citizenship")),
        topics=_topics(proxy, index),
        match_basis=basis,
        provenance=prov,
    )
    return [record, *_addresses(proxy, key, prov, index, source_file)]


def _address(
    text: str, country: str | None, prov: Provenance, proxy: EntityProxy | None = None
) -> AddressRecord:
    return AddressRecord(
        key=address_key(text, country),
        text=text,
        street=clean_name(proxy.first("street")) if proxy else None,
        postcode=clean_name(proxy.first("postalCode")) if proxy else None,
        city=clean_name(proxy.first("city")) if proxy else None,
        country=country,
        provenance=prov,
    )


def _addresses(
    proxy: EntityProxy, owner: str, prov: Provenance, index: FileIndex, source_file: str
) -> list[Record]:
    """addressEntity references and plain `address` strings.

    An addressEntity that is not in the file is skipped, not rejected: OpenSanctions exports
    split by dataset often leave the Address out, and losing a sanctioned person over a
    missing address would be far worse than missing the address."""
    records: list[Record] = []
    linked: set[str] = set()
    for entity_id in sorted(proxy.get("addressEntity")):
        ref = index.nodes.get(entity_id)
        if ref is None or ref.label != "address":
            continue
        records.append(stub(entity_id, ref, source_file))
        linked.add(ref.key)
    country = upper(proxy.first("country"))
    for raw in sorted(proxy.get("address")):
        text = clean_name(raw)
        if text and address_key(text, country) not in linked:
            address = _address(text, country, prov)
            records.append(address)
            linked.add(address.key)
    for address_node in sorted(linked):
        records.append(
            AddressLink(
                key=AddressLink.make_key(owner, address_node, "registered"),
                src=owner,
                dst=address_node,
                kind="registered",
                provenance=prov,
            )
        )
    return records


def stub(entity_id: str, ref: NodeRef, source_file: str) -> Record:
    """A minimal copy of a link's endpoint with that entity's own provenance, so that the link
    never waits for a node written in a later batch, and never overwrites the full record."""
    prov = Provenance(
        source="ftm", record_id=entity_id, source_file=source_file, seen_at=ref.seen_at
    )
    if ref.label == "person":
        return PersonRecord(
            key=ref.key, name=ref.name or entity_id, match_basis=ref.match_basis, provenance=prov
        )
    if ref.label == "address":
        return AddressRecord(key=ref.key, text=ref.name or "", provenance=prov)
    return CompanyRecord(key=ref.key, provenance=prov)


def _ref(proxy: EntityProxy, prop: str, index: FileIndex) -> tuple[str, NodeRef | None]:
    """(entity id, its node or None when it is in the file but not modelled, e.g. a Vessel)."""
    entity_id = proxy.first(prop)
    if not entity_id:
        raise BadRecord(f"missing key field {prop}")
    if entity_id in index.nodes:
        return entity_id, index.nodes[entity_id]
    if entity_id in index.others:
        return entity_id, None
    raise BadRecord(f"{prop} {entity_id!r} is not in this file")


def _link_ends(
    proxy: EntityProxy,
    src_prop: str,
    dst_prop: str,
    index: FileIndex,
    source_file: str,
    dst_label: str,
    src_labels: tuple[str, ...] = ("person", "company"),
) -> tuple[NodeRef, NodeRef, list[Record]] | None:
    src_id, src = _ref(proxy, src_prop, index)
    dst_id, dst = _ref(proxy, dst_prop, index)
    if src is None or dst is None or src.label not in src_labels or dst.label != dst_label:
        return None  # e.g. an Ownership of a Vessel: read, not modelled
    return src, dst, [stub(src_id, src, source_file), stub(dst_id, dst, source_file)]


def _ownership(
    proxy: EntityProxy, prov: Provenance, index: FileIndex, source_file: str
) -> list[Record]:
    ends = _link_ends(proxy, "owner", "asset", index, source_file, "company")
    if ends is None:
        return []
    src, dst, stubs = ends
    share: float | None = None
    raw = proxy.first("percentage")
    if raw:
        try:
            share = float(raw.strip().rstrip("%").replace(",", "."))
        except ValueError:
            raise BadRecord(f"invalid percentage {raw!r}") from None
    kind = (proxy.first("ownershipType") or "").lower()
    interest = "votingRights" if "vot" in kind else "shareholding"
    try:
        link = Shareholding(
            key=Shareholding.make_key(src.key, dst.key, interest, str(proxy.id)),
            src=src.key,
            dst=dst.key,
            start=full_date(proxy.get("startDate")),
            end=full_date(proxy.get("endDate")),
            share_exact=share,
            interest=interest,
            provenance=prov,
        )
    except ValidationError as exc:
        raise BadRecord(_first_error(exc)) from None
    return [*stubs, link]


def _directorship(
    proxy: EntityProxy, prov: Provenance, index: FileIndex, source_file: str
) -> list[Record]:
    ends = _link_ends(proxy, "director", "organization", index, source_file, "company")
    if ends is None:
        return []
    src, dst, stubs = ends
    label = clean_name(proxy.first("role"))
    role = normalise_role(label)
    start = full_date(proxy.get("startDate"))
    try:
        link = Directorship(
            key=Directorship.make_key(src.key, dst.key, role, str(proxy.id)),
            src=src.key,
            dst=dst.key,
            role=role,
            role_label=label,
            start=start,
            end=full_date(proxy.get("endDate")),
            provenance=prov,
        )
    except ValidationError as exc:
        raise BadRecord(_first_error(exc)) from None
    return [*stubs, link]


def _family(
    proxy: EntityProxy, prov: Provenance, index: FileIndex, source_file: str
) -> list[Record]:
    ends = _link_ends(proxy, "person", "relative", index, source_file, "person", ("person",))
    if ends is None:
        return []
    src, dst, stubs = ends
    relationship = clean_name(proxy.first("relationship")) or "family"
    link = Relation(
        key=Relation.make_key(src.key, dst.key, str(proxy.id)),
        src=src.key,
        dst=dst.key,
        relationship=relationship,
        start=full_date(proxy.get("startDate")),
        end=full_date(proxy.get("endDate")),
        provenance=prov,
    )
    return [*stubs, link]


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    return str(error.get("msg", exc)).removeprefix("Value error, ")
