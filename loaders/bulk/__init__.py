"""First load of a whole registry: parsers -> a disk stage -> `neo4j-admin` import files."""
