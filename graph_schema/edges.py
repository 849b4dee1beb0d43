"""Canonical relationship records: dated links with provenance, one class per type."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import Field, model_validator

from graph_schema.labels import RelType
from graph_schema.nodes import Record


class Link(Record):
    """A relationship from `src` to `dst` (entity keys) valid from `start` to `end`."""

    rel_type: ClassVar[RelType]
    key: str
    src: str
    dst: str
    start: date | None = None
    end: date | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> Link:
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class Directorship(Link):
    rel_type: ClassVar[RelType] = RelType.DIRECTOR_OF
    role: str  # normalised: director, managing_director, secretary, board_member, liquidator…
    role_label: str | None = None  # the source's own wording


class _ShareFields(Link):
    # A share is exact, or a range; bounds may be exclusive (PSC "more than 25%").
    share_exact: float | None = None
    share_min: float | None = None
    share_max: float | None = None
    share_min_exclusive: bool = False
    share_max_exclusive: bool = False

    @model_validator(mode="after")
    def _share_consistent(self) -> _ShareFields:
        for value in (self.share_exact, self.share_min, self.share_max):
            if value is not None and not 0 <= value <= 100:
                raise ValueError(f"share {value} is outside 0–100")
        if self.share_min is not None and self.share_max is not None:
            if self.share_min > self.share_max:
                raise ValueError(f"share minimum {self.share_min} > maximum {self.share_max}")
        return self


class Shareholding(_ShareFields):
    rel_type: ClassVar[RelType] = RelType.OWNS
    interest: str = "shareholding"  # shareholding | votingRights


class Control(Link):
    rel_type: ClassVar[RelType] = RelType.CONTROLS
    interests: list[str] = Field(default_factory=list)  # appointmentOfBoard, otherInfluence…


class DeclaredOwnership(_ShareFields):
    """A declared beneficial owner / PSC: a statement to compare against, never summed."""

    rel_type: ClassVar[RelType] = RelType.DECLARED_BO_OF
    interests: list[str] = Field(default_factory=list)  # natures of control / BODS types
    votes_min: float | None = None
    votes_max: float | None = None
    control: bool = False  # board appointment or significant influence declared
    direct_or_indirect: str | None = None
    declared_by: str = "register"  # psc | bods | ubo-register
    # The PSC register's own kind of the entry, e.g. corporate-entity-person-with-significant-
    # control: a relevant legal entity by the register's rules (legal-person-…: not one).
    psc_kind: str | None = None


class Parent(Link):
    rel_type: ClassVar[RelType] = RelType.PARENT_OF
    level: str  # direct | ultimate
    relationship_status: str | None = None


class AddressLink(Link):
    rel_type: ClassVar[RelType] = RelType.REGISTERED_AT
    kind: str = "registered"  # registered | service | residential | business | correspondence


class Relation(Link):
    rel_type: ClassVar[RelType] = RelType.RELATED_TO
    relationship: str = "family"


LinkRecord = (
    Directorship | Shareholding | Control | DeclaredOwnership | Parent | AddressLink | Relation
)
