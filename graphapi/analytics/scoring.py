"""The firm's internal 1-5 client rating under a scoring profile (graph_schema/
scoring_profile.py; docs/credit.md): pure functions, no database.

Each family gives a score from 1 to 5, or says it has no data:
- registry: the registry rating (analytics/rating.py) from every signal except
  PAYMENT_BEHAVIOUR and the filed-accounts findings;
- payment: the profile's thresholds on how the client pays the firm (analytics/payment.py);
- financial: the strongest filed-accounts finding (1 when accounts are on file and show none);
- sector: the profile's score of the client's activity codes and ledger segment.

points = 1 + sum(weight x (score - 1)) over the families with data, capped at 5; the rating is
the highest whose threshold the points reach. Then, each said in the explanation: a registry
override (insolvent, sanctioned, disqualified director in office) forces 5, the registry
rating is a floor (a registry finding is never weighed down), and a client whose company is
unknown is rated at least `missing.unknown_company_at_least`. The policy of the
rating gives the longest payment terms, the credit limit (the current one times the factor)
and the date of the next review.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from graph_schema.ledger import CENT, Client, Invoice
from graph_schema.scoring_profile import FamilyName, PaymentFamily, ScoringProfile, SectorFamily
from graph_schema.signal_params import SignalParams
from graphapi.analytics.dates import add_months
from graphapi.analytics.model import CompanyFacts
from graphapi.analytics.payment import Behaviour, behaviour
from graphapi.analytics.rating import LABELS, Rating, is_override, rate
from graphapi.analytics.signals.model import Family, Signal

MAX_POINTS = 5.0
# Signals that are families of their own in the internal rating, not part of "registry".
OWN_FAMILIES = frozenset({Family.PAYMENT, Family.FINANCIAL})


@dataclass(frozen=True)
class ScoreInputs:
    """What the score reads of one client: its ledger, and its company's assessment."""

    client: Client
    invoices: tuple[Invoice, ...] = ()
    company: CompanyFacts | None = None  # None: not resolved to a registry company
    signals: tuple[Signal, ...] = ()  # the company's signals, every family
    has_accounts: bool = False  # filed accounts of the company are on the graph


class FamilyScore(BaseModel):
    """One family's part in a rating: its score (None: no data) and the points it added."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    family: FamilyName
    weight: float
    score: int | None
    points: float  # weight x (score - 1); 0 without data
    detail: str  # why this score, or what data is missing

    def line(self) -> str:
        if self.score is None:
            return f"{self.family.value}: no data ({self.detail}); adds nothing"
        return (
            f"{self.family.value}: {self.points:+.2f} points (score {self.score} x weight "
            f"{self.weight:g}): {self.detail}"
        )


class ClientPolicy(BaseModel):
    """What the rating means for the account under the profile."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    payment_terms_days: int  # the longest terms the rating allows (0: cash in advance)
    agreed_terms_days: int | None  # the client's terms in the ledger
    terms_days: int  # the terms to grant: the agreed ones, shortened to the policy's
    credit_limit_factor: float
    current_limit: Decimal | None
    credit_limit: Decimal | None  # current limit x factor (None without a current limit)
    currency: str | None
    review_months: int
    next_review_on: date


class ClientScore(BaseModel):
    """One client's internal rating, how each family moved it, and its policy."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    client: str  # key `<ledger>|<client id>`
    ledger: str
    client_id: str
    name: str | None
    company: str | None
    as_of: date
    rating: int
    label: str
    points: float  # 1 + the families' points, capped at 5
    families: tuple[FamilyScore, ...]  # every family of FamilyName, in its order
    adjustments: tuple[str, ...]  # overrides and floors applied after the points, said plainly
    policy: ClientPolicy
    profile: str  # the profile's name
    profile_digest: str

    @property
    def missing(self) -> tuple[FamilyName, ...]:
        return tuple(f.family for f in self.families if f.score is None)

    @property
    def moved_by(self) -> FamilyName | None:
        """The family that added the most points (None when none added any)."""
        best = max(self.families, key=lambda f: f.points)
        return best.family if best.points > 0 else None

    def family(self, name: FamilyName) -> FamilyScore:
        return next(f for f in self.families if f.family is name)

    def explanation(self) -> list[str]:
        head = (
            f"Rating {self.rating} ({self.label}): {self.points:.2f} points under profile "
            f"{self.profile} ({self.profile_digest}) as of {self.as_of}."
        )
        return [head, *(f.line() for f in self.families), *self.adjustments]


def registry_rating(
    signals: tuple[Signal, ...], company: CompanyFacts, as_of: date, params: SignalParams
) -> Rating:
    """The registry rating from every signal that is not a family of its own here."""
    return rate([s for s in signals if s.family not in OWN_FAMILIES], company, as_of, params)


def _family(name: FamilyName, weight: float, score: int | None, detail: str) -> FamilyScore:
    points = 0.0 if score is None else round(weight * (score - 1), 4)
    return FamilyScore(family=name, weight=weight, score=score, points=points, detail=detail)


def _registry(x: ScoreInputs, as_of: date, profile: ScoringProfile, params: SignalParams) -> tuple[
    FamilyScore, Rating | None
]:  # fmt: skip
    weight = profile.families.registry.weight
    if x.company is None:
        if x.client.company:  # resolved once, no longer in the graph
            detail = f"company unknown, {x.client.company} is not in the graph"
        else:
            how = x.client.resolution.value if x.client.resolution else "not resolved"
            why = f": {x.client.resolution_reason}" if x.client.resolution_reason else ""
            detail = f"company unknown, {how}{why}"
        return _family(FamilyName.REGISTRY, weight, None, detail), None
    rating = registry_rating(x.signals, x.company, as_of, params)
    detail = f"registry rating {rating.score} ({rating.label})"
    if rating.reasons:
        detail += ": " + " ".join(rating.reasons[:2])
        if len(rating.reasons) > 2:
            detail += f" (+{len(rating.reasons) - 2} more)"
    else:
        detail += ": no registry signal of severity 2 or more"
    return _family(FamilyName.REGISTRY, weight, rating.score, detail), rating


def _reached(value: float, thresholds: dict[int, float]) -> int:
    return max((s for s, t in thresholds.items() if value >= t), default=1)


def payment_score(b: Behaviour, p: PaymentFamily) -> tuple[int | None, str]:
    """The payment family's score from a client's behaviour (None: nothing to judge)."""
    parts: list[str] = []
    score: int | None = None
    terms = f"its {b.payment_terms_days}-day terms" if b.payment_terms_days else "its due dates"
    if b.days_beyond_terms is not None and len(b.late) >= p.min_items:
        dbt = float(b.days_beyond_terms)
        score = _reached(dbt, p.days_beyond_terms)
        parts.append(
            f"pays {dbt:g} days beyond {terms} on average (weighted by amount, {len(b.late)} "
            f"payments and overdue invoices in {p.window_days} days)"
        )
    gross = b.aged.gross
    over_60 = b.aged.buckets["61-90"] + b.aged.buckets["over_90"]
    if gross > 0 and over_60 >= Decimal(str(p.min_overdue_amount)):
        s60 = float(over_60 / gross)
        s90 = float(b.aged.buckets["over_90"] / gross)
        aged = max(_reached(s60, p.over_60_share), _reached(s90, p.over_90_share))
        score = max(score or 1, aged)
        parts.append(
            f"{s60:.0%} of the open balance more than 60 days overdue, {s90:.0%} more than 90"
        )
    if score is None:
        return None, (
            f"fewer than {p.min_items} payments or overdue invoices in {p.window_days} days"
        )
    return score, "; ".join(parts)


def _payment(x: ScoreInputs, as_of: date, profile: ScoringProfile) -> FamilyScore:
    p = profile.families.payment
    b = behaviour(x.client, x.invoices, as_of, window_days=p.window_days, quarters=1)
    score, detail = payment_score(b, p)
    return _family(FamilyName.PAYMENT, p.weight, score, detail)


def _financial(x: ScoreInputs, profile: ScoringProfile) -> FamilyScore:
    weight = profile.families.financial.weight
    found = sorted(
        (s for s in x.signals if s.family is Family.FINANCIAL), key=lambda s: -s.severity
    )
    if found:
        top = found[0]
        more = f" (+{len(found) - 1} more)" if len(found) > 1 else ""
        detail = f"{top.kind.value}, severity {top.severity}: {top.summary}{more}"
        return _family(FamilyName.FINANCIAL, weight, top.severity, detail)
    if x.has_accounts:
        return _family(FamilyName.FINANCIAL, weight, 1, "filed accounts show no finding")
    return _family(FamilyName.FINANCIAL, weight, None, "no filed accounts on the graph")


def sector_score(
    codes: tuple[str, ...], segment: str | None, s: SectorFamily
) -> tuple[int | None, str]:
    """The highest score among the activity codes (longest listed prefix) and the segment."""
    found: list[tuple[int, str]] = []
    for code in codes:
        prefixes = [p for p in s.activity_codes if code.startswith(p)]
        if prefixes:
            best = max(prefixes, key=len)
            found.append((s.activity_codes[best], f"activity {code} (listed as {best})"))
    if segment and segment in s.segments:
        found.append((s.segments[segment], f"segment {segment}"))
    if not found:
        listed = ", ".join([*codes, *([f"segment {segment}"] if segment else [])]) or "none"
        return None, f"no listed sector (activity codes and segment: {listed})"
    score, why = max(found)
    return score, why


def _sector(x: ScoreInputs, profile: ScoringProfile) -> FamilyScore:
    s = profile.families.sector
    codes = x.company.activity_codes if x.company else ()
    score, detail = sector_score(codes, x.client.segment, s)
    return _family(FamilyName.SECTOR, s.weight, score, detail)


def _policy(x: ScoreInputs, rating: int, as_of: date, profile: ScoringProfile) -> ClientPolicy:
    p = profile.policy[rating]
    agreed = x.client.payment_terms_days
    limit = x.client.credit_limit
    factor = Decimal(str(p.credit_limit_factor))
    return ClientPolicy(
        payment_terms_days=p.payment_terms_days,
        agreed_terms_days=agreed,
        terms_days=p.payment_terms_days if agreed is None else min(agreed, p.payment_terms_days),
        credit_limit_factor=p.credit_limit_factor,
        current_limit=limit,
        credit_limit=None if limit is None else (limit * factor).quantize(CENT),
        currency=x.client.currency,
        review_months=p.review_months,
        next_review_on=add_months(as_of, p.review_months),
    )


def score_client(
    x: ScoreInputs, as_of: date, profile: ScoringProfile, params: SignalParams | None = None
) -> ClientScore:
    """One client's internal rating under `profile` at `as_of`."""
    params = params or SignalParams()
    registry, reg_rating = _registry(x, as_of, profile, params)
    families = (registry, _payment(x, as_of, profile), _financial(x, profile), _sector(x, profile))
    points = round(min(MAX_POINTS, 1 + sum(f.points for f in families)), 2)
    rating = profile.rating_for(points)
    adjustments: list[str] = []
    overrides = tuple(dict.fromkeys(s.kind.value for s in x.signals if is_override(s)))
    if overrides and profile.families.registry.overrides_force_very_high and rating < 5:
        adjustments.append(
            f"Registry override ({', '.join(overrides)}): rating raised from {rating} to 5."
        )
        rating = 5
    reg = registry.score
    if profile.families.registry.rating_at_least_registry and reg is not None and reg > rating:
        adjustments.append(
            f"Registry rating {reg} ({LABELS[reg]}) is a floor: rating raised from {rating} to "
            f"{reg}."
        )
        rating = reg
    floor = profile.missing.unknown_company_at_least
    if x.company is None and rating < floor:
        adjustments.append(
            f"Company unknown: rating raised from {rating} to {floor} ({LABELS[floor]}) until "
            "the client is identified in the registers."
        )
        rating = floor
    if reg_rating is not None and reg_rating.score == 1 and x.company is not None:
        if x.company.incorporated_on is None and not x.signals:
            adjustments.append("Registry data thin: incorporation date unknown, no signal.")
    return ClientScore(
        client=x.client.key,
        ledger=x.client.ledger,
        client_id=x.client.client_id,
        name=x.client.name,
        company=x.client.company,
        as_of=as_of,
        rating=rating,
        label=LABELS[rating],
        points=points,
        families=families,
        adjustments=tuple(adjustments),
        policy=_policy(x, rating, as_of, profile),
        profile=profile.name,
        profile_digest=profile.digest,
    )
