"""assess(): one bundle in, the whole due-diligence answer out."""

from datetime import date

import pytest

from graph_schema.events import EventKind
from graph_schema.signal_params import RuleSet, SignalParams, UboRules
from graphapi.analytics.assess import assess
from graphapi.analytics.inputs import DueDiligenceInput
from graphapi.analytics.model import (
    CompanyEvent,
    CompanyFacts,
    Holding,
    Mandate,
    PersonFacts,
    SourceRef,
)
from graphapi.analytics.signals.model import SignalKind
from tests.unit.analytics.worked_example import P, Q, R, worked_cycle

AS_OF = date(2025, 6, 30)
K = "person-k"


def own(owner: str, owned: str, pct: float) -> Holding:
    return Holding(
        owner=owner,
        owned=owned,
        share_exact=pct,
        ref=SourceRef(key=f"owns-{owner}-{owned}", source="bods", record_id="s1"),
    )


BUNDLE = DueDiligenceInput(
    target="T",
    companies=(
        CompanyFacts(key="T", name="Target NV", incorporated_on=date(2012, 5, 1)),
        CompanyFacts(key="A", name="A Holding"),
        CompanyFacts(key="B", name="B Holding"),
        CompanyFacts(key="X", name="Bouw X BV", incorporated_on=date(2015, 1, 1)),
    ),
    persons=(
        PersonFacts(key=P, name="Piet P"),
        PersonFacts(key=Q, name="Quinten Q"),
        PersonFacts(key=R, name="Rita R"),
        PersonFacts(key=K, name="Karel K"),
    ),
    mandates=(
        Mandate(
            person=K,
            company="T",
            start=date(2020, 1, 1),
            ref=SourceRef(key="dir-1", source="kbo", record_id="r1"),
        ),
        Mandate(
            person=K,
            company="X",
            start=date(2015, 1, 1),
            end=date(2024, 1, 1),
            ref=SourceRef(key="dir-2", source="kbo", record_id="r2"),
        ),
    ),
    holdings=tuple(worked_cycle(own)),
    events=(
        CompanyEvent(
            company="X",
            kind=EventKind.BANKRUPTCY,
            date=date(2024, 3, 1),
            ref=SourceRef(key="event-1", source="bodacc", record_id="n1"),
        ),
    ),
)


def test_assess_runs_everything_in_one_call() -> None:
    result = assess(BUNDLE, AS_OF)
    kinds = [s.kind for s in result.signals]
    assert kinds == [
        SignalKind.DIRECTOR_PAST_BANKRUPTCIES,
        SignalKind.LATE_DIRECTOR_CHANGE,
        SignalKind.CIRCULAR_OWNERSHIP,
    ]
    # two severity-3 signals of the same (history) family: no agreement bonus
    assert result.rating.score == 3 and result.rating.label == "moderate"
    assert not result.discrepancies  # no register data for T: nothing to compare
    p = result.ubo.owner(P)
    assert p is not None and p.effective.lo == pytest.approx(19.5652, abs=1e-3)
    assert result.ubo.senior_managing_officials == (K,)
    (case,) = result.histories[K].cases
    assert (case.company, case.tier, case.months_after_leaving) == ("X", "leftShortlyBefore", 2)


def test_evidence_carries_keys_names_dates_and_provenance() -> None:
    signal = assess(BUNDLE, AS_OF).signals[0]
    mandate_hop, event_hop = signal.evidence[0].hops
    assert (mandate_hop.src_name, mandate_hop.dst_name, mandate_hop.end) == (
        "Karel K",
        "Bouw X BV",
        date(2024, 1, 1),
    )
    assert (event_hop.rel_type, event_hop.dst, event_hop.ref.source) == (
        "HAS_EVENT",
        "event-1",
        "bodacc",
    )
    assert "2 months after" in signal.summary and "Karel K" in signal.summary


def test_rule_set_flows_through_params() -> None:
    uk = assess(BUNDLE, AS_OF, SignalParams(ubo=UboRules(rule_set=RuleSet.UK_PSC)))
    assert uk.ubo.rules.rule_set == RuleSet.UK_PSC
    assert {o.person: o.uk_band for o in uk.ubo.beneficial_owners} == {
        P: "25-50",
        Q: "25-50",
        R: "25-50",
    }


def test_as_of_before_the_bankruptcy_sees_nothing_yet() -> None:
    early = assess(BUNDLE, date(2024, 2, 29))
    assert SignalKind.DIRECTOR_PAST_BANKRUPTCIES not in [s.kind for s in early.signals]
    assert early.histories == {}


def test_assessment_serialises_for_the_api() -> None:
    dumped = assess(BUNDLE, AS_OF).model_dump(mode="json")
    assert dumped["rating"]["score"] == 3
    assert dumped["signals"][0]["evidence"][0]["hops"][0]["ref"] == {
        "key": "dir-2",
        "source": "kbo",
        "record_id": "r2",
        "source_file": None,
        "seen_at": None,
    }
