"""Company.financials and Company.ratios through real GraphQL requests on a generated sector
(tests/api/financial_world.py); medians and percentiles computed by hand from the peers'
figures here, not by the code under test."""

from __future__ import annotations

import statistics
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from neo4j import Driver

from graph_schema.settings import Settings
from tests.api.conftest import GraphQLCall, codes, data_of
from tests.api.financial_world import (
    ACME,
    BELGIAN,
    LATE,
    NICHE,
    PEERS,
    build_financial_world,
    peer_figures,
)
from tests.api.test_round_trips import _run


@pytest.fixture
def sector(graph: Driver, settings: Settings) -> None:
    build_financial_world(graph, settings.neo4j.database)


FINANCIALS = """query($id: ID!, $years: Int!) { company(id: $id) { ... on Company {
  financials(years: $years) {
    id periodStart periodEnd comparative consolidated accountsType currency sizeClass
    figures { name value sources formula }
    equity: figure(name: EQUITY) { value sources }
    purchases: figure(name: PURCHASES) { value }
    provenance { source recordId sourceFile }
  } } } }"""

RATIOS = """query($id: ID!, $asOf: Date) { company(id: $id) { ... on Company {
  ratios(asOf: $asOf) {
    companyId asOf sector sizeClass reason
    statement { id periodEnd }
    ratios { name value formula unit reason inputs { figure value sources }
      peers { group peers median percentile fallback reason }
      trend { direction changes { fromPeriod toPeriod delta pct }
              points { periodEnd statementId value peerMedian peers peerGroup } } }
    figureTrends { name direction points { periodEnd value } }
  } } } }"""


def _q(value: Decimal, places: str = "0.0001") -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


async def _ratios(gql: GraphQLCall, company: str, as_of: str) -> dict[str, Any]:
    body = await gql(RATIOS, {"id": company, "asOf": as_of})
    result: dict[str, Any] = data_of(body, "company", "ratios")
    return result


async def test_financials_give_each_years_own_figures_with_evidence(
    sector: None, gql: GraphQLCall
) -> None:
    body = await gql(FINANCIALS, {"id": ACME, "years": 5})
    assert "errors" not in body, body
    statements = body["data"]["company"]["financials"]
    assert [(s["periodEnd"], s["comparative"]) for s in statements] == [
        ("2024-12-31", False),
        ("2023-12-31", False),  # the 2023 filing, not the 2024 filing's restated comparative
        ("2022-12-31", False),
    ]
    latest, own_2023 = statements[0], statements[1]
    assert own_2023["equity"] == {"value": "500000", "sources": ["TagEquity"]}
    assert own_2023["id"] == f"{ACME}|company|2023-12-31"
    assert latest["equity"]["value"] == "-100000" and latest["purchases"] is None
    names = [f["name"] for f in latest["figures"]]
    assert "TURNOVER" in names and "PURCHASES" not in names  # absent, not 0
    assert (latest["sizeClass"], latest["currency"], latest["accountsType"]) == (
        "small",
        "GBP",
        "full",
    )
    assert latest["provenance"] == {
        "source": "test-accounts",
        "recordId": f"{ACME}-2024",
        "sourceFile": "accounts.zip",
    }
    two = await gql(FINANCIALS, {"id": ACME, "years": 2})
    assert [s["periodEnd"] for s in two["data"]["company"]["financials"]] == [
        "2024-12-31",
        "2023-12-31",
    ]


async def test_ratios_with_inputs_peers_and_trend(sector: None, gql: GraphQLCall) -> None:
    result = await _ratios(gql, ACME, "2023-12-31")
    assert (result["sector"], result["sizeClass"], result["reason"]) == ("SIC:4120", "small", None)
    assert result["statement"]["id"] == f"{ACME}|company|2023-12-31"
    by_name = {r["name"]: r for r in result["ratios"]}
    assert set(by_name) == {
        "GEARING",
        "GENERAL_SOLVENCY",
        "CURRENT_RATIO",
        "QUICK_RATIO",
        "DSO",
        "DPO",
    }

    gearing = by_name["GEARING"]
    assert gearing["value"] == "1.7000"  # (900,000 - 50,000) / 500,000
    assert gearing["formula"] == "(financial_debts - cash) / equity"
    assert [(i["figure"], i["value"]) for i in gearing["inputs"]] == [
        ("FINANCIAL_DEBTS", "900000"),
        ("CASH", "50000"),
        ("EQUITY", "500000"),
    ]
    peers_2023 = [
        _q(Decimal(f["financial_debts"] - f["cash"]) / f["equity"])
        for f in (peer_figures(i, 2023) for i in range(1, 21))
    ]
    assert gearing["peers"] == {
        "group": "SIC:4120 / small / 2023",
        "peers": 20,
        "median": str(statistics.median(peers_2023)),  # 0.62
        "percentile": "100.0",  # above every peer
        "fallback": False,
        "reason": None,
    }
    points = gearing["trend"]["points"]
    # 2022: LATE FILER LTD (same class, accounts to 2022-09-30) is a peer too.
    assert [(p["periodEnd"], p["value"], p["peers"]) for p in points] == [
        ("2022-12-31", "0.6250", 21),
        ("2023-12-31", "1.7000", 20),
    ]
    peers_2022 = [
        _q(Decimal(f["financial_debts"] - f["cash"]) / f["equity"])
        for f in [*(peer_figures(i, 2022) for i in range(1, 21)), peer_figures(3, 2022)]
    ]
    assert points[0]["peerMedian"] == str(statistics.median(peers_2022))  # 0.6000
    assert gearing["trend"]["direction"] == "up"
    assert gearing["trend"]["changes"] == [
        {"fromPeriod": "2022-12-31", "toPeriod": "2023-12-31", "delta": "1.0750", "pct": "172.00"}
    ]

    solvency = by_name["GENERAL_SOLVENCY"]
    assert solvency["value"] == "1.2941"  # 2,200,000 / 1,700,000
    peer_solvency = [
        _q(Decimal(3_000_000) / (2_000_000 - 50_000 * i)) for i in range(1, 21)
    ]  # fmt: skip
    assert solvency["peers"]["median"] == str(statistics.median(peer_solvency))
    assert solvency["peers"]["percentile"] == "0.0"

    dso = by_name["DSO"]
    assert (dso["value"], dso["unit"]) == ("63.9", "days")  # 700,000 / 4,000,000 x 365
    # No purchases nor cost of sales stated: DPO is null with its reason.
    assert by_name["DPO"]["value"] is None
    assert by_name["DPO"]["reason"] == "neither purchases nor cost of sales stated"
    assert by_name["QUICK_RATIO"]["reason"] == "not stated: inventories"

    equity = next(t for t in result["figureTrends"] if t["name"] == "equity")
    assert [(p["periodEnd"], p["value"]) for p in equity["points"]] == [
        ("2022-12-31", "800000"),
        ("2023-12-31", "500000"),
    ]
    assert equity["direction"] == "down"


async def test_a_small_class_falls_back_to_its_division(sector: None, gql: GraphQLCall) -> None:
    result = await _ratios(gql, NICHE, "2024-12-31")
    gearing = next(r for r in result["ratios"] if r["name"] == "GEARING")
    assert gearing["value"] == "0.3800"  # (500,000 - 120,000) / 1,000,000
    values = [
        _q(Decimal(f["financial_debts"] - f["cash"]) / f["equity"])
        for f in (peer_figures(i, 2024) for i in range(1, 16))
    ]
    below = sum(1 for v in values if v < Decimal("0.38"))
    assert gearing["peers"] == {
        "group": "SIC:43 / small / 2024",
        "peers": 15,
        "median": str(statistics.median(values)),
        "percentile": str(_q(Decimal(below) / 15 * 100, "0.1")),  # 26.7
        "fallback": True,
        "reason": None,
    }


async def test_no_accounts_and_bad_arguments(sector: None, gql: GraphQLCall) -> None:
    result = await _ratios(gql, ACME, "2021-06-30")
    assert result["statement"] is None and result["ratios"] == []
    assert result["reason"] == "no company accounts ending on or before 2021-06-30 in the graph"
    body = await gql(FINANCIALS, {"id": ACME, "years": 0})
    assert codes(body) == ["INVALID_ARGUMENT"]
    assert "years must be between 1 and 50" in body["errors"][0]["message"]


async def test_ratios_of_many_companies_cost_three_round_trips(
    graph: Driver, sector: None, settings: Settings
) -> None:
    fields = """financials { periodEnd }
        ratios(asOf: "2024-12-31") { ratios { name value peers { median } } }"""
    aliases = "\n".join(
        f'c{i}: company(id: "{key}") {{ id {fields} }}'
        for i, key in enumerate([ACME, NICHE, *PEERS[:10]])
    )
    data, trips = await _run(settings, "{" + aliases + "}")
    assert len(data) == 12
    assert all(c["ratios"]["ratios"] and c["financials"] for c in data.values())
    assert trips == 3  # the companies, their accounts, every peer group at once


DD = """query($id: ID!, $asOf: Date) { dueDiligence(companyId: $id, asOf: $asOf) {
  rating { score families reasons }
  signals { kind severity summary entityIds
    evidence { description hops { fromId type toId start end detail
      provenance { key source recordId sourceFile } } } } } }"""


async def _dd(gql: GraphQLCall, company: str, as_of: str) -> dict[str, Any]:
    result: dict[str, Any] = data_of(await gql(DD, {"id": company, "asOf": as_of}), "dueDiligence")
    return result


async def test_due_diligence_reports_the_financial_findings_as_a_family(
    sector: None, gql: GraphQLCall
) -> None:
    result = await _dd(gql, ACME, "2025-03-01")
    found = {s["kind"]: s for s in result["signals"]}
    assert {k: s["severity"] for k, s in found.items()} == {
        "NEGATIVE_EQUITY": 3,
        "LOW_SOLVENCY": 3,  # 1,900,000 / 2,000,000
        "CONSECUTIVE_LOSSES": 2,  # 2023 and 2024
        "TURNOVER_DROP": 2,  # 4,000,000 -> 2,500,000: -37.5 %
        "HEADCOUNT_DROP": 2,  # 35 -> 20: -42.9 %, 15 people
    }
    negative = found["NEGATIVE_EQUITY"]
    assert negative["entityIds"] == [ACME]
    [path] = negative["evidence"]
    [hop] = path["hops"]
    assert (hop["fromId"], hop["type"], hop["toId"]) == (
        ACME,
        "FILED",
        f"{ACME}|company|2024-12-31",
    )
    assert (hop["start"], hop["end"]) == ("2024-01-01", "2024-12-31")
    assert hop["detail"] == "equity = -100000 (TagEquity)"
    assert hop["provenance"] == {
        "key": f"{ACME}|company|2024-12-31",
        "source": "test-accounts",
        "recordId": f"{ACME}-2024",
        "sourceFile": "accounts.zip",
    }
    losses = found["CONSECUTIVE_LOSSES"]["evidence"][0]["hops"]
    assert [h["toId"] for h in losses] == [
        f"{ACME}|company|2023-12-31",  # the 2023 filing's own loss, not the restated one
        f"{ACME}|company|2024-12-31",
    ]
    assert result["rating"]["score"] == 3
    assert result["rating"]["families"] == ["financial"]
    assert any("NEGATIVE_EQUITY" in r for r in result["rating"]["reasons"])

    # Before the 2024 accounts: only the 2023 gearing of 1.7; one loss year is no run, and
    # turnover (-20 %) and staff (-12.5 %) fell less than the thresholds.
    earlier = await _dd(gql, ACME, "2024-06-30")
    assert [(s["kind"], s["severity"]) for s in earlier["signals"]] == [("HIGH_GEARING", 2)]


async def test_accounts_overdue_and_a_missing_deposit(sector: None, gql: GraphQLCall) -> None:
    late = await _dd(gql, LATE, "2025-03-01")
    [overdue] = [s for s in late["signals"] if s["kind"] == "ACCOUNTS_OVERDUE"]
    assert overdue["severity"] == 4  # due 2024-06-30: 244 days late
    assert overdue["summary"] == "Annual accounts are overdue (due 2024-06-30, 244 days late)."
    before_due = await _dd(gql, LATE, "2024-06-01")
    assert "ACCOUNTS_OVERDUE" not in {s["kind"] for s in before_due["signals"]}

    belgian = await _dd(gql, BELGIAN, "2024-10-01")
    [missing] = [s for s in belgian["signals"] if s["kind"] == "DEPOSIT_MISSING"]
    assert missing["severity"] == 3
    assert "year ending 2023-12-31 (due by 2024-07-31)" in missing["summary"]
    in_time = await _dd(gql, BELGIAN, "2024-07-15")
    assert "DEPOSIT_MISSING" not in {s["kind"] for s in in_time["signals"]}
