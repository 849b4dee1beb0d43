"""The GraphQL schema: Query composed from per-domain mixins, plus limits, errors and audit.

To add a domain (e.g. due-diligence analytics), write a `@strawberry.type class XQuery` mixin
in its own module and add it to `QUERY_MIXINS`; `build_schema` composes them in order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionContext

from graph_schema.settings import Settings
from graphapi.http.audit import AuditLog
from graphapi.http.limits import limit_extensions
from graphapi.schema.bans import BanQuery
from graphapi.schema.document_cache import CachedDocuments, DocumentCache
from graphapi.schema.due_diligence import DueDiligenceQuery
from graphapi.schema.entities import Address, Company, Person
from graphapi.schema.errors import ErrorCodes, log_errors
from graphapi.schema.extensions import ArgumentRanges, AuditExtension, IntrospectionGate
from graphapi.schema.lookup import EntityQuery
from graphapi.schema.search import SearchQuery
from graphapi.schema.watchlists import WatchlistMutation, WatchlistQuery

QUERY_MIXINS: tuple[type, ...] = (
    EntityQuery,
    SearchQuery,
    DueDiligenceQuery,
    WatchlistQuery,
    BanQuery,
)
MUTATION_MIXINS: tuple[type, ...] = (WatchlistMutation,)


def compose_query(mixins: tuple[type, ...] = QUERY_MIXINS) -> type:
    """One `Query` root type with every mixin's fields."""
    return strawberry.type(type("Query", mixins, {}))


def compose_mutation(mixins: tuple[type, ...] = MUTATION_MIXINS) -> type:
    """One `Mutation` root type with every mixin's fields (API-owned data only)."""
    return strawberry.type(type("Mutation", mixins, {}))


class DuegraphSchema(strawberry.Schema):
    documents: DocumentCache | None = None  # parsed and validated query texts, per schema

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        log_errors(errors, execution_context)


def build_schema(settings: Settings, audit_log: AuditLog | None = None) -> strawberry.Schema:
    """The schema for one app; without an audit log (SDL export) nothing is audited."""
    documents = DocumentCache()
    # First: a cached document skips the parse and every validation hook after it.
    extensions: list[Callable[[], SchemaExtension]] = [lambda: CachedDocuments(documents)]
    extensions.extend(limit_extensions(settings))
    extensions.append(IntrospectionGate)
    extensions.append(ArgumentRanges)
    if audit_log is not None:
        log = audit_log
        extensions.append(lambda: AuditExtension(log))
    extensions.append(ErrorCodes)  # last: later hooks see the errors it rewrote
    kwargs: dict[str, Any] = {
        "query": compose_query(),
        "mutation": compose_mutation(),
        "extensions": extensions,
    }
    schema = DuegraphSchema(types=[Company, Person, Address], **kwargs)
    schema.documents = documents
    return schema


def export_sdl() -> str:
    """The schema as SDL (settings do not change the types, only the limits)."""
    return build_schema(Settings()).as_str() + "\n"
