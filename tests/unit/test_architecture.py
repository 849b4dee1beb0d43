"""The one-way data flow, checked: who may import whom, and where Cypher may live."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CYPHER = re.compile(r"\b(MATCH|MERGE|UNWIND|DETACH DELETE|CREATE CONSTRAINT|CREATE INDEX)\b")
CYPHER_HOMES = ("graph_schema/constraints.py", "loaders/upserts.py", "graphapi/queries/")
# SQLite scripts (the bulk-import stage) share CREATE INDEX with Cypher; these never occur in it.
SQL_ONLY = re.compile(r"\b(INSERT INTO|CREATE TABLE|DROP TABLE)\b")


def _modules(package: str) -> list[Path]:
    return sorted((REPO / package).rglob("*.py"))


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _top(names: set[str]) -> set[str]:
    return {n.split(".")[0] for n in names}


@pytest.mark.parametrize("path", _modules("graph_schema"), ids=lambda p: p.name)
def test_graph_schema_imports_neither_loaders_nor_graphapi(path: Path) -> None:
    assert not _top(_imports(path)) & {"loaders", "graphapi"}


@pytest.mark.parametrize("path", _modules("loaders"), ids=lambda p: p.name)
def test_loaders_import_graph_schema_only(path: Path) -> None:
    assert "graphapi" not in _top(_imports(path))


@pytest.mark.parametrize("path", _modules("graphapi/analytics"), ids=lambda p: p.name)
def test_analytics_are_pure(path: Path) -> None:
    assert not _top(_imports(path)) & {"neo4j", "strawberry", "loaders"}


@pytest.mark.parametrize("path", _modules("graphapi/schema"), ids=lambda p: p.name)
def test_graphql_schema_never_touches_the_driver(path: Path) -> None:
    assert "neo4j" not in _top(_imports(path))


def test_only_composition_roots_import_loaders_from_graphapi() -> None:
    # Composition roots: the CLI modules and the benchmark harness (it generates and loads).
    offenders = [
        rel
        for p in _modules("graphapi")
        if "loaders" in _top(_imports(p))
        and not p.name.startswith("cli")
        and not (rel := p.relative_to(REPO).as_posix()).startswith("graphapi/bench/")
    ]
    assert offenders == []


def test_cypher_lives_in_its_three_homes() -> None:
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
