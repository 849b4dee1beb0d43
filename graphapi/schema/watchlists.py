"""Watchlists (mutations need analyst or admin) and `changes`: what happened since a moment."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TypeAlias

import strawberry

from graph_schema.errors import InvalidInput, NotFound
from graphapi.context import Info
from graphapi.http.auth import Role, require_role
from graphapi.queries import watchlists as q
from graphapi.queries.rows import WatchlistRow
from graphapi.schema.common import described, from_attrs
from graphapi.services.lookup import company_matches
from graphapi.services.monitoring import Baseline, baselines, changes_since
from graphapi.services.monitoring import Change as ChangeModel
from graphapi.services.monitoring import ChangeDates as ChangeDatesModel
from graphapi.services.monitoring import ChangeKind as ChangeKindModel
from graphapi.services.monitoring import CompanyChanges as CompanyChangesModel

strawberry.enum(ChangeKindModel, name="ChangeKind", description="What changed around a company.")
ChangeKind: TypeAlias = ChangeKindModel  # registered above as the GraphQL enum
strawberry.enum(
    ChangeDatesModel,
    name="ChangeDates",
    description=(
        "Which date of a fact must be after `since`: REGISTRY, the date the registry gives "
        "(appointment, resignation, event); LOADED, when a load first wrote or last changed "
        "it (late filings, facts without a registry date, changed details)."
    ),
)
ChangeDates: TypeAlias = ChangeDatesModel
MAX_COMPANIES = 1000  # companies per add/remove call
MAX_NAME = 200


@strawberry.type(description="A company on a watchlist, with how it stood when it was added.")
class WatchedCompany:
    company_id: strawberry.ID
    name: str | None
    added_at: dt.datetime
    baseline_rating: int | None = strawberry.field(description="Rating score when added.")
    baseline_label: str | None = strawberry.field(
        description="Rating label when added: very low … very high, or 'insufficient data' "
        "when too little was known to judge."
    )
    baseline_signals: list[str] = strawberry.field(description="Signal kinds when added.")


@strawberry.type(description="A named list of companies to monitor.")
class Watchlist:
    id: strawberry.ID
    name: str
    created_at: dt.datetime
    companies: list[WatchedCompany]

    @staticmethod
    def of(row: WatchlistRow) -> Watchlist:
        return from_attrs(
            Watchlist,
            row,
            id=strawberry.ID(row.key),
            companies=[
                from_attrs(
                    WatchedCompany,
                    c,
                    company_id=strawberry.ID(c.company),
                    baseline_rating=c.baseline_score,
                    baseline_signals=list(c.baseline_signals),
                )
                for c in row.companies
            ],
        )


@strawberry.type(description="One change: a new or ended officer or controller, an event…")
class Change:
    kind: ChangeKind
    summary: str
    date: dt.date | None = strawberry.field(description="When it happened, per the registry.")
    first_seen: dt.datetime | None = strawberry.field(
        description="When a load first wrote (or last changed) this fact in the graph."
    )
    entity_id: strawberry.ID | None = strawberry.field(description="Who or what it is about.")
    entity_name: str | None
    before: str | None
    after: str | None

    @staticmethod
    def of(c: ChangeModel) -> Change:
        return from_attrs(Change, c, entity_id=strawberry.ID(c.entity) if c.entity else None)


@strawberry.type(description="What changed for one watched company (empty when nothing did).")
class CompanyChanges:
    company_id: strawberry.ID
    name: str | None
    rating_before: int | None
    rating_after: int | None
    label_before: str | None = strawberry.field(
        description="Rating label of the baseline ('insufficient data' when too little was "
        "known to judge)."
    )
    label_after: str | None = strawberry.field(
        description="Rating label now ('insufficient data' when too little is known to judge)."
    )
    changes: list[Change]

    @staticmethod
    def of(r: CompanyChangesModel) -> CompanyChanges:
        return from_attrs(
            CompanyChanges,
            r,
            company_id=strawberry.ID(r.company),
            changes=[Change.of(c) for c in r.changes],
        )


async def _one(info: Info, key: str) -> WatchlistRow:
    rows = await q.watchlists(info.context.graph, [key])
    if not rows:
        raise NotFound(f"no watchlist with id {key!r}")
    return rows[0]


def _company_ids(ids: list[strawberry.ID]) -> list[str]:
    keys = list(dict.fromkeys(str(k).strip() for k in ids))
    if not keys or len(keys) > MAX_COMPANIES:
        raise InvalidInput(f"give 1 to {MAX_COMPANIES} company ids, got {len(keys)}", "companyIds")
    return keys


async def _resolve(info: Info, given: list[str]) -> list[str]:
    """Company keys for ids or registry numbers; every one unknown or ambiguous is said."""
    matches = await company_matches(info.context.graph, given)
    unknown = [g for g in given if not matches[g]]
    several = [f"{g} ({', '.join(matches[g])})" for g in given if len(matches[g]) > 1]
    if unknown:
        raise InvalidInput(f"no company with id {', '.join(unknown[:10])}", "companyIds")
    if several:
        raise InvalidInput(
            f"several companies have the number {'; '.join(several[:10])}: give the id",
            "companyIds",
        )
    return list(dict.fromkeys(matches[g][0] for g in given))


@strawberry.type
class WatchlistQuery:
    @described("Every watchlist with its companies.")
    async def watchlists(self, info: Info) -> list[Watchlist]:
        require_role(info.context.caller, Role.READER)
        return [Watchlist.of(r) for r in await q.watchlists(info.context.graph)]

    @described("One watchlist by id.")
    async def watchlist(self, info: Info, id: strawberry.ID) -> Watchlist:
        require_role(info.context.caller, Role.READER)
        return Watchlist.of(await _one(info, str(id)))

    @described(
        "What changed for each company of a watchlist since a moment: new or ended directors "
        "and controllers, insolvencies (its own and of its people's other companies), address, "
        "name and status changes, new signals and the rating against the baseline stored when "
        "the company was added. By default a fact counts when its registry date is after "
        "`since` (dates: REGISTRY), so a first load does not report old appointments; "
        "dates: LOADED reports what the loads brought after `since` instead. Each change "
        "gives both dates (date, firstSeen)."
    )
    async def changes(
        self,
        info: Info,
        watchlist_id: strawberry.ID,
        since: dt.datetime,
        as_of: dt.date | None = None,
        dates: ChangeDates = ChangeDatesModel.REGISTRY,
    ) -> list[CompanyChanges]:
        require_role(info.context.caller, Role.READER)
        row = await _one(info, str(watchlist_id))
        stored = {c.company: Baseline.stored(c) for c in row.companies}
        params = info.context.settings.signal_params
        reports = await changes_since(
            info.context.graph, list(stored), since, stored, as_of or dt.date.today(), params,
            ChangeDatesModel(dates),
        )  # fmt: skip
        for r in reports:
            info.context.audit.saw(r.company)
        return [CompanyChanges.of(r) for r in reports]


@strawberry.type
class WatchlistMutation:
    @described("Create an empty watchlist (analyst or admin).")
    async def create_watchlist(self, info: Info, name: str) -> Watchlist:
        require_role(info.context.caller, Role.ANALYST)
        name = name.strip()
        if not name or len(name) > MAX_NAME:
            raise InvalidInput(f"name must have 1 to {MAX_NAME} characters", "name")
        key = f"wl-{uuid.uuid4().hex}"
        now = dt.datetime.now(dt.UTC)
        row = await q.create_watchlist(info.context.graph, key, name, now)
        return Watchlist.of(row)

    @described(
        "Watch companies, by id or registry number in any common format; each keeps the "
        "rating, signals, name and status it had when first added (assessed as of asOf, "
        "default today). Unknown ids are an error; nothing is added."
    )
    async def add_to_watchlist(
        self,
        info: Info,
        watchlist_id: strawberry.ID,
        company_ids: list[strawberry.ID],
        as_of: dt.date | None = None,
    ) -> Watchlist:
        require_role(info.context.caller, Role.ANALYST)
        given = _company_ids(company_ids)
        await _one(info, str(watchlist_id))
        keys = await _resolve(info, given)
        params = info.context.settings.signal_params
        found = await baselines(info.context.graph, keys, as_of or dt.date.today(), params)
        missing = [k for k in keys if k not in found]
        if missing:
            raise InvalidInput(f"no company with id {', '.join(missing[:10])}", "companyIds")
        props = {k: b.as_props() for k, b in found.items()}
        now = dt.datetime.now(dt.UTC)
        await q.add_companies(info.context.graph, str(watchlist_id), props, now)
        for k in keys:
            info.context.audit.saw(k)
        return Watchlist.of(await _one(info, str(watchlist_id)))

    @described("Stop watching companies (ids not on the list are ignored).")
    async def remove_from_watchlist(
        self, info: Info, watchlist_id: strawberry.ID, company_ids: list[strawberry.ID]
    ) -> Watchlist:
        require_role(info.context.caller, Role.ANALYST)
        keys = _company_ids(company_ids)
        await _one(info, str(watchlist_id))
        await q.remove_companies(info.context.graph, str(watchlist_id), keys)
        return Watchlist.of(await _one(info, str(watchlist_id)))

    @described("Delete a watchlist; true when it existed.")
    async def delete_watchlist(self, info: Info, id: strawberry.ID) -> bool:
        require_role(info.context.caller, Role.ANALYST)
        return await q.delete_watchlist(info.context.graph, str(id))
