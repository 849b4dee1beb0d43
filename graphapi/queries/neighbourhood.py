"""Fetch everything the analytics need about target companies, in five round trips.

The round-trip count does not depend on how many targets there are or how many directors,
mandates or holdings they have: the targets' names (for the similar-name search), then five
steps, each one key-batched query over the union of keys the previous steps found.
`dueDiligence`, the population-wide `signals` scan, monitoring and `duegraph evaluate` go
through `fetch_bundles`; `uboCheck(s)` and `ubo-check` through ubo_inputs.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, LiteralString

from graph_schema.events import EventKind
from graph_schema.labels import RelType
from graph_schema.names import company_search_name
from graphapi.analytics.dates import add_months
from graphapi.analytics.inputs import DueDiligenceInput
from graphapi.analytics.model import (
    AddressFacts,
    CompanyEvent,
    CompanyFacts,
    ControlLink,
    Declaration,
    Disqualification,
    Holding,
    Mandate,
    PersonFacts,
    Relation,
    SourceRef,
)
from graphapi.graph import Graph
from graphapi.queries.financials import statements_from_rows
from graphapi.queries.ledger import accounts_from_rows

# Caps that keep one target's bundle bounded even at a mass-registration address or for a very
# common name.
MAX_ADDRESS_NEIGHBOURS = 200
MAX_SIMILAR_NAMES = 10

# Step 1: who is directly linked to each target, its ownership ancestors (through holdings and
# through register declarations: a PSC register's relevant legal entity is followed to its own
# PSCs), and the companies that could be a phoenix pair with it (same address, similar name).
# Ancestors are read six levels up: `{1,6}` is a literal because Cypher takes no parameter in
# a path quantifier, and ubo_inputs.py reads the same six (a unit test checks both).
SEEDS: LiteralString = """
UNWIND $keys AS key
MATCH (t:Company {key: key})
CALL (t) {
  OPTIONAL MATCH (p:Entity)-[:DIRECTOR_OF|OWNS|CONTROLS|DECLARED_BO_OF]->(t)
  RETURN collect(DISTINCT p.key) AS direct
}
CALL (t) {
  OPTIONAL MATCH (t)<-[:OWNS|CONTROLS|DECLARED_BO_OF]-{1,6}(a:Entity)
  RETURN collect(DISTINCT a.key) AS ancestors
}
CALL (t) {
  OPTIONAL MATCH (t)-[:REGISTERED_AT]->(:Address)<-[:REGISTERED_AT]-(n:Company)
  WHERE n <> t
  WITH DISTINCT n ORDER BY n.incorporated_on DESC, n.key LIMIT $max_neighbours
  RETURN collect(n.key) AS neighbours
}
CALL (t) {
  WITH t WHERE $names[t.key] IS NOT NULL
  CALL db.index.fulltext.queryNodes('entity_names', $names[t.key], {limit: $max_similar})
  YIELD node
  WITH node WHERE node:Company AND node <> t
  RETURN collect(node.key) AS similar
}
CALL (t) {
  OPTIONAL MATCH (t)-[:FILED]->(s:FinancialStatement)
  RETURN collect(properties(s)) AS statements
}
CALL (t) {
  OPTIONAL MATCH (t)<-[:RESOLVES_TO]-(c:Client)
  WHERE c.removed_at IS NULL
  CALL (c) {
    OPTIONAL MATCH (c)<-[:BILLED_TO]-(i:Invoice)
    RETURN collect(properties(i)) AS invoices
  }
  WITH c, invoices ORDER BY c.key
  RETURN collect(CASE WHEN c IS NULL THEN null
                 ELSE {client: properties(c), invoices: invoices} END) AS accounts
}
RETURN key, direct, ancestors, neighbours, similar, statements, accounts
"""

# Step 2: the links going out of every person or company found so far (their mandates and
# holdings elsewhere) and their declared relations.
OUTGOING: LiteralString = """
UNWIND $keys AS key
MATCH (e:Entity {key: key})-[r:DIRECTOR_OF|OWNS|CONTROLS|DECLARED_BO_OF]->(c:Company)
RETURN key AS src, type(r) AS type, c.key AS dst, properties(r) AS props
UNION ALL
UNWIND $keys AS key
MATCH (:Person {key: key})-[r:RELATED_TO]-(o:Person)
RETURN key AS src, 'RELATED_TO' AS type, o.key AS dst, properties(r) AS props
"""

# Step 3: every company: its facts, events, registered addresses and incoming links.
COMPANIES: LiteralString = """
UNWIND $keys AS key
MATCH (c:Company {key: key})
CALL (c) {
  OPTIONAL MATCH (c)-[:HAS_EVENT]->(e:Event)
  RETURN collect(properties(e)) AS events
}
CALL (c) {
  OPTIONAL MATCH (c)-[r:REGISTERED_AT]->(a:Address)
  WHERE r.end IS NULL OR r.end > $as_of
  RETURN collect(a.key) AS addresses
}
CALL (c) {
  OPTIONAL MATCH (p:Entity)-[r:DIRECTOR_OF|OWNS|CONTROLS|DECLARED_BO_OF]->(c)
  RETURN collect(CASE WHEN r IS NULL THEN NULL
                 ELSE {src: p.key, type: type(r), props: properties(r)} END) AS incoming
}
RETURN key, properties(c) AS props, events, addresses, incoming
"""

# Step 4: persons: facts, bans and home addresses (for "same address and surname" kinship).
PERSONS: LiteralString = """
UNWIND $keys AS key
MATCH (p:Person {key: key})
CALL (p) {
  OPTIONAL MATCH (p)-[:DISQUALIFIED]->(d:Disqualification)
  RETURN collect(properties(d)) AS bans
}
CALL (p) {
  OPTIONAL MATCH (p)-[r:REGISTERED_AT]->(a:Address)
  RETURN collect({kind: r.kind, address: a.key}) AS homes
}
RETURN key, properties(p) AS props, bans, homes
"""

# Step 5: address statistics at as_of (docs/analytics.md §MASS_REGISTRATION_ADDRESS).
ADDRESS_STATS: LiteralString = """
UNWIND $keys AS key
MATCH (a:Address {key: key})
CALL (a) {
  OPTIONAL MATCH (c:Company)-[r:REGISTERED_AT]->(a)
  WHERE (r.start IS NULL OR r.start <= $as_of) AND (r.end IS NULL OR r.end > $as_of)
  WITH DISTINCT c
  OPTIONAL MATCH (c)-[:HAS_EVENT]->(e:Event)
  WHERE e.date <= $as_of AND e.date > $since
    AND (e.insolvency OR e.kind IN ['STRIKE_OFF', 'DISSOLUTION', 'VOLUNTARY_DISSOLUTION'])
  WITH c, count(e) > 0 AS failed
  RETURN count(CASE WHEN c IS NOT NULL AND NOT failed AND c.dissolved_on IS NULL
                    THEN 1 END) AS active,
         count(CASE WHEN c.incorporated_on > $since THEN 1 END) AS new24,
         count(CASE WHEN failed THEN 1 END) AS fail24
}
RETURN key, properties(a) AS props, active, new24, fail24
"""

NAMES: LiteralString = "UNWIND $keys AS key MATCH (c:Company {key: key}) RETURN key, c.name AS name"


def _ref(props: dict[str, Any]) -> SourceRef:
    return SourceRef(
        key=props.get("key"),
        source=props.get("source"),
        record_id=props.get("record_id"),
        source_file=props.get("source_file"),
        seen_at=props.get("seen_at"),
    )


def link_fact(
    src: str, rel_type: str, dst: str, p: dict[str, Any]
) -> Mandate | Holding | ControlLink | Declaration | Relation | None:
    ref = _ref(p)
    if rel_type == RelType.DIRECTOR_OF:
        return Mandate(
            person=src, company=dst, role=p.get("role") or "director",
            start=p.get("start"), end=p.get("end"), ref=ref,
        )  # fmt: skip
    if rel_type == RelType.OWNS:
        return Holding(
            owner=src, owned=dst, interest=p.get("interest") or "shareholding",
            share_exact=p.get("share_exact"), share_min=p.get("share_min"),
            share_max=p.get("share_max"),
            share_min_exclusive=bool(p.get("share_min_exclusive")),
            share_max_exclusive=bool(p.get("share_max_exclusive")),
            start=p.get("start"), end=p.get("end"), ref=ref,
        )  # fmt: skip
    if rel_type == RelType.CONTROLS:
        return ControlLink(
            controller=src, controlled=dst, interests=tuple(p.get("interests") or ()),
            start=p.get("start"), end=p.get("end"), ref=ref,
        )  # fmt: skip
    if rel_type == RelType.DECLARED_BO_OF:
        return Declaration(
            declared=src, company=dst, share_exact=p.get("share_exact"),
            share_min=p.get("share_min"),
            share_max=p.get("share_max"),
            share_min_exclusive=bool(p.get("share_min_exclusive")),
            share_max_exclusive=bool(p.get("share_max_exclusive")),
            votes_min=p.get("votes_min"), votes_max=p.get("votes_max"),
            control=bool(p.get("control")), interests=tuple(p.get("interests") or ()),
            direct_or_indirect=p.get("direct_or_indirect"),
            declared_by=p.get("declared_by") or "register",
            start=p.get("start"), end=p.get("end"), ref=ref,
        )  # fmt: skip
    if rel_type == RelType.RELATED_TO:
        return Relation(
            person=src, other=dst, relationship=p.get("relationship") or "family", ref=ref
        )
    return None


def event_fact(company: str, p: dict[str, Any]) -> CompanyEvent | None:
    try:
        kind = EventKind(str(p.get("kind")))
    except ValueError:
        return None
    return CompanyEvent(
        company=company, kind=kind, date=p.get("date"), end_date=p.get("end_date"),
        made_up_to=p.get("made_up_to"), dormant=p.get("dormant"), court=p.get("court"),
        reference=p.get("reference"), description=p.get("description"), ref=_ref(p),
    )  # fmt: skip


def company_fact(p: dict[str, Any], addresses: Iterable[str]) -> CompanyFacts:
    return CompanyFacts(
        key=p["key"], name=p.get("name"), status=p.get("status"),
        legal_form=p.get("legal_form"), jurisdiction=p.get("jurisdiction"),
        incorporated_on=p.get("incorporated_on"), dissolved_on=p.get("dissolved_on"),
        activity_codes=tuple(p.get("activity_codes") or ()),
        address_keys=tuple(sorted(set(addresses))), listed=bool(p.get("listed")),
        no_beneficial_owner_reason=p.get("no_beneficial_owner_reason"),
        topics=tuple(p.get("topics") or ()), ref=_ref(p),
        accounts_next_due=p.get("accounts_next_due"),
        accounts_next_made_up_to=p.get("accounts_next_made_up_to"),
        accounts_overdue=p.get("accounts_overdue"),
        sources=tuple(sorted(p.get("sources") or ())),
    )  # fmt: skip


def person_fact(p: dict[str, Any], homes: list[dict[str, Any]]) -> PersonFacts:
    residential = sorted({h["address"] for h in homes if h.get("kind") == "residential"})
    service = sorted({h["address"] for h in homes if h.get("kind") == "service"})
    return PersonFacts(
        key=p["key"], name=p.get("name") or p["key"], birth_year_month=p.get("birth_year_month"),
        birth_date=p.get("birth_date"), nationality=p.get("nationality"),
        topics=tuple(p.get("topics") or ()), residential_address_keys=tuple(residential),
        service_address_keys=tuple(service), ref=_ref(p),
    )  # fmt: skip


def _ban(person: str, p: dict[str, Any]) -> Disqualification:
    return Disqualification(
        person=person, start=p.get("start"), end=p.get("end"), authority=p.get("authority"),
        reason=p.get("reason"), reference=p.get("reference"), ref=_ref(p),
    )  # fmt: skip


async def fetch_bundles(
    graph: Graph, targets: Sequence[str], as_of: date
) -> dict[str, DueDiligenceInput]:
    """One DueDiligenceInput per target company that exists (missing keys are left out)."""
    if not targets:
        return {}
    names = await _search_names(graph, targets)
    seeds = await graph.read(
        SEEDS,
        {
            "keys": list(targets),
            "names": names,
            "max_neighbours": MAX_ADDRESS_NEIGHBOURS,
            "max_similar": MAX_SIMILAR_NAMES,
        },
    )
    reach: dict[str, set[str]] = {}
    statements = {r["key"]: statements_from_rows(r["key"], r["statements"]) for r in seeds}
    accounts = {r["key"]: accounts_from_rows(r["accounts"]) for r in seeds}
    for row in seeds:
        reach[row["key"]] = {
            row["key"],
            *row["direct"],
            *row["ancestors"],
            *row["neighbours"],
            *row["similar"],
        }
    entities = set().union(*reach.values()) if reach else set()

    out_rows = await graph.read(OUTGOING, {"keys": sorted(entities)})
    outgoing: dict[str, list[dict[str, Any]]] = {}
    for row in out_rows:
        outgoing.setdefault(row["src"], []).append(row)
    for members in reach.values():
        # A target's directors' and owners' other companies, and relatives, join its bundle.
        for key in list(members):
            members.update(r["dst"] for r in outgoing.get(key, []))

    all_keys = set().union(*reach.values()) if reach else set()
    company_rows = await graph.read(COMPANIES, {"keys": sorted(all_keys), "as_of": as_of})
    companies = {r["key"]: r for r in company_rows}
    for members in reach.values():
        # Directors of the companies in the bundle (phoenix "same people", predecessors).
        for key in list(members):
            if key in companies:
                members.update(i["src"] for i in companies[key]["incoming"])

    person_keys = set().union(*reach.values()) - set(companies) if reach else set()
    person_rows = await graph.read(PERSONS, {"keys": sorted(person_keys)})
    persons = {r["key"]: r for r in person_rows}

    address_keys = {a for r in company_rows for a in r["addresses"]}
    since = add_months(as_of, -24)
    stats = await graph.read(
        ADDRESS_STATS, {"keys": sorted(address_keys), "as_of": as_of, "since": since}
    )
    addresses = {
        r["key"]: AddressFacts(
            key=r["key"],
            text=r["props"].get("text") or r["key"],
            country=r["props"].get("country"),
            n_active=r["active"],
            n_new24=r["new24"],
            fail24=r["fail24"],
            ref=_ref(r["props"]),
        )  # fmt: skip
        for r in stats
    }
    return {
        target: _bundle(target, members, companies, persons, outgoing, addresses).model_copy(
            update={"statements": statements.get(target, ()), "ledger": accounts.get(target, ())}
        )
        for target, members in reach.items()
    }


async def _search_names(graph: Graph, targets: Sequence[str]) -> dict[str, str]:
    """Lucene queries for 'similar name' candidates: the target's legal-form-free name."""
    rows = await graph.read(NAMES, {"keys": list(targets)})
    out = {}
    for row in rows:
        terms = [t for t in company_search_name(row["name"] or "").split() if t.isalnum()]
        if terms:
            out[row["key"]] = " AND ".join(terms[:6])
    return out


def _bundle(
    target: str,
    members: set[str],
    companies: dict[str, dict[str, Any]],
    persons: dict[str, dict[str, Any]],
    outgoing: dict[str, list[dict[str, Any]]],
    addresses: dict[str, AddressFacts],
) -> DueDiligenceInput:
    links: dict[tuple[str, str, str, str], Any] = {}
    events: list[CompanyEvent] = []
    company_facts: list[CompanyFacts] = []
    used_addresses: set[str] = set()
    for key in sorted(members & set(companies)):
        row = companies[key]
        company_facts.append(company_fact(row["props"], row["addresses"]))
        used_addresses.update(row["addresses"])
        events.extend(e for e in (event_fact(key, p) for p in row["events"]) if e is not None)
        for inc in row["incoming"]:
            fact = link_fact(inc["src"], inc["type"], key, inc["props"])
            if fact is not None:
                links[(inc["src"], inc["type"], key, inc["props"].get("key", ""))] = fact
    for key in sorted(members):
        for out in outgoing.get(key, []):
            if out["type"] != RelType.RELATED_TO and out["dst"] not in companies:
                continue
            fact = link_fact(out["src"], out["type"], out["dst"], out["props"])
            if fact is not None:
                links[(out["src"], out["type"], out["dst"], out["props"].get("key", ""))] = fact
    person_facts: list[PersonFacts] = []
    bans: list[Disqualification] = []
    for key in sorted(members & set(persons)):
        row = persons[key]
        person_facts.append(person_fact(row["props"], row["homes"]))
        bans.extend(_ban(key, b) for b in row["bans"])
    return bundle_of(
        target,
        company_facts,
        person_facts,
        links.values(),
        events=tuple(events),
        addresses=tuple(addresses[a] for a in sorted(used_addresses) if a in addresses),
        disqualifications=tuple(bans),
    )


def bundle_of(
    target: str,
    companies: Iterable[CompanyFacts],
    persons: Iterable[PersonFacts],
    links: Iterable[Mandate | Holding | ControlLink | Declaration | Relation],
    **rest: Any,
) -> DueDiligenceInput:
    """A DueDiligenceInput with the link facts sorted into their fields by kind."""
    facts = list(links)
    return DueDiligenceInput(
        target=target,
        companies=tuple(companies),
        persons=tuple(persons),
        mandates=tuple(f for f in facts if isinstance(f, Mandate)),
        holdings=tuple(f for f in facts if isinstance(f, Holding)),
        controls=tuple(f for f in facts if isinstance(f, ControlLink)),
        declarations=tuple(f for f in facts if isinstance(f, Declaration)),
        relations=tuple(f for f in facts if isinstance(f, Relation)),
        **rest,
    )
