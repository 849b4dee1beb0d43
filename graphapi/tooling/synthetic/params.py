"""Detection parameters the generator plants against (defaults from docs detection.md).

One place so that planted cases and the analytics agree on windows and thresholds. The analytics
may not import `loaders` (architecture test), so they mirror these values in their own settings;
`ground_truth.json` repeats them under "params" so an evaluation can check that both agree.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

DEFAULT_AS_OF = date(2026, 6, 30)


@dataclass(frozen=True)
class DetectionParams:
    # DIRECTOR_PAST_BANKRUPTCIES: insolvency during the mandate or up to this long after it.
    window_months: int = 36
    # Only insolvencies in the last `horizon_months` count as cases.
    horizon_months: int = 60
    # LATE_DIRECTOR_CHANGE: a director leaving or arriving this long before the insolvency.
    late_change_months: int = 12
    # FRONT_PERSON: nominee appointed at most this many days after a failed director left.
    front_person_days: int = 90
    front_person_young: int = 21
    front_person_old: int = 75
    # PHOENIX_SUCCESSOR: incorporation within +-this many months of the insolvency.
    phoenix_months: int = 12
    phoenix_min_features: int = 2
    phoenix_name_jaccard: float = 0.6
    # MASS_REGISTRATION_ADDRESS.
    mass_address_min_active: int = 20
    mass_address_new_share: float = 0.5
    mass_address_new_months: int = 24
    # DORMANT_REACTIVATION.
    dormant_min_accounts: int = 2
    reactivation_window_months: int = 6
    # UBO maths: UK PSC rule (strictly more than 25 %).
    ubo_threshold_percent: float = 25.0
    ubo_threshold_strict: bool = True

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


PARAMS = DetectionParams()
