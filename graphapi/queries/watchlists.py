"""Watchlists: API-owned nodes, and what changed around their companies since a moment.

(:Watchlist {key, name, created_at})-[:WATCHES {added_at, baseline_*}]->(:Company)
The baseline on WATCHES is the company as it stood when it was added (rating, signal kinds,
name, status), so a later `changes` can report old -> new.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, LiteralString

from graphapi.graph import Graph
from graphapi.queries.rows import (
    AddressChangeRow,
    ChangeRows,
    CompanyStateRow,
    InsolvencyChangeRow,
    LinkChangeRow,
    WatchlistRow,
)

CREATE_WATCHLIST: LiteralString = """
CREATE (w:Watchlist {key: $key, name: $name, created_at: $now})
RETURN w.key AS key, w.name AS name, w.created_at AS created_at
"""

DELETE_WATCHLIST: LiteralString = """
MATCH (w:Watchlist {key: $key})
DETACH DELETE w
RETURN count(*) AS deleted
"""

# One row per company that exists; MERGE keeps the first baseline when a company is re-added.
ADD_COMPANIES: LiteralString = """
MATCH (w:Watchlist {key: $key})
UNWIND $rows AS row
MATCH (c:Company {key: row.company})
MERGE (w)-[r:WATCHES]->(c)
ON CREATE SET r += row.baseline, r.added_at = $now
RETURN c.key AS company
"""

REMOVE_COMPANIES: LiteralString = """
MATCH (w:Watchlist {key: $key})-[r:WATCHES]->(c:Company)
WHERE c.key IN $companies
DELETE r
RETURN c.key AS company
"""

WATCHLISTS: LiteralString = """
MATCH (w:Watchlist)
WHERE $keys IS NULL OR w.key IN $keys
CALL (w) {
  OPTIONAL MATCH (w)-[r:WATCHES]->(c:Company)
  WITH r, c ORDER BY c.key
  RETURN collect(CASE WHEN c IS NULL THEN NULL
                 ELSE r {.*, company: c.key, name: c.name} END) AS companies
}
RETURN w.key AS key, w.name AS name, w.created_at AS created_at, companies
ORDER BY w.created_at, w.key
"""

# Officers and controllers: links into the company that started, ended or arrived after `since`
# (a date in the link, or the load run that first wrote / last changed it).
LINK_CHANGES: LiteralString = """
UNWIND $keys AS key
MATCH (e:Entity)-[r:DIRECTOR_OF|OWNS|CONTROLS|DECLARED_BO_OF]->(c:Company {key: key})
WHERE r.start > $since_date OR r.end > $since_date
   OR r.first_loaded_at > $since OR r.changed_at > $since
RETURN key, type(r) AS type, properties(r) AS props, e.key AS entity, e.name AS entity_name
"""

ADDRESS_CHANGES: LiteralString = """
UNWIND $keys AS key
MATCH (c:Company {key: key})-[r:REGISTERED_AT]->(a:Address)
WHERE r.start > $since_date OR r.end > $since_date
   OR r.first_loaded_at > $since OR r.changed_at > $since
RETURN key, properties(r) AS props, a.text AS text
"""

# Insolvency events of the company, and of other companies of the people who ran or controlled
# it at any time from `since` on.
INSOLVENCY_CHANGES: LiteralString = """
UNWIND $keys AS key
MATCH (c:Company {key: key})
CALL (c) {
  MATCH (c)-[:HAS_EVENT]->(e:Event {insolvency: true})
  RETURN c AS company, null AS via, e
  UNION
  MATCH (p:Entity)-[r:DIRECTOR_OF|OWNS|CONTROLS|DECLARED_BO_OF]->(c)
  WHERE r.end IS NULL OR r.end > $since_date
  MATCH (p)-[:DIRECTOR_OF|OWNS|CONTROLS|DECLARED_BO_OF]->(o:Company)-[:HAS_EVENT]->
        (e:Event {insolvency: true})
  WHERE o <> c
  RETURN o AS company, p AS via, e
}
WITH key, company, via, e
WHERE e.date > $since_date OR e.first_loaded_at > $since OR e.changed_at > $since
RETURN DISTINCT key, company.key AS company, company.name AS company_name,
       via.key AS via, via.name AS via_name, properties(e) AS props
"""

COMPANY_STATE: LiteralString = """
UNWIND $keys AS key
MATCH (c:Company {key: key})
RETURN key, c.name AS name, c.status AS status, c.dissolved_on AS dissolved_on,
       c.former_names AS former_names, c.changed_at AS changed_at
"""


def _present(record: dict[str, Any]) -> dict[str, Any]:
    """A record without its nulls: an absent property takes the row's default."""
    return {k: v for k, v in record.items() if v is not None}


async def create_watchlist(graph: Graph, key: str, name: str, now: datetime) -> WatchlistRow:
    rows = await graph.write(CREATE_WATCHLIST, {"key": key, "name": name, "now": now})
    return WatchlistRow.model_validate(rows[0])


async def delete_watchlist(graph: Graph, key: str) -> bool:
    rows = await graph.write(DELETE_WATCHLIST, {"key": key})
    return bool(rows and rows[0]["deleted"])


async def add_companies(
    graph: Graph, key: str, baselines: dict[str, dict[str, Any]], now: datetime
) -> list[str]:
    rows = [{"company": k, "baseline": b} for k, b in baselines.items()]
    found = await graph.write(ADD_COMPANIES, {"key": key, "rows": rows, "now": now})
    return [r["company"] for r in found]


async def remove_companies(graph: Graph, key: str, companies: Sequence[str]) -> list[str]:
    found = await graph.write(REMOVE_COMPANIES, {"key": key, "companies": list(companies)})
    return [r["company"] for r in found]


async def watchlists(graph: Graph, keys: Sequence[str] | None = None) -> list[WatchlistRow]:
    params = {"keys": list(keys) if keys is not None else None}
    return [WatchlistRow.model_validate(r) for r in await graph.read(WATCHLISTS, params)]


def _with_props(record: dict[str, Any]) -> dict[str, Any]:
    """The relationship or event properties beside the record's other columns."""
    return {**_present(record.pop("props")), **_present(record)}


async def raw_changes(graph: Graph, keys: Sequence[str], since: datetime) -> ChangeRows:
    """The rows behind a change report (four round trips for any list size)."""
    params = {"keys": list(keys), "since": since, "since_date": since.date()}
    links = await graph.read(LINK_CHANGES, params)
    addresses = await graph.read(ADDRESS_CHANGES, params)
    insolvencies = await graph.read(INSOLVENCY_CHANGES, params)
    state = await graph.read(COMPANY_STATE, params)
    return ChangeRows(
        links=[LinkChangeRow.model_validate(_with_props(r)) for r in links],
        addresses=[AddressChangeRow.model_validate(_with_props(r)) for r in addresses],
        insolvencies=[InsolvencyChangeRow.model_validate(_with_props(r)) for r in insolvencies],
        state=[CompanyStateRow.model_validate(_present(r)) for r in state],
    )


async def company_state(graph: Graph, keys: Sequence[str]) -> dict[str, CompanyStateRow]:
    """Name, status and dissolution of each existing company, by key."""
    rows = await graph.read(COMPANY_STATE, {"keys": list(keys)})
    return {r["key"]: CompanyStateRow.model_validate(_present(r)) for r in rows}
