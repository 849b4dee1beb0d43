"""Typed GraphQL errors: every error carries `extensions.code`; unexpected ones are masked.

Codes: NOT_FOUND, INVALID_ARGUMENT, UNAUTHENTICATED, FORBIDDEN, UNAVAILABLE, TIMEOUT (from
graph_schema.errors / graphapi.errors), QUERY_TOO_COMPLEX (limits), GRAPHQL_PARSE_FAILED and
GRAPHQL_VALIDATION_FAILED (malformed queries) and INTERNAL (anything else: message masked, the
details only in the server log, never a stack trace or Cypher to the client).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError, GraphQLSyntaxError
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionContext

from graph_schema.errors import DuegraphError, InvalidInput

log = logging.getLogger("graphapi.errors")

INTERNAL_MESSAGE = "Internal error; it has been logged."


def error_code(error: GraphQLError) -> str:
    given = (error.extensions or {}).get("code")
    if isinstance(given, str):  # already classified (ErrorCodes ran first)
        return given
    original = error.original_error
    if isinstance(original, DuegraphError):
        return original.code
    if original is None or error.path is None:
        # Raised before execution: parsing, validation, variable coercion (the limits carry a
        # QueryTooComplex, above).
        if isinstance(error, GraphQLSyntaxError):
            return "GRAPHQL_PARSE_FAILED"
        return "GRAPHQL_VALIDATION_FAILED"
    return "INTERNAL"


def with_code(error: GraphQLError) -> GraphQLError:
    code = error_code(error)
    original = error.original_error
    extensions: dict[str, Any] = {**(error.extensions or {}), "code": code}
    message = error.message
    if isinstance(original, DuegraphError):
        message = original.message
        if isinstance(original, InvalidInput) and original.field:
            extensions["field"] = original.field
    elif code == "INTERNAL":
        message = INTERNAL_MESSAGE
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=original if isinstance(original, DuegraphError) else None,
        extensions=extensions,
    )


class ErrorCodes(SchemaExtension):
    """Rewrite every error of the result with its code (and mask the unexpected ones)."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is not None and result.errors:
            result.errors = [with_code(e) for e in result.errors]


def log_errors(errors: list[GraphQLError], execution_context: ExecutionContext | None) -> None:
    """Server-side log: expected errors in one line, unexpected ones with their traceback."""
    for error in errors:
        original = error.original_error
        if isinstance(original, DuegraphError) or original is None:
            log.info("graphql %s: %s", error_code(error), error.message)
        else:
            log.error("unexpected error in %s", error.path, exc_info=original)
