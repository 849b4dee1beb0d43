"""The population signal scan: companies in id order, assessed chunk by chunk within a time budget.

A page stops when it holds `first` signals or when its time budget is spent, whichever comes
first, and hands back a position to resume from: the last company it finished, or the company
whose signals it was part way through and how many of them it already returned. So a page
never runs into the request's deadline, and the counters add up: the companies finished on
every page sum to the companies in the graph, and `has_next` is false exactly when the walk
has finished the last one (docs/analytics.md §Population scan).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

from graph_schema.errors import InvalidInput
from graph_schema.signal_params import SignalParams
from graphapi.analytics.model import CompanyFacts
from graphapi.analytics.signals.model import Signal
from graphapi.graph import Graph
from graphapi.queries.network import companies_up_to, company_count, company_keys_after
from graphapi.services.assessment import Seen, assess_companies

FIRST_CHUNK = 10  # companies in the first round, before the pace is known
MAX_CHUNK = 100  # companies assessed per round at most
_PREFIX = "dgs:"


@dataclass(frozen=True)
class Position:
    """Where a walk stands: `key` finished (emitted is None), or `emitted` of its signals
    already returned. The empty key is the start."""

    key: str = ""
    emitted: int | None = None

    def encode(self) -> str:
        index = -1 if self.emitted is None else self.emitted
        raw = f"{_PREFIX}{index}|{self.key}".encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, cursor: str) -> Position:
        """The position a cursor of a previous page points at; INVALID_ARGUMENT otherwise."""
        try:
            text = base64.urlsafe_b64decode((cursor + "=" * (-len(cursor) % 4)).encode()).decode()
            if text.startswith(_PREFIX):
                index, key = text[len(_PREFIX) :].split("|", 1)
                emitted = int(index)
                if emitted >= 0:
                    return cls(key, emitted)
                return cls(key, None)
        except (binascii.Error, UnicodeError, ValueError):
            pass
        raise InvalidInput(
            f"invalid cursor {cursor!r}: pass a cursor from a previous page", "after"
        )


@dataclass(frozen=True)
class Found:
    company: str
    company_name: str | None
    signal: Signal
    cursor: Position  # resuming here continues after this signal


@dataclass
class ScanPage:
    found: list[Found] = field(default_factory=list)
    end: Position = Position()
    scanned: int = 0  # companies finished on this page
    scanned_so_far: int = 0  # companies finished from the start of the walk to `end`
    total: int = 0  # companies in the graph
    timed_out: bool = False  # the page stopped on its time budget, not on `first`

    @property
    def has_next(self) -> bool:
        return self.scanned_so_far < self.total


def matching(
    signals: Collection[Signal], kinds: set[str] | None, min_severity: int
) -> list[Signal]:
    return [
        s
        for s in signals
        if s.severity >= min_severity and (kinds is None or s.kind.value in kinds)
    ]


def _name(companies: Collection[CompanyFacts], key: str) -> str | None:
    return next((c.name for c in companies if c.key == key), None)


async def scan_page(
    graph: Graph,
    start: Position,
    first: int,
    kinds: set[str] | None,
    min_severity: int,
    as_of: date,
    params: SignalParams,
    budget_s: float,
    seen: Seen | None = None,
) -> ScanPage:
    """One page of at most `first` signals, assessing companies until `budget_s` is spent
    (at least one round, so every page moves on)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + budget_s
    page = ScanPage(end=start)
    pos = start
    chunk, per_company = FIRST_CHUNK, 0.0
    while len(page.found) < first:
        now = loop.time()
        if page.scanned or page.found:  # after the first round: stop before the budget ends
            if now + per_company > deadline:
                page.timed_out = True
                break
            chunk = max(1, min(MAX_CHUNK, int((deadline - now) / max(per_company, 1e-3))))
        if pos.emitted is not None:
            batch = [pos.key]  # resume inside the company the previous page stopped in
        else:
            batch = await company_keys_after(graph, pos.key, chunk)
        if not batch:
            break
        found = await assess_companies(graph, batch, as_of, params, seen)
        per_company = (loop.time() - now) / len(batch)
        full = False
        for key in batch:
            signals = (
                matching(found[key].result.signals, kinds, min_severity) if key in found else []
            )
            skip = pos.emitted if pos.emitted is not None and key == pos.key else 0
            for index in range(skip, len(signals)):
                if len(page.found) == first:
                    pos, full = Position(key, index), True
                    break
                done = index + 1 == len(signals)
                after = Position(key, None if done else index + 1)
                name = found[key].bundle.companies and _name(found[key].bundle.companies, key)
                page.found.append(Found(key, name or None, signals[index], after))
            if full:
                break
            page.scanned += 1
            pos = Position(key, None)
        page.end = pos
        if full:
            break
    page.total = await company_count(graph)
    before = await companies_up_to(graph, page.end.key) if page.end.key else 0
    # A company part way through is not finished yet.
    page.scanned_so_far = before - (1 if page.end.emitted is not None else 0)
    return page
