"""The one-fetch bundle for one target company and the indexes the rules share."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pydantic import BaseModel, ConfigDict

from graph_schema.financials import FinancialStatement
from graph_schema.labels import RelType
from graph_schema.ledger import Account
from graph_schema.names import surname_tokens
from graphapi.analytics.dates import valid_at
from graphapi.analytics.history import first_insolvencies
from graphapi.analytics.model import (
    AddressFacts,
    CompanyEvent,
    CompanyFacts,
    ControlLink,
    Declaration,
    Disqualification,
    Holding,
    Mandate,
    PersonFacts,
    Relation,
    SourceRef,
)
from graphapi.analytics.signals.model import EvidenceHop
from graphapi.analytics.ubo.paths import OwnershipPath

PERSON_PREFIX = "person-"


class DueDiligenceInput(BaseModel):
    """Everything about one target and its neighbourhood: the target, its directors and
    controllers and their other mandates, those companies and their events, the ancestor
    ownership subgraph, declarations, addresses with their statistics, bans and relations."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    target: str
    companies: tuple[CompanyFacts, ...]
    persons: tuple[PersonFacts, ...] = ()
    mandates: tuple[Mandate, ...] = ()
    holdings: tuple[Holding, ...] = ()
    controls: tuple[ControlLink, ...] = ()
    declarations: tuple[Declaration, ...] = ()
    events: tuple[CompanyEvent, ...] = ()
    addresses: tuple[AddressFacts, ...] = ()
    disqualifications: tuple[Disqualification, ...] = ()
    relations: tuple[Relation, ...] = ()
    statements: tuple[FinancialStatement, ...] = ()  # the target's filed accounts
    # The firm's own ledger: the current client accounts the target is (none: not a client).
    ledger: tuple[Account, ...] = ()


@dataclass
class Index:
    data: DueDiligenceInput
    companies: dict[str, CompanyFacts] = field(default_factory=dict)
    persons: dict[str, PersonFacts] = field(default_factory=dict)
    addresses: dict[str, AddressFacts] = field(default_factory=dict)
    mandates_of: dict[str, list[Mandate]] = field(default_factory=dict)  # by person
    mandates_in: dict[str, list[Mandate]] = field(default_factory=dict)  # by company
    events_of: dict[str, list[CompanyEvent]] = field(default_factory=dict)
    insolvencies: dict[str, list[CompanyEvent]] = field(default_factory=dict)
    bans_of: dict[str, list[Disqualification]] = field(default_factory=dict)
    related: dict[str, set[str]] = field(default_factory=dict)
    holdings_into: dict[str, list[Holding]] = field(default_factory=dict)
    controls_into: dict[str, list[ControlLink]] = field(default_factory=dict)
    _natural: set[str] = field(default_factory=set)

    @classmethod
    def build(cls, data: DueDiligenceInput) -> Index:
        ix = cls(data=data)
        ix.companies = {c.key: c for c in data.companies}
        ix.persons = {p.key: p for p in data.persons}
        ix.addresses = {a.key: a for a in data.addresses}
        for m in data.mandates:
            ix.mandates_of.setdefault(m.person, []).append(m)
            ix.mandates_in.setdefault(m.company, []).append(m)
        for e in data.events:
            ix.events_of.setdefault(e.company, []).append(e)
        ix.insolvencies = first_insolvencies(data.events)
        for d in data.disqualifications:
            ix.bans_of.setdefault(d.person, []).append(d)
        for h in data.holdings:
            ix.holdings_into.setdefault(h.owned, []).append(h)
        for c in data.controls:
            ix.controls_into.setdefault(c.controlled, []).append(c)
        for r in data.relations:
            ix.related.setdefault(r.person, set()).add(r.other)
            ix.related.setdefault(r.other, set()).add(r.person)
        ix._natural = ix._find_natural()
        return ix

    @property
    def target(self) -> CompanyFacts:
        return self.companies.get(self.data.target) or CompanyFacts(key=self.data.target)

    @property
    def natural_persons(self) -> set[str]:
        return self._natural

    def _find_natural(self) -> set[str]:
        """Known persons plus any key minted by graph_schema.keys.person_key ("person-…")."""
        d = self.data
        keys = [
            *(m.person for m in d.mandates),
            *(h.owner for h in d.holdings),
            *(c.controller for c in d.controls),
            *(x.declared for x in d.declarations),
            *(b.person for b in d.disqualifications),
        ]
        return set(self.persons) | {k for k in keys if k.startswith(PERSON_PREFIX)}

    def name(self, key: str) -> str:
        if key in self.persons:
            return self.persons[key].name
        if key in self.companies:
            return self.companies[key].display
        return key

    def directors(self, company: str, as_of: date) -> list[Mandate]:
        """Managing mandates valid at as_of (secretaries and practitioners excluded)."""
        return [
            m
            for m in self.mandates_in.get(company, [])
            if m.is_managing and valid_at(m.start, m.end, as_of)
        ]

    def active_bans(self, person: str, as_of: date) -> list[Disqualification]:
        return [d for d in self.bans_of.get(person, []) if d.active_at(as_of)]

    def insolvency_at(self, company: str, as_of: date) -> CompanyEvent | None:
        """The first insolvency on or before as_of, unless closed by a successful rescue."""
        for e in self.insolvencies.get(company, []):
            assert e.date is not None
            if e.date > as_of:
                break
            if e.rescued and e.end_date is not None and e.end_date <= as_of:
                continue
            return e
        return None

    def is_related(self, a: str, b: str) -> bool:
        """A declared relation, or the same residential address and a shared surname."""
        if b in self.related.get(a, set()):
            return True
        pa, pb = self.persons.get(a), self.persons.get(b)
        if pa is None or pb is None:
            return False
        shared_home = set(pa.residential_address_keys) & set(pb.residential_address_keys)
        return bool(shared_home and surname_tokens(pa.name) & surname_tokens(pb.name))

    # Evidence hops -----------------------------------------------------------------------
    def hop(
        self,
        src: str,
        rel_type: RelType,
        dst: str,
        start: date | None,
        end: date | None,
        detail: str | None,
        ref: SourceRef,
    ) -> EvidenceHop:
        """A relationship between two entities, each named as the bundle names it."""
        return EvidenceHop(
            src=src,
            src_name=self.name(src),
            rel_type=rel_type,
            dst=dst,
            dst_name=self.name(dst),
            start=start,
            end=end,
            detail=detail,
            ref=ref,
        )

    def mandate_hop(self, m: Mandate) -> EvidenceHop:
        return self.hop(m.person, RelType.DIRECTOR_OF, m.company, m.start, m.end, m.role, m.ref)

    def event_hop(self, e: CompanyEvent) -> EvidenceHop:
        detail = e.kind.value + (f" ({e.court})" if e.court else "")
        return EvidenceHop(
            src=e.company,
            src_name=self.name(e.company),
            rel_type=RelType.HAS_EVENT,
            dst=e.ref.key or f"{e.company}:{e.kind.value}:{e.date}",
            dst_name=e.reference,
            start=e.date,
            end=e.end_date,
            detail=detail,
            ref=e.ref,
        )

    def ban_hop(self, d: Disqualification) -> EvidenceHop:
        return EvidenceHop(
            src=d.person,
            src_name=self.name(d.person),
            rel_type=RelType.DISQUALIFIED,
            dst=d.ref.key or f"{d.person}:ban:{d.start}",
            dst_name=d.authority,
            start=d.start,
            end=d.end,
            detail=d.reason,
            ref=d.ref,
        )

    def address_hop(self, entity: str, address: str, kind: str = "registered") -> EvidenceHop:
        a = self.addresses.get(address)
        return EvidenceHop(
            src=entity,
            src_name=self.name(entity),
            rel_type=RelType.REGISTERED_AT,
            dst=address,
            dst_name=a.text if a else None,
            detail=kind,
            ref=a.ref if a else SourceRef(),
        )

    def path_hops(self, path: OwnershipPath) -> tuple[EvidenceHop, ...]:
        return tuple(
            self.hop(
                h.src,
                h.rel_type,
                h.dst,
                h.start,
                h.end,
                h.share if h.rel_type != RelType.CONTROLS else "control",
                h.ref,
            )
            for h in path.hops
        )
