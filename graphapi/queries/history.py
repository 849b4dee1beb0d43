"""A person's mandates and the insolvencies of those companies (for Person.bankruptcyHistory)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import LiteralString

from graph_schema.labels import RelType
from graphapi.analytics.model import CompanyEvent, CompanyFacts, Mandate
from graphapi.graph import Graph
from graphapi.queries.neighbourhood import company_fact, event_fact, link_fact
from graphapi.queries.rows import PersonRow, node_row

MANDATES_AND_INSOLVENCIES: LiteralString = """
UNWIND $keys AS key
MATCH (p:Person {key: key})
OPTIONAL MATCH (p)-[m:DIRECTOR_OF]->(c:Company)
WITH key, p, c, collect(properties(m)) AS mandates
OPTIONAL MATCH (c)-[:HAS_EVENT]->(e:Event {insolvency: true})
WITH key, p, c, mandates, collect(properties(e)) AS events
RETURN key, properties(p) AS props, labels(p) AS labels,
       collect(CASE WHEN c IS NULL THEN NULL ELSE
               {company: properties(c), mandates: mandates, events: events} END) AS rows
"""


@dataclass(frozen=True)
class HistoryInput:
    mandates: list[Mandate]
    events: list[CompanyEvent]
    companies: dict[str, CompanyFacts]
    # The person's own node, so that `person(id) { bankruptcyHistory }` is one round trip.
    person: PersonRow | None = None


async def history_inputs(graph: Graph, keys: Sequence[str]) -> list[HistoryInput]:
    """One HistoryInput per person key, in order (an unknown key gets an empty one)."""
    rows = await graph.read(MANDATES_AND_INSOLVENCIES, {"keys": list(keys)})
    found: dict[str, HistoryInput] = {}
    for row in rows:
        person = row["key"]
        node = node_row(row["props"], row["labels"])
        result = HistoryInput([], [], {}, node if isinstance(node, PersonRow) else None)
        for item in row["rows"]:
            company = company_fact(item["company"], ())
            result.companies[company.key] = company
            for props in item["mandates"]:
                fact = link_fact(person, RelType.DIRECTOR_OF, company.key, props)
                if isinstance(fact, Mandate):
                    result.mandates.append(fact)
            result.events.extend(
                e for e in (event_fact(company.key, p) for p in item["events"]) if e is not None
            )
        found[person] = result
    return [found.get(k, HistoryInput([], [], {})) for k in keys]
