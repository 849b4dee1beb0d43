"""Mapping portfolio rows to company keys, a batch of rows per round trip.

Statuses: OK (one company), NOT_FOUND, MALFORMED_IDENTIFIER, AMBIGUOUS (several companies;
up to 5 candidates named), DUPLICATE_ROW (the same company as an earlier row).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from graphapi.batch.portfolio import ClientRow
from graphapi.graph import Graph
from graphapi.queries.entities import company_keys_by_identifier
from graphapi.queries.portfolio import Candidate, NameQuery, companies_by_name, company_names

RESOLVE_BATCH = 500
MAX_CANDIDATES = 5
GraphFactory = Callable[[], Graph]  # a fresh Graph (and deadline) per unit of work


class Status(StrEnum):
    OK = "OK"
    NOT_FOUND = "NOT_FOUND"
    MALFORMED_IDENTIFIER = "MALFORMED_IDENTIFIER"
    AMBIGUOUS = "AMBIGUOUS"
    DUPLICATE_ROW = "DUPLICATE_ROW"


@dataclass
class Resolved:
    client: ClientRow
    status: Status
    company: str | None = None
    name: str | None = None
    reason: str | None = None
    candidates: list[Candidate] = field(default_factory=list)


def _candidates_reason(what: str, candidates: Sequence[Candidate]) -> str:
    shown = "; ".join(f"{c.key} {c.name or ''}".strip() for c in candidates[:MAX_CANDIDATES])
    more = len(candidates) - MAX_CANDIDATES
    tail = f" and {more} more" if more > 0 else ""
    return f"{what} matches {len(candidates)} companies: {shown}{tail}"


async def _resolve_batch(graph: Graph, batch: Sequence[ClientRow]) -> list[Resolved]:
    keys = sorted({k for c in batch if c.error is None for k in c.keys})
    by_key = dict(zip(keys, await company_keys_by_identifier(graph, keys), strict=True))
    found_keys = sorted({k for k in by_key.values() if k is not None})
    names = await company_names(graph, found_keys) if found_keys else {}
    queries = [
        NameQuery(c.row, c.name, c.country)
        for c in batch
        if c.error is None and not c.keys and c.name
    ]
    by_name = await companies_by_name(graph, queries) if queries else {}
    out = []
    for c in batch:
        if c.error is not None:
            out.append(Resolved(c, Status.MALFORMED_IDENTIFIER, reason=c.error))
            continue
        if c.keys:
            hits = list(dict.fromkeys(k for k in (by_key.get(x) for x in c.keys) if k))
            candidates = [Candidate(k, names.get(k)) for k in hits]
            what = f"number {c.input_id!r}"
            tried = ", ".join(c.keys)
            missing = f"no company with identifier {tried}"
        else:
            candidates = by_name.get(c.row, [])
            what = f"name {c.input_id!r}"
            missing = f"no company named {c.name!r}" + (f" in {c.country}" if c.country else "")
        if not candidates:
            out.append(Resolved(c, Status.NOT_FOUND, reason=missing))
        elif len(candidates) > 1:
            out.append(
                Resolved(
                    c,
                    Status.AMBIGUOUS,
                    reason=_candidates_reason(what, candidates),
                    candidates=candidates[:MAX_CANDIDATES],
                )
            )
        else:
            out.append(Resolved(c, Status.OK, company=candidates[0].key, name=candidates[0].name))
    return out


def mark_duplicates(resolved: list[Resolved]) -> None:
    """A company already asked for by an earlier row: report the row, assess only once."""
    first: dict[str, int] = {}
    for r in resolved:
        if r.status != Status.OK or r.company is None:
            continue
        if r.company in first:
            r.status = Status.DUPLICATE_ROW
            r.reason = f"same client as row {first[r.company]} ({r.company})"
        else:
            first[r.company] = r.client.row


async def resolve_all(
    graph_factory: GraphFactory, clients: Sequence[ClientRow], batch: int = RESOLVE_BATCH
) -> list[Resolved]:
    """Resolve every row (in input order), a fresh Graph (deadline) per batch."""
    out: list[Resolved] = []
    for i in range(0, len(clients), batch):
        out.extend(await _resolve_batch(graph_factory(), clients[i : i + batch]))
    mark_duplicates(out)
    return out
