"""Watchlists and `changes` over the real API and Neo4j.

The acceptance test loads generated world v1, watches the companies the v2 update affects plus
unaffected ones, loads v2 and asks `changes`: exactly the planted bankruptcy, the director change
and what they cause (a related insolvency, new signals, ratings), nothing for the others.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from neo4j import Driver
from pydantic import SecretStr

from graph_schema.settings import Settings
from graphapi.app import create_app
from graphapi.cli.evaluate import load_world
from graphapi.tooling.synthetic import generate
from tests.api.conftest import GraphQLCall, codes, post_graphql, running
from tests.graph.loading import GB_WORLD_LOADED_CLEANLY

WATCHLIST = "id name companies { companyId name baselineRating baselineSignals }"
CHANGES = """query($id: ID!, $since: DateTime!, $asOf: Date, $dates: ChangeDates) {
  changes(watchlistId: $id, since: $since, asOf: $asOf, dates: $dates) {
    companyId name ratingBefore ratingAfter
    changes { kind summary date firstSeen entityId entityName before after }
  }
}"""


async def _create(gql: GraphQLCall, name: str) -> str:
    body = await gql(
        f"mutation($n: String!) {{ createWatchlist(name: $n) {{ {WATCHLIST} }} }}", {"n": name}
    )
    assert "errors" not in body, body
    wl_id: str = body["data"]["createWatchlist"]["id"]
    return wl_id


async def _add(gql: GraphQLCall, wl: str, ids: list[str], as_of: str | None = None) -> Any:
    return await gql(
        f"mutation($w: ID!, $c: [ID!]!, $a: Date) {{ addToWatchlist(watchlistId: $w, "
        f"companyIds: $c, asOf: $a) {{ {WATCHLIST} }} }}",
        {"w": wl, "c": ids, "a": as_of},
    )


def _world(tmp_path: Path) -> tuple[Path, Path, dict[str, Any], dict[str, Any]]:
    v1, v2 = tmp_path / "v1", tmp_path / "v2"
    generate(300, 7, v1, version=1)
    generate(300, 7, v2, version=2)
    t1 = json.loads((v1 / "ground_truth.json").read_text())
    t2 = json.loads((v2 / "ground_truth.json").read_text())
    return v1, v2, t1, t2


async def test_changes_after_loading_version_two_are_exactly_the_planted_ones(
    gql: GraphQLCall, graph: Driver, settings: Settings, tmp_path: Path
) -> None:
    v1, v2, t1, t2 = _world(tmp_path)
    assert load_world(settings, v1) == GB_WORLD_LOADED_CLEANLY
    doomed, changing = (c["company"] for c in t2["changes"])
    # Companies whose signals the update changes (the doomed company's director's other one).
    touched = {
        key
        for kind, s in t2["signals"].items()
        for key in set(s["positives"]) ^ set(t1["signals"][kind]["positives"])
    }
    affected = {doomed, changing} | touched
    assert len(affected) == 3
    unaffected = [k for k in t1["clean"] if k not in affected][:4]
    # One with signals already at the start: they must not come back as new.
    unaffected.append(
        sorted(set(t1["signals"]["DISQUALIFIED_DIRECTOR"]["positives"]) - affected)[0]
    )
    as_of = t2["as_of"]  # assess baseline and now on one date: only the data differs

    wl = await _create(gql, "clients")
    added = await _add(gql, wl, sorted(affected) + unaffected, as_of)
    assert "errors" not in added, added
    watched = {c["companyId"]: c for c in added["data"]["addToWatchlist"]["companies"]}
    assert set(watched) == affected | set(unaffected)
    assert "DISQUALIFIED_DIRECTOR" in watched[unaffected[-1]]["baselineSignals"]

    since = dt.datetime.now(dt.UTC).isoformat()
    # What the loads brought after `since` (the planted events are dated months earlier).
    loaded = {"id": wl, "since": since, "asOf": as_of, "dates": "LOADED"}
    nothing = await gql(CHANGES, loaded)
    assert [r["changes"] for r in nothing["data"]["changes"]] == [[]] * len(watched)

    assert load_world(settings, v2) == GB_WORLD_LOADED_CLEANLY
    body = await gql(CHANGES, loaded)
    assert "errors" not in body, body
    # By registry date (the default) the same load reports nothing dated after `since`...
    by_registry = await gql(CHANGES, {"id": wl, "since": since, "asOf": as_of})
    dated = {
        (r["companyId"], c["kind"])
        for r in by_registry["data"]["changes"]
        for c in r["changes"]
        if c["kind"] in ("INSOLVENCY", "DIRECTOR_ENDED", "DIRECTOR_APPOINTED")
    }
    assert dated == set()
    # ...and reports the planted events from a date before them, with both dates.
    before = await gql(CHANGES, {"id": wl, "since": "2026-07-01T00:00:00Z", "asOf": as_of})
    (insolvency,) = [
        c
        for r in before["data"]["changes"]
        if r["companyId"] == doomed
        for c in r["changes"]
        if c["kind"] == "INSOLVENCY"
    ]
    assert insolvency["date"] == t2["changes"][0]["date"]
    assert insolvency["firstSeen"] > since
    reports = {r["companyId"]: r for r in body["data"]["changes"]}
    assert set(reports) == set(watched)
    for key in unaffected:
        assert reports[key]["changes"] == [], reports[key]
        assert reports[key]["ratingBefore"] == reports[key]["ratingAfter"]

    # The planted bankruptcy: the event with its date, the status it brought, the signal, 5.
    kinds = {c["kind"]: c for c in reports[doomed]["changes"]}
    assert kinds["INSOLVENCY"]["date"] == t2["changes"][0]["date"]
    assert "CREDITORS_VOLUNTARY_LIQUIDATION" in kinds["INSOLVENCY"]["summary"]
    assert kinds["NEW_SIGNAL"]["after"] == "COMPANY_INSOLVENT"
    assert kinds["RATING_CHANGED"]["after"] == "5" == str(reports[doomed]["ratingAfter"])
    assert kinds["RATING_CHANGED"]["before"] == str(reports[doomed]["ratingBefore"]) != "5"
    assert set(kinds) == {"INSOLVENCY", "STATUS_CHANGED", "NEW_SIGNAL", "RATING_CHANGED"}
    assert (kinds["STATUS_CHANGED"]["before"], kinds["STATUS_CHANGED"]["after"]) == (
        "active",
        "liquidation",
    )
    assert len(reports[doomed]["changes"]) == len(kinds)

    # The director change: one resignation and one appointment, on the planted date.
    moved = reports[changing]["changes"]
    leaver, newcomer = t2["changes"][1]["detail"].removesuffix(" appointed").split(" resigned; ")
    ended = [c for c in moved if c["kind"] == "DIRECTOR_ENDED"]
    appointed = [c for c in moved if c["kind"] == "DIRECTOR_APPOINTED"]
    assert [c["date"] for c in ended] == [t2["changes"][1]["date"]]
    assert [c["date"] for c in appointed] == [t2["changes"][1]["date"]]
    assert leaver.split()[-1].upper() in ended[0]["entityName"].upper()
    assert newcomer.split()[-1].upper() in appointed[0]["entityName"].upper()
    assert len(moved) == 2  # a director change alone moves no signal or rating here
    assert reports[changing]["ratingBefore"] == reports[changing]["ratingAfter"]

    # The doomed company's director runs the sibling: its other company went insolvent.
    (sibling,) = touched - {doomed, changing}
    related = [c for c in reports[sibling]["changes"] if c["kind"] == "RELATED_INSOLVENCY"]
    assert [c["entityId"] for c in related] == [doomed]
    new_signals = {c["after"] for c in reports[sibling]["changes"] if c["kind"] == "NEW_SIGNAL"}
    assert new_signals == {"DIRECTOR_PAST_BANKRUPTCIES"}
    assert [c["kind"] for c in reports[sibling]["changes"]] == [
        "NEW_SIGNAL",
        "RATING_CHANGED",
        "RELATED_INSOLVENCY",
    ]
    assert reports[sibling]["ratingAfter"] > reports[sibling]["ratingBefore"]


async def test_watchlist_lifecycle_and_errors(
    gql: GraphQLCall, graph: Driver, settings: Settings, tmp_path: Path
) -> None:
    graph.execute_query(
        "CREATE (:Company:Entity {key: 'GB-COH-00000001', name: 'ONE LTD', status: 'active'}), "
        "(:Company:Entity {key: 'GB-COH-00000002', name: 'TWO LTD', status: 'active'})",
        database_=settings.neo4j.database,
    )
    wl = await _create(gql, "  portfolio  ")
    unknown = await _add(gql, wl, ["GB-COH-00000001", "GB-COH-99999999"])
    assert codes(unknown) == ["INVALID_ARGUMENT"]
    assert "GB-COH-99999999" in unknown["errors"][0]["message"]
    listed = await gql(f"{{ watchlists {{ {WATCHLIST} }} }}")
    assert listed["data"]["watchlists"] == [
        {"id": wl, "name": "portfolio", "companies": []}
    ]  # nothing added by the failed call
    added = await _add(gql, wl, ["GB-COH-00000001", "GB-COH-00000002", "GB-COH-00000001"])
    companies = added["data"]["addToWatchlist"]["companies"]
    assert [(c["companyId"], c["name"]) for c in companies] == [
        ("GB-COH-00000001", "ONE LTD"),
        ("GB-COH-00000002", "TWO LTD"),
    ]
    # A registry number in another spelling names the same company: nothing is added twice.
    by_number = await _add(gql, wl, ["00000002", "GB-COH-2"])
    assert "errors" not in by_number, by_number
    assert by_number["data"]["addToWatchlist"]["companies"] == companies
    # Nothing is known against either company: the baseline is the lowest rating, no signal.
    assert [(c["baselineRating"], c["baselineSignals"]) for c in companies] == [(1, []), (1, [])]

    # A rename and a status change after adding: reported old -> new against the baseline.
    since = dt.datetime.now(dt.UTC).isoformat()
    graph.execute_query(
        "MATCH (c:Company {key: 'GB-COH-00000002'}) SET c.name = 'TWO NEW LTD', "
        "c.status = 'dissolved'",
        database_=settings.neo4j.database,
    )
    body = await gql(CHANGES, {"id": wl, "since": since, "asOf": None})
    reports = {r["companyId"]: r["changes"] for r in body["data"]["changes"]}
    assert reports["GB-COH-00000001"] == []
    assert {(c["kind"], c["before"], c["after"]) for c in reports["GB-COH-00000002"]} == {
        ("NAME_CHANGED", "TWO LTD", "TWO NEW LTD"),
        ("STATUS_CHANGED", "active", "dissolved"),
    }

    removed = await gql(
        "mutation($w: ID!) { removeFromWatchlist(watchlistId: $w, "
        'companyIds: ["GB-COH-00000001"]) { companies { companyId } } }',
        {"w": wl},
    )
    assert removed["data"]["removeFromWatchlist"]["companies"] == [{"companyId": "GB-COH-00000002"}]
    deleted = await gql("mutation($w: ID!) { deleteWatchlist(id: $w) }", {"w": wl})
    assert deleted["data"]["deleteWatchlist"] is True
    again = await gql("mutation($w: ID!) { deleteWatchlist(id: $w) }", {"w": wl})
    assert again["data"]["deleteWatchlist"] is False
    gone = await gql("query($w: ID!) { watchlist(id: $w) { id } }", {"w": wl})
    assert codes(gone) == ["NOT_FOUND"]
    empty = await gql('mutation { createWatchlist(name: "  ") { id } }')
    assert codes(empty) == ["INVALID_ARGUMENT"]


async def test_only_analysts_and_admins_change_watchlists(api_settings: Settings) -> None:
    reader, analyst = "reader-key-0123456789abcdef", "analyst-key-0123456789abcdef"
    keys = SecretStr(json.dumps({reader: "reader", analyst: "analyst"}))
    app = create_app(api_settings.model_copy(update={"api_keys": keys}))
    create = 'mutation { createWatchlist(name: "w") { id } }'
    async with running(app) as client:
        as_reader = {"X-API-Key": reader}
        denied = await post_graphql(client, create, headers=as_reader)
        assert codes(denied) == ["FORBIDDEN"] and denied["data"] is None
        made = await post_graphql(client, create, headers={"X-API-Key": analyst})
        wl = made["data"]["createWatchlist"]["id"]
        for mutation in (
            f'mutation {{ addToWatchlist(watchlistId: "{wl}", companyIds: ["X"]) {{ id }} }}',
            f'mutation {{ removeFromWatchlist(watchlistId: "{wl}", companyIds: ["X"]) {{ id }} }}',
            f'mutation {{ deleteWatchlist(id: "{wl}") }}',
        ):
            assert codes(await post_graphql(client, mutation, headers=as_reader)) == ["FORBIDDEN"]
        read = await post_graphql(client, "{ watchlists { id name } }", headers=as_reader)
        assert read["data"] == {"watchlists": [{"id": wl, "name": "w"}]}
