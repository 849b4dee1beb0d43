"""The per-request context every resolver gets through `info.context` (no globals)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeAlias

import strawberry
from starlette.requests import Request

from graph_schema.settings import Settings
from graphapi.dataloaders import Loaders
from graphapi.graph import Graph
from graphapi.http.auth import Caller


@dataclass
class AuditTrail:
    """What this request read: filled by resolvers, written by the audit extension."""

    entity_ids: set[str] = field(default_factory=set)
    root_fields: dict[str, dict[str, Any]] = field(default_factory=dict)

    def saw(self, key: str) -> None:
        self.entity_ids.add(key)


@dataclass
class Context:
    request: Request
    settings: Settings
    graph: Graph
    loaders: Loaders
    caller: Caller
    audit: AuditTrail = field(default_factory=AuditTrail)


Info: TypeAlias = strawberry.Info[Context, None]
