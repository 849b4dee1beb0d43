"""Beneficial owners of one company at a date, under a configurable rule set (docs/analytics.md
§UBO: beneficial owners).

AMLR / EU: multiply along chains and add across chains (integrated ownership, walk sums over
cycles), plus control chains (Art. 53) and both Art. 54 cases: (a) a person controlling an
entity with a direct interest >= threshold, (b) a person owning >= threshold of an entity that
controls the company. UK_PSC: majority-chain attribution (Sch. 1A para 18), no multiplication.
Only direct holdings (OWNS) and control links feed the maths; declarations are compared in
discrepancies.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Literal

import networkx as nx
from pydantic import BaseModel, ConfigDict, Field

from graph_schema.signal_params import RuleSet, UboRules
from graphapi.analytics.dates import valid_at
from graphapi.analytics.model import ControlLink, Holding, Mandate, interval_label
from graphapi.analytics.ubo.graph import (
    OwnershipGraph,
    build_graph,
    integrated,
    strict_nodes,
)
from graphapi.analytics.ubo.paths import (
    Circularity,
    OwnershipPath,
    circularity,
    path_graph,
    paths_to,
)

_EPS = 1e-9
# Declarations made under a register's rules (declared_by): a legal entity such a register
# names is there because the rules make it registrable (a relevant legal entity, an issuer on
# a regulated market, a public body), so an ownership chain may legitimately end at it.
REGISTERS = frozenset({"psc", "bods-register", "ubo-register"})
Status = Literal["certain", "possible", "not"]


class Bound(BaseModel):
    """A percentage, exact (lo == hi, no exclusive flag) or a range with exclusive flags."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    lo: float
    hi: float
    lo_exclusive: bool = False
    hi_exclusive: bool = False

    @property
    def exact(self) -> bool:
        return abs(self.lo - self.hi) < _EPS and not (self.lo_exclusive or self.hi_exclusive)

    @property
    def label(self) -> str:
        return interval_label(self.lo / 100, self.hi / 100, self.lo_exclusive, self.hi_exclusive)


# Entity controlling the target -> (each person's integrated ownership of it, control certain).
Controllers = dict[str, tuple[dict[str, Bound], bool]]


class BeneficialOwner(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    person: str
    effective: Bound  # multiplicative walk-sum ownership (AMLR Art. 52), always computed
    attributed: Bound  # UK majority-chain attribution, always computed
    control: bool  # certain control chain to the target
    control_possible: bool
    status: Status  # under the configured rule set
    basis: tuple[str, ...]  # ownership | control | art54a | art54b | majority_chain
    uk_band: str | None  # 25-50 | 50-75 | 75-100 when the attributed range fits one band
    paths: tuple[OwnershipPath, ...]


EntityReason = Literal["registrable", "listed", "owners_unknown"]


class EntityOwner(BaseModel):
    """A legal entity where the ownership chain ends: nobody above it is in the data.

    `registrable`: a register names it (a UK relevant legal entity, an issuer on a regulated
    market, a public body): the register's own answer, not a gap. `listed`: listed, so not
    looked through (AMLD). `owners_unknown`: a shareholder whose owners nobody published."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    entity: str
    effective: Bound
    control: bool
    status: Status
    reason: EntityReason
    declared_by: str | None  # the register naming it, for `registrable`
    paths: tuple[OwnershipPath, ...]

    @property
    def legitimate(self) -> bool:
        return self.reason != "owners_unknown" and self.status != "not"


class UboResult(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    target: str
    as_of: date
    rules: UboRules
    owners: tuple[BeneficialOwner, ...]  # every natural person with a stake or control path
    circular: Circularity
    senior_managing_officials: tuple[str, ...]
    no_ubo_found: bool
    exempt: bool  # listed target: excluded from the ownership test
    exempt_entities: tuple[str, ...]  # listed entities where the look-through stopped
    unattributed: Bound  # share of the target no natural person is known to hold
    truncated: bool  # depth or node cap reached: results are lower bounds on coverage
    entity_ownership: dict[str, Bound] = Field(default_factory=dict)  # intermediates' stakes
    # Entities where the chain ends (no owner of theirs in the data), with their stake.
    legal_entity_owners: tuple[EntityOwner, ...] = ()
    # computed (shareholdings) | declared (the register alone) | none: what answered for the
    # target, and the sources behind it (set by assess(), which knows the sources).
    ownership_basis: str = "computed"
    sources: tuple[str, ...] = ()

    @property
    def owned_by_legal_entities(self) -> tuple[EntityOwner, ...]:
        """Where the register's answer legitimately ends at a legal entity (or a listed one)."""
        return tuple(e for e in self.legal_entity_owners if e.legitimate)

    def owner(self, person: str) -> BeneficialOwner | None:
        return next((o for o in self.owners if o.person == person), None)

    @property
    def beneficial_owners(self) -> tuple[BeneficialOwner, ...]:
        return tuple(o for o in self.owners if o.status != "not")


def clears(value: float, exclusive: bool, rules: UboRules, upper: bool = False) -> bool:
    """Does a bound clear the threshold under the rule set's operator?

    Lower bound lo (or (lo): the true value is >= lo (> lo). Upper bound hi (or hi)): the
    true value may reach hi (only approach it)."""
    theta = rules.threshold / 100
    if value > theta + _EPS:
        return True
    if abs(value - theta) > _EPS:
        return False
    if upper:
        return rules.operator == ">=" and not exclusive
    return exclusive or rules.operator == ">="


def _bound(lo: float, hi: float, lo_ex: bool, hi_ex: bool) -> Bound:
    lo, hi = max(0.0, min(1.0, lo)), max(0.0, min(1.0, hi))
    return Bound(
        lo=round(lo * 100, 6),
        hi=round(hi * 100, 6),
        lo_exclusive=lo_ex,
        hi_exclusive=hi_ex and hi < 1.0,
    )


def _uk_band(b: Bound) -> str | None:
    for low, high, name in ((25, 50, "25-50"), (50, 75, "50-75"), (75, 100, "75-100")):
        above = b.lo > low + _EPS or (abs(b.lo - low) < _EPS and b.lo_exclusive)
        if above and b.hi <= high + _EPS:
            return name
    return None


def compute_ubo(
    target: str,
    holdings: Iterable[Holding],
    controls: Iterable[ControlLink],
    natural_persons: set[str],
    as_of: date,
    rules: UboRules | None = None,
    mandates: Iterable[Mandate] = (),
    listed: set[str] | None = None,
) -> UboResult:
    rules = rules or UboRules()
    listed = listed or set()
    graph = build_graph(
        target, holdings, controls, natural_persons, listed, as_of, rules.max_depth, rules.max_nodes
    )
    lo = integrated(graph, target, upper=False)
    hi = integrated(graph, target, upper=True)
    strict_lo = strict_nodes(graph, target, upper=False)
    strict_hi = strict_nodes(graph, target, upper=True)
    effective = {
        n: _bound(lo.get(n, 0.0), hi.get(n, 0.0), n in strict_lo, n in strict_hi)
        for n in [*graph.entities, *graph.persons]
        if n != target
    }
    certain_g = graph.digraph(certain_only=True)
    possible_g = nx.DiGraph(list(graph.control_possible))
    weighted = path_graph(graph)
    controllers = _controllers(graph) if rules.rule_set != RuleSet.UK_PSC else {}
    owners = [
        _owner(graph, p, effective[p], certain_g, possible_g, rules, controllers, weighted)
        for p in sorted(graph.persons)
    ]
    owners = [o for o in owners if o.effective.hi > 0 or o.control_possible or o.basis]
    # Several explanatory paths for the largest beneficial owners only: Yen's algorithm costs
    # one shortest-path search per path, so the evidence budget is bounded.
    detailed = sorted((o for o in owners if o.status != "not"), key=lambda o: -o.effective.hi)
    more = {o.person for o in detailed[: rules.max_detailed_owners]}
    owners = [
        o.model_copy(update={"paths": tuple(paths_to(graph, weighted, o.person, rules.max_paths))})
        if o.person in more
        else o
        for o in owners
    ]
    smo = tuple(
        sorted(
            {
                m.person
                for m in mandates
                if m.company == target and m.is_managing and valid_at(m.start, m.end, as_of)
            }
        )
    )
    entity_owners = _entity_owners(graph, effective, certain_g, possible_g, rules, weighted)
    exempt = target in listed
    found = any(o.status != "not" for o in owners) or any(e.legitimate for e in entity_owners)
    sum_lo = sum(o.effective.lo for o in owners)
    sum_hi = sum(o.effective.hi for o in owners)
    unattributed = Bound(lo=max(0.0, round(100 - sum_hi, 6)), hi=max(0.0, round(100 - sum_lo, 6)))
    return UboResult(
        target=target,
        as_of=as_of,
        rules=rules,
        owners=tuple(owners),
        circular=circularity(graph, lo.get(target, 1.0), hi.get(target, 1.0)),
        senior_managing_officials=smo,
        no_ubo_found=not exempt and not found,
        exempt=exempt,
        exempt_entities=tuple(sorted(graph.exempt_entities)),
        unattributed=unattributed,
        truncated=graph.truncated,
        entity_ownership={e: b for e, b in effective.items() if e not in graph.persons},
        legal_entity_owners=entity_owners,
    )


def _entity_owners(
    graph: OwnershipGraph,
    effective: dict[str, Bound],
    certain_g: nx.DiGraph,
    possible_g: nx.DiGraph,
    rules: UboRules,
    weighted: nx.DiGraph,
) -> tuple[EntityOwner, ...]:
    """Entities with a stake in the target and no owner of their own in the data."""
    owned = {dst for _, dst in graph.stakes} | {dst for _, dst in graph.control_possible}
    named_by: dict[str, set[str | None]] = {}  # entity -> who declared its stakes (None: a holding)
    for (src, _), stake in graph.stakes.items():
        named_by.setdefault(src, set()).update(h.declared_by for h in stake.holdings)
    out = []
    for entity in graph.entities[1:]:
        if entity in owned and entity not in graph.exempt_entities:
            continue
        eff = effective.get(entity)
        if eff is None:
            continue
        control = graph.target in _controlled(certain_g, entity)
        control_possible = graph.target in _controlled(possible_g, entity)
        if control or clears(eff.lo / 100, eff.lo_exclusive, rules):
            status: Status = "certain"
        elif control_possible or clears(eff.hi / 100, eff.hi_exclusive, rules, upper=True):
            status = "possible"
        else:
            status = "not"
        registers = named_by.get(entity, set())
        reason: EntityReason
        if entity in graph.exempt_entities:
            reason = "listed"
        elif registers and all(r in REGISTERS for r in registers):
            reason = "registrable"
        else:
            reason = "owners_unknown"
        declared_by = sorted(r for r in registers if r)[0] if reason == "registrable" else None
        out.append(
            EntityOwner(
                entity=entity,
                effective=eff,
                control=control,
                status=status,
                reason=reason,
                declared_by=declared_by,
                paths=tuple(paths_to(graph, weighted, entity, 1)),
            )
        )
    return tuple(sorted(out, key=lambda e: (-e.effective.hi, e.entity)))


def _owner(
    graph: OwnershipGraph,
    person: str,
    eff: Bound,
    certain_g: nx.DiGraph,
    possible_g: nx.DiGraph,
    rules: UboRules,
    controllers: Controllers,
    g: nx.DiGraph,
) -> BeneficialOwner:
    t = graph.target
    ctl_sure = _controlled(certain_g, person)
    ctl_maybe = _controlled(possible_g, person)
    control, control_possible = t in ctl_sure, t in ctl_maybe
    # UK para 18: every direct stake in t of an entity the person controls is attributed whole.
    attr_lo, attr_hi, lo_ex, hi_ex = 0.0, 0.0, False, False
    for (owner, owned), s in graph.stakes.items():
        if owned != t:
            continue
        if owner == person or owner in ctl_sure:
            attr_lo += s.lo
            lo_ex = lo_ex or s.lo_ex
        if owner == person or owner in ctl_maybe:
            attr_hi += s.hi
            hi_ex = hi_ex or s.hi_ex
    attributed = _bound(attr_lo, attr_hi, lo_ex, hi_ex)
    sure: list[str] = []
    maybe: list[str] = []
    if rules.rule_set == RuleSet.UK_PSC:
        _judge(sure, maybe, "majority_chain", attributed, rules)
    else:
        _judge(sure, maybe, "ownership", eff, rules)
        _art54(graph, person, ctl_sure, ctl_maybe, rules, controllers, sure, maybe)
    if control:
        sure.append("control")
    elif control_possible:
        maybe.append("control")
    status: Status = "certain" if sure else "possible" if maybe else "not"
    own = [h for (src, _), stake in graph.stakes.items() if src == person for h in stake.holdings]
    if status != "not" and own and all(h.declared_by for h in own):
        sure, maybe = ["declared", *sure], ["declared", *maybe]  # the register's own answer
    return BeneficialOwner(
        person=person,
        effective=eff,
        attributed=attributed,
        control=control,
        control_possible=control_possible,
        status=status,
        basis=tuple(dict.fromkeys(sure or maybe)),
        uk_band=_uk_band(attributed),
        paths=tuple(paths_to(graph, g, person, 1)),  # the heaviest; owners get more below
    )


def _judge(sure: list[str], maybe: list[str], name: str, b: Bound, rules: UboRules) -> None:
    if clears(b.lo / 100, b.lo_exclusive, rules):
        sure.append(name)
    elif clears(b.hi / 100, b.hi_exclusive, rules, upper=True):
        maybe.append(name)


def _controlled(g: nx.DiGraph, node: str) -> set[str]:
    return set(nx.descendants(g, node)) if node in g else set()


def _art54(
    graph: OwnershipGraph,
    person: str,
    ctl_sure: set[str],
    ctl_maybe: set[str],
    rules: UboRules,
    controllers: Controllers,
    sure: list[str],
    maybe: list[str],
) -> None:
    t = graph.target
    # (a) the person controls entities holding direct interests in t that reach the threshold,
    # one entity alone or several controlled by the same person together (AMLD 3(6)(a)(i)).
    lo = hi = 0.0
    lo_ex = hi_ex = False
    for (owner, owned), s in graph.stakes.items():
        if owned != t or owner == person:
            continue
        if owner in ctl_sure:
            lo, lo_ex = lo + s.lo, lo_ex or s.lo_ex
        if owner in ctl_maybe:
            hi, hi_ex = hi + s.hi, hi_ex or s.hi_ex
    if lo > 0 and clears(lo, lo_ex, rules):
        sure.append("art54a")
    elif hi > 0 and clears(min(hi, 1.0), hi_ex, rules, upper=True):
        maybe.append("art54a")
    # (b) the person owns >= threshold of an entity that controls t.
    for entity, (bound, surely_controls) in controllers.items():
        b = bound.get(person)
        if b is None or entity == person:
            continue
        if surely_controls and clears(b.lo / 100, b.lo_exclusive, rules):
            sure.append("art54b")
        elif clears(b.hi / 100, b.hi_exclusive, rules, upper=True):
            maybe.append("art54b")


def _controllers(graph: OwnershipGraph) -> Controllers:
    """Entities controlling t (directly or by a control chain) with everyone's integrated
    ownership of them: one pair of solves per controlling entity, shared by all persons."""
    t = graph.target
    certain_g = nx.DiGraph(list(graph.control_certain))
    possible_g = nx.DiGraph(list(graph.control_possible))
    sure = set(nx.ancestors(certain_g, t)) if t in certain_g else set()
    maybe = set(nx.ancestors(possible_g, t)) if t in possible_g else set()
    result: Controllers = {}
    for entity in sorted(maybe - graph.persons):
        lo = integrated(graph, entity, upper=False)
        hi = integrated(graph, entity, upper=True)
        s_lo = strict_nodes(graph, entity, upper=False)
        s_hi = strict_nodes(graph, entity, upper=True)
        bounds = {
            p: _bound(lo.get(p, 0.0), hi.get(p, 0.0), p in s_lo, p in s_hi) for p in graph.persons
        }
        result[entity] = (bounds, entity in sure)
    return result
