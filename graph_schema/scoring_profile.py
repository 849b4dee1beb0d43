"""The scoring profile: how the firm's internal 1-5 client rating is made, and what each rating
means for the account (payment terms, credit limit factor, review interval).

A YAML file the firm tunes; the default ships beside this module (`scoring_profile.yaml`) and
docs/credit.md explains it line by line. `load_profile` validates a file and raises one
`ProfileError` naming every field at fault (`families.payment.weight: ...`). The scoring itself
is graphapi/analytics/scoring.py; `duegraph ledger score --profile FILE` re-scores with it.

A profile's `digest` is a hash of what it says (not of its comments or layout), stored with
every rating so a rating always names the profile that made it.
"""

from __future__ import annotations

import hashlib
import json
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from graph_schema.errors import InvalidInput

DEFAULT_PROFILE = Path(__file__).with_name("scoring_profile.yaml")
RATINGS = (1, 2, 3, 4, 5)
Weight = Annotated[float, Field(ge=0, le=10)]
Share = Annotated[float, Field(ge=0, le=1)]


class ProfileError(InvalidInput):
    """A scoring profile that cannot be used: the file, and each field at fault with why."""


class FamilyName(StrEnum):
    """The families that feed the internal rating, in the order explanations list them."""

    REGISTRY = "registry"
    PAYMENT = "payment"
    FINANCIAL = "financial"
    SECTOR = "sector"


def _score_thresholds(value: dict[int, float], lowest: int = 2) -> dict[int, float]:
    """A map family score -> threshold: scores within lowest..5, thresholds rising with them."""
    bad = sorted(k for k in value if k not in range(lowest, 6))
    if bad:
        raise ValueError(f"scores must be between {lowest} and 5, got {bad[0]}")
    ordered = sorted(value.items())
    for (k1, v1), (k2, v2) in zip(ordered, ordered[1:], strict=False):
        if v2 <= v1:
            raise ValueError(
                f"thresholds must rise with the score: {k2} needs more than {k1} ({v2:g} <= {v1:g})"
            )
    return dict(ordered)


class Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RegistryFamily(Strict):
    weight: Weight = 1.0
    overrides_force_very_high: bool = True
    # A registry finding is never weighed down: the rating is at least the registry rating.
    rating_at_least_registry: bool = True


class PaymentFamily(Strict):
    weight: Weight = 0.75
    window_days: int = Field(default=365, ge=30, le=3660)
    min_items: int = Field(default=3, ge=1)
    days_beyond_terms: dict[int, Annotated[float, Field(ge=0)]] = {2: 10, 3: 30, 4: 45, 5: 90}
    over_60_share: dict[int, Share] = {3: 0.25, 4: 0.5}
    over_90_share: dict[int, Share] = {4: 0.25, 5: 0.5}
    min_overdue_amount: float = Field(default=500.0, ge=0)

    @field_validator("days_beyond_terms", "over_60_share", "over_90_share")
    @classmethod
    def _thresholds(cls, v: dict[int, float]) -> dict[int, float]:
        return _score_thresholds(v)


class FinancialFamily(Strict):
    weight: Weight = 0.5


class SectorFamily(Strict):
    weight: Weight = 0.25
    # Registry activity code prefixes ("SIC:41", "NACE:43") and the ledger's segments -> score.
    activity_codes: dict[str, Annotated[int, Field(ge=1, le=5)]] = {}
    segments: dict[str, Annotated[int, Field(ge=1, le=5)]] = {}

    @field_validator("activity_codes")
    @classmethod
    def _codes(cls, v: dict[str, int]) -> dict[str, int]:
        for code in v:
            scheme, _, prefix = code.partition(":")
            if not scheme or not prefix:
                raise ValueError(f"an activity code is SCHEME:PREFIX (e.g. SIC:41), got {code!r}")
        return v


class Families(Strict):
    registry: RegistryFamily = RegistryFamily()
    payment: PaymentFamily = PaymentFamily()
    financial: FinancialFamily = FinancialFamily()
    sector: SectorFamily = SectorFamily()

    def weight(self, family: FamilyName) -> float:
        w: float = getattr(self, family.value).weight
        return w


class Missing(Strict):
    unknown_company_at_least: int = Field(default=3, ge=1, le=5)


class Policy(Strict):
    """What one rating means for the account."""

    payment_terms_days: int = Field(ge=0, le=365)
    credit_limit_factor: float = Field(ge=0, le=10)
    review_months: int = Field(ge=1, le=60)


class ScoringProfile(Strict):
    name: str = Field(min_length=1, max_length=80)
    families: Families = Families()
    ratings: dict[int, Annotated[float, Field(gt=1, le=5)]]
    missing: Missing = Missing()
    policy: dict[int, Policy]

    @field_validator("ratings")
    @classmethod
    def _ratings(cls, v: dict[int, float]) -> dict[int, float]:
        missing = [r for r in RATINGS[1:] if r not in v]
        if missing:
            raise ValueError(f"give the points needed for every rating 2-5; missing {missing[0]}")
        return _score_thresholds(v)

    @field_validator("policy")
    @classmethod
    def _policy(cls, v: dict[int, Policy]) -> dict[int, Policy]:
        extra = sorted(k for k in v if k not in RATINGS)
        if extra:
            raise ValueError(f"ratings are 1-5, got {extra[0]}")
        missing = [r for r in RATINGS if r not in v]
        if missing:
            raise ValueError(f"give the policy of every rating 1-5; missing {missing[0]}")
        ordered = [v[r] for r in RATINGS]
        for r, (a, b) in enumerate(zip(ordered, ordered[1:], strict=False), start=1):
            if b.payment_terms_days > a.payment_terms_days:
                raise ValueError(f"rating {r + 1} grants longer payment terms than rating {r}")
            if b.credit_limit_factor > a.credit_limit_factor:
                raise ValueError(f"rating {r + 1} has a larger credit limit factor than rating {r}")
            if b.review_months > a.review_months:
                raise ValueError(f"rating {r + 1} is reviewed less often than rating {r}")
        return dict(sorted(v.items()))

    @model_validator(mode="after")
    def _some_weight(self) -> ScoringProfile:
        if not any(self.families.weight(f) > 0 for f in FamilyName):
            raise ValueError("families: at least one family needs a weight above 0")
        return self

    @property
    def digest(self) -> str:
        """12 hex digits of SHA-256 over what the profile says (comments and layout aside)."""
        text = json.dumps(self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()[:12]

    def rating_for(self, points: float) -> int:
        """The highest rating whose threshold `points` reach (1 when none)."""
        return max((r for r, t in self.ratings.items() if points >= t), default=1)


def _where(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(p) for p in loc)


def _message(e: Any) -> str:
    msg = str(e["msg"])
    if e["type"] == "extra_forbidden":
        return "unknown field (check its spelling against docs/credit.md)"
    if e["type"] == "missing":
        return "required"
    return msg.removeprefix("Value error, ")


def parse_profile(data: Any, source: str = "profile") -> ScoringProfile:
    """Validate an already parsed document; ProfileError names every field at fault."""
    if not isinstance(data, dict):
        raise ProfileError(f"scoring profile {source}: expected a mapping of fields, got "
                           f"{type(data).__name__}", "profile")  # fmt: skip
    try:
        return ScoringProfile.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        lines = "; ".join(
            f"{_where(e['loc'])}: {_message(e)}" if e["loc"] else _message(e) for e in errors
        )
        field = _where(errors[0]["loc"]) or "profile"
        raise ProfileError(f"scoring profile {source}: {lines}", field) from None


def load_profile(path: Path | None = None) -> ScoringProfile:
    """The profile in `path` (the shipped default when None)."""
    if path is None:
        return default_profile()
    return _load(path)


def _load(path: Path) -> ScoringProfile:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ProfileError(f"scoring profile {path}: cannot read it ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ProfileError(f"scoring profile {path}: not UTF-8 text") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "not YAML"
        raise ProfileError(f"scoring profile {path}: not valid YAML{where}: {problem}") from None
    return parse_profile(data, str(path))


@cache
def default_profile() -> ScoringProfile:
    """The profile that ships with duegraph (graph_schema/scoring_profile.yaml)."""
    return _load(DEFAULT_PROFILE)
