"""The ground truth is the generator's plan (recorded while planting), and how it is scored."""

import random
from datetime import date
from typing import Any

import pytest

from graphapi.tooling.evaluation.scoring import EvaluationError, score
from graphapi.tooling.synthetic.background import adult
from graphapi.tooling.synthetic.factory import Factory, add_months
from graphapi.tooling.synthetic.params import PARAMS
from graphapi.tooling.synthetic.plant_history import Planter, dpb_severity
from graphapi.tooling.synthetic.truth import build
from graphapi.tooling.synthetic.world import World

AS_OF = date(2026, 6, 30)


def planter() -> Planter:
    return Planter(Factory(random.Random(3), AS_OF), World(AS_OF))


def test_positives_carry_their_planted_severity_and_hard_negatives_their_ceiling() -> None:
    p = planter()
    boss = adult(p.f, p.ago(120))
    a = p.live(p.ago(60), [boss])
    b = p.live(p.ago(60), [boss])
    p.case("NO_UBO_FOUND", {a: 2}, "widely held")
    p.case("NO_UBO_FOUND", {a: 3}, "and unknown owners")  # the highest planted wins
    p.hard_negative("NO_UBO_FOUND", [b], "its register names its owner", max_sev=1)
    truth = build(p.w, PARAMS, seed=3, background_active=["GB-COH-X"], background_total=1)
    spec = truth["signals"]["NO_UBO_FOUND"]
    assert spec["positives"] == [a.key] and spec["severity"] == {a.key: 3}
    assert spec["hard_negatives"] == [
        {"company": b.key, "max_severity": 1, "why": "its register names its owner"}
    ]
    # Clean: b and the background company; a is planted at severity 3.
    assert truth["clean"] == sorted(["GB-COH-X", b.key])


def test_a_company_planted_both_ways_is_refused() -> None:
    p = planter()
    a = p.live(p.ago(60), [adult(p.f, p.ago(120))])
    p.case("PHOENIX_SUCCESSOR", {a: 3}, "successor")
    p.hard_negative("PHOENIX_SUCCESSOR", [a], "not a successor")
    with pytest.raises(AssertionError, match="planted both ways"):
        build(p.w, PARAMS, seed=3, background_active=[], background_total=0)


def test_insolvencies_record_the_failure_with_its_tier() -> None:
    p = planter()
    person = adult(p.f, p.ago(150))
    opened = p.ago(10)
    stayed = p.failed_company(person, opened, "compulsory-liquidation")
    left = p.failed_company(
        person, p.ago(20), "creditors-voluntary-liquidation", left=add_months(p.ago(20), -15)
    )
    tiers = {x.company.key: x.tier for x in p.failures_of(person)}
    assert tiers == {stayed.key: "inOffice", left.key: "leftLongerBefore"}
    assert dpb_severity(p.failures_of(person, besides=stayed)) == 2  # left 15 months before
    truth = build(p.w, PARAMS, seed=3, background_active=[], background_total=0)
    assert truth["signals"]["COMPANY_INSOLVENT"]["severity"] == {stayed.key: 5, left.key: 5}
    # Everyone in office is in the history: him (2 cases) and each co-director (1).
    counts = {row["birth_year_month"]: row["bankruptcies"] for row in truth["persons"]}
    assert counts[person.birth_year_month] == 2 and sorted(counts.values()) == [1, 1, 2]


def test_a_members_voluntary_liquidation_is_not_planted_as_insolvent() -> None:
    p = planter()
    ended = p.live(p.ago(60), [adult(p.f, p.ago(120))])
    p.insolve(ended, "members-voluntary-liquidation", p.ago(5))
    truth = build(p.w, PARAMS, seed=3, background_active=[], background_total=0)
    assert truth["signals"]["COMPANY_INSOLVENT"]["positives"] == []
    assert any(f.type == "LIQ01" for f in ended.filings)  # declaration of solvency


def _truth(**signal: Any) -> dict[str, Any]:
    return {"signals": {"K": signal}, "clean": ["c1", "c2"]}


def test_scoring_counts_severity_and_hard_negative_ceilings() -> None:
    truth = _truth(
        severity={"p1": 3, "p2": 4},
        hard_negatives=[{"company": "h1", "max_severity": 2, "why": ""}],
        unscored=["u1"],
    )
    flagged = {"K": {"p1": 3, "p2": 3, "h1": 2, "u1": 5, "x1": 1}}
    result = score(truth, flagged, {"c1": 1, "c2": 3})
    (k,) = result.kinds
    # h1 at its ceiling is allowed, u1 is not scored; x1 is a false positive.
    assert (k.flagged, k.true_positives, k.false_positives, k.missed) == (3, 2, ["x1"], [])
    assert k.severity_wrong == ["p2: 4 -> 3"] and k.severity_agreement == 0.5
    assert result.clean_rated_3_plus == ["c2"] and result.clean_high_share == 0.5
    over = score(truth, {"K": {"h1": 3}}, {"c1": 1})
    assert over.kinds[0].false_positives == ["h1"]


def test_an_evaluation_without_clean_companies_fails() -> None:
    truth = _truth(severity={"p1": 3}, hard_negatives=[], unscored=[])
    with pytest.raises(EvaluationError, match="no clean company"):
        score(truth, {"K": {"p1": 3}}, {"p1": 5})
