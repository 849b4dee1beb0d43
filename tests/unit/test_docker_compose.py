"""docker-compose.yml cannot run here (no Docker engine); check its structure and wiring."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]


def _compose() -> dict[str, Any]:
    data = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    assert isinstance(data, dict)
    return data


def test_neo4j_service_is_526_community_with_password_from_env_volume_and_healthcheck() -> None:
    neo4j = _compose()["services"]["neo4j"]
    assert neo4j["image"] == "neo4j:5.26-community"
    assert neo4j["environment"]["NEO4J_AUTH"].startswith("neo4j/${NEO4J_PASSWORD")
    assert any(v.startswith("neo4j-data:") for v in neo4j["volumes"])
    assert "neo4j-data" in _compose()["volumes"]
    assert "cypher-shell" in " ".join(neo4j["healthcheck"]["test"])
    assert all(p.startswith("127.0.0.1:") for p in neo4j["ports"])


def test_api_is_built_here_and_wired_to_neo4j() -> None:
    api = _compose()["services"]["api"]
    assert api["build"] == "."
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    env = api["environment"]
    assert env["NEO4J_URI"] == "bolt://neo4j:7687"
    assert env["NEO4J_PASSWORD"] == _compose()["services"]["neo4j"]["environment"][
        "NEO4J_AUTH"
    ].removeprefix("neo4j/")
    assert "127.0.0.1:8000:8000" in api["ports"]
    assert (REPO / "Dockerfile").is_file()
    dockerfile = (REPO / "Dockerfile").read_text()
    assert 'CMD ["duegraph", "serve"]' in dockerfile
    assert "COPY graphapi" in dockerfile and "COPY loaders" in dockerfile


def test_compose_env_names_match_our_settings() -> None:
    from graph_schema.settings import Neo4jSettings, Settings

    env = _compose()["services"]["api"]["environment"]
    neo4j_fields = {f"NEO4J_{name.upper()}" for name in Neo4jSettings.model_fields}
    duegraph_fields = {f"DUEGRAPH_{name.upper()}" for name in Settings.model_fields}
    for name in env:
        assert name in neo4j_fields | duegraph_fields, f"{name} is not a setting"
