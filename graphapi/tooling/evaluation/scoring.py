"""Precision and recall per signal kind against a generator's planted ground truth (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class KindScore:
    kind: str
    positives: int  # planted companies that must be flagged
    flagged: int  # scored companies we flagged (unscored ones left out)
    true_positives: int
    false_positives: list[str]
    missed: list[str]

    @property
    def precision(self) -> float:
        return self.true_positives / self.flagged if self.flagged else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.positives if self.positives else 1.0


@dataclass
class Evaluation:
    kinds: list[KindScore] = field(default_factory=list)
    clean: int = 0
    clean_rated_3_plus: list[str] = field(default_factory=list)
    companies: int = 0

    @property
    def clean_high_share(self) -> float:
        return len(self.clean_rated_3_plus) / self.clean if self.clean else 0.0

    def meets(self, precision: float = 0.95, recall: float = 0.90, clean: float = 0.01) -> bool:
        return self.clean_high_share <= clean and all(
            k.precision >= precision and k.recall >= recall for k in self.kinds
        )

    def table(self) -> str:
        lines = [
            f"{'signal kind':28} {'planted':>7} {'flagged':>7} {'TP':>5} "
            f"{'precision':>9} {'recall':>7}"
        ]
        for k in self.kinds:
            lines.append(
                f"{k.kind:28} {k.positives:7d} {k.flagged:7d} {k.true_positives:5d} "
                f"{k.precision:9.3f} {k.recall:7.3f}"
            )
        lines.append(
            f"clean companies rated >= 3: {len(self.clean_rated_3_plus)} of {self.clean} "
            f"({self.clean_high_share:.2%}); companies assessed: {self.companies}"
        )
        return "\n".join(lines)


def score(
    truth: Mapping[str, Any],
    flagged: Mapping[str, set[str]],
    ratings: Mapping[str, int],
) -> Evaluation:
    """`flagged`: signal kind -> companies with that signal; `ratings`: company -> score."""
    result = Evaluation(companies=len(ratings))
    for kind, spec in sorted(truth["signals"].items()):
        positives = set(spec["positives"])
        unscored = set(spec.get("unscored", []))
        found = set(flagged.get(kind, set())) - unscored
        tp = found & positives
        result.kinds.append(
            KindScore(
                kind=kind,
                positives=len(positives),
                flagged=len(found),
                true_positives=len(tp),
                false_positives=sorted(found - positives),
                missed=sorted(positives - found),
            )
        )
    clean = [c for c in truth["clean"] if c in ratings]
    result.clean = len(clean)
    result.clean_rated_3_plus = sorted(c for c in clean if ratings[c] >= 3)
    return result
