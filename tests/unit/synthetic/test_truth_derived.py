"""Ground truth derived from the world by the rules of docs/analytics.md (not from planted case
lists)."""

import random
from datetime import date

from graphapi.analytics.signals.model import SignalParams
from graphapi.tooling.synthetic.background import adult, ordinary
from graphapi.tooling.synthetic.factory import Factory
from graphapi.tooling.synthetic.params import PARAMS
from graphapi.tooling.synthetic.truth import circular, derive
from graphapi.tooling.synthetic.world import Company, World

AS_OF = date(2026, 6, 30)
START = date(2020, 1, 1)


def companies(n: int) -> tuple[Factory, list[Company]]:
    f = Factory(random.Random(7), AS_OF)
    made = []
    for _ in range(n):
        boss = adult(f, START)
        made.append(ordinary(f, START, directors=[boss], owners=[(boss, 60.0)]))
    return f, made


def test_cycle_members_and_companies_below_them_are_positives() -> None:
    """§CIRCULAR_OWNERSHIP: a cycle reachable upstream of the target, so a subsidiary of a
    cycle member counts; a company that only owns a cycle member does not (the cycle is
    downstream)."""
    f, (a, b, sub, subsub, top, alone) = companies(6)
    f.own(a, b, 40.0, START, declare=False)
    f.own(b, a, 40.0, START, declare=False)
    f.own(sub, a, 40.0, START, declare=False)
    f.own(subsub, sub, 40.0, START, declare=False)
    f.own(a, top, 10.0, START, declare=False)  # top holds part of a cycle member
    assert circular([a, b, sub, subsub, top, alone], AS_OF) == {a.key, b.key, sub.key, subsub.key}


def test_ended_holdings_and_self_holdings_are_not_cycles() -> None:
    f, (a, b, c) = companies(3)
    f.own(a, b, 40.0, START, declare=False)
    f.own(b, a, 40.0, START, declare=False)
    a.holdings[-1].end = date(2024, 1, 1)  # the cycle was broken before as-of
    f.own(c, c, 5.0, START, declare=False)  # treasury shares: reported separately
    assert circular([a, b, c], AS_OF) == set()


def test_late_director_change_truth_lists_live_companies_only() -> None:
    """§LATE_DIRECTOR_CHANGE rule A: the insolvent company and the late mover's live
    companies; another company of his that is itself insolvent (with no late change of its own)
    is a negative."""
    f, (failed, live, sunk) = companies(3)
    leaver = adult(f, START)
    f.appoint(failed, leaver, START, date(2025, 9, 1))  # left 4 months before the insolvency
    f.insolve(failed, "compulsory-liquidation", date(2026, 1, 5))
    f.appoint(live, leaver, START)
    f.appoint(sunk, leaver, START)
    f.insolve(sunk, "compulsory-liquidation", date(2026, 3, 1))
    world = World(AS_OF, companies=[failed, live, sunk])
    positives, unscored = derive(world, PARAMS)
    assert positives["LATE_DIRECTOR_CHANGE"] == {failed.key, live.key}
    assert "LATE_DIRECTOR_CHANGE" not in unscored


def test_the_truth_is_derived_with_the_analytics_defaults() -> None:
    # Another window or threshold here would score the rules against another definition.
    rules = SignalParams()
    assert (
        PARAMS.window_months,
        PARAMS.horizon_months,
        PARAMS.late_change_months,
        PARAMS.phoenix_months,
        PARAMS.phoenix_name_jaccard,
        PARAMS.ubo_threshold_percent,
    ) == (
        rules.window_months,
        rules.horizon_months,
        rules.late_change_months,
        rules.phoenix_window_months,
        rules.phoenix_name_jaccard,
        rules.hidden_owner_threshold,
    )
