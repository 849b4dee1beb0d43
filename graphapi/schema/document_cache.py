"""Parse and validate each distinct query text once per schema, not once per request.

Frontends and batch jobs send the same few documents over and over; parsing and validating
them cost about half of a cheap lookup's server time. Strawberry's own `ParserCache` /
`ValidationCache` do not fit our limits: its validation cache overwrites the error our
`ExpansionLimiter` sets (and so walks a fragment bomb anyway), and keys on rule classes that
the limiters rebuild per request. This cache keys on the query text only, because every
limit that shapes parsing and validation is fixed when the schema is built.

Only documents that parsed and validated cleanly are remembered: a refused query is refused
again at full cost, so hostile texts cannot fill the cache, and shared error objects never
leak from one request into another.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from threading import Lock

from graphql import DocumentNode
from strawberry.extensions import SchemaExtension

DEFAULT_DOCUMENTS = 256


@dataclass
class DocumentCache:
    """A bounded LRU of query text -> parsed document that passed validation."""

    maxsize: int = DEFAULT_DOCUMENTS
    _entries: OrderedDict[str, DocumentNode] = field(default_factory=OrderedDict)
    _lock: Lock = field(default_factory=Lock)
    hits: int = 0
    misses: int = 0

    def get(self, text: str) -> DocumentNode | None:
        with self._lock:
            document = self._entries.get(text)
            if document is None:
                self.misses += 1
                return None
            self._entries.move_to_end(text)
            self.hits += 1
            return document

    def put(self, text: str, document: DocumentNode) -> None:
        with self._lock:
            self._entries[text] = document
            self._entries.move_to_end(text)
            while len(self._entries) > self.maxsize:
                self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)


class CachedDocuments(SchemaExtension):
    """Must come first among the extensions: a hit skips every later parse and validation hook."""

    def __init__(self, cache: DocumentCache) -> None:
        self.cache = cache
        self._hit = False

    def on_parse(self) -> Iterator[None]:
        ctx = self.execution_context
        text = ctx.query
        if text and ctx.graphql_document is None:
            document = self.cache.get(text)
            if document is not None:
                ctx.graphql_document = document  # strawberry then skips its own parse
                self._hit = True
        yield

    def on_validate(self) -> Iterator[None]:
        ctx = self.execution_context
        if self._hit and ctx.pre_execution_errors is None:
            ctx.pre_execution_errors = []  # validated when cached: strawberry skips the rules
        yield
        if not self._hit and ctx.query and ctx.graphql_document is not None:
            if not ctx.pre_execution_errors:
                self.cache.put(ctx.query, ctx.graphql_document)
