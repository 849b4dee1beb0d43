"""Ground truth: the generator's plan, as its planters recorded it while planting.

Every planted case names the companies that must be flagged for a signal kind and the severity
each must get, the hard negatives with the highest severity they may get, and what is left
unscored (rule-set dependent). Nothing here looks at the written files or applies a detection
rule to them: the truth is what was planted. Background companies carry no risk by
construction.

ground_truth.json:
  as_of, seed, version, params (detection defaults planted against), counts,
  signals: {KIND: {positives: [company key], severity: {company key: severity},
                   hard_negatives: [{company, max_severity, why}], unscored: [company key]}},
  clean: active companies the plan expects to be rated at most 2 (no planted signal of
         severity >= 3, nothing unscored): the denominator of "clean companies rated >= 3",
  persons: [{name, ch_name, birth_year_month, bankruptcies, cases, disqualified?}],
  cases: [{id, kind, positives: {company: severity}, hard_negatives: {company: max},
           unscored, description, persons, expected?}],
  changes, previous_as_of (version 2 only).
"""

from __future__ import annotations

from typing import Any

from graphapi.tooling.synthetic.factory import add_months
from graphapi.tooling.synthetic.params import DetectionParams
from graphapi.tooling.synthetic.world import Case, Person, World

KINDS = [
    "COMPANY_INSOLVENT",
    "DIRECTOR_PAST_BANKRUPTCIES",
    "DISQUALIFIED_DIRECTOR",
    "HIDDEN_CONTROLLER",
    "FRONT_PERSON",
    "PHOENIX_SUCCESSOR",
    "LATE_DIRECTOR_CHANGE",
    "MASS_REGISTRATION_ADDRESS",
    "DORMANT_REACTIVATION",
    "CIRCULAR_OWNERSHIP",
    "UBO_DISCREPANCY",
    "NO_UBO_FOUND",
    "UBO_REGISTER_STATEMENT",
]
# A planted signal of this severity or more makes its company not "clean" (rated >= 3).
SEVERE = 3


def _signals(world: World) -> dict[str, dict[str, Any]]:
    signals: dict[str, dict[str, Any]] = {}
    for kind in KINDS:
        severity: dict[str, int] = {}
        hard: dict[str, tuple[int, str]] = {}
        unscored: set[str] = set()
        for case in world.cases:
            if case.kind != kind:
                continue
            for key, sev in case.positives.items():
                severity[key] = max(sev, severity.get(key, 0))
            for key, most in case.hard_negatives.items():
                if key not in hard or most < hard[key][0]:
                    hard[key] = (most, case.description)
            unscored.update(case.unscored)
        clash = set(severity) & set(hard)
        if clash:
            raise AssertionError(f"{kind}: planted both ways: {sorted(clash)}")
        signals[kind] = {
            "positives": sorted(severity),
            "severity": dict(sorted(severity.items())),
            "hard_negatives": [
                {"company": k, "max_severity": most, "why": why}
                for k, (most, why) in sorted(hard.items())
            ],
            "unscored": sorted(unscored - set(severity)),
        }
    return signals


def build(
    world: World,
    p: DetectionParams,
    *,
    seed: int,
    background_active: list[str],
    background_total: int,
) -> dict[str, Any]:
    signals = _signals(world)
    severe = {k for s in signals.values() for k, sev in s["severity"].items() if sev >= SEVERE}
    unscored = {k for s in signals.values() for k in s["unscored"]}
    planted_clean = [
        c.key
        for c in world.companies
        if c.status == "active" and c.key not in severe and c.key not in unscored
    ]
    clean = sorted({*planted_clean, *background_active})
    return {
        "as_of": world.as_of.isoformat(),
        "seed": seed,
        "params": p.as_dict(),
        "counts": {
            "companies": len(world.companies) + background_total,
            "planted_companies": len(world.companies),
            "background_companies": background_total,
            "clean": len(clean),
            "positives": {k: len(v["positives"]) for k, v in signals.items()},
            "hard_negatives": {k: len(v["hard_negatives"]) for k, v in signals.items()},
        },
        "signals": signals,
        "clean": clean,
        "persons": _bankrupt_persons(world, p),
        "cases": [_case(case) for case in world.cases],
    }


def _case(case: Case) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": case.case_id,
        "kind": case.kind,
        "positives": dict(case.positives),
        "hard_negatives": dict(case.hard_negatives),
        "unscored": case.unscored,
        "description": case.description,
        "persons": [_person(x) for x in case.persons],
    }
    if case.expected:
        row["expected"] = case.expected
    return row


def _person(x: Person) -> dict[str, str]:
    return {"name": x.full_name, "ch_name": x.ch_name, "birth_year_month": x.birth_year_month}


def _bankrupt_persons(world: World, p: DetectionParams) -> list[dict[str, Any]]:
    """Persons with a planted bankruptcy history (Person.bankruptcyHistory) or a ban."""
    horizon = add_months(world.as_of, -p.horizon_months)
    bans = {id(d.person): d for d in world.disqualifications}
    people: dict[int, Person] = {pid: person for pid, (person, _) in world.failures.items()}
    people.update({pid: d.person for pid, d in bans.items()})
    rows = []
    for pid, person in people.items():
        _, failures = world.failures.get(pid, (person, []))
        mine = [x for x in failures if horizon <= x.opened <= world.as_of]
        row: dict[str, Any] = {
            **_person(person),
            "bankruptcies": len(mine),
            "cases": sorted(
                (
                    {
                        "company": x.company.key,
                        "insolvency_date": x.opened.isoformat(),
                        "tier": x.tier,
                    }
                    for x in mine
                ),
                key=lambda r: (r["insolvency_date"], r["company"]),
            ),
        }
        if pid in bans:
            d = bans[pid]
            row["disqualified"] = {"from": d.start.isoformat(), "until": d.end.isoformat()}
        rows.append(row)
    return sorted(rows, key=lambda r: (r["name"], r["birth_year_month"]))
