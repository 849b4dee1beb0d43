"""The one place that reads the environment: every setting, its default and why."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_core import PydanticCustomError
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict, SettingsError

from graph_schema.errors import InvalidSetting
from graph_schema.signal_params import SignalParams


class Neo4jSettings(BaseSettings):
    """Connection to Neo4j; the standard NEO4J_* names so existing tooling and Aura exports work."""

    model_config = SettingsConfigDict(env_prefix="NEO4J_", extra="ignore", frozen=True)

    # Points at the project's own server (`duegraph neo4j start`) unless told otherwise.
    uri: str = "bolt://127.0.0.1:7687"
    user: str = "neo4j"
    # The local server runs without auth (loopback only); a password matters for remote servers.
    password: SecretStr = SecretStr("")
    # Naming the database saves the driver a home-database round trip per session.
    database: str = "neo4j"


class Settings(BaseSettings):
    """All DUEGRAPH_* settings. Build once (`Settings()`) and pass it down; never mutate."""

    model_config = SettingsConfigDict(env_prefix="DUEGRAPH_", extra="ignore", frozen=True)

    neo4j: Neo4jSettings = Field(default_factory=Neo4jSettings)

    # --- the project-managed local Neo4j -------------------------------------------------
    # Where the local server keeps its store, logs and pid file (git-ignored).
    data_dir: Path = Path(".duegraph/neo4j")
    # Bolt port of the local server; change it to run several databases side by side.
    bolt_port: int = Field(7687, ge=1, le=65535)
    # JVM heap of the local server: room for tests and the API on a 2-core, 24 GiB machine.
    neo4j_heap_mb: int = Field(2048, ge=256)
    # Page cache of the local server (the store files held in memory).
    neo4j_pagecache_mb: int = Field(1024, ge=64)
    # How long `neo4j start` waits for Bolt to answer before giving up.
    neo4j_start_timeout_s: float = Field(120.0, gt=0)

    # --- loaders ---------------------------------------------------------------------------
    # Records per write transaction: big enough to amortise commits, small enough to retry
    # (docs/benchmarks.md has the measurement).
    batch_size: int = Field(5000, ge=1, le=100_000)
    # Real registry samples used by some tests (never copied into the repo).
    datasets_dir: Path = Path("../shared/datasets")

    # --- API ---------------------------------------------------------------------------------
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    # API keys -> roles, JSON {"key": "role"} or "key:role,key:role"; empty = no auth (local only).
    api_keys: SecretStr = SecretStr("")
    # Deepest GraphQL selection accepted: stops owners { owners { … } } explosions.
    api_max_depth: int = Field(15, ge=2, le=50)
    # Largest `first` a connection accepts; bigger asks get INVALID_ARGUMENT, not a silent cut.
    api_max_page_size: int = Field(100, ge=1, le=1000)
    # Aliases per document: one heavy field aliased 1,000 times is a denial of service.
    api_max_aliases: int = Field(20, ge=1)
    # Tokens per document: bounds parsing work before anything else runs.
    api_max_tokens: int = Field(2000, ge=100)
    # Estimated cost (fields x page sizes) per query: bounds fan-out that depth alone misses.
    api_max_cost: int = Field(50_000, ge=10)
    # Wall-clock budget per request, also sent to Neo4j as the transaction timeout.
    api_query_timeout_s: float = Field(15.0, gt=0)
    # Browser origins allowed to call the API (comma-separated); empty = no CORS headers.
    api_cors_origins: str = ""
    # Append-only JSON Lines audit of who read which entity (compliance needs the trail).
    api_audit_log: Path = Path(".duegraph/audit.jsonl")
    # Schema introspection for every caller; when off, only admin keys may introspect.
    api_introspection: bool = True
    # Full-text hits considered per search (ranking + totalCount are over at most this many).
    api_search_max_hits: int = Field(1000, ge=10, le=100_000)

    # --- analytics ---------------------------------------------------------------------------
    # The detector parameters: defaults (docs/analytics.md) overridden by JSON, e.g.
    # DUEGRAPH_SIGNAL_PARAMS='{"window_months": 24, "ubo": {"operator": ">="}}'. An unknown
    # name or a wrong type fails when the settings are built, so before any command runs.
    signal_params: Annotated[SignalParams, NoDecode] = Field(default_factory=SignalParams)

    @field_validator("data_dir", "datasets_dir")
    @classmethod
    def _expand(cls, value: Path) -> Path:
        return value.expanduser()

    @field_validator("signal_params", mode="before")
    @classmethod
    def _signal_params_json(cls, value: Any) -> Any:
        # Decoded here rather than by pydantic-settings, so that bad JSON is reported like
        # any other error of this field.
        if isinstance(value, str | bytes):
            if not value.strip():
                return {}
            try:
                return json.loads(value)
            except json.JSONDecodeError as exc:
                message = "not valid JSON ({error})"
                raise PydanticCustomError("json", message, {"error": str(exc)}) from None
        return value

    @model_validator(mode="after")
    def _uri_follows_local_port(self) -> Settings:
        # Without an explicit NEO4J_URI, talk to the project's own server on its configured port.
        if "uri" not in self.neo4j.model_fields_set:
            local = self.neo4j.model_copy(update={"uri": self.local_bolt_uri()})
            object.__setattr__(self, "neo4j", local)
        return self

    def local_bolt_uri(self) -> str:
        """The Bolt URI of the project-managed server for these settings."""
        return f"bolt://127.0.0.1:{self.bolt_port}"


def _env_name(model: str, loc: tuple[int | str, ...]) -> str:
    """The environment variable behind an error's location (e.g. DUEGRAPH_SIGNAL_PARAMS)."""
    prefixes = {m.__name__: m.model_config.get("env_prefix", "") for m in (Settings, Neo4jSettings)}
    return f"{prefixes.get(model, '')}{loc[0]}".upper() if loc else "the settings"


def load_settings(**overrides: Any) -> Settings:
    """Settings from the environment (and `overrides`), or InvalidSetting naming the variable.

    Every command and the API start here, so a malformed setting stops them at start."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        # The variable's name, where inside it, what is wrong; never the value (secrets).
        problems = []
        for err in exc.errors(include_url=False):
            name = _env_name(exc.title, err["loc"])
            inside = ".".join(str(part) for part in err["loc"][1:])
            problems.append((name, f"{name} ({inside})" if inside else name, err["msg"]))
        details = "; ".join(f"{where}: {msg}" for _, where, msg in problems)
        names = sorted({name for name, _, _ in problems})
        raise InvalidSetting(f"invalid setting {details}", names) from None
    except SettingsError as exc:
        raise InvalidSetting(f"invalid settings: {exc}", []) from None
