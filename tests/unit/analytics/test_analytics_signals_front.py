"""FRONT_PERSON: indicators i-vii and the rule '>= 2 indicators, one of them a failure link'."""

from datetime import date

from graph_schema.events import EventKind
from graphapi.analytics.assess import assess
from graphapi.analytics.inputs import DueDiligenceInput
from graphapi.analytics.model import (
    AddressFacts,
    CompanyEvent,
    CompanyFacts,
    Disqualification,
    Holding,
    Mandate,
    PersonFacts,
)
from graphapi.analytics.signals.model import Signal, SignalKind

AS_OF = date(2025, 6, 30)
A, B = "person-a", "person-b"  # A: the suspected front, B: the failed predecessor


def m(person: str, comp: str, start: date, end: date | None = None) -> Mandate:
    return Mandate(person=person, company=comp, role="director", start=start, end=end)


def bust(comp: str, on: date) -> CompanyEvent:
    return CompanyEvent(company=comp, kind=EventKind.BANKRUPTCY, date=on)


def fronts(
    mandates: list[Mandate],
    events: list[CompanyEvent] | tuple[CompanyEvent, ...] = (),
    *,
    a_birth: str = "1980-01",
    a_home: tuple[str, ...] = (),
    b_home: tuple[str, ...] = (),
    **kw: object,
) -> list[Signal]:
    comps = sorted({x.company for x in mandates} | {"T"})
    data = DueDiligenceInput(
        target="T",
        companies=tuple(
            CompanyFacts(key=c, name=c, jurisdiction="BE", incorporated_on=date(2010, 1, 1))
            for c in comps
        ),
        persons=(
            PersonFacts(
                key=A, name="Anna Xavier", birth_year_month=a_birth, residential_address_keys=a_home
            ),
            PersonFacts(key=B, name="Bart Yzer", residential_address_keys=b_home),
        ),
        mandates=tuple(mandates),
        events=tuple(events),
        **kw,
    )
    return [s for s in assess(data, AS_OF).signals if s.kind == SignalKind.FRONT_PERSON]


# B ran T until 2025-01-01 and has two bankruptcies; A (19) took over 30 days later.
B_FAILED = [
    m(B, "T", date(2015, 1, 1), date(2025, 1, 1)),
    m(B, "X1", date(2015, 1, 1)),
    m(B, "X2", date(2016, 1, 1)),
]
B_BUSTS = [bust("X1", date(2024, 1, 1)), bust("X2", date(2024, 6, 1))]


def test_young_replacement_of_failed_director() -> None:
    (s,) = fronts([*B_FAILED, m(A, "T", date(2025, 1, 31))], B_BUSTS, a_birth="2006-01")
    assert s.severity == 3 and s.params["indicators"] == "i,v"
    assert "aged 19" in s.summary and "30 days after Bart Yzer" in s.summary
    assert s.entities[0] == A


def test_replacement_window_is_90_days() -> None:
    late = fronts([*B_FAILED, m(A, "T", date(2025, 4, 2))], B_BUSTS, a_birth="2006-01")
    assert late == []  # 91 days: indicator v does not fire, i alone is not enough


def test_young_founder_without_failure_link_is_not_flagged() -> None:
    assert fronts([m(A, "T", date(2025, 1, 31))], a_birth="2006-01") == []


def test_professional_director_with_many_clean_mandates_is_not_flagged() -> None:
    many = [m(A, f"C{i}", date(2024, 1, 1 + i)) for i in range(15)]
    assert fronts([*many, m(A, "T", date(2024, 3, 1))]) == []


def test_burst_plus_failure_track_record() -> None:
    busy = [m(A, f"C{i}", date(2024, 1, 1 + i)) for i in range(5)]
    failing = [m(A, "F1", date(2021, 1, 1)), m(A, "F2", date(2021, 6, 1))]
    events = [bust("F1", date(2022, 6, 1)), bust("F2", date(2023, 5, 1))]
    (s,) = fronts([*busy, *failing, m(A, "T", date(2024, 3, 1))], events)
    assert s.params["indicators"] == "ii,iii" and s.severity == 3
    # a failure 25 months after the appointment (and long after incorporation) is not quick
    slow = [bust("F1", date(2022, 6, 1)), bust("F2", date(2023, 7, 2))]
    assert fronts([*busy, *failing, m(A, "T", date(2024, 3, 1))], slow) == []


def test_co_resident_with_banned_failed_director_is_severity_5() -> None:
    ban = Disqualification(person=B, start=date(2024, 1, 1), end=date(2030, 1, 1))
    mass = AddressFacts(key="addr-1", text="Rue X 12, Brussels", country="BE", n_active=30)
    (s,) = fronts(
        [*B_FAILED[1:], m(A, "T", date(2020, 1, 1))],
        B_BUSTS,
        a_home=("addr-1",),
        b_home=("addr-1",),
        disqualifications=(ban,),
        addresses=(mass,),
    )
    assert s.severity == 5 and s.params["indicators"] == "iv,vi"


def test_title_without_stake_while_failed_person_owns() -> None:
    owner = (Holding(owner=B, owned="T", share_exact=80),)
    (s,) = fronts([*B_FAILED, m(A, "T", date(2025, 1, 31))], B_BUSTS, holdings=owner)
    # iv (B is a hidden controller), v (replacement) and vii (no stake, B owns 80 %)
    assert s.params["indicators"] == "iv,v,vii" and s.severity == 4
    assert "Bart Yzer owns 80.00 %" in s.summary


def test_address_abroad_counts_as_indicator_vi() -> None:
    abroad = AddressFacts(key="addr-cy", text="Limassol", country="CY")
    (s,) = fronts(
        [*B_FAILED, m(A, "T", date(2025, 1, 31))], B_BUSTS, a_home=("addr-cy",), addresses=(abroad,)
    )
    assert s.params["indicators"] == "v,vi" and "abroad (CY)" in s.summary
