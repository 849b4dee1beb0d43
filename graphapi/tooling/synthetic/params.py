"""The windows and thresholds the generator derives its ground truth with.

They must equal the analytics' defaults (`SignalParams`, docs/analytics.md §Parameters and
defaults), or the evaluation would score the rules against another definition: a unit test
checks that they do. `ground_truth.json` repeats them under "params".
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
    # PHOENIX_SUCCESSOR: incorporation within +-this many months of the insolvency.
    phoenix_months: int = 12
    phoenix_min_features: int = 2
    phoenix_name_jaccard: float = 0.6
    # HIDDEN_CONTROLLER: a direct stake of at least this percentage makes a person a controller.
    ubo_threshold_percent: float = 25.0

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


PARAMS = DetectionParams()
