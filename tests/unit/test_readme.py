"""The README is the user's manual: it must document every setting and the two commands."""

from __future__ import annotations

from pathlib import Path

from graph_schema.settings import Neo4jSettings, Settings

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text()


def test_every_setting_is_documented() -> None:
    names = [f"NEO4J_{n.upper()}" for n in Neo4jSettings.model_fields]
    names += [f"DUEGRAPH_{n.upper()}" for n in Settings.model_fields if n != "neo4j"]
    missing = [n for n in names if f"`{n}`" not in README and f"{n}`" not in README]
    assert missing == []


def test_the_two_setup_commands_are_in_the_readme_and_ci_runs_the_test_one() -> None:
    assert "make demo" in README and "make test" in README
    assert "make test" in (REPO / ".ci" / "run").read_text()


def test_readme_links_resolve() -> None:
    for target in ("docs/graph-model.md", "docs/loaders.md", "graphapi/schema.graphql"):
        assert f"]({target})" in README, target
        assert (REPO / target).is_file(), target


def test_every_format_is_in_the_format_table() -> None:
    from loaders.formats import registry

    rows = [line.split("|")[1] for line in README.splitlines() if line.startswith("| `")]
    listed = {name.strip(" `") for row in rows for name in row.split(",")}
    assert [name for name in registry() if name not in listed] == []
