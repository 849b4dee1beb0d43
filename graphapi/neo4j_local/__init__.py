"""Running the project's own Neo4j: the server process and the offline importer."""
