"""CIRCULAR_OWNERSHIP, UBO_DISCREPANCY, NO_UBO_FOUND, MASS_REGISTRATION_ADDRESS and the
compliance signals (SANCTIONED and its kin, PEP)."""

from datetime import date

from graph_schema.events import EventKind
from graph_schema.signal_params import SignalParams, UboRules
from graphapi.analytics.assess import assess
from graphapi.analytics.inputs import DueDiligenceInput
from graphapi.analytics.model import (
    AddressFacts,
    CompanyEvent,
    CompanyFacts,
    ControlLink,
    Declaration,
    Holding,
    Mandate,
    PersonFacts,
)
from graphapi.analytics.signals.model import Signal, SignalKind
from tests.unit.analytics.worked_example import P, Q, R, own, worked_cycle

AS_OF = date(2025, 6, 30)
PEOPLE = (
    PersonFacts(key=P, name="Piet P"),
    PersonFacts(key=Q, name="Quinten Q"),
    PersonFacts(key=R, name="Rita R"),
)


def signals(
    holdings: list[Holding] | tuple[Holding, ...] = (),
    params: SignalParams | None = None,
    target: CompanyFacts | None = None,
    extra: tuple[CompanyFacts, ...] = (),
    **kw: object,
) -> list[Signal]:
    data = DueDiligenceInput(
        target="T",
        companies=(target or CompanyFacts(key="T", name="T NV"), *extra),
        persons=PEOPLE,
        holdings=tuple(holdings),
        **kw,
    )
    return list(assess(data, AS_OF, params).signals)


def of(found: list[Signal], kind: SignalKind) -> list[Signal]:
    return [s for s in found if s.kind == kind]


CYCLE = worked_cycle()


def test_circular_ownership_intra_group_is_2() -> None:
    (s,) = of(signals(CYCLE), SignalKind.CIRCULAR_OWNERSHIP)
    assert s.severity == 2 and "8.70 %" in s.summary  # Q controls B from outside the cycle
    assert [(h.src, h.dst, h.detail) for h in s.evidence[0].hops] == [
        ("B", "T", "40.00 %"),
        ("T", "B", "20.00 %"),
    ]


def test_circular_ownership_blocking_and_with_no_ubo() -> None:
    blocked = [own("A", "T", 60), own("T", "A", 50), own(P, "T", 40), own(Q, "A", 50)]
    (s,) = of(signals(blocked), SignalKind.CIRCULAR_OWNERSHIP)
    assert s.severity == 3  # T owns 42.86 % of itself through A (>= 25 %)
    closed = [own("A", "B", 100), own("B", "A", 100), own("A", "T", 100)]
    found = signals(closed)
    assert of(found, SignalKind.CIRCULAR_OWNERSHIP)[0].severity == 4
    assert of(found, SignalKind.NO_UBO_FOUND)[0].severity == 3


def test_no_ubo_widely_held_is_2_and_data_gaps_are_silent() -> None:
    widely = [own(f"person-{i}", "T", 5) for i in range(20)]
    mandates = (Mandate(person=P, company="T", start=date(2020, 1, 1)),)
    (s,) = of(signals(widely, mandates=mandates), SignalKind.NO_UBO_FOUND)
    assert s.severity == 2 and "Piet P" in s.summary and "AMLR > 25 %" in s.summary
    assert of(signals([]), SignalKind.NO_UBO_FOUND) == []  # no ownership data at all
    foreign = [own("XI-LEI-UNKNOWN", "T", 60), own(P, "T", 20), own(Q, "T", 20)]
    assert of(signals(foreign), SignalKind.NO_UBO_FOUND)[0].severity == 3


def test_no_ubo_exceptions_for_listed_and_non_profits() -> None:
    widely = [own(f"person-{i}", "T", 5) for i in range(20)]
    listed = CompanyFacts(key="T", listed=True)
    asbl = CompanyFacts(key="T", legal_form="ASBL")
    assert of(signals(widely, target=listed), SignalKind.NO_UBO_FOUND) == []
    assert of(signals(widely, target=asbl), SignalKind.NO_UBO_FOUND) == []


def test_ubo_discrepancy_states_rule_set_and_rises_for_failed_person() -> None:
    decl = (
        Declaration(declared=Q, company="T", share_min=25, share_max=50, share_min_exclusive=True),
    )
    (s,) = of(
        signals([own(P, "T", 60), own(Q, "T", 40)], declarations=decl), SignalKind.UBO_DISCREPANCY
    )
    assert s.severity == 3 and s.params["discrepancy"] == "MISSING_DECLARED"
    assert "Piet P" in s.summary and "AMLR > 25 %" in s.summary
    bust = (CompanyEvent(company="X", kind=EventKind.BANKRUPTCY, date=date(2024, 1, 1)),)
    failed = (Mandate(person=P, company="X", start=date(2015, 1, 1)),)
    (s,) = of(
        signals(
            [own(P, "T", 60), own(Q, "T", 40)], declarations=decl, events=bust, mandates=failed
        ),
        SignalKind.UBO_DISCREPANCY,
    )
    assert s.severity == 4


def test_threshold_operator_reaches_signals() -> None:
    holdings = [own(P, "T", 25), own(Q, "T", 25), own(R, "T", 25), own("person-s", "T", 25)]
    assert of(signals(holdings), SignalKind.NO_UBO_FOUND)
    inclusive = SignalParams(ubo=UboRules(operator=">="))
    assert of(signals(holdings, inclusive), SignalKind.NO_UBO_FOUND) == []


def test_mass_registration_address_severity() -> None:
    t = CompanyFacts(key="T", address_keys=("addr",))
    hub = AddressFacts(key="addr", text="Rue X 12, Brussels", n_active=412, n_new24=260, fail24=74)
    (s,) = of(signals(target=t, addresses=(hub,)), SignalKind.MASS_REGISTRATION_ADDRESS)
    assert s.severity == 2 and "412 active companies" in s.summary  # no national rate known
    rated = SignalParams(national_fail_rate=0.021)
    (s,) = of(
        signals(target=t, addresses=(hub,), params=rated), SignalKind.MASS_REGISTRATION_ADDRESS
    )
    assert s.severity == 3 and "18%" in s.summary and "2.1%" in s.summary
    small = hub.model_copy(update={"n_active": 19})
    assert of(signals(target=t, addresses=(small,)), SignalKind.MASS_REGISTRATION_ADDRESS) == []
    white = hub.model_copy(update={"whitelisted": True})
    assert of(signals(target=t, addresses=(white,)), SignalKind.MASS_REGISTRATION_ADDRESS) == []


def test_sanctioned_by_ownership_in_aggregate_or_control_with_the_paths() -> None:
    sanctioned_people = (
        PersonFacts(key=P, name="Piet P", topics=("sanction",)),
        PersonFacts(key=Q, name="Quinten Q", topics=("sanction",)),
        PersonFacts(key=R, name="Rita R"),
    )
    holdings = (own(P, "T", 30), own(Q, "T", 30), own(R, "T", 40))
    data = DueDiligenceInput(
        target="T", companies=(CompanyFacts(key="T"),), persons=sanctioned_people, holdings=holdings
    )
    found = list(assess(data, AS_OF).signals)
    assert of(found, SignalKind.SANCTIONED) == []  # T itself is not designated
    (s,) = of(found, SignalKind.SANCTIONED_OWNERSHIP)
    assert s.severity == 5 and s.params["aggregate_percent"] == 60.0
    assert [[(h.src, h.dst, h.detail) for h in p.hops] for p in s.evidence] == [
        [(P, "T", "30.00 %")],
        [(Q, "T", "30.00 %")],
    ]
    # OFAC: 50 % or more, together, is enough
    half = data.model_copy(update={"holdings": (own(P, "T", 25), own(Q, "T", 25), own(R, "T", 50))})
    (s,) = of(list(assess(half, AS_OF).signals), SignalKind.SANCTIONED_OWNERSHIP)
    assert s.params["aggregate_percent"] == 50.0
    less = data.model_copy(update={"holdings": (own(P, "T", 25), own(Q, "T", 24), own(R, "T", 51))})
    below = list(assess(less, AS_OF).signals)
    assert of(below, SignalKind.SANCTIONED_OWNERSHIP) == []
    (linked,) = of(below, SignalKind.SANCTION_LINKED)  # sanctioned owners below the rule
    assert linked.severity == 4 and set(linked.entities) == {"T", P, Q}
    # no double counting: sanctioned P owns 100 % of sanctioned entity S, which owns 40 %
    chain = data.model_copy(
        update={
            "companies": (CompanyFacts(key="T"), CompanyFacts(key="S", topics=("sanction",))),
            "holdings": (own(P, "S", 100), own("S", "T", 40), own(R, "T", 60)),
        }
    )
    assert of(list(assess(chain, AS_OF).signals), SignalKind.SANCTIONED_OWNERSHIP) == []
    ctl = data.model_copy(
        update={
            "holdings": (own(R, "T", 100),),
            "controls": (ControlLink(controller=P, controlled="T"),),
        }
    )
    (s,) = of(list(assess(ctl, AS_OF).signals), SignalKind.SANCTIONED_OWNERSHIP)
    assert s.summary.startswith("T is controlled by sanctioned Piet P: blocked as its owners")


def test_only_a_designation_is_sanctioned_and_a_counter_sanction_is_information() -> None:
    """Lockheed Martin and Chevron carry `sanction.counter` in OpenSanctions (designated by
    China or Russia): a counter-sanctioned company rates by its other facts only."""
    counter = CompanyFacts(key="T", name="Lockheed Martin", topics=("sanction.counter",))
    found = signals(target=counter)
    assert [(s.kind, s.severity) for s in found] == [(SignalKind.COUNTER_SANCTIONED, 1)]
    data = DueDiligenceInput(target="T", companies=(counter,), persons=PEOPLE)
    plain = DueDiligenceInput(target="T", companies=(CompanyFacts(key="T"),), persons=PEOPLE)
    assert assess(data, AS_OF).rating.score == assess(plain, AS_OF).rating.score == 1
    assert assess(data, AS_OF).rating.reasons == assess(plain, AS_OF).rating.reasons
    # with another fact, the rating is that fact's
    failed = DueDiligenceInput(
        target="T",
        companies=(counter,),
        persons=PEOPLE,
        events=(CompanyEvent(company="T", kind=EventKind.BANKRUPTCY, date=date(2025, 1, 2)),),
    )
    assert assess(failed, AS_OF).rating.score == 5  # the bankruptcy, not the counter-sanction

    designated = signals(target=CompanyFacts(key="T", topics=("sanction",)))
    assert [s.kind for s in designated] == [SignalKind.SANCTIONED]
    assert (
        assess(
            DueDiligenceInput(target="T", companies=(CompanyFacts(key="T", topics=("sanction",)),)),
            AS_OF,
        ).rating.score
        == 5
    )
    linked = signals(target=CompanyFacts(key="T", topics=("sanction.linked",)))
    assert [(s.kind, s.severity) for s in linked] == [(SignalKind.SANCTION_LINKED, 4)]
    debarred = signals(target=CompanyFacts(key="T", topics=("debarment",)))
    assert [(s.kind, s.severity) for s in debarred] == [(SignalKind.DEBARRED, 3)]
    marked = signals(target=CompanyFacts(key="T", topics=("sanction.control",)))
    assert [(s.kind, s.severity) for s in marked] == [(SignalKind.SANCTIONED_OWNERSHIP, 5)]


def test_every_topic_the_rules_read_is_in_followthemoney_vocabulary() -> None:
    from followthemoney import registry

    params = SignalParams()
    used = [
        *params.sanction_topics,
        *params.sanction_ownership_topics,
        *params.sanction_linked_topics,
        *params.debarment_topics,
        *params.counter_sanction_topics,
        *params.pep_topics,
        *params.rca_topics,
    ]
    assert [t for t in used if t not in registry.topic.names] == []


def test_pep_director_or_owner() -> None:
    people = (PersonFacts(key=P, name="Piet P", topics=("role.pep",)),)
    data = DueDiligenceInput(
        target="T",
        companies=(CompanyFacts(key="T"),),
        persons=people,
        mandates=(Mandate(person=P, company="T", start=date(2020, 1, 1)),),
    )
    (s,) = of(list(assess(data, AS_OF).signals), SignalKind.PEP)
    assert s.severity == 3 and "director Piet P" in s.summary
    gone = data.model_copy(
        update={"mandates": (Mandate(person=P, company="T", end=date(2021, 1, 1)),)}
    )
    assert of(list(assess(gone, AS_OF).signals), SignalKind.PEP) == []


def test_no_ubo_with_register_statement_but_no_shareholdings_stays_at_2() -> None:
    t = CompanyFacts(
        key="T", no_beneficial_owner_reason="no-individual-or-entity-with-signficant-control"
    )
    (s,) = of(signals(target=t), SignalKind.NO_UBO_FOUND)
    assert s.severity == 2


def test_mass_registration_needs_churn_as_well_as_size() -> None:
    """§MASS_REGISTRATION_ADDRESS: size AND (new share >= 0.5 or failure rate >= 3x national);
    size alone is the hard negative of a legitimate accountant's or business centre's address."""
    t = CompanyFacts(key="T", address_keys=("addr",))
    rated = SignalParams(national_fail_rate=0.021)

    def flagged(n_active: int, n_new24: int, fail24: int) -> list[int]:
        a = AddressFacts(
            key="addr", text="10 Market Place", n_active=n_active, n_new24=n_new24, fail24=fail24
        )
        found = signals(target=t, addresses=(a,), params=rated)
        return [s.severity for s in of(found, SignalKind.MASS_REGISTRATION_ADDRESS)]

    assert flagged(24, 0, 0) == []  # accountant: 24 old, healthy clients
    assert flagged(400, 199, 0) == []  # just under half new, no failures
    assert flagged(400, 200, 0) == [2]  # half incorporated in the last 24 months
    assert flagged(26, 16, 0) == [2]
    assert flagged(100, 10, 7) == [3]  # 7 % failed: above 3 x 2.1 %
    assert flagged(100, 10, 6) == []  # 6 % failed: below 6.3 %
    # Without a national failure rate only the new-company share can qualify an address.
    plain = AddressFacts(key="addr", text="x", n_active=100, n_new24=10, fail24=90)
    assert of(signals(target=t, addresses=(plain,)), SignalKind.MASS_REGISTRATION_ADDRESS) == []


def test_no_ubo_is_silent_on_a_struck_off_company_whose_register_entries_ended() -> None:
    """A dissolved company's holdings and PSC entries all ended: nobody owns it at as-of, which
    is no finding about hidden owners."""
    gone = date(2023, 5, 1)
    t = CompanyFacts(key="T", name="T Ltd", status="dissolved", dissolved_on=gone)
    ended = (Holding(owner=P, owned="T", share_exact=100, start=date(2010, 1, 1), end=gone),)
    psc = (Declaration(declared=P, company="T", share_min=75, start=date(2016, 4, 6), end=gone),)
    assert of(signals(ended, target=t, declarations=psc), SignalKind.NO_UBO_FOUND) == []
    assert of(signals(ended, target=t, declarations=psc), SignalKind.UBO_DISCREPANCY) == []
    # The same register entry still valid and no shareholder list: the register is the
    # ownership information, and its declared owner is the beneficial owner.
    live = (Declaration(declared=Q, company="T", share_min=75, start=date(2016, 4, 6)),)
    alive = CompanyFacts(key="T", name="T Ltd")
    assert of(signals(target=alive, declarations=live), SignalKind.NO_UBO_FOUND) == []
