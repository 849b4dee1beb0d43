"""The detectors against the generator's plan on small Belgian- and French-shaped worlds: the
KBO open data (a full set and daily updates, no directors) with FtM directorships and
UBO-register extracts as BODS; the RNE company JSON with BODACC procédures collectives and
radiations. Only the kinds each jurisdiction's data supports are scored. The seed is not one
the detectors were tuned on."""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import Driver

from graph_schema.settings import Settings
from graphapi.cli.evaluate import evaluate_world, load_world
from graphapi.tooling.synthetic.regional import SCORED, generate_regional

SEED = 4242
COMPANIES = 300


@pytest.mark.slow
@pytest.mark.parametrize("country", ["be", "fr"])
def test_precision_recall_and_clean_ratings_per_jurisdiction(
    graph: Driver, settings: Settings, tmp_path: Path, country: str
) -> None:
    world = tmp_path / country
    summary = generate_regional(country, COMPANIES, SEED, world)
    rejected = load_world(settings, world, jurisdiction=country)
    assert set(rejected.values()) == {0}, rejected
    result = evaluate_world(settings, world, summary["as_of"])
    print(result.table())  # shown with -rA / on failure: the figures behind the verdict
    assert result.companies == COMPANIES
    assert {kind.kind for kind in result.kinds} == set(SCORED[country])
    for kind in result.kinds:
        assert kind.positives > 0, f"{kind.kind}: nothing planted at this size"
        assert kind.recall >= 0.90, (kind.kind, kind.missed)
        assert kind.precision >= 0.95, (kind.kind, kind.false_positives)
        assert kind.severity_agreement >= 0.90, (kind.kind, kind.severity_wrong)
    # Enough clean companies that the 1 % bound means something (at most 2 of 200).
    assert result.clean >= 200
    assert result.clean_high_share <= 0.01, result.clean_rated_3_plus
