"""Refusals are typed by what refused them, not by their wording (graphapi/http/limits.py)."""

from __future__ import annotations

import pytest
from graphql import GraphQLError

from graph_schema.settings import Settings
from graphapi.errors import QueryTooComplex
from graphapi.schema import build_schema

MAX_TOKENS = Settings().api_max_tokens


def _errors(query: str) -> list[GraphQLError]:
    return build_schema(Settings()).execute_sync(query).errors or []


def _codes(query: str) -> list[str]:
    return [str((e.extensions or {})["code"]) for e in _errors(query)]


def _padded(n: int) -> str:
    """`{ __typename }` padded with comments to n tokens (graphql-core counts comments too)."""
    return "{ __typename }" + "\n#" * (n - 3)


def test_the_token_cap_is_exact_and_typed() -> None:
    assert _codes(_padded(MAX_TOKENS)) == []
    assert _codes(_padded(MAX_TOKENS + 1)) == ["QUERY_TOO_COMPLEX"]
    long = "{ " + " ".join("__typename" for _ in range(MAX_TOKENS)) + " }"
    (error,) = _errors(long)
    assert _codes(long) == ["QUERY_TOO_COMPLEX"]
    assert f"more than {MAX_TOKENS} tokens" in error.message  # graphql-core's own words


@pytest.mark.parametrize(
    "query",
    [
        "{ company(id: ",  # ends early
        "{ company(id ) }",  # a missing colon
        "{ a(x " + "y " * MAX_TOKENS + ") }",  # malformed long before the cap, then long
        "{ __typename } \u0007",  # a character the lexer refuses
    ],
)
def test_malformed_documents_are_parse_failures(query: str) -> None:
    assert _codes(query) == ["GRAPHQL_PARSE_FAILED"]


def test_every_limit_refusal_carries_a_query_too_complex() -> None:
    inner = "id"
    for _ in range(10):  # 60 levels of real fields, over the depth limit
        person = f"mandates {{ nodes {{ company {{ {inner} }} }} }}"
        inner = f"directors {{ nodes {{ director {{ ... on Person {{ {person} }} }} }} }}"
    depth = '{ company(id: "x") { ' + inner + " } }"
    aliases = "{ " + " ".join(f"t{i}: __typename" for i in range(500)) + " }"
    for query in (depth, aliases, _padded(MAX_TOKENS + 1)):
        errors = _errors(query)
        assert errors and all(isinstance(e.original_error, QueryTooComplex) for e in errors)
