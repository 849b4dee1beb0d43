"""The GraphQL peer comparison: both answers reduce to the same data when they hold the same
facts (and differ when a fact differs), the pinned packages are the ones the issue names, and
the table gives each query kind and client count its two ratios and verdicts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from graphapi.tooling.bench import peer
from graphapi.tooling.bench.peer import Level, PeerFigures, ours_nested, peer_nested
from graphapi.tooling.bench.report import peer_rows

EVENTS = [("ACCOUNTS_FILED", "2026-02-01"), ("FILING", "2025-05-22")]


def _ours(status: str = "active") -> dict[str, Any]:
    events = {"edges": [{"node": {"kind": k, "date": d}} for k, d in EVENTS]}
    mandate = {
        "role": "director",
        "start": "2000-05-19",
        "company": {"id": "GB-COH-1", "name": "POPLAR LTD", "status": status, "events": events},
    }
    person = {"id": "person-1", "name": "Lucy Taylor", "mandates": {"edges": [{"node": mandate}]}}
    corporate = {"id": "GB-COH-2", "name": "SECRETARIES LTD"}  # no mandates: not a Person
    return {"company": {"id": "GB-COH-1", "name": "POPLAR LTD", "directors": {"edges": [
        {"node": {"role": "director", "start": "2000-05-19", "end": None, "director": person}},
        {"node": {"role": "secretary", "start": "2001-01-01", "end": "2003-01-01",
                  "director": corporate}},
    ]}}}  # fmt: skip


def _peer() -> dict[str, Any]:
    events = {"edges": [{"node": {"kind": k, "date": d}} for k, d in EVENTS]}
    mandate = {
        "properties": {"role": "director", "start": "2000-05-19"},
        "node": {
            "id": "GB-COH-1",
            "name": "POPLAR LTD",
            "status": "active",
            "eventsConnection": events,
        },
    }
    person = {"id": "person-1", "name": "Lucy Taylor", "mandatesConnection": {"edges": [mandate]}}
    corporate = {"id": "GB-COH-2", "name": "SECRETARIES LTD"}
    return {"companies": [{"id": "GB-COH-1", "name": "POPLAR LTD", "directorsConnection": {
        "edges": [
            {"properties": {"role": "director", "start": "2000-05-19", "end": None},
             "node": person},
            {"properties": {"role": "secretary", "start": "2001-01-01", "end": "2003-01-01"},
             "node": corporate},
        ]}}]}  # fmt: skip


def test_the_same_facts_compare_equal_and_a_changed_fact_does_not() -> None:
    assert ours_nested(_ours()) == peer_nested(_peer())
    assert ours_nested(_ours(status="dissolved")) != peer_nested(_peer())
    assert ours_nested({"company": None}) is None and peer_nested({"companies": []}) is None


def test_the_pinned_packages_are_the_issue_s() -> None:
    wanted = json.loads((peer.PEER_DIR / "package.json").read_text())["dependencies"]
    assert wanted["@neo4j/graphql"].startswith("7.6.")
    assert wanted["@apollo/server"].startswith("5.")
    assert wanted["graphql"].startswith("16.")
    lock = json.loads((peer.PEER_DIR / "package-lock.json").read_text())
    for name, version in wanted.items():
        assert lock["packages"][f"node_modules/{name}"]["version"] == version


def test_rows_give_both_ratios_and_verdicts() -> None:
    ours = Level([0.010] * 10, requests=100, seconds=1.0)
    theirs = Level([0.005] * 10, requests=200, seconds=1.0, errors=1)
    figures = PeerFigures(1, 2, 5, {"@neo4j/graphql": "7.6.3"}, "v20.0.0")
    figures.levels = {("nested", 8): (ours, theirs), ("company", 1): (theirs, ours)}
    nested, company = peer_rows(figures)
    assert nested[0].startswith("vs GraphQL peer: nested, 8 clients (1 process each")
    assert nested[1] == "10.0/10.0 ms, 100 req/s"
    assert nested[2] == "5.0/5.0 ms, 200 req/s, 1 errors (@neo4j/graphql 7.6.3)"
    assert nested[3] == "2.00 / 0.50"
    assert nested[4] == "p50 ≤ peer: NOT met; req/s ≥ peer: NOT met"
    assert company[3] == "0.50 / 2.00" and company[4] == "p50 ≤ peer: met; req/s ≥ peer: met"


def test_without_node_the_reason_is_given(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH without node nor npm
    reason = peer.unavailable()
    assert reason is not None and "node and npm not found" in reason
