"""Precision, recall and severity per signal kind against a generator's plan (pure).

The ground truth is what the generator planted: per kind, the companies that must be flagged
and the severity each must get, the hard negatives with the highest severity they may get,
and what is left unscored. A hard negative flagged above its ceiling counts as a false
positive; at or under it, it is allowed (e.g. a widely held company at severity 2). Severity
is scored on the true positives: flagged exactly at the planted severity.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class EvaluationError(ValueError):
    """The world cannot be scored (e.g. no clean company to measure the rating on)."""


@dataclass(frozen=True)
class KindScore:
    kind: str
    positives: int  # planted companies that must be flagged
    flagged: int  # scored companies we flagged (unscored and allowed hard negatives left out)
    true_positives: int
    false_positives: list[str]
    missed: list[str]
    severity_right: int = 0  # true positives flagged at exactly the planted severity
    severity_wrong: list[str] = field(default_factory=list)  # "company: planted -> found"

    @property
    def precision(self) -> float:
        return self.true_positives / self.flagged if self.flagged else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.positives if self.positives else 1.0

    @property
    def severity_agreement(self) -> float:
        return self.severity_right / self.true_positives if self.true_positives else 1.0


@dataclass
class Evaluation:
    kinds: list[KindScore] = field(default_factory=list)
    clean: int = 0
    clean_rated_3_plus: list[str] = field(default_factory=list)
    companies: int = 0

    @property
    def clean_high_share(self) -> float:
        if not self.clean:
            raise EvaluationError("no clean company was assessed: the share cannot be measured")
        return len(self.clean_rated_3_plus) / self.clean

    def meets(
        self,
        precision: float = 0.95,
        recall: float = 0.90,
        clean: float = 0.01,
        severity: float = 0.90,
    ) -> bool:
        return self.clean_high_share <= clean and all(
            k.precision >= precision and k.recall >= recall and k.severity_agreement >= severity
            for k in self.kinds
        )

    def table(self) -> str:
        lines = [
            f"{'signal kind':28} {'planted':>7} {'flagged':>7} {'TP':>5} "
            f"{'precision':>9} {'recall':>7} {'severity':>8}"
        ]
        for k in self.kinds:
            lines.append(
                f"{k.kind:28} {k.positives:7d} {k.flagged:7d} {k.true_positives:5d} "
                f"{k.precision:9.3f} {k.recall:7.3f} {k.severity_agreement:8.3f}"
            )
        lines.append(
            f"clean companies rated >= 3: {len(self.clean_rated_3_plus)} of {self.clean} "
            f"({self.clean_high_share:.2%}); companies assessed: {self.companies}"
        )
        return "\n".join(lines)


def score(
    truth: Mapping[str, Any],
    flagged: Mapping[str, Mapping[str, int]],
    ratings: Mapping[str, int],
) -> Evaluation:
    """`flagged`: signal kind -> {company: highest severity flagged}; `ratings`: company ->
    score. Raises EvaluationError when the world has no clean company that was assessed."""
    result = Evaluation(companies=len(ratings))
    for kind, spec in sorted(truth["signals"].items()):
        planted: dict[str, int] = dict(spec["severity"])
        unscored = set(spec.get("unscored", []))
        ceiling = {h["company"]: h["max_severity"] for h in spec["hard_negatives"]}
        found = {
            company: severity
            for company, severity in flagged.get(kind, {}).items()
            if company not in unscored and severity > ceiling.get(company, 0)
        }
        tp = set(found) & set(planted)
        wrong = sorted(f"{c}: {planted[c]} -> {found[c]}" for c in tp if found[c] != planted[c])
        result.kinds.append(
            KindScore(
                kind=kind,
                positives=len(planted),
                flagged=len(found),
                true_positives=len(tp),
                false_positives=sorted(set(found) - set(planted)),
                missed=sorted(set(planted) - set(found)),
                severity_right=len(tp) - len(wrong),
                severity_wrong=wrong,
            )
        )
    clean = [c for c in truth["clean"] if c in ratings]
    if not clean:
        raise EvaluationError(
            "no clean company of the ground truth was assessed: the share of clean companies "
            "rated >= 3 cannot be measured"
        )
    result.clean = len(clean)
    result.clean_rated_3_plus = sorted(c for c in clean if ratings[c] >= 3)
    return result
