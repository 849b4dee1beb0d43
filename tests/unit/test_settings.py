from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from graph_schema.settings import Settings


def test_defaults_point_at_the_local_server(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NEO4J_URI", "DUEGRAPH_BOLT_PORT"):
        monkeypatch.delenv(name, raising=False)
    s = Settings()
    assert s.neo4j.uri == "bolt://127.0.0.1:7687"
    assert s.neo4j.database == "neo4j"


def test_uri_follows_the_local_port_unless_neo4j_uri_is_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.setenv("DUEGRAPH_BOLT_PORT", "7699")
    assert Settings().neo4j.uri == "bolt://127.0.0.1:7699"
    monkeypatch.setenv("NEO4J_URI", "neo4j+s://example.databases.neo4j.io")
    assert Settings().neo4j.uri == "neo4j+s://example.databases.neo4j.io"


def test_password_is_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_PASSWORD", "hunter2")
    s = Settings()
    assert "hunter2" not in repr(s)
    assert s.neo4j.password.get_secret_value() == "hunter2"


def test_invalid_values_fail_at_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DUEGRAPH_BOLT_PORT", "70000")
    with pytest.raises(ValidationError):
        Settings()


def test_paths_expand_user() -> None:
    assert Settings(data_dir=Path("~/x")).data_dir == Path("~/x").expanduser()
