"""Structure signals: CIRCULAR_OWNERSHIP, UBO_DISCREPANCY, NO_UBO_FOUND,
UBO_REGISTER_STATEMENT, MASS_REGISTRATION_ADDRESS (docs/analytics.md §Signals, one section
each). Sanctions and PEPs: signals/compliance.py."""

from __future__ import annotations

from datetime import date

from graph_schema.labels import RelType
from graph_schema.signal_params import SignalParams
from graphapi.analytics.dates import valid_at
from graphapi.analytics.history import BankruptcyHistory
from graphapi.analytics.inputs import Index
from graphapi.analytics.signals.compliance import has_topic
from graphapi.analytics.signals.model import EvidencePath, Signal, SignalKind
from graphapi.analytics.ubo.discrepancies import Discrepancy
from graphapi.analytics.ubo.owners import UboResult
from graphapi.analytics.ubo.statements import Meaning, describe, meaning


def _ubo_params(params: SignalParams) -> dict[str, str | int | float | bool | None]:
    r = params.ubo
    return {"rule_set": r.rule_set.value, "threshold": r.threshold, "operator": r.operator}


def circular_ownership(ix: Index, ubo: UboResult, params: SignalParams) -> list[Signal]:
    c = ubo.circular
    if not c.found:
        return []
    blocking = c.target_self_ownership >= params.ubo.threshold or c.outside_owners_unknown
    severity = 4 if ubo.no_ubo_found else 3 if blocking else 2
    members = sorted({k for comp in c.components for k in comp})
    why = (
        "an owner outside the cycle controls it"
        if c.outside_controlled and not blocking
        else "the cycle has no known outside owner"
        if c.outside_owners_unknown
        else ""
    )
    return [
        Signal(
            kind=SignalKind.CIRCULAR_OWNERSHIP,
            severity=severity,
            summary=f"{len(c.components)} ownership cycle(s) upstream of {ix.target.display} "
            f"({', '.join(ix.name(k) for k in members)}); the company owns "
            f"{c.target_self_ownership:.2f} % of itself through them"
            + (f"; {why}" if why else "")
            + ".",
            entities=tuple(members),
            evidence=tuple(
                EvidencePath(
                    description=f"cycle, product {p.product_lo:.2f} %", hops=ix.path_hops(p)
                )
                for p in c.cycle_paths
            ),
            params=_ubo_params(params),
        )
    ]


def ubo_discrepancy(
    ix: Index,
    as_of: date,
    params: SignalParams,
    found: list[Discrepancy],
    histories: dict[str, BankruptcyHistory],
) -> list[Signal]:
    out = []
    for d in found:
        history = histories.get(d.entity)
        bad = (
            bool(history and history.counted(as_of, params.horizon_months))
            or bool(ix.active_bans(d.entity, as_of))
            or has_topic(ix, d.entity, params.sanction_topics)
        )
        out.append(
            Signal(
                kind=SignalKind.UBO_DISCREPANCY,
                severity=4 if bad else 3,
                summary=f"{d.kind.value}: {d.detail.replace(d.entity, ix.name(d.entity), 1)}",
                entities=(d.entity, ix.data.target),
                evidence=_discrepancy_evidence(ix, d, as_of),
                params={
                    **_ubo_params(params),
                    "discrepancy": d.kind.value,
                    "sources_compared": " vs ".join(d.sources) or None,
                },
            )
        )
    return out


def _discrepancy_evidence(ix: Index, d: Discrepancy, as_of: date) -> tuple[EvidencePath, ...]:
    """Both sides: the register's entry (if any) and the shareholdings into the company."""
    target = ix.data.target
    paths = []
    if d.declaration is not None:
        x = d.declaration
        paths.append(
            EvidencePath(
                description=f"declared ({x.declared_by})",
                hops=(
                    ix.hop(
                        x.declared,
                        RelType.DECLARED_BO_OF,
                        target,
                        x.start,
                        x.end,
                        ", ".join(x.interests) or None,
                        x.ref,
                    ),
                ),
            )
        )
    held = [
        h
        for h in ix.holdings_into.get(target, [])
        if valid_at(h.start, h.end, as_of) and h.declared_by is None
    ]
    if held:
        paths.append(
            EvidencePath(
                description="shareholdings",
                hops=tuple(
                    ix.hop(h.owner, RelType.OWNS, target, h.start, h.end, h.label(), h.ref)
                    for h in held
                ),
            )
        )
    return tuple(paths)


def no_ubo_found(ix: Index, as_of: date, ubo: UboResult, params: SignalParams) -> list[Signal]:
    """Neither source gives a natural person (nor a legal entity a register may end at)."""
    target = ix.target
    form = (target.legal_form or "").lower()
    if not ubo.no_ubo_found or ubo.exempt or any(f in form for f in params.nonprofit_forms):
        return []
    # Shareholdings as a source of their own; register stand-ins are the register.
    held = [
        h
        for h in ix.holdings_into.get(target.key, [])
        if valid_at(h.start, h.end, as_of) and h.declared_by is None
    ]
    statement = meaning(target.no_beneficial_owner_reason)
    # A statement that the owners are not identified yet, withheld by law or unknown to the
    # publisher has its own, milder finding (UBO_REGISTER_STATEMENT); only shareholdings
    # showing nobody above the threshold make it NO_UBO_FOUND as well.
    if statement in (Meaning.PENDING, Meaning.WITHHELD, Meaning.UNKNOWN) and not held:
        return []
    # Without any ownership data about the target there is nothing to conclude (a data gap,
    # e.g. registers that publish no shareholders), so no signal rather than a false alarm.
    # Only register entries valid at as-of count: a struck-off company whose PSCs all ceased
    # has no owners to find, which is not the same as owners nobody can trace.
    known = held or any(
        d.company == target.key and valid_at(d.start, d.end, as_of) for d in ix.data.declarations
    )
    if not known and statement != Meaning.NONE:
        return []
    # "Unknown owners hold >= 50 %" only where shareholdings are known: a register statement
    # without any shareholding data says nothing about who holds the shares.
    unknown = bool(held) and ubo.unattributed.lo >= 50
    nominee = any(h.nominee for h in held)
    severity = 3 if (unknown or ubo.circular.found or nominee) else 2
    smo = ", ".join(ix.name(p) for p in ubo.senior_managing_officials) or "none recorded"
    return [
        Signal(
            kind=SignalKind.NO_UBO_FOUND,
            severity=severity,
            summary=f"No natural person reaches the threshold or control under "
            f"{params.ubo.describe()}; {ubo.unattributed.label} of the shares is not traced to a "
            f"person; senior managing officials: {smo}.",
            entities=(target.key, *ubo.senior_managing_officials),
            params=_ubo_params(params),
        )
    ]


_STATEMENT_SEVERITY = {Meaning.PENDING: 2, Meaning.WITHHELD: 1, Meaning.UNKNOWN: 1}


def ubo_register_statement(ix: Index, as_of: date, ubo: UboResult) -> list[Signal]:
    """The register states that its owners are not identified or confirmed yet (2), or are
    withheld by law or unknown to the publisher (1): a finding of its own, milder than a
    discrepancy, never a NO_UBO_FOUND on its own (ubo/statements.py)."""
    target = ix.target
    reason = target.no_beneficial_owner_reason
    statement = meaning(reason)
    if reason is None or statement not in _STATEMENT_SEVERITY:
        return []
    named = [
        ix.name(p)
        for p in sorted(
            {
                d.declared
                for d in ix.data.declarations
                if d.company == target.key and valid_at(d.start, d.end, as_of)
            }
        )
    ]
    also = f"; it names {', '.join(named)}" if named else ""
    return [
        Signal(
            kind=SignalKind.UBO_REGISTER_STATEMENT,
            severity=_STATEMENT_SEVERITY[statement],
            summary=f"The register of {target.display} states that {describe(reason)} "
            f"({reason}){also}.",
            entities=(target.key,),
            params={"statement": reason, "meaning": statement.value},
        )
    ]


def mass_registration_address(ix: Index, params: SignalParams) -> list[Signal]:
    out = []
    floor = max(params.mass_min_active, params.mass_national_p999 or 0)
    for key in ix.target.address_keys:
        a = ix.addresses.get(key)
        if a is None or a.whitelisted or a.n_active < floor:
            continue
        new_share = a.n_new24 / a.n_active
        fail_share = a.fail24 / a.n_active
        failing = params.national_fail_rate is not None and (
            fail_share >= params.mass_fail_multiple * params.national_fail_rate
        )
        # An address is flagged on size AND churn (a young population or a failure rate well
        # above the national one): size alone is an accountant or business centre, not a sign.
        if new_share < params.mass_new_share and not failing:
            continue
        national = (
            f" (national {params.national_fail_rate:.1%})"
            if params.national_fail_rate is not None
            else ""
        )
        out.append(
            Signal(
                kind=SignalKind.MASS_REGISTRATION_ADDRESS,
                severity=3 if failing else 2,
                summary=f"Registered at {a.text} with {a.n_active} active companies, "
                f"{new_share:.0%} incorporated in the last 2 years and {fail_share:.0%} "
                f"failed in the last 2 years{national}.",
                entities=(ix.target.key, key),
                evidence=(
                    EvidencePath(
                        description="registered address", hops=(ix.address_hop(ix.target.key, key),)
                    ),
                ),
                params={
                    "min_active": floor,
                    "new_share": params.mass_new_share,
                    "fail_multiple": params.mass_fail_multiple,
                    "national_fail_rate": params.national_fail_rate,
                },
            )
        )
    return out
