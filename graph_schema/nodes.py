"""Canonical node records: what every loader produces and the writer stores."""

from __future__ import annotations

import datetime as dt
import re
from datetime import date
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

from graph_schema.events import EventKind, is_insolvency
from graph_schema.labels import NodeLabel
from graph_schema.names import (
    address_fingerprint,
    company_search_name,
    person_fingerprint,
    person_search_name,
)
from graph_schema.provenance import Provenance

_YEAR_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class Record(BaseModel):
    """Base of every canonical record: frozen, strict about unknown fields, with provenance."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    provenance: Provenance
    # Fields this record gives in full (a delta line's topics, an update extract's activity
    # list): written even when empty, so that a newer record can clear what an older one said.
    complete: tuple[str, ...] = ()

    def graph_props(self) -> dict[str, object]:
        """Properties to SET: our own fields plus provenance; None and empty lists are left out
        so that a sparser source never erases what a richer one wrote, except the fields the
        record gives in full (`complete`), whose emptiness is sent as null (the property goes)."""
        skip = {"provenance", "key", "src", "dst", "company", "person", "identifiers", "complete"}
        props: dict[str, object] = {}
        # __dict__ holds exactly the fields (extra="forbid"), without BaseModel.__iter__'s cost.
        fields = self.__dict__
        for name, value in fields.items():
            if name in skip or value is None or value == [] or value == ():
                continue
            props[name] = value.value if isinstance(value, EventKind) else value
        for name in self.complete:
            if name not in props and name in fields and name not in skip:
                props[name] = None
        for name, value in self.provenance.props().items():
            if value is not None:
                props[name] = value
        return props


class Identifier(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    scheme: str  # canonical org-id code
    value: str  # normalised; as the source wrote it when not validated
    # False: the number failed its scheme's check; kept (and reported), never used as a key.
    validated: bool = True

    @property
    def key(self) -> str:
        return f"{self.scheme}-{self.value}"


class CompanyRecord(Record):
    label: ClassVar[NodeLabel] = NodeLabel.COMPANY
    key: str
    identifiers: list[Identifier] = Field(default_factory=list)
    name: str | None = None
    former_names: list[str] = Field(default_factory=list)
    legal_form: str | None = None
    status: str | None = None  # normalised lower-case: active, dissolved, liquidation, …
    status_detail: str | None = None  # the registry's own wording
    jurisdiction: str | None = None  # ISO country code
    incorporated_on: date | None = None
    dissolved_on: date | None = None
    activity_codes: list[str] = Field(default_factory=list)  # "NACE:43.91", "SIC:41201"
    topics: list[str] = Field(default_factory=list)  # FtM topics: sanction, role.pep, …
    listed: bool | None = None
    # Why a register names no beneficial owner (PSC statement, BODS unspecified reason).
    no_beneficial_owner_reason: str | None = None

    def graph_props(self) -> dict[str, object]:
        props = super().graph_props()
        names = [n for n in [self.name, *self.former_names] if n]
        if names:
            props["search_names"] = sorted({company_search_name(n) for n in names})
        return props


class PersonRecord(Record):
    label: ClassVar[NodeLabel] = NodeLabel.PERSON
    key: str
    name: str
    # Source record ids (an OpenSanctions entity id, a BODS recordId): how a later file that
    # names the person only by that id finds the node.
    identifiers: list[Identifier] = Field(default_factory=list)
    birth_year_month: str | None = None  # "1970-05": what registries publish
    birth_date: date | None = None
    nationality: str | None = None
    country_of_residence: str | None = None
    topics: list[str] = Field(default_factory=list)
    # How this record was keyed: name+birth_year_month (its own name and birth month),
    # officer_id (birth month from another appointment of the same Companies House officer
    # id), or source_record (neither: tied to the source's record, never merged on a name).
    match_basis: str = "source_record"

    def graph_props(self) -> dict[str, object]:
        props = super().graph_props()
        props["search_names"] = [person_search_name(self.name)]
        props["fingerprint"] = person_fingerprint(self.name)
        return props

    @field_validator("birth_year_month")
    @classmethod
    def _ym(cls, value: str | None) -> str | None:
        if value is not None and not _YEAR_MONTH.match(value):
            raise ValueError(f"birth year-month must look like 1970-05, got {value!r}")
        return value


class AddressRecord(Record):
    label: ClassVar[NodeLabel] = NodeLabel.ADDRESS
    key: str
    text: str
    street: str | None = None
    postcode: str | None = None
    city: str | None = None
    country: str | None = None

    def graph_props(self) -> dict[str, object]:
        props = super().graph_props()
        props["fingerprint"] = address_fingerprint(self.text)
        return props


class EventRecord(Record):
    label: ClassVar[NodeLabel] = NodeLabel.EVENT
    key: str
    company: str  # company key
    kind: EventKind
    date: dt.date | None = None
    end_date: dt.date | None = None
    description: str | None = None
    court: str | None = None
    reference: str | None = None  # notice / case / transaction id in the source
    made_up_to: dt.date | None = None  # accounts: the period end they cover
    dormant: bool | None = None  # accounts: filed as dormant / zero turnover
    # What establishes an insolvency event: insolvency-case, filing-history or company-status.
    basis: str | None = None
    filings: list[str] = Field(default_factory=list)  # supporting filings: "LIQ14 2021-03-01"

    def graph_props(self) -> dict[str, object]:
        props = super().graph_props()
        props["insolvency"] = is_insolvency(self.kind)
        return props


class DisqualificationRecord(Record):
    label: ClassVar[NodeLabel] = NodeLabel.DISQUALIFICATION
    key: str
    person: str  # person key
    start: date | None = None
    end: date | None = None
    authority: str | None = None
    reason: str | None = None
    reference: str | None = None


NodeRecord = CompanyRecord | PersonRecord | AddressRecord | EventRecord | DisqualificationRecord
