"""Property: every root field that executes is audited, whatever the operation's shape.

hypothesis-graphql generates valid operations over the whole schema (graphapi/schema.graphql,
queries and mutations); each root field is then wrapped at random: aliased, put in a named
fragment, an inline fragment with or without a type condition, nested wrappers, and
`@include`/`@skip` with a literal or a variable. The test knows which fields it included, so
the expectation does not come from the code under test. For each operation:
  - with a writable audit log: exactly one new line when any root field ran, naming every
    executed root field (response key and field name) and nothing else; none when none ran;
  - with an unwritable audit log: no data at all when any root field ran.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import httpx
import hypothesis_graphql as hg
import pytest
from graphql import DocumentNode, FieldNode, NameNode, OperationDefinitionNode, print_ast
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import nodes

from graph_schema.settings import Settings
from graphapi.app import create_app
from tests.api.conftest import running
from tests.api.world import World

SDL = (Path(__file__).resolve().parents[2] / "graphapi" / "schema.graphql").read_text()
WRAPPERS = ["plain", "fragment", "inline", "bare inline", "include", "skip"]


@dataclass
class Built:
    """An operation being assembled, and what it must execute."""

    root: str  # Query or Mutation
    fragments: list[str] = field(default_factory=list)
    variables: dict[str, bool] = field(default_factory=dict)
    expected: dict[str, str] = field(default_factory=dict)  # response key -> field name

    def text(self, kind: str, selections: list[str]) -> str:
        defs = ", ".join(f"${name}: Boolean!" for name in self.variables)
        head = f"{kind} Generated({defs})" if defs else f"{kind} Generated"
        return " ".join([head, "{", *selections, "}", *self.fragments])


def _wrap(draw: Any, built: Built, text: str, depth: int = 0) -> tuple[str, bool]:
    """`text` wrapped at random; True when the wrapper lets it execute."""
    how = draw(st.sampled_from(WRAPPERS if depth < 2 else ["plain"]))
    if how == "plain":
        return text, True
    inner, runs = _wrap(draw, built, text, depth + 1)
    if how == "fragment":
        name = f"F{len(built.fragments)}"
        built.fragments.append(f"fragment {name} on {built.root} {{ {inner} }}")
        return f"...{name}", runs
    if how == "inline":
        return f"... on {built.root} {{ {inner} }}", runs
    if how == "bare inline":
        return f"... {{ {inner} }}", runs
    flag = draw(st.booleans())
    if draw(st.booleans()):
        name = f"v{len(built.variables)}"
        built.variables[name] = flag
        condition = f"${name}"
    else:
        condition = "true" if flag else "false"
    runs_here = flag if how == "include" else not flag
    directive = f"@{how}(if: {condition})"
    if draw(st.booleans()):
        return f"... {directive} {{ {inner} }}", runs and runs_here
    return f"... on {built.root} {directive} {{ {inner} }}", runs and runs_here


@st.composite
def operations(draw: Any, generated: st.SearchStrategy[Any]) -> tuple[str, dict[str, Any]]:
    document: DocumentNode = draw(generated)
    operation = document.definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    kind = operation.operation.value
    built = Built(root="Mutation" if kind == "mutation" else "Query")
    selections: list[str] = []
    keys: set[str] = set()
    for i, selection in enumerate(operation.selection_set.selections):
        assert isinstance(selection, FieldNode)
        name = selection.name.value
        key = selection.alias.value if selection.alias else name
        # Aliased at random, and always when the key is taken (one key, one set of arguments).
        if draw(st.booleans()) or key in keys:
            key = f"r{i}_{name}"
            selection = replace(selection, alias=NameNode(value=key))
        keys.add(key)
        wrapped, runs = _wrap(draw, built, print_ast(selection))
        if runs:
            built.expected[key] = name
        selections.append(wrapped)
    return built.text(kind, selections), {"vars": built.variables, "expected": built.expected}


def _ids(world: World) -> st.SearchStrategy[Any]:
    known = [world.construct, world.holdings, world.failed, world.vlaamse, world.jean]
    return st.one_of(st.sampled_from(known), st.text(max_size=12)).map(nodes.String)


DATES = st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)).map(
    lambda d: nodes.String(d.isoformat())
)
DATETIMES = st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2030, 1, 1)).map(
    lambda d: nodes.String(d.isoformat() + "Z")
)


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


@pytest.mark.filterwarnings("ignore:unclosed <socket.socket:ResourceWarning")
async def test_every_executed_root_field_is_audited(
    api_settings: Settings, world: World, tmp_path: Path
) -> None:
    loop = asyncio.get_running_loop()
    blocked = tmp_path / "blocked"
    blocked.mkdir()  # a directory cannot be appended to
    failing = api_settings.model_copy(update={"api_audit_log": blocked})
    log = api_settings.api_audit_log
    scalars = {"Date": DATES, "DateTime": DATETIMES, "ID": _ids(world)}
    generated = st.one_of(
        hg.queries(SDL, custom_scalars=scalars, print_ast=lambda d: d),
        hg.mutations(SDL, custom_scalars=scalars, print_ast=lambda d: d),
    )
    ran: list[int] = []
    async with running(create_app(api_settings)) as good, running(create_app(failing)) as bad:

        def post(client: httpx.AsyncClient, query: str, variables: dict[str, Any]) -> Any:
            future = asyncio.run_coroutine_threadsafe(
                client.post("/graphql", json={"query": query, "variables": variables}), loop
            )
            return future.result(timeout=60).json()

        @settings(
            max_examples=40,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )
        @given(case=operations(generated))
        def check(case: tuple[str, dict[str, Any]]) -> None:
            query, meta = case
            expected: dict[str, str] = meta["expected"]
            before = len(_lines(log))
            body = post(good, query, meta["vars"])
            assert "GRAPHQL_VALIDATION_FAILED" not in json.dumps(body), (query, body)
            lines = _lines(log)[before:]
            if not expected:
                assert lines == [], (query, lines)
                return
            assert len(lines) == 1, (query, lines)
            named = {key: entry["field"] for key, entry in lines[0]["fields"].items()}
            assert named == expected, (query, named)
            refused = post(bad, query, meta["vars"])
            assert refused.get("data") is None, (query, refused)
            ran.append(len(expected))

        # Hypothesis runs in a worker thread; the requests run on this test's event loop.
        await asyncio.to_thread(check)
    assert len(ran) >= 20  # the run really executed root fields
