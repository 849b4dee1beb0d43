"""Relationships as first-class types: dates, role or share, and provenance on each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import strawberry

from graphapi.context import Info
from graphapi.queries.rows import (
    ControlRow,
    DeclaredOwnershipRow,
    DirectorshipRow,
    LinkRow,
    ParentRow,
    RegistrationRow,
    ShareholdingRow,
)
from graphapi.schema.common import Provenance, Share, described
from graphapi.schema.entities import Address, Company, Entity, company_of, entity_of


def _current(row: LinkRow) -> bool:
    return row.end is None or row.end >= dt.date.today()


def _row(
    row_field: str, description: str | None = None, convert: Callable[[Any], Any] | None = None
) -> Any:
    """The row's field `row_field` (through `convert`), typed by the field's annotation."""

    def resolve(self: Link) -> Any:
        value = getattr(self.row, row_field)
        return value if convert is None else convert(value)

    return strawberry.field(resolver=resolve, description=description)


def _entity(row_field: str, description: str | None = None) -> Any:
    """The company or person in the row's field `row_field`."""

    def resolve(self: Link, info: Info) -> Entity:
        return entity_of(info, getattr(self.row, row_field))

    return strawberry.field(resolver=resolve, description=description)


def _company(row_field: str) -> Any:
    """The company in the row's field `row_field`."""

    def resolve(self: Link, info: Info) -> Company:
        return company_of(info, getattr(self.row, row_field))

    return strawberry.field(resolver=resolve)


@strawberry.interface(description="A dated relationship with its provenance.")
class Link:
    row: strawberry.Private[LinkRow]
    id: strawberry.ID = _row("key", "The relationship's graph key.")
    start: dt.date | None = _row("start")
    end: dt.date | None = _row("end")

    @described("No end date, or an end date not yet passed.")
    def is_current(self) -> bool:
        return _current(self.row)

    @strawberry.field
    def provenance(self) -> Provenance:
        return Provenance.from_row(self.row.provenance)


@strawberry.type(description="An officer's mandate: director, manager, secretary, liquidator…")
class Directorship(Link):
    row: strawberry.Private[DirectorshipRow]

    role: str | None = _row("role", "Normalised role, e.g. director, managing_director.")
    role_label: str | None = _row("role_label", "The source's own wording of the role.")

    director = _entity("director", "The person (or corporate director) holding the office.")
    company = _company("company")


@strawberry.type(description="A direct holding of shares or votes, exact or as a range.")
class Shareholding(Link):
    row: strawberry.Private[ShareholdingRow]

    interest: str | None = _row("interest", "shareholding or votingRights.")
    share: Share = _row("share", convert=Share.from_row)

    owner = _entity("owner")
    company = _company("company")


@strawberry.type(description="A declared beneficial owner / PSC statement.")
class DeclaredOwnership(Link):
    row: strawberry.Private[DeclaredOwnershipRow]

    interests: list[str] = _row("interests", "Natures of control or BODS interest types.")
    share: Share = _row("share", convert=Share.from_row)
    votes_min: float | None = _row("votes_min")
    votes_max: float | None = _row("votes_max")
    control: bool = _row("control", "Board appointment or significant influence declared.")
    direct_or_indirect: str | None = _row("direct_or_indirect")
    declared_by: str | None = _row("declared_by", "psc, bods or ubo-register.")

    owner = _entity("owner")
    company = _company("company")


@strawberry.type(description="Control without (known) shares: board appointment, influence.")
class ControlLink(Link):
    row: strawberry.Private[ControlRow]

    interests: list[str] = _row("interests", "e.g. appointmentOfBoard, otherInfluenceOrControl.")

    controller = _entity("controller")
    company = _company("company")


@strawberry.type(description="Accounting consolidation (GLEIF level 2).")
class ParentLink(Link):
    row: strawberry.Private[ParentRow]

    level: str | None = _row("level", "direct or ultimate.")
    relationship_status: str | None = _row("relationship_status")

    parent = _company("parent")
    child = _company("child")


@strawberry.type(description="An entity registered at an address.")
class Registration(Link):
    row: strawberry.Private[RegistrationRow]

    kind: str | None = _row("kind", "registered, service, residential, business…")

    entity = _entity("entity")

    @strawberry.field
    def address(self, info: Info) -> Address:
        row = entity_of(info, self.row.address)
        assert isinstance(row, Address)
        return row
