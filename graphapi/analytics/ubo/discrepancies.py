"""Declared beneficial owners (PSC / BODS / UBO register) against the computed ones
(docs/analytics.md §UBO_DISCREPANCY, §Declarations).

Only where a company has two independent sources: its shareholdings (the computed owners) and
its register's declarations (sources.py). Declarations never enter those maths; they are
compared with the result under the same rule set and threshold, which every finding states so
an analyst can reproduce it, with the sources compared.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from graph_schema.signal_params import RuleSet
from graphapi.analytics.dates import valid_at
from graphapi.analytics.model import CompanyFacts, Declaration
from graphapi.analytics.ubo.owners import REGISTERS, BeneficialOwner, Bound, UboResult
from graphapi.analytics.ubo.statements import Meaning, meaning

# Company keys whose register makes them a "relevant legal entity" a PSC register may name.
RLE_PREFIXES: tuple[str, ...] = ("GB-COH-",)


class DiscrepancyKind(StrEnum):
    MISSING_DECLARED = "MISSING_DECLARED"  # computed BO not declared
    UNSUPPORTED_DECLARED = "UNSUPPORTED_DECLARED"  # declared, no computed path reaches it
    BAND_MISMATCH = "BAND_MISMATCH"  # declared band disjoint from the computed range
    DECLARED_NONE = "DECLARED_NONE"  # "no beneficial owner" while a computed BO exists
    INELIGIBLE_CORPORATE_BO = "INELIGIBLE_CORPORATE_BO"  # a non-RLE company declared as BO


class Discrepancy(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    kind: DiscrepancyKind
    entity: str  # the person or entity concerned
    detail: str  # one plain sentence, with the rule set and threshold
    declaration: Declaration | None = None
    computed: Bound | None = None
    sources: tuple[str, ...] = ()  # the two sides compared, e.g. PSC register vs shareholdings


def _comparable(owner: BeneficialOwner, rule_set: RuleSet) -> list[Bound]:
    """The computed stakes a declared band may legitimately describe, the first one reported.

    UK: the majority-chain attribution. Other rule sets: the multiplicative share, and for a BO
    under Art. 54(a) (controls an entity with a direct interest) also that attributed interest,
    which is what a register declares for such a person (§Worked examples: P holds 19.57 %
    multiplied but controls A's 30 %, so a 25-50 % entry is right)."""
    if rule_set == RuleSet.UK_PSC:
        return [owner.attributed]
    if "art54a" in owner.basis:
        return [owner.effective, owner.attributed]
    return [owner.effective]


def declared_bound(d: Declaration) -> Bound | None:
    if d.share_exact is not None:
        return Bound(lo=d.share_exact, hi=d.share_exact)
    if d.share_min is None and d.share_max is None:
        return None
    return Bound(
        lo=d.share_min or 0.0,
        hi=100.0 if d.share_max is None else d.share_max,
        lo_exclusive=d.share_min_exclusive and d.share_min is not None,
        hi_exclusive=d.share_max_exclusive and d.share_max is not None,
    )


def declared_at(
    declarations: Iterable[Declaration], target: str, as_of: date
) -> list[tuple[Declaration, Bound | None]]:
    """The target's declarations valid at `as_of`, each with its stake (exact or banded; None
    when the declaration states none): what the API and the batch list as declared owners."""
    return [
        (d, declared_bound(d))
        for d in declarations
        if d.company == target and valid_at(d.start, d.end, as_of)
    ]


def disjoint(a: Bound, b: Bound) -> bool:
    """Two intervals share no point (touching ends count only when both are inclusive)."""
    return _below(a, b) or _below(b, a)


def _below(a: Bound, b: Bound) -> bool:
    if a.hi < b.lo - 1e-9:
        return True
    return abs(a.hi - b.lo) <= 1e-9 and (a.hi_exclusive or b.lo_exclusive)


def is_rle(key: str, company: CompanyFacts | None, prefixes: tuple[str, ...]) -> bool:
    return key.startswith(prefixes) or bool(company and company.listed)


def registrable(
    d: Declaration, companies: Mapping[str, CompanyFacts], prefixes: tuple[str, ...]
) -> bool:
    """A legal entity a register may name: any a register names under its own rules (a PSC
    register lists a corporate PSC because it is a relevant legal entity, s.790C), else a UK
    company or a listed one."""
    return d.declared_by in REGISTERS or is_rle(d.declared, companies.get(d.declared), prefixes)


def compare_declarations(
    ubo: UboResult,
    declarations: Iterable[Declaration],
    natural_persons: set[str],
    companies: Mapping[str, CompanyFacts],
    as_of: date,
    rle_prefixes: tuple[str, ...] = RLE_PREFIXES,
    sources: tuple[str, ...] = (),
) -> list[Discrepancy]:
    """The register's declarations against the owners computed from shareholdings; `sources`
    names both sides (stated in every finding)."""
    found = _compare(ubo, declarations, natural_persons, companies, as_of, rle_prefixes)
    if not sources:
        return found
    compared = " vs ".join(sources)
    return [
        d.model_copy(update={"sources": sources, "detail": f"{d.detail} (compared: {compared})"})
        for d in found
    ]


def _compare(
    ubo: UboResult,
    declarations: Iterable[Declaration],
    natural_persons: set[str],
    companies: Mapping[str, CompanyFacts],
    as_of: date,
    rle_prefixes: tuple[str, ...],
) -> list[Discrepancy]:
    rules = ubo.rules.describe()
    target = ubo.target
    declarations = [d for d in declarations if d.company == target]
    facts = companies.get(target)
    reason = facts.no_beneficial_owner_reason if facts else None
    if not declarations and not reason:
        return []  # no register data about this company: a data gap, not a discrepancy
    current = [d for d in declarations if d.company == target and valid_at(d.start, d.end, as_of)]
    declared_people = {d.declared for d in current if d.declared in natural_persons}
    # Persons above a declared relevant legal entity are non-registrable through it (s.790C).
    declared_rles = {
        d.declared
        for d in current
        if d.declared not in natural_persons and registrable(d, companies, rle_prefixes)
    }
    found: list[Discrepancy] = []
    computed = {o.person: o for o in ubo.owners}
    certain = [o for o in ubo.owners if o.status == "certain"]
    for owner in certain:
        if owner.person in declared_people:
            continue
        covered = any(set(p.nodes) & declared_rles for p in owner.paths)
        if not covered:
            found.append(
                Discrepancy(
                    kind=DiscrepancyKind.MISSING_DECLARED,
                    entity=owner.person,
                    computed=owner.effective,
                    detail=f"{owner.person} is a beneficial owner under {rules} "
                    f"({', '.join(owner.basis)}; effective {owner.effective.label}) "
                    "but is not declared.",
                )
            )
    for d in current:
        if d.declared not in natural_persons:
            if not registrable(d, companies, rle_prefixes):
                found.append(
                    Discrepancy(
                        kind=DiscrepancyKind.INELIGIBLE_CORPORATE_BO,
                        entity=d.declared,
                        declaration=d,
                        detail=f"{d.declared} is declared as beneficial owner but is a company "
                        "that is not a relevant legal entity.",
                    )
                )
            continue
        found_owner = computed.get(d.declared)
        if found_owner is None or found_owner.status == "not":
            found.append(
                Discrepancy(
                    kind=DiscrepancyKind.UNSUPPORTED_DECLARED,
                    entity=d.declared,
                    declaration=d,
                    computed=found_owner.effective if found_owner else None,
                    detail=f"{d.declared} is declared ({d.declared_by}) but no computed path "
                    f"reaches the threshold or control under {rules}.",
                )
            )
            continue
        band = declared_bound(d)
        mine = _comparable(found_owner, ubo.rules.rule_set)
        if band is not None and mine[0].hi > 0 and all(disjoint(band, m) for m in mine):
            found.append(
                Discrepancy(
                    kind=DiscrepancyKind.BAND_MISMATCH,
                    entity=d.declared,
                    declaration=d,
                    computed=mine[0],
                    detail=f"{d.declared} is declared with {band.label} but computed "
                    f"{' or '.join(m.label for m in mine)} under {rules}.",
                )
            )
    if meaning(reason) == Meaning.NONE and certain:
        names = ", ".join(o.person for o in certain)
        found.append(
            Discrepancy(
                kind=DiscrepancyKind.DECLARED_NONE,
                entity=target,
                detail=f"The register states '{reason}' but {len(certain)} beneficial owner(s) "
                f"are computed under {rules}: {names}.",
            )
        )
    return found
