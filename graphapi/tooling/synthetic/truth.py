"""Ground truth: which companies must (not) be flagged for each signal kind.

Signals whose rule is a plain fact of the world (insolvency, directors' past bankruptcies, late
director changes, hidden controllers, bans, phoenix features, ownership cycles) are derived from
the planted world by the rules of docs/analytics.md, so that incidental positives a scenario
creates are listed too (e.g. a subsidiary below a planted cycle); the other structural kinds
come from the planted cases. Background companies carry no risk by construction.

ground_truth.json:
  as_of, seed, version, params (the windows and thresholds the truth was derived with), counts,
  signals: {KIND: {positives: [company key], severity_cap: {company key: max severity},
                   hard_negatives: [{company, max_severity, why}],
                   unscored: [company key]}}   # unscored: rule-set dependent, not scored
  clean: active companies with no planted risk, plus clean_enough (the denominator of
         "clean companies rated >= 3"),
  clean_enough: positives only at severity <= 2 (widely held companies, intra-group cycles),
  persons: [{name, ch_name, birth_year_month, bankruptcies, cases, disqualified?}],
  cases: [{id, kind, positives, hard_negatives, unscored, description, persons, expected?}],
  changes, previous_as_of (version 2 only).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from graph_schema.names import company_search_name
from graphapi.tooling.synthetic.factory import add_months, fold
from graphapi.tooling.synthetic.params import DetectionParams
from graphapi.tooling.synthetic.world import Case, Company, Person, World

INSOLVENT_TYPES = frozenset(
    {"compulsory-liquidation", "creditors-voluntary-liquidation", "in-administration"}
)
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
]
DERIVED = {
    "COMPANY_INSOLVENT",
    "DIRECTOR_PAST_BANKRUPTCIES",
    "DISQUALIFIED_DIRECTOR",
    "HIDDEN_CONTROLLER",
    "PHOENIX_SUCCESSOR",
    "LATE_DIRECTOR_CHANGE",
    "CIRCULAR_OWNERSHIP",
}


@dataclass(frozen=True)
class BankruptcyCase:
    company: Company
    opened: date
    tier: str  # inOffice | leftShortlyBefore | leftLongerBefore


def insolvency_date(c: Company, as_of: date) -> date | None:
    dates = [i.opened for i in c.insolvency if i.case_type in INSOLVENT_TYPES and i.opened <= as_of]
    return min(dates) if dates else None


def _active(start: date, end: date | None, on: date) -> bool:
    return start <= on and (end is None or end > on)


def person_cases(
    companies: Iterable[Company], as_of: date, p: DetectionParams
) -> dict[int, list[BankruptcyCase]]:
    """§DIRECTOR_PAST_BANKRUPTCIES: mandate start <= t <= end + window, t within the horizon."""
    horizon = add_months(as_of, -p.horizon_months)
    cases: dict[int, dict[str, BankruptcyCase]] = defaultdict(dict)
    for c in companies:
        t = insolvency_date(c, as_of)
        if t is None or t < horizon:
            continue
        for m in c.mandates:
            if m.start > t or (m.end is not None and t > add_months(m.end, p.window_months)):
                continue
            if m.end is None or t <= m.end:
                tier = "inOffice"
            elif t <= add_months(m.end, 12):
                tier = "leftShortlyBefore"
            else:
                tier = "leftLongerBefore"
            cases[id(m.person)].setdefault(c.key, BankruptcyCase(c, t, tier))
    return {pid: list(v.values()) for pid, v in cases.items()}


def _controllers(c: Company, on: date, p: DetectionParams) -> list[Person]:
    """Persons with a >= threshold direct holding or a PSC entry at `on`."""
    found: dict[int, Person] = {}
    for h in c.holdings:
        if isinstance(h.holder, Person) and _active(h.start, h.end, on):
            if h.share.low() >= p.ubo_threshold_percent:
                found[id(h.holder)] = h.holder
    for psc in c.pscs:
        if isinstance(psc.holder, Person) and _active(psc.notified, psc.ceased, on):
            found[id(psc.holder)] = psc.holder
    return list(found.values())


def _similar(a: list[str], b: list[str], threshold: float) -> bool:
    """Token Jaccard >= threshold, or one name's words a run of the other's (whole words)."""
    ta, tb = set(a), set(b)
    if not ta or not tb:
        return False
    wa, wb = f" {' '.join(a)} ", f" {' '.join(b)} "
    return len(ta & tb) / len(ta | tb) >= threshold or wa in wb or wb in wa


def derive(world: World, p: DetectionParams) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The derived kinds' positives over the planted world, and what is left unscored: the
    insolvent predecessors of phoenix successors (a report may show the signal on both)."""
    as_of = world.as_of
    companies = world.companies
    cases = person_cases(companies, as_of, p)
    banned = {id(d.person) for d in world.disqualifications if d.start <= as_of <= d.end}
    out: dict[str, set[str]] = {k: set() for k in DERIVED}
    for c in companies:
        if insolvency_date(c, as_of):
            out["COMPANY_INSOLVENT"].add(c.key)
        directors = {id(m.person) for m in c.directors_at(as_of)}
        for pid in directors:
            if any(k.company is not c for k in cases.get(pid, [])):
                out["DIRECTOR_PAST_BANKRUPTCIES"].add(c.key)
            if pid in banned:
                out["DISQUALIFIED_DIRECTOR"].add(c.key)
        for person in _controllers(c, as_of, p):
            if id(person) in banned:
                out["DISQUALIFIED_DIRECTOR"].add(c.key)
            failed = any(k.company is not c for k in cases.get(id(person), []))
            if id(person) not in directors and (failed or id(person) in banned):
                out["HIDDEN_CONTROLLER"].add(c.key)
    _late_changes(companies, as_of, p, out["LATE_DIRECTOR_CHANGE"])
    predecessors: set[str] = set()
    _phoenixes(companies, as_of, p, out["PHOENIX_SUCCESSOR"], predecessors)
    out["CIRCULAR_OWNERSHIP"] = circular(companies, as_of)
    unscored = {
        "PHOENIX_SUCCESSOR": predecessors - out["PHOENIX_SUCCESSOR"],
    }
    return out, unscored


def _late_changes(
    companies: list[Company],
    as_of: date,
    p: DetectionParams,
    hits: set[str],
) -> None:
    """Rule A: a director leaving or arriving in the months before the insolvency flags the
    insolvent company and every live company where that person now holds a role (not an
    insolvent or dissolved one: §LATE_DIRECTOR_CHANGE says live)."""
    failed_of: dict[int, list[Company]] = defaultdict(list)
    for c in companies:
        t = insolvency_date(c, as_of)
        if t is None:
            continue
        lo = add_months(t, -p.late_change_months)
        for m in c.mandates:
            if (m.end is not None and lo < m.end < t) or lo < m.start < t:
                hits.add(c.key)
                failed_of[id(m.person)].append(c)
    if not failed_of:
        return
    for c in companies:
        holders = {id(m.person) for m in c.directors_at(as_of)}
        holders |= {id(x) for x in _controllers(c, as_of, p)}
        if any(x is not c for pid in holders for x in failed_of.get(pid, [])):
            if c.status == "active" and insolvency_date(c, as_of) is None:
                hits.add(c.key)


def circular(companies: list[Company], as_of: date) -> set[str]:
    """§CIRCULAR_OWNERSHIP: companies with an ownership cycle of >= 2 companies (valid at as-of)
    upstream of them or through them: the cycle's members and every company they own, directly
    or down a chain. Self-holdings (treasury shares) are not cycles of size >= 2."""
    owns: dict[int, list[Company]] = defaultdict(list)  # holder -> companies it holds
    for c in companies:
        for h in c.holdings:
            if (
                isinstance(h.holder, Company)
                and h.holder is not c
                and _active(h.start, h.end, as_of)
            ):
                owns[id(h.holder)].append(c)

    def reachable(start: Company) -> dict[int, Company]:
        seen: dict[int, Company] = {}
        todo = list(owns.get(id(start), []))
        while todo:
            c = todo.pop()
            if id(c) not in seen:
                seen[id(c)] = c
                todo.extend(owns.get(id(c), []))
        return seen

    below = {id(c): reachable(c) for c in companies}
    flagged: dict[int, Company] = {}
    for c in companies:
        if id(c) in below[id(c)]:  # c reaches itself through another company: on a cycle
            flagged[id(c)] = c
            flagged.update(below[id(c)])
    return {c.key for c in flagged.values()}


def _phoenixes(
    companies: list[Company],
    as_of: date,
    p: DetectionParams,
    hits: set[str],
    predecessors: set[str],
) -> None:
    """§PHOENIX_SUCCESSOR: incorporated within the window and sharing >= 2 features."""
    by_created = sorted(companies, key=lambda c: c.created)
    created = [c.created for c in by_created]
    tokens: dict[int, list[str]] = {}
    # Per company once, not per pair: a 1M-company world has about 10^8 pairs to look at.
    staff = {id(c): {id(m.person) for m in c.mandates} for c in companies}
    office = {id(c): fold(c.address.text) for c in companies}
    activity = {id(c): c.sic[0][:4] if c.sic else None for c in companies}

    def name_tokens(c: Company) -> list[str]:
        if id(c) not in tokens:
            tokens[id(c)] = company_search_name(c.name).split()
        return tokens[id(c)]

    for x in companies:
        t = insolvency_date(x, as_of)
        if t is None:
            continue
        lo, hi = add_months(t, -p.phoenix_months), add_months(t, p.phoenix_months)
        people = {
            id(m.person) for m in x.mandates if m.start <= t and (m.end is None or m.end >= lo)
        }
        x_office, x_activity = office[id(x)], activity[id(x)]
        for y in by_created[bisect_left(created, lo) : bisect_right(created, hi)]:
            if y is x:
                continue
            features = 0
            if not people.isdisjoint(staff[id(y)]):
                features += 1
            if x_office == office[id(y)]:
                features += 1
            if x_activity is not None and x_activity == activity[id(y)]:
                features += 1
            # The name test is the costly one: only when it can still make the count.
            if features + 1 >= p.phoenix_min_features and _similar(
                name_tokens(x), name_tokens(y), p.phoenix_name_jaccard
            ):
                features += 1
            if features >= p.phoenix_min_features:
                hits.add(y.key)
                predecessors.add(x.key)


def build(
    world: World,
    p: DetectionParams,
    *,
    seed: int,
    background_active: list[str],
    background_ended: list[str],
    background_total: int,
) -> dict[str, Any]:
    derived, extra_unscored = derive(world, p)
    # Owners of a dissolved company are not defined at as-of: UBO kinds are not scored there.
    ended = set(background_ended) | {c.key for c in world.companies if c.status == "dissolved"}
    extra_unscored.update({"NO_UBO_FOUND": ended, "UBO_DISCREPANCY": ended})
    signals: dict[str, dict[str, Any]] = {}
    capped: dict[str, int] = {}
    for kind in KINDS:
        positives = set(derived.get(kind, set()))
        hard: dict[str, dict[str, Any]] = {}
        unscored: set[str] = set(extra_unscored.get(kind, set()))
        caps: dict[str, int] = {}
        for case in world.cases:
            if case.kind != kind:
                continue
            positives.update(case.positives)
            unscored.update(case.unscored)
            if case.severity_cap is not None:
                caps.update({k: case.severity_cap for k in case.positives})
            for key in case.hard_negatives:
                hard[key] = {
                    "company": key,
                    "max_severity": case.max_severity,
                    "why": case.description,
                }
        clash = positives & set(hard)
        if clash:
            raise AssertionError(f"{kind}: hard negatives also positive: {sorted(clash)}")
        signals[kind] = {
            "positives": sorted(positives),
            "severity_cap": dict(sorted(caps.items())),
            "hard_negatives": [hard[k] for k in sorted(hard)],
            "unscored": sorted(unscored - positives),
        }
        capped.update(caps)
    flagged = set().union(*(set(s["positives"]) | set(s["unscored"]) for s in signals.values()))
    # Positives flagged at severity <= 2 only, and for nothing else: must not be rated >= 3.
    clean_enough = sorted(
        k
        for k, cap in capped.items()
        if cap <= 2 and all(k in s["severity_cap"] for s in signals.values() if k in s["positives"])
    )
    planted_clean = [
        c.key for c in world.companies if c.status == "active" and c.key not in flagged
    ]
    clean = sorted([*planted_clean, *background_active, *clean_enough])
    return {
        "as_of": world.as_of.isoformat(),
        "seed": seed,
        "params": p.as_dict(),
        "counts": {
            "companies": len(world.companies) + background_total,
            "planted_companies": len(world.companies),
            "background_companies": background_total,
            "clean": len(clean),
            "clean_enough": len(clean_enough),
            "positives": {k: len(v["positives"]) for k, v in signals.items()},
            "hard_negatives": {k: len(v["hard_negatives"]) for k, v in signals.items()},
        },
        "signals": signals,
        "clean": clean,
        "clean_enough": clean_enough,
        "persons": _bankrupt_persons(world, p),
        "cases": [_case(case) for case in world.cases],
    }


def _case(case: Case) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": case.case_id,
        "kind": case.kind,
        "positives": case.positives,
        "hard_negatives": case.hard_negatives,
        "unscored": case.unscored,
        "description": case.description,
        "persons": [_person(x) for x in case.persons],
    }
    if case.severity_cap is not None:
        row["severity_cap"] = case.severity_cap
    if case.expected:
        row["expected"] = case.expected
    return row


def _person(x: Person) -> dict[str, str]:
    return {"name": x.full_name, "ch_name": x.ch_name, "birth_year_month": x.birth_year_month}


def _bankrupt_persons(world: World, p: DetectionParams) -> list[dict[str, Any]]:
    """Persons with bankruptcy history (for Person.bankruptcyHistory) or a ban."""
    cases = person_cases(world.companies, world.as_of, p)
    people: dict[int, Person] = {}
    for c in world.companies:
        for m in c.mandates:
            people.setdefault(id(m.person), m.person)
    bans = {id(d.person): d for d in world.disqualifications}
    rows = []
    for pid, person in people.items():
        mine = cases.get(pid, [])
        if not mine and pid not in bans:
            continue
        row: dict[str, Any] = {
            **_person(person),
            "bankruptcies": len(mine),
            "cases": sorted(
                (
                    {
                        "company": k.company.key,
                        "insolvency_date": k.opened.isoformat(),
                        "tier": k.tier,
                    }
                    for k in mine
                ),
                key=lambda r: (r["insolvency_date"], r["company"]),
            ),
        }
        if pid in bans:
            d = bans[pid]
            row["disqualified"] = {"from": d.start.isoformat(), "until": d.end.isoformat()}
        rows.append(row)
    return sorted(rows, key=lambda r: (r["name"], r["birth_year_month"]))
