"""Fetch what a UBO check needs about target companies, in one round trip.

A UBO check reads far less than a due-diligence assessment: the ownership, control and
declaration links into the target and into each company above it (a register's relevant legal
entity is followed to its own declarations), the directors of the target,
and the facts of the entities on those links (is it a natural person, is it listed, its name).
`fetch_bundles` also gathers address statistics, other mandates, events and phoenix
candidates, six round trips in all; `uboCheck(s)` and `ubo-check` only need this one.
The ancestor depth is the same as `fetch_bundles`' (six levels), so both give the same UBO
answer; the full bundle can only see further by accident, through a person's other companies.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, LiteralString

from graphapi.analytics.inputs import DueDiligenceInput
from graphapi.analytics.model import (
    CompanyFacts,
    ControlLink,
    Declaration,
    Holding,
    Mandate,
    PersonFacts,
)
from graphapi.graph import Graph
from graphapi.queries.neighbourhood import bundle_of, company_fact, link_fact, person_fact

# The {1,6} bound is the six levels fetch_bundles reads (a literal: Cypher takes no parameter
# in a path quantifier; a unit test checks both queries agree).
UBO_INPUTS: LiteralString = """
UNWIND $keys AS key
MATCH (t:Company {key: key})
CALL (t) {
  OPTIONAL MATCH (t)<-[:OWNS|CONTROLS|DECLARED_BO_OF]-{1,6}(a:Company)
  RETURN collect(DISTINCT a) AS chain
}
CALL (t, chain) {
  UNWIND [t] + chain AS c
  MATCH (p:Entity)-[r:OWNS|CONTROLS|DECLARED_BO_OF]->(c)
  RETURN collect({src: p.key, type: type(r), dst: c.key, props: properties(r)}) AS links,
         collect(DISTINCT p) AS owners
}
CALL (t) {
  OPTIONAL MATCH (p:Entity)-[r:DIRECTOR_OF|DECLARED_BO_OF]->(t)
  RETURN collect(CASE WHEN r IS NULL THEN NULL
                 ELSE {src: p.key, type: type(r), dst: t.key, props: properties(r)} END)
           AS incoming,
         collect(DISTINCT p) AS linked
}
RETURN key,
       [c IN [t] + chain | properties(c)] AS companies,
       [e IN owners + linked | {props: properties(e), person: e:Person}] AS entities,
       links + incoming AS links
"""

UboLink = Holding | ControlLink | Declaration | Mandate


def _bundle(row: dict[str, Any]) -> DueDiligenceInput:
    companies: dict[str, CompanyFacts] = {}
    persons: dict[str, PersonFacts] = {}
    for props in row["companies"]:
        companies.setdefault(props["key"], company_fact(props, ()))
    for e in row["entities"]:
        props = e["props"]
        if e["person"]:
            persons.setdefault(props["key"], person_fact(props, []))
        else:
            companies.setdefault(props["key"], company_fact(props, ()))
    links: dict[tuple[str, str, str, str], UboLink] = {}
    for link in row["links"]:
        fact = link_fact(link["src"], link["type"], link["dst"], link["props"])
        if isinstance(fact, UboLink):
            links[(link["src"], link["type"], link["dst"], link["props"].get("key", ""))] = fact
    return bundle_of(
        row["key"],
        (companies[k] for k in sorted(companies)),
        (persons[k] for k in sorted(persons)),
        links.values(),
    )


async def fetch_ubo_inputs(graph: Graph, targets: Sequence[str]) -> dict[str, DueDiligenceInput]:
    """One UBO-only DueDiligenceInput per target company that exists (missing keys left out).

    Links are not filtered by date here: the UBO maths applies as_of, as it does on the full
    bundle, so one fetch serves any as_of."""
    if not targets:
        return {}
    rows = await graph.read(UBO_INPUTS, {"keys": list(dict.fromkeys(targets))})
    return {row["key"]: _bundle(row) for row in rows}
