"""The Companies House code tables agree with companieshouse/api-enumerations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from loaders.companies_house import codes
from loaders.companies_house.company_types import COMPANY_TYPES
from loaders.companies_house.psc import nature_band, natures_summary


def _yaml(datasets_dir: Path, name: str) -> dict[str, Any]:
    path = datasets_dir / "companies-house" / "api-enumerations" / name
    loaded: dict[str, Any] = yaml.safe_load(path.read_text())
    return loaded


def test_every_enumeration_code_is_mapped(datasets_dir: Path) -> None:
    constants = _yaml(datasets_dir, "constants.yml")
    assert set(codes.OFFICER_ROLES) == set(constants["officer_role"])
    assert set(codes.INSOLVENCY_CASE_KINDS) == set(constants["insolvency_case_type"])
    assert codes.CASE_DATE_TYPES == set(constants["insolvency_case_date_type"])
    assert codes.COMPANY_STATUSES == set(constants["company_status"])
    assert COMPANY_TYPES == constants["company_type"]
    psc = _yaml(datasets_dir, "psc_descriptions.yml")
    assert codes.PSC_NATURES == set(psc["description"])
    assert codes.PSC_STATEMENTS == set(psc["statement_description"])
    # The descriptions name the kinds in the plural ("persons"); the kinds are singular.
    assert {k.replace("persons-", "person-") for k in psc["super_secure_description"]} == set(
        codes.PSC_SUPER_SECURE_KINDS
    )
    disq = _yaml(datasets_dir, "disqualified_officer_descriptions.yml")
    assert codes.DISQUALIFICATION_REASONS == disq["description_identifier"]
    assert codes.DISQUALIFICATION_ACTS == disq["act"]


def test_every_ownership_and_vote_nature_has_a_band() -> None:
    shares_or_votes = ("ownership-of-shares", "voting-rights")
    natures = [n for n in codes.PSC_NATURES if n.startswith(shares_or_votes)]
    assert len(natures) >= 30  # companies', LLPs' and overseas entities' bands
    assert [n for n in natures if nature_band(n) is None] == []


@pytest.mark.parametrize(
    ("natures", "shares", "votes", "control"),
    [
        (["ownership-of-shares-25-to-50-percent"], (25.0, 50.0), None, False),
        (["ownership-of-shares-50-to-75-percent"], (50.0, 75.0), None, False),
        (["ownership-of-shares-75-to-100-percent"], (75.0, 100.0), None, False),
        (["voting-rights-25-to-50-percent-as-trust"], None, (25.0, 50.0), False),
        (
            ["ownership-of-shares-more-than-25-percent-registered-overseas-entity"],
            (25.0, 100.0),
            None,
            False,
        ),
        (["right-to-appoint-and-remove-directors"], None, None, True),
        (["significant-influence-or-control-as-firm"], None, None, True),
        (
            ["right-to-share-surplus-assets-50-to-75-percent-limited-liability-partnership"],
            (50.0, 75.0),
            None,
            False,
        ),
        # held directly and as trustee: the highest band, never a sum
        (
            [
                "ownership-of-shares-25-to-50-percent",
                "ownership-of-shares-50-to-75-percent-as-trust",
            ],
            (50.0, 75.0),
            None,
            False,
        ),
    ],
)
def test_natures_of_control(
    natures: list[str],
    shares: tuple[float, float] | None,
    votes: tuple[float, float] | None,
    control: bool,
) -> None:
    assert natures_summary(natures) == (shares, votes, control)


def test_mvl_is_solvent_and_compulsory_liquidation_is_not() -> None:
    from graph_schema.events import is_insolvency

    assert not is_insolvency(codes.INSOLVENCY_CASE_KINDS["members-voluntary-liquidation"])
    assert is_insolvency(codes.INSOLVENCY_CASE_KINDS["compulsory-liquidation"])
    assert is_insolvency(codes.INSOLVENCY_CASE_KINDS["creditors-voluntary-liquidation"])
    assert not is_insolvency(codes.INSOLVENCY_CASE_KINDS["corporate-voluntary-arrangement"])
