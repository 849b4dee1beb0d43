"""The in-memory world: companies, persons, mandates, holdings, declarations and events.

Plain dataclasses; the writers turn them into the public formats and `truth` reads them to
derive the ground truth. Dates are `datetime.date`; shares are percentages (0-100).
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
    """A direct shareholding of `holder` in the company that lists it (BODS, never summed PSC)."""

    holder: Person | Company
    share: Share
    start: date
    end: date | None = None


@dataclass(slots=True)
class Psc:
    """A person with significant control as declared on the Companies House register."""

    holder: Person | Company
    natures: list[str]
    notified: date
    ceased: date | None = None


@dataclass(slots=True)
class Insolvency:
    case_type: str  # insolvency_case_type enumeration value
    opened: date  # the date that counts: wound-up-on / administration-started-on
    dates: list[tuple[str, date]]
    practitioners: list[tuple[str, date]] = field(default_factory=list)


@dataclass(slots=True)
class Filing:
    category: str
    type: str
    date: date
    description: str
    values: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
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
    psc_statement: str | None = None  # e.g. no-individual-or-entity-with-signficant-control

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
    """One planted case: what must be flagged, and why (goes into ground_truth.json)."""

    case_id: str
    kind: str
    positives: list[str]  # company keys that must be flagged for `kind`
    description: str
    hard_negatives: list[str] = field(default_factory=list)
    max_severity: int = 0  # for hard negatives: the highest severity still acceptable
    # For positives that must be flagged at no more than this severity (e.g. widely held
    # companies, intra-group cycles): "clean enough" for the rating calibration.
    severity_cap: int | None = None
    unscored: list[str] = field(default_factory=list)  # rule-set dependent: not scored
    persons: list[Person] = field(default_factory=list)
    expected: dict[str, object] = field(default_factory=dict)


@dataclass(slots=True)
class World:
    """The planted part of the world (background companies are streamed, never held here)."""

    as_of: date
    companies: list[Company] = field(default_factory=list)
    disqualifications: list[Disqualification] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    # Companies that change in version 2 of the world (see update.py).
    future: dict[str, Company] = field(default_factory=dict)
