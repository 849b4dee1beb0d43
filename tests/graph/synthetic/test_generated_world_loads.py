"""A generated world loads through the real Companies House, BODS and FtM loaders with no
rejection, and the planted facts arrive in Neo4j: one person per identity across sources,
insolvency events on the failed companies (from their insolvency document or, where the fetch
missed it, their filing history), and the worked cycle's exact holdings."""

from __future__ import annotations

import json
from typing import Any

import pytest
from neo4j import Driver

from graph_schema.keys import person_key
from graph_schema.settings import Settings
from graphapi.tooling.synthetic import generate
from loaders import bods, ftm
from loaders.companies_house import api_folders, disqualified
from tests.conftest import clear_graph
from tests.graph.loading import load


def _key(name: str, ym: str) -> str:
    return person_key(name, ym, source="truth", source_person_id=name)[0]


@pytest.fixture(scope="module")
def graph(driver: Driver, settings: Settings) -> Driver:
    """One load for the whole module (loading is the slow part): an empty graph first."""
    clear_graph(driver, settings.neo4j.database)
    return driver


@pytest.fixture(scope="module")
def loaded(
    graph: Driver, settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    tmp_path = tmp_path_factory.mktemp("generated")
    generate(400, 21, tmp_path)
    for fmt, path in (
        (api_folders.FORMAT, tmp_path / "companies-house"),
        (disqualified.FORMAT, tmp_path / "companies-house-disqualified"),
        (bods.FORMAT, tmp_path / "bods" / "ownership.jsonl"),
        (ftm.FORMAT, tmp_path / "ftm" / "shareholders.jsonl"),
    ):
        report = load(graph, settings, fmt, path)
        assert report.read > 0 and report.rejected == 0, fmt.name
    truth: dict[str, Any] = json.loads((tmp_path / "ground_truth.json").read_text())
    return truth


def test_every_company_arrives_once(graph: Driver, loaded: dict[str, Any]) -> None:
    keys = {r["k"] for r in graph.execute_query("MATCH (c:Company) RETURN c.key AS k").records}
    # Besides the world's companies, only the US-listed parents PSC registers name.
    registered = {k for k in keys if not k.startswith("XI-")}
    assert len(registered) == loaded["counts"]["companies"] == 400
    assert 1 <= len(keys - registered) <= 4
    for signal in loaded["signals"].values():
        assert set(signal["positives"]) <= keys


def test_failed_directors_are_one_person_with_their_insolvent_companies(
    graph: Driver, loaded: dict[str, Any]
) -> None:
    people = [p for p in loaded["persons"] if p["bankruptcies"]]
    assert people
    for person in people:
        rows = graph.execute_query(
            "MATCH (p:Person {key: $key})-[:DIRECTOR_OF]->(c:Company)-[:HAS_EVENT]->(e:Event) "
            "WHERE e.insolvency RETURN c.key AS company, toString(e.date) AS on",
            key=_key(person["ch_name"], person["birth_year_month"]),
        ).records
        # The filing history dates an insolvency by its first filing when the document is
        # missing: the company is what must match.
        found = {r["company"] for r in rows}
        expected = {c["company"] for c in person["cases"]}
        assert expected <= found, person["name"]


def test_hidden_controllers_own_and_failed_as_the_same_node(
    graph: Driver, loaded: dict[str, Any]
) -> None:
    cases = [c for c in loaded["cases"] if c["kind"] == "HIDDEN_CONTROLLER" and c["positives"]]
    assert cases
    for case in cases:
        person = case["persons"][-1]
        (target,) = case["positives"]
        rows = graph.execute_query(
            "MATCH (p:Person {key: $key})-[:DECLARED_BO_OF]->(t:Company {key: $target}) "
            "MATCH (p)-[:DIRECTOR_OF]->(:Company)-[:HAS_EVENT]->(e:Event {insolvency: true}) "
            "RETURN count(e) AS n",
            key=_key(person["ch_name"], person["birth_year_month"]),
            target=target,
        ).records
        assert rows[0]["n"] >= 1, case["description"]


def test_worked_cycle_holdings_arrive_exactly(graph: Driver, loaded: dict[str, Any]) -> None:
    (case,) = [c for c in loaded["cases"] if c.get("expected", {}).get("A")]
    expected = case["expected"]
    rows = graph.execute_query(
        "MATCH (x)-[o:OWNS]->(t:Company {key: $t}) RETURN x.key AS holder, o.share_exact AS s",
        t=expected["target"],
    ).records
    shares = sorted((r["holder"], r["s"]) for r in rows)
    r = expected["integrated_ownership_percent"]["R"]
    assert shares == sorted(
        [
            (expected["A"], 30.0),
            (expected["B"], 40.0),
            (_key(r["person"], r["birth_year_month"]), 30.0),
        ]
    )
    back = graph.execute_query(
        "MATCH (:Company {key: $t})-[o:OWNS]->(:Company {key: $b}) RETURN o.share_exact AS s",
        t=expected["target"],
        b=expected["B"],
    ).records
    assert [x["s"] for x in back] == [20.0]


def test_disqualified_director_is_linked_to_his_ban(graph: Driver, loaded: dict[str, Any]) -> None:
    banned = [p for p in loaded["persons"] if "disqualified" in p]
    assert banned
    for person in banned:
        rows = graph.execute_query(
            "MATCH (p:Person {key: $key})-[:DISQUALIFIED]->(d:Disqualification) "
            "RETURN toString(d.start) AS start",
            key=_key(person["ch_name"], person["birth_year_month"]),
        ).records
        assert [r["start"] for r in rows] == [person["disqualified"]["from"]]
