"""The firm's ledger over GraphQL: confidential per role (readers get FORBIDDEN and a
registers-only due diligence), audited (who read which client's exposure), planted cases
answered in one query each."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from graph_schema.settings import Settings
from graphapi.app import create_app
from graphapi.cli.evaluate import load_world
from graphapi.cli.ledger import run_import
from graphapi.http.auth import key_id
from graphapi.tooling.synthetic import generate
from tests.api.conftest import codes, post_graphql, running

READER = "reader-key-0123456789abcdef"
ANALYST = "analyst-key-0123456789abcdef"
ADMIN = "admin-key-0123456789abcdef"

LEDGER_QUERIES = {
    "clients": '{ clients(ledger: "demo", asOf: "%s", first: 2) { totalCount '
    "nodes { id exposure { open } } } }",
    "clientExposure": '{ clientExposure(clientId: "%s", asOf: "%s") { exposure { open } } }',
    "exposures": '{ exposures(ledger: "demo", asOf: "%s") { totalCount } }',
    "portfolioSummary": '{ portfolioSummary(ledger: "demo", asOf: "%s") { clients } }',
    "reviewSchedule": '{ reviewSchedule(ledger: "demo", asOf: "%s") { totalCount } }',
    "dunningList": '{ dunningList(ledger: "demo", asOf: "%s", first: 1) { totalCount } }',
}

SHARED = """query Shared($id: ID!, $asOf: Date!) {
  clientExposure(clientId: $id, asOf: $asOf) {
    exposure { open currency }
    linkedClientIds
    combined { open currency }
    links { kinds entityName summary totals { open }
            failedCompanies { companyId end insolvencyDate }
            members { clientId companyId how exposure { open } } }
  }
}"""


@pytest.fixture(scope="module")
def ledger_world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ledger-api") / "world"
    generate(300, 5, out)
    return out


@pytest.fixture
def plan(api_settings: Settings, ledger_world: Path, tmp_path: Path) -> dict[str, Any]:
    """The world and its ledger loaded (sync: the loaders run their own event loop)."""
    settings, world = api_settings, ledger_world
    assert set(load_world(settings, world).values()) == {0}
    ledger = world / "ledger"
    run_import(settings, ledger / "clients.csv", ledger / "invoices.csv", "demo", tmp_path / "r")
    found: dict[str, Any] = json.loads((world / "ground_truth.json").read_text())["ledger"]
    return found


def _keyed(api_settings: Settings) -> Settings:
    keys = json.dumps({READER: "reader", ANALYST: "analyst", ADMIN: "admin"})
    return api_settings.model_copy(update={"api_keys": SecretStr(keys)})


def _query(name: str, client: str, as_of: str) -> str:
    if name == "clientExposure":
        return LEDGER_QUERIES[name] % (client, as_of)
    return LEDGER_QUERIES[name] % as_of


async def test_ledger_is_confidential_per_role_and_every_read_is_audited(
    api_settings: Settings, plan: dict[str, Any]
) -> None:
    as_of = plan["as_of"]
    shared = plan["cases"]["shared_failed_director"]
    slow = plan["cases"]["slow_payer"]
    first = f"demo|{shared['clients'][0]['client_id']}"
    settings = _keyed(api_settings)
    dd = (
        "query DD($id: ID!, $asOf: Date) "
        "{ dueDiligence(companyId: $id, asOf: $asOf) { signals { kind } } }"
    )
    dd_vars = {"id": slow["company"], "asOf": as_of}
    async with running(create_app(settings)) as client:
        for name in LEDGER_QUERIES:
            q = _query(name, first, as_of)
            refused = await post_graphql(client, q, headers={"X-API-Key": READER})
            assert refused["data"] is None and codes(refused) == ["FORBIDDEN"], name
            for key in (ANALYST, ADMIN):
                body = await post_graphql(client, q, headers={"X-API-Key": key})
                assert "errors" not in body, (name, body)
                assert body["data"][name] is not None
        # A reader's due diligence is the registers' view: the firm's payment experience
        # (and its amounts) stays out of it.
        reader_dd = await post_graphql(client, dd, dd_vars, headers={"X-API-Key": READER})
        analyst_dd = await post_graphql(client, dd, dd_vars, headers={"X-API-Key": ANALYST})
        kinds = {s["kind"] for s in reader_dd["data"]["dueDiligence"]["signals"]}
        assert "PAYMENT_BEHAVIOUR" not in kinds
        kinds = {s["kind"] for s in analyst_dd["data"]["dueDiligence"]["signals"]}
        assert "PAYMENT_BEHAVIOUR" in kinds
        # The report endpoint: the ledger section for analysts only.
        reader_page = await client.get(
            f"/api/report/{slow['company']}?asOf={as_of}", headers={"X-API-Key": READER}
        )
        analyst_page = await client.get(
            f"/api/report/{slow['company']}?asOf={as_of}", headers={"X-API-Key": ANALYST}
        )
        assert reader_page.status_code == analyst_page.status_code == 200
        assert 'id="ledger"' not in reader_page.text
        assert 'id="ledger"' in analyst_page.text and "Days beyond terms" in analyst_page.text
        # The shared failed director: one query, with the evidence and the total.
        body = await post_graphql(
            client, SHARED, {"id": first, "asOf": as_of}, headers={"X-API-Key": ANALYST}
        )
    view = body["data"]["clientExposure"]
    others = sorted(f"demo|{c['client_id']}" for c in shared["clients"][1:])
    assert view["linkedClientIds"] == others
    assert view["combined"] == [{"open": "84000.00", "currency": "GBP"}]
    (link,) = [x for x in view["links"] if "director" in x["kinds"]]
    assert link["totals"] == [{"open": "84000.00"}]
    assert "share a director" in link["summary"] and "84,000.00 GBP" in link["summary"]
    assert {f["companyId"] for f in link["failedCompanies"]} == set(shared["failed_companies"])
    assert all(f["end"] for f in link["failedCompanies"])
    assert [m["exposure"]["open"] for m in link["members"]] == [
        f"{Decimal(c['open']):.2f}" for c in shared["clients"]
    ]

    lines = [json.loads(x) for x in settings.api_audit_log.read_text().splitlines()]
    refusals = [x for x in lines if x["caller"] == key_id(READER) and x["errors"]]
    assert {next(iter(x["fields"])) for x in refusals} == set(LEDGER_QUERIES)
    assert all(x["errors"] == ["FORBIDDEN"] and x["entity_ids"] == [] for x in refusals)
    # Who looked at which client's exposure: the client, the clients linked to it and their
    # companies are the entity ids of the line.
    last = lines[-1]
    assert last["caller"] == key_id(ANALYST) and last["operation"] == "Shared"
    assert last["fields"]["clientExposure"]["args"]["clientId"] == first
    expected = {f"demo|{c['client_id']}" for c in shared["clients"]}
    expected |= {c["company"] for c in shared["clients"]}
    assert expected <= set(last["entity_ids"])
