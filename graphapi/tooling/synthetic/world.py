"""The in-memory world: companies, persons, mandates, holdings, declarations and events.

Plain dataclasses; the writers turn them into what each registry publishes. `holdings` are who
really holds the shares: Companies House publishes none of them (its PSC register stands for
them), only a company marked `shareholders_published` has them in a second source (FtM). The
ground truth is the plan the planters record (`Plan`), never derived from the files. Dates are
`datetime.date`; shares are percentages (0-100).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(slots=True)
class Address:
    premises: str
    street: str
    locality: str
    postal_code: str
    country: str  # as Companies House writes it: "England", "Wales", "Scotland", "Belgium"

    @property
    def line1(self) -> str:
        return f"{self.premises} {self.street}"

    @property
    def text(self) -> str:
        return f"{self.line1}, {self.locality}, {self.postal_code}, {self.country}"


@dataclass(slots=True)
class Person:
    pid: str  # Companies House officer id; also the BODS record id suffix
    title: str
    forenames: str  # "John Paul"
    surname: str
    birth: date
    nationality: str
    country_code: str
    residence: str
    address: Address
    occupation: str

    @property
    def ch_name(self) -> str:
        """Companies House officer list spelling: 'SURNAME, Forenames'."""
        return f"{self.surname.upper()}, {self.forenames}"

    @property
    def full_name(self) -> str:
        return f"{self.forenames} {self.surname}"

    @property
    def birth_year_month(self) -> str:
        return f"{self.birth.year:04d}-{self.birth.month:02d}"


@dataclass(slots=True)
class Mandate:
    person: Person
    role: str  # officer_role enumeration value
    start: date
    end: date | None = None


@dataclass(slots=True)
class Share:
    """A percentage: exact, or a range with inclusive/exclusive bounds (BODS share object)."""

    exact: float | None = None
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False
    exclusive_maximum: bool = False

    def low(self) -> float:
        return self.exact if self.exact is not None else (self.minimum or 0.0)

    def high(self) -> float:
        return self.exact if self.exact is not None else (self.maximum or 100.0)


@dataclass(slots=True)
class Holding:
    """A direct shareholding of `holder` in the company (published only as FtM, see above)."""

    holder: Person | Company
    share: Share
    start: date
    end: date | None = None


@dataclass(slots=True)
class Body:
    """A legal entity outside the generated registry (a US-listed parent, a foreign group):
    named on a PSC register with its `identification`, never a company of the world."""

    name: str
    legal_authority: str
    legal_form: str
    place_registered: str
    country_registered: str
    registration_number: str
    address: Address


@dataclass(slots=True)
class Psc:
    """A person with significant control as declared on the Companies House register."""

    holder: Person | Company | Body
    natures: list[str]
    notified: date
    ceased: date | None = None


@dataclass(slots=True)
class CorporateOfficer:
    """A company holding an officer role (corporate secretary, corporate director)."""

    company: Company
    role: str  # corporate-secretary | corporate-director
    start: date
    end: date | None = None
    officer_id: str = ""


@dataclass(slots=True)
class Insolvency:
    case_type: str  # insolvency_case_type enumeration value
    opened: date  # the date that counts: wound-up-on / administration-started-on
    dates: list[tuple[str, date]]
    practitioners: list[tuple[str, date]] = field(default_factory=list)
    # False: the insolvency document was not fetched (bulk fetches have gaps); the filing
    # history and the profile's status still tell the insolvency.
    documented: bool = True


@dataclass(slots=True)
class Filing:
    category: str
    type: str
    date: date
    description: str
    values: dict[str, str] = field(default_factory=dict)
    subcategory: list[str] = field(default_factory=list)


@dataclass(slots=True, eq=False)  # identity: a company is itself, hashable as a plan key
class Company:
    scheme: str  # "GB-COH", "BE-BCE_KBO", "FR-SIREN"
    number: str
    name: str
    created: date
    sic: list[str]
    address: Address
    ctype: str = "ltd"
    jurisdiction: str = "england-wales"
    status: str = "active"
    ceased: date | None = None
    previous_names: list[tuple[str, date, date]] = field(default_factory=list)
    mandates: list[Mandate] = field(default_factory=list)
    holdings: list[Holding] = field(default_factory=list)
    pscs: list[Psc] = field(default_factory=list)
    insolvency: list[Insolvency] = field(default_factory=list)
    filings: list[Filing] = field(default_factory=list)
    # PSC statements (statement code, notified on), e.g. the enumeration's
    # no-individual-or-entity-with-signficant-control; super-secure PSCs (notified on).
    psc_statements: list[tuple[str, date]] = field(default_factory=list)
    super_secure: list[date] = field(default_factory=list)
    exemption: tuple[str, date] | None = None  # exemptions document (listed plc)
    corporate_officers: list[CorporateOfficer] = field(default_factory=list)
    shareholders_published: bool = False  # its shareholder list reaches FtM (second source)

    @property
    def key(self) -> str:
        return f"{self.scheme}-{self.number}"

    def directors_at(self, on: date) -> list[Mandate]:
        return [m for m in self.mandates if m.start <= on and (m.end is None or m.end > on)]


@dataclass(slots=True)
class Disqualification:
    person: Person
    disq_id: str
    start: date
    end: date
    reason: str  # description_identifier
    section: str
    company_names: list[str]
    case_identifier: str
    court_name: str
    disqualification_type: str = "court-order"


@dataclass(slots=True)
class Case:
    """One planted case: what must (not) be flagged, at which severity, and why."""

    case_id: str
    kind: str
    description: str
    # company key -> the severity the case must be flagged with
    positives: dict[str, int] = field(default_factory=dict)
    # company key -> the highest severity still acceptable (0: must not be flagged at all)
    hard_negatives: dict[str, int] = field(default_factory=dict)
    unscored: list[str] = field(default_factory=list)  # rule-set dependent: not scored
    persons: list[Person] = field(default_factory=list)
    expected: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Failure:
    """A planted insolvency a person was involved in: their bankruptcy history, as planted."""

    company: Company
    opened: date
    tier: str  # inOffice | leftShortlyBefore | leftLongerBefore


@dataclass(slots=True)
class World:
    """The planted part of the world (background companies are streamed, never held here)."""

    as_of: date
    companies: list[Company] = field(default_factory=list)
    disqualifications: list[Disqualification] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    # Companies that change in version 2 of the world (see update.py).
    future: dict[str, Company] = field(default_factory=dict)
    # Planted bankruptcy histories: person id -> the failures they were involved in.
    failures: dict[int, tuple[Person, list[Failure]]] = field(default_factory=dict)
