"""All read Cypher of the API: LiteralString constants + one async function per question."""
