"""UBO from the registers on real samples: the Companies House PSC snapshot lines, the PSC
edge cases of the Open Ownership pipeline, and a real UK PSC chain published in BODS.

Each sample is loaded with its real loader into the test Neo4j, fetched as the API fetches it
and assessed. The PSC register is these companies' only ownership information, so no finding
may compare it with itself (UBO_DISCREPANCY), and a company whose register names an owner is
never NO_UBO_FOUND."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

import pytest
from neo4j import Driver

from graph_schema.db import open_async_driver
from graph_schema.settings import Settings
from graphapi.analytics.assess import Assessment, assess
from graphapi.graph import Graph
from graphapi.queries.neighbourhood import fetch_bundles
from loaders.bods.parse import FORMAT as BODS
from loaders.companies_house.psc_snapshot import FORMAT as CH_PSC
from tests.graph.loading import load

pytestmark = [pytest.mark.datasets, pytest.mark.neo4j]
AS_OF = date(2024, 12, 19)  # the snapshot's ContentDate


def _assess(settings: Settings, keys: list[str]) -> dict[str, Assessment]:
    async def main() -> dict[str, Assessment]:
        driver = open_async_driver(settings.neo4j)
        try:
            bundles = await fetch_bundles(Graph(driver, settings.neo4j.database, 60), keys, AS_OF)
        finally:
            await driver.close()
        return {k: assess(b, AS_OF) for k, b in bundles.items()}

    return asyncio.run(main())


def _kinds(a: Assessment) -> dict[str, int]:
    return {s.kind.value: s.severity for s in a.signals}


# company -> what its register says (psc-snapshot, ContentDate 2024-12-19)
PERSONS = {"GB-COH-08810260": "(75.00, 100.00] %", "GB-COH-03136191": "(25.00, 50.00] %"}
CORPORATE = [
    "GB-COH-06452920",  # Wpp Rocky Ltd (Companies Act 2006)
    "GB-COH-10308743",  # Stddminvest Limited ("Limited Company")
    "GB-COH-05881142",  # Hull Citycare (Intermediate 2) Ltd
    "GB-COH-07731393",  # Companion Care (Services) Limited, 25-50 %
    "GB-COH-02847483",  # St. Paul Fire & Marine Insurance Company (Minnesota, USA)
    "GB-COH-01507964",  # Draeger Finanz AG
    "GB-COH-07434180",  # Robert Hitchins Limited
    "GB-COH-04120481",  # Clientlogic Holding Limited
    "GB-COH-04609051",  # London Environmental Group Services Ltd
    "GB-COH-07102351",  # legal person: State Administration Of Foreign Exchange (China)
]


def test_psc_snapshot_owners_are_the_registers_answer(
    graph: Driver, settings: Settings, datasets_dir: Path
) -> None:
    load(graph, settings, CH_PSC, datasets_dir / "companies-house" / "psc-snapshot", batch_size=50)
    keys = [r["k"] for r in graph.execute_query("MATCH (c:Company) RETURN c.key AS k").records]
    found = _assess(settings, keys)
    assert not any("UBO_DISCREPANCY" in _kinds(a) for a in found.values())
    for key, band in PERSONS.items():
        a = found[key]
        assert "NO_UBO_FOUND" not in _kinds(a) and not a.ubo.no_ubo_found, key
        (owner,) = a.ubo.beneficial_owners
        assert owner.basis[0] == "declared" and owner.effective.label == band, key
        assert a.rating.score == 1, (key, a.rating.reasons)
    for key in CORPORATE:
        a = found[key]
        assert _kinds(a) == {}, (key, _kinds(a))
        (rle,) = a.ubo.owned_by_legal_entities
        assert rle.reason == "registrable" and rle.declared_by == "psc", key
    # Feldman is a PSC of 08209948 and its "no PSC" statement ceased in 2021: an owner.
    assert [o.basis[0] for o in found["GB-COH-08209948"].ubo.beneficial_owners] == ["declared"]
    # A super-secure PSC: a person exists, the law withholds who.
    assert _kinds(found["GB-COH-02443921"]) == {"UBO_REGISTER_STATEMENT": 1}
    # Overseas entities' beneficial owners (a Gibraltar trust company, a government).
    for key in ("GB-COH-OE029880", "GB-COH-OE031044"):
        assert "NO_UBO_FOUND" not in _kinds(found[key]), key


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        ("psc_individual.json", {}),
        ("psc_ceased_on.json", {}),
        ("psc_corporate.json", {}),
        ("psc_legal.json", {}),
        ("psc_no_country.json", {}),
        ("psc_no_match.json", {}),
        ("psc_not_found.json", {}),
        ("psc_statement.json", {"NO_UBO_FOUND": 2}),
        ("psc_statement_ceased_on.json", {}),
        ("psc_super_secure.json", {"UBO_REGISTER_STATEMENT": 1}),
        ("psc_exemptions.json", {"UBO_REGISTER_STATEMENT": 1}),
    ],
)
def test_psc_edge_cases_keep_their_meaning(
    graph: Driver, settings: Settings, datasets_dir: Path, sample: str, expected: dict[str, int]
) -> None:
    path = datasets_dir / "companies-house" / "psc-edge-cases" / sample
    load(graph, settings, CH_PSC, path, batch_size=50)
    (a,) = _assess(settings, ["GB-COH-01234567"]).values()
    assert _kinds(a) == expected
    assert a.discrepancies == ()


def test_real_uk_psc_chain_in_bods_ends_at_the_registered_parent(
    graph: Driver, settings: Settings, datasets_dir: Path
) -> None:
    """AIMIA HOLDINGS UK LIMITED and AIMIA HOLDINGS UK II LIMITED: the PSC register names
    AIMIA INC. (Canada; listed in Toronto) with 75-100 % of the shares; its own owners are
    'unknown' to the publisher."""
    path = datasets_dir / "bods" / "oo-register-uk-psc-0.2" / "aimia-group.json"
    load(graph, settings, BODS, path, batch_size=50)
    found = _assess(settings, ["GB-COH-06436883", "GB-COH-07474321"])
    for key, a in found.items():
        assert _kinds(a) == {}, (key, _kinds(a))
        assert not a.ubo.no_ubo_found and a.ubo.ownership_basis == "declared"
        (rle,) = a.ubo.owned_by_legal_entities
        assert rle.declared_by == "bods-register" and rle.effective.label == "[75.00, 100.00] %"
    parent = graph.execute_query("MATCH (c:Company {name: 'AIMIA INC.'}) RETURN c.key AS k")
    (a,) = _assess(settings, [parent.records[0]["k"]]).values()
    assert _kinds(a) == {"UBO_REGISTER_STATEMENT": 1}
