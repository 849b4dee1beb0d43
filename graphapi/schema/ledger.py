"""The firm's ledger in GraphQL: clients, exposure through the graph, portfolio views.

Confidential (docs/security.md, "The firm's ledger"): every field here needs an analyst or
admin key; a reader gets FORBIDDEN for the whole ledger part, and every client whose figures
are returned is noted in the audit trail with its company.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TypeVar

import strawberry

from graph_schema.errors import InvalidInput, NotFound
from graph_schema.ledger import CENT, check_ledger_name
from graph_schema.scoring_profile import default_profile
from graphapi.analytics import portfolio as views
from graphapi.analytics.exposure import LinkedExposure as LinkedModel
from graphapi.analytics.payment import Exposure as ExposureModel
from graphapi.analytics.portfolio import PortfolioLine
from graphapi.context import Info
from graphapi.http.auth import Role, require_role
from graphapi.queries.ledger import ledgers as ledger_rows
from graphapi.schema.common import described
from graphapi.schema.pagination import Connection, connection, window
from graphapi.services.portfolio import Portfolio, client_view, ledger_links, portfolio

R = TypeVar("R")
N = TypeVar("N")


def _m(amount: Decimal) -> Decimal:
    """An amount as the API states it: to the cent."""
    return amount.quantize(CENT)


def _mo(amount: Decimal | None) -> Decimal | None:
    return None if amount is None else _m(amount)


def _today() -> dt.date:
    return dt.date.today()


def _ledger(name: str) -> str:
    try:
        return check_ledger_name(name)
    except ValueError as exc:
        raise InvalidInput(str(exc), "ledger") from None


def _allowed(info: Info) -> None:
    require_role(info.context.caller, Role.ANALYST)  # the firm's own figures


@strawberry.type(description="What a client owes the firm at a date, in its currency.")
class ClientExposure:
    as_of: dt.date
    currency: str | None
    open: Decimal = strawberry.field(description="Open invoices less unapplied credit notes.")
    overdue: Decimal
    credit_limit: Decimal | None
    over_limit: Decimal | None = strawberry.field(
        description="How far the open balance exceeds the limit (0 within; null: no limit)."
    )

    @staticmethod
    def of(e: ExposureModel) -> ClientExposure:
        return ClientExposure(
            as_of=e.as_of, currency=e.currency, open=_m(e.open), overdue=_m(e.overdue),
            credit_limit=_mo(e.credit_limit), over_limit=_mo(e.over_limit),
        )  # fmt: skip


@strawberry.type(description="The internal rating of a client under the scoring profile.")
class ClientRating:
    rating: int
    label: str
    as_of: dt.date
    stored: bool = strawberry.field(
        description="Stored by the last scoring run; false: computed for this answer."
    )
    profile: str
    moved_by: str | None
    explanation: list[str]
    review_months: int
    next_review_on: dt.date


def _rating(line: PortfolioLine) -> ClientRating | None:
    r = line.rating
    if r is None:
        return None
    return ClientRating(
        rating=r.rating, label=r.label, as_of=r.as_of, stored=r.stored, profile=r.profile,
        moved_by=r.moved_by, explanation=list(r.explanation), review_months=r.review_months,
        next_review_on=r.next_review_on,
    )  # fmt: skip


@strawberry.type(description="One client of the firm's ledger.")
class LedgerClient:
    id: strawberry.ID = strawberry.field(description="`<ledger>|<client id>`.")
    ledger: str
    client_id: str
    name: str | None
    company_id: strawberry.ID | None = strawberry.field(
        description="The registry company it resolved to."
    )
    resolution: str | None
    segment: str | None
    sales_owner: str | None
    payment_terms_days: int | None
    exposure: ClientExposure
    rating: ClientRating | None = None
    group_id: strawberry.ID | None = strawberry.field(
        default=None, description="The top company of its group (its own company when alone)."
    )
    group_name: str | None = None


def _client(line: PortfolioLine) -> LedgerClient:
    c = line.client
    return LedgerClient(
        id=strawberry.ID(c.key), ledger=c.ledger, client_id=c.client_id, name=c.name,
        company_id=strawberry.ID(c.company) if c.company else None,
        resolution=c.resolution.value if c.resolution else None, segment=c.segment,
        sales_owner=c.sales_owner, payment_terms_days=c.payment_terms_days,
        exposure=ClientExposure.of(line.exposure), rating=_rating(line),
        group_id=strawberry.ID(line.group), group_name=line.group_name,
    )  # fmt: skip


@strawberry.type(description="One parent link from a group's top down to a client's company.")
class GroupHop:
    from_id: strawberry.ID
    from_name: str | None
    type: str
    to_id: strawberry.ID
    to_name: str | None
    share_min: float | None
    share_max: float | None
    share_exact: float | None
    control: bool | None
    source_file: str | None
    record_id: str | None


@strawberry.type(description="A client of a link: how its company reaches the shared entity.")
class LinkMember:
    client_id: strawberry.ID
    company_id: strawberry.ID
    company_name: str | None
    how: str = strawberry.field(description="The link in words (role, path, holding).")
    exposure: ClientExposure | None
    hops: list[GroupHop] = strawberry.field(description="Group links: the path from the top.")


@strawberry.type(description="A company a linking person directed that became insolvent.")
class FailedCompany:
    company_id: strawberry.ID
    name: str | None
    role: str | None
    start: dt.date | None
    end: dt.date | None = strawberry.field(description="Null: in office at the insolvency.")
    insolvency_kind: str
    insolvency_date: dt.date
    months_after_leaving: int | None


@strawberry.type(description="Totals of a set of clients in one currency.")
class ExposureTotal:
    currency: str | None
    open: Decimal
    overdue: Decimal
    credit_limits: Decimal = strawberry.field(description="Sum of the credit limits set.")
    clients_without_limit: int
    over_limits: Decimal = strawberry.field(
        description="How far the open balance exceeds the sum of the limits (0 within)."
    )


@strawberry.type(
    description="Two or more clients linked in the registers by one entity (the top of their "
    "group, a director, a beneficial owner, a registered address), with what they owe together."
)
class LinkedExposure:
    kinds: list[str] = strawberry.field(description="group, director, owner, address.")
    entity_id: strawberry.ID
    entity_name: str | None
    summary: str
    members: list[LinkMember]
    totals: list[ExposureTotal] = strawberry.field(description="Per currency, largest first.")
    failed_companies: list[FailedCompany]
    companies_at_address: int
    mass_address: bool

    @staticmethod
    def of(x: LinkedModel) -> LinkedExposure:
        return LinkedExposure(
            kinds=list(x.kinds), entity_id=strawberry.ID(x.key), entity_name=x.name,
            summary=x.summary(),
            members=[
                LinkMember(
                    client_id=strawberry.ID(m.client), company_id=strawberry.ID(m.company),
                    company_name=m.company_name, how=m.how(),
                    exposure=ClientExposure.of(m.exposure) if m.exposure else None,
                    hops=[
                        GroupHop(
                            from_id=strawberry.ID(h.src), from_name=h.src_name, type=h.type,
                            to_id=strawberry.ID(h.dst), to_name=h.dst_name,
                            share_min=h.share_min, share_max=h.share_max,
                            share_exact=h.share_exact, control=h.control,
                            source_file=h.source_file, record_id=h.record_id,
                        )
                        for a in m.anchors for h in a.hops
                    ],
                )
                for m in x.members
            ],
            totals=[
                ExposureTotal(
                    currency=t.currency, open=_m(t.open), overdue=_m(t.overdue),
                    credit_limits=_m(t.limits), clients_without_limit=t.without_limit,
                    over_limits=_m(t.over_limits),
                )
                for t in x.totals
            ],
            failed_companies=[
                FailedCompany(
                    company_id=strawberry.ID(f.company), name=f.name, role=f.role,
                    start=f.start, end=f.end, insolvency_kind=f.kind,
                    insolvency_date=f.insolvency_date,
                    months_after_leaving=f.months_after_leaving,
                )
                for f in x.failures
            ],
            companies_at_address=x.companies_there, mass_address=x.mass_address,
        )  # fmt: skip


@strawberry.type(description="A client's exposure through the graph.")
class ClientExposureView:
    client_id: strawberry.ID
    company_id: strawberry.ID | None
    exposure: ClientExposure
    links: list[LinkedExposure]
    linked_client_ids: list[strawberry.ID] = strawberry.field(
        description="Every other client linked to it, each once."
    )
    combined: list[ExposureTotal] = strawberry.field(
        description="Its exposure plus that of every linked client (each counted once)."
    )


@strawberry.type(description="Clients and open balance of one rating and exposure band.")
class MatrixCell:
    rating: int | None = strawberry.field(description="Null: not rated.")
    band: str
    currency: str | None
    clients: int
    open: Decimal
    overdue: Decimal


@strawberry.type(description="Exposure of a sector or a group.")
class ExposureSlice:
    key: str
    name: str | None
    currency: str | None
    client_ids: list[strawberry.ID]
    open: Decimal
    overdue: Decimal
    credit_limits: Decimal
    clients_without_limit: int
    over_limits: Decimal
    worst_rating: int | None


def _slice(s: views.Slice) -> ExposureSlice:
    return ExposureSlice(
        key=s.key, name=s.name, currency=s.currency,
        client_ids=[strawberry.ID(k) for k in s.clients], open=_m(s.open),
        overdue=_m(s.overdue), credit_limits=_m(s.limits), clients_without_limit=s.without_limit,
        over_limits=_m(s.over_limits), worst_rating=s.worst_rating,
    )  # fmt: skip


@strawberry.type(description="The firm's portfolio at a date.")
class PortfolioSummary:
    ledger: str
    as_of: dt.date
    clients: int
    totals: list[ExposureTotal]
    rating_matrix: list[MatrixCell]
    by_sector: list[ExposureSlice]
    by_group: list[ExposureSlice] = strawberry.field(
        description="Groups of two or more clients (a client alone is left out)."
    )
    linked: list[LinkedExposure] = strawberry.field(
        description="Every link between clients, the largest combined balance first."
    )


@strawberry.type(description="A client due for a re-check.")
class ReviewItem:
    client: LedgerClient
    due_on: dt.date | None = strawberry.field(description="Null: never rated, due now.")
    reason: str


@strawberry.type(description="A client to chase, with why it comes where it does.")
class DunningItem:
    client: LedgerClient
    overdue: Decimal
    currency: str | None
    priority: Decimal = strawberry.field(description="Overdue amount x risk (rating; 3 unrated).")
    oldest_invoice: str | None
    oldest_days_overdue: int | None
    reason: str


def _totals(lines: Sequence[PortfolioLine]) -> list[ExposureTotal]:
    out = []
    for s in views.by_sector([_all(x) for x in lines]):
        out.append(
            ExposureTotal(
                currency=s.currency, open=_m(s.open), overdue=_m(s.overdue),
                credit_limits=_m(s.limits), clients_without_limit=s.without_limit,
                over_limits=_m(s.over_limits),
            )
        )  # fmt: skip
    return out


def _all(line: PortfolioLine) -> PortfolioLine:
    """The line with one segment for all (to total the portfolio per currency)."""
    client = line.client.model_copy(update={"segment": "all"})
    return PortfolioLine(
        client, line.exposure, line.behaviour, line.rating, line.group, line.group_name,
        line.company_name, line.invoices,
    )  # fmt: skip


def _page(
    info: Info, rows: Sequence[R], first: int | None, after: str | None, node: Callable[[R], N]
) -> Connection[N]:
    win = window(first, after, info.context.settings.api_max_page_size)
    page = list(rows[win.skip : win.skip + win.limit])
    return connection(page, len(rows), win, node)


async def _portfolio(info: Info, ledger: str, as_of: dt.date | None) -> Portfolio:
    _allowed(info)
    name = _ledger(ledger)
    settings = info.context.settings
    found = await portfolio(
        info.context.graph, name, as_of or _today(), settings.signal_params, default_profile(),
        seen=lambda _: None,
    )  # fmt: skip
    if not found.lines:
        raise NotFound(f"no ledger {name!r} with current clients")
    info.context.audit.saw(f"ledger:{name}")
    return found


def _note(info: Info, lines: Sequence[PortfolioLine]) -> None:
    for line in lines:
        info.context.audit.saw(line.client.key)
        if line.client.company:
            info.context.audit.saw(line.client.company)


@strawberry.type(description="One ledger of the firm, as last imported.")
class LedgerInfo:
    name: str
    imported_at: dt.datetime | None
    clients_file: str | None
    invoices_file: str | None


@strawberry.type
class LedgerQuery:
    @described("The firm's ledgers (analyst role), by name.")
    async def ledgers(self, info: Info) -> list[LedgerInfo]:
        _allowed(info)
        rows = await ledger_rows(info.context.graph)
        return [
            LedgerInfo(
                name=r["ledger"], imported_at=r["imported_at"], clients_file=r["clients_file"],
                invoices_file=r["invoices_file"],
            )
            for r in rows
        ]  # fmt: skip

    @described(
        "The firm's clients of a ledger (analyst role): each with its exposure at asOf, its "
        "internal rating and its group, by client id."
    )
    async def clients(
        self,
        info: Info,
        ledger: str,
        as_of: dt.date | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[LedgerClient]:
        found = await _portfolio(info, ledger, as_of)
        page = _page(info, found.lines, first, after, lambda x: x)
        _note(info, [e.node for e in page.edges])
        return _page(info, found.lines, first, after, _client)

    @described(
        "A client's exposure through the graph (analyst role): what it owes, and every other "
        "client in its group or sharing a director, a beneficial owner or a registered address "
        "with it, with the evidence and what they owe together."
    )
    async def client_exposure(
        self, info: Info, client_id: strawberry.ID, as_of: dt.date | None = None
    ) -> ClientExposureView:
        _allowed(info)
        when = as_of or _today()
        params = info.context.settings.signal_params
        view = await client_view(
            info.context.graph, str(client_id), when, params, info.context.audit.saw
        )
        if view is None:
            raise NotFound(f"no client with id {client_id!r} (ids are `<ledger>|<client id>`)")
        own = view.exposure
        others = {
            m.client: m.exposure
            for link in view.links
            for m in link.members
            if m.exposure is not None and m.client != view.account.client.key
        }
        combined: dict[str | None, list[ExposureModel]] = {}
        for e in [own, *others.values()]:
            combined.setdefault(e.currency, []).append(e)
        return ClientExposureView(
            client_id=client_id,
            company_id=strawberry.ID(own.company) if own.company else None,
            exposure=ClientExposure.of(own),
            links=[LinkedExposure.of(x) for x in view.links],
            linked_client_ids=[strawberry.ID(k) for k in view.linked_clients],
            combined=[
                ExposureTotal(
                    currency=cur,
                    open=_m(sum((e.open for e in es), Decimal(0))),
                    overdue=_m(sum((e.overdue for e in es), Decimal(0))),
                    credit_limits=_m(sum((e.credit_limit or Decimal(0) for e in es), Decimal(0))),
                    clients_without_limit=sum(1 for e in es if e.credit_limit is None),
                    over_limits=_m(
                        max(
                            Decimal(0),
                            sum((e.open for e in es), Decimal(0))
                            - sum((e.credit_limit or Decimal(0) for e in es), Decimal(0)),
                        )
                    ),
                )
                for cur, es in combined.items()
            ],
        )

    @described(
        "Every link between clients of a ledger (analyst role), the largest combined balance "
        "first: groups, shared directors, beneficial owners and registered addresses, each "
        "with its evidence and what the linked clients owe together."
    )
    async def exposures(
        self,
        info: Info,
        ledger: str,
        as_of: dt.date | None = None,
        kinds: list[str] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[LinkedExposure]:
        _allowed(info)
        name = _ledger(ledger)
        allowed = {"group", "director", "owner", "address"}
        if kinds and not set(kinds) <= allowed:
            raise InvalidInput(f"kinds must be among {', '.join(sorted(allowed))}", "kinds")
        links = await ledger_links(
            info.context.graph, name, as_of or _today(), info.context.settings.signal_params
        )
        if kinds:
            links = [x for x in links if set(x.kinds) & set(kinds)]
        page = _page(info, links, first, after, lambda x: x)
        for e in page.edges:
            for m in e.node.members:
                info.context.audit.saw(m.client)
                info.context.audit.saw(m.company)
        return _page(info, links, first, after, LinkedExposure.of)

    @described(
        "The portfolio at asOf (analyst role): totals, the rating x exposure matrix, exposure "
        "by sector and by group, and every link between clients."
    )
    async def portfolio_summary(
        self, info: Info, ledger: str, as_of: dt.date | None = None
    ) -> PortfolioSummary:
        found = await _portfolio(info, ledger, as_of)
        groups = [g for g in views.by_group(found.lines) if len(g.clients) > 1]
        listed = {k for g in groups for k in g.clients}
        listed |= {m.client for x in found.links for m in x.members}
        _note(info, [x for x in found.lines if x.client.key in listed])
        return PortfolioSummary(
            ledger=found.ledger,
            as_of=found.as_of,
            clients=len(found.lines),
            totals=_totals(found.lines),
            rating_matrix=[
                MatrixCell(
                    rating=c.rating,
                    band=c.band,
                    currency=c.currency,
                    clients=c.clients,
                    open=_m(c.open),
                    overdue=_m(c.overdue),
                )
                for c in views.rating_matrix(found.lines)
            ],  # fmt: skip
            by_sector=[_slice(s) for s in views.by_sector(found.lines)],
            by_group=[_slice(s) for s in groups],
            linked=[LinkedExposure.of(x) for x in found.links],
        )

    @described(
        "Clients due for a re-check by asOf + withinDays (analyst role): the next review date "
        "of their rating has come, or they were never rated; overdue reviews first."
    )
    async def review_schedule(
        self,
        info: Info,
        ledger: str,
        as_of: dt.date | None = None,
        within_days: int = 0,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[ReviewItem]:
        _allowed(info)
        if not 0 <= within_days <= 366:
            raise InvalidInput("withinDays must be between 0 and 366", "withinDays")
        found = await _portfolio(info, ledger, as_of)
        items = views.review_schedule(found.lines, found.as_of, within_days)
        page = _page(info, items, first, after, lambda x: x)
        _note(info, [e.node.line for e in page.edges])
        return _page(
            info, items, first, after,
            lambda i: ReviewItem(client=_client(i.line), due_on=i.due_on, reason=i.reason),
        )  # fmt: skip

    @described(
        "Clients to chase (analyst role), the highest priority first: overdue amount weighted "
        "by the internal rating, each line with its reason."
    )
    async def dunning_list(
        self,
        info: Info,
        ledger: str,
        as_of: dt.date | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[DunningItem]:
        found = await _portfolio(info, ledger, as_of)
        items = views.dunning_list(found.lines)
        page = _page(info, items, first, after, lambda x: x)
        _note(info, [e.node.line for e in page.edges])
        return _page(
            info, items, first, after,
            lambda d: DunningItem(
                client=_client(d.line), overdue=_m(d.overdue), currency=d.line.behaviour.currency,
                priority=_m(d.priority),
                oldest_invoice=d.oldest.invoice.number if d.oldest else None,
                oldest_days_overdue=d.oldest.days_overdue if d.oldest else None,
                reason=d.reason,
            ),
        )  # fmt: skip
