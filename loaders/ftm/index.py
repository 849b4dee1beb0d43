"""FollowTheMoney: what every entity of a file becomes as a node, known before any link is built.

Links (Ownership, Directorship, Family, addressEntity) name their endpoints by FtM entity id,
and an endpoint may come later in the file than the link, so the parser reads the file twice:
this first pass builds a small id -> node map (and the set of sanctioned ids), the second one
builds the records. The keys are computed here, once, by the same functions the second pass
uses, so a link and its endpoint always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.proxy import EntityProxy

from graph_schema.errors import InvalidInput
from graph_schema.identifiers import SCHEMES, read_identifier
from graph_schema.keys import address_key, person_key
from graph_schema.names import clean_name
from graph_schema.nodes import Identifier
from loaders.contract import BadRecord
from loaders.ftm.topics import sanction_topic

SOURCE = "ftm"
DELTA_OPS = ("ADD", "MOD", "DEL")

# Registry-number properties tried, in order, against a national scheme of the entity's country.
_NUMBER_PROPS = ("registrationNumber", "vatCode", "taxNumber")


@dataclass(frozen=True, slots=True)
class NodeRef:
    """What a link needs to know about its endpoint (and to emit a minimal copy of it)."""

    label: str  # "company" | "person" | "address" | "other"
    key: str
    name: str | None = None  # person name / address text (needed by a minimal record)
    match_basis: str = "source_record"
    seen_at: date | None = None


@dataclass
class FileIndex:
    nodes: dict[str, NodeRef] = field(default_factory=dict)
    # entity id -> what the Sanction entities of the file about it mean (loaders/ftm/topics.py)
    designations: dict[str, set[str]] = field(default_factory=dict)
    others: set[str] = field(default_factory=set)  # in the file, not modelled as a node


def unwrap(data: Any) -> tuple[str | None, Any]:
    """(delta op or None, entity dict) for a plain entity line or an OpenSanctions delta line."""
    if isinstance(data, dict) and "op" in data and "entity" in data and "schema" not in data:
        op = data["op"]
        if op not in DELTA_OPS:
            raise BadRecord(f"unknown delta op {op!r}; expected one of {', '.join(DELTA_OPS)}")
        return str(op), data["entity"]
    return None, data


def to_proxy(data: Any) -> EntityProxy:
    if not isinstance(data, dict):
        raise BadRecord(f"expected an FtM entity object, found {type(data).__name__}")
    entity_id = data.get("id")
    if not isinstance(entity_id, str) or not entity_id.strip():
        raise BadRecord("missing key field id")
    schema = data.get("schema")
    if not isinstance(schema, str) or not schema:
        raise BadRecord("missing key field schema")
    if model.get(schema) is None:
        raise BadRecord(f"unknown FtM schema {schema!r}")
    props = data.get("properties", {})
    if not isinstance(props, dict) or not all(isinstance(v, list) for v in props.values()):
        raise BadRecord("properties must be an object of lists")
    # FtM values are strings: a number where a name belongs is a broken record, which
    # followthemoney would otherwise turn into the name "12345".
    for prop, values in props.items():
        for index, value in enumerate(values):
            if not isinstance(value, str):
                kind = "null" if value is None else type(value).__name__
                raise BadRecord(
                    f"properties.{prop}[{index}] must be a string, got {kind} {value!r}"[:200]
                )
    try:
        return model.get_proxy(data)
    except (InvalidData, TypeError, ValueError) as exc:
        raise BadRecord(f"invalid FtM entity: {exc}") from None


def datasets(data: dict[str, Any]) -> list[str]:
    value = data.get("datasets")
    return [d for d in value if isinstance(d, str)] if isinstance(value, list) else []


def seen_at(data: dict[str, Any]) -> date | None:
    for name in ("last_change", "last_seen", "first_seen"):
        value = data.get(name)
        if isinstance(value, str) and len(value) >= 10:
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                continue
    return None


def upper(value: str | None) -> str | None:
    return value.strip().upper() if value and value.strip() else None


def company_identity(proxy: EntityProxy) -> tuple[str, list[Identifier], list[str]]:
    """(key, identifiers, warnings): a national register number when the country has one of our
    schemes, else the LEI, else the FtM id. A `registrationNumber` that fails its scheme's check
    is kept as an unvalidated identifier (never the key) with a warning; VAT and tax numbers are
    only tried as register numbers (a UK tax number is not a company number)."""
    national: list[Identifier] = []
    unvalidated: list[Identifier] = []
    warnings: list[str] = []
    countries = [c.upper() for c in proxy.get("jurisdiction") + proxy.get("country")]
    for code, scheme in SCHEMES.items():
        if not scheme.national or scheme.country not in countries:
            continue
        for prop in _NUMBER_PROPS:
            for number in sorted(proxy.get(prop, quiet=True)):
                try:
                    found = read_identifier(code, number)
                except InvalidInput:
                    continue
                ident = Identifier(
                    scheme=found.scheme, value=found.value, validated=found.validated
                )
                if found.validated and ident not in national:
                    national.append(ident)
                elif prop == "registrationNumber" and ident not in unvalidated:
                    unvalidated.append(ident)
                    warnings.append(f"number kept unvalidated: registrationNumber {found.problem}")
    leis: list[Identifier] = []
    for value in sorted(proxy.get("leiCode", quiet=True)):
        found = read_identifier("XI-LEI", value)
        leis.append(Identifier(scheme="XI-LEI", value=found.value, validated=found.validated))
        if not found.validated:
            warnings.append(f"number kept unvalidated: leiCode {found.problem}")
    ftm_id = source_identifier(proxy)
    good = [i for i in [*national, *leis] if i.validated]
    identifiers = [*good, ftm_id, *unvalidated, *(i for i in leis if not i.validated)]
    return identifiers[0].key, identifiers, warnings


def source_identifier(proxy: EntityProxy) -> Identifier:
    """The entity's OpenSanctions/FtM id as an identifier: how a later delta that names the
    entity only by its id finds the node."""
    return Identifier(scheme="XI-OPENSANCTIONS", value=str(proxy.id).strip())


def birth_fields(proxy: EntityProxy) -> tuple[str | None, date | None]:
    """(birth year-month, birth date) from the earliest birthDate with at least year and month."""
    for value in sorted(proxy.get("birthDate")):
        if len(value) >= 7 and value[4] == "-":
            born: date | None = None
            if len(value) >= 10:
                try:
                    born = date.fromisoformat(value[:10])
                except ValueError:
                    born = None
            return value[:7], born
    return None, None


def display_name(proxy: EntityProxy) -> str | None:
    """The exporter's own caption (OpenSanctions picks it with care) or FtM's computed one."""
    exported = proxy.context.get("caption")
    if isinstance(exported, str) and clean_name(exported):
        return clean_name(exported)
    return clean_name(proxy.caption)


def person_identity(proxy: EntityProxy) -> tuple[str, str, str]:
    """(key, match_basis, display name)."""
    name = display_name(proxy) or str(proxy.id)
    year_month, _ = birth_fields(proxy)
    key, basis = person_key(name, year_month, source=SOURCE, source_person_id=str(proxy.id))
    return key, basis, name


def address_text(proxy: EntityProxy) -> str | None:
    full = proxy.first("full")
    if full and clean_name(full):
        return clean_name(full)
    parts = [proxy.first(p) for p in ("street", "street2", "postalCode", "city", "region")]
    return clean_name(", ".join(p for p in parts if p)) or None


def node_ref(proxy: EntityProxy, when: date | None) -> NodeRef:
    """The node an entity becomes (label "other" for schemata we do not model as nodes)."""
    schema = proxy.schema
    if schema.is_a("Person"):
        key, basis, name = person_identity(proxy)
        return NodeRef("person", key, name, basis, when)
    if schema.is_a("LegalEntity"):
        key, _, _ = company_identity(proxy)
        return NodeRef("company", key, None, "source_record", when)
    if schema.is_a("Address"):
        text = address_text(proxy)
        if text:
            country = upper(proxy.first("country"))
            return NodeRef("address", address_key(text, country), text, "source_record", when)
    return NodeRef("other", str(proxy.id))


def index_entity(index: FileIndex, data: Any) -> None:
    """First pass over one line: remember its node and sanctions; bad lines are skipped here
    (the second pass rejects them with the reason)."""
    try:
        op, entity = unwrap(data)
        if op == "DEL":
            return
        proxy = to_proxy(entity)
    except BadRecord:
        return
    if proxy.schema.is_a("Sanction"):
        topic = sanction_topic(proxy, datasets(entity))
        for target in proxy.get("entity"):
            index.designations.setdefault(target, set()).add(topic)
        index.others.add(str(proxy.id))
        return
    ref = node_ref(proxy, seen_at(entity))
    if ref.label == "other":
        index.others.add(str(proxy.id))
    else:
        index.nodes[str(proxy.id)] = ref
