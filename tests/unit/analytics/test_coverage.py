"""Data coverage and "insufficient data" (docs/analytics.md §Data coverage), on bundles written
the way each register publishes a company: what the records hold is from the registers'
documentation (Companies House profile/appointments/PSC, KBO enterprise/function files)."""

from __future__ import annotations

from datetime import date

from graph_schema.events import EventKind
from graphapi.analytics.assess import assess
from graphapi.analytics.inputs import DueDiligenceInput
from graphapi.analytics.model import (
    CompanyEvent,
    CompanyFacts,
    Declaration,
    Mandate,
    PersonFacts,
    SourceRef,
)

AS_OF = date(2026, 6, 30)
CH = SourceRef(source="companies-house", record_id="r")
KBO = SourceRef(source="kbo", record_id="function.csv:2")


def test_a_company_known_only_by_number_and_name_is_insufficient_data_not_very_low() -> None:
    bundle = DueDiligenceInput(
        target="GB-COH-01234567",
        companies=(
            CompanyFacts(
                key="GB-COH-01234567", name="ONLY A NAME LTD", sources=("companies-house",)
            ),
        ),
    )
    a = assess(bundle, AS_OF)
    assert a.signals == ()
    assert a.rating.label == "insufficient data" and a.rating.label != "very low"
    assert a.rating.insufficient_data
    assert a.rating.missing == (
        "register status", "officers", "ownership or control information", "legal form",
        "incorporation date", "filed accounts",
    )  # fmt: skip
    assert a.rating.reasons[0].startswith("Insufficient data to judge: no register status")
    assert not a.coverage.sufficient
    assert a.coverage.describe().startswith("insufficient data: no register status, no officers")
    (ch,) = a.coverage.sources
    assert (ch.source, ch.status, ch.officers, ch.ownership, ch.accounts) == (
        "companies-house", False, 0, 0, 0,
    )  # fmt: skip


def test_kbo_status_legal_form_and_functions_are_enough_without_shareholders() -> None:
    """KBO publishes status, legal form, start date and functions; no shareholders."""
    bundle = DueDiligenceInput(
        target="BE-BCE_KBO-0403170701",
        companies=(
            CompanyFacts(
                key="BE-BCE_KBO-0403170701",
                name="Voorbeeld NV",
                status="active",
                legal_form="NV",
                incorporated_on=date(1990, 1, 1),
                sources=("kbo",),
            ),
        ),  # fmt: skip
        persons=(PersonFacts(key="person-a", name="An Peeters"),),
        mandates=(
            Mandate(
                person="person-a",
                company="BE-BCE_KBO-0403170701",
                start=date(2001, 1, 1),
                role="bestuurder",
                ref=KBO,
            ),
        ),  # fmt: skip
    )
    a = assess(bundle, AS_OF)
    assert a.coverage.sufficient and not a.rating.insufficient_data
    assert a.rating.label == "very low"
    assert a.coverage.missing == ("ownership or control information", "filed accounts")
    (kbo,) = a.coverage.sources
    assert (kbo.status, kbo.officers, kbo.ownership) == (True, 1, 0)


def test_a_psc_register_without_appointments_is_enough_and_counts_per_source() -> None:
    target = "GB-COH-07654321"
    bundle = DueDiligenceInput(
        target=target,
        companies=(
            CompanyFacts(
                key=target,
                name="PSC ONLY LTD",
                status="active",
                sources=("companies-house", "companies-house-accounts"),
            ),
        ),  # fmt: skip
        persons=(PersonFacts(key="person-b", name="Bea Owner", birth_year_month="1970-01"),),
        declarations=(
            Declaration(
                declared="person-b",
                company=target,
                share_min=75,
                share_max=100,
                declared_by="psc",
                start=date(2020, 1, 1),
                ref=CH,
            ),
        ),  # fmt: skip
        events=(
            CompanyEvent(
                company=target,
                kind=EventKind.ACCOUNTS_FILED,
                date=date(2025, 9, 1),
                ref=SourceRef(source="companies-house-accounts"),
            ),
        ),  # fmt: skip
    )
    a = assess(bundle, AS_OF)
    assert a.coverage.sufficient
    by = {s.source: s for s in a.coverage.sources}
    assert (by["companies-house"].ownership, by["companies-house"].status) == (1, True)
    assert by["companies-house-accounts"].accounts == 1
    assert by["companies-house-accounts"].status is False  # accounts say nothing of status


def test_a_status_alone_is_not_enough_but_a_register_statement_is_ownership_information() -> None:
    bare = CompanyFacts(key="T", name="Status Only", status="active")
    a = assess(DueDiligenceInput(target="T", companies=(bare,)), AS_OF)
    assert a.rating.insufficient_data
    assert a.coverage.missing[:2] == ("officers", "ownership or control information")
    stated = bare.model_copy(update={"no_beneficial_owner_reason": "no-registrable-person"})
    b = assess(DueDiligenceInput(target="T", companies=(stated,)), AS_OF)
    assert b.coverage.sufficient


def test_an_adverse_signal_keeps_its_label_however_little_else_is_known() -> None:
    bundle = DueDiligenceInput(
        target="T",
        companies=(CompanyFacts(key="T", name="Gone Ltd"),),
        events=(
            CompanyEvent(company="T", kind=EventKind.COMPULSORY_LIQUIDATION, date=date(2026, 1, 5)),
        ),  # fmt: skip
    )
    a = assess(bundle, AS_OF)
    assert a.rating.score == 5 and a.rating.label == "very high"
    assert not a.rating.insufficient_data and not a.coverage.sufficient
