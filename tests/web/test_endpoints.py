"""The workspace's HTTP surface without a browser: pages and their security headers, the
GraphiQL redirect, the report and screening endpoints' key checks, limits, errors and audit."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from neo4j import Driver
from pydantic import SecretStr

from graph_schema.settings import Settings
from graphapi.app import create_app
from graphapi.web.screening import MAX_UPLOAD_BYTES
from loaders.rejects import Location
from loaders.write.writer import GraphWriter
from tests.api.conftest import running
from tests.api.dd_world import TARGET, dd_records

pytestmark = pytest.mark.neo4j

ANALYST = "analyst-key-for-endpoint-tests-1"
READER = "reader-key-for-endpoint-tests-01"


@pytest.fixture
def web_settings(graph: Driver, settings: Settings, tmp_path: Path) -> Settings:
    with GraphWriter(graph, settings.neo4j.database) as writer:
        writer.add(dd_records(), Location("dd", line=1))
    return settings.model_copy(
        update={
            "api_audit_log": tmp_path / "audit.jsonl",
            "api_keys": SecretStr(f"{ANALYST}:analyst,{READER}:reader"),
        }
    )


@pytest.fixture
async def client(web_settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with running(create_app(web_settings)) as c:
        yield c


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


async def test_pages_are_served_with_a_strict_policy(client: httpx.AsyncClient) -> None:
    page = await client.get("/")
    assert page.status_code == 200 and '<script type="module" src="/static/js/app.js">' in page.text
    csp = page.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "connect-src 'self'" in csp
    assert "script-src 'self'" in csp and "unsafe-eval" not in csp
    assert (
        (await client.get("/static/js/app.js"))
        .headers["content-type"]
        .startswith("text/javascript")
    )
    vendored = await client.get("/static/vendor/vendor.json")
    assert {"cytoscape", "graphiql", "react", "react-dom"} <= set(vendored.json())
    # A browser opening /graphql gets the self-hosted GraphiQL, never strawberry's CDN page.
    redirect = await client.get("/graphql", headers={"Accept": "text/html"})
    assert redirect.status_code == 307 and redirect.headers["location"] == "/graphiql"
    graphiql = await client.get("/graphiql")
    assert "/static/vendor/graphiql-3.8.3/graphiql.min.js" in graphiql.text
    assert "http://" not in graphiql.text and "https://" not in graphiql.text
    # The session probe holds no data: whether a key is needed, and the key's role.
    assert (await client.get("/api/session")).json() == {
        "keysRequired": True, "role": None,
        "error": "an API key is required: send 'Authorization: Bearer <key>' or 'X-API-Key'",
    }  # fmt: skip
    assert (await client.get("/api/session", headers=bearer(READER))).json()["role"] == "reader"


async def test_report_endpoint(client: httpx.AsyncClient, web_settings: Settings) -> None:
    assert (await client.get(f"/api/report/{TARGET}")).status_code == 401
    response = await client.get(f"/api/report/{TARGET}?asOf=2026-06-30", headers=bearer(READER))
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    assert response.headers["content-security-policy"].startswith("default-src 'none'")
    assert '<h1 id="company-name">Nova Bouw Ltd</h1>' in response.text
    missing = await client.get("/api/report/GB-COH-12121212", headers=bearer(READER))
    assert missing.status_code == 404 and missing.json()["errors"][0]["extensions"]["code"] == (
        "NOT_FOUND"
    )
    bad = await client.get(f"/api/report/{TARGET}?asOf=soon", headers=bearer(READER))
    assert bad.status_code == 400
    audit = [json.loads(line) for line in web_settings.api_audit_log.read_text().splitlines()]
    report = [a for a in audit if a["operation"] == "report"]
    assert len(report) == 1 and TARGET in report[0]["entity_ids"]
    assert report[0]["caller"].startswith("key-") and READER not in json.dumps(audit)
    # A registry number as people type it finds the same company, saved under its id.
    by_number = await client.get("/api/report/10000001?asOf=2026-06-30", headers=bearer(READER))
    assert by_number.status_code == 200
    assert '<h1 id="company-name">Nova Bouw Ltd</h1>' in by_number.text
    assert f"due-diligence-{TARGET}-2026-06-30.html" in by_number.headers["content-disposition"]


async def test_screen_endpoint(client: httpx.AsyncClient, web_settings: Settings) -> None:
    body = f"identifier\n{TARGET}\n99999998\nnot a number\n".encode()
    assert (await client.post("/api/screen", content=body)).status_code == 401
    assert (
        await client.post("/api/screen", content=body, headers=bearer(READER))
    ).status_code == 403
    response = await client.post(
        "/api/screen?asOf=2026-06-30", content=body, headers=bearer(ANALYST)
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    events = [json.loads(line) for line in response.text.splitlines()]
    assert events[0] == {"type": "accepted", "rows": 3}
    assert events[-1]["type"] == "done"
    assert events[-1]["summary"]["byStatus"] == {
        "OK": 1, "NOT_FOUND": 1, "MALFORMED_IDENTIFIER": 1,
    }  # fmt: skip
    assert any(e["type"] == "progress" for e in events)
    rows = [r for e in events if e["type"] == "rows" for r in e["rows"]]
    assert [r["row"] for r in rows] == [2, 3, 4]
    ok = rows[0]
    assert ok["company_id"] == TARGET and ok["rating"] >= 3 and ok["signals"]
    assert {o["name"] for o in ok["owners"]} == {"Rita Direct", "Pam Owner"}
    assert ok["discrepancies"] and "no_ubo_found" in ok
    assert "no company with identifier" in rows[1]["reason"]
    audit = web_settings.api_audit_log.read_text()
    assert '"operation": "screen"' in audit and TARGET in audit

    # A Belgian Excel "CSV": semicolons, Windows-1252, a Dutch header; the columns come back.
    excel = f"Klantnummer;Nummer;Naam\r\nK-é1;{TARGET};Nova Bouw\r\n".encode("cp1252")
    saved = await client.post("/api/screen?asOf=2026-06-30", content=excel, headers=bearer(ANALYST))
    events = [json.loads(line) for line in saved.text.splitlines()]
    (row,) = [r for e in events if e["type"] == "rows" for r in e["rows"]]
    assert (row["status"], row["company_id"]) == ("OK", TARGET)
    assert row["input"] == {"Klantnummer": "K-é1", "Nummer": TARGET, "Naam": "Nova Bouw"}


async def test_screen_refuses_bad_files(client: httpx.AsyncClient) -> None:
    headers = bearer(ANALYST)
    too_big = b"identifier\n" + b"1\n" * (MAX_UPLOAD_BYTES // 2 + 1)
    response = await client.post("/api/screen", content=too_big, headers=headers)
    assert response.status_code == 413
    unknown = await client.post("/api/screen", content=b"Klant;Adres\r\nx;y\r\n", headers=headers)
    message = unknown.json()["errors"][0]["message"]
    assert unknown.status_code == 400 and "no column name is understood" in message
    assert message.startswith("the file, line 1: no column name is understood")
    assert "expected any of: number (" in message
    empty = await client.post("/api/screen", content=b"identifier\n\n", headers=headers)
    assert empty.status_code == 400 and "no client rows" in empty.json()["errors"][0]["message"]
