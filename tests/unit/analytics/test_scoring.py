"""The internal client rating under a scoring profile: weights, thresholds, policy, and the
explanation of every rating (pure functions, hand-built clients and ledgers)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from graph_schema.ledger import Client, Invoice, LedgerSource, Resolution, Settlement
from graph_schema.scoring_profile import FamilyName, ScoringProfile, default_profile
from graphapi.analytics.model import CompanyFacts
from graphapi.analytics.scoring import ScoreInputs, score_client, sector_score
from graphapi.analytics.signals.model import ParamValue, Signal, SignalKind

AS_OF = date(2026, 6, 30)
SRC = LedgerSource(file="invoices.csv", line=2, imported_at=datetime(2026, 6, 30, tzinfo=UTC))
CLIENT = Client(
    ledger="main", client_id="K1", name="Solo Widgets Ltd", payment_terms_days=45,
    credit_limit=Decimal(20000), currency="GBP", company="GB-COH-1", segment="Wholesale",
    resolution=Resolution.OK, source=SRC.model_copy(update={"file": "clients.csv"}),
)  # fmt: skip
COMPANY = CompanyFacts(key="GB-COH-1", name="SOLO WIDGETS LTD", incorporated_on=date(2010, 1, 4))


def inv(n: int, issued: date, days_late: int | None, amount: str = "1000") -> Invoice:
    """An invoice due 30 days after issue, paid `days_late` after its due date (None: open)."""
    due = issued + timedelta(days=30)
    paid = () if days_late is None else (Settlement(on=due + timedelta(days=days_late),
                                                    amount=Decimal(amount)),)  # fmt: skip
    return Invoice(
        ledger="main", client_id="K1", number=f"I{n}", issued_on=issued, due_on=due,
        amount=Decimal(amount), currency="GBP", payments=paid, source=SRC,
    )  # fmt: skip


def late_payer(days: int) -> tuple[Invoice, ...]:
    """Six monthly invoices in the last year, each paid `days` beyond terms."""
    return tuple(inv(i, date(2025, 10, 1) + timedelta(days=30 * i), days) for i in range(6))


def sig(kind: SignalKind, severity: int, **params: ParamValue) -> Signal:
    return Signal(kind=kind, severity=severity, summary=f"{kind.value} found.",
                  entities=("GB-COH-1",), params=params)  # fmt: skip


def profile(**weights: float) -> ScoringProfile:
    p = default_profile()
    families = p.families.model_copy(
        update={
            name: getattr(p.families, name).model_copy(update={"weight": w})
            for name, w in weights.items()
        }
    )
    return p.model_copy(update={"families": families})


def inputs(**kw: object) -> ScoreInputs:
    base: dict[str, object] = {"client": CLIENT, "company": COMPANY}
    base.update(kw)
    return ScoreInputs(**base)  # type: ignore[arg-type]


def test_nothing_against_a_client_is_very_low_and_every_missing_family_is_named() -> None:
    s = score_client(inputs(client=CLIENT.model_copy(update={"segment": None})), AS_OF,
                     default_profile())  # fmt: skip
    assert (s.rating, s.label, s.points, s.moved_by) == (1, "very low", 1.0, None)
    assert s.missing == (FamilyName.PAYMENT, FamilyName.FINANCIAL, FamilyName.SECTOR)
    assert s.explanation() == [
        f"Rating 1 (very low): 1.00 points under profile default ({default_profile().digest}) "
        "as of 2026-06-30.",
        "registry: +0.00 points (score 1 x weight 1): registry rating 1 (very low): no registry "
        "signal of severity 2 or more",
        "payment: no data (fewer than 3 payments or overdue invoices in 365 days); adds nothing",
        "financial: no data (no filed accounts on the graph); adds nothing",
        "sector: no data (no listed sector (activity codes and segment: none)); adds nothing",
    ]


def test_a_clean_slow_payer_is_moved_by_its_payments_and_the_explanation_says_so() -> None:
    s = score_client(inputs(invoices=late_payer(50)), AS_OF, default_profile())
    pay = s.family(FamilyName.PAYMENT)
    assert (pay.score, pay.points) == (4, 2.25)
    assert s.family(FamilyName.REGISTRY).score == 1
    assert s.family(FamilyName.SECTOR).points == 0.25  # Wholesale: 2
    assert (s.points, s.rating, s.label, s.moved_by) == (3.5, 4, "high", FamilyName.PAYMENT)
    assert s.explanation()[2] == (
        "payment: +2.25 points (score 4 x weight 0.75): pays 50 days beyond its 45-day terms on "
        "average (weighted by amount, 6 payments and overdue invoices in 365 days)"
    )
    # The same client under a profile where payments weigh nothing: only the registry and
    # the sector move it.
    off = score_client(inputs(invoices=late_payer(50)), AS_OF, profile(payment=0))
    assert (off.points, off.rating, off.moved_by) == (1.25, 1, FamilyName.SECTOR)
    assert off.family(FamilyName.PAYMENT).line().startswith("payment: +0.00 points (score 4 x")


@pytest.mark.parametrize(
    ("days", "score"), [(0, 1), (9, 1), (10, 2), (29, 2), (30, 3), (45, 4), (89, 4), (90, 5)]
)
def test_days_beyond_terms_thresholds(days: int, score: int) -> None:
    s = score_client(inputs(invoices=late_payer(days)), AS_OF, default_profile())
    assert s.family(FamilyName.PAYMENT).score == score


def test_a_balance_long_overdue_scores_even_without_enough_payments() -> None:
    # Two invoices, one open 100 days past due (2,000 of 3,000 owed): over-90 share 2/3.
    docs = (inv(1, date(2026, 1, 1), None, "2000"), inv(2, date(2026, 6, 1), None, "1000"))
    s = score_client(inputs(invoices=docs), AS_OF, default_profile())
    pay = s.family(FamilyName.PAYMENT)
    assert pay.score == 5
    assert pay.detail == "67% of the open balance more than 60 days overdue, 67% more than 90"
    # Under the minimum amount the shares are not judged: too few items, so no data.
    small = (inv(1, date(2026, 1, 1), None, "400"), inv(2, date(2026, 6, 1), None, "100"))
    assert (
        score_client(inputs(invoices=small), AS_OF, default_profile())
        .family(FamilyName.PAYMENT)
        .score
        is None
    )


def test_registry_alone_at_weight_one_is_the_registry_rating() -> None:
    signals = (sig(SignalKind.DIRECTOR_PAST_BANKRUPTCIES, 3),)
    only = profile(payment=0, financial=0, sector=0)
    s = score_client(inputs(signals=signals), AS_OF, only)
    assert (s.rating, s.points, s.moved_by) == (3, 3.0, FamilyName.REGISTRY)
    # PAYMENT_BEHAVIOUR and filed-accounts findings are families of their own here: they
    # never count twice through the registry rating.
    more = (*signals, sig(SignalKind.PAYMENT_BEHAVIOUR, 4), sig(SignalKind.NEGATIVE_EQUITY, 3))
    s = score_client(inputs(signals=more, has_accounts=True), AS_OF, default_profile())
    assert s.family(FamilyName.REGISTRY).score == 3  # no agreement step from them
    assert s.family(FamilyName.FINANCIAL).score == 3
    assert s.family(FamilyName.FINANCIAL).detail == (
        "NEGATIVE_EQUITY, severity 3: NEGATIVE_EQUITY found."
    )
    assert (s.points, s.rating) == (1 + 2.0 + 1.0 + 0.25, 4)


def test_points_are_capped_at_five() -> None:
    s = score_client(
        inputs(signals=(sig(SignalKind.DISQUALIFIED_DIRECTOR, 4, in_office=False),),
               invoices=late_payer(95), has_accounts=True),
        AS_OF, default_profile(),
    )  # fmt: skip
    assert s.points == 5.0 and s.rating == 5


def test_a_registry_override_forces_five_unless_the_profile_says_otherwise() -> None:
    light = profile(registry=0.25)
    insolvent = (sig(SignalKind.COMPANY_INSOLVENT, 5),)
    s = score_client(inputs(signals=insolvent), AS_OF, light)
    assert s.points == 2.25 and s.rating == 5
    assert s.adjustments == ("Registry override (COMPANY_INSOLVENT): rating raised from 2 to 5.",)
    registry = light.families.registry.model_copy(
        update={"overrides_force_very_high": False, "rating_at_least_registry": False}
    )
    no_override = light.model_copy(
        update={"families": light.families.model_copy(update={"registry": registry})}
    )
    assert score_client(inputs(signals=insolvent), AS_OF, no_override).rating == 2


def test_a_registry_finding_is_never_weighed_down_unless_the_profile_says_so() -> None:
    light = profile(registry=0.5)
    found = (sig(SignalKind.DIRECTOR_PAST_BANKRUPTCIES, 4),)
    s = score_client(inputs(signals=found, client=CLIENT.model_copy(update={"segment": None})),
                     AS_OF, light)  # fmt: skip
    assert (s.points, s.rating) == (2.5, 4)
    assert s.adjustments == ("Registry rating 4 (high) is a floor: rating raised from 3 to 4.",)
    registry = light.families.registry.model_copy(update={"rating_at_least_registry": False})
    weighed = light.model_copy(
        update={"families": light.families.model_copy(update={"registry": registry})}
    )
    s = score_client(inputs(signals=found, client=CLIENT.model_copy(update={"segment": None})),
                     AS_OF, weighed)  # fmt: skip
    assert (s.rating, s.adjustments) == (3, ())


def test_an_unknown_company_is_said_and_rated_at_least_the_floor() -> None:
    client = CLIENT.model_copy(
        update={"company": None, "resolution": Resolution.NOT_FOUND,
                "resolution_reason": "no company GB-COH-09999998 in the graph"}
    )  # fmt: skip
    s = score_client(ScoreInputs(client=client, invoices=late_payer(0)), AS_OF, default_profile())
    assert s.family(FamilyName.REGISTRY).line() == (
        "registry: no data (company unknown, NOT_FOUND: no company GB-COH-09999998 in the "
        "graph); adds nothing"
    )
    assert (s.points, s.rating, s.label) == (1.25, 3, "moderate")
    assert s.adjustments == (
        "Company unknown: rating raised from 1 to 3 (moderate) until the client is identified "
        "in the registers.",
    )
    # A client resolved once whose company is no longer in the graph is unknown too.
    gone = score_client(ScoreInputs(client=CLIENT), AS_OF, default_profile())
    assert gone.family(FamilyName.REGISTRY).detail == (
        "company unknown, GB-COH-1 is not in the graph"
    )
    assert gone.rating == 3
    # Known bad payment behaviour above the floor keeps its own rating.
    s = score_client(ScoreInputs(client=client, invoices=late_payer(95)), AS_OF, profile(payment=1))
    assert (s.rating, s.adjustments) == (5, ())


def test_financial_family_needs_accounts_or_a_finding() -> None:
    with_accounts = score_client(inputs(has_accounts=True), AS_OF, default_profile())
    assert with_accounts.family(FamilyName.FINANCIAL).score == 1
    assert with_accounts.family(FamilyName.FINANCIAL).detail == "filed accounts show no finding"
    overdue = score_client(inputs(signals=(sig(SignalKind.ACCOUNTS_OVERDUE, 2),)), AS_OF,
                           default_profile())  # fmt: skip
    assert overdue.family(FamilyName.FINANCIAL).score == 2


def test_sector_takes_the_longest_listed_prefix_and_the_highest_match() -> None:
    s = default_profile().families.sector.model_copy(
        update={"activity_codes": {"SIC:4": 2, "SIC:41": 4}, "segments": {"Retail": 3}}
    )
    assert sector_score(("SIC:41201",), None, s) == (4, "activity SIC:41201 (listed as SIC:41)")
    assert sector_score(("SIC:46900",), "Retail", s) == (3, "segment Retail")
    assert sector_score(("NACE:01.1",), "Farming", s) == (
        None,
        "no listed sector (activity codes and segment: NACE:01.1, segment Farming)",
    )


def test_policy_terms_limit_and_review_follow_the_rating() -> None:
    s = score_client(inputs(invoices=late_payer(50)), AS_OF, default_profile())  # rating 4
    p = s.policy
    assert (p.payment_terms_days, p.agreed_terms_days, p.terms_days) == (15, 45, 15)
    assert (p.credit_limit_factor, p.current_limit, p.credit_limit) == (
        0.5, Decimal(20000), Decimal("10000.00"),
    )  # fmt: skip
    assert (p.review_months, p.next_review_on) == (3, date(2026, 9, 30))
    clean = score_client(
        inputs(client=CLIENT.model_copy(update={"credit_limit": None, "payment_terms_days": None}))
        , AS_OF, default_profile(),
    )  # fmt: skip
    assert (clean.policy.terms_days, clean.policy.credit_limit) == (60, None)  # rating 1
    assert clean.policy.next_review_on == date(2027, 6, 30)
