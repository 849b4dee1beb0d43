"""The schema as Cypher: uniqueness constraints on keys, lookup indexes, full-text name indexes.

Every statement is idempotent (`IF NOT EXISTS`), so `apply_schema` can run on every start.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import LiteralString

from neo4j import Driver


@dataclass(frozen=True)
class SchemaItem:
    name: str
    kind: str  # "constraint" | "index"
    cypher: LiteralString


SCHEMA: tuple[SchemaItem, ...] = (
    # Entity keys: one node per company / person whatever source mentions it.
    SchemaItem(
        "entity_key",
        "constraint",
        "CREATE CONSTRAINT entity_key IF NOT EXISTS FOR (n:Entity) REQUIRE n.key IS UNIQUE",
    ),
    SchemaItem(
        "company_key",
        "constraint",
        "CREATE CONSTRAINT company_key IF NOT EXISTS FOR (n:Company) REQUIRE n.key IS UNIQUE",
    ),
    SchemaItem(
        "person_key",
        "constraint",
        "CREATE CONSTRAINT person_key IF NOT EXISTS FOR (n:Person) REQUIRE n.key IS UNIQUE",
    ),
    SchemaItem(
        "address_key",
        "constraint",
        "CREATE CONSTRAINT address_key IF NOT EXISTS FOR (n:Address) REQUIRE n.key IS UNIQUE",
    ),
    SchemaItem(
        "event_key",
        "constraint",
        "CREATE CONSTRAINT event_key IF NOT EXISTS FOR (n:Event) REQUIRE n.key IS UNIQUE",
    ),
    SchemaItem(
        "identifier_key",
        "constraint",
        "CREATE CONSTRAINT identifier_key IF NOT EXISTS FOR (n:Identifier) REQUIRE n.key IS UNIQUE",
    ),
    SchemaItem(
        "disqualification_key",
        "constraint",
        "CREATE CONSTRAINT disqualification_key IF NOT EXISTS "
        "FOR (n:Disqualification) REQUIRE n.key IS UNIQUE",
    ),
    SchemaItem(
        "financial_statement_key",
        "constraint",
        "CREATE CONSTRAINT financial_statement_key IF NOT EXISTS "
        "FOR (n:FinancialStatement) REQUIRE n.key IS UNIQUE",
    ),
    SchemaItem(
        "watchlist_key",
        "constraint",
        "CREATE CONSTRAINT watchlist_key IF NOT EXISTS FOR (n:Watchlist) REQUIRE n.key IS UNIQUE",
    ),
    SchemaItem(
        "load_state_key",
        "constraint",
        "CREATE CONSTRAINT load_state_key IF NOT EXISTS FOR (n:LoadState) REQUIRE n.key IS UNIQUE",
    ),
    # The firm's own ledger (graph_schema/ledger.py): keys carry the ledger's name.
    SchemaItem(
        "ledger_key",
        "constraint",
        "CREATE CONSTRAINT ledger_key IF NOT EXISTS FOR (n:Ledger) REQUIRE n.key IS UNIQUE",
    ),
    SchemaItem(
        "client_key",
        "constraint",
        "CREATE CONSTRAINT client_key IF NOT EXISTS FOR (n:Client) REQUIRE n.key IS UNIQUE",
    ),
    SchemaItem(
        "invoice_key",
        "constraint",
        "CREATE CONSTRAINT invoice_key IF NOT EXISTS FOR (n:Invoice) REQUIRE n.key IS UNIQUE",
    ),
    # Relationship keys (Neo4j >= 5.7, community too): re-loads MERGE onto the same link.
    SchemaItem(
        "director_of_key",
        "constraint",
        "CREATE CONSTRAINT director_of_key IF NOT EXISTS "
        "FOR ()-[r:DIRECTOR_OF]-() REQUIRE r.key IS UNIQUE",
    ),
    SchemaItem(
        "owns_key",
        "constraint",
        "CREATE CONSTRAINT owns_key IF NOT EXISTS FOR ()-[r:OWNS]-() REQUIRE r.key IS UNIQUE",
    ),
    SchemaItem(
        "controls_key",
        "constraint",
        "CREATE CONSTRAINT controls_key IF NOT EXISTS "
        "FOR ()-[r:CONTROLS]-() REQUIRE r.key IS UNIQUE",
    ),
    SchemaItem(
        "declared_bo_of_key",
        "constraint",
        "CREATE CONSTRAINT declared_bo_of_key IF NOT EXISTS "
        "FOR ()-[r:DECLARED_BO_OF]-() REQUIRE r.key IS UNIQUE",
    ),
    SchemaItem(
        "parent_of_key",
        "constraint",
        "CREATE CONSTRAINT parent_of_key IF NOT EXISTS "
        "FOR ()-[r:PARENT_OF]-() REQUIRE r.key IS UNIQUE",
    ),
    SchemaItem(
        "registered_at_key",
        "constraint",
        "CREATE CONSTRAINT registered_at_key IF NOT EXISTS "
        "FOR ()-[r:REGISTERED_AT]-() REQUIRE r.key IS UNIQUE",
    ),
    SchemaItem(
        "related_to_key",
        "constraint",
        "CREATE CONSTRAINT related_to_key IF NOT EXISTS "
        "FOR ()-[r:RELATED_TO]-() REQUIRE r.key IS UNIQUE",
    ),
    # What a withdrawn source record asserted (an OpenSanctions DEL): its links by record id.
    SchemaItem(
        "owns_record",
        "index",
        "CREATE INDEX owns_record IF NOT EXISTS FOR ()-[r:OWNS]-() ON (r.record_id)",
    ),
    SchemaItem(
        "director_of_record",
        "index",
        "CREATE INDEX director_of_record IF NOT EXISTS FOR ()-[r:DIRECTOR_OF]-() ON (r.record_id)",
    ),
    SchemaItem(
        "related_to_record",
        "index",
        "CREATE INDEX related_to_record IF NOT EXISTS FOR ()-[r:RELATED_TO]-() ON (r.record_id)",
    ),
    # Lookups the API and analytics need.
    SchemaItem(
        "event_kind_date",
        "index",
        "CREATE INDEX event_kind_date IF NOT EXISTS FOR (e:Event) ON (e.kind, e.date)",
    ),
    SchemaItem(
        "event_insolvency",
        "index",
        "CREATE INDEX event_insolvency IF NOT EXISTS FOR (e:Event) ON (e.insolvency)",
    ),
    SchemaItem(
        "company_status",
        "index",
        "CREATE INDEX company_status IF NOT EXISTS FOR (c:Company) ON (c.status)",
    ),
    SchemaItem(
        "company_incorporated",
        "index",
        "CREATE INDEX company_incorporated IF NOT EXISTS FOR (c:Company) ON (c.incorporated_on)",
    ),
    # Financial peers: companies of the same activity class, or division when it is small.
    SchemaItem(
        "company_sector_class",
        "index",
        "CREATE INDEX company_sector_class IF NOT EXISTS FOR (c:Company) ON (c.sector_class)",
    ),
    SchemaItem(
        "company_sector_division",
        "index",
        "CREATE INDEX company_sector_division IF NOT EXISTS FOR (c:Company) ON (c.sector_division)",
    ),
    SchemaItem(
        "person_fingerprint",
        "index",
        "CREATE INDEX person_fingerprint IF NOT EXISTS FOR (p:Person) ON (p.fingerprint)",
    ),
    SchemaItem(
        "address_fingerprint",
        "index",
        "CREATE INDEX address_fingerprint IF NOT EXISTS FOR (a:Address) ON (a.fingerprint)",
    ),
    # A ledger's clients and documents (re-import retires those an export no longer lists).
    SchemaItem(
        "client_ledger",
        "index",
        "CREATE INDEX client_ledger IF NOT EXISTS FOR (n:Client) ON (n.ledger)",
    ),
    SchemaItem(
        "invoice_ledger",
        "index",
        "CREATE INDEX invoice_ledger IF NOT EXISTS FOR (n:Invoice) ON (n.ledger)",
    ),
    # Full-text search over normalised names (legal forms and accents removed at write time).
    SchemaItem(
        "entity_names",
        "index",
        "CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Company|Person) "
        "ON EACH [n.search_names] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}}",
    ),
)


def existing_schema_names(driver: Driver, database: str) -> set[str]:
    names: set[str] = set()
    for query in ("SHOW CONSTRAINTS YIELD name", "SHOW INDEXES YIELD name"):
        records, _, _ = driver.execute_query(query, database_=database)
        names.update(str(r["name"]) for r in records)
    return names


def apply_schema(driver: Driver, database: str) -> list[str]:
    """Create what is missing, wait until every index is online; return the names created."""
    before = existing_schema_names(driver, database)
    created = [item.name for item in SCHEMA if item.name not in before]
    for item in SCHEMA:
        if item.name not in before:
            driver.execute_query(item.cypher, database_=database)
    if created:
        driver.execute_query("CALL db.awaitIndexes(300)", database_=database)
    return created
