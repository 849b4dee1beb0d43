from __future__ import annotations

from neo4j import Driver
from typer.testing import CliRunner

from graph_schema.constraints import SCHEMA, apply_schema
from graph_schema.settings import Settings
from graphapi.cli import app


def test_schema_lists_every_constraint_and_index_and_reapply_is_a_noop(
    graph: Driver, settings: Settings
) -> None:
    db = settings.neo4j.database
    constraints = {r["name"] for r in graph.execute_query("SHOW CONSTRAINTS", database_=db).records}
    indexes = {
        r["name"]: r["state"] for r in graph.execute_query("SHOW INDEXES", database_=db).records
    }
    for item in SCHEMA:
        target = constraints if item.kind == "constraint" else indexes
        assert item.name in target, item.name
    assert all(state == "ONLINE" for state in indexes.values())
    assert apply_schema(graph, db) == []


def test_cli_schema_apply_says_nothing_changed_the_second_time(
    graph: Driver, settings: Settings
) -> None:
    env = {"NEO4J_URI": settings.neo4j.uri}
    result = CliRunner().invoke(app, ["schema", "apply"], env=env)
    assert result.exit_code == 0, result.output
    assert "nothing changed" in result.output


def test_uniqueness_constraint_refuses_a_duplicate_company_key(graph: Driver) -> None:
    graph.execute_query("CREATE (:Company:Entity {key: 'GB-COH-00000001'})")
    try:
        graph.execute_query("CREATE (:Company:Entity {key: 'GB-COH-00000001'})")
    except Exception as exc:  # the driver raises ConstraintError
        assert "already exists" in str(exc)
    else:
        raise AssertionError("duplicate key was accepted")


def test_fulltext_index_finds_normalised_names(graph: Driver) -> None:
    graph.execute_query(
        "CREATE (:Company:Entity {key: 'k1', name: 'Vlaamse Bouwgroep NV', "
        "search_names: ['vlaamse bouwgroep']})"
    )
    graph.execute_query("CALL db.awaitIndexes(60)")
    rows = graph.execute_query(
        "CALL db.index.fulltext.queryNodes('entity_names', $q) YIELD node RETURN node.key AS key",
        {"q": "vlaamse bouwgroep"},
    ).records
    assert [r["key"] for r in rows] == ["k1"]
