"""Due-diligence queries: dueDiligence, uboCheck(s), the population signal scan, connections.

Resolvers go through services.assessment (one neighbourhood bundle per company, a fixed number
of round trips whatever its size, the analytics off the event loop) and map the result. UBO
checks fetch only the ownership subgraph, declarations and directors (one round trip).
"""

from __future__ import annotations

import datetime as dt
from typing import TypeAlias

import strawberry

from graph_schema.errors import InvalidInput, NotFound
from graph_schema.signal_params import RuleSet as RuleSetModel
from graph_schema.signal_params import SignalParams
from graphapi.analytics.assess import Assessment, UboAssessment
from graphapi.analytics.dates import valid_at
from graphapi.analytics.inputs import DueDiligenceInput
from graphapi.analytics.model import interval_label
from graphapi.analytics.ubo.discrepancies import declared_at
from graphapi.context import Info
from graphapi.http.auth import Role, require_role
from graphapi.queries.network import shortest_paths
from graphapi.queries.rows import PathLinkRow
from graphapi.schema.analytics_types import (
    BankruptcyHistory,
    DataCoverage,
    DeclaredOwner,
    DueDiligence,
    EvidenceHop,
    Percentage,
    Rating,
    Signal,
    SignalKind,
    SourceReference,
    UboCheck,
)
from graphapi.schema.common import described, from_attrs
from graphapi.schema.lookup import company_key
from graphapi.schema.pagination import PageInfo
from graphapi.services.assessment import Assessed, assess_companies, check_ubo, with_ubo_rules
from graphapi.services.scan import Position, scan_page

strawberry.enum(
    RuleSetModel,
    name="RuleSet",
    description="AMLR/EU: multiply along chains, add across; UK_PSC: majority chains.",
)
RuleSet: TypeAlias = RuleSetModel  # registered above as the GraphQL enum
MAX_BATCH = 100  # companies per uboChecks call
MAX_EXCLUDE = 50  # entities one connections call may leave out
# Share of the request's remaining time one scan page may spend assessing companies; the
# rest is for the counts, serialising the page and a slow round.
SCAN_BUDGET_SHARE = 0.5


def today() -> dt.date:
    return dt.date.today()


def _params(info: Info, threshold: float, rule_set: RuleSet, operator: str) -> SignalParams:
    return with_ubo_rules(info.context.settings.signal_params, threshold, rule_set, operator)


def _declared(bundle: DueDiligenceInput, as_of: dt.date) -> list[DeclaredOwner]:
    return [
        from_attrs(
            DeclaredOwner,
            d,
            entity_id=strawberry.ID(d.declared),
            interests=list(d.interests),
            share=None if bound is None else Percentage.of(bound),
        )
        for d, bound in declared_at(bundle.declarations, bundle.target, as_of)
    ]


def _ubo_check(assessed: Assessed[Assessment] | Assessed[UboAssessment]) -> UboCheck:
    a = assessed.result
    return UboCheck.of(a.ubo, list(a.discrepancies), _declared(assessed.bundle, a.as_of))


def _current_people(a: Assessment, bundle: DueDiligenceInput) -> set[str]:
    """Directors at as_of plus persons with a stake or control (the 'controllers')."""
    people = {
        m.person
        for m in bundle.mandates
        if m.company == bundle.target and valid_at(m.start, m.end, a.as_of)
    }
    people.update(o.person for o in a.ubo.owners)
    return people


def _share(link: PathLinkRow) -> str | None:
    """An OWNS or DECLARED_BO_OF hop's share as the evidence writes it: "80.00 %", "(25.00,
    50.00] %"; None when the link states no share."""
    if link.share_exact is None and link.share_min is None and link.share_max is None:
        return None
    if link.share_exact is not None:
        lo = hi = link.share_exact / 100
    else:
        lo = (link.share_min or 0.0) / 100
        hi = 1.0 if link.share_max is None else link.share_max / 100
    lo_ex = link.share_min_exclusive and link.share_exact is None and link.share_min is not None
    hi_ex = link.share_max_exclusive and link.share_exact is None and link.share_max is not None
    return interval_label(lo, hi, lo_ex, hi_ex)


@strawberry.type(description="One signal found by the population scan, with its company.")
class SignalEdge:
    cursor: str
    node: Signal
    company_id: strawberry.ID


@strawberry.type(description="A page of the population-wide signal scan.")
class SignalScan:
    edges: list[SignalEdge]
    page_info: PageInfo
    scanned_companies: int = strawberry.field(
        description="Companies finished on this page (a company whose signals continue on the "
        "next page counts there)."
    )
    scanned_companies_so_far: int = strawberry.field(
        description="Companies finished from the first page up to this page's endCursor."
    )
    total_companies: int = strawberry.field(description="Companies in the graph.")
    stopped_on_time_budget: bool = strawberry.field(
        description="True when the page ended on its time budget rather than on `first`: "
        "fewer signals than asked is then no sign of the end; hasNextPage says whether "
        "companies are left."
    )


@strawberry.type(description="A path between two entities, hop by hop.")
class EntityPath:
    entity_ids: list[strawberry.ID]
    names: list[str | None]
    hops: list[EvidenceHop]


@strawberry.type
class DueDiligenceQuery:
    @described(
        "Should we do business with this company (its id or a registry number in any common "
        "format)? Rating 1-5 with reasons, every signal with its evidence, the bankruptcy "
        "history of current directors and controllers, and the UBO check (default rule set "
        "AMLR, more than 25 %)."
    )
    async def due_diligence(
        self, info: Info, company_id: strawberry.ID, as_of: dt.date | None = None
    ) -> DueDiligence:
        when = as_of or today()
        company_id = strawberry.ID(await company_key(info, str(company_id).strip()))
        params = info.context.settings.signal_params
        found = await assess_companies(
            info.context.graph, [str(company_id)], when, params, info.context.audit.saw
        )
        if str(company_id) not in found:
            raise NotFound(f"no company with id {company_id!r}")
        a, bundle = found[str(company_id)].result, found[str(company_id)].bundle
        people = _current_people(a, bundle)
        return DueDiligence(
            company_id=company_id,
            as_of=when,
            rating=Rating.of(a.rating),
            signals=[Signal.of(s) for s in a.signals],
            bankruptcy_histories=[
                BankruptcyHistory.of(h) for p, h in sorted(a.histories.items()) if p in people
            ],
            ubo=_ubo_check(found[str(company_id)]),
            coverage=DataCoverage.of(a.coverage),
        )

    @described(
        "UBO check of a company (its id or a registry number in any common format): natural "
        "persons holding more than the threshold (effective ownership "
        "through all chains, ranges kept as ranges) or in control, declared owners, "
        "discrepancies, ownership cycles; senior managing officials when nobody qualifies."
    )
    async def ubo_check(
        self,
        info: Info,
        company_id: strawberry.ID,
        threshold: float = 25.0,
        as_of: dt.date | None = None,
        rule_set: RuleSet = RuleSet.AMLR,
        operator: str = ">",
    ) -> UboCheck:
        when = as_of or today()
        company_id = strawberry.ID(await company_key(info, str(company_id).strip()))
        params = _params(info, threshold, rule_set, operator)
        found = await check_ubo(
            info.context.graph, [str(company_id)], when, params, info.context.audit.saw
        )
        if str(company_id) not in found:
            raise NotFound(f"no company with id {company_id!r}")
        return _ubo_check(found[str(company_id)])

    @described(
        f"UBO checks for up to {MAX_BATCH} companies in one call (batch jobs). Unknown ids are "
        "left out; compare the companyId of each result with what you asked."
    )
    async def ubo_checks(
        self,
        info: Info,
        company_ids: list[strawberry.ID],
        threshold: float = 25.0,
        as_of: dt.date | None = None,
        rule_set: RuleSet = RuleSet.AMLR,
        operator: str = ">",
    ) -> list[UboCheck]:
        require_role(info.context.caller, Role.ANALYST)  # a batch job, not a single look-up
        if len(company_ids) > MAX_BATCH:
            raise InvalidInput(
                f"at most {MAX_BATCH} companies per call, got {len(company_ids)}", "companyIds"
            )
        when = as_of or today()
        params = _params(info, threshold, rule_set, operator)
        keys = list(dict.fromkeys(str(k) for k in company_ids))
        found = await check_ubo(info.context.graph, keys, when, params, info.context.audit.saw)
        return [_ubo_check(found[k]) for k in keys if k in found]

    @described(
        "Population-wide scan for analysts: signals of the given kinds and minimum severity "
        "across all companies, in company-id order. A page ends when it holds `first` signals "
        "or when its time budget (half the request's time limit) is spent, whichever comes "
        "first; follow pageInfo.endCursor until hasNextPage is false. The scannedCompanies of "
        "all pages add up to totalCompanies."
    )
    async def signals(
        self,
        info: Info,
        kinds: list[SignalKind] | None = None,
        min_severity: int = 1,
        first: int = 20,
        after: str | None = None,
        as_of: dt.date | None = None,
    ) -> SignalScan:
        require_role(info.context.caller, Role.ANALYST)  # scans the whole population
        max_page = info.context.settings.api_max_page_size
        if not 0 < first <= max_page:
            raise InvalidInput(f"first must be between 1 and {max_page}, got {first}", "first")
        if not 1 <= min_severity <= 5:
            raise InvalidInput("minSeverity must be between 1 and 5", "minSeverity")
        start = Position.decode(after) if after else Position()
        graph = info.context.graph
        page = await scan_page(
            graph,
            start,
            first,
            {k.value for k in kinds} if kinds else None,
            min_severity,
            as_of or today(),
            info.context.settings.signal_params,
            budget_s=graph.seconds_left() * SCAN_BUDGET_SHARE,
            seen=info.context.audit.saw,
        )
        edges = [
            SignalEdge(
                cursor=f.cursor.encode(),
                node=Signal.of(f.signal),
                company_id=strawberry.ID(f.company),
            )
            for f in page.found
        ]
        return SignalScan(
            edges=edges,
            page_info=PageInfo(
                has_next_page=page.has_next,
                has_previous_page=after is not None,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=page.end.encode(),
            ),
            scanned_companies=page.scanned,
            scanned_companies_so_far=page.scanned_so_far,
            total_companies=page.total,
            stopped_on_time_budget=page.timed_out,
        )

    @described(
        "The shortest paths between two entities (people, companies, addresses), up to "
        "maxHops relationships (1-6), each path once, none through an entity of `exclude`; "
        "each hop with dates, provenance and its detail (role, share, address kind)."
    )
    async def connections(
        self,
        info: Info,
        from_id: strawberry.ID,
        to_id: strawberry.ID,
        max_hops: int = 4,
        exclude: list[strawberry.ID] | None = None,
    ) -> list[EntityPath]:
        if not 1 <= max_hops <= 6:
            raise InvalidInput(f"maxHops must be between 1 and 6, got {max_hops}", "maxHops")
        if from_id == to_id:
            raise InvalidInput("fromId and toId are the same entity", "toId")
        if len(exclude or []) > MAX_EXCLUDE:
            raise InvalidInput(f"exclude at most {MAX_EXCLUDE} entities", "exclude")
        avoid = [str(x) for x in exclude or []]
        if str(from_id) in avoid or str(to_id) in avoid:
            raise InvalidInput("exclude cannot hold fromId or toId", "exclude")
        rows = await shortest_paths(
            info.context.graph, str(from_id), str(to_id), max_hops, exclude=avoid
        )
        info.context.audit.saw(str(from_id))
        info.context.audit.saw(str(to_id))
        out = []
        for row in rows:
            names = {n.key: n.name for n in row.nodes}
            out.append(
                EntityPath(
                    entity_ids=[strawberry.ID(n.key) for n in row.nodes],
                    names=[n.name for n in row.nodes],
                    hops=[
                        from_attrs(
                            EvidenceHop,
                            r,
                            from_id=strawberry.ID(r.src),
                            from_name=names.get(r.src),
                            type=r.type.value,
                            to_id=strawberry.ID(r.dst),
                            to_name=names.get(r.dst),
                            detail=r.role or r.kind or _share(r),
                            provenance=from_attrs(SourceReference, r.provenance, key=r.key),
                        )
                        for r in row.links
                    ],
                )
            )
        return out
