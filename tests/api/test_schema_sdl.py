"""The committed SDL matches the code, and the layering rules of graphapi hold."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from graphapi.cli.export import SDL_PATH, export_schema_command
from graphapi.schema import export_sdl

GRAPHAPI = Path(__file__).resolve().parents[2] / "graphapi"


def test_committed_sdl_matches_the_code() -> None:
    assert SDL_PATH.read_text(encoding="utf-8") == export_sdl(), (
        "graphapi/schema.graphql is out of date: run `duegraph export-schema` and commit the diff"
    )


def test_export_check_fails_on_drift(tmp_path: Path) -> None:
    import typer

    app = typer.Typer()
    app.command()(export_schema_command)
    stale = tmp_path / "schema.graphql"
    stale.write_text("type Query { old: String }\n")
    runner = CliRunner()
    assert runner.invoke(app, ["--output", str(stale), "--check"]).exit_code == 1
    assert runner.invoke(app, ["--output", str(stale)]).exit_code == 0
    assert stale.read_text() == export_sdl()
    assert runner.invoke(app, ["--output", str(stale), "--check"]).exit_code == 0


def test_sdl_has_the_issue_contract() -> None:
    sdl = export_sdl()
    for line in (
        "company(id: ID!): Company",
        "person(id: ID!): Person",
        "entity(id: ID!): Entity",
        "companyByIdentifier(scheme: String!, value: String!): Company",
        "search(text: String!, kind: EntityKind = null, first: Int = 10, after: String = null)",
        "interface Entity",
        "type Company implements Entity",
        "type Person implements Entity",
        "type Address implements Entity",
    ):
        assert line in sdl, line
