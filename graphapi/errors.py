"""API-only errors on top of graph_schema.errors; each `code` reaches clients as extensions.code."""

from __future__ import annotations

from graph_schema.errors import DuegraphError


class Unauthenticated(DuegraphError):
    """No API key, or one that is not configured."""

    code = "UNAUTHENTICATED"


class Forbidden(DuegraphError):
    """A valid key whose role does not allow the operation."""

    code = "FORBIDDEN"


class QueryTimeout(DuegraphError):
    """The request ran past its time budget (Neo4j aborts the transaction too)."""

    code = "TIMEOUT"


class QueryTooComplex(DuegraphError):
    """Depth, aliases, tokens or estimated cost over the configured limits."""

    code = "QUERY_TOO_COMPLEX"
