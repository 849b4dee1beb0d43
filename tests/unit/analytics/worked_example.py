"""The ownership cycle of docs/analytics.md §Worked examples, shared by the UBO, discrepancy,
signal and assessment tests: T held 30 % by A, 40 % by B, 30 % by R; A = 60 % P + 40 % Q;
B = 80 % Q + 20 % T."""

from collections.abc import Callable

from graphapi.analytics.model import Holding

P, Q, R = "person-p", "person-q", "person-r"


def own(owner: str, owned: str, pct: float, **kw: object) -> Holding:
    return Holding(owner=owner, owned=owned, share_exact=pct, **kw)


def worked_cycle(holding: Callable[[str, str, float], Holding] = own) -> list[Holding]:
    """The example's holdings, each made by `holding` (e.g. one that adds provenance)."""
    return [
        holding("A", "T", 30),
        holding("B", "T", 40),
        holding(R, "T", 30),
        holding(P, "A", 60),
        holding(Q, "A", 40),
        holding(Q, "B", 80),
        holding("T", "B", 20),
    ]
