"""The 1-5 rating of docs/analytics.md §Rating: max severity, family agreement, overrides, age
floors, reasons."""

from datetime import date

import pytest

from graphapi.analytics.model import CompanyFacts
from graphapi.analytics.rating import rate
from graphapi.analytics.signals.model import Signal, SignalKind

AS_OF = date(2025, 6, 30)
OLD = CompanyFacts(key="T", incorporated_on=date(2010, 1, 1))
YOUNG = CompanyFacts(key="T", incorporated_on=date(2024, 1, 1))  # 17 months


def sig(kind: SignalKind, severity: int, on: date | None = None, **params: object) -> Signal:
    return Signal(
        kind=kind,
        severity=severity,
        summary=f"{kind.value} happened.",
        entities=("T",),
        date=on,
        params=params,
    )


def test_no_signals_established_company_is_very_low() -> None:
    r = rate([], OLD, AS_OF)
    assert (r.score, r.label, r.reasons) == (1, "very low", ())


def test_young_company_is_at_least_low() -> None:
    r = rate([], YOUNG, AS_OF)
    assert (r.score, r.label) == (2, "low") and "Young company" in r.reasons[0]
    grown = CompanyFacts(key="T", incorporated_on=date(2023, 12, 30))  # 18 months exactly
    assert rate([], grown, AS_OF).score == 1


def test_weak_signals_stay_low() -> None:
    r = rate(
        [
            sig(SignalKind.MASS_REGISTRATION_ADDRESS, 2),
            sig(SignalKind.NO_UBO_FOUND, 2),
            sig(SignalKind.DIRECTOR_PAST_BANKRUPTCIES, 1),
        ],
        OLD,
        AS_OF,
    )
    assert r.score == 2 and len(r.reasons) == 2  # severity-1 history is shown, not a reason


def test_two_families_at_3_make_4_but_one_family_does_not() -> None:
    same = rate(
        [sig(SignalKind.DIRECTOR_PAST_BANKRUPTCIES, 3), sig(SignalKind.LATE_DIRECTOR_CHANGE, 3)],
        OLD,
        AS_OF,
    )
    assert same.score == 3 and not same.agreement_bonus
    two = rate(
        [sig(SignalKind.DIRECTOR_PAST_BANKRUPTCIES, 3), sig(SignalKind.PHOENIX_SUCCESSOR, 3)],
        OLD,
        AS_OF,
    )
    assert (two.score, two.label, two.agreement_bonus) == (4, "high", True)
    capped = rate(
        [sig(SignalKind.FRONT_PERSON, 5), sig(SignalKind.PHOENIX_SUCCESSOR, 4)], OLD, AS_OF
    )
    assert capped.score == 5


@pytest.mark.parametrize(
    ("signal", "score"),
    [
        (sig(SignalKind.COMPANY_INSOLVENT, 5), 5),
        (sig(SignalKind.SANCTIONED, 5), 5),
        (sig(SignalKind.DISQUALIFIED_DIRECTOR, 5, in_office=True), 5),
        (sig(SignalKind.DISQUALIFIED_DIRECTOR, 3, in_office=True), 5),
        (sig(SignalKind.DISQUALIFIED_DIRECTOR, 4, in_office=False), 4),
    ],
)
def test_overrides(signal: Signal, score: int) -> None:
    assert rate([signal], OLD, AS_OF).score == score


def test_reasons_ordered_by_severity_then_recency_with_parameters() -> None:
    r = rate(
        [
            sig(SignalKind.PHOENIX_SUCCESSOR, 3, date(2024, 1, 1), window_months=12),
            sig(SignalKind.DIRECTOR_PAST_BANKRUPTCIES, 3, date(2025, 1, 1), window_months=36),
            sig(SignalKind.FRONT_PERSON, 4, date(2020, 1, 1)),
        ],
        OLD,
        AS_OF,
    )
    kinds = [reason.split(".")[0] for reason in r.reasons[:3]]
    assert kinds == [
        "FRONT_PERSON happened",
        "DIRECTOR_PAST_BANKRUPTCIES happened",
        "PHOENIX_SUCCESSOR happened",
    ]
    assert "window_months=36" in r.reasons[1] and "severity 3" in r.reasons[1]
    assert r.score == 5 and "agree" in r.reasons[-1]
