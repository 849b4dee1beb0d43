"""`duegraph bench`: loader, query, API and throughput figures, each next to a baseline run
beside it on the same machine, in the same run, against a private Neo4j."""
