"""Canonical node records: what every loader produces and the writer stores.

Each node class also declares its part of the write contract (`Node`'s class attributes): the
labels it carries, whether it hangs off an owner, whether it keeps `sources`. The upserts, the
bulk-import files and the benchmark's LOAD CSV are derived from it (graph_schema/write_contract.py).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

from graph_schema.events import EventKind, is_insolvency
from graph_schema.financials import FIGURE_NAMES, sector
from graph_schema.labels import NodeLabel, RelType
from graph_schema.names import (
    address_fingerprint,
    company_search_name,
    person_fingerprint,
    person_search_name,
)
from graph_schema.provenance import Provenance

_YEAR_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
# C0 controls (NUL included) but tab, line feed and carriage return; DEL; C1 controls. None is
# text a registry means: a sign of binary or mis-decoded input, which Neo4j would store as is.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Fields that are not properties: keys, endpoints, owners, identifiers (their own nodes), and
# the list of fields a record gives in full.
_NOT_PROPS = frozenset(
    {"provenance", "key", "src", "dst", "company", "person", "identifiers", "complete"}
)


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
        props: dict[str, object] = {}
        # __dict__ holds exactly the fields (extra="forbid"), without BaseModel.__iter__'s cost.
        fields = self.__dict__
        for name, value in fields.items():
            if value is None or name in _NOT_PROPS or value == [] or value == ():
                continue
            # `_value_`: the member's string without the enum's descriptor (a row's cost).
            props[name] = value._value_ if isinstance(value, EventKind) else value
        for name in self.complete:
            if name not in props and name in fields and name not in _NOT_PROPS:
                props[name] = None
        prov = self.provenance  # Provenance.props(), without building that dict each time
        props["source"] = prov.source
        props["record_id"] = prov.record_id
        if prov.source_file is not None:
            props["source_file"] = prov.source_file
        if prov.seen_at is not None:
            props["seen_at"] = prov.seen_at
        return props


def _control_in(value: object, where: str) -> str | None:
    if isinstance(value, str):
        # isprintable() is the fast path for the usual value; a tab, a newline or a
        # non-breaking space makes it False, and the precise check then decides.
        if value.isprintable():
            return None
        found = _CONTROL.search(value)
        if found is None:
            return None
        char = found.group()
        shown = value if len(value) <= 80 else value[:77] + "..."
        return f"{where} holds the control character U+{ord(char):04X}: {shown!r}"
    if isinstance(value, BaseModel):
        for name, item in value.__dict__.items():
            if (reason := _control_in(item, f"{where}.{name}")) is not None:
                return reason
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            if (reason := _control_in(item, f"{where}[{index}]")) is not None:
                return reason
    elif isinstance(value, dict):
        for key, item in value.items():
            if (reason := _control_in(item, f"{where}.{key}")) is not None:
                return reason
    return None


def control_character(record: BaseModel) -> str | None:
    """Why a record's text cannot be stored (a NUL or another control character in any text
    field, nested ones included), or None. Every loader format is checked with it once, in
    `loaders.contract.Format`."""
    return _control_in(record, type(record).__name__)


@dataclass(frozen=True)
class Owner:
    """A node that exists only under its owner: `(owner:label)-[:rel_type]->(node)`, the owner's
    key in the record's `field`. Without its owner in the graph the node is rejected."""

    label: NodeLabel
    rel_type: RelType
    field: str


class Node(Record):
    """A node record. Its class attributes declare how it is written."""

    label: ClassVar[NodeLabel]
    # Further labels: companies and persons are also :Entity, so that a relationship endpoint or
    # an API id resolves through one uniqueness constraint whatever its kind.
    extra_labels: ClassVar[tuple[NodeLabel, ...]] = ()
    owner: ClassVar[Owner | None] = None
    keeps_sources: ClassVar[bool] = False  # `sources`: every source that mentioned the node
    # The record carries a name for its owner, set only while the owner has none (filed accounts
    # print the company's name; the register's spelling wins).
    names_owner: ClassVar[bool] = False
    key: str

    def owner_name(self) -> str | None:
        return None

    def owner_search_names(self) -> list[str]:
        return []

    @classmethod
    def node_labels(cls) -> tuple[NodeLabel, ...]:
        return (cls.label, *cls.extra_labels)


class Identifier(BaseModel):
    """Every identifier a source gave for a company: merged on its key and linked from each
    company that gave it; keeps the facts it was created with, carries no provenance."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    label: ClassVar[NodeLabel] = NodeLabel.IDENTIFIER
    # (:Entity)-[:IDENTIFIED_BY]->(:Identifier), from each company or person whose
    # `identifiers` hold it.
    linked_from: ClassVar[tuple[NodeLabel, RelType]] = (NodeLabel.ENTITY, RelType.IDENTIFIED_BY)
    scheme: str  # canonical org-id code
    value: str  # normalised; as the source wrote it when not validated
    # False: the number failed its scheme's check; kept (and reported), never used as a key.
    validated: bool = True

    @property
    def key(self) -> str:
        return f"{self.scheme}-{self.value}"


class CompanyRecord(Node):
    label: ClassVar[NodeLabel] = NodeLabel.COMPANY
    extra_labels: ClassVar[tuple[NodeLabel, ...]] = (NodeLabel.ENTITY,)
    keeps_sources: ClassVar[bool] = True
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
    # Companies House profile `accounts`: when the next accounts are due, and the registry's
    # own overdue flag at retrieval (accounts findings, docs/accounts.md).
    accounts_next_due: date | None = None
    accounts_next_made_up_to: date | None = None
    accounts_overdue: bool | None = None

    def graph_props(self) -> dict[str, object]:
        props = super().graph_props()
        names = [n for n in [self.name, *self.former_names] if n]
        if names:
            props["search_names"] = sorted({company_search_name(n) for n in names})
        # The main activity's class and division, indexed: how financial peers are found.
        if self.activity_codes:
            for prop, digits in (("sector_class", 4), ("sector_division", 2)):
                if (code := sector(self.activity_codes[0], digits)) is not None:
                    props[prop] = code
        return props


class PersonRecord(Node):
    label: ClassVar[NodeLabel] = NodeLabel.PERSON
    extra_labels: ClassVar[tuple[NodeLabel, ...]] = (NodeLabel.ENTITY,)
    keeps_sources: ClassVar[bool] = True
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


class AddressRecord(Node):
    label: ClassVar[NodeLabel] = NodeLabel.ADDRESS
    keeps_sources: ClassVar[bool] = True
    text: str
    street: str | None = None
    postcode: str | None = None
    city: str | None = None
    country: str | None = None

    def graph_props(self) -> dict[str, object]:
        props = super().graph_props()
        props["fingerprint"] = address_fingerprint(self.text)
        return props


class EventRecord(Node):
    label: ClassVar[NodeLabel] = NodeLabel.EVENT
    owner: ClassVar[Owner | None] = Owner(NodeLabel.COMPANY, RelType.HAS_EVENT, "company")
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


class DisqualificationRecord(Node):
    label: ClassVar[NodeLabel] = NodeLabel.DISQUALIFICATION
    owner: ClassVar[Owner | None] = Owner(NodeLabel.PERSON, RelType.DISQUALIFIED, "person")
    person: str  # person key
    start: date | None = None
    end: date | None = None
    authority: str | None = None
    reason: str | None = None
    reference: str | None = None


class FinancialStatementRecord(Node):
    """One period of filed accounts of one company (graph_schema.financials.FinancialStatement
    as stored): `(:Company)-[:FILED]->(:FinancialStatement)`. Figures become properties named
    as the canonical figures (`equity`), with their evidence beside them (`equity_sources`,
    `equity_formula`); a figure the filing does not state is not stored at all."""

    label: ClassVar[NodeLabel] = NodeLabel.FINANCIAL_STATEMENT
    owner: ClassVar[Owner | None] = Owner(NodeLabel.COMPANY, RelType.FILED, "company")
    names_owner: ClassVar[bool] = True
    company: str  # company key
    # The name printed on the filing: names the company node only when nothing else does.
    company_name: str | None = None
    period_start: date | None = None
    period_end: date
    accounts_type: str
    dormant: bool | None = None
    llp: bool = False
    consolidated: bool = False
    comparative: bool = False
    audited: bool | None = None
    accounting_standard: str | None = None
    model: str | None = None
    currency: str | None = None
    source_format: str
    size_class: str | None = None
    notes: list[str] = Field(default_factory=list)
    figures: dict[str, float] = Field(default_factory=dict)
    figure_sources: dict[str, list[str]] = Field(default_factory=dict)
    figure_formulas: dict[str, str] = Field(default_factory=dict)

    @field_validator("figures")
    @classmethod
    def _known_figures(cls, value: dict[str, float]) -> dict[str, float]:
        unknown = set(value) - set(FIGURE_NAMES)
        if unknown:
            raise ValueError(f"unknown figures: {', '.join(sorted(unknown))}")
        return value

    def graph_props(self) -> dict[str, object]:
        props = super().graph_props()
        for name in ("figures", "figure_sources", "figure_formulas"):
            props.pop(name, None)
        for name, value in self.figures.items():
            props[name] = value
            props[f"{name}_sources"] = self.figure_sources.get(name, [])
            if name in self.figure_formulas:
                props[f"{name}_formula"] = self.figure_formulas[name]
        return props

    def owner_name(self) -> str | None:
        return self.company_name

    def owner_search_names(self) -> list[str]:
        return [company_search_name(self.company_name)] if self.company_name else []


NodeRecord = (
    CompanyRecord
    | PersonRecord
    | AddressRecord
    | EventRecord
    | DisqualificationRecord
    | FinancialStatementRecord
)
