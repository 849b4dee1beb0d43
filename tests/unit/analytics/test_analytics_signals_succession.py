"""PHOENIX_SUCCESSOR and DORMANT_REACTIVATION with their hard negatives."""

from datetime import date

from graph_schema.events import EventKind
from graph_schema.signal_params import SignalParams
from graphapi.analytics.assess import assess
from graphapi.analytics.inputs import DueDiligenceInput
from graphapi.analytics.model import (
    AddressFacts,
    CompanyEvent,
    CompanyFacts,
    Holding,
    Mandate,
    PersonFacts,
)
from graphapi.analytics.signals.model import Signal, SignalKind
from graphapi.analytics.signals.succession import activity4, name_similarity

AS_OF = date(2025, 6, 30)
J, N = "person-j", "person-n"
T_BUST = date(2025, 1, 10)


def comp(
    key: str, name: str, inc: date, addr: str = "addr-a", code: str = "NACE:43.91", **kw: object
) -> CompanyFacts:
    return CompanyFacts(
        key=key,
        name=name,
        incorporated_on=inc,
        address_keys=(addr,),
        activity_codes=(code,),
        **kw,
    )


def phoenix(
    y: CompanyFacts,
    mandates: list[Mandate],
    *,
    target: str = "Y",
    event: CompanyEvent | None = None,
    addresses: tuple[AddressFacts, ...] = (),
    extra: tuple[CompanyFacts, ...] = (),
    extra_events: tuple[CompanyEvent, ...] = (),
) -> list[Signal]:
    x = comp("X", "Dakwerken Peeters BV", date(2005, 1, 1))
    ev = event or CompanyEvent(company="X", kind=EventKind.BANKRUPTCY, date=T_BUST)
    data = DueDiligenceInput(
        target=target,
        companies=(x, y, *extra),
        persons=(PersonFacts(key=J, name="J. Peeters"),),
        mandates=tuple(mandates),
        events=(ev, *extra_events),
        addresses=addresses,
    )
    return [s for s in assess(data, AS_OF).signals if s.kind == SignalKind.PHOENIX_SUCCESSOR]


SAME_DIRECTOR = [
    Mandate(person=J, company="X", start=date(2005, 1, 1), end=T_BUST),
    Mandate(person=J, company="Y", start=date(2025, 3, 1)),
]


def test_name_and_activity_helpers() -> None:
    jaccard, contained = name_similarity("Dakwerken Peeters BV", "Peeters Dakwerken Nieuw NV")
    assert jaccard == 2 / 3 and contained is False
    assert name_similarity("Peeters BV", "Peeters Dakwerken BV")[1] is True
    assert activity4("NACE:43.91") == "NACE:4391" and activity4("SIC:41201") == "SIC:4120"


def test_director_plus_name_is_severity_5_and_on_both_sides() -> None:
    y = comp("Y", "Dakwerken Peeters Nieuw BV", date(2025, 3, 1), addr="addr-b", code="SIC:1")
    (s,) = phoenix(y, SAME_DIRECTOR)
    assert s.severity == 5 and s.params["features"] == "a,d"
    assert "J. Peeters" in s.summary and "2025-01-10" in s.summary
    assert [x.severity for x in phoenix(y, SAME_DIRECTOR, target="X")] == [5]


def test_director_plus_address_is_4_and_two_weak_features_are_3() -> None:
    y = comp("Y", "Other Name", date(2025, 3, 1), code="SIC:1")
    assert [s.severity for s in phoenix(y, SAME_DIRECTOR)] == [4]
    y2 = comp("Y", "Other Name", date(2025, 3, 1))  # address + activity, no shared person
    (s,) = phoenix(y2, [])
    assert s.severity == 3 and s.params["features"] == "b,c"


def test_mass_registration_address_is_not_a_feature() -> None:
    y = comp("Y", "Other Name", date(2025, 3, 1))
    busy = AddressFacts(key="addr-a", text="Business Centre 1", n_active=400)
    assert phoenix(y, [], addresses=(busy,)) == []  # address + activity alone at a hub


def test_window_and_prior_trading_exception() -> None:
    old = comp("Y", "Dakwerken Peeters Nieuw BV", date(2024, 1, 10))  # 12 months before t
    assert phoenix(old, SAME_DIRECTOR) == []
    late = comp("Y", "Dakwerken Peeters Nieuw BV", date(2026, 1, 11))
    assert phoenix(late, SAME_DIRECTOR) == []
    inside = comp("Y", "Dakwerken Peeters Nieuw BV", date(2024, 1, 11))
    assert len(phoenix(inside, SAME_DIRECTOR)) == 1


def test_solvent_dissolution_and_pre_pack() -> None:
    y = comp("Y", "Dakwerken Peeters Nieuw BV", date(2025, 3, 1), addr="addr-b", code="SIC:1")
    dissolved = CompanyEvent(company="X", kind=EventKind.VOLUNTARY_DISSOLUTION, date=T_BUST)
    assert phoenix(y, SAME_DIRECTOR, event=dissolved) == []
    prepack = CompanyEvent(
        company="X", kind=EventKind.ADMINISTRATION, date=T_BUST, approved_transfer_to="Y"
    )
    assert [s.severity for s in phoenix(y, SAME_DIRECTOR, event=prepack)] == [4]


def test_chain_of_successors_is_severity_5() -> None:
    y = comp("Y", "Alpha", date(2025, 3, 1), code="SIC:1")  # director + address: 4 alone
    z = comp("Z", "Beta", date(2025, 5, 1), code="SIC:1")
    mandates = [*SAME_DIRECTOR, Mandate(person=J, company="Z", start=date(2025, 5, 1))]
    y_bust = CompanyEvent(company="Y", kind=EventKind.BANKRUPTCY, date=date(2025, 4, 30))
    sev = {
        s.entities[1]: s.severity for s in phoenix(y, mandates, extra=(z,), extra_events=(y_bust,))
    }
    assert sev == {"X": 5, "Y": 5}  # Y succeeds X and fails with successor Z


def test_old_phoenix_decays_to_severity_1() -> None:
    y = comp("Y", "Dakwerken Peeters Nieuw BV", date(2025, 3, 1), addr="addr-b", code="SIC:1")
    data = DueDiligenceInput(
        target="Y",
        companies=(comp("X", "Dakwerken Peeters BV", date(2005, 1, 1)), y),
        mandates=tuple(SAME_DIRECTOR),
        events=(CompanyEvent(company="X", kind=EventKind.BANKRUPTCY, date=T_BUST),),
    )
    later = assess(data, date(2031, 6, 30))
    (s,) = [s for s in later.signals if s.kind == SignalKind.PHOENIX_SUCCESSOR]
    assert s.severity == 1


def accounts(day: date, made_up_to: date, dormant: bool) -> CompanyEvent:
    return CompanyEvent(
        company="D", kind=EventKind.ACCOUNTS_FILED, date=day, made_up_to=made_up_to, dormant=dormant
    )


DORMANT = [
    accounts(date(2021, 9, 1), date(2020, 12, 31), True),
    accounts(date(2022, 9, 1), date(2021, 12, 31), True),
]
OLD_DIRECTOR = Mandate(person=J, company="D", start=date(2015, 1, 1), end=date(2025, 2, 1))
NEW_DIRECTOR = Mandate(person=N, company="D", start=date(2025, 2, 1))


def dormant(
    events: list[CompanyEvent],
    mandates: list[Mandate],
    params: SignalParams | None = None,
    **kw: object,
) -> list[Signal]:
    data = DueDiligenceInput(
        target="D",
        companies=(CompanyFacts(key="D", name="Shell BV", incorporated_on=date(2015, 1, 1)),),
        mandates=tuple(mandates),
        events=tuple(events),
        **kw,
    )
    found = assess(data, AS_OF, params).signals
    return [s for s in found if s.kind == SignalKind.DORMANT_REACTIVATION]


def test_dormant_company_hijacked() -> None:
    moved = CompanyEvent(company="D", kind=EventKind.ADDRESS_CHANGE, date=date(2025, 3, 1))
    (s,) = dormant([*DORMANT, moved], [OLD_DIRECTOR, NEW_DIRECTOR])
    assert s.severity == 3
    assert s.params["markers"] == "directors replaced,registered office changed"


def test_reactivation_followed_by_insolvency_is_5() -> None:
    moved = CompanyEvent(company="D", kind=EventKind.ADDRESS_CHANGE, date=date(2025, 3, 1))
    bust = CompanyEvent(company="D", kind=EventKind.BANKRUPTCY, date=date(2025, 6, 1))
    assert [s.severity for s in dormant([*DORMANT, moved, bust], [OLD_DIRECTOR, NEW_DIRECTOR])] == [
        5
    ]


def test_accounts_filed_overnight_after_silence() -> None:
    silent = [
        accounts(date(2025, 2, 10), date(2022, 12, 31), False),
        accounts(date(2025, 2, 10), date(2023, 12, 31), False),
    ]
    holding = Holding(owner=N, owned="D", share_exact=100, start=date(2025, 2, 12))
    (s,) = dormant(
        silent,
        [Mandate(person=J, company="D", start=date(2015, 1, 1), end=date(2018, 1, 1))],
        holdings=(holding,),
    )
    assert "2 accounts filed on one day" in str(s.params["markers"])
    assert "new majority owner" in str(s.params["markers"])
    assert "no activity for" in s.summary


def test_existing_owner_and_director_reactivating_is_not_flagged() -> None:
    same = [
        CompanyEvent(company="D", kind=EventKind.ADDRESS_CHANGE, date=date(2025, 3, 1)),
        CompanyEvent(company="D", kind=EventKind.NAME_CHANGE, date=date(2025, 3, 2)),
    ]
    assert (
        dormant([*DORMANT, *same], [Mandate(person=J, company="D", start=date(2015, 1, 1))]) == []
    )
    assert dormant(DORMANT, [Mandate(person=J, company="D", start=date(2015, 1, 1))]) == []


def test_changes_spread_beyond_six_months_do_not_count() -> None:
    moved = CompanyEvent(company="D", kind=EventKind.ADDRESS_CHANGE, date=date(2025, 1, 2))
    old = Mandate(person=J, company="D", start=date(2015, 1, 1), end=date(2024, 6, 1))
    new = Mandate(person=N, company="D", start=date(2024, 6, 1))
    assert dormant([*DORMANT, moved], [old, new]) == []  # 7 months and a day later
    wider = dormant([*DORMANT, moved], [old, new], SignalParams(reactivation_window_months=8))
    assert [s.params["window_months"] for s in wider] == [8]


def test_small_shareholder_is_not_a_shared_controller() -> None:
    y = comp("Y", "Other Name", date(2025, 3, 1), code="SIC:1")  # same address as X
    x_owner = Holding(owner=J, owned="X", share_exact=10, start=date(2010, 1, 1))
    y_owner = Holding(owner=J, owned="Y", share_exact=10, start=date(2025, 3, 1))
    data = DueDiligenceInput(
        target="Y",
        companies=(comp("X", "Dakwerken Peeters BV", date(2005, 1, 1)), y),
        holdings=(x_owner, y_owner),
        events=(CompanyEvent(company="X", kind=EventKind.BANKRUPTCY, date=T_BUST),),
    )
    kind = SignalKind.PHOENIX_SUCCESSOR
    assert [s for s in assess(data, AS_OF).signals if s.kind == kind] == []  # address only
    majority = data.model_copy(
        update={
            "holdings": (
                x_owner.model_copy(update={"share_exact": 60.0}),
                y_owner.model_copy(update={"share_exact": 60.0}),
            )
        }
    )
    found = [s for s in assess(majority, AS_OF).signals if s.kind == kind]
    assert [(s.severity, s.params["features"]) for s in found] == [(4, "a,b")]


def test_name_containment_is_by_whole_words() -> None:
    """§PHOENIX_SUCCESSOR (d): one name containing the other means its words, not a run of
    characters."""
    assert name_similarity("Arc Ltd", "March Supplies Ltd") == (0.0, False)
    assert name_similarity("Peeters BV", "Dakwerken Peeters BV")[1] is True
    # Same activity and a name that only hides inside another word: one feature, no signal.
    y = comp("Y", "Adakwerken Peetersen Holding BV", date(2025, 3, 1), addr="addr-b")
    assert phoenix(y, []) == []
