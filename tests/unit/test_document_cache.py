"""The per-schema document cache: repeats skip parse and validation, refusals stay refusals."""

from __future__ import annotations

from graphql import GraphQLError, parse

from graph_schema.settings import Settings
from graphapi.schema import DuegraphSchema, build_schema
from graphapi.schema.document_cache import DocumentCache


def _schema() -> DuegraphSchema:
    schema = build_schema(Settings())
    assert isinstance(schema, DuegraphSchema) and schema.documents is not None
    return schema


def _codes(errors: list[GraphQLError] | None) -> list[str]:
    return [str((e.extensions or {})["code"]) for e in errors or []]


def test_a_repeated_query_is_parsed_and_validated_once() -> None:
    schema = _schema()
    cache = schema.documents
    assert cache is not None
    for _ in range(3):
        result = schema.execute_sync("{ __typename }")
        assert result.errors is None and result.data == {"__typename": "Query"}
    assert (cache.misses, cache.hits, len(cache)) == (1, 2, 1)


def test_refused_queries_are_never_cached_and_refused_every_time() -> None:
    schema = _schema()
    cache = schema.documents
    assert cache is not None
    aliases = "{ " + " ".join(f"t{i}: __typename" for i in range(500)) + " }"
    unknown = "{ noSuchField }"
    frags = ["fragment F0 on Query { __typename }"]
    frags += [f"fragment F{i} on Query {{ ...F{i - 1} ...F{i - 1} }}" for i in range(1, 60)]
    bomb = "{ ...F59 } " + " ".join(frags)
    tokens = "{ " + " ".join("__typename" for _ in range(2_500)) + " }"
    for _ in range(2):
        assert _codes(schema.execute_sync(aliases).errors) == ["QUERY_TOO_COMPLEX"]
        assert _codes(schema.execute_sync(unknown).errors) == ["GRAPHQL_VALIDATION_FAILED"]
        bombed = schema.execute_sync(bomb).errors
        assert _codes(bombed) == ["QUERY_TOO_COMPLEX"]
        assert bombed and "fragments are expanded" in bombed[0].message
        too_long = schema.execute_sync(tokens).errors
        assert _codes(too_long) == ["QUERY_TOO_COMPLEX"]
        assert too_long and "tokens" in too_long[0].message
    assert len(cache) == 0 and cache.hits == 0


def test_each_schema_has_its_own_cache() -> None:
    first, second = _schema(), _schema()
    first.execute_sync("{ __typename }")
    assert first.documents is not None and len(first.documents) == 1
    assert second.documents is not None and len(second.documents) == 0


def test_the_cache_is_bounded_and_keeps_the_recently_used() -> None:
    cache = DocumentCache(maxsize=2)
    cache.put("a", parse("{ a }"))
    cache.put("b", parse("{ b }"))
    assert cache.get("a") is not None  # "a" is now the most recent
    cache.put("c", parse("{ c }"))
    assert len(cache) == 2
    assert cache.get("b") is None and cache.get("a") is not None and cache.get("c") is not None
