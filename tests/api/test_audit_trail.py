"""The audit trail is decided on the executed operation, not on the query's text.

Root fields wrapped in a fragment spread, an inline fragment or a directive run like plain ones,
so they are audited like plain ones: one line naming each root field (by its response key, with
its field name, its arguments and its outcome), and no data at all when the line cannot be
written. The generated-operation property is in test_audit_property.py.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from graph_schema.settings import Settings
from graphapi.app import create_app
from graphapi.http.audit import MAX_LISTED
from graphapi.http.auth import key_id
from graphapi.schema import extensions
from tests.api.conftest import codes, post_graphql, running
from tests.api.world import World

READER = "reader-key-0123456789abcdef"
ANALYST = "analyst-key-0123456789abcdef"


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def _with(query: str, entity_id: str) -> str:
    """The query with the id written in as a literal (no variables: the plain text case)."""
    return query.replace("$C", json.dumps(entity_id))


def _shapes(world: World) -> dict[str, tuple[str, dict[str, Any], str, dict[str, Any]]]:
    """name -> (query, variables, response key, the arguments the trail must show)."""
    c, p = world.construct, world.jean
    return {
        "fragment": (
            _with("{ ...F } fragment F on Query { company(id: $C) { id name } }", c),
            {},
            "company",
            {"id": c},
        ),
        "inline fragment": (
            _with("{ ... on Query { person(id: $C) { id name } } }", p),
            {},
            "person",
            {"id": p},
        ),
        "bare inline fragment with @include": (
            '{ ... @include(if: true) { search(text: "vlaamse") { nodes { id } } } }',
            {},
            "search",
            {"text": "vlaamse"},
        ),
        "@skip(if: false) through a variable, aliased": (
            "query Q($no: Boolean!, $id: ID!) { who: company(id: $id) @skip(if: $no) { name } }",
            {"no": False, "id": c},
            "who",
            {"id": c},
        ),
        "nested fragments": (
            _with(
                "{ ...A } fragment A on Query { ...B } "
                "fragment B on Query { ... on Query { company(id: $C) { id } } }",
                c,
            ),
            {},
            "company",
            {"id": c},
        ),
    }


@pytest.mark.parametrize(
    "shape",
    [
        "fragment",
        "inline fragment",
        "bare inline fragment with @include",
        "@skip(if: false) through a variable, aliased",
        "nested fragments",
    ],
)
async def test_wrapped_root_fields_are_audited(
    api_settings: Settings, world: World, shape: str
) -> None:
    query, variables, key, args = _shapes(world)[shape]
    async with running(create_app(api_settings)) as client:
        body = await post_graphql(client, query, variables)
    assert "errors" not in body and body["data"][key] is not None
    [line] = _lines(api_settings.api_audit_log)
    assert set(line["fields"]) == {key}
    assert line["fields"][key]["args"] == args
    assert line["fields"][key]["outcome"] == "ok" and line["outcome"] == "ok"
    assert line["entity_ids"]  # the ids the caller received


@pytest.mark.parametrize(
    "shape",
    [
        "fragment",
        "inline fragment",
        "bare inline fragment with @include",
        "@skip(if: false) through a variable, aliased",
        "nested fragments",
    ],
)
async def test_wrapped_queries_get_no_data_without_a_trail(
    api_settings: Settings,
    world: World,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    shape: str,
) -> None:
    blocked = tmp_path / "audit-dir"
    blocked.mkdir()  # a directory cannot be appended to
    settings = api_settings.model_copy(update={"api_audit_log": blocked})
    query, variables, _, _ = _shapes(world)[shape]
    with caplog.at_level(logging.ERROR, logger="graphapi.audit"):
        async with running(create_app(settings)) as client:
            body = await post_graphql(client, query, variables)
    assert body["data"] is None and codes(body) == ["INTERNAL"]
    # The server log says why (the client is only told that it was logged).
    assert any(str(blocked) in r.getMessage() for r in caplog.records), caplog.text


async def test_skipped_and_excluded_fields_are_not_claimed(
    api_settings: Settings, world: World
) -> None:
    query = """query Q($yes: Boolean!, $c: ID!, $p: ID!) {
      a: company(id: $c) @include(if: $yes) { id }
      b: person(id: $p) @include(if: false) { id }
      ... on Query @skip(if: true) { c: search(text: "x") { totalCount } }
      __typename
    }"""
    async with running(create_app(api_settings)) as client:
        body = await post_graphql(
            client, query, {"yes": True, "c": world.construct, "p": world.jean}
        )
    assert set(body["data"]) == {"a", "__typename"}
    [line] = _lines(api_settings.api_audit_log)
    assert line["fields"] == {
        "a": {"field": "company", "args": {"id": world.construct}, "outcome": "ok"}
    }


async def test_batch_ids_are_in_the_trail_and_long_lists_are_summarised(
    api_settings: Settings, world: World
) -> None:
    ids = [world.construct, world.holdings, world.vlaamse]
    many = [f"GB-COH-{n:08d}" for n in range(MAX_LISTED + 1)]
    query = (
        "query B($ids: [ID!]!) { ...U } "
        "fragment U on Query { uboChecks(companyIds: $ids) { companyId } }"
    )
    async with running(create_app(api_settings)) as client:
        await post_graphql(client, query, {"ids": ids})
        await post_graphql(client, query, {"ids": many})  # refused (over 100) and audited
    batch, too_many = _lines(api_settings.api_audit_log)
    assert batch["fields"]["uboChecks"]["args"] == {"companyIds": ids}
    assert set(ids) <= set(batch["entity_ids"])
    summary = too_many["fields"]["uboChecks"]["args"]["companyIds"]
    assert summary["count"] == MAX_LISTED + 1 and summary["digest"].startswith("sha256:")
    assert too_many["fields"]["uboChecks"]["outcome"] == "INVALID_ARGUMENT"


async def test_wrapped_refusals_are_audited(api_settings: Settings, world: World) -> None:
    keys = json.dumps({READER: "reader", ANALYST: "analyst"})
    settings = api_settings.model_copy(update={"api_keys": SecretStr(keys)})
    query = _with(
        "{ ... on Query { checks: uboChecks(companyIds: [$C]) { companyId } } }", world.construct
    )
    async with running(create_app(settings)) as client:
        body = await post_graphql(client, query, headers={"X-API-Key": READER})
    assert codes(body) == ["FORBIDDEN"]
    [line] = _lines(settings.api_audit_log)
    assert line["caller"] == key_id(READER) and line["outcome"] == "refused"
    assert line["fields"]["checks"] == {
        "field": "uboChecks",
        "args": {"companyIds": [world.construct]},
        "outcome": "FORBIDDEN",
    }


async def test_mutations_through_fragments_are_audited(api_settings: Settings) -> None:
    query = 'mutation { ... on Mutation { createWatchlist(name: "wrapped") { id } } }'
    async with running(create_app(api_settings)) as client:
        body = await post_graphql(client, query)
    assert "errors" not in body, body
    [line] = _lines(api_settings.api_audit_log)
    assert line["fields"]["createWatchlist"]["args"] == {"name": "wrapped"}


@pytest.mark.parametrize("collection", ["misses a field", "fails"])
async def test_an_answer_the_audit_cannot_account_for_is_withheld(
    api_settings: Settings,
    world: World,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    collection: str,
) -> None:
    """Fail closed: should the collection ever miss a field that answered, or fail, nothing
    is sent (a defect of the audit must not open a hole in it)."""

    def missing(*_: Any) -> dict[str, dict[str, Any]]:
        if collection == "fails":
            raise RecursionError("too deep")
        return {}

    monkeypatch.setattr(extensions, "executed_root_fields", missing)
    query = _with("{ company(id: $C) { id } }", world.construct)
    with caplog.at_level(logging.ERROR, logger="graphapi.audit"):
        async with running(create_app(api_settings)) as client:
            body = await post_graphql(client, query)
    assert body["data"] is None and codes(body) == ["INTERNAL"]
    assert "withheld" in caplog.text
