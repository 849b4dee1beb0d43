"""Due-diligence queries: dueDiligence, uboCheck(s), the population signal scan, connections.

Resolvers go through services.assessment (one neighbourhood bundle per company, a fixed number
of round trips whatever its size, the analytics off the event loop) and map the result. UBO
checks fetch only the ownership subgraph, declarations and directors (one round trip).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from typing import TypeAlias

import strawberry

from graph_schema.errors import InvalidInput, NotFound
from graph_schema.signal_params import RuleSet as RuleSetModel
from graph_schema.signal_params import SignalParams
from graphapi.analytics.assess import Assessment, UboAssessment
from graphapi.analytics.dates import valid_at
from graphapi.analytics.inputs import DueDiligenceInput
from graphapi.analytics.ubo.discrepancies import declared_at
from graphapi.context import Info
from graphapi.http.auth import Role, require_role
from graphapi.queries.network import company_count, company_keys_after, shortest_paths
from graphapi.schema.analytics_types import (
    BankruptcyHistory,
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

strawberry.enum(
    RuleSetModel,
    name="RuleSet",
    description="AMLR/EU: multiply along chains, add across; UK_PSC: majority chains.",
)
RuleSet: TypeAlias = RuleSetModel  # registered above as the GraphQL enum
MAX_BATCH = 100  # companies per uboChecks call
SCAN_CHUNK = 100  # companies assessed per round of the population scan
SCAN_BUDGET = 2000  # companies one request may scan before it returns a cursor
_SCAN_PREFIX = "dgs:"


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


@strawberry.type(description="One signal found by the population scan, with its company.")
class SignalEdge:
    cursor: str
    node: Signal
    company_id: strawberry.ID


@strawberry.type(description="A page of the population-wide signal scan.")
class SignalScan:
    edges: list[SignalEdge]
    page_info: PageInfo
    scanned_companies: int = strawberry.field(description="Companies assessed for this page.")
    total_companies: int = strawberry.field(description="Companies in the graph.")


@strawberry.type(description="A path between two entities, hop by hop.")
class EntityPath:
    entity_ids: list[strawberry.ID]
    names: list[str | None]
    hops: list[EvidenceHop]


def _encode_scan(key: str, index: int) -> str:
    raw = f"{_SCAN_PREFIX}{index}|{key}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_scan(cursor: str) -> tuple[str, int]:
    try:
        text = base64.urlsafe_b64decode((cursor + "=" * (-len(cursor) % 4)).encode()).decode()
        if text.startswith(_SCAN_PREFIX):
            index, key = text[len(_SCAN_PREFIX) :].split("|", 1)
            return key, int(index)
    except (binascii.Error, UnicodeError, ValueError):
        pass
    raise InvalidInput(f"invalid cursor {cursor!r}: pass a cursor from a previous page", "after")


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
        f"across all companies, in company-id order. One page assesses at most {SCAN_BUDGET} "
        "companies; follow pageInfo.endCursor to continue."
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
        wanted = {k.value for k in kinds} if kinds else None
        when = as_of or today()
        params = info.context.settings.signal_params
        start_key, skip_index = _decode_scan(after) if after else ("", -1)
        edges: list[SignalEdge] = []
        scanned, last_key, more = 0, start_key, True
        # Resume inside the company the previous page stopped in.
        resume = [start_key] if after else []
        while len(edges) < first and scanned < SCAN_BUDGET and more:
            keys = await company_keys_after(info.context.graph, last_key, SCAN_CHUNK)
            more = len(keys) == SCAN_CHUNK
            batch = resume + keys
            resume = []
            if not batch:
                break
            found = await assess_companies(
                info.context.graph, batch, when, params, info.context.audit.saw
            )
            for key in batch:
                last_key = max(last_key, key)
                scanned += 1
                matching = [
                    s
                    for s in found[key].result.signals
                    if s.severity >= min_severity
                    and (wanted is None or s.kind.value in wanted)
                ] if key in found else []  # fmt: skip
                for index, s in enumerate(matching):
                    if key == start_key and index <= skip_index:
                        continue
                    if len(edges) == first:
                        more = True
                        break
                    edges.append(
                        SignalEdge(
                            cursor=_encode_scan(key, index),
                            node=Signal.of(s),
                            company_id=strawberry.ID(key),
                        )
                    )
                if len(edges) == first:
                    more = (
                        True  # the page is full: more may follow (Relay allows a last empty page)
                    )
                    break
        end = edges[-1].cursor if edges else (_encode_scan(last_key, 10**6) if last_key else None)
        return SignalScan(
            edges=edges,
            page_info=PageInfo(
                has_next_page=more,
                has_previous_page=after is not None,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=end,
            ),
            scanned_companies=scanned,
            total_companies=await company_count(info.context.graph),
        )

    @described(
        "The shortest paths between two entities (people, companies, addresses), up to "
        "maxHops relationships (1-6), each hop with dates and provenance."
    )
    async def connections(
        self, info: Info, from_id: strawberry.ID, to_id: strawberry.ID, max_hops: int = 4
    ) -> list[EntityPath]:
        if not 1 <= max_hops <= 6:
            raise InvalidInput(f"maxHops must be between 1 and 6, got {max_hops}", "maxHops")
        if from_id == to_id:
            raise InvalidInput("fromId and toId are the same entity", "toId")
        rows = await shortest_paths(info.context.graph, str(from_id), str(to_id), max_hops)
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
                            detail=r.role or r.kind,
                            provenance=from_attrs(SourceReference, r.provenance, key=r.key),
                        )
                        for r in row.links
                    ],
                )
            )
        return out
