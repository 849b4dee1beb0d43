"""Search by name (full-text index `entity_names`) or by a registry number typed any way.

The user's text is normalised exactly like `search_names` were at write time (accents, case and
legal forms removed), each token is escaped, and the Lucene query is assembled from escaped
tokens only, so no user input can change the query syntax.
"""

from __future__ import annotations

import re
from typing import LiteralString

from graph_schema.errors import InvalidInput
from graph_schema.identifiers import guess_identifiers, lookup_keys
from graph_schema.names import company_search_name, person_search_name
from graphapi.graph import Graph
from graphapi.queries.rows import Page, SearchHit, entity_row

# Identifier hits rank above any name match, whatever the Lucene score.
IDENTIFIER_SCORE = 1_000_000.0

SEARCH: LiteralString = """
CALL () {
  UNWIND $identifier_keys AS ik
  MATCH (n:Company {key: ik})
  RETURN n, $identifier_score AS score
  UNION
  UNWIND $identifier_keys AS ik
  MATCH (n:Company)-[:IDENTIFIED_BY]->(:Identifier {key: ik})
  RETURN n, $identifier_score AS score
  UNION
  WITH $lucene AS lucene WHERE lucene <> ''
  CALL db.index.fulltext.queryNodes('entity_names', lucene, {limit: $max_hits})
  YIELD node, score
  RETURN node AS n, score
}
WITH n, max(score) AS score
WHERE $label IS NULL OR $label IN labels(n)
WITH n, score ORDER BY score DESC, n.name, n.key
WITH collect({props: properties(n), labels: labels(n), score: score}) AS hits
RETURN size(hits) AS total, hits[$skip..$skip + $limit] AS hits
"""

_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')


def escape_lucene(token: str) -> str:
    """Backslash every Lucene metacharacter; lower-case so AND/OR/NOT are never operators."""
    return _LUCENE_SPECIAL.sub(r"\\\1", token.lower())


def search_readings(text: str, label: str | None) -> list[list[str]]:
    """The text's tokens, normalised like the stored names of each kind searched.

    Without a kind, both readings count: 'Dupont Construct Ltd' as a company name
    (legal form dropped) and as a person's name (titles dropped).
    """
    readings: list[list[str]] = []
    if label in (None, "Company"):
        readings.append(company_search_name(text).split())
    if label in (None, "Person"):
        readings.append(person_search_name(text).split())
    unique = [r for i, r in enumerate(readings) if r and r not in readings[:i]]
    return unique


def lucene_query(readings: list[list[str]]) -> str:
    """Per reading: all tokens as a phrase (best), all tokens; then any token, a near miss,
    and the last token as a prefix (type-ahead)."""
    parts: list[str] = []
    tokens: dict[str, None] = {}
    for reading in readings:
        escaped = [escape_lucene(t) for t in reading]
        parts += [f'"{" ".join(escaped)}"^8', "(" + " AND ".join(escaped) + ")^4"]
        tokens.update(dict.fromkeys(escaped))
    if not tokens:
        return ""
    parts += [f"{t}^2" for t in tokens]
    parts += [f"{t}~1" for t in tokens if len(t) >= 5]
    parts += list(dict.fromkeys(f"{escape_lucene(r[-1])}*" for r in readings if r))
    return " OR ".join(parts)


def identifier_keys(text: str) -> list[str]:
    """Keys the text may be: a company's own id (`GB-COH-15656800`), a number with its country
    prefix or bare (`BE 0403.170.701`, `15656800`), in every scheme it is valid in."""
    wanted = text.strip()
    try:
        read = lookup_keys(wanted)
    except InvalidInput:
        read = []
    guessed = [f"{scheme}-{value}" for scheme, value in guess_identifiers(wanted)]
    return list(dict.fromkeys([wanted, *read, *guessed])) if wanted else []


async def search_entities(
    graph: Graph, text: str, label: str | None, skip: int, limit: int, max_hits: int
) -> Page[SearchHit]:
    params = {
        "identifier_keys": identifier_keys(text),
        "identifier_score": IDENTIFIER_SCORE,
        "lucene": lucene_query(search_readings(text, label)),
        "max_hits": max_hits,
        "label": label,
        "skip": skip,
        "limit": limit,
    }
    records = await graph.read(SEARCH, params)
    record = records[0]
    hits = [
        SearchHit(
            entity=entity_row(h["props"], h["labels"]),
            score=h["score"],
            matched_identifier=h["score"] >= IDENTIFIER_SCORE,
        )
        for h in record["hits"]
    ]
    return Page[SearchHit](total=record["total"], rows=hits)
