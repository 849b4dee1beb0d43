"""Read models the queries return: pydantic rows, never neo4j records."""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from graph_schema.labels import RelType

R = TypeVar("R")


class Row(BaseModel):
    # Nodes carry more properties than a row needs (search_names, fingerprint…): ignore them.
    model_config = ConfigDict(frozen=True, extra="ignore")


class ProvenanceRow(Row):
    source: str | None = None
    record_id: str | None = None
    source_file: str | None = None
    seen_at: dt.date | None = None
    sources: list[str] = Field(default_factory=list)


class NodeRow(Row):
    key: str
    provenance: ProvenanceRow = Field(default_factory=ProvenanceRow)


class CompanyRow(NodeRow):
    name: str | None = None
    former_names: list[str] = Field(default_factory=list)
    legal_form: str | None = None
    status: str | None = None
    status_detail: str | None = None
    jurisdiction: str | None = None
    incorporated_on: dt.date | None = None
    dissolved_on: dt.date | None = None
    activity_codes: list[str] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)
    listed: bool | None = None
    no_beneficial_owner_reason: str | None = None


class PersonRow(NodeRow):
    name: str
    birth_year_month: str | None = None
    nationality: str | None = None
    country_of_residence: str | None = None
    topics: list[str] = Field(default_factory=list)
    match_basis: str | None = None


class AddressRow(NodeRow):
    text: str
    street: str | None = None
    postcode: str | None = None
    city: str | None = None
    country: str | None = None


EntityRow = CompanyRow | PersonRow
AnyNodeRow = CompanyRow | PersonRow | AddressRow


def node_row(props: dict[str, Any], labels: list[str]) -> AnyNodeRow:
    """A node's properties + labels -> its row type (provenance gathered into one object)."""
    data = {**props, "provenance": ProvenanceRow.model_validate(props)}
    if "Company" in labels:
        return CompanyRow.model_validate(data)
    if "Person" in labels:
        return PersonRow.model_validate(data)
    if "Address" in labels:
        return AddressRow.model_validate(data)
    raise ValueError(f"node {props.get('key')!r} has no API type (labels {labels})")


def entity_row(props: dict[str, Any], labels: list[str]) -> EntityRow:
    row = node_row(props, labels)
    if isinstance(row, AddressRow):
        raise ValueError(f"{row.key!r} is an address, not a company or person")
    return row


def company_row(props: dict[str, Any]) -> CompanyRow:
    row = node_row(props, ["Company"])
    assert isinstance(row, CompanyRow)
    return row


class IdentifierRow(Row):
    key: str
    scheme: str
    value: str
    validated: bool | None = None  # None: written before identifiers were validated


class EventRow(Row):
    key: str
    kind: str
    date: dt.date | None = None
    end_date: dt.date | None = None
    insolvency: bool = False
    description: str | None = None
    court: str | None = None
    reference: str | None = None
    made_up_to: dt.date | None = None
    dormant: bool | None = None
    provenance: ProvenanceRow = Field(default_factory=ProvenanceRow)


class LinkRow(Row):
    """Fields every relationship has: dates and provenance."""

    key: str
    start: dt.date | None = None
    end: dt.date | None = None
    provenance: ProvenanceRow = Field(default_factory=ProvenanceRow)


class ShareRow(Row):
    share_exact: float | None = None
    share_min: float | None = None
    share_max: float | None = None
    share_min_exclusive: bool = False
    share_max_exclusive: bool = False


class DirectorshipRow(LinkRow):
    director: EntityRow
    company: CompanyRow
    role: str | None = None
    role_label: str | None = None


class ShareholdingRow(LinkRow):
    owner: EntityRow
    company: CompanyRow
    interest: str | None = None
    share: ShareRow


class DeclaredOwnershipRow(LinkRow):
    owner: EntityRow
    company: CompanyRow
    interests: list[str] = Field(default_factory=list)
    share: ShareRow
    votes_min: float | None = None
    votes_max: float | None = None
    control: bool = False
    direct_or_indirect: str | None = None
    declared_by: str | None = None


class ControlRow(LinkRow):
    controller: EntityRow
    company: CompanyRow
    interests: list[str] = Field(default_factory=list)


class ParentRow(LinkRow):
    parent: CompanyRow
    child: CompanyRow
    level: str | None = None
    relationship_status: str | None = None


class RegistrationRow(LinkRow):
    entity: EntityRow
    address: AddressRow
    kind: str | None = None


class Page(BaseModel, Generic[R]):
    """One page of a list plus the size of the whole list (for totalCount)."""

    model_config = ConfigDict(frozen=True)
    total: int
    rows: list[R]


class SearchHit(Row):
    entity: EntityRow
    score: float
    matched_identifier: bool


def _link_fields(src: str, rel_type: str, dst: str, props: dict[str, Any]) -> dict[str, Any]:
    """A relationship's properties as a flat row: ends, type, and provenance gathered."""
    return {
        **props,
        "src": src,
        "type": rel_type,
        "dst": dst,
        "provenance": ProvenanceRow.model_validate(props),
    }


class PathNodeRow(Row):
    key: str
    name: str | None = None  # a company's or person's name, an address's text
    labels: list[str] = Field(default_factory=list)


class PathLinkRow(Row):
    """One relationship of a path or a group, whatever its type."""

    src: str
    type: RelType
    dst: str
    key: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    role: str | None = None  # DIRECTOR_OF
    kind: str | None = None  # REGISTERED_AT (registered, service…)
    share_exact: float | None = None  # OWNS, DECLARED_BO_OF: percent
    share_min: float | None = None  # a ranged share (PSC bands, BODS ranges)
    share_max: float | None = None
    share_min_exclusive: bool = False
    share_max_exclusive: bool = False
    level: str | None = None  # PARENT_OF: direct or ultimate
    provenance: ProvenanceRow = Field(default_factory=ProvenanceRow)

    @staticmethod
    def of(src: str, rel_type: str, dst: str, props: dict[str, Any]) -> PathLinkRow:
        return PathLinkRow.model_validate(_link_fields(src, rel_type, dst, props))


class PathRow(Row):
    nodes: list[PathNodeRow]
    links: list[PathLinkRow]


class GroupRow(Row):
    """Ultimate parents, the companies below, and the PARENT_OF / OWNS links among them."""

    tops: list[str]
    members: list[str]
    nodes: list[PathNodeRow]
    links: list[PathLinkRow]


class WatchedRow(Row):
    """A company on a watchlist with the baseline stored when it was added."""

    company: str
    name: str | None = None
    added_at: dt.datetime
    baseline_score: int | None = None
    baseline_label: str | None = None
    baseline_signals: list[str] = Field(default_factory=list)
    baseline_name: str | None = None
    baseline_status: str | None = None


class WatchlistRow(Row):
    key: str
    name: str
    created_at: dt.datetime
    companies: list[WatchedRow] = Field(default_factory=list)


class _ChangedRow(Row):
    """Dates in the registry and the load runs that first wrote or last changed the fact."""

    start: dt.date | None = None
    end: dt.date | None = None
    first_loaded_at: dt.datetime | None = None
    changed_at: dt.datetime | None = None


class LinkChangeRow(_ChangedRow):
    """An officer or controller link into a watched company (`key`)."""

    key: str
    type: RelType
    entity: str
    entity_name: str | None = None
    role: str | None = None


class AddressChangeRow(_ChangedRow):
    key: str
    text: str | None = None
    kind: str | None = None  # registered, service, business…


class InsolvencyChangeRow(Row):
    """An insolvency of the watched company (`key`) or of a company of one of its people."""

    key: str
    company: str
    company_name: str | None = None
    via: str | None = None  # the director or controller linking the two companies
    via_name: str | None = None
    kind: str | None = None
    date: dt.date | None = None
    first_loaded_at: dt.datetime | None = None
    changed_at: dt.datetime | None = None


class CompanyStateRow(Row):
    key: str
    name: str | None = None
    status: str | None = None
    dissolved_on: dt.date | None = None
    former_names: list[str] = Field(default_factory=list)
    changed_at: dt.datetime | None = None


class ChangeRows(Row):
    """Everything a change report reads about a list of companies since a moment."""

    links: list[LinkChangeRow]
    addresses: list[AddressChangeRow]
    insolvencies: list[InsolvencyChangeRow]
    state: list[CompanyStateRow]


class BanRow(Row):
    """A director disqualification (court order or undertaking) with its provenance."""

    id: str
    start: dt.date | None = None
    end: dt.date | None = None
    authority: str | None = None
    reason: str | None = None
    reference: str | None = None
    source: str | None = None
    record_id: str | None = None
    source_file: str | None = None
    seen_at: dt.date | None = None
