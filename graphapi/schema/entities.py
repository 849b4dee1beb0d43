"""Company, Person and Address (the `Entity` interface) with their relationship fields.

Resolvers are thin: validate paging -> load through a DataLoader -> map rows to types. Every
entity object is built through `entity_of`, which notes its id for the audit log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import strawberry
from strawberry.dataloader import DataLoader

from graphapi.context import Info
from graphapi.dataloaders import Loaders, RegistrationFilter
from graphapi.queries.events import EventFilter
from graphapi.queries.links import LinkFilter
from graphapi.queries.rows import AddressRow, AnyNodeRow, CompanyRow, Page, PersonRow
from graphapi.schema.common import (
    EntityKind,
    Event,
    Identifier,
    Provenance,
    described,
    from_attrs,
)
from graphapi.schema.pagination import Connection, Window, connection, window

if TYPE_CHECKING:  # the analytics types import this module: resolve them lazily
    from graphapi.schema.analytics_types import BankruptcyHistory
    from graphapi.schema.financials import FinancialRatios, FinancialStatement_
    from graphapi.schema.group_history import GroupStructure

R = TypeVar("R")
T = TypeVar("T")
_HISTORY = Annotated["BankruptcyHistory", strawberry.lazy("graphapi.schema.analytics_types")]
_GROUP = Annotated["GroupStructure", strawberry.lazy("graphapi.schema.group_history")]
_STATEMENT = Annotated["FinancialStatement_", strawberry.lazy("graphapi.schema.financials")]
_RATIOS = Annotated["FinancialRatios", strawberry.lazy("graphapi.schema.financials")]


@strawberry.interface(description="A company, a person or an address: anything with an id.")
class Entity:
    id: strawberry.ID = strawberry.field(description="The graph key, e.g. GB-COH-01234567.")
    name: str | None
    kind: EntityKind
    provenance: Provenance


def _window(info: Info, first: int | None, after: str | None) -> Window:
    return window(first, after, info.context.settings.api_max_page_size)


def _links(info: Info, first: int | None, after: str | None, historical: bool) -> LinkFilter:
    win = _window(info, first, after)
    return LinkFilter(skip=win.skip, limit=win.limit, historical=historical)


def link_connection(
    description: str,
    node: str,
    loader: Callable[[Loaders], DataLoader[tuple[str, LinkFilter], Page[R]]],
    to_node: Callable[[R], T],
) -> Any:
    """A paged relationship field (`includeHistorical`, `first`, `after`) of an entity.

    Every such field batches through its DataLoader and pages the same way; `node` names the
    GraphQL type of its nodes, a link type of links.py that this module only sees at the end.
    """

    async def resolve(
        self: Entity,
        info: Info,
        include_historical: bool = True,
        first: int | None = 10,
        after: str | None = None,
    ) -> Connection[T]:
        flt = _links(info, first, after, include_historical)
        page = await loader(info.context.loaders).load((self.id, flt))
        return connection(page.rows, page.total, Window(flt.skip, flt.limit), to_node)

    # The return type strawberry reads: resolved by name in this module when the schema is built.
    resolve.__annotations__["return"] = f"Connection[{node}]"
    return strawberry.field(resolver=resolve, description=description)


@strawberry.type(description="A company, association or other legal entity.")
class Company(Entity):
    former_names: list[str]
    legal_form: str | None
    status: str | None = strawberry.field(description="active, dissolved, liquidation, …")
    status_detail: str | None = strawberry.field(description="The registry's own wording.")
    jurisdiction: str | None = strawberry.field(description="ISO country code.")
    incorporated_on: dt.date | None
    dissolved_on: dt.date | None
    activity_codes: list[str] = strawberry.field(description="e.g. NACE:43.91, SIC:41201.")
    topics: list[str] = strawberry.field(description="FtM topics: sanction, role.pep, …")
    no_beneficial_owner_reason: str | None

    @described("Registry identifiers (company number, LEI, VAT…).")
    async def identifiers(self, info: Info) -> list[Identifier]:
        rows = await info.context.loaders.identifiers.load(self.id)
        return [Identifier.from_row(r) for r in rows]

    @described("Registered, service and business addresses, newest first.")
    async def addresses(self, info: Info) -> list[Registration]:
        rows = await info.context.loaders.addresses.load(self.id)
        return [Registration(row=r) for r in rows]

    @described("Events, newest first.")
    async def events(
        self,
        info: Info,
        first: int | None = 10,
        after: str | None = None,
        insolvency_only: bool = False,
    ) -> Connection[Event]:
        win = _window(info, first, after)
        flt = EventFilter(win.skip, win.limit, insolvency_only)
        page = await info.context.loaders.events.load((self.id, flt))
        return connection(page.rows, page.total, win, Event.from_row)

    @described(
        "Directors and officers: those in office today, or on `asOf`; "
        "with includeHistorical every mandate ever (asOf wins when both are given)."
    )
    async def directors(
        self,
        info: Info,
        as_of: dt.date | None = None,
        include_historical: bool = False,
        first: int | None = 10,
        after: str | None = None,
    ) -> Connection[Directorship]:
        win = _window(info, first, after)
        flt = LinkFilter(win.skip, win.limit, on=as_of, historical=include_historical)
        page = await info.context.loaders.directors.load((self.id, flt))
        return connection(page.rows, page.total, win, lambda r: Directorship(row=r))

    shareholders = link_connection(
        "Direct shareholders (persons or companies), largest first.",
        "Shareholding",
        lambda loaders: loaders.shareholders,
        lambda row: Shareholding(row=row),
    )

    holdings = link_connection(
        "Companies this company holds shares in, largest first.",
        "Shareholding",
        lambda loaders: loaders.holdings,
        lambda row: Shareholding(row=row),
    )

    parents = link_connection(
        "Consolidating parents (GLEIF level 2): direct and ultimate.",
        "ParentLink",
        lambda loaders: loaders.parents,
        lambda row: ParentLink(row=row),
    )

    subsidiaries = link_connection(
        "Consolidated subsidiaries (GLEIF level 2).",
        "ParentLink",
        lambda loaders: loaders.subsidiaries,
        lambda row: ParentLink(row=row),
    )

    declared_beneficial_owners = link_connection(
        "Declared beneficial owners / PSCs: statements to compare, never summed.",
        "DeclaredOwnership",
        lambda loaders: loaders.declared_bos,
        lambda row: DeclaredOwnership(row=row),
    )

    @described(
        "The group: ultimate parent(s) (top of PARENT_OF / OWNS chains) and the subsidiary "
        "tree below this company with effective percentages."
    )
    async def group(self, info: Info) -> _GROUP:
        from graphapi.schema.group_history import group_structure

        return await group_structure(info, str(self.id))

    @described(
        "Filed annual accounts, newest first: one statement per period end and scope (the "
        "filing's own figures before a later filing's comparative), the latest `years` of the "
        "company's own accounts and of its group's (consolidated: only one of them)."
    )
    async def financials(
        self, info: Info, years: int = 5, consolidated: bool | None = None
    ) -> list[_STATEMENT]:
        from graphapi.schema.financials import company_financials

        return await company_financials(info, str(self.id), years, consolidated)

    @described(
        "Ratios of the latest statement ending on or before asOf (today by default): each "
        "with its formula and inputs, or null with the reason; its position among peers "
        "(same activity class, falling back to the division, same size class and year) and "
        "its trend over the latest `years` filings with the peers' median each year."
    )
    async def ratios(
        self,
        info: Info,
        as_of: dt.date | None = None,
        consolidated: bool = False,
        years: int = 5,
    ) -> _RATIOS:
        from graphapi.schema.financials import company_ratios

        return await company_ratios(info, str(self.id), as_of, consolidated, years)

    controllers = link_connection(
        "Who controls the company without (known) shares: board appointment, influence.",
        "ControlLink",
        lambda loaders: loaders.controllers,
        lambda row: ControlLink(row=row),
    )


@strawberry.type(description="A natural person (director, shareholder, beneficial owner).")
class Person(Entity):
    birth_year_month: str | None = strawberry.field(description="e.g. 1970-05, as registers give.")
    nationality: str | None
    country_of_residence: str | None
    topics: list[str]
    match_basis: str | None = strawberry.field(
        description="name+birth_year_month when merged across sources, else source_record."
    )

    @described("Addresses (service, residential), newest first.")
    async def addresses(self, info: Info) -> list[Registration]:
        rows = await info.context.loaders.addresses.load(self.id)
        return [Registration(row=r) for r in rows]

    mandates = link_connection(
        "Directorships and other offices, current first.",
        "Directorship",
        lambda loaders: loaders.mandates,
        lambda row: Directorship(row=row),
    )

    @described(
        "Every mandate in a company that became insolvent during the tenure or within "
        "windowMonths after leaving; count is the number of such companies within the window. "
        "A solvent dissolution or strike-off is not a bankruptcy."
    )
    async def bankruptcy_history(
        self, info: Info, window_months: int = 36, as_of: dt.date | None = None
    ) -> _HISTORY:
        from graphapi.schema.group_history import person_history

        return await person_history(info, str(self.id), window_months, as_of)

    holdings = link_connection(
        "Companies this person holds shares in, largest first.",
        "Shareholding",
        lambda loaders: loaders.holdings,
        lambda row: Shareholding(row=row),
    )


@strawberry.type(description="An address shared by companies and persons.")
class Address(Entity):
    text: str
    street: str | None
    postcode: str | None
    city: str | None
    country: str | None

    async def _registered(
        self, info: Info, label: str, first: int | None, after: str | None
    ) -> Connection[Registration]:
        win = _window(info, first, after)
        flt = RegistrationFilter(label=label, skip=win.skip, limit=win.limit)
        page = await info.context.loaders.registered_at.load((self.id, flt))
        return connection(page.rows, page.total, win, lambda r: Registration(row=r))

    @described("Companies registered here (totalCount: how many).")
    async def companies(
        self, info: Info, first: int | None = 10, after: str | None = None
    ) -> Connection[Registration]:
        return await self._registered(info, "Company", first, after)

    @described("Persons registered here (totalCount: how many).")
    async def persons(
        self, info: Info, first: int | None = 10, after: str | None = None
    ) -> Connection[Registration]:
        return await self._registered(info, "Person", first, after)


def _company(row: CompanyRow) -> Company:
    return from_attrs(
        Company,
        row,
        id=strawberry.ID(row.key),
        kind=EntityKind.COMPANY,
        provenance=Provenance.from_row(row.provenance),
        former_names=list(row.former_names),
        activity_codes=list(row.activity_codes),
        topics=list(row.topics),
    )


def _person(row: PersonRow) -> Person:
    return from_attrs(
        Person,
        row,
        id=strawberry.ID(row.key),
        kind=EntityKind.PERSON,
        provenance=Provenance.from_row(row.provenance),
        topics=list(row.topics),
    )


def _address(row: AddressRow) -> Address:
    return from_attrs(
        Address,
        row,
        id=strawberry.ID(row.key),
        name=row.text,
        kind=EntityKind.ADDRESS,
        provenance=Provenance.from_row(row.provenance),
    )


def entity_of(info: Info, row: AnyNodeRow) -> Company | Person | Address:
    """Map a row to its type and note the read for the audit log."""
    info.context.audit.saw(row.key)
    if isinstance(row, CompanyRow):
        return _company(row)
    if isinstance(row, PersonRow):
        return _person(row)
    return _address(row)


def company_of(info: Info, row: CompanyRow) -> Company:
    info.context.audit.saw(row.key)
    return _company(row)


# Link types refer back to Company/Entity: imported last so both modules resolve each other.
from graphapi.schema.links import (  # noqa: E402
    ControlLink,
    DeclaredOwnership,
    Directorship,
    ParentLink,
    Registration,
    Shareholding,
)
