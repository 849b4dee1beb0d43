"""Version 2 of a world, for change monitoring: the same companies, then, after version 1's
as-of date, one planted company goes insolvent and another changes its director.

Version 1 already contains both companies (clean then); version 2 adds the events, moves the
ground truth's as-of date three months on and plants what the events entail.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from graphapi.tooling.synthetic.background import adult
from graphapi.tooling.synthetic.factory import add_months
from graphapi.tooling.synthetic.plant_history import Planter

UPDATE_MONTHS = 3


def plant_future(p: Planter) -> None:
    """Clean in version 1: a company whose director also runs another company, and a company
    with two directors."""
    f = p.f
    boss = adult(f, p.ago(120), 35, 55)
    doomed = p.live(p.ago(60, 200), [boss, adult(f, p.ago(60))])
    sibling = p.live(p.ago(40, 200), [boss])
    first, second = adult(f, p.ago(80)), adult(f, p.ago(80))
    changing = p.live(p.ago(70, 200), [first, second])
    p.w.future = {"doomed": doomed, "sibling": sibling, "changing": changing}


def apply_update(p: Planter) -> list[dict[str, Any]]:
    """Make version 2: the events happen after the version 1 date; return the change log.

    The plan for version 2: the doomed company is insolvent (5) and its director, still in
    office, is a past-bankruptcies case (3) on the sibling company he also directs."""
    f, world = p.f, p.w
    old = world.as_of
    doomed = world.future["doomed"]
    sibling = world.future["sibling"]
    changing = world.future["changing"]
    world.as_of = f.as_of = add_months(old, UPDATE_MONTHS)
    opened = old + timedelta(days=30)
    # A watched company's update fetch gets its insolvency document (no gap here).
    p.insolve(doomed, "creditors-voluntary-liquidation", opened).documented = True
    boss = sibling.mandates[0].person
    p.expect_history(boss, [sibling], f"{boss.full_name} directs {doomed.name}, now insolvent")
    changed_on = old + timedelta(days=45)
    leaver = changing.mandates[0]
    leaver.end = changed_on
    f.file_termination(changing, leaver.person, changed_on)
    newcomer = adult(f, changed_on)
    f.appoint(changing, newcomer, changed_on)
    return [
        {
            "company": doomed.key,
            "change": "insolvency",
            "date": opened.isoformat(),
            "detail": "creditors-voluntary-liquidation",
        },
        {
            "company": changing.key,
            "change": "director_change",
            "date": changed_on.isoformat(),
            "detail": f"{leaver.person.full_name} resigned; {newcomer.full_name} appointed",
        },
    ]
