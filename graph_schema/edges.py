"""Canonical relationship records: dated links with provenance, one class per type.

Each class declares its part of the write contract, as followthemoney's schemata declare
`edge: {source, target}`: its type, the labels it connects and how its key is built (`make_key`).
The upserts, the bulk-import files and the benchmark's LOAD CSV are derived from these
declarations (graph_schema/write_contract.py); loaders build keys with `make_key`.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import Field, model_validator

from graph_schema.keys import relationship_key
from graph_schema.labels import NodeLabel, RelType
from graph_schema.nodes import Record
from graph_schema.provenance import Provenance


class Link(Record):
    """A relationship from `src` to `dst` (entity keys) valid from `start` to `end`.

    `source` and `target` are the labels the endpoints are matched on (:Entity is a company or
    a person). Keys are stable across re-loads: built from the type, the endpoints and what
    distinguishes two such links (role, start date, interest), never from values a newer file
    may change (end date); each subclass's `make_key` names those parts.
    """

    rel_type: ClassVar[RelType]
    source: ClassVar[NodeLabel]
    target: ClassVar[NodeLabel]
    key: str
    src: str
    dst: str
    start: date | None = None
    end: date | None = None

    @classmethod
    def _key(cls, src: str, dst: str, *parts: object) -> str:
        # A referenced endpoint (`ref:`) defers the key until the writer resolves it.
        return relationship_key(cls.rel_type.value, src, dst, *parts)

    @model_validator(mode="after")
    def _dates_in_order(self) -> Link:
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class Directorship(Link):
    rel_type: ClassVar[RelType] = RelType.DIRECTOR_OF
    source: ClassVar[NodeLabel] = NodeLabel.ENTITY  # a person or a corporate officer
    target: ClassVar[NodeLabel] = NodeLabel.COMPANY
    role: str  # normalised: director, managing_director, secretary, board_member, liquidator…
    role_label: str | None = None  # the source's own wording

    @classmethod
    def make_key(cls, src: str, dst: str, role: str, occurrence: date | str | None) -> str:
        """`occurrence`: the start date, or the source's own id of the link (FtM)."""
        return cls._key(src, dst, role, occurrence)

    @classmethod
    def dated(
        cls,
        src: str,
        dst: str,
        role: str,
        role_label: str | None,
        start: date | None,
        provenance: Provenance,
        end: date | None = None,
    ) -> Directorship:
        """A mandate keyed by its start date (the registers that have no id of their own)."""
        return cls(
            key=cls.make_key(src, dst, role, start),
            src=src,
            dst=dst,
            role=role,
            role_label=role_label,
            start=start,
            end=end,
            provenance=provenance,
        )


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
    source: ClassVar[NodeLabel] = NodeLabel.ENTITY
    target: ClassVar[NodeLabel] = NodeLabel.COMPANY
    interest: str = "shareholding"  # shareholding | votingRights

    @classmethod
    def make_key(cls, src: str, dst: str, interest: str, occurrence: date | str | None) -> str:
        """`occurrence`: the start date, or the source's own id of the link (FtM)."""
        return cls._key(src, dst, interest, occurrence)


class Control(Link):
    rel_type: ClassVar[RelType] = RelType.CONTROLS
    source: ClassVar[NodeLabel] = NodeLabel.ENTITY
    target: ClassVar[NodeLabel] = NodeLabel.COMPANY
    interests: list[str] = Field(default_factory=list)  # appointmentOfBoard, otherInfluence…

    @classmethod
    def make_key(cls, src: str, dst: str, start: date | None) -> str:
        """One control link per start date: its interests are the natures declared then."""
        return cls._key(src, dst, "control", start)


class DeclaredOwnership(_ShareFields):
    """A declared beneficial owner / PSC: a statement to compare against, never summed."""

    rel_type: ClassVar[RelType] = RelType.DECLARED_BO_OF
    source: ClassVar[NodeLabel] = NodeLabel.ENTITY
    target: ClassVar[NodeLabel] = NodeLabel.COMPANY
    interests: list[str] = Field(default_factory=list)  # natures of control / BODS types
    votes_min: float | None = None
    votes_max: float | None = None
    control: bool = False  # board appointment or significant influence declared
    direct_or_indirect: str | None = None
    declared_by: str = "register"  # psc | bods | ubo-register
    # The PSC register's own kind of the entry, e.g. corporate-entity-person-with-significant-
    # control: a relevant legal entity by the register's rules (legal-person-…: not one).
    psc_kind: str | None = None

    @classmethod
    def make_key(
        cls,
        src: str,
        dst: str,
        declared_by: str,
        start: date | None,
        direct_or_indirect: str | None = None,
    ) -> str:
        """One declaration per declarer and start date; BODS also tells direct from indirect
        (a PSC register does not, and its keys leave that part out)."""
        if direct_or_indirect is None:
            return cls._key(src, dst, declared_by, start)
        return cls._key(src, dst, declared_by, direct_or_indirect, start)


class Parent(Link):
    rel_type: ClassVar[RelType] = RelType.PARENT_OF
    source: ClassVar[NodeLabel] = NodeLabel.COMPANY
    target: ClassVar[NodeLabel] = NodeLabel.COMPANY
    level: str  # direct | ultimate
    relationship_status: str | None = None

    @classmethod
    def make_key(cls, src: str, dst: str, level: str) -> str:
        return cls._key(src, dst, level)


class AddressLink(Link):
    rel_type: ClassVar[RelType] = RelType.REGISTERED_AT
    source: ClassVar[NodeLabel] = NodeLabel.ENTITY
    target: ClassVar[NodeLabel] = NodeLabel.ADDRESS
    kind: str = "registered"  # registered | service | residential | business | correspondence

    @classmethod
    def make_key(cls, src: str, dst: str, kind: str) -> str:
        return cls._key(src, dst, kind)

    @classmethod
    def of(
        cls, src: str, dst: str, kind: str, provenance: Provenance, end: date | None = None
    ) -> AddressLink:
        """`src` at the address `dst` as `kind`, keyed by `make_key`."""
        key = cls.make_key(src, dst, kind)
        return cls(key=key, src=src, dst=dst, kind=kind, end=end, provenance=provenance)


class Relation(Link):
    rel_type: ClassVar[RelType] = RelType.RELATED_TO
    source: ClassVar[NodeLabel] = NodeLabel.PERSON
    target: ClassVar[NodeLabel] = NodeLabel.PERSON
    relationship: str = "family"

    @classmethod
    def make_key(cls, src: str, dst: str, source_id: str) -> str:
        """`source_id`: the source's own id of the link (FtM Family / Associate)."""
        return cls._key(src, dst, source_id)


LinkRecord = (
    Directorship | Shareholding | Control | DeclaredOwnership | Parent | AddressLink | Relation
)
