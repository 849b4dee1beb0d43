"""The 1-5 risk rating (docs/analytics.md §Rating): the strongest signal, one step more when strong
signals agree across independent families, overrides, and age floors."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from graph_schema.signal_params import SignalParams
from graphapi.analytics.coverage import Coverage
from graphapi.analytics.dates import months_between
from graphapi.analytics.model import CompanyFacts
from graphapi.analytics.signals.model import Family, Signal, SignalKind

LABELS = {1: "very low", 2: "low", 3: "moderate", 4: "high", 5: "very high"}
INSUFFICIENT = "insufficient data"


class Rating(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    score: int
    label: str
    reasons: tuple[str, ...]  # one sentence per contributing signal, strongest and newest first
    families: tuple[Family, ...]  # families with a signal of severity >= 3
    overrides: tuple[SignalKind, ...]
    agreement_bonus: bool
    # Too little known to judge (analytics/coverage.py): the label says so instead of "very
    # low" or "low", and `missing` what would be needed; the score stays as computed.
    insufficient_data: bool = False
    missing: tuple[str, ...] = ()


def is_override(signal: Signal) -> bool:
    if signal.kind in (
        SignalKind.COMPANY_INSOLVENT,
        SignalKind.SANCTIONED,
        SignalKind.SANCTIONED_OWNERSHIP,
    ):
        return True
    return (
        signal.kind == SignalKind.DISQUALIFIED_DIRECTOR and signal.params.get("in_office") is True
    )


def _reason(signal: Signal) -> str:
    params = ", ".join(f"{k}={v}" for k, v in sorted(signal.params.items()) if v is not None)
    return f"{signal.summary} [{signal.kind.value}, severity {signal.severity}; {params}]"


def rate(
    signals: list[Signal],
    company: CompanyFacts,
    as_of: date,
    params: SignalParams | None = None,
    coverage: Coverage | None = None,
) -> Rating:
    params = params or SignalParams()
    strong_families = sorted({s.family for s in signals if s.severity >= 3})
    score = max((s.severity for s in signals), default=1)
    bonus = len(strong_families) >= 2 and score < 5
    if bonus:
        score += 1
    overrides = tuple(dict.fromkeys(s.kind for s in signals if is_override(s)))
    if overrides:
        score = 5
    contributing = sorted(
        (s for s in signals if s.severity >= 2),
        key=lambda s: (-s.severity, -(s.date or date.min).toordinal()),
    )
    reasons = [_reason(s) for s in contributing]
    inc = company.incorporated_on
    if inc is not None and months_between(inc, as_of) < params.young_company_months:
        if score < 2:
            score = 2
        reasons.append(
            f"Young company: incorporated on {inc}, less than "
            f"{params.young_company_months} months before {as_of} [rating >= 2]."
        )
    if bonus:
        reasons.append(
            "Signals of severity >= 3 from "
            + ", ".join(f.value for f in strong_families)
            + " agree: rating raised by one."
        )
    if score == 1 and inc is None:
        reasons.append("Incorporation date unknown: data incomplete.")
    # Adverse facts speak for themselves (a sanction, an insolvency); the absence of any is
    # only worth something when enough is known.
    insufficient = coverage is not None and not coverage.sufficient and score < 3
    if insufficient and coverage is not None:
        reasons.insert(
            0,
            "Insufficient data to judge: no " + ", no ".join(coverage.missing) + " in the data "
            "loaded; the absence of adverse signals says little.",
        )
    return Rating(
        score=score,
        label=INSUFFICIENT if insufficient else LABELS[score],
        insufficient_data=insufficient,
        missing=coverage.missing if coverage is not None else (),
        reasons=tuple(reasons),
        families=tuple(strong_families),
        overrides=overrides,
        agreement_bonus=bonus,
    )
