"""`duegraph ledger score` on the generated world's ledger: the planted cases rated and
explained, a changed profile re-scoring them as it should, re-runs changing nothing."""

from __future__ import annotations

import asyncio
import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml
from neo4j import Driver
from typer.testing import CliRunner

from graph_schema.db import open_async_driver
from graph_schema.scoring_profile import DEFAULT_PROFILE
from graph_schema.settings import Settings
from graphapi.analytics.dates import add_months
from graphapi.cli.evaluate import load_world
from graphapi.cli.ledger import run_import
from graphapi.cli.ledger_score import score_command
from graphapi.graph import Graph
from graphapi.queries.scoring import StoredScore
from graphapi.services.scoring import stored_scores
from graphapi.tooling.synthetic import generate
from graphapi.tooling.synthetic.ledger import CLIENT_HEADER, INVOICE_HEADER


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("scoring") / "world"
    generate(300, 5, out)
    return out


def _cli() -> typer.Typer:
    app = typer.Typer()
    app.command()(score_command)
    return app


def _score(*args: str) -> str:
    result = CliRunner().invoke(_cli(), list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _stored(settings: Settings, keys: list[str]) -> dict[str, StoredScore]:
    async def main() -> dict[str, StoredScore]:
        driver = open_async_driver(settings.neo4j, pool_size=2)
        try:
            return await stored_scores(Graph(driver, settings.neo4j.database, 60), keys)
        finally:
            await driver.close()

    return asyncio.run(main())


def _client_props(graph: Driver) -> dict[str, dict[str, Any]]:
    records, _, _ = graph.execute_query("MATCH (c:Client) RETURN c.key AS key, properties(c) AS p")
    return {r["key"]: r["p"] for r in records}


def _profile(tmp_path: Path, name: str, **payment: Any) -> Path:
    data = yaml.safe_load(DEFAULT_PROFILE.read_text())
    data["name"] = name
    data["families"]["payment"].update(payment)
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_changing_the_profile_rescores_the_planted_cases_and_says_why(
    graph: Driver, settings: Settings, world: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert set(load_world(settings, world).values()) == {0}
    truth: dict[str, Any] = json.loads((world / "ground_truth.json").read_text())
    plan = truth["ledger"]
    ledger = world / "ledger"
    run_import(settings, ledger / "clients.csv", ledger / "invoices.csv", "demo", tmp_path / "r")
    monkeypatch.setenv("NEO4J_URI", settings.neo4j.uri)
    as_of = plan["as_of"]
    slow = plan["cases"]["slow_payer"]
    slow_key = f"demo|{slow['client_id']}"
    assert slow["company"] in truth["clean"]
    shared = [f"demo|{c['client_id']}" for c in plan["cases"]["shared_failed_director"]["clients"]]

    out = tmp_path / "scores.csv"
    line = _score("--ledger", "demo", "--as-of", as_of, "--output", str(out), "--quiet",
                  "--explain", slow["client_id"])  # fmt: skip
    assert (
        f"ledger demo: {plan['clients']} clients scored as of {as_of} under profile default" in line
    )
    with out.open(encoding="utf-8") as fh:
        rows = {r["client_id"]: r for r in csv.DictReader(fh)}
    assert len(rows) == plan["clients"]
    keys = [f"demo|{c}" for c in rows]
    first = _stored(settings, keys)
    assert len(first) == plan["clients"]

    # The clean slow payer: nothing in the registers, rated up by how it pays us, and the
    # explanation says so (the first family line after the headline is the registry's).
    s = first[slow_key]
    assert s.family_scores["registry"] == 1
    pay = s.family_scores["payment"]
    assert pay is not None and pay >= 4
    assert s.family_points["payment"] == pytest.approx(0.75 * (pay - 1))
    assert s.moved_by == "payment"
    assert s.rating >= 3
    assert s.previous_rating is None
    assert s.explanation[2].startswith(f"payment: +{0.75 * (pay - 1):.2f} points (score {pay} ")
    assert "days beyond its 30-day terms on average" in s.explanation[2]
    assert s.explanation[2] in line  # --explain printed it
    assert s.next_review_on == add_months(date.fromisoformat(as_of), s.review_months)
    # Only the slow payer pays badly enough for a payment score of 3 or more.
    assert [k for k, v in first.items() if (v.family_scores["payment"] or 0) >= 3] == [slow_key]
    # The clients of the failed director: the registers move them, not their payments.
    for key in shared:
        assert first[key].family_scores["registry"] is not None
        assert (first[key].family_scores["registry"] or 0) >= 3, first[key].explanation
        assert first[key].moved_by == "registry"
        assert first[key].rating >= 3

    # Same profile, same date: nothing changes on any client.
    before = _client_props(graph)
    _score("--ledger", "demo", "--as-of", as_of, "--quiet")
    assert _client_props(graph) == before

    # The firm decides its own payment experience does not count: only the slow payer's
    # rating falls, by the payment points it had, and the explanation says so.
    off = _profile(tmp_path, "registry-only", weight=0)
    _score("--ledger", "demo", "--as-of", as_of, "--profile", str(off), "--quiet")
    second = _stored(settings, keys)
    t = second[slow_key]
    assert t.profile == "registry-only" and t.profile_digest != s.profile_digest
    assert t.family_points["payment"] == 0 and t.family_scores["payment"] == pay
    assert t.points == pytest.approx(s.points - s.family_points["payment"])
    assert t.rating < s.rating and t.rating <= 2
    assert t.previous_rating == s.rating
    assert t.moved_by != "payment"
    assert t.explanation[2] == (
        f"payment: +0.00 points (score {pay} x weight 0): " + s.explanation[2].split("): ", 1)[1]
    )
    changed = {k for k in keys if second[k].rating != first[k].rating}
    assert changed == {slow_key}

    # Stricter on lateness: 45 days beyond terms now scores 5 and payment weighs 1.
    strict = _profile(tmp_path, "strict", weight=1.0, days_beyond_terms={2: 5, 3: 15, 4: 30, 5: 45})
    _score("--ledger", "demo", "--as-of", as_of, "--profile", str(strict), "--quiet")
    u = _stored(settings, [slow_key])[slow_key]
    assert u.family_scores["payment"] == 5
    assert u.family_points["payment"] == 4.0
    assert u.rating == 5 and u.moved_by == "payment"


def test_a_client_whose_company_is_unknown_is_not_rated_very_low(
    graph: Driver, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clients, invoices = tmp_path / "clients.csv", tmp_path / "invoices.csv"
    with clients.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(CLIENT_HEADER)
        w.writerow(["X1", "Nowhere Trading Ltd", "09999998", "GB", "Net 60", "£10,000.00",
                    "GBP", "A. Patel", "Wholesale"])  # fmt: skip
    with invoices.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(INVOICE_HEADER)
        w.writerow(["X1", "Invoice", "INV-1", "", "01/09/2026", "31/10/2026", "1,000.00", "GBP",
                    "1,000.00", "30/10/2026"])  # fmt: skip
    report = run_import(settings, clients, invoices, "other", tmp_path / "rejects.jsonl")
    assert report.resolution == {"NOT_FOUND": 1}
    monkeypatch.setenv("NEO4J_URI", settings.neo4j.uri)
    _score("--ledger", "other", "--as-of", "2026-11-30", "--quiet")
    s = _stored(settings, ["other|X1"])["other|X1"]
    assert s.rating == 3 and s.label == "moderate"
    assert s.family_scores["registry"] is None and "registry" in s.missing
    assert s.explanation[1].startswith("registry: no data (company unknown, NOT_FOUND")
    assert s.explanation[-1] == (
        "Company unknown: rating raised from 1 to 3 (moderate) until the client is identified "
        "in the registers."
    )
    # Rating 3 under the default policy: 30-day terms (the agreed 60 shortened), three
    # quarters of the limit, a review in six months.
    assert (s.terms_days, s.credit_limit, s.review_months) == (30, 7500.0, 6)
    assert s.next_review_on == date(2027, 5, 30)
    # One invoice paid on time is no payment history; no company, no accounts.
    assert s.missing == ("registry", "payment", "financial")
    assert s.family_points == {"registry": 0, "payment": 0, "financial": 0, "sector": 0.25}
