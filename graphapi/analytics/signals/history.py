"""History signals: the target's own insolvency, its directors' failures and bans, hidden
controllers with a failure record, and late director changes (docs/analytics.md §Signals,
COMPANY_INSOLVENT to HIDDEN_CONTROLLER)."""

from __future__ import annotations

from datetime import date

from graph_schema.signal_params import SignalParams
from graphapi.analytics.dates import add_months, months_between, valid_at
from graphapi.analytics.history import BankruptcyCase, BankruptcyHistory
from graphapi.analytics.inputs import Index
from graphapi.analytics.model import Mandate
from graphapi.analytics.signals.model import EvidencePath, Signal, SignalKind, decay
from graphapi.analytics.ubo.owners import UboResult


def company_insolvent(ix: Index, as_of: date) -> list[Signal]:
    e = ix.insolvency_at(ix.data.target, as_of)
    if e is None:
        return []
    where = ", ".join(x for x in (e.court, f"ref {e.reference}" if e.reference else None) if x)
    kind = e.kind.value.lower().replace("_", " ")
    return [
        Signal(
            kind=SignalKind.COMPANY_INSOLVENT,
            severity=5,
            date=e.date,
            summary=f"{ix.target.display} is in {kind} since {e.date}"
            + (f" ({where})." if where else "."),
            entities=(ix.data.target,),
            evidence=(EvidencePath(description="insolvency event", hops=(ix.event_hop(e),)),),
            params={"as_of": as_of.isoformat()},
        )
    ]


def case_path(ix: Index, case: BankruptcyCase) -> EvidencePath:
    mandate = Mandate(
        person=case.person,
        company=case.company,
        role=case.role,
        start=case.start,
        end=case.end,
        ref=case.mandate_ref,
    )
    when = (
        "in office"
        if case.months_after_leaving is None
        else f"{case.months_after_leaving} months after leaving"
    )
    event = next(e for e in ix.insolvencies.get(case.company, []) if e.date == case.insolvency_date)
    return EvidencePath(
        description=f"{case.kind.value.lower()} on {case.insolvency_date}, {when}",
        hops=(ix.mandate_hop(mandate), ix.event_hop(event)),
    )


def _case_words(cases: list[BankruptcyCase]) -> str:
    n = len(cases)
    left = [c for c in cases if c.months_after_leaving is not None]
    text = f"{n} compan{'y' if n == 1 else 'ies'} that became insolvent"
    if left:
        nearest = min(c.months_after_leaving or 0 for c in left)
        text += f" ({len(left)} after leaving, the nearest {nearest} months after)"
    return text


def history_severity(counted: list[BankruptcyCase], history: BankruptcyHistory) -> int:
    if not counted:
        return 1 if history.cases else 0
    if len(counted) >= 3:
        return 5
    if len(counted) == 2:
        return 4
    return 2 if counted[0].tier == "leftLongerBefore" else 3


def director_past_bankruptcies(
    ix: Index, as_of: date, params: SignalParams, histories: dict[str, BankruptcyHistory]
) -> list[Signal]:
    out = []
    for person in sorted({m.person for m in ix.directors(ix.data.target, as_of)}):
        history = histories.get(person)
        if history is None or not history.cases:
            continue
        counted = history.counted(as_of, params.horizon_months)
        severity = history_severity(counted, history)
        shown = counted or list(history.cases)
        period = (
            f"in the last {params.horizon_months} months"
            if counted
            else f"only more than {params.horizon_months} months ago"
        )
        out.append(
            Signal(
                kind=SignalKind.DIRECTOR_PAST_BANKRUPTCIES,
                severity=severity,
                date=max(c.insolvency_date for c in shown),
                summary=f"Director {ix.name(person)} was involved in {_case_words(shown)} "
                f"{period} (window {params.window_months} months after leaving).",
                entities=(person, *sorted({c.company for c in shown})),
                evidence=tuple(case_path(ix, c) for c in shown),
                params={
                    "window_months": params.window_months,
                    "horizon_months": params.horizon_months,
                },
            )
        )
    return out


def involvement(
    ix: Index, person: str, as_of: date, ubo: UboResult, params: SignalParams
) -> str | None:
    """'director', 'owner or controller' or None: the person's role in the target at as_of."""
    target = ix.data.target
    if any(m.person == person for m in ix.directors(target, as_of)):
        return "director"
    owner = ubo.owner(person)
    if owner is not None and "declared" in owner.basis:
        return "declared beneficial owner"
    if owner is not None and (
        owner.status != "not"
        or owner.control_possible
        or owner.effective.hi >= params.hidden_owner_threshold
    ):
        return "owner or controller"
    if any(
        d.declared == person and d.company == target and valid_at(d.start, d.end, as_of)
        for d in ix.data.declarations
    ):
        return "declared beneficial owner"
    if any(
        c.controller == person and c.controlled == target and valid_at(c.start, c.end, as_of)
        for c in ix.data.controls
    ):
        return "controller"
    return None


def disqualified_director(
    ix: Index, as_of: date, params: SignalParams, ubo: UboResult
) -> list[Signal]:
    out = []
    recent = add_months(as_of, -params.ban_recent_months)
    for person, bans in sorted(ix.bans_of.items()):
        role = involvement(ix, person, as_of, ubo, params)
        if role is None:
            continue
        active = [d for d in bans if d.active_at(as_of)]
        ended = [d for d in bans if d.end is not None and recent <= d.end < as_of]
        if not active and not ended:
            continue
        ban = (active or ended)[0]
        in_office = role == "director"
        severity = (5 if in_office else 4) if active else 3
        until = f"until {ban.end}" if ban.end else "without end date"
        state = f"banned {until}" if active else f"was banned until {ban.end}"
        by = f" ({ban.authority})" if ban.authority else ""
        out.append(
            Signal(
                kind=SignalKind.DISQUALIFIED_DIRECTOR,
                severity=severity,
                date=ban.start,
                summary=f"{ix.name(person)} is {state}{by} and is {role} of {ix.target.display}.",
                entities=(person, ix.data.target),
                evidence=(EvidencePath(description="disqualification", hops=(ix.ban_hop(ban),)),),
                params={
                    "in_office": in_office,
                    "active": bool(active),
                    "role": role,
                    "ban_recent_months": params.ban_recent_months,
                },
            )
        )
    return out


def hidden_controller(
    ix: Index,
    as_of: date,
    params: SignalParams,
    ubo: UboResult,
    histories: dict[str, BankruptcyHistory],
) -> list[Signal]:
    target = ix.data.target
    directors = {m.person for m in ix.directors(target, as_of)}
    candidates = {o.person for o in ubo.owners} | {d.declared for d in ix.data.declarations}
    candidates |= {c.controller for c in ix.data.controls}
    out = []
    for person in sorted(candidates & ix.natural_persons - directors):
        history = histories.get(person)
        counted = history.counted(as_of, params.horizon_months) if history else []
        banned = bool(ix.active_bans(person, as_of))
        if not counted and not banned:
            continue
        role = involvement(ix, person, as_of, ubo, params)
        owner = ubo.owner(person)
        has_stake = owner is not None and (owner.effective.hi > 0 or owner.control_possible)
        kin = sorted(d for d in directors if ix.is_related(person, d))
        # Kinship alone never flags: the failed relative must also own or control something.
        if role is None and not (kin and has_stake):
            continue
        what = role or f"minority owner related to director {ix.name(kin[0])}"
        if owner is not None and owner.effective.hi > 0 and owner.effective.lo > 0:
            what = f"{owner.effective.label} {what}"
        record = [f"was involved in {_case_words(counted)}"] if counted else []
        record += ["is disqualified"] if banned else []
        paths = [case_path(ix, c) for c in counted]
        paths += [
            EvidencePath(description="ownership path", hops=ix.path_hops(p))
            for p in (owner.paths if owner else ())
        ]
        out.append(
            Signal(
                kind=SignalKind.HIDDEN_CONTROLLER,
                severity=5 if banned or len(counted) >= 2 else 4,
                date=max((c.insolvency_date for c in counted), default=None),
                summary=f"The {what} {ix.name(person)} (not a director) "
                f"{' and '.join(record)} in the last {params.horizon_months} months.",
                entities=(person, target, *kin),
                evidence=tuple(paths),
                params={
                    "window_months": params.window_months,
                    "horizon_months": params.horizon_months,
                    "threshold": params.hidden_owner_threshold,
                    "banned": banned,
                },
            )
        )
    return out


def late_director_change(ix: Index, as_of: date, params: SignalParams) -> list[Signal]:
    target = ix.data.target
    out: list[Signal] = []
    own = ix.insolvency_at(target, as_of)
    if own is not None and own.date is not None:
        for m in ix.mandates_in.get(target, []):
            out += _late(ix, m, own.date, as_of, params)
    # Rule A (docs/analytics.md §LATE_DIRECTOR_CHANGE): besides the insolvent company itself,
    # only *live* companies where the late mover now holds a role get the signal; an insolvent
    # or dissolved one tells no story about it.
    gone = ix.target.dissolved_on is not None and ix.target.dissolved_on <= as_of
    live = own is None and not gone and ix.target.status != "dissolved"
    for d in {m.person for m in ix.directors(target, as_of)} if live else set():
        for m in ix.mandates_of.get(d, []):
            e = ix.insolvency_at(m.company, as_of) if m.company != target else None
            if e is not None and e.date is not None:
                out += _late(ix, m, e.date, as_of, params)
    return out + _rule_b(ix, as_of, params)


def _late(ix: Index, m: Mandate, t: date, as_of: date, params: SignalParams) -> list[Signal]:
    if m.is_practitioner:
        return []
    since = add_months(t, -params.late_change_months)
    ended = m.end is not None and since < m.end < t
    started = m.start is not None and since < m.start < t
    if not (ended or started):
        return []
    when = m.end if ended else m.start
    assert when is not None
    months = months_between(when, t)
    verb = "left" if ended else "joined"
    lo, hi = (
        add_months(t, -params.phoenix_window_months),
        add_months(t, params.phoenix_window_months),
    )
    young = sorted(
        k
        for k in {x.company for x in ix.mandates_of.get(m.person, [])}
        if k != m.company
        and k in ix.companies
        and (inc := ix.companies[k].incorporated_on) is not None
        and lo <= inc <= hi
    )
    severity = decay(4 if young else 3, t, as_of, params.horizon_months)
    here = "" if m.company == ix.data.target else f"; now director of {ix.target.display}"
    return [
        Signal(
            kind=SignalKind.LATE_DIRECTOR_CHANGE,
            severity=severity,
            date=t,
            summary=f"{ix.name(m.person)} {verb} {ix.name(m.company)} as {m.role} on {when}, "
            f"{months} months before its insolvency on {t}{here}.",
            entities=(m.person, m.company, *young),
            evidence=(
                EvidencePath(
                    description=f"{verb} {months} months before insolvency",
                    hops=(ix.mandate_hop(m),),
                ),
            ),
            params={"late_change_months": params.late_change_months, "rule": "A"},
        )
    ]


def _rule_b(ix: Index, as_of: date, params: SignalParams) -> list[Signal]:
    target = ix.target
    if not target.distress_markers:
        return []
    since = add_months(as_of, -params.late_change_months)
    mandates = [m for m in ix.mandates_in.get(target.key, []) if m.is_managing]
    before = {m.person for m in mandates if valid_at(m.start, m.end, since)}
    now = {m.person for m in mandates if valid_at(m.start, m.end, as_of)}
    changes = [
        m
        for m in mandates
        if (m.start and since < m.start <= as_of) or (m.end and since < m.end <= as_of)
    ]
    all_replaced = bool(before) and bool(now) and not before & now
    if not (all_replaced or len(changes) >= 2):
        return []
    what = "all directors were replaced" if all_replaced else f"{len(changes)} director changes"
    return [
        Signal(
            kind=SignalKind.LATE_DIRECTOR_CHANGE,
            severity=3,
            date=as_of,
            summary=f"In the last {params.late_change_months} months {what} at {target.display} "
            f"while it shows distress ({', '.join(target.distress_markers)}).",
            entities=(target.key, *sorted(now | before)),
            evidence=tuple(
                EvidencePath(description="director change", hops=(ix.mandate_hop(m),))
                for m in changes
            ),
            params={"late_change_months": params.late_change_months, "rule": "B"},
        )
    ]
