"""Company and person relationships: dates, roles, shares (exact and ranged), provenance."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import GraphQLCall
from tests.api.world import World

DIRECTORS = """
query($id: ID!, $asOf: Date, $hist: Boolean) {
  company(id: $id) {
    directors(asOf: $asOf, includeHistorical: $hist) {
      totalCount
      nodes { role roleLabel start end isCurrent director { id name kind }
              company { id } provenance { source recordId } }
    }
  }
}
"""


def _names(body: dict[str, Any]) -> list[tuple[str, str]]:
    nodes = body["data"]["company"]["directors"]["nodes"]
    return [(n["director"]["name"], n["role"]) for n in nodes]


async def test_directors_today_at_a_date_and_ever(gql: GraphQLCall, world: World) -> None:
    today = await gql(DIRECTORS, {"id": world.construct})
    assert _names(today) == [("Jean Dupont", "director")]
    node = today["data"]["company"]["directors"]["nodes"][0]
    assert node["start"] == "2015-03-01" and node["end"] is None and node["isCurrent"] is True
    assert node["roleLabel"] == "Director"
    assert node["company"] == {"id": world.construct}
    assert node["director"] == {"id": world.jean, "name": "Jean Dupont", "kind": "PERSON"}
    assert node["provenance"] == {"source": "test-world", "recordId": "w-1"}

    in_2018 = await gql(DIRECTORS, {"id": world.construct, "asOf": "2018-06-01"})
    assert sorted(_names(in_2018)) == [("Jean Dupont", "director"), ("Marie Dupont", "secretary")]
    before = await gql(DIRECTORS, {"id": world.construct, "asOf": "2014-12-31"})
    assert before["data"]["company"]["directors"]["totalCount"] == 0

    ever = await gql(DIRECTORS, {"id": world.construct, "hist": True})
    assert ever["data"]["company"]["directors"]["totalCount"] == 2
    # Current mandates come first, then past ones.
    assert _names(ever) == [("Jean Dupont", "director"), ("Marie Dupont", "secretary")]
    marie = ever["data"]["company"]["directors"]["nodes"][1]
    assert marie["end"] == "2020-12-31" and marie["isCurrent"] is False


async def test_person_mandates_current_and_past(gql: GraphQLCall, world: World) -> None:
    query = """query($id: ID!, $hist: Boolean!) { person(id: $id) {
      mandates(includeHistorical: $hist) { totalCount
        nodes { role start end company { id name status } } } } }"""
    body = await gql(query, {"id": world.jean, "hist": True})
    mandates = body["data"]["person"]["mandates"]
    assert mandates["totalCount"] == 3
    got = [(m["company"]["id"], m["role"], m["end"]) for m in mandates["nodes"]]
    assert got == [
        (world.vlaamse, "managing_director", None),
        (world.construct, "director", None),
        (world.failed, "director", "2019-06-30"),
    ]
    current = await gql(query, {"id": world.jean, "hist": False})
    assert current["data"]["person"]["mandates"]["totalCount"] == 2


async def test_shareholders_holdings_exact_and_ranged(gql: GraphQLCall, world: World) -> None:
    query = """query($c: ID!, $h: ID!, $p: ID!) {
      c: company(id: $c) { shareholders { totalCount nodes {
          interest share { exact min max minExclusive maxExclusive text } owner { id kind } } } }
      h: company(id: $h) {
          holdings { nodes { company { id } share { exact text } start } }
          shareholders { nodes { owner { id } share { exact min max minExclusive text } } } }
      p: person(id: $p) {
          holdings { totalCount nodes { company { id name } share { text } } } } }"""
    body = await gql(query, {"c": world.construct, "h": world.holdings, "p": world.marie})
    assert "errors" not in body, body
    c = body["data"]["c"]["shareholders"]
    assert c["totalCount"] == 1
    assert c["nodes"][0] == {
        "interest": "shareholding",
        "share": {
            "exact": 75.0,
            "min": None,
            "max": None,
            "minExclusive": False,
            "maxExclusive": False,
            "text": "75%",
        },
        "owner": {"id": world.holdings, "kind": "COMPANY"},
    }
    h = body["data"]["h"]
    assert h["holdings"]["nodes"] == [
        {
            "company": {"id": world.construct},
            "share": {"exact": 75.0, "text": "75%"},
            "start": "2015-03-01",
        }
    ]
    # Largest first: Jean's exact 60% before Marie's 25-50% range.
    assert h["shareholders"]["nodes"] == [
        {
            "owner": {"id": world.jean},
            "share": {
                "exact": 60.0,
                "min": None,
                "max": None,
                "minExclusive": False,
                "text": "60%",
            },
        },
        {
            "owner": {"id": world.marie},
            "share": {
                "exact": None,
                "min": 25.0,
                "max": 50.0,
                "minExclusive": True,
                "text": "25% < x <= 50%",
            },
        },
    ]
    p = body["data"]["p"]["holdings"]
    assert p["totalCount"] == 1
    assert p["nodes"][0]["company"] == {"id": world.holdings, "name": "DUPONT HOLDINGS LTD"}


async def test_parents_subsidiaries_and_declared_owners(gql: GraphQLCall, world: World) -> None:
    query = """query($c: ID!, $h: ID!) {
      c: company(id: $c) {
        parents { totalCount nodes { level parent { id name } child { id } } }
        subsidiaries { totalCount }
        declaredBeneficialOwners { totalCount nodes {
          owner { id name } interests share { min max minExclusive text } control
          directOrIndirect declaredBy start provenance { sourceFile seenAt } } } }
      h: company(id: $h) {
          subsidiaries { nodes { level child { id name } } } parents { totalCount } } }"""
    body = await gql(query, {"c": world.construct, "h": world.holdings})
    assert "errors" not in body, body
    c = body["data"]["c"]
    assert c["parents"] == {
        "totalCount": 1,
        "nodes": [
            {
                "level": "direct",
                "parent": {"id": world.holdings, "name": "DUPONT HOLDINGS LTD"},
                "child": {"id": world.construct},
            }
        ],
    }
    assert c["subsidiaries"] == {"totalCount": 0}
    assert c["declaredBeneficialOwners"]["totalCount"] == 1
    assert c["declaredBeneficialOwners"]["nodes"][0] == {
        "owner": {"id": world.jean, "name": "Jean Dupont"},
        "interests": ["ownership-of-shares-50-to-75-percent"],
        "share": {"min": 50.0, "max": 75.0, "minExclusive": True, "text": "50% < x <= 75%"},
        "control": False,
        "directOrIndirect": "indirect",
        "declaredBy": "psc",
        "start": "2016-04-06",
        "provenance": {"sourceFile": "world.jsonl", "seenAt": "2024-01-31"},
    }
    h = body["data"]["h"]
    assert h["subsidiaries"]["nodes"] == [
        {"level": "direct", "child": {"id": world.construct, "name": "DUPONT CONSTRUCT LTD"}}
    ]
    assert h["parents"]["totalCount"] == 0


async def test_events_newest_first_and_insolvency_filter(gql: GraphQLCall, world: World) -> None:
    query = """query($id: ID!, $ins: Boolean!) { company(id: $id) {
      events(insolvencyOnly: $ins) { totalCount nodes { kind date insolvency court
        provenance { source } } } } }"""
    body = await gql(query, {"id": world.failed, "ins": False})
    events = body["data"]["company"]["events"]
    assert events["totalCount"] == 2
    assert [(e["kind"], e["date"], e["insolvency"]) for e in events["nodes"]] == [
        ("DISSOLUTION", "2021-02-01", False),
        ("BANKRUPTCY", "2019-09-01", True),
    ]
    only = await gql(query, {"id": world.failed, "ins": True})
    nodes = only["data"]["company"]["events"]["nodes"]
    assert [(e["kind"], e["court"]) for e in nodes] == [("BANKRUPTCY", "High Court")]


async def test_address_lists_companies_and_persons_with_counts(
    gql: GraphQLCall, world: World
) -> None:
    query = """query($id: ID!) { address(id: $id) { text
      companies(first: 2) { totalCount pageInfo { hasNextPage } nodes { kind entity { id } } }
      persons { totalCount nodes { kind entity { id name } } } } }"""
    body = await gql(query, {"id": world.london})
    a = body["data"]["address"]
    assert a["companies"]["totalCount"] == 3
    assert a["companies"]["pageInfo"]["hasNextPage"] is True
    assert [n["entity"]["id"] for n in a["companies"]["nodes"]] == [world.construct, world.holdings]
    assert a["persons"] == {
        "totalCount": 1,
        "nodes": [{"kind": "service", "entity": {"id": world.jean, "name": "Jean Dupont"}}],
    }


async def test_controllers_without_shares(gql: GraphQLCall, world: World) -> None:
    query = """query($id: ID!) { company(id: $id) { controllers { totalCount nodes {
      interests start controller { id name } company { id } } } } }"""
    body = await gql(query, {"id": world.vlaamse})
    assert body["data"]["company"]["controllers"] == {
        "totalCount": 1,
        "nodes": [
            {
                "interests": ["appointmentOfBoard"],
                "start": "2001-04-01",
                "controller": {"id": world.piet, "name": "Piet Janssens"},
                "company": {"id": world.vlaamse},
            }
        ],
    }
