"""Mapping portfolio rows to company keys, a batch of rows per round trip.

Statuses: OK (one company), NOT_FOUND (saying what was tried), MALFORMED_IDENTIFIER, AMBIGUOUS
(several companies; up to 5 candidates named), DUPLICATE_ROW (the same company as an earlier
row). Warnings on OK rows: NAME_MISMATCH (the number's company has a name unlike the one
given), NAME_APPROXIMATE (a name-only row matched a similar, not identical, name).

Name-only rows are looked up with the full-text query `search` uses; a company counts when its
normalised name (legal form, case, accents ignored) equals the given one, else when it is
within a typo or two of it (graphapi/batch/names.py). Two companies equally close are
AMBIGUOUS, never a guess.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from graphapi.batch.names import SIMILAR_NAME, normalised, resembles, similarity
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


class RowWarning(StrEnum):
    NAME_MISMATCH = "NAME_MISMATCH"
    NAME_APPROXIMATE = "NAME_APPROXIMATE"


@dataclass
class Resolved:
    client: ClientRow
    status: Status
    company: str | None = None
    name: str | None = None
    reason: str | None = None
    candidates: list[Candidate] = field(default_factory=list)
    warning: str | None = None  # "NAME_MISMATCH: …" on a row that is OK but worth a look


def _candidates_reason(what: str, candidates: Sequence[Candidate]) -> str:
    shown = "; ".join(f"{c.key} {c.name or ''}".strip() for c in candidates[:MAX_CANDIDATES])
    more = len(candidates) - MAX_CANDIDATES
    tail = f" and {more} more" if more > 0 else ""
    return f"{what} matches {len(candidates)} companies: {shown}{tail}"


def name_matches(given: str, hits: Sequence[Candidate]) -> tuple[list[Candidate], bool]:
    """The companies a name-only row stands for, and whether the match is exact.

    Exact (normalised) matches win; else the hits scoring at least SIMILAR_NAME and within
    two points of the best of them (as close to the given name as the best is)."""
    wanted = normalised(given)
    exact = [h for h in hits if wanted and wanted in h.search_names]
    if exact:
        return exact, True
    scored = [(similarity(given, h.names), h) for h in hits]
    close = [(s, h) for s, h in scored if s >= SIMILAR_NAME]
    if not close:
        return [], False
    best = max(s for s, _ in close)
    return [h for s, h in sorted(close, key=lambda x: (-x[0], x[1].key)) if s >= best - 2], False


def _not_found_by_name(c: ClientRow, hits: Sequence[Candidate]) -> str:
    where = f" in {c.country}" if c.country else ""
    tried = (
        f"no company named {c.name!r}{where} (searched for {normalised(c.name or '')!r}: "
        "legal form, case and accents ignored, exact or a typo or two away)"
    )
    if not hits:
        return tried
    near = sorted(hits, key=lambda h: -similarity(c.name or "", h.names))[:3]
    return tried + "; nearest: " + "; ".join(f"{h.key} {h.name or ''}".strip() for h in near)


def _mismatch(c: ClientRow, found: Candidate) -> str | None:
    if not c.name or resembles(c.name, found.names):
        return None
    return (
        f"{RowWarning.NAME_MISMATCH}: the registry name of {found.key} is "
        f"{found.name!r}, not like the name given, {c.name!r}"
    )


async def _resolve_batch(graph: Graph, batch: Sequence[ClientRow]) -> list[Resolved]:
    keys = sorted({k for c in batch if c.error is None for k in c.keys})
    by_key = dict(zip(keys, await company_keys_by_identifier(graph, keys), strict=True))
    found_keys = sorted({k for k in by_key.values() if k is not None})
    known = await company_names(graph, found_keys) if found_keys else {}
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
        warning = None
        if c.keys:
            hits = list(dict.fromkeys(k for k in (by_key.get(x) for x in c.keys) if k))
            candidates = [known.get(k, Candidate(k, None)) for k in hits]
            what = f"number {c.input_id!r}"
            missing = f"no company with identifier {' or '.join(c.keys)}"
        else:
            hits_by_name = by_name.get(c.row, [])
            candidates, exact = name_matches(c.name or "", hits_by_name)
            what = f"name {c.input_id!r}"
            missing = _not_found_by_name(c, hits_by_name)
            if len(candidates) == 1 and not exact:
                warning = (
                    f"{RowWarning.NAME_APPROXIMATE}: no company is named exactly "
                    f"{c.name!r}; matched the similar name {candidates[0].name!r}"
                )
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
            hit = candidates[0]
            if c.keys:
                warning = _mismatch(c, hit)
            out.append(Resolved(c, Status.OK, company=hit.key, name=hit.name, warning=warning))
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
