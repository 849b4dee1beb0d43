"""Ids for the soak test: a random sample of companies, directors and search words."""

from __future__ import annotations

from typing import LiteralString

from neo4j import Driver

# rand() ordering reads every company once: fine for a test world, bounded by $n on output.
SAMPLE_COMPANIES: LiteralString = """
MATCH (c:Company) WHERE c.name IS NOT NULL
WITH c ORDER BY rand() LIMIT $n
RETURN c.key AS key, c.name AS name
"""

SAMPLE_DIRECTORS: LiteralString = """
MATCH (p:Person)-[:DIRECTOR_OF]->(:Company)
WITH DISTINCT p ORDER BY rand() LIMIT $n
RETURN p.key AS key
"""


def sample_ids(driver: Driver, database: str, n: int) -> tuple[list[tuple[str, str]], list[str]]:
    """(company key, name) pairs and director person keys, at most `n` of each."""
    companies = driver.execute_query(SAMPLE_COMPANIES, {"n": n}, database_=database).records
    persons = driver.execute_query(SAMPLE_DIRECTORS, {"n": n}, database_=database).records
    return (
        [(str(r["key"]), str(r["name"])) for r in companies],
        [str(r["key"]) for r in persons],
    )
