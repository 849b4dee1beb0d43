"""Which source answers "who owns this company", company by company (docs/analytics.md).

Two kinds of ownership information exist. Shareholdings (OWNS and CONTROLS links: a shareholder
list, BODS direct interests, FtM `Ownership`) state who holds what; the UBO maths multiplies
them along chains. Register declarations (DECLARED_BO_OF: the UK PSC register, BODS statements
an official register published, the Belgian UBO register) state who the beneficial owners are.

Where a company has shareholdings of its own, they are the ownership source and its register
is compared with them (UBO_DISCREPANCY needs these two independent sources). Where it has none,
the register is the only ownership information the public has (Companies House publishes no
shareholder list next to the PSC register): its declarations then stand in as ranged stakes,
the band as a range, so that declared owners are the beneficial owners and bands multiply
through a chain of relevant legal entities in the same matrix maths.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from graphapi.analytics.dates import valid_at
from graphapi.analytics.inputs import DueDiligenceInput
from graphapi.analytics.model import ControlLink, Declaration, Holding, SourceRef
from graphapi.analytics.ubo.owners import REGISTERS

__all__ = ["REGISTERS", "OwnershipView", "declared_holding", "ownership_view"]

# UK PSC natures name a share band only above 25 %: a PSC registered for control or votes
# alone holds at most 25 % of the shares (Companies Act 2006 Sch. 1A paras 2-5).
_PSC_UNSTATED_SHARE = (0.0, 25.0)

Basis = str  # "computed" | "declared" | "none"


@dataclass(frozen=True)
class OwnershipView:
    """The bundle with register stand-ins added, and which source answers for each company."""

    data: DueDiligenceInput
    computed: frozenset[str]  # companies owned per their shareholdings at as_of
    declared: frozenset[str]  # companies owned per their register only

    def basis(self, company: str) -> Basis:
        if company in self.computed:
            return "computed"
        if company in self.declared:
            return "declared"
        return "none"


def _record(ref: SourceRef) -> tuple[str | None, str | None]:
    return ref.source, ref.record_id


def declared_holding(d: Declaration) -> Holding:
    """A declaration as a ranged stake: its share band, else its votes band (an ownership
    interest either way, AMLR Art. 52), else what the register's rules imply."""
    lo: float | None
    hi: float | None
    lo_ex = hi_ex = False
    if d.share_exact is not None:
        lo = hi = d.share_exact
    elif d.share_min is not None or d.share_max is not None:
        lo, hi = d.share_min, d.share_max
        lo_ex, hi_ex = d.share_min_exclusive, d.share_max_exclusive
    elif d.votes_min is not None or d.votes_max is not None:
        lo, hi = d.votes_min, d.votes_max
        lo_ex = d.votes_min is not None and d.declared_by == "psc"  # PSC bands: "more than"
    elif d.declared_by == "psc" and d.interests:
        lo, hi = _PSC_UNSTATED_SHARE
    else:
        # Unknown, [0, 100]: e.g. a PSC entry without its natures of control (on the register,
        # so it meets some condition, but which one is not said).
        lo = hi = None
    if lo is not None and hi is not None and lo == hi and not (lo_ex or hi_ex):
        exact: float | None = lo
        lo = hi = None
    else:
        exact = None
    return Holding(
        owner=d.declared,
        owned=d.company,
        interest="declared",
        share_exact=exact,
        share_min=lo,
        share_max=hi,
        share_min_exclusive=lo_ex and lo is not None,
        share_max_exclusive=hi_ex and hi is not None,
        control_interests=d.interests if d.control else (),
        start=d.start,
        end=d.end,
        ref=d.ref,
        declared_by=d.declared_by,
    )


def ownership_view(data: DueDiligenceInput, as_of: date) -> OwnershipView:
    """Add register stand-ins for every company of the bundle without shareholdings at as_of.

    A holding from the very record a declaration came from (a BODS statement declaring a
    direct shareholding as beneficial ownership yields both) is not an independent source."""
    declared_into: dict[str, list[Declaration]] = defaultdict(list)
    for d in data.declarations:
        declared_into[d.company].append(d)
    records: dict[str, set[tuple[str | None, str | None]]] = {
        c: {_record(d.ref) for d in ds if d.ref.record_id} for c, ds in declared_into.items()
    }

    def independent(company: str, ref: SourceRef) -> bool:
        return _record(ref) not in records.get(company, set())

    live: set[str] = set()
    links: list[Holding | ControlLink] = [*data.holdings, *data.controls]
    for link in links:
        owned = link.owned if isinstance(link, Holding) else link.controlled
        if valid_at(link.start, link.end, as_of) and independent(owned, link.ref):
            live.add(owned)
    declared = frozenset(c for c in declared_into if c not in live)
    stand_ins = [declared_holding(d) for c in sorted(declared) for d in declared_into[c]]
    # The same statement's own OWNS link is replaced by its declaration, not added to it.
    kept = [h for h in data.holdings if h.owned not in declared or independent(h.owned, h.ref)]
    augmented = data.model_copy(update={"holdings": (*kept, *stand_ins)})
    return OwnershipView(data=augmented, computed=frozenset(live), declared=declared)


def describe_sources(
    holdings: Iterable[Holding | ControlLink], declarations: Iterable[Declaration]
) -> tuple[str, ...]:
    """Plain names of the sources behind a set of links, e.g. 'PSC register (companies-house)'."""
    names: set[str] = set()
    for h in holdings:
        declared_by = h.declared_by if isinstance(h, Holding) else None
        if declared_by:
            names.add(register_name(declared_by, h.ref.source))
        else:
            names.add(f"shareholdings ({h.ref.source or 'unknown source'})")
    for d in declarations:
        names.add(register_name(d.declared_by, d.ref.source))
    return tuple(sorted(names))


def register_name(declared_by: str, source: str | None) -> str:
    label = {
        "psc": "PSC register",
        "bods": "BODS beneficial-ownership statements",
        "bods-register": "register statements published in BODS",
        "ubo-register": "UBO register",
    }.get(declared_by, "register declarations")
    return f"{label} ({source or 'unknown source'})"
