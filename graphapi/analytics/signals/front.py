"""FRONT_PERSON (katvanger / stroman / homme de paille / nominee director), docs/analytics.md
§FRONT_PERSON.

Indicators for each current director d of the target:
  i   no prior mandates and aged < 21 or > 75 at appointment
  ii  burst: >= 5 new mandates within 12 months, or >= 10 concurrent mandates
  iii >= 2 companies insolvent within 24 months of d's appointment there or of incorporation
  iv  linked to a failed or banned controller (HIDDEN_CONTROLLER here, or co-resident with one)
  v   appointed within 90 days after a director with past failures or a ban left the target
  vi  residential or service address is a mass-registration address, or abroad
  vii no stake while a related or failed person owns >= 50 %
Flag with >= 2 indicators of which at least one is iii, iv or v (a link to failure), so busy
professional directors (ii alone) and young founders (i alone) never fire.
"""

from __future__ import annotations

from datetime import date, timedelta

from graph_schema.signal_params import SignalParams
from graphapi.analytics.dates import add_months, age_in_years, valid_at
from graphapi.analytics.history import BankruptcyHistory
from graphapi.analytics.inputs import Index
from graphapi.analytics.model import Mandate
from graphapi.analytics.signals.model import EvidencePath, Signal, SignalKind
from graphapi.analytics.ubo.owners import UboResult

FAILURE_LINKS = frozenset({"iii", "iv", "v"})


def failed(
    ix: Index,
    person: str,
    as_of: date,
    params: SignalParams,
    histories: dict[str, BankruptcyHistory],
) -> bool:
    """Past failures within the counting horizon, or an active ban."""
    history = histories.get(person)
    counted = history.counted(as_of, params.horizon_months) if history else []
    return bool(counted) or bool(ix.active_bans(person, as_of))


def is_mass_address(ix: Index, key: str, params: SignalParams) -> bool:
    a = ix.addresses.get(key)
    floor = max(params.mass_min_active, params.mass_national_p999 or 0)
    return a is not None and not a.whitelisted and a.n_active >= floor


def front_person(
    ix: Index,
    as_of: date,
    params: SignalParams,
    ubo: UboResult,
    histories: dict[str, BankruptcyHistory],
    hidden: list[Signal],
) -> list[Signal]:
    out = []
    for m in sorted(ix.directors(ix.data.target, as_of), key=lambda x: x.person):
        found = _indicators(ix, m, as_of, params, ubo, histories, hidden)
        if len(found) < 2 or not FAILURE_LINKS & set(found):
            continue
        banned_link = any("banned" in text for code, (text, _) in found.items() if code == "iv")
        severity = 5 if banned_link else 4 if len(found) >= 3 else 3
        codes = sorted(found, key=lambda c: ("i", "ii", "iii", "iv", "v", "vi", "vii").index(c))
        out.append(
            Signal(
                kind=SignalKind.FRONT_PERSON,
                severity=severity,
                date=m.start,
                summary=f"Director {ix.name(m.person)} shows {len(found)} front-person indicators: "
                + "; ".join(f"({c}) {found[c][0]}" for c in codes)
                + ".",
                entities=(m.person, ix.data.target),
                evidence=tuple(p for c in codes for p in found[c][1]),
                params={
                    "indicators": ",".join(codes),
                    "replacement_days": params.front_replacement_days,
                    "failure_months": params.front_failure_months,
                    "burst_count": params.front_burst_count,
                },
            )
        )
    return out


Found = dict[str, tuple[str, list[EvidencePath]]]


def _indicators(
    ix: Index,
    m: Mandate,
    as_of: date,
    params: SignalParams,
    ubo: UboResult,
    histories: dict[str, BankruptcyHistory],
    hidden: list[Signal],
) -> Found:
    d, target = m.person, ix.data.target
    mine = [x for x in ix.mandates_of.get(d, []) if x.start is None or x.start <= as_of]
    found: Found = {}
    person = ix.persons.get(d)
    appointed = m.start or as_of
    # A mandate elsewhere with an unknown start may be a prior one: do not call it a first.
    prior = [x for x in mine if x.company != target and (x.start is None or x.start < appointed)]
    age = age_in_years(person.birth_year_month, person.birth_date, appointed) if person else None
    if not prior and age is not None and not params.front_age_min <= age <= params.front_age_max:
        found["i"] = (f"aged {age} at appointment with no prior mandates", [])
    starts = sorted(x.start for x in mine if x.start is not None)
    burst = max(
        (
            sum(1 for s in starts if a <= s < add_months(a, params.front_burst_months))
            for a in starts
        ),
        default=0,
    )
    concurrent = sum(1 for x in mine if valid_at(x.start, x.end, as_of))
    if burst >= params.front_burst_count or concurrent >= params.front_concurrent:
        found["ii"] = (
            f"{burst} new mandates within {params.front_burst_months} months, "
            f"{concurrent} concurrent",
            [],
        )
    quick = []
    for x in mine:
        e = ix.insolvency_at(x.company, as_of) if x.company != target else None
        if e is None or e.date is None or x.is_practitioner:
            continue
        inc = ix.companies[x.company].incorporated_on if x.company in ix.companies else None
        begun = x.start is None or x.start <= e.date
        soon = (
            x.start is not None and e.date <= add_months(x.start, params.front_failure_months)
        ) or (inc is not None and e.date <= add_months(inc, params.front_failure_months))
        if begun and soon:
            quick.append(
                EvidencePath(
                    description=f"insolvent on {e.date}", hops=(ix.mandate_hop(x), ix.event_hop(e))
                )
            )
    if len({p.hops[0].dst for p in quick}) >= params.front_failures:
        found["iii"] = (
            f"{len(quick)} companies insolvent within "
            f"{params.front_failure_months} months of appointment or incorporation",
            quick,
        )
    _linked(ix, m, as_of, params, histories, hidden, found)
    _address(ix, d, params, found)
    _no_stake(ix, d, as_of, params, ubo, histories, found)
    return found


def _linked(
    ix: Index,
    m: Mandate,
    as_of: date,
    params: SignalParams,
    histories: dict[str, BankruptcyHistory],
    hidden: list[Signal],
    found: Found,
) -> None:
    d = m.person
    home = set(ix.persons[d].residential_address_keys) if d in ix.persons else set()
    for s in hidden:
        banned = bool(s.params.get("banned"))
        name = ix.name(s.entities[0])
        found["iv"] = (
            f"hidden controller {name}{' (banned)' if banned else ''} on the company",
            list(s.evidence),
        )
        if banned:
            return
    for other, p in sorted(ix.persons.items()):
        if (
            other != d
            and home & set(p.residential_address_keys)
            and failed(ix, other, as_of, params, histories)
        ):
            banned = bool(ix.active_bans(other, as_of))
            found["iv"] = (
                f"lives at the same address as failed director {p.name}"
                + (" (banned)" if banned else ""),
                [],
            )
            if banned:
                return
    appointed = m.start
    if appointed is None:
        return
    since = appointed - timedelta(days=params.front_replacement_days)
    for x in ix.mandates_in.get(ix.data.target, []):
        if x.person == d or x.end is None or not since <= x.end <= appointed:
            continue
        if failed(ix, x.person, as_of, params, histories):
            days = (appointed - x.end).days
            found["v"] = (
                f"appointed {days} days after {ix.name(x.person)}, who has past "
                "failures or a ban, left",
                [EvidencePath(description="departure", hops=(ix.mandate_hop(x),))],
            )


def _address(ix: Index, d: str, params: SignalParams, found: Found) -> None:
    p = ix.persons.get(d)
    if p is None:
        return
    home_country = ix.target.jurisdiction
    for key in (*p.residential_address_keys, *p.service_address_keys):
        a = ix.addresses.get(key)
        if a is None:
            continue
        if is_mass_address(ix, key, params):
            found["vi"] = (
                f"address {a.text} hosts {a.n_active} active companies",
                [EvidencePath(description="address", hops=(ix.address_hop(d, key),))],
            )
            return
        if a.country and home_country and a.country.upper() != home_country.upper():
            found["vi"] = (
                f"address abroad ({a.country}) for a {home_country} company",
                [EvidencePath(description="address", hops=(ix.address_hop(d, key),))],
            )


def _no_stake(
    ix: Index,
    d: str,
    as_of: date,
    params: SignalParams,
    ubo: UboResult,
    histories: dict[str, BankruptcyHistory],
    found: Found,
) -> None:
    mine = ubo.owner(d)
    if mine is not None and mine.effective.hi > 0:
        return
    for o in ubo.owners:
        big = max(o.effective.lo, o.attributed.lo) >= params.front_owner_share
        if o.person == d or not big:
            continue
        if ix.is_related(d, o.person) or failed(ix, o.person, as_of, params, histories):
            found["vii"] = (
                f"holds no stake while {ix.name(o.person)} owns {o.effective.label}",
                [
                    EvidencePath(description="ownership path", hops=ix.path_hops(p))
                    for p in o.paths[:3]
                ],
            )
            return
