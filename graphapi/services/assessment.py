"""Assess companies: fetch their neighbourhood from the graph, run the analytics off the loop.

The one path from company keys to assessments. The API (dueDiligence, uboCheck(s), the
population scan, watchlists), the CLI (screen, ubo-check, report, changes, evaluate) and the
benchmark's raw calls all come through here, with the detector parameters of the settings
(`Settings.signal_params`), so they cannot disagree about what they read or how they judge it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

import anyio

from graph_schema.errors import InvalidInput
from graph_schema.signal_params import RuleSet, SignalParams
from graphapi.analytics.assess import Assessment, UboAssessment, assess, assess_ubo
from graphapi.analytics.inputs import DueDiligenceInput
from graphapi.graph import Graph
from graphapi.queries.neighbourhood import fetch_bundles
from graphapi.queries.ubo_inputs import fetch_ubo_inputs

A = TypeVar("A")
# Called with each company key that was assessed (the API's audit trail notes the read).
Seen = Callable[[str], None]
Analyse = Callable[[DueDiligenceInput, date, SignalParams], A]


@dataclass(frozen=True)
class Assessed(Generic[A]):
    """One company's bundle (what was read) and what the analytics made of it."""

    bundle: DueDiligenceInput
    result: A


# What the portfolio jobs run per chunk: `assess_companies` or `check_ubo`.
Assessor = Callable[[Graph, Sequence[str], date, SignalParams], Awaitable[dict[str, Assessed[A]]]]


async def analyse_bundles(
    bundles: Mapping[str, DueDiligenceInput],
    as_of: date,
    params: SignalParams,
    analyse: Analyse[A],
    seen: Seen | None = None,
) -> dict[str, Assessed[A]]:
    """Run `analyse` on every bundle in a worker thread, then note each key with `seen`."""

    def run() -> dict[str, Assessed[A]]:
        return {key: Assessed(b, analyse(b, as_of, params)) for key, b in bundles.items()}

    # The maths is CPU work: keep the event loop free for other requests and chunks.
    result: dict[str, Assessed[A]] = await anyio.to_thread.run_sync(run)
    if seen is not None:
        for key in result:
            seen(key)
    return result


async def assess_companies(
    graph: Graph,
    keys: Sequence[str],
    as_of: date,
    params: SignalParams,
    seen: Seen | None = None,
    *,
    with_ledger: bool = True,
) -> dict[str, Assessed[Assessment]]:
    """Full due-diligence assessments of the companies that exist (unknown keys left out).

    `with_ledger=False` assesses from the registers only, as if no company were a client:
    what a caller without the right to see the firm's ledger gets (docs/security.md)."""
    bundles = await fetch_bundles(graph, keys, as_of)
    if not with_ledger:
        bundles = {k: b.model_copy(update={"ledger": ()}) for k, b in bundles.items()}
    return await analyse_bundles(bundles, as_of, params, assess, seen)


async def check_ubo(
    graph: Graph,
    keys: Sequence[str],
    as_of: date,
    params: SignalParams,
    seen: Seen | None = None,
) -> dict[str, Assessed[UboAssessment]]:
    """UBO checks only, from the smaller ownership bundle (one round trip)."""
    bundles = await fetch_ubo_inputs(graph, keys)
    return await analyse_bundles(bundles, as_of, params, assess_ubo, seen)


def with_ubo_rules(
    params: SignalParams,
    threshold: float | None = None,
    rule_set: RuleSet | str | None = None,
    operator: str | None = None,
) -> SignalParams:
    """`params` with the UBO rules a caller asked for (None keeps the configured value)."""
    if threshold is not None and not 0 < threshold <= 100:
        raise InvalidInput(f"threshold must be in (0, 100], got {threshold}", "threshold")
    if operator is not None and operator not in (">", ">="):
        raise InvalidInput(f"operator must be '>' or '>=', got {operator!r}", "operator")
    if rule_set is not None and rule_set not in set(RuleSet):
        choices = ", ".join(RuleSet)
        raise InvalidInput(f"rule set must be one of {choices}, got {rule_set!r}", "ruleSet")
    chosen = RuleSet(rule_set) if rule_set is not None else None
    asked = {"threshold": threshold, "rule_set": chosen, "operator": operator}
    rules = params.ubo.model_copy(update={k: v for k, v in asked.items() if v is not None})
    return params.model_copy(update={"ubo": rules})
