"""GraphQL types for the due-diligence analytics: thin mappings of graphapi.analytics models."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeAlias

import strawberry

from graphapi.analytics.coverage import Coverage as CoverageModel
from graphapi.analytics.history import BankruptcyCase as CaseModel
from graphapi.analytics.history import BankruptcyHistory as HistoryModel
from graphapi.analytics.model import SourceRef
from graphapi.analytics.rating import Rating as RatingModel
from graphapi.analytics.signals.model import EvidenceHop as HopModel
from graphapi.analytics.signals.model import EvidencePath as PathModel
from graphapi.analytics.signals.model import Signal as SignalModel
from graphapi.analytics.signals.model import SignalKind as SignalKindModel
from graphapi.analytics.ubo.discrepancies import Discrepancy as DiscrepancyModel
from graphapi.analytics.ubo.owners import BeneficialOwner as OwnerModel
from graphapi.analytics.ubo.owners import Bound
from graphapi.analytics.ubo.owners import EntityOwner as EntityOwnerModel
from graphapi.analytics.ubo.owners import UboResult as UboModel
from graphapi.analytics.ubo.paths import Hop as OwnershipHopModel
from graphapi.analytics.ubo.paths import OwnershipPath as OwnershipPathModel
from graphapi.context import Info
from graphapi.schema.common import described, from_attrs
from graphapi.schema.entities import Entity, entity_of

strawberry.enum(
    SignalKindModel,
    name="SignalKind",
    description="What a due-diligence rule found (see docs/analytics.md for each rule).",
)
SignalKind: TypeAlias = SignalKindModel  # registered above as the GraphQL enum


async def _entity(info: Info, key: str) -> Entity | None:
    row = await info.context.loaders.node.load(key)
    if row is None:
        return None
    info.context.audit.saw(key)
    return entity_of(info, row)


def entity_field(key_field: str) -> Any:
    """The entity whose key is in the field `key_field`, or null when it is not in the graph."""

    async def resolve(self: Any, info: Info) -> Entity | None:
        return await _entity(info, str(getattr(self, key_field)))

    return strawberry.field(resolver=resolve)


@strawberry.type(description="Where a fact came from in the registry.")
class SourceReference:
    key: str | None
    source: str | None
    record_id: str | None
    source_file: str | None
    seen_at: dt.date | None

    @staticmethod
    def of(ref: SourceRef) -> SourceReference:
        return from_attrs(SourceReference, ref)


@strawberry.type(description="One relationship of an evidence path, with dates and provenance.")
class EvidenceHop:
    from_id: strawberry.ID
    from_name: str | None
    type: str
    to_id: strawberry.ID
    to_name: str | None
    start: dt.date | None
    end: dt.date | None
    detail: str | None
    provenance: SourceReference

    @staticmethod
    def of(
        hop: HopModel | OwnershipHopModel,
        detail: str | None,
        from_name: str | None = None,
        to_name: str | None = None,
    ) -> EvidenceHop:
        return from_attrs(
            EvidenceHop,
            hop,
            from_id=strawberry.ID(hop.src),
            from_name=from_name,
            type=hop.rel_type.value,
            to_id=strawberry.ID(hop.dst),
            to_name=to_name,
            detail=detail,
            provenance=SourceReference.of(hop.ref),
        )


@strawberry.type(description="A path of nodes and relationships that justifies a signal.")
class EvidencePath:
    description: str
    hops: list[EvidenceHop]

    @staticmethod
    def of(path: PathModel) -> EvidencePath:
        return EvidencePath(
            description=path.description,
            hops=[EvidenceHop.of(h, h.detail, h.src_name, h.dst_name) for h in path.hops],
        )


@strawberry.type(description="A parameter value a rule used, so an analyst can reproduce it.")
class Parameter:
    name: str
    value: str | None


@strawberry.type(description="A due-diligence signal: kind, severity 1-5, one sentence, evidence.")
class Signal:
    kind: SignalKind
    severity: int
    summary: str
    entity_ids: list[strawberry.ID]
    evidence: list[EvidencePath]
    parameters: list[Parameter]
    date: dt.date | None = strawberry.field(description="The most recent fact behind it.")

    @described("The companies and persons the signal is about.")
    async def entities(self, info: Info) -> list[Entity]:
        found = [await _entity(info, str(k)) for k in self.entity_ids]
        return [e for e in found if e is not None]

    @staticmethod
    def of(signal: SignalModel) -> Signal:
        return from_attrs(
            Signal,
            signal,
            entity_ids=[strawberry.ID(e) for e in signal.entities],
            evidence=[EvidencePath.of(p) for p in signal.evidence],
            parameters=[
                Parameter(name=k, value=None if v is None else str(v))
                for k, v in sorted(signal.params.items())
            ],
        )


@strawberry.type(description="Risk rating 1 (very low) to 5 (very high) with its reasons.")
class Rating:
    score: int
    label: str = strawberry.field(
        description="very low … very high, or 'insufficient data' when too little is known to "
        "judge and no signal of severity 3 or more was found (docs/analytics.md, Data coverage)."
    )
    reasons: list[str]
    families: list[str]
    insufficient_data: bool = strawberry.field(
        description="Too little is known to judge: read the score as 'nothing adverse in what "
        "little we know', never as 'safe'."
    )
    missing_data: list[str] = strawberry.field(
        description="What the data lacks (register status, officers, ownership or control "
        "information, legal form, incorporation date, filed accounts); the decisive first."
    )

    @staticmethod
    def of(rating: RatingModel) -> Rating:
        return Rating(
            score=rating.score,
            label=rating.label,
            reasons=list(rating.reasons),
            families=[f.value for f in rating.families],
            insufficient_data=rating.insufficient_data,
            missing_data=list(rating.missing),
        )


@strawberry.type(description="What one source said about a company, up to the as-of date.")
class SourceCoverage:
    source: str
    status: bool = strawberry.field(
        description="The source publishes company status and a status is on record."
    )
    officers: int = strawberry.field(description="Officer appointments from this source.")
    ownership: int = strawberry.field(
        description="Shareholdings, control links and beneficial-owner declarations."
    )
    accounts: int = strawberry.field(description="Accounts filings and filed statements.")


@strawberry.type(
    description="Which sources know the company, what each said, and whether that is enough "
    "to judge it (docs/analytics.md, Data coverage)."
)
class DataCoverage:
    sufficient: bool
    missing: list[str]
    summary: str = strawberry.field(description="'sufficient' or 'insufficient data: no …'.")
    status: str | None
    officers: int
    ownership: int
    accounts: int
    sources: list[SourceCoverage]

    @staticmethod
    def of(c: CoverageModel) -> DataCoverage:
        return DataCoverage(
            sufficient=c.sufficient,
            missing=list(c.missing),
            summary=c.describe(),
            status=c.status,
            officers=c.officers,
            ownership=c.ownership,
            accounts=c.accounts,
            sources=[from_attrs(SourceCoverage, x) for x in c.sources],
        )


@strawberry.type(description="A percentage: exact, or a range when the inputs are ranges.")
class Percentage:
    min: float
    max: float
    min_exclusive: bool
    max_exclusive: bool
    exact: float | None
    label: str

    @staticmethod
    def of(b: Bound) -> Percentage:
        return Percentage(
            min=round(b.lo, 6),
            max=round(b.hi, 6),
            min_exclusive=b.lo_exclusive,
            max_exclusive=b.hi_exclusive,
            exact=round(b.lo, 6) if b.exact else None,
            label=b.label,
        )


@strawberry.type(description="One ownership or control chain from a person to the company.")
class OwnershipPath:
    entity_ids: list[strawberry.ID]
    shares: list[str | None]
    product: Percentage
    hops: list[EvidenceHop]

    @staticmethod
    def of(path: OwnershipPathModel) -> OwnershipPath:
        nodes = path.nodes if not callable(path.nodes) else path.nodes()
        return OwnershipPath(
            entity_ids=[strawberry.ID(n) for n in nodes],
            shares=[h.share for h in path.hops],
            product=Percentage.of(Bound(lo=path.product_lo, hi=path.product_hi)),
            hops=[
                EvidenceHop.of(h, h.share or ("control" if h.control else None)) for h in path.hops
            ],
        )


@strawberry.type(description="A natural person's computed ownership and control of a company.")
class UboOwner:
    person_id: strawberry.ID
    effective_percent: Percentage = strawberry.field(
        description="Sum over all ownership paths of the product of direct shares (AMLR Art. 52)."
    )
    attributed_percent: Percentage = strawberry.field(
        description="UK PSC attribution: whole stakes at the bottom of majority chains."
    )
    control: bool
    control_possible: bool
    status: str = strawberry.field(description="certain | possible | not, under the rule set.")
    basis: list[str] = strawberry.field(
        description="ownership | control | art54a | art54b | majority_chain, led by 'declared' "
        "when the stake is the register's own declaration (no shareholder list to compute from)."
    )
    uk_band: str | None
    paths: list[OwnershipPath]

    person = entity_field("person_id")

    @staticmethod
    def of(owner: OwnerModel) -> UboOwner:
        return from_attrs(
            UboOwner,
            owner,
            person_id=strawberry.ID(owner.person),
            effective_percent=Percentage.of(owner.effective),
            attributed_percent=Percentage.of(owner.attributed),
            basis=list(owner.basis),
            paths=[OwnershipPath.of(p) for p in owner.paths],
        )


@strawberry.type(
    description="A legal entity where the ownership chain ends: no owner of it is in the data."
)
class LegalEntityOwner:
    entity_id: strawberry.ID
    effective_percent: Percentage
    control: bool
    status: str = strawberry.field(description="certain | possible | not, under the rule set.")
    reason: str = strawberry.field(
        description="registrable: a register names it under its own rules (a UK relevant legal "
        "entity, an issuer on a regulated market, a public body), the register's answer; "
        "listed: not looked through; owners_unknown: a shareholder nobody published owners of."
    )
    declared_by: str | None
    paths: list[OwnershipPath]

    entity = entity_field("entity_id")

    @staticmethod
    def of(e: EntityOwnerModel) -> LegalEntityOwner:
        return from_attrs(
            LegalEntityOwner,
            e,
            entity_id=strawberry.ID(e.entity),
            effective_percent=Percentage.of(e.effective),
            paths=[OwnershipPath.of(p) for p in e.paths],
        )


@strawberry.type(description="Declared and computed beneficial owners do not agree.")
class UboDiscrepancy:
    kind: str
    entity_id: strawberry.ID
    detail: str
    computed: Percentage | None
    sources: list[str] = strawberry.field(
        description="The two independent sources compared: the register and the shareholdings."
    )

    @staticmethod
    def of(d: DiscrepancyModel) -> UboDiscrepancy:
        return UboDiscrepancy(
            kind=d.kind.value,
            entity_id=strawberry.ID(d.entity),
            detail=d.detail,
            computed=Percentage.of(d.computed) if d.computed else None,
            sources=list(d.sources),
        )


@strawberry.type(description="A beneficial owner as the register declares it (PSC, BODS).")
class DeclaredOwner:
    entity_id: strawberry.ID
    interests: list[str]
    share: Percentage | None
    control: bool
    declared_by: str
    start: dt.date | None
    end: dt.date | None

    entity = entity_field("entity_id")


@strawberry.type(description="Ownership cycles around the company (solved, never looped over).")
class Circularity:
    found: bool
    components: list[list[strawberry.ID]]
    cycle_paths: list[OwnershipPath]
    target_self_ownership: float = strawberry.field(
        description="Percent of the company that comes back to itself: (A(I-A)^-1)[t,t]."
    )
    target_first_return: float


@strawberry.type(description="UBO check of one company at a date under a rule set.")
class UboCheck:
    company_id: strawberry.ID
    as_of: dt.date
    rule_set: str
    threshold: float
    operator: str
    owners: list[UboOwner] = strawberry.field(
        description="Natural persons above the threshold or in control (certain or possible)."
    )
    all_owners: list[UboOwner] = strawberry.field(description="Every person with a stake.")
    legal_entity_owners: list[LegalEntityOwner] = strawberry.field(
        description="Legal entities where the chain ends, e.g. a parent a PSC register names as "
        "relevant legal entity whose own owners are not in the data: owned by that entity."
    )
    ownership_basis: str = strawberry.field(
        description="What answers for the company: computed (its shareholdings, compared with "
        "its register), declared (its register alone: declared owners are the beneficial "
        "owners) or none."
    )
    sources: list[str] = strawberry.field(description="The sources of the company's owners.")
    senior_managing_officials: list[strawberry.ID]
    declared: list[DeclaredOwner]
    discrepancies: list[UboDiscrepancy]
    circular: Circularity
    no_ubo_found: bool
    exempt: bool
    unattributed: Percentage
    truncated: bool

    company = entity_field("company_id")

    @staticmethod
    def of(
        ubo: UboModel, discrepancies: list[DiscrepancyModel], declared: list[DeclaredOwner]
    ) -> UboCheck:
        circ = ubo.circular
        return from_attrs(
            UboCheck,
            ubo,
            company_id=strawberry.ID(ubo.target),
            rule_set=ubo.rules.rule_set.value,
            threshold=ubo.rules.threshold,
            operator=ubo.rules.operator,
            owners=[UboOwner.of(o) for o in ubo.beneficial_owners],
            all_owners=[UboOwner.of(o) for o in ubo.owners],
            legal_entity_owners=[LegalEntityOwner.of(e) for e in ubo.legal_entity_owners],
            sources=list(ubo.sources),
            senior_managing_officials=[strawberry.ID(p) for p in ubo.senior_managing_officials],
            declared=declared,
            discrepancies=[UboDiscrepancy.of(d) for d in discrepancies],
            circular=from_attrs(
                Circularity,
                circ,
                found=bool(circ.components),
                components=[[strawberry.ID(k) for k in c] for c in circ.components],
                cycle_paths=[OwnershipPath.of(p) for p in circ.cycle_paths],
            ),
            unattributed=Percentage.of(ubo.unattributed),
        )


@strawberry.type(description="A mandate in a company that became insolvent.")
class BankruptcyCase:
    company_id: strawberry.ID
    company_name: str | None
    role: str
    from_: dt.date | None = strawberry.field(name="from")
    to: dt.date | None
    insolvency_kind: str
    insolvency_date: dt.date
    months_after_leaving: int | None = strawberry.field(
        description="Whole months from leaving to the insolvency; null if still in office."
    )
    within_window: bool
    tier: str
    mandate_provenance: SourceReference
    event_provenance: SourceReference

    company = entity_field("company_id")

    @staticmethod
    def of(case: CaseModel) -> BankruptcyCase:
        return from_attrs(
            BankruptcyCase,
            case,
            company_id=strawberry.ID(case.company),
            from_=case.start,
            to=case.end,
            insolvency_kind=case.kind.value,
            mandate_provenance=SourceReference.of(case.mandate_ref),
            event_provenance=SourceReference.of(case.event_ref),
        )


@strawberry.type(description="A person's mandates in companies that became insolvent.")
class BankruptcyHistory:
    person_id: strawberry.ID
    window_months: int
    count: int = strawberry.field(description="Distinct insolvent companies within the window.")
    cases: list[BankruptcyCase]

    person = entity_field("person_id")

    @staticmethod
    def of(history: HistoryModel) -> BankruptcyHistory:
        return BankruptcyHistory(
            person_id=strawberry.ID(history.person),
            window_months=history.window_months,
            count=history.count_within_window,
            cases=[BankruptcyCase.of(c) for c in history.cases],
        )


@strawberry.type(description="Should we do business with this company, and why (not)?")
class DueDiligence:
    company_id: strawberry.ID
    as_of: dt.date
    rating: Rating
    signals: list[Signal]
    bankruptcy_histories: list[BankruptcyHistory] = strawberry.field(
        description="Every current director and controller with insolvent former companies."
    )
    ubo: UboCheck
    coverage: DataCoverage

    company = entity_field("company_id")
