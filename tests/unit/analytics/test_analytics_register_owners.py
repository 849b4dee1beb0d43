"""UBO from the registers: where the register is the only ownership source, its declared owners
are the beneficial owners; UBO_DISCREPANCY needs a second, independent source (issue 20).

The declarations are written from the Companies House API documentation of the PSC register
(natures of control `ownership-of-shares-75-to-100-percent` and so on, psc_descriptions.yml)
as the PSC loader stores them: a band "more than 25 % up to 50 %" is (25, 50]."""

from datetime import date
from typing import Any

from graphapi.analytics.assess import assess, assess_ubo
from graphapi.analytics.inputs import DueDiligenceInput
from graphapi.analytics.model import (
    CompanyFacts,
    Declaration,
    Holding,
    Mandate,
    PersonFacts,
    SourceRef,
)
from graphapi.analytics.signals.model import SignalKind

AS_OF = date(2026, 6, 30)
T, PARENT, US = "GB-COH-01234567", "GB-COH-07654321", "XI-CH-us-parent-psc"
ANNA, BOB, CARL = "person-anna", "person-bob", "person-carl"
PERSONS = (
    PersonFacts(key=ANNA, name="Anna ADAMS"),
    PersonFacts(key=BOB, name="Bob BROWN"),
    PersonFacts(key=CARL, name="Carl CLARK"),
)
PSC = SourceRef(source="companies-house", record_id="01234567/persons-with-significant-control")
BAND = {"25-to-50": (25.0, 50.0), "50-to-75": (50.0, 75.0), "75-to-100": (75.0, 100.0)}


def psc(who: str, company: str, band: str, control: bool = False, **kw: Any) -> Declaration:
    lo, hi = BAND[band]
    natures = [f"ownership-of-shares-{band}-percent", f"voting-rights-{band}-percent"]
    if control:
        natures.append("right-to-appoint-and-remove-directors")
    return Declaration(
        declared=who,
        company=company,
        share_min=lo,
        share_max=hi,
        share_min_exclusive=True,
        votes_min=lo,
        votes_max=hi,
        control=control,
        interests=tuple(natures),
        declared_by="psc",
        start=date(2016, 4, 6),
        ref=PSC,
        **kw,
    )


def director(person: str, company: str = T) -> Mandate:
    return Mandate(person=person, company=company, role="director", start=date(2012, 3, 1))


def company(key: str, name: str, **kw: Any) -> CompanyFacts:
    return CompanyFacts(
        key=key,
        name=name,
        status="active",
        jurisdiction="GB",
        incorporated_on=date(2012, 3, 1),
        **kw,
    )


def bundle(
    declarations: tuple[Declaration, ...],
    holdings: tuple[Holding, ...] = (),
    target: CompanyFacts | None = None,
    extra: tuple[CompanyFacts, ...] = (),
) -> DueDiligenceInput:
    return DueDiligenceInput(
        target=T,
        companies=(target or company(T, "ACME TRADING LIMITED"), *extra),
        persons=PERSONS,
        mandates=(director(BOB),),
        holdings=holdings,
        declarations=declarations,
    )


def kinds(data: DueDiligenceInput) -> dict[str, int]:
    return {s.kind.value: s.severity for s in assess(data, AS_OF).signals}


def test_one_individual_psc_is_the_beneficial_owner_and_the_company_rates_1() -> None:
    a = assess(bundle((psc(ANNA, T, "75-to-100", control=True),)), AS_OF)
    assert a.signals == ()
    assert (a.rating.score, a.rating.label) == (1, "very low")
    assert a.discrepancies == ()
    ubo = a.ubo
    assert not ubo.no_ubo_found and ubo.ownership_basis == "declared"
    assert ubo.sources == ("PSC register (companies-house)",)
    (owner,) = ubo.beneficial_owners
    assert owner.person == ANNA and owner.status == "certain"
    assert owner.basis[0] == "declared"
    assert owner.effective.label == "(75.00, 100.00] %" and owner.uk_band == "75-100"


def test_uk_psc_rule_set_gives_the_same_owner_and_band() -> None:
    from graph_schema.signal_params import RuleSet, SignalParams, UboRules

    params = SignalParams(ubo=UboRules(rule_set=RuleSet.UK_PSC))
    a = assess_ubo(bundle((psc(ANNA, T, "25-to-50"), psc(CARL, T, "50-to-75"))), AS_OF, params)
    assert {o.person: o.uk_band for o in a.ubo.beneficial_owners} == {
        ANNA: "25-50",
        CARL: "50-75",
    }
    assert a.discrepancies == ()


def test_a_uk_relevant_legal_entity_is_followed_and_bands_multiply_as_ranges() -> None:
    data = bundle(
        (psc(PARENT, T, "75-to-100", control=True), psc(CARL, PARENT, "50-to-75", control=True)),
        extra=(company(PARENT, "ACME HOLDINGS LIMITED"),),
    )
    a = assess(data, AS_OF)
    assert a.signals == () and a.rating.score == 1
    (owner,) = a.ubo.beneficial_owners
    # (75, 100] x (50, 75] = (37.5, 75]; control through the majority chain.
    assert owner.person == CARL and owner.effective.label == "(37.50, 75.00] %"
    assert owner.control and "declared" in owner.basis
    assert a.ubo.owned_by_legal_entities == ()


def test_a_us_listed_parent_ends_the_chain_as_a_legitimate_answer() -> None:
    """A UK subsidiary whose only PSC is its US-listed parent (a corporate PSC the register's
    rules treat as a relevant legal entity, its shares traded on a specified market): owned
    by that RLE, not a discrepancy and not NO_UBO_FOUND."""
    parent = CompanyFacts(key=US, name="GLOBEX CORPORATION", jurisdiction="US")
    a = assess(bundle((psc(US, T, "75-to-100", control=True),), extra=(parent,)), AS_OF)
    assert a.signals == () and a.rating.score == 1
    assert not a.ubo.no_ubo_found and a.ubo.beneficial_owners == ()
    (rle,) = a.ubo.owned_by_legal_entities
    assert (rle.entity, rle.reason, rle.declared_by, rle.status) == (
        US,
        "registrable",
        "psc",
        "certain",
    )
    assert rle.effective.label == "(75.00, 100.00] %" and rle.control


def test_a_shareholder_list_that_disagrees_with_the_register_is_a_discrepancy() -> None:
    ftm = SourceRef(source="ftm", record_id="ownership-1")
    holdings = (
        Holding(owner=ANNA, owned=T, share_exact=55.0, ref=ftm),
        Holding(owner=CARL, owned=T, share_exact=45.0, ref=ftm),
    )
    a = assess(bundle((psc(ANNA, T, "50-to-75"),), holdings), AS_OF)
    (d,) = a.discrepancies
    assert (d.kind.value, d.entity) == ("MISSING_DECLARED", CARL)
    assert d.sources == ("PSC register (companies-house)", "shareholdings (ftm)")
    assert "compared: PSC register (companies-house) vs shareholdings (ftm)" in d.detail
    (s,) = [s for s in a.signals if s.kind == SignalKind.UBO_DISCREPANCY]
    assert s.params["sources_compared"] == "PSC register (companies-house) vs shareholdings (ftm)"
    assert [p.description for p in s.evidence] == ["shareholdings"]
    assert a.ubo.ownership_basis == "computed"


def test_a_shareholder_list_that_agrees_with_the_register_is_no_finding() -> None:
    ftm = SourceRef(source="ftm", record_id="ownership-2")
    holdings = (
        Holding(owner=ANNA, owned=T, share_exact=80.0, ref=ftm),
        Holding(owner=CARL, owned=T, share_exact=20.0, ref=ftm),
    )
    assert kinds(bundle((psc(ANNA, T, "75-to-100"),), holdings)) == {}


def test_the_same_bods_statement_is_not_a_second_source() -> None:
    """A BODS statement declaring a direct shareholding as beneficial ownership yields an OWNS
    link and a declaration from one record: nothing to compare."""
    ref = SourceRef(source="bods", record_id="statement-1")
    holding = Holding(owner=ANNA, owned=T, share_exact=30.0, ref=ref)
    decl = Declaration(declared=ANNA, company=T, share_exact=30.0, declared_by="bods", ref=ref)
    a = assess(bundle((decl,), (holding,)), AS_OF)
    assert a.ubo.ownership_basis == "declared" and a.discrepancies == ()
    assert [o.person for o in a.ubo.beneficial_owners] == [ANNA]


def test_register_published_bods_statements_are_the_register() -> None:
    ref = SourceRef(source="bods", record_id="oo-register-1")
    decl = Declaration(
        declared=US,
        company=T,
        share_min=75,
        share_max=100,
        declared_by="bods-register",
        interests=("shareholding",),
        ref=ref,
    )
    a = assess(bundle((decl,)), AS_OF)
    assert a.signals == ()
    (rle,) = a.ubo.owned_by_legal_entities
    assert rle.entity == US and rle.declared_by == "bods-register"


def test_psc_statements_keep_their_meaning() -> None:
    def with_statement(reason: str) -> dict[str, int]:
        t = company(T, "ACME TRADING LIMITED", no_beneficial_owner_reason=reason)
        return kinds(bundle((), target=t))

    # No registrable person or RLE: no UBO, the senior managing officials instead.
    assert with_statement("no-individual-or-entity-with-signficant-control") == {"NO_UBO_FOUND": 2}
    # Not identified / not confirmed yet: a milder finding of its own.
    for pending in (
        "steps-to-find-psc-not-yet-completed",
        "psc-exists-but-not-identified",
        "psc-details-not-confirmed",
        "psc-contacted-but-no-response",
        "restrictions-notice-issued-to-psc",
    ):
        assert with_statement(pending) == {"UBO_REGISTER_STATEMENT": 2}, pending
    # Withheld by law.
    assert with_statement("super-secure-person-with-significant-control") == {
        "UBO_REGISTER_STATEMENT": 1
    }
    assert with_statement("psc-exempt-as-shares-admitted-on-market") == {
        "UBO_REGISTER_STATEMENT": 1
    }


def test_no_individual_statement_lists_the_senior_managing_officials() -> None:
    t = company(
        T, "ACME TRADING LIMITED",
        no_beneficial_owner_reason="no-individual-or-entity-with-signficant-control",
    )  # fmt: skip
    a = assess(bundle((), target=t), AS_OF)
    assert a.ubo.no_ubo_found and a.ubo.senior_managing_officials == (BOB,)
    (s,) = a.signals
    assert "Bob BROWN" in s.summary and a.rating.score == 2


def test_a_pending_statement_next_to_an_identified_psc_names_both() -> None:
    t = company(T, "ACME TRADING LIMITED", no_beneficial_owner_reason="psc-details-not-confirmed")
    a = assess(bundle((psc(ANNA, T, "25-to-50"),), target=t), AS_OF)
    (s,) = a.signals
    assert s.kind == SignalKind.UBO_REGISTER_STATEMENT and "Anna ADAMS" in s.summary
    assert [o.person for o in a.ubo.beneficial_owners] == [ANNA]


def test_psc_with_significant_influence_only_is_a_controller() -> None:
    sic = Declaration(
        declared=ANNA,
        company=T,
        control=True,
        interests=("significant-influence-or-control",),
        declared_by="psc",
    )
    a = assess(bundle((sic,)), AS_OF)
    (owner,) = a.ubo.beneficial_owners
    assert owner.control and owner.basis == ("declared", "control")
    assert owner.effective.hi == 25.0  # the register would name a share band above 25 %
    assert a.signals == ()
