"""The README is the user's manual: every setting, the two commands, links that resolve and a map
of the folders that matches the tree."""

from __future__ import annotations

import re
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
    for target in (
        "docs/architecture.md",
        "docs/analytics.md",
        "docs/graph-model.md",
        "docs/loaders.md",
        "graphapi/schema.graphql",
    ):
        assert f"]({target})" in README, target
    for page in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", page.read_text()):
            assert (page.parent / target).exists(), f"{page.name}: {target}"


def test_where_things_are_names_folders_that_exist() -> None:
    section = README.split("## Where things are", 1)[1].split("\n## ", 1)[0]
    first_cells = re.findall(r"^\| ([^|]+) \|", section, re.M)
    named = [p for cell in first_cells for p in re.findall(r"`([^`]+)`", cell)]
    assert len(named) >= 15
    for path in named:
        if "<" not in path:  # `loaders/<format>/` stands for the format packages
            assert (REPO / path).exists(), path
    # Every top-level package (graphapi by its parts) and every graphapi sub-package has a row.
    packages = [p.name + "/" for p in REPO.iterdir() if (p / "__init__.py").is_file()]
    packages.remove("graphapi/")
    api = REPO / "graphapi"
    packages += [f"graphapi/{p.name}/" for p in api.iterdir() if (p / "__init__.py").is_file()]
    assert [p for p in packages if p not in named] == []


def test_every_format_is_in_the_format_table() -> None:
    from loaders.formats import registry

    rows = [line.split("|")[1] for line in README.splitlines() if line.startswith("| `")]
    listed = {name.strip(" `") for row in rows for name in row.split(",")}
    assert [name for name in registry() if name not in listed] == []
