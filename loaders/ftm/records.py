"""FollowTheMoney: one entity -> canonical records, given the file's id -> node index.

Modelled: LegalEntity/Company/Organization/PublicBody -> Company, Person, Address (entity and
`address` strings), Ownership -> OWNS, Directorship -> DIRECTOR_OF, Family -> RELATED_TO, and
Sanction -> what it means (loaders/ftm/topics.py) on its target, unless the target is already
classified: merged into the target's own record through the index when the target is in the
file, else added to the target in the graph (TopicsAdded). Every other schema (Payment,
Passport, Vessel, Associate, Occupancy…) is read and validated but not modelled.

An endpoint that is not in the file (a delta's changed Ownership of an unchanged company) is a
reference to the node its FtM id became (graph_schema.keys.reference), which the writer
resolves against the graph; a reference to nothing anywhere is rejected there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from followthemoney import registry
from followthemoney.proxy import EntityProxy

from graph_schema.changes import TopicsAdded
from graph_schema.edges import AddressLink, Directorship, Relation, Shareholding
from graph_schema.keys import address_key, reference
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
    datasets,
    display_name,
    person_identity,
    source_identifier,
    upper,
)
from loaders.ftm.topics import CLASSIFIED, clean_topics, sanction_topic, with_designations

REFERENCE = "reference"  # NodeRef label of an endpoint that is not in the file

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


@dataclass
class Built:
    """One entity's records and the warnings about it."""

    records: list[Record] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def entity_records(
    proxy: EntityProxy, prov: Provenance, index: FileIndex, source_file: str, delta: bool = False
) -> Built:
    """Records for one (valid) entity; raises BadRecord for a bad reference. `delta`: the line
    of a change stream, whose topics are the entity's whole list (an empty one clears it)."""
    check_dates(proxy)
    schema = proxy.schema
    built = Built()
    if schema.is_a("Person"):
        built.records = _person(proxy, prov, index, source_file, built, delta)
    elif schema.is_a("LegalEntity"):
        built.records = _company(proxy, prov, index, source_file, built, delta)
    elif schema.is_a("Address"):
        text = address_text(proxy)
        if not text:
            raise BadRecord("Address entity without any address text")
        built.records = [_address(text, upper(proxy.first("country")), prov, proxy)]
    elif schema.is_a("Ownership"):
        built.records = _ownership(proxy, prov, index, source_file)
    elif schema.is_a("Directorship"):
        built.records = _directorship(proxy, prov, index, source_file)
    elif schema.is_a("Family"):
        built.records = _family(proxy, prov, index, source_file)
    elif schema.is_a("Sanction"):
        built.records = _sanction(proxy, prov, index)
    return built


def _sanction(proxy: EntityProxy, prov: Provenance, index: FileIndex) -> list[Record]:
    """A target in the file got the Sanction's meaning through the index; one that is not (a
    delta's new designation of an unchanged entity) gets it in the graph."""
    _, target = _ref(proxy, "entity", index)
    if target is None or target.label != REFERENCE:
        return []
    topic = sanction_topic(proxy, datasets(proxy.context))
    return [
        TopicsAdded(key=target.key, topics=[topic], unless_any=list(CLASSIFIED), provenance=prov)
    ]


def _topics(proxy: EntityProxy, index: FileIndex, built: Built) -> list[str]:
    own, unknown = clean_topics(proxy.get("topics", quiet=True))
    if unknown:
        built.warnings.append(
            f"unknown value left out: topics {', '.join(unknown)} (not in FollowTheMoney's "
            "vocabulary)"
        )
    return with_designations(own, index.designations.get(str(proxy.id), set()))


def _company(
    proxy: EntityProxy,
    prov: Provenance,
    index: FileIndex,
    source_file: str,
    built: Built,
    delta: bool,
) -> list[Record]:
    key, identifiers, warnings = company_identity(proxy)
    built.warnings.extend(warnings)
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
        topics=_topics(proxy, index, built),
        complete=("topics",) if delta else (),
        provenance=prov,
    )
    return [record, *_addresses(proxy, key, prov, index, source_file)]


def _person(
    proxy: EntityProxy,
    prov: Provenance,
    index: FileIndex,
    source_file: str,
    built: Built,
    delta: bool,
) -> list[Record]:
    key, basis, name = person_identity(proxy)
    year_month, born = birth_fields(proxy)
    record = PersonRecord(
        key=key,
        name=name,
        identifiers=[source_identifier(proxy)],
        birth_year_month=year_month,
        birth_date=born,
        nationality=upper(proxy.first("nationality") or proxy.first("citizenship")),
        topics=_topics(proxy, index, built),
        complete=("topics",) if delta else (),
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
        records.append(AddressLink.of(owner, address_node, "registered", prov))
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
    """(entity id, its node; None when it is in the file but not modelled, e.g. a Vessel; a
    reference to the node its id became when it is not in the file)."""
    entity_id = proxy.first(prop)
    if not entity_id:
        raise BadRecord(f"missing key field {prop}")
    if entity_id in index.nodes:
        return entity_id, index.nodes[entity_id]
    if entity_id in index.others:
        return entity_id, None
    return entity_id, NodeRef(REFERENCE, reference(f"XI-OPENSANCTIONS-{entity_id.strip()}"))


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
    if src is None or dst is None:
        return None  # e.g. an Ownership of a Vessel: read, not modelled
    if src.label not in (*src_labels, REFERENCE) or dst.label not in (dst_label, REFERENCE):
        return None
    # A referenced endpoint is in the graph already (else the writer rejects the link): no stub.
    ends = ((src_id, src), (dst_id, dst))
    return src, dst, [stub(i, ref, source_file) for i, ref in ends if ref.label != REFERENCE]


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
