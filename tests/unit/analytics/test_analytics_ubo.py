"""The UBO engine on the worked examples and threshold boundary cases of docs/analytics.md
§Worked examples."""

from datetime import date

import pytest

from graph_schema.signal_params import RuleSet, UboRules
from graphapi.analytics.model import ControlLink, Holding, Mandate
from graphapi.analytics.ubo.owners import compute_ubo
from tests.unit.analytics.worked_example import P, Q, R, own, worked_cycle

AS_OF = date(2025, 6, 30)
X, Y = "person-x", "person-y"
PEOPLE = {P, Q, R, X, Y}


def band(owner: str, owned: str, lo: float, hi: float) -> Holding:
    """A PSC-style band: more than lo, not more than hi."""
    return Holding(owner=owner, owned=owned, share_min=lo, share_max=hi, share_min_exclusive=True)


# §Worked examples: T held 30 % by A, 40 % by B, 30 % by R; A = 60 % P + 40 % Q;
# B = 80 % Q + 20 % T.
CYCLE = worked_cycle()


def test_worked_example_walk_sum_not_simple_paths() -> None:
    result = compute_ubo("T", CYCLE, [], PEOPLE, AS_OF)
    eff = {o.person: o.effective for o in result.owners}
    assert eff[P].lo == pytest.approx(19.5652, abs=1e-3)
    assert eff[Q].lo == pytest.approx(47.8261, abs=1e-3)
    assert eff[R].lo == pytest.approx(32.6087, abs=1e-3)
    assert all(b.exact for b in eff.values())
    assert sum(b.lo for b in eff.values()) == pytest.approx(100.0)
    # the simple-path products (18 % and 44 %) are what the walk sum must NOT return
    assert eff[P].lo != pytest.approx(18.0, abs=0.5)
    assert eff[Q].lo != pytest.approx(44.0, abs=0.5)
    # and they are the walk sums scaled down by the 8 % that flows back to T
    assert eff[P].lo * 0.92 == pytest.approx(18.0)
    assert eff[Q].lo * 0.92 == pytest.approx(44.0)


def test_worked_example_circular_report() -> None:
    circ = compute_ubo("T", CYCLE, [], PEOPLE, AS_OF).circular
    assert circ.components == (("B", "T"),)
    assert circ.target_first_return == pytest.approx(8.0)  # 0.2 x 0.4 along the cycle
    assert circ.target_self_ownership == pytest.approx(8 / 0.92)  # (A(I-A)^-1)[t,t]
    (cycle,) = circ.cycle_paths
    assert cycle.product_lo == pytest.approx(8.0)
    assert {h.share for h in cycle.hops} == {"20.00 %", "40.00 %"}
    assert not circ.outside_owners_unknown


def test_worked_example_amlr_p_is_bo_only_through_art_54a() -> None:
    result = compute_ubo("T", CYCLE, [], PEOPLE, AS_OF)
    p, q, r = (result.owner(k) for k in (P, Q, R))
    assert p is not None and q is not None and r is not None
    assert p.status == "certain" and p.basis == ("art54a",)  # 19.57 % alone is below 25 %
    assert "ownership" in q.basis and r.basis == ("ownership",)
    assert not result.no_ubo_found


def test_worked_example_uk_majority_chains() -> None:
    result = compute_ubo("T", CYCLE, [], PEOPLE, AS_OF, UboRules(rule_set=RuleSet.UK_PSC))
    attributed = {o.person: (o.attributed.lo, o.uk_band, o.status) for o in result.owners}
    assert attributed == {
        P: (30.0, "25-50", "certain"),
        Q: (40.0, "25-50", "certain"),
        R: (30.0, "25-50", "certain"),
    }


SECOND = [own(X, "H", 40), own(Y, "H", 60), own("H", "T", 100)]


def test_second_example_amlr_multiplies() -> None:
    result = compute_ubo("T", SECOND, [], PEOPLE, AS_OF)
    x, y = result.owner(X), result.owner(Y)
    assert x is not None and y is not None
    assert (x.effective.lo, x.status) == (40.0, "certain")
    assert (y.effective.lo, y.status) == (60.0, "certain")
    assert y.control and not x.control


def test_second_example_uk_attributes_whole_stake_to_majority_holder() -> None:
    result = compute_ubo("T", SECOND, [], PEOPLE, AS_OF, UboRules(rule_set=RuleSet.UK_PSC))
    x, y = result.owner(X), result.owner(Y)
    assert x is not None and y is not None
    assert (y.attributed.lo, y.uk_band, y.status) == (100.0, "75-100", "certain")
    assert (x.attributed.hi, x.status) == (0.0, "not")


def test_ranges_multiply_with_exclusive_flags() -> None:
    result = compute_ubo("T", [band(P, "A", 50, 75), band("A", "T", 25, 50)], [], PEOPLE, AS_OF)
    p = result.owner(P)
    assert p is not None
    assert (p.effective.lo, p.effective.hi) == (12.5, 37.5)
    assert p.effective.lo_exclusive and not p.effective.hi_exclusive
    assert p.effective.label == "(12.50, 37.50] %"
    # (12.5, 37.5] straddles 25 %: a possible BO by ownership; P controls A (> 50 %), which
    # holds more than 25 % of T, so Art. 54(a) makes P a certain BO anyway.
    assert p.status == "certain" and p.basis == ("art54a",)


def test_owner_of_a_controlling_holder_is_certain_through_art_54b() -> None:
    # A holds more than 50 % of T (control); P holds more than 25 % of A.
    result = compute_ubo("T", [band(P, "A", 25, 50), band("A", "T", 50, 75)], [], PEOPLE, AS_OF)
    p = result.owner(P)
    assert p is not None and p.effective.label == "(12.50, 37.50] %"
    assert p.status == "certain" and p.basis == ("art54b",)


def test_band_straddling_threshold_is_possible_not_certain() -> None:
    hs = [Holding(owner=P, owned="T", share_min=20, share_max=30), own(Q, "T", 70)]
    result = compute_ubo("T", hs, [], PEOPLE, AS_OF)
    p = result.owner(P)
    assert p is not None and p.effective.label == "[20.00, 30.00] %"
    assert p.status == "possible" and p.basis == ("ownership",)
    assert result.beneficial_owners == (p, result.owner(Q))


@pytest.mark.parametrize(("operator", "status"), [(">", "not"), (">=", "certain")])
def test_exactly_25_percent_depends_on_operator(operator: str, status: str) -> None:
    rules = UboRules(operator=operator)
    result = compute_ubo("T", [own(P, "T", 25), own(Q, "T", 75)], [], PEOPLE, AS_OF, rules)
    p = result.owner(P)
    assert p is not None and p.effective.lo == 25.0 and p.status == status


def test_exactly_25_via_chain_of_ranges_uses_exclusive_bound() -> None:
    # "more than 50 %" x exactly 50 % = more than 25 %: certain even under ">"
    hs = [band(P, "A", 50, 100), own("A", "T", 50)]
    p = compute_ubo("T", hs, [], PEOPLE, AS_OF).owner(P)
    assert p is not None and p.effective.lo == 25.0 and p.effective.lo_exclusive
    assert "ownership" in p.basis


def test_25_percent_plus_one_share_clears_strict_threshold() -> None:
    hs = [own(P, "T", 25.0001), own(Q, "T", 74.9999)]
    p = compute_ubo("T", hs, [], PEOPLE, AS_OF).owner(P)
    assert p is not None and p.status == "certain"


def test_as_of_excludes_ended_and_future_holdings() -> None:
    hs = [
        own(P, "T", 60, end=date(2025, 6, 30)),
        own(Q, "T", 60, start=date(2025, 6, 30)),
        own(R, "T", 40, start=date(2025, 7, 1)),
    ]
    result = compute_ubo("T", hs, [], PEOPLE, AS_OF)
    assert [o.person for o in result.owners] == [Q]
    earlier = compute_ubo("T", hs, [], PEOPLE, date(2025, 6, 29))
    assert [o.person for o in earlier.owners] == [P]


def test_art_54a_control_of_direct_holder() -> None:
    # P controls A through a control link only (no shares), and A holds 30 % of T directly.
    result = compute_ubo(
        "T",
        [own("A", "T", 30), own(Q, "T", 70)],
        [ControlLink(controller=P, controlled="A", interests=("appointmentOfBoard",))],
        PEOPLE,
        AS_OF,
    )
    p = result.owner(P)
    assert p is not None and p.status == "certain" and p.basis == ("art54a",)
    assert p.effective.hi == 0.0  # no ownership at all, BO by control of the holder


def test_art_54b_owner_of_controlling_entity() -> None:
    # C controls T by board appointment rights; P owns 30 % of C: BO under Art. 54(b).
    result = compute_ubo(
        "T",
        [own(P, "C", 30), own(Q, "C", 70), own(R, "T", 100)],
        [ControlLink(controller="C", controlled="T")],
        PEOPLE,
        AS_OF,
    )
    p = result.owner(P)
    assert p is not None and p.basis == ("art54b",) and p.status == "certain"
    q = result.owner(Q)
    assert q is not None and q.control  # 70 % of C, which controls T: control chain


def test_control_chain_needs_control_at_each_level() -> None:
    # 60 % of A, A holds 40 % of T: no control of T; 24 % effective: not a BO under AMLR.
    result = compute_ubo(
        "T",
        [own(P, "A", 60), own("A", "T", 40), own(Q, "T", 60)],
        [],
        PEOPLE,
        AS_OF,
        UboRules(threshold=25.0),
    )
    p = result.owner(P)
    assert p is not None and not p.control and p.effective.lo == pytest.approx(24.0)
    assert p.status == "certain" and p.basis == ("art54a",)  # A holds 40 % > 25 %


def test_no_ubo_found_returns_senior_managing_officials() -> None:
    hs = [own(f"person-{i}", "T", 10) for i in range(10)]
    mandates = [
        Mandate(person=P, company="T", role="director", start=date(2020, 1, 1)),
        Mandate(person=Q, company="T", role="secretary", start=date(2020, 1, 1)),
        Mandate(person=R, company="T", role="director", end=date(2024, 1, 1)),
    ]
    people = {f"person-{i}" for i in range(10)}
    result = compute_ubo("T", hs, [], people, AS_OF, mandates=mandates)
    assert result.no_ubo_found
    assert result.senior_managing_officials == (P,)
    assert result.unattributed.hi == pytest.approx(0.0)


def test_listed_target_is_exempt_and_listed_parent_stops_look_through() -> None:
    hs = [own("L", "T", 80), own(P, "L", 100), own(Q, "T", 20)]
    result = compute_ubo("T", hs, [], PEOPLE, AS_OF, listed={"L"})
    assert result.exempt_entities == ("L",) and result.owner(P) is None
    assert compute_ubo("T", hs, [], PEOPLE, AS_OF, listed={"T"}).exempt


def test_cycle_without_outside_owner_does_not_diverge() -> None:
    # A and B own each other 100 % and T; nobody outside: no person, unknown owners.
    hs = [own("A", "B", 100), own("B", "A", 100), own("A", "T", 100)]
    result = compute_ubo("T", hs, [], PEOPLE, AS_OF)
    assert result.owners == () and result.no_ubo_found
    assert result.circular.outside_owners_unknown
    assert result.unattributed.lo == 100.0


def test_unknown_share_is_a_full_range() -> None:
    result = compute_ubo("T", [Holding(owner=P, owned="T")], [], PEOPLE, AS_OF)
    p = result.owner(P)
    assert p is not None and (p.effective.lo, p.effective.hi) == (0.0, 100.0)
    assert p.status == "possible"


def test_duplicate_records_of_one_holding_are_not_added() -> None:
    hs = [own(P, "T", 20, interest="shareholding"), own(P, "T", 20, interest="votingRights")]
    p = compute_ubo("T", hs, [], PEOPLE, AS_OF).owner(P)
    assert p is not None and p.effective.lo == 20.0


def test_paths_explain_every_route() -> None:
    result = compute_ubo("T", CYCLE, [], PEOPLE, AS_OF)
    q = result.owner(Q)
    assert q is not None
    routes = sorted(p.nodes for p in q.paths)
    assert routes == [(Q, "A", "T"), (Q, "B", "T")]
    assert sorted(p.product_lo for p in q.paths) == pytest.approx(
        [12.0, 32.0]
    )  # 40 % x 30 %, 80 % x 40 %


def test_cycle_with_unknown_shares_bounds_stay_valid() -> None:
    # A and B hold each other with unknown shares: the upper walk sum diverges, so the only
    # safe upper bound is 100 %; the lower bound still uses the known 40 % direct stake.
    hs = [
        own(P, "T", 40),
        own("A", "T", 60),
        Holding(owner="A", owned="B"),
        Holding(owner="B", owned="A"),
        own(Q, "A", 50),
    ]
    result = compute_ubo("T", hs, [], PEOPLE, AS_OF)
    p, q = result.owner(P), result.owner(Q)
    assert p is not None and q is not None
    assert (p.effective.lo, p.effective.hi) == (40.0, 100.0)
    assert q.effective.lo == pytest.approx(30.0) and q.effective.hi == 100.0
    assert result.circular.components == (("A", "B"),)


def test_depth_cap_marks_result_truncated() -> None:
    chain = [own(f"E{i + 1}", f"E{i}", 100) for i in range(5)] + [own(P, "E5", 100)]
    capped = compute_ubo("E0", chain, [], PEOPLE, AS_OF, UboRules(max_depth=3))
    assert capped.truncated and capped.owners == ()
    full = compute_ubo("E0", chain, [], PEOPLE, AS_OF)
    p = full.owner(P)
    assert not full.truncated and p is not None and p.effective.lo == 100.0
    assert len(p.paths[0].hops) == 6


def test_treasury_shares_are_reported_and_redistributed() -> None:
    hs = [own("T", "T", 10), own(P, "T", 45), own(Q, "T", 45)]
    result = compute_ubo("T", hs, [], PEOPLE, AS_OF)
    assert result.circular.self_holdings == ("T",) and result.circular.components == ()
    p = result.owner(P)
    assert p is not None and p.effective.lo == pytest.approx(50.0)  # 45 / 0.9


def test_long_cycle_converges_and_respects_the_depth_cap() -> None:
    # 70 companies in a ring, each 100 % owned by the previous one except C0, which is held
    # 50 % by the last company and 50 % by P: P is the only outside owner of everything.
    ring = [own(f"C{i}", f"C{i + 1}", 100) for i in range(69)]
    hs = [*ring, own("C69", "C0", 50), own(P, "C0", 50)]
    assert compute_ubo("C35", hs, [], PEOPLE, AS_OF).truncated  # default depth cap 25
    result = compute_ubo("C35", hs, [], PEOPLE, AS_OF, UboRules(max_depth=100))
    p = result.owner(P)
    assert p is not None and p.effective.lo == pytest.approx(100.0)
    assert len(result.circular.components[0]) == 70
    assert result.circular.target_first_return == pytest.approx(50.0)


def test_art_54a_adds_stakes_of_several_entities_controlled_by_one_person() -> None:
    hs = [
        own(P, "A", 60),
        own(P, "B", 60),
        own("A", "T", 15),
        own("B", "T", 15),
        own(Q, "A", 40),
        own(Q, "B", 40),
        own(R, "T", 70),
    ]
    p = compute_ubo("T", hs, [], PEOPLE, AS_OF).owner(P)
    assert p is not None and p.effective.lo == pytest.approx(18.0)  # 0.6 x 30 %
    assert p.basis == ("art54a",)  # A and B together hold 30 % and P controls both
