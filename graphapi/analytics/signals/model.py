"""Signals: what a rule found, how severe, in one sentence, with evidence paths and parameters."""

from __future__ import annotations

import datetime as dt
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from graph_schema.labels import RelType
from graphapi.analytics.dates import add_months
from graphapi.analytics.model import SourceRef

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
    UBO_REGISTER_STATEMENT = "UBO_REGISTER_STATEMENT"
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
    # From filed accounts: FINANCIAL_KINDS.
    NEGATIVE_EQUITY = "NEGATIVE_EQUITY"
    LOW_SOLVENCY = "LOW_SOLVENCY"
    HIGH_GEARING = "HIGH_GEARING"
    CONSECUTIVE_LOSSES = "CONSECUTIVE_LOSSES"
    HEADCOUNT_DROP = "HEADCOUNT_DROP"
    TURNOVER_DROP = "TURNOVER_DROP"
    ACCOUNTS_OVERDUE = "ACCOUNTS_OVERDUE"
    DEPOSIT_MISSING = "DEPOSIT_MISSING"
    REACTIVATED_AFTER_DORMANT = "REACTIVATED_AFTER_DORMANT"
    # From the firm's own ledger: how the client pays us.
    PAYMENT_BEHAVIOUR = "PAYMENT_BEHAVIOUR"


class Family(StrEnum):
    """Independent evidence families of the rating (docs/analytics.md §Rating): agreement
    across families adds 1."""

    HISTORY = "history"
    CONCEALMENT = "concealment"
    SUCCESSION = "succession"
    NETWORK = "network"
    COMPLIANCE = "compliance"
    FINANCIAL = "financial"  # filed accounts: the company's own figures and filing record
    PAYMENT = "payment"  # the firm's own ledger: how the client pays us


FAMILY: dict[SignalKind, Family] = {
    SignalKind.COMPANY_INSOLVENT: Family.HISTORY,
    SignalKind.DIRECTOR_PAST_BANKRUPTCIES: Family.HISTORY,
    SignalKind.LATE_DIRECTOR_CHANGE: Family.HISTORY,
    SignalKind.DISQUALIFIED_DIRECTOR: Family.HISTORY,
    SignalKind.FRONT_PERSON: Family.CONCEALMENT,
    SignalKind.HIDDEN_CONTROLLER: Family.CONCEALMENT,
    SignalKind.UBO_DISCREPANCY: Family.CONCEALMENT,
    SignalKind.NO_UBO_FOUND: Family.CONCEALMENT,
    SignalKind.UBO_REGISTER_STATEMENT: Family.CONCEALMENT,
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
    SignalKind.NEGATIVE_EQUITY: Family.FINANCIAL,
    SignalKind.LOW_SOLVENCY: Family.FINANCIAL,
    SignalKind.HIGH_GEARING: Family.FINANCIAL,
    SignalKind.CONSECUTIVE_LOSSES: Family.FINANCIAL,
    SignalKind.HEADCOUNT_DROP: Family.FINANCIAL,
    SignalKind.TURNOVER_DROP: Family.FINANCIAL,
    SignalKind.ACCOUNTS_OVERDUE: Family.FINANCIAL,
    SignalKind.DEPOSIT_MISSING: Family.FINANCIAL,
    SignalKind.REACTIVATED_AFTER_DORMANT: Family.FINANCIAL,
    SignalKind.PAYMENT_BEHAVIOUR: Family.PAYMENT,
}
# The kinds graphapi/analytics/financials/findings.py finds in filed accounts.
FINANCIAL_KINDS = frozenset(k for k, f in FAMILY.items() if f is Family.FINANCIAL)


class EvidenceHop(BaseModel):
    """One relationship of an evidence path: node keys and names, type, dates, provenance."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    src: str
    src_name: str | None = None
    rel_type: RelType
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


def decay(severity: int, when: date | None, as_of: date, horizon_months: int) -> int:
    """Evidence older than the look-back horizon is shown but contributes severity <= 1."""
    if when is not None and when < add_months(as_of, -horizon_months):
        return 1
    return severity
