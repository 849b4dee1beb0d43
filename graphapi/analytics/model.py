"""Input facts for the analytics: plain, frozen records the query layer fills from the graph.

Every fact carries a `SourceRef` (the graph key of the node or relationship plus its
provenance) so that signals can hand back evidence paths an analyst can look up in the
registry. Shares are percentages 0-100, as stored on OWNS / DECLARED_BO_OF relationships.
"""

from __future__ import annotations

import datetime as dt
from datetime import date

from pydantic import BaseModel, ConfigDict

from graph_schema.events import EventKind, is_insolvency

# Roles that are administrators of a failure, not people involved in it (docs/analytics.md
# §Conventions).
PRACTITIONER_ROLES = frozenset(
    {
        "liquidator",
        "receiver",
        "administrator",
        "curator",
        "trustee_in_bankruptcy",
        "insolvency_practitioner",
        "receiver_manager",
        "judicial_administrator",
        "mandataire",
    }
)
# Roles that are not management: a company secretary is not a senior managing official.
NON_MANAGING_ROLES = PRACTITIONER_ROLES | {"secretary", "corporate_secretary", "auditor"}


class Fact(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SourceRef(Fact):
    """Where a fact sits in the graph (node/relationship key) and where it came from."""

    key: str | None = None
    source: str | None = None
    record_id: str | None = None
    source_file: str | None = None
    seen_at: date | None = None


class Mandate(Fact):
    """(person)-[:DIRECTOR_OF {role, start, end}]->(company)."""

    person: str
    company: str
    role: str = "director"
    start: date | None = None
    end: date | None = None
    ref: SourceRef = SourceRef()

    @property
    def is_practitioner(self) -> bool:
        return self.role.lower() in PRACTITIONER_ROLES

    @property
    def is_managing(self) -> bool:
        return self.role.lower() not in NON_MANAGING_ROLES


class Holding(Fact):
    """(owner)-[:OWNS]->(owned): a DIRECT holding of shares or votes, exact or ranged (percent)."""

    owner: str
    owned: str
    interest: str = "shareholding"  # shareholding | votingRights
    share_exact: float | None = None
    share_min: float | None = None
    share_max: float | None = None
    share_min_exclusive: bool = False
    share_max_exclusive: bool = False
    control_interests: tuple[str, ...] = ()  # e.g. appointmentOfBoard carried by the holding
    nominee: bool = False
    start: date | None = None
    end: date | None = None
    ref: SourceRef = SourceRef()
    # Set when the stake is a register's declaration standing in for a shareholder list the
    # register does not publish (psc, bods-register, ubo-register): see ubo/sources.py.
    declared_by: str | None = None

    def bounds(self) -> tuple[float, float, bool, bool]:
        """(lo, hi, lo_exclusive, hi_exclusive) as fractions 0-1; an unknown share is [0, 1]."""
        if self.share_exact is not None:
            return self.share_exact / 100, self.share_exact / 100, False, False
        lo = (self.share_min or 0.0) / 100
        hi = 1.0 if self.share_max is None else self.share_max / 100
        lo_ex = self.share_min_exclusive and self.share_min is not None
        hi_ex = self.share_max_exclusive and self.share_max is not None
        return lo, hi, lo_ex, hi_ex

    def label(self) -> str:
        lo, hi, lo_ex, hi_ex = self.bounds()
        return interval_label(lo, hi, lo_ex, hi_ex)


class ControlLink(Fact):
    """(entity)-[:CONTROLS {interests}]->(company): control without (known) shares."""

    controller: str
    controlled: str
    interests: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    ref: SourceRef = SourceRef()


class Declaration(Fact):
    """(entity)-[:DECLARED_BO_OF]->(company): a PSC / BODS / UBO-register statement.

    Compared with the computed owners, never summed into the maths (docs/analytics.md
    §Declarations)."""

    declared: str  # person or entity key
    company: str
    share_exact: float | None = None
    share_min: float | None = None
    share_max: float | None = None
    share_min_exclusive: bool = False
    share_max_exclusive: bool = False
    votes_min: float | None = None
    votes_max: float | None = None
    control: bool = False
    interests: tuple[str, ...] = ()
    direct_or_indirect: str | None = None
    # psc | bods (a BODS beneficial-ownership statement) | bods-register (a BODS statement an
    # official register published) | ubo-register
    declared_by: str = "register"
    start: date | None = None
    end: date | None = None
    ref: SourceRef = SourceRef()


class CompanyEvent(Fact):
    """(company)-[:HAS_EVENT]->(event): insolvencies, endings, changes and accounts filings."""

    company: str
    kind: EventKind
    date: dt.date | None = None
    end_date: dt.date | None = None
    made_up_to: dt.date | None = None  # accounts: the period they cover
    dormant: bool | None = None  # accounts filed as dormant / zero turnover
    rescued: bool = False  # proceedings closed by a successful restructuring
    approved_transfer_to: str | None = None  # pre-pack: curator-approved sale to this company
    court: str | None = None
    reference: str | None = None
    description: str | None = None
    ref: SourceRef = SourceRef()

    @property
    def is_insolvency(self) -> bool:
        return is_insolvency(self.kind)


class CompanyFacts(Fact):
    key: str
    name: str | None = None
    status: str | None = None
    legal_form: str | None = None
    jurisdiction: str | None = None  # ISO country code
    incorporated_on: date | None = None
    dissolved_on: date | None = None
    activity_codes: tuple[str, ...] = ()  # "NACE:43.91", "SIC:41201"
    address_keys: tuple[str, ...] = ()  # current registered / business addresses
    contacts: tuple[str, ...] = ()  # phone, website, e-mail where loaded (phoenix feature e)
    listed: bool = False
    no_beneficial_owner_reason: str | None = None
    topics: tuple[str, ...] = ()
    distress_markers: tuple[str, ...] = ()  # e.g. accounts_overdue, tax_lien (where loaded)
    # Companies House: when the next accounts are due, for which period, the registry's flag.
    accounts_next_due: date | None = None
    accounts_next_made_up_to: date | None = None
    accounts_overdue: bool | None = None
    sources: tuple[str, ...] = ()  # every source that knows the company (data coverage)
    ref: SourceRef = SourceRef()

    @property
    def display(self) -> str:
        return self.name or self.key


class PersonFacts(Fact):
    key: str
    name: str
    birth_year_month: str | None = None
    birth_date: date | None = None
    nationality: str | None = None
    topics: tuple[str, ...] = ()
    residential_address_keys: tuple[str, ...] = ()
    service_address_keys: tuple[str, ...] = ()
    ref: SourceRef = SourceRef()


class AddressFacts(Fact):
    """An address with its statistics at as_of (computed by the query layer; docs/analytics.md
    §MASS_REGISTRATION_ADDRESS)."""

    key: str
    text: str
    country: str | None = None
    n_active: int = 0  # active companies registered there
    n_new24: int = 0  # of which incorporated in the last 24 months
    fail24: int = 0  # registered there and failed / struck off / dissolved in the last 24 months
    whitelisted: bool = False  # registered agent / business centre confirmed by an analyst
    ref: SourceRef = SourceRef()


class Disqualification(Fact):
    person: str
    start: date | None = None
    end: date | None = None
    authority: str | None = None
    reason: str | None = None
    reference: str | None = None
    ref: SourceRef = SourceRef()

    def active_at(self, as_of: date) -> bool:
        """A ban covers [start, end] inclusive."""
        return (self.start is None or self.start <= as_of) and (
            self.end is None or self.end >= as_of
        )


class Relation(Fact):
    """(person)-[:RELATED_TO {relationship}]->(person): a declared family or associate link."""

    person: str
    other: str
    relationship: str = "family"
    ref: SourceRef = SourceRef()


def interval_label(lo: float, hi: float, lo_ex: bool, hi_ex: bool) -> str:
    """Fractions as a percent interval: '30.00 %' when exact, '(50.00, 75.00] %' otherwise."""
    if lo == hi and not (lo_ex or hi_ex):
        return f"{lo * 100:.2f} %"
    return f"{'(' if lo_ex else '['}{lo * 100:.2f}, {hi * 100:.2f}{')' if hi_ex else ']'} %"
