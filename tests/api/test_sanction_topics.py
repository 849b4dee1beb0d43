"""FtM topics with their meaning, through the API: a counter-sanctioned company rates by its
other facts only; a company owned 50 % or more by sanctioned parties is blocked, with the paths.

The records are FollowTheMoney entities written from OpenSanctions' documentation and shapes
(docs/topics; Lockheed Martin carries `sanction.counter` and `debarment` there; China's
Sanction entities come with program ids such as CN-UEL): no real counter-sanction sample is in
the shared datasets.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from neo4j import Driver

from graph_schema.settings import Settings
from loaders.ftm import FORMAT
from loaders.rejects import RejectSink
from loaders.write.pipeline import load_paths
from loaders.write.writer import GraphWriter
from tests.api.conftest import GraphQLCall

DD = """query($id: ID!) {
  dueDiligence(companyId: $id, asOf: "2026-06-30") {
    rating { score label reasons }
    signals { kind severity summary entityIds
      evidence { description hops { fromId type toId } } }
  }
}"""


def _entity(entity_id: str, schema: str, **props: Any) -> dict[str, Any]:
    values = {k: v if isinstance(v, list) else [v] for k, v in props.items()}
    return {"id": entity_id, "schema": schema, "properties": values}


def _load(graph: Driver, settings: Settings, path: Path, *lines: dict[str, Any]) -> None:
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    with RejectSink(None) as sink:
        report = load_paths(FORMAT, [path], GraphWriter(graph, settings.neo4j.database), sink)
    assert report.rejected == 0


async def _dd(gql: GraphQLCall, company: str) -> dict[str, Any]:
    body = await gql(DD, {"id": company})
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["dueDiligence"]
    return result


async def test_a_counter_sanctioned_company_rates_by_its_other_facts_only(
    graph: Driver, settings: Settings, tmp_path: Path, gql: GraphQLCall
) -> None:
    _load(
        graph,
        settings,
        tmp_path / "lm.ftm.jsonl",
        _entity(
            "lm",
            "Company",
            name="Lockheed Martin Corporation",
            jurisdiction="us",
            incorporationDate="1995-03-15",
            topics=["sanction.counter"],
        ),
        _entity("s1", "Sanction", entity="lm", programId="CN-UEL", authority="MOFCOM"),
        _entity(
            "gd",
            "Company",
            name="General Dynamics Corporation",
            jurisdiction="us",
            incorporationDate="1952-02-21",
            topics=["sanction.counter", "debarment"],
        ),
        _entity("ru", "Sanction", entity="gd", country="ru", programId="RU-MFA"),
    )
    lm = await _dd(gql, "XI-OPENSANCTIONS-lm")
    assert [(s["kind"], s["severity"]) for s in lm["signals"]] == [("COUNTER_SANCTIONED", 1)]
    # Known from a sanctions list only: nothing adverse, and too little known to say more.
    assert lm["rating"]["score"] == 1 and lm["rating"]["label"] == "insufficient data"
    assert [r.split(":")[0] for r in lm["rating"]["reasons"]] == ["Insufficient data to judge"]
    gd = await _dd(gql, "XI-OPENSANCTIONS-gd")
    kinds = [(s["kind"], s["severity"]) for s in gd["signals"]]
    assert kinds == [("DEBARRED", 3), ("COUNTER_SANCTIONED", 1)]
    assert gd["rating"]["score"] == 3  # the debarment alone
    assert len(gd["rating"]["reasons"]) == 1 and "DEBARRED" in gd["rating"]["reasons"][0]


async def test_owned_half_by_sanctioned_parties_is_blocked_with_the_paths(
    graph: Driver, settings: Settings, tmp_path: Path, gql: GraphQLCall
) -> None:
    _load(
        graph,
        settings,
        tmp_path / "own.ftm.jsonl",
        _entity("t", "Company", name="Target Trading LLC", incorporationDate="2010-01-01"),
        _entity("h", "Company", name="Holding Ltd", topics=["sanction"]),
        _entity("p", "Person", name="Ivan Petrov", birthDate="1965-09", topics=["sanction"]),
        _entity("q", "Person", name="Anna Smirnova", birthDate="1970-05"),
        _entity("o1", "Ownership", owner="h", asset="t", percentage="30"),
        _entity("o2", "Ownership", owner="p", asset="t", percentage="20"),
        _entity("o3", "Ownership", owner="q", asset="t", percentage="50"),
    )
    target = await _dd(gql, "XI-OPENSANCTIONS-t")
    (blocked,) = [s for s in target["signals"] if s["kind"] == "SANCTIONED_OWNERSHIP"]
    assert blocked["severity"] == 5 and target["rating"]["score"] == 5
    assert "owned 50.00 % by sanctioned Holding Ltd, Ivan Petrov" in blocked["summary"]
    rule = [e for e in blocked["evidence"] if not e["description"].startswith("records of")]
    paths = [[(h["fromId"], h["type"], h["toId"]) for h in e["hops"]] for e in rule]
    # The person named in the summary comes with her own record (birth month) too.
    records = [e["description"] for e in blocked["evidence"] if e not in rule]
    assert records == ["records of Ivan Petrov: born 1965-09; record ftm · own.ftm.jsonl · p"]
    holding = [("XI-OPENSANCTIONS-h", "OWNS", "XI-OPENSANCTIONS-t")]
    assert holding in paths and len(paths) == 2
    (person,) = [p for p in paths if p != holding]
    assert person[0][0].startswith("person-") and person[0][1:] == ("OWNS", "XI-OPENSANCTIONS-t")
    assert not any(s["kind"] == "SANCTIONED" for s in target["signals"])  # not listed itself
