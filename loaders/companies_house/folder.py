"""What an item of a company folder means can depend on the folder's other documents: the
filing history says how a dissolution came about and which insolvency procedures ran, the
insolvency document (when there is one) wins over both, and an officer's appointments list
(`../officers/<officer_id>/appointments.json`) gives the birth month a secretary's entry lacks.

Each is read once per folder, and only from the folder itself or that officer's own list, so a
folder parses the same alone as within the whole tree (bulk-import parses entries in parallel).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from loaders.companies_house.common import (
    MAX_DOCUMENT_BYTES,
    birth_year_month,
    decode_documents,
    iter_documents,
    read_small,
)
from loaders.companies_house.insolvency_filings import Episode, Family, episodes
from loaders.contract import BadRecord
from loaders.rejects import Location, Rejection
from loaders.source import ByteCounter, iter_json

FILING_HISTORY = "filing-history.json"
INSOLVENCY = "insolvency.json"
OFFICERS = "officers.json"
OFFICERS_FOLDER = "officers"
APPOINTMENTS = "appointments.json"
_OFFICER_ID = re.compile(r"^[A-Za-z0-9_-]+$")


Decoded = list[tuple[Location, Any] | Rejection]


def documents(
    path: Path, read: Callable[[Path], Iterable[Any]] | None = None
) -> Iterator[dict[str, Any]]:
    """The objects of a document file (plain or .gz); nothing when absent or unreadable (the
    document's own parse reports why)."""
    for candidate in (path, path.with_name(path.name + ".gz")):
        if not candidate.is_file():
            continue
        for item in (read or iter_documents)(candidate):
            if not isinstance(item, Rejection) and isinstance(item[1], dict):
                yield item[1]
        return


@dataclass
class CompanyFolder:
    path: Path
    _births: dict[str, str | None] = field(default_factory=dict)
    # file -> (its size, its documents): each small file of the folder is decoded once, for
    # its own parse and for what other items take from it.
    _decoded: dict[Path, tuple[int, Decoded]] = field(default_factory=dict)

    def read(
        self, file: Path, counter: ByteCounter | None = None
    ) -> Iterable[tuple[Location, Any] | Rejection]:
        """`iter_documents(file, counter)`, decoded once per folder (a big file is streamed
        each time, never kept)."""
        found = self._decoded.get(file)
        if found is None:
            size = file.stat().st_size
            if size > MAX_DOCUMENT_BYTES:
                return iter_json(file, counter)
            found = self._decoded[file] = (size, decode_documents(read_small(file), file))
        if counter is not None:
            counter.done += found[0]
        return found[1]

    @cached_property
    def _filing_history(self) -> tuple[list[Any], bool]:
        """The history's items, and whether they are all of it (`total_count` of them)."""
        items: list[Any] = []
        totals: list[Any] = []
        for doc in documents(self.path / FILING_HISTORY, self.read):
            found = doc.get("items")
            items.extend(found if isinstance(found, list) else [])
            totals.append(doc.get("total_count"))
        counts = [t for t in totals if isinstance(t, int) and not isinstance(t, bool)]
        # Pages of one history each repeat its total.
        complete = bool(counts) and len(counts) == len(totals) and len(items) >= max(counts)
        return items, complete

    @property
    def filing_items(self) -> list[Any]:
        return self._filing_history[0]

    @property
    def filing_history_complete(self) -> bool:
        return self._filing_history[1]

    @cached_property
    def has_cases(self) -> bool:
        """An insolvency document lists at least one case: it, not the filings, tells the
        insolvency (an empty list, as the API returns for some companies, tells nothing)."""
        for doc in documents(self.path / INSOLVENCY, self.read):
            cases = doc.get("cases")
            if isinstance(cases, list) and any(isinstance(c, dict) for c in cases):
                return True
        return False

    @cached_property
    def episodes(self) -> list[Episode]:
        """Insolvency procedures told by the filing history (used when there is no case)."""
        return episodes(self.filing_items, self.filing_history_complete)

    @cached_property
    def list_births(self) -> dict[str, str]:
        """Officer id -> birth year-month, from this company's officer list."""
        from loaders.companies_house.officers import birth_by_officer

        found: dict[str, str] = {}
        for doc in documents(self.path / OFFICERS, self.read):
            items = doc.get("items")
            for oid, ym in birth_by_officer(items if isinstance(items, list) else []).items():
                found.setdefault(oid, ym)
        return found

    def families(self) -> set[Family]:
        return {e.family for e in self.episodes}

    def officer_birth(self, officer_id: str | None) -> str | None:
        """The birth year-month an officer's own appointments list gives, if it was fetched."""
        if not officer_id or not _OFFICER_ID.match(officer_id):
            return None
        if officer_id not in self._births:
            path = self.path.parent / OFFICERS_FOLDER / officer_id / APPOINTMENTS
            self._births[officer_id] = next(
                (ym for doc in documents(path) if (ym := list_birth(doc))), None
            )
        return self._births[officer_id]


def list_birth(doc: dict[str, Any]) -> str | None:
    """An appointments list's birth year-month: at list level, else on any appointment."""
    candidates = [doc.get("date_of_birth")]
    items = doc.get("items")
    if isinstance(items, list):
        candidates += [i.get("date_of_birth") for i in items if isinstance(i, dict)]
    for value in candidates:
        try:
            ym = birth_year_month(value)
        except BadRecord:
            continue
        if ym:
            return ym
    return None
