"""Signals: what a rule found, how severe, in one sentence, with evidence paths and parameters."""

from __future__ import annotations

import datetime as dt
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from graphapi.analytics.dates import add_months
from graphapi.analytics.model import SourceRef
from graphapi.analytics.ubo.owners import UboRules

ParamValue = str | int | float | bool | None


class SignalKind(StrEnum):
    COMPANY_INSOLVENT = "COMPANY_INSOLVENT"
    DIRECTOR_PAST_BANKRUPTCIES = "DIRECTOR_PAST_BANKRUPTCIES"
    DISQUALIFIED_DIRECTOR = "DISQUALIFIED_DIRECTOR"
    LATE_DIRECTOR_CHANGE = "LATE_DIRECTOR_CHANGE"
    HIDDEN_CONTROLLER = "HIDDEN_CONTROLLER"
    FRONT_PERSON = "FRONT_PERSON"
    UBO_DISCREPANCY = "UBO_DISCREPANCY"
    NO_UBO_FOUND = "NO_UBO_FOUND"
    CIRCULAR_OWNERSHIP = "CIRCULAR_OWNERSHIP"
    PHOENIX_SUCCESSOR = "PHOENIX_SUCCESSOR"
    DORMANT_REACTIVATION = "DORMANT_REACTIVATION"
    MASS_REGISTRATION_ADDRESS = "MASS_REGISTRATION_ADDRESS"
    SANCTIONED = "SANCTIONED"
    SANCTIONED_OWNERSHIP = "SANCTIONED_OWNERSHIP"
    SANCTION_LINKED = "SANCTION_LINKED"
    DEBARRED = "DEBARRED"
    COUNTER_SANCTIONED = "COUNTER_SANCTIONED"
    PEP = "PEP"


class Family(StrEnum):
    """Independent evidence families of the rating (docs/analytics.md §Rating): agreement
    across families adds 1."""

    HISTORY = "history"
    CONCEALMENT = "concealment"
    SUCCESSION = "succession"
    NETWORK = "network"
    COMPLIANCE = "compliance"


FAMILY: dict[SignalKind, Family] = {
    SignalKind.COMPANY_INSOLVENT: Family.HISTORY,
    SignalKind.DIRECTOR_PAST_BANKRUPTCIES: Family.HISTORY,
    SignalKind.LATE_DIRECTOR_CHANGE: Family.HISTORY,
    SignalKind.DISQUALIFIED_DIRECTOR: Family.HISTORY,
    SignalKind.FRONT_PERSON: Family.CONCEALMENT,
    SignalKind.HIDDEN_CONTROLLER: Family.CONCEALMENT,
    SignalKind.UBO_DISCREPANCY: Family.CONCEALMENT,
    SignalKind.NO_UBO_FOUND: Family.CONCEALMENT,
    SignalKind.CIRCULAR_OWNERSHIP: Family.CONCEALMENT,
    SignalKind.PHOENIX_SUCCESSOR: Family.SUCCESSION,
    SignalKind.DORMANT_REACTIVATION: Family.SUCCESSION,
    SignalKind.MASS_REGISTRATION_ADDRESS: Family.NETWORK,
    SignalKind.SANCTIONED: Family.COMPLIANCE,
    SignalKind.SANCTIONED_OWNERSHIP: Family.COMPLIANCE,
    SignalKind.SANCTION_LINKED: Family.COMPLIANCE,
    SignalKind.DEBARRED: Family.COMPLIANCE,
    SignalKind.COUNTER_SANCTIONED: Family.COMPLIANCE,
    SignalKind.PEP: Family.COMPLIANCE,
}


class EvidenceHop(BaseModel):
    """One relationship of an evidence path: node keys and names, type, dates, provenance."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    src: str
    src_name: str | None = None
    rel_type: str  # DIRECTOR_OF | OWNS | CONTROLS | HAS_EVENT | DISQUALIFIED | REGISTERED_AT …
    dst: str
    dst_name: str | None = None
    start: date | None = None
    end: date | None = None
    detail: str | None = None  # role, share, event kind, ban authority
    ref: SourceRef = SourceRef()


class EvidencePath(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    description: str
    hops: tuple[EvidenceHop, ...]


class Signal(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    kind: SignalKind
    severity: int = Field(ge=1, le=5)
    summary: str
    entities: tuple[str, ...]
    evidence: tuple[EvidencePath, ...] = ()
    params: dict[str, ParamValue] = Field(default_factory=dict)
    date: dt.date | None = None  # the most recent dated fact behind the signal (recency order)

    @property
    def family(self) -> Family:
        return FAMILY[self.kind]


class SignalParams(BaseModel):
    """Every threshold of every rule; docs/analytics.md §Parameters and defaults documents each
    one (a unit test checks it)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    ubo: UboRules = UboRules()
    # §DIRECTOR_PAST_BANKRUPTCIES: window after leaving, counting horizon, "shortly before" tier.
    window_months: int = 36
    horizon_months: int = 60
    left_shortly_months: int = 12
    # §DISQUALIFIED_DIRECTOR: a ban that ended this recently still counts (severity 3).
    ban_recent_months: int = 60
    # §LATE_DIRECTOR_CHANGE: role ended or started within this many months before t.
    late_change_months: int = 12
    # §HIDDEN_CONTROLLER: effective ownership that counts as a stake (percent).
    hidden_owner_threshold: float = 25.0
    # §FRONT_PERSON indicators.
    front_age_min: int = 21
    front_age_max: int = 75
    front_burst_count: int = 5
    front_burst_months: int = 12
    front_concurrent: int = 10
    front_failures: int = 2
    front_failure_months: int = 24
    front_replacement_days: int = 90
    front_owner_share: float = 50.0
    # §PHOENIX_SUCCESSOR: successor incorporated within +/- this window of the insolvency.
    phoenix_window_months: int = 12
    phoenix_name_jaccard: float = 0.6
    phoenix_prior_trading_months: int = 12
    # §MASS_REGISTRATION_ADDRESS.
    mass_min_active: int = 20
    mass_national_p999: int | None = None  # national 99.9th percentile, when known
    mass_new_share: float = 0.5
    mass_fail_multiple: float = 3.0
    national_fail_rate: float | None = None  # national 24-month failure rate, when known
    # §DORMANT_REACTIVATION.
    dormancy_months: int = 24
    reactivation_window_months: int = 6
    reactivation_insolvency_months: int = 12
    # §Rating: young companies (established_months is accepted but no rule reads it).
    young_company_months: int = 18
    established_months: int = 36
    # §Topics and what they mean: FollowTheMoney topics: only `sanction`
    # is a designation; linked, debarred and counter-sanctioned entities are other findings.
    sanction_topics: tuple[str, ...] = ("sanction",)
    sanction_ownership_topics: tuple[str, ...] = ("sanction.control",)
    sanction_linked_topics: tuple[str, ...] = ("sanction.linked",)
    debarment_topics: tuple[str, ...] = ("debarment",)
    counter_sanction_topics: tuple[str, ...] = ("sanction.counter",)
    pep_topics: tuple[str, ...] = ("role.pep", "role.pep.natl", "role.pep.intl", "role.pep.frmr")
    rca_topics: tuple[str, ...] = ("role.rca",)
    # Owned this much or more, alone or together, by sanctioned parties: blocked as they are
    # (OFAC's 50 % rule; the EU's "owned or controlled" guidance).
    sanction_ownership_threshold: float = 50.0
    # Belgian and similar legal forms whose BOs are role based (§NO_UBO_FOUND).
    nonprofit_forms: tuple[str, ...] = (
        "asbl",
        "vzw",
        "aisbl",
        "ivzw",
        "stichting",
        "foundation",
        "fondation",
        "trust",
        "fondazione",
    )


def decay(severity: int, when: date | None, as_of: date, horizon_months: int) -> int:
    """Evidence older than the look-back horizon is shown but contributes severity <= 1."""
    if when is not None and when < add_months(as_of, -horizon_months):
        return 1
    return severity
