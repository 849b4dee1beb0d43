"""search(text, kind, first, after): names (full-text) and identifiers, ranked by relevance."""

from __future__ import annotations

import strawberry

from graph_schema.errors import InvalidInput
from graphapi.context import Info
from graphapi.queries.rows import SearchHit
from graphapi.queries.search import search_entities
from graphapi.schema.common import EntityKind, described
from graphapi.schema.entities import Entity, entity_of
from graphapi.schema.pagination import PageInfo, encode_cursor, page_info, window

MAX_SEARCH_TEXT = 200


@strawberry.type
class SearchEdge:
    cursor: str
    hit: strawberry.Private[SearchHit]

    @strawberry.field
    def node(self, info: Info) -> Entity:
        # Mapped (and audited) only when the client asks for the entity itself.
        return entity_of(info, self.hit.entity)

    @described("Relevance; identifier matches rank first.")
    def score(self) -> float:
        return self.hit.score

    @described("The text was a registry number of this company.")
    def matched_identifier(self) -> bool:
        return self.hit.matched_identifier


@strawberry.type
class SearchConnection:
    total_count: int = strawberry.field(
        description="Matches considered (name matches are capped by the server's limit)."
    )
    page_info: PageInfo
    edges: list[SearchEdge]

    @strawberry.field
    def nodes(self, info: Info) -> list[Entity]:
        return [entity_of(info, edge.hit.entity) for edge in self.edges]


@strawberry.type
class SearchQuery:
    @described(
        "Companies and persons by name (case-, accent- and legal-form-insensitive) "
        "or by a registry number in any common format; best matches first."
    )
    async def search(
        self,
        info: Info,
        text: str,
        kind: EntityKind | None = None,
        first: int | None = 10,
        after: str | None = None,
    ) -> SearchConnection:
        if not text.strip():
            raise InvalidInput("search text must not be empty", "text")
        if len(text) > MAX_SEARCH_TEXT:
            raise InvalidInput(f"search text is longer than {MAX_SEARCH_TEXT} characters", "text")
        if kind is EntityKind.ADDRESS:
            raise InvalidInput("search covers companies and persons; look addresses up by id")
        settings = info.context.settings
        win = window(first, after, settings.api_max_page_size)
        label = kind.value if kind else None
        page = await search_entities(
            info.context.graph, text, label, win.skip, win.limit, settings.api_search_max_hits
        )
        edges = [
            SearchEdge(cursor=encode_cursor(win.skip + i), hit=hit)
            for i, hit in enumerate(page.rows)
        ]
        return SearchConnection(
            total_count=page.total,
            page_info=page_info(win.skip, len(edges), page.total),
            edges=edges,
        )
