"""dueDiligence, uboCheck(s), Person.bankruptcyHistory, the signal scan and connections,
through real GraphQL requests on a hand-built scenario (tests/api/dd_world.py)."""

from __future__ import annotations

from typing import Any

import pytest
from neo4j import Driver

from graph_schema.settings import Settings
from tests.api.conftest import GraphQLCall, codes, data_of
from tests.api.dd_world import (
    AS_OF,
    CLEAN,
    DIRK,
    DIRK_NAMESAKE,
    HOLD,
    OLD,
    PAM,
    RITA,
    TARGET,
    dd_records,
)
from tests.api.world import write_records


@pytest.fixture
def dd(graph: Driver, settings: Settings) -> None:
    write_records(graph, settings.neo4j.database, dd_records())


DD = """query($id: ID!, $asOf: Date) {
  dueDiligence(companyId: $id, asOf: $asOf) {
    companyId asOf
    company { id name }
    rating { score label reasons }
    signals { kind severity summary entityIds
      evidence { description hops { fromId type toId start end provenance { source recordId } } } }
    bankruptcyHistories { personId count
      cases { companyId role from to insolvencyKind insolvencyDate monthsAfterLeaving
              withinWindow } }
    ubo { noUboFound owners { personId effectivePercent { exact label } control status }
          declared { entityId declaredBy } discrepancies { kind entityId detail }
          seniorManagingOfficials }
  }
}"""


async def _dd(gql: GraphQLCall, company: str) -> dict[str, Any]:
    result: dict[str, Any] = data_of(
        await gql(DD, {"id": company, "asOf": AS_OF.isoformat()}), "dueDiligence"
    )
    return result


async def test_due_diligence_flags_the_directors_past_bankruptcy_with_evidence(
    dd: None, gql: GraphQLCall
) -> None:
    result = await _dd(gql, TARGET)
    assert result["company"]["name"] == "Nova Bouw Ltd"
    kinds = {s["kind"]: s for s in result["signals"]}
    past = kinds["DIRECTOR_PAST_BANKRUPTCIES"]
    assert past["severity"] == 3 and DIRK in past["entityIds"]
    assert "Dirk Failed" in past["summary"] and "3 months after" in past["summary"]
    hops = [h for path in past["evidence"] for h in path["hops"]]
    assert any(h["type"] == "DIRECTOR_OF" and h["toId"] == OLD for h in hops)
    assert any(h["type"] == "HAS_EVENT" and h["fromId"] == OLD for h in hops)
    assert all(h["provenance"]["source"] == "dd-test" for h in hops)
    assert result["rating"]["score"] >= 3
    assert result["rating"]["reasons"]
    # The namesake's bankruptcy (other birth month) is nobody's case here.
    assert DIRK_NAMESAKE not in {h["personId"] for h in result["bankruptcyHistories"]}
    (history,) = [h for h in result["bankruptcyHistories"] if h["personId"] == DIRK]
    assert history["count"] == 1
    assert history["cases"] == [
        {
            "companyId": OLD,
            "role": "director",
            "from": "2015-01-01",
            "to": "2023-12-31",
            "insolvencyKind": "COMPULSORY_LIQUIDATION",
            "insolvencyDate": "2024-03-31",
            "monthsAfterLeaving": 3,
            "withinWindow": True,
        }
    ]


async def test_ubo_through_chains_and_declared_mismatch(dd: None, gql: GraphQLCall) -> None:
    ubo = (await _dd(gql, TARGET))["ubo"]
    owners = {o["personId"]: o for o in ubo["owners"]}
    assert owners[PAM]["effectivePercent"]["exact"] == pytest.approx(30.0)
    assert owners[RITA]["effectivePercent"]["exact"] == pytest.approx(50.0)
    assert ubo["noUboFound"] is False
    assert [d["entityId"] for d in ubo["declared"]] == [RITA]
    missing = [d for d in ubo["discrepancies"] if d["kind"] == "MISSING_DECLARED"]
    assert [d["entityId"] for d in missing] == [PAM]
    assert DIRK in ubo["seniorManagingOfficials"]


async def test_clean_company_is_rated_low(dd: None, gql: GraphQLCall) -> None:
    result = await _dd(gql, CLEAN)
    assert result["rating"]["score"] <= 2
    assert all(s["severity"] < 3 for s in result["signals"])


UBO = """query($id: ID!, $t: Float!, $asOf: Date) {
  uboCheck(companyId: $id, threshold: $t, asOf: $asOf) {
    companyId threshold owners { personId basis } noUboFound }
}"""


async def test_ubo_check_threshold_and_as_of(dd: None, gql: GraphQLCall) -> None:
    body = await gql(UBO, {"id": TARGET, "t": 40, "asOf": AS_OF.isoformat()})
    owners = {o["personId"]: o["basis"] for o in body["data"]["uboCheck"]["owners"]}
    # Pam's 30 % is under 40 %, but she controls Hold Co (60 %), which holds 50 % directly:
    # a beneficial owner through AMLR Art. 54(a).
    assert set(owners) == {RITA, PAM} and "art54a" in owners[PAM]
    body = await gql(UBO, {"id": TARGET, "t": 55, "asOf": AS_OF.isoformat()})
    assert body["data"]["uboCheck"]["owners"] == []
    assert body["data"]["uboCheck"]["noUboFound"] is True
    # Before the holdings started nobody owned anything.
    body = await gql(UBO, {"id": TARGET, "t": 25, "asOf": "2017-01-01"})
    assert body["data"]["uboCheck"]["owners"] == []


async def test_due_diligence_and_ubo_check_take_a_registry_number(
    dd: None, gql: GraphQLCall
) -> None:
    by_id = await _dd(gql, TARGET)
    for text in ("10000001", " GB-COH-10000001 ", "gb-coh-10000001"):
        assert await _dd(gql, text) == by_id, text
    body = await gql(UBO, {"id": "10000001", "t": 40, "asOf": AS_OF.isoformat()})
    assert body["data"]["uboCheck"]["companyId"] == TARGET


async def test_ubo_check_errors_are_typed(dd: None, gql: GraphQLCall) -> None:
    assert codes(await gql(UBO, {"id": "GB-COH-99999999", "t": 25})) == ["NOT_FOUND"]
    assert codes(await gql(UBO, {"id": TARGET, "t": 0})) == ["INVALID_ARGUMENT"]


async def test_ubo_checks_batch_skips_unknown_ids(dd: None, gql: GraphQLCall) -> None:
    body = await gql(
        'query($ids: [ID!]!) { uboChecks(companyIds: $ids, asOf: "2026-06-30") '
        "{ companyId owners { personId } } }",
        {"ids": [TARGET, "GB-COH-99999999", CLEAN, TARGET]},
    )
    checks = body["data"]["uboChecks"]
    assert [c["companyId"] for c in checks] == [TARGET, CLEAN]
    too_many = await gql(
        "query($ids: [ID!]!) { uboChecks(companyIds: $ids) { companyId } }",
        {"ids": [f"GB-COH-{i:08d}" for i in range(101)]},
    )
    assert codes(too_many) == ["INVALID_ARGUMENT"]


SCAN = """query($after: String) {
  signals(kinds: [DIRECTOR_PAST_BANKRUPTCIES, COMPANY_INSOLVENT], minSeverity: 3, first: 1,
          after: $after, asOf: "2026-06-30") {
    edges { cursor companyId node { kind severity } }
    pageInfo { hasNextPage endCursor } scannedCompanies totalCompanies
  }
}"""


async def test_population_scan_pages_through_every_matching_signal(
    dd: None, gql: GraphQLCall
) -> None:
    seen: list[tuple[str, str]] = []
    after = None
    for _ in range(10):
        page = (await gql(SCAN, {"after": after}))["data"]["signals"]
        seen += [(e["companyId"], e["node"]["kind"]) for e in page["edges"]]
        assert page["totalCompanies"] == 5
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert sorted(seen) == sorted(
        [
            (BROKE_KEY, "COMPANY_INSOLVENT"),
            (OLD, "COMPANY_INSOLVENT"),
            (TARGET, "DIRECTOR_PAST_BANKRUPTCIES"),
        ]
    )
    assert len(seen) == len(set(seen))  # no signal twice across pages


BROKE_KEY = "GB-COH-10000004"


async def test_connections_returns_the_ownership_path(dd: None, gql: GraphQLCall) -> None:
    body = await gql(
        "query($a: ID!, $b: ID!) { connections(fromId: $a, toId: $b, maxHops: 3) "
        "{ entityIds hops { type fromId toId } } }",
        {"a": PAM, "b": TARGET},
    )
    paths = body["data"]["connections"]
    assert {tuple(p["entityIds"]) for p in paths} == {(PAM, HOLD, TARGET)}
    assert [h["type"] for h in paths[0]["hops"]] == ["OWNS", "OWNS"]
    bad = await gql('{ connections(fromId: "a", toId: "b", maxHops: 9) { entityIds } }')
    assert codes(bad) == ["INVALID_ARGUMENT"]
    same = await gql(
        "query($a: ID!) { connections(fromId: $a, toId: $a) { entityIds } }", {"a": PAM}
    )
    assert codes(same) == ["INVALID_ARGUMENT"]


HISTORY = """query($id: ID!, $w: Int!) {
  person(id: $id) { bankruptcyHistory(windowMonths: $w, asOf: "2026-06-30") {
    count cases { companyId monthsAfterLeaving withinWindow insolvencyKind } } }
}"""


async def test_person_bankruptcy_history_window_boundary(dd: None, gql: GraphQLCall) -> None:
    wide = (await gql(HISTORY, {"id": DIRK, "w": 36}))["data"]["person"]["bankruptcyHistory"]
    assert wide["count"] == 1
    assert wide["cases"] == [
        {
            "companyId": OLD,
            "monthsAfterLeaving": 3,
            "withinWindow": True,
            "insolvencyKind": "COMPULSORY_LIQUIDATION",
        }
    ]
    # He left three months before the liquidation: a 2-month window no longer counts it.
    narrow = (await gql(HISTORY, {"id": DIRK, "w": 2}))["data"]["person"]["bankruptcyHistory"]
    assert narrow["count"] == 0 and narrow["cases"][0]["withinWindow"] is False
    namesake = (await gql(HISTORY, {"id": DIRK_NAMESAKE, "w": 36}))["data"]["person"]
    # Still director of Broke Ltd when it was liquidated: monthsAfterLeaving is null.
    assert namesake["bankruptcyHistory"]["cases"][0]["monthsAfterLeaving"] is None
    assert codes(await gql(HISTORY, {"id": DIRK, "w": -1})) == ["INVALID_ARGUMENT"]
    # The history query that carries the person must not hide what the id really is.
    unknown = await gql(HISTORY, {"id": "person-nobody", "w": 36})
    assert codes(unknown) == ["NOT_FOUND"] and unknown["data"]["person"] is None
    company = await gql(HISTORY, {"id": OLD, "w": 36})
    assert codes(company) == ["NOT_FOUND"]
    assert "is a company, not a person" in company["errors"][0]["message"]


async def test_company_group_tree_with_effective_percentages(dd: None, gql: GraphQLCall) -> None:
    body = await gql(
        "query($id: ID!) { company(id: $id) { group { ultimateParentIds "
        "subsidiaries { companyId parentId depth directPercent effectivePercent } } } }",
        {"id": HOLD},
    )
    group = body["data"]["company"]["group"]
    assert group["subsidiaries"] == [
        {
            "companyId": TARGET,
            "parentId": HOLD,
            "depth": 1,
            "directPercent": 50.0,
            "effectivePercent": 50.0,
        }
    ]
    top = await gql(
        "query($id: ID!) { company(id: $id) { group { ultimateParentIds } } }", {"id": TARGET}
    )
    assert top["data"]["company"]["group"]["ultimateParentIds"] == [HOLD]


CONNECT = """query($a: ID!, $b: ID!, $x: [ID!]) {
  connections(fromId: $a, toId: $b, maxHops: 3, exclude: $x) {
    entityIds hops { type fromId toId detail }
  }
}"""


async def test_connections_are_distinct_show_shares_and_can_exclude(
    dd: None, gql: GraphQLCall
) -> None:
    paths = data_of(await gql(CONNECT, {"a": PAM, "b": TARGET}), "connections")
    assert len(paths) == len({tuple(p["entityIds"]) for p in paths})
    (path,) = [p for p in paths if p["entityIds"] == [PAM, HOLD, TARGET]]
    assert [h["detail"] for h in path["hops"]] == ["60.00 %", "50.00 %"]
    avoided = data_of(await gql(CONNECT, {"a": PAM, "b": TARGET, "x": [HOLD]}), "connections")
    assert all(HOLD not in p["entityIds"] for p in avoided)
    refused = await gql(CONNECT, {"a": PAM, "b": TARGET, "x": [TARGET]})
    assert codes(refused) == ["INVALID_ARGUMENT"]


DIRECTORS = "query($id: ID!) { company(id: $id) { name directors(first: 500) { totalCount } } }"
DIRECTORS_N = """query($id: ID!, $n: Int) {
  company(id: $id) { name directors(first: $n) { totalCount } }
}"""
WINDOW = (
    "query($id: ID!) { person(id: $id) { name bankruptcyHistory(windowMonths: -1) { count } } }"
)


async def test_an_out_of_range_argument_is_refused_and_never_nulls_its_parent(
    dd: None, gql: GraphQLCall
) -> None:
    for query, variables in (
        (DIRECTORS, {"id": TARGET}),
        (DIRECTORS_N, {"id": TARGET, "n": 500}),
        (WINDOW, {"id": PAM}),
    ):
        body = await gql(query, variables)
        assert codes(body) == ["INVALID_ARGUMENT"], body
        assert body.get("data") is None  # refused whole, not a company nulled by its field
    ok = await gql(DIRECTORS_N, {"id": TARGET, "n": 100})
    assert data_of(ok, "company", "name") == "Nova Bouw Ltd"
