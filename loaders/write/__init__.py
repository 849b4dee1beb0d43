"""The transactional write path: parse -> GraphWriter -> Neo4j, with rejects and a report."""
