"""Declared against computed beneficial owners (docs/analytics.md §UBO_DISCREPANCY)."""

from datetime import date

from graph_schema.signal_params import RuleSet, UboRules
from graphapi.analytics.model import CompanyFacts, Declaration, Holding
from graphapi.analytics.ubo.discrepancies import (
    DiscrepancyKind,
    compare_declarations,
    declared_at,
    disjoint,
)
from graphapi.analytics.ubo.owners import Bound, compute_ubo
from tests.unit.analytics.worked_example import P, Q, R, own, worked_cycle

AS_OF = date(2025, 6, 30)
PEOPLE = {P, Q, R}


def declared(
    who: str, lo: float | None = None, hi: float | None = None, **kw: object
) -> Declaration:
    return Declaration(
        declared=who,
        company="T",
        share_min=lo,
        share_max=hi,
        share_min_exclusive=lo is not None,
        **kw,
    )


def kinds(
    holdings: list[Holding],
    decls: list[Declaration],
    rules: UboRules | None = None,
    companies: dict[str, CompanyFacts] | None = None,
) -> list[tuple[str, str]]:
    ubo = compute_ubo("T", holdings, [], PEOPLE, AS_OF, rules)
    found = compare_declarations(ubo, decls, PEOPLE, companies or {}, AS_OF)
    for d in found:
        assert (rules or UboRules()).describe() in d.detail or d.kind in (
            DiscrepancyKind.INELIGIBLE_CORPORATE_BO,
        )
    return sorted((d.kind.value, d.entity) for d in found)


def test_consistent_register_has_no_discrepancy() -> None:
    hs = [own(P, "T", 60), own(Q, "T", 40)]
    assert kinds(hs, [declared(P, 50, 75), declared(Q, 25, 50)]) == []


def test_missing_unsupported_and_band_mismatch() -> None:
    hs = [own(P, "T", 60), own(Q, "T", 30), own(R, "T", 10)]
    decls = [declared(P, 75, 100), declared(R)]  # P's band is wrong, R is below threshold
    assert kinds(hs, decls) == [
        ("BAND_MISMATCH", P),
        ("MISSING_DECLARED", Q),
        ("UNSUPPORTED_DECLARED", R),
    ]


def test_declared_none_while_a_bo_is_computed() -> None:
    companies = {"T": CompanyFacts(key="T", no_beneficial_owner_reason="noBeneficialOwners")}
    assert kinds([own(P, "T", 100)], [], companies=companies) == [
        ("DECLARED_NONE", "T"),
        ("MISSING_DECLARED", P),
    ]


def test_corporate_declarations_and_relevant_legal_entities() -> None:
    hs = [own("GB-COH-00000001", "T", 100), own(P, "GB-COH-00000001", 100)]
    # A UK relevant legal entity may be declared and covers the persons above it.
    assert kinds(hs, [declared("GB-COH-00000001")]) == []
    hs2 = [own("XI-LEI-ABC", "T", 100), own(P, "XI-LEI-ABC", 100)]
    assert kinds(hs2, [declared("XI-LEI-ABC")]) == [
        ("INELIGIBLE_CORPORATE_BO", "XI-LEI-ABC"),
        ("MISSING_DECLARED", P),
    ]


def test_uk_rule_set_compares_attributed_stake() -> None:
    hs = [own(P, "H", 60), own(Q, "H", 40), own("H", "T", 100)]
    rules = UboRules(rule_set=RuleSet.UK_PSC)
    assert kinds(hs, [declared(P, 75, 100)], rules) == []
    assert kinds(hs, [declared(P, 50, 75)], rules) == [("BAND_MISMATCH", P)]


def test_ended_declarations_are_ignored() -> None:
    old = declared(P, 50, 75, end=date(2024, 1, 1))
    assert kinds([own(P, "T", 60)], [old]) == [("MISSING_DECLARED", P)]


def test_disjoint_respects_exclusive_ends() -> None:
    assert disjoint(Bound(lo=25, hi=50, lo_exclusive=True), Bound(lo=50, hi=75, lo_exclusive=True))
    assert not disjoint(Bound(lo=25, hi=50), Bound(lo=50, hi=75))
    assert disjoint(Bound(lo=10, hi=20), Bound(lo=30, hi=40))


def test_no_register_data_is_not_a_discrepancy() -> None:
    assert kinds([own(P, "T", 100)], []) == []
    other = Declaration(declared=P, company="OTHER")
    assert kinds([own(P, "T", 100)], [other]) == []


WORKED_CYCLE = worked_cycle()


def test_art54a_owner_declared_with_the_controlled_entitys_band_is_consistent() -> None:
    """§Worked examples, the cycle: P holds 19.57 % multiplied, but controls A (60 %), which holds a
    direct 30 % of T; the register's 25-50 % entry for P is right under AMLR and UK rules."""
    register = [declared(P, 25, 50), declared(Q, 25, 50), declared(R, 25, 50)]
    assert kinds(WORKED_CYCLE, register) == []
    assert kinds(WORKED_CYCLE, register, UboRules(rule_set=RuleSet.UK_PSC)) == []


def test_art54a_owner_with_a_band_matching_neither_stake_is_a_mismatch() -> None:
    register = [declared(P, 75, 100), declared(Q, 25, 50), declared(R, 25, 50)]
    assert kinds(WORKED_CYCLE, register) == [("BAND_MISMATCH", P)]


def test_plain_owner_is_compared_with_the_multiplied_share_only() -> None:
    # X holds 40 % of H (not a majority), H holds 100 % of T: X's AMLR stake is 40 %, so a
    # register entry of 75-100 % for X does not match, whatever H's own stake is.
    hs = [own(P, "H", 40), own(Q, "H", 60), own("H", "T", 100)]
    assert ("BAND_MISMATCH", P) in kinds(hs, [declared(P, 75, 100), declared(Q, 50, 75)])


def test_declared_owners_keep_an_exact_share_a_band_and_no_share() -> None:
    """A BODS or UBO-register statement may give an exact share (`share.exact`); the declared
    owners the API and ubo-check list show it, as they show a PSC band; an ended declaration and
    another company's are not listed."""
    exact = Declaration(declared=P, company="T", share_exact=60.0, declared_by="bods")
    band = declared(Q, 25, 50)
    control_only = Declaration(declared=R, company="T", control=True)
    ended = Declaration(declared=P, company="T", share_exact=10.0, end=date(2024, 1, 1))
    other = Declaration(declared=P, company="U", share_exact=100.0)
    listed = declared_at([exact, band, control_only, ended, other], "T", AS_OF)
    assert [(d.declared, b.label if b else None) for d, b in listed] == [
        (P, "60.00 %"),
        (Q, "(25.00, 50.00] %"),
        (R, None),
    ]
