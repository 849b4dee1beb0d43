"""Where Cypher may live (who may import whom is checked by the import-linter contracts in
pyproject.toml, run by `make lint`)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CYPHER = re.compile(r"\b(MATCH|MERGE|UNWIND|DETACH DELETE|CREATE CONSTRAINT|CREATE INDEX)\b")
CYPHER_HOMES = (
    "graph_schema/constraints.py",
    # The write contract spelled in Cypher, once, for the upserts and the LOAD CSV baseline.
    "graph_schema/write_contract.py",
    "loaders/write/upserts.py",
    "loaders/write/changes.py",
    "graphapi/queries/",
    # Tooling reads the graph with its own statements (samples, the LOAD CSV baseline).
    "graphapi/tooling/bench/cypher.py",
    "graphapi/tooling/soak/sample.py",
)
# SQLite scripts (the bulk-import stage) share CREATE INDEX with Cypher; these never occur in it.
SQL_ONLY = re.compile(r"\b(INSERT INTO|CREATE TABLE|DROP TABLE|DROP INDEX)\b")


def _modules(package: str) -> list[Path]:
    return sorted((REPO / package).rglob("*.py"))


def test_cypher_lives_in_its_homes() -> None:
    offenders = []
    for package in ("graph_schema", "loaders", "graphapi"):
        for path in _modules(package):
            rel = path.relative_to(REPO).as_posix()
            if rel.startswith(CYPHER_HOMES):
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    if SQL_ONLY.search(node.value):
                        continue
                    if CYPHER.search(node.value) and not node.value.strip().startswith('"""'):
                        offenders.append(f"{rel}:{node.lineno}")
    assert offenders == []
