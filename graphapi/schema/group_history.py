"""Company.group and Person.bankruptcyHistory: analytics fields on the entity types."""

from __future__ import annotations

import datetime as dt

import anyio
import strawberry

from graph_schema.errors import InvalidInput
from graph_schema.labels import RelType
from graphapi.analytics.group import GroupEdge, subsidiary_tree
from graphapi.analytics.history import bankruptcy_history
from graphapi.context import Info
from graphapi.queries.network import group_of
from graphapi.schema.analytics_types import BankruptcyHistory
from graphapi.schema.common import from_attrs


@strawberry.type(description="A company of the group, under its parent, with percentages.")
class GroupMember:
    company_id: strawberry.ID
    name: str | None
    parent_id: strawberry.ID
    depth: int
    direct_percent: float | None
    effective_percent: float | None = strawberry.field(
        description="Sum over ownership paths of the product of direct shares; null when a "
        "link is a consolidation without a known share."
    )


@strawberry.type(description="Ultimate parent(s) and the subsidiary tree below the company.")
class GroupStructure:
    company_id: strawberry.ID
    ultimate_parent_ids: list[strawberry.ID]
    ultimate_parent_names: list[str | None]
    subsidiaries: list[GroupMember]


async def group_structure(info: Info, key: str) -> GroupStructure:
    row = await group_of(info.context.graph, key)
    if row is None:
        return GroupStructure(
            company_id=strawberry.ID(key),
            ultimate_parent_ids=[],
            ultimate_parent_names=[],
            subsidiaries=[],
        )
    names = {n.key: n.name for n in row.nodes}
    edges = [
        GroupEdge(
            parent=r.src,
            child=r.dst,
            rel_type=r.type,
            percent=r.share_exact if r.type == RelType.OWNS else None,
        )
        for r in row.links
        if r.type == RelType.OWNS or r.level != "ultimate"
    ]
    members = subsidiary_tree(key, edges)
    tops = sorted(row.tops)
    return GroupStructure(
        company_id=strawberry.ID(key),
        ultimate_parent_ids=[strawberry.ID(t) for t in tops],
        ultimate_parent_names=[names.get(t) for t in tops],
        subsidiaries=[
            from_attrs(
                GroupMember,
                m,
                company_id=strawberry.ID(m.key),
                name=names.get(m.key),
                parent_id=strawberry.ID(m.parent),
            )
            for m in members
        ],
    )


async def person_history(
    info: Info, key: str, window_months: int, as_of: dt.date | None
) -> BankruptcyHistory:
    if not 0 <= window_months <= 240:
        raise InvalidInput("windowMonths must be between 0 and 240", "windowMonths")
    data = await info.context.loaders.history.load(key)
    when = as_of or dt.date.today()

    def run() -> BankruptcyHistory:
        history = bankruptcy_history(
            key,
            data.mandates,
            data.events,
            data.companies,
            window_months,
            when,
            include_outside_window=True,
        )
        return BankruptcyHistory.of(history)

    result: BankruptcyHistory = await anyio.to_thread.run_sync(run)
    return result
