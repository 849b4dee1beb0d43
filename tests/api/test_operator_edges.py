"""What an operator meets at the edges: access logs without query strings, configuration
errors in one line, and every 4xx a JSON body with `extensions.code`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from graph_schema.settings import Settings
from graphapi.app import create_app
from graphapi.cli import app as cli_app
from graphapi.tooling.local_server import free_port
from tests.api.conftest import running

KEY = "reader-key-0123456789abcdef"


def test_query_strings_never_reach_the_access_log(tmp_path: Path) -> None:
    """A real `duegraph serve` (uvicorn, its access log on): a key sent in the URL is refused
    and the log shows the path only. Neo4j is not needed for this (the server starts without
    it)."""
    port = free_port()
    env = {
        **os.environ,
        "DUEGRAPH_PORT": str(port),
        "DUEGRAPH_API_KEYS": json.dumps({KEY: "reader"}),
        "DUEGRAPH_API_AUDIT_LOG": str(tmp_path / "audit.jsonl"),
        "NEO4J_URI": f"bolt://127.0.0.1:{free_port()}",
    }
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "duegraph"), "serve"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while True:
                try:
                    httpx.get(f"{base}/healthz", timeout=1)
                    break
                except httpx.TransportError:
                    assert time.monotonic() < deadline, log.read_text()
                    time.sleep(0.2)
            secret = f"{base}/graphql?api_key={KEY}&query=%7B__typename%7D"
            refused = httpx.post(secret, json={"query": "{ __typename }"})
            assert refused.status_code == 401
            httpx.get(f"{base}/readyz?token={KEY}")
        finally:
            server.terminate()
            server.wait(timeout=30)
    text = log.read_text()
    assert '"POST /graphql?[scrubbed] HTTP/1.1" 401' in text, text
    assert "/readyz?[scrubbed]" in text
    assert KEY not in text and "__typename" not in text


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DUEGRAPH_API_KEYS", "{not json"),
        ("DUEGRAPH_API_KEYS", "short:reader"),
        ("DUEGRAPH_API_KEYS", "a-long-enough-key-0123456789:owner"),
        ("DUEGRAPH_API_QUERY_TIMEOUT_S", "soon"),
    ],
)
def test_configuration_errors_at_start_are_one_line(
    variable: str, value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(variable, value)
    result = CliRunner().invoke(cli_app, ["serve"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and variable in lines[0], result.output
    assert "Traceback" not in result.output and value not in result.output  # never the value


def test_an_audit_log_that_cannot_be_created_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("DUEGRAPH_API_AUDIT_LOG", str(blocker / "audit.jsonl"))
    result = CliRunner().invoke(cli_app, ["serve"])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "DUEGRAPH_API_AUDIT_LOG" in result.output


async def test_every_4xx_is_json_with_a_code(api_settings: Settings) -> None:
    async with running(create_app(api_settings)) as client:
        answers = {
            "form-encoded POST": await client.post("/graphql", data={"query": "{ __typename }"}),
            "text/plain POST": await client.post(
                "/graphql", content=b"{ __typename }", headers={"content-type": "text/plain"}
            ),
            "multipart POST": await client.post("/graphql", files={"a": ("a.txt", b"x")}),
            "GET query": await client.get(
                "/graphql", params={"query": "{ __typename }"}, headers={"accept": "*/*"}
            ),
            "no query": await client.post("/graphql", json={}),
            "query not a string": await client.post("/graphql", json={"query": 1}),
            "variables not an object": await client.post(
                "/graphql", json={"query": "{ __typename }", "variables": "x"}
            ),
            "not JSON": await client.post(
                "/graphql", content=b"{", headers={"content-type": "application/json"}
            ),
            "wrong method": await client.put("/graphql", json={"query": "{ __typename }"}),
            "unknown path": await client.get("/nothing-here"),
            "GET on a POST endpoint": await client.get("/api/screen"),
        }
    for name, response in answers.items():
        assert 400 <= response.status_code < 500, (name, response.status_code)
        assert response.headers["content-type"] == "application/json", name
        [error] = response.json()["errors"]
        assert error["message"] and error["extensions"]["code"].isupper(), (name, error)
    assert answers["wrong method"].json()["errors"][0]["extensions"]["code"] == (
        "METHOD_NOT_ALLOWED"
    )
    assert "allow" in answers["wrong method"].headers
    assert "application/json" in answers["form-encoded POST"].json()["errors"][0]["message"]
