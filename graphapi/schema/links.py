"""Relationships as first-class types: dates, role or share, and provenance on each."""

from __future__ import annotations

import datetime as dt

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


@strawberry.interface(description="A dated relationship with its provenance.")
class Link:
    row: strawberry.Private[LinkRow]

    @described("The relationship's graph key.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(self.row.key)

    @strawberry.field
    def start(self) -> dt.date | None:
        return self.row.start

    @strawberry.field
    def end(self) -> dt.date | None:
        return self.row.end

    @described("No end date, or an end date not yet passed.")
    def is_current(self) -> bool:
        return _current(self.row)

    @strawberry.field
    def provenance(self) -> Provenance:
        return Provenance.from_row(self.row.provenance)


@strawberry.type(description="An officer's mandate: director, manager, secretary, liquidator…")
class Directorship(Link):
    row: strawberry.Private[DirectorshipRow]

    @described("Normalised role, e.g. director, managing_director.")
    def role(self) -> str | None:
        return self.row.role

    @described("The source's own wording of the role.")
    def role_label(self) -> str | None:
        return self.row.role_label

    @described("The person (or corporate director) holding the office.")
    def director(self, info: Info) -> Entity:
        return entity_of(info, self.row.director)

    @strawberry.field
    def company(self, info: Info) -> Company:
        return company_of(info, self.row.company)


@strawberry.type(description="A direct holding of shares or votes, exact or as a range.")
class Shareholding(Link):
    row: strawberry.Private[ShareholdingRow]

    @described("shareholding or votingRights.")
    def interest(self) -> str | None:
        return self.row.interest

    @strawberry.field
    def share(self) -> Share:
        return Share.from_row(self.row.share)

    @strawberry.field
    def owner(self, info: Info) -> Entity:
        return entity_of(info, self.row.owner)

    @strawberry.field
    def company(self, info: Info) -> Company:
        return company_of(info, self.row.company)


@strawberry.type(description="A declared beneficial owner / PSC statement.")
class DeclaredOwnership(Link):
    row: strawberry.Private[DeclaredOwnershipRow]

    @described("Natures of control or BODS interest types.")
    def interests(self) -> list[str]:
        return list(self.row.interests)

    @strawberry.field
    def share(self) -> Share:
        return Share.from_row(self.row.share)

    @strawberry.field
    def votes_min(self) -> float | None:
        return self.row.votes_min

    @strawberry.field
    def votes_max(self) -> float | None:
        return self.row.votes_max

    @described("Board appointment or significant influence declared.")
    def control(self) -> bool:
        return self.row.control

    @strawberry.field
    def direct_or_indirect(self) -> str | None:
        return self.row.direct_or_indirect

    @described("psc, bods or ubo-register.")
    def declared_by(self) -> str | None:
        return self.row.declared_by

    @strawberry.field
    def owner(self, info: Info) -> Entity:
        return entity_of(info, self.row.owner)

    @strawberry.field
    def company(self, info: Info) -> Company:
        return company_of(info, self.row.company)


@strawberry.type(description="Control without (known) shares: board appointment, influence.")
class ControlLink(Link):
    row: strawberry.Private[ControlRow]

    @described("e.g. appointmentOfBoard, otherInfluenceOrControl.")
    def interests(self) -> list[str]:
        return list(self.row.interests)

    @strawberry.field
    def controller(self, info: Info) -> Entity:
        return entity_of(info, self.row.controller)

    @strawberry.field
    def company(self, info: Info) -> Company:
        return company_of(info, self.row.company)


@strawberry.type(description="Accounting consolidation (GLEIF level 2).")
class ParentLink(Link):
    row: strawberry.Private[ParentRow]

    @described("direct or ultimate.")
    def level(self) -> str | None:
        return self.row.level

    @strawberry.field
    def relationship_status(self) -> str | None:
        return self.row.relationship_status

    @strawberry.field
    def parent(self, info: Info) -> Company:
        return company_of(info, self.row.parent)

    @strawberry.field
    def child(self, info: Info) -> Company:
        return company_of(info, self.row.child)


@strawberry.type(description="An entity registered at an address.")
class Registration(Link):
    row: strawberry.Private[RegistrationRow]

    @described("registered, service, residential, business…")
    def kind(self) -> str | None:
        return self.row.kind

    @strawberry.field
    def entity(self, info: Info) -> Entity:
        return entity_of(info, self.row.entity)

    @strawberry.field
    def address(self, info: Info) -> Address:
        row = entity_of(info, self.row.address)
        assert isinstance(row, Address)
        return row
