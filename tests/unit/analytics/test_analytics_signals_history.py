"""COMPANY_INSOLVENT, DIRECTOR_PAST_BANKRUPTCIES, DISQUALIFIED_DIRECTOR, HIDDEN_CONTROLLER and
LATE_DIRECTOR_CHANGE on small hand-made neighbourhoods."""

from datetime import date

from graph_schema.events import EventKind
from graph_schema.signal_params import SignalParams
from graphapi.analytics.assess import assess
from graphapi.analytics.inputs import DueDiligenceInput
from graphapi.analytics.model import (
    CompanyEvent,
    CompanyFacts,
    Declaration,
    Disqualification,
    Holding,
    Mandate,
    PersonFacts,
    Relation,
)
from graphapi.analytics.signals.model import Signal, SignalKind

AS_OF = date(2025, 6, 30)
D, E, K = "person-d", "person-e", "person-k"
PEOPLE = (
    PersonFacts(key=D, name="Jan Peeters"),
    PersonFacts(key=E, name="Eva Peeters"),
    PersonFacts(key=K, name="Karel Maes"),
)


def company(key: str, inc: date = date(2010, 1, 1), **kw: object) -> CompanyFacts:
    return CompanyFacts(key=key, name=f"{key} BV", incorporated_on=inc, **kw)


def m(
    person: str, comp: str, start: date | None, end: date | None = None, role: str = "director"
) -> Mandate:
    return Mandate(person=person, company=comp, role=role, start=start, end=end)


def bust(comp: str, on: date, kind: EventKind = EventKind.BANKRUPTCY) -> CompanyEvent:
    return CompanyEvent(
        company=comp, kind=kind, date=on, court="Ondernemingsrechtbank Gent", reference="2025/123"
    )


def run(mandates: list[Mandate], events: list[CompanyEvent], **kw: object) -> list[Signal]:
    comps = {mm.company for mm in mandates} | {e.company for e in events} | {"T"}
    data = DueDiligenceInput(
        target="T",
        companies=tuple(company(c) for c in sorted(comps)),
        persons=PEOPLE,
        mandates=tuple(mandates),
        events=tuple(events),
        **kw,
    )
    return list(assess(data, AS_OF).signals)


def of(signals: list[Signal], kind: SignalKind) -> list[Signal]:
    return [s for s in signals if s.kind == kind]


def test_company_insolvent_and_rescued_or_solvent_endings() -> None:
    (s,) = of(run([], [bust("T", date(2025, 3, 14))]), SignalKind.COMPANY_INSOLVENT)
    assert s.severity == 5 and "2025-03-14" in s.summary and "Gent" in s.summary
    assert s.evidence[0].hops[0].rel_type == "HAS_EVENT"
    assert not of(
        run([], [bust("T", date(2025, 3, 14), EventKind.VOLUNTARY_DISSOLUTION)]),
        SignalKind.COMPANY_INSOLVENT,
    )
    assert not of(run([], [bust("T", date(2025, 7, 1))]), SignalKind.COMPANY_INSOLVENT)
    rescued = CompanyEvent(
        company="T",
        kind=EventKind.ADMINISTRATION,
        date=date(2024, 1, 1),
        end_date=date(2024, 12, 1),
        rescued=True,
    )
    assert not of(run([], [rescued]), SignalKind.COMPANY_INSOLVENT)


def _past(cases: list[tuple[str, date | None, date]]) -> list[Signal]:
    mandates = [m(D, "T", date(2024, 1, 1))]
    events = []
    for comp, end, on in cases:
        mandates.append(m(D, comp, date(2012, 1, 1), end))
        events.append(bust(comp, on))
    return of(run(mandates, events), SignalKind.DIRECTOR_PAST_BANKRUPTCIES)


def test_director_past_bankruptcies_severity_ladder() -> None:
    (one,) = _past([("X1", None, date(2023, 1, 1))])
    assert one.severity == 3 and "1 company" in one.summary and one.params["window_months"] == 36
    (longer,) = _past([("X1", date(2020, 1, 1), date(2022, 1, 1))])  # 24 months after leaving
    assert longer.severity == 2
    (two,) = _past([("X1", None, date(2023, 1, 1)), ("X2", None, date(2022, 1, 1))])
    assert two.severity == 4
    (three,) = _past([(f"X{i}", None, date(2022, i, 1)) for i in range(1, 4)])
    assert three.severity == 5 and "3 companies" in three.summary
    assert [h.rel_type for h in three.evidence[0].hops] == ["DIRECTOR_OF", "HAS_EVENT"]


def test_director_past_bankruptcies_old_cases_and_window_hard_negatives() -> None:
    (old,) = _past([("X1", None, date(2020, 6, 29))])  # 60 months + 1 day before as_of
    assert old.severity == 1
    assert _past([("X1", date(2019, 1, 1), date(2022, 1, 2))]) == []  # left > 36 months before
    # a resigned director of the target itself is not a current director
    gone = run(
        [m(D, "T", date(2015, 1, 1), date(2024, 1, 1)), m(D, "X", date(2012, 1, 1))],
        [bust("X", date(2023, 1, 1))],
    )
    assert not of(gone, SignalKind.DIRECTOR_PAST_BANKRUPTCIES)


def test_disqualified_director_in_office_owner_and_recent_ban() -> None:
    ban = Disqualification(
        person=D,
        start=date(2024, 1, 1),
        end=date(2029, 6, 30),
        authority="Tribunal de commerce de Lyon",
    )
    (s,) = of(
        run([m(D, "T", date(2025, 2, 1))], [], disqualifications=(ban,)),
        SignalKind.DISQUALIFIED_DIRECTOR,
    )
    assert s.severity == 5 and s.params["in_office"] is True and "2029-06-30" in s.summary
    owner = run(
        [], [], disqualifications=(ban,), holdings=(Holding(owner=D, owned="T", share_exact=30),)
    )
    (s,) = of(owner, SignalKind.DISQUALIFIED_DIRECTOR)
    assert s.severity == 4 and s.params["in_office"] is False
    assert of(owner, SignalKind.HIDDEN_CONTROLLER)[0].severity == 5  # banned hidden controller
    ended = Disqualification(person=D, start=date(2018, 1, 1), end=date(2022, 1, 1))
    (s,) = of(
        run([m(D, "T", date(2025, 2, 1))], [], disqualifications=(ended,)),
        SignalKind.DISQUALIFIED_DIRECTOR,
    )
    assert s.severity == 3
    long_ago = Disqualification(person=D, start=date(2010, 1, 1), end=date(2015, 1, 1))
    assert not of(
        run([m(D, "T", date(2025, 2, 1))], [], disqualifications=(long_ago,)),
        SignalKind.DISQUALIFIED_DIRECTOR,
    )
    # a ban on someone with no role in the target is not this company's problem
    assert not of(
        run([m(D, "X", date(2025, 2, 1))], [], disqualifications=(ban,)),
        SignalKind.DISQUALIFIED_DIRECTOR,
    )


def test_hidden_controller_shareholder_with_failures() -> None:
    mandates = [
        m(E, "T", date(2024, 1, 1)),
        m(K, "X1", date(2015, 1, 1), date(2023, 1, 1)),
        m(K, "X2", date(2015, 1, 1)),
    ]
    events = [bust("X1", date(2023, 6, 1)), bust("X2", date(2024, 2, 1))]
    holdings = (Holding(owner=K, owned="T", share_exact=60),)
    (s,) = of(run(mandates, events, holdings=holdings), SignalKind.HIDDEN_CONTROLLER)
    assert s.severity == 5 and "60.00 %" in s.summary and "Karel Maes" in s.summary
    assert "2 companies" in s.summary
    one = run(mandates[:2], events[:1], holdings=holdings)
    assert of(one, SignalKind.HIDDEN_CONTROLLER)[0].severity == 4


def test_hidden_controller_hard_negatives() -> None:
    # a passive 60 % investor without failures
    assert not of(
        run(
            [m(E, "T", date(2024, 1, 1))],
            [],
            holdings=(Holding(owner=K, owned="T", share_exact=60),),
        ),
        SignalKind.HIDDEN_CONTROLLER,
    )
    # a failed relative of the director with no stake at all: kinship alone never flags
    failed_kin = [m(E, "T", date(2024, 1, 1)), m(K, "X1", date(2015, 1, 1))]
    rel = (Relation(person=K, other=E),)
    assert not of(
        run(failed_kin, [bust("X1", date(2024, 1, 1))], relations=rel), SignalKind.HIDDEN_CONTROLLER
    )
    # ... but with a small stake the family link makes it a hidden controller
    small = run(
        failed_kin,
        [bust("X1", date(2024, 1, 1))],
        relations=rel,
        holdings=(Holding(owner=K, owned="T", share_exact=10),),
    )
    (s,) = of(small, SignalKind.HIDDEN_CONTROLLER)
    assert "related to director Eva Peeters" in s.summary and E in s.entities


def test_late_director_change_rule_a_on_live_company() -> None:
    mandates = [m(D, "T", date(2025, 2, 1)), m(D, "X", date(2015, 1, 1), date(2025, 1, 10))]
    (s,) = of(run(mandates, [bust("X", date(2025, 4, 10))]), SignalKind.LATE_DIRECTOR_CHANGE)
    assert s.severity == 3 and "3 months before its insolvency" in s.summary
    # left exactly 12 months before: outside the open interval (t - 12 months, t)
    edge = [m(D, "T", date(2025, 2, 1)), m(D, "X", date(2015, 1, 1), date(2024, 4, 10))]
    assert not of(run(edge, [bust("X", date(2025, 4, 10))]), SignalKind.LATE_DIRECTOR_CHANGE)


def test_late_director_change_on_insolvent_target_and_phoenix_link() -> None:
    mandates = [
        m(D, "T", date(2012, 1, 1), date(2025, 1, 10)),
        m(D, "NEW", date(2025, 1, 15)),
        m(E, "T", date(2025, 2, 1), role="liquidator"),
    ]
    events = [bust("T", date(2025, 4, 10))]
    comps = (company("T"), company("NEW", inc=date(2025, 1, 12)))
    data = DueDiligenceInput(
        target="T", companies=comps, persons=PEOPLE, mandates=tuple(mandates), events=tuple(events)
    )
    late = of(list(assess(data, AS_OF).signals), SignalKind.LATE_DIRECTOR_CHANGE)
    assert [(s.entities[0], s.severity) for s in late] == [(D, 4)]  # liquidator excluded


def test_late_director_change_rule_b_needs_distress() -> None:
    mandates = [m(D, "T", date(2015, 1, 1), date(2025, 1, 1)), m(E, "T", date(2025, 1, 1))]
    comps = (company("T", distress_markers=("accounts_overdue",)),)
    data = DueDiligenceInput(target="T", companies=comps, persons=PEOPLE, mandates=tuple(mandates))
    (s,) = of(list(assess(data, AS_OF).signals), SignalKind.LATE_DIRECTOR_CHANGE)
    assert s.params["rule"] == "B" and "all directors were replaced" in s.summary
    calm = data.model_copy(update={"companies": (company("T"),)})
    assert not of(list(assess(calm, AS_OF).signals), SignalKind.LATE_DIRECTOR_CHANGE)


def test_params_change_the_window() -> None:
    mandates = [m(D, "T", date(2024, 1, 1)), m(D, "X", date(2012, 1, 1), date(2018, 6, 1))]
    data = DueDiligenceInput(
        target="T",
        companies=(company("T"), company("X")),
        persons=PEOPLE,
        mandates=tuple(mandates),
        events=(bust("X", date(2022, 1, 1)),),
    )
    assert not of(list(assess(data, AS_OF).signals), SignalKind.DIRECTOR_PAST_BANKRUPTCIES)
    wide = assess(data, AS_OF, SignalParams(window_months=48))
    (s,) = of(list(wide.signals), SignalKind.DIRECTOR_PAST_BANKRUPTCIES)
    assert s.params["window_months"] == 48


def test_hidden_controller_through_a_declaration_without_shares() -> None:
    mandates = [m(E, "T", date(2024, 1, 1)), m(K, "X1", date(2015, 1, 1))]
    decl = (
        Declaration(
            declared=K, company="T", control=True, interests=("significant-influence-or-control",)
        ),
    )
    (s,) = of(
        run(mandates, [bust("X1", date(2024, 1, 1))], declarations=decl),
        SignalKind.HIDDEN_CONTROLLER,
    )
    assert s.severity == 4 and "declared beneficial owner" in s.summary


def test_namesake_with_other_key_does_not_inherit_bankruptcies() -> None:
    # Same name, different birth date: person_key keeps them apart; so must the analytics.
    twin = PersonFacts(key="person-d-1961", name="Jan Peeters", birth_year_month="1961-02")
    mandates = [m(D, "T", date(2024, 1, 1)), m("person-d-1961", "X", date(2015, 1, 1))]
    data = DueDiligenceInput(
        target="T",
        companies=(company("T"), company("X")),
        persons=(*PEOPLE, twin),
        mandates=tuple(mandates),
        events=(bust("X", date(2024, 1, 1)),),
    )
    found = assess(data, AS_OF)
    assert not of(list(found.signals), SignalKind.DIRECTOR_PAST_BANKRUPTCIES)
    assert D not in found.histories and "person-d-1961" in found.histories


def test_late_director_change_reaches_live_companies_only() -> None:
    """§LATE_DIRECTOR_CHANGE rule A: the late mover's *live* companies get the signal; an
    insolvent or dissolved company where he still sits does not (unless its own insolvency had a
    late change)."""
    mandates = [m(D, "T", date(2012, 1, 1)), m(D, "X", date(2015, 1, 1), date(2025, 1, 10))]
    late_at_x = bust("X", date(2025, 4, 10))
    live = run(mandates, [late_at_x])
    assert [s.entities[1] for s in of(live, SignalKind.LATE_DIRECTOR_CHANGE)] == ["X"]
    # T itself insolvent, D a director there since 2012 (no change near T's insolvency).
    insolvent = run(mandates, [late_at_x, bust("T", date(2025, 5, 1))])
    assert of(insolvent, SignalKind.LATE_DIRECTOR_CHANGE) == []
    # T struck off: no live company to warn about.
    gone = DueDiligenceInput(
        target="T",
        companies=(company("T", status="dissolved", dissolved_on=date(2025, 3, 1)), company("X")),
        persons=PEOPLE,
        mandates=(m(D, "T", date(2012, 1, 1)), mandates[1]),
        events=(late_at_x,),
    )
    assert of(list(assess(gone, AS_OF).signals), SignalKind.LATE_DIRECTOR_CHANGE) == []
