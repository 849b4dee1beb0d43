"""Relationships of companies and persons, one page per key (key-batched for DataLoaders).

Each query anchors on a batch of keys, gathers the matching relationships (filtered to those in
force on `$on` unless `$all`), orders them, and returns the page `[$skip..$skip+$limit]` plus
the total, so every connection costs one round trip per level whatever the fan-out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, LiteralString, TypeVar

from graphapi.graph import Graph
from graphapi.queries.rows import (
    ControlRow,
    DeclaredOwnershipRow,
    DirectorshipRow,
    LinkRow,
    Page,
    ParentRow,
    ProvenanceRow,
    ShareholdingRow,
    ShareRow,
    company_row,
    entity_row,
)

L = TypeVar("L", bound=LinkRow)

_IN_FORCE: LiteralString = (
    "WHERE $all OR ((r.start IS NULL OR r.start <= $on) AND (r.end IS NULL OR r.end >= $on))"
)
_ROW: LiteralString = (
    "collect({rel: properties(r), a: properties(a), a_labels: labels(a), "
    "b: properties(b), b_labels: labels(b)}) AS rows"
)
_CURRENT_FIRST: LiteralString = "r.end IS NULL DESC, r.end DESC, r.start DESC"
_TO_X: LiteralString = "a, r, x AS b"
_FROM_X: LiteralString = "x AS a, r, b"


def _paged(
    anchor: LiteralString, pattern: LiteralString, bind: LiteralString, order: LiteralString
) -> LiteralString:
    """`pattern` uses the anchor node `x`; `bind` names the two ends `a` and `b`."""
    return (
        "UNWIND $keys AS key\nMATCH (x:"
        + anchor
        + " {key: key})\nCALL (x) {\n  MATCH "
        + pattern
        + "\n  WITH "
        + bind
        + "\n  "
        + _IN_FORCE
        + "\n  WITH a, r, b ORDER BY "
        + order
        + "\n  RETURN "
        + _ROW
        + "\n}\nRETURN key, size(rows) AS total, rows[$skip..$skip + $limit] AS rows\n"
    )


DIRECTORS_OF: LiteralString = _paged(
    "Company", "(a:Entity)-[r:DIRECTOR_OF]->(x)", _TO_X, _CURRENT_FIRST + ", a.name"
)
MANDATES_OF: LiteralString = _paged(
    "Entity", "(x)-[r:DIRECTOR_OF]->(b:Company)", _FROM_X, _CURRENT_FIRST + ", b.name"
)
SHAREHOLDERS_OF: LiteralString = _paged(
    "Company",
    "(a:Entity)-[r:OWNS]->(x)",
    _TO_X,
    "coalesce(r.share_exact, r.share_max, r.share_min) DESC, a.name",
)
HOLDINGS_OF: LiteralString = _paged(
    "Entity",
    "(x)-[r:OWNS]->(b:Company)",
    _FROM_X,
    "coalesce(r.share_exact, r.share_max, r.share_min) DESC, b.name",
)
DECLARED_BOS_OF: LiteralString = _paged(
    "Company",
    "(a:Entity)-[r:DECLARED_BO_OF]->(x)",
    _TO_X,
    _CURRENT_FIRST + ", a.name",
)
CONTROLLERS_OF: LiteralString = _paged(
    "Company", "(a:Entity)-[r:CONTROLS]->(x)", _TO_X, _CURRENT_FIRST + ", a.name"
)
PARENTS_OF: LiteralString = _paged(
    "Company", "(a:Company)-[r:PARENT_OF]->(x)", _TO_X, "r.level, a.name"
)
SUBSIDIARIES_OF: LiteralString = _paged(
    "Company", "(x)-[r:PARENT_OF]->(b:Company)", _FROM_X, "r.level, b.name"
)


@dataclass(frozen=True)
class LinkFilter:
    """Which links and which page: hashable, so DataLoaders batch equal requests together."""

    skip: int
    limit: int
    on: date | None = None  # in force on this day; None = today
    historical: bool = False  # True: every link whatever its dates

    def params(self, keys: Sequence[str]) -> dict[str, Any]:
        return {
            "keys": list(keys),
            "skip": self.skip,
            "limit": self.limit,
            "all": self.historical and self.on is None,
            "on": self.on or date.today(),
        }


def _base(item: dict[str, Any]) -> dict[str, Any]:
    rel = item["rel"]
    return {**rel, "provenance": ProvenanceRow.model_validate(rel)}


def _directorship(item: dict[str, Any]) -> DirectorshipRow:
    return DirectorshipRow.model_validate(
        {
            **_base(item),
            "director": entity_row(item["a"], item["a_labels"]),
            "company": company_row(item["b"]),
        }
    )


def _shareholding(item: dict[str, Any]) -> ShareholdingRow:
    return ShareholdingRow.model_validate(
        {
            **_base(item),
            "owner": entity_row(item["a"], item["a_labels"]),
            "company": company_row(item["b"]),
            "share": ShareRow.model_validate(item["rel"]),
        }
    )


def _declared(item: dict[str, Any]) -> DeclaredOwnershipRow:
    return DeclaredOwnershipRow.model_validate(
        {
            **_base(item),
            "owner": entity_row(item["a"], item["a_labels"]),
            "company": company_row(item["b"]),
            "share": ShareRow.model_validate(item["rel"]),
        }
    )


def _control(item: dict[str, Any]) -> ControlRow:
    return ControlRow.model_validate(
        {
            **_base(item),
            "controller": entity_row(item["a"], item["a_labels"]),
            "company": company_row(item["b"]),
        }
    )


def _parent(item: dict[str, Any]) -> ParentRow:
    return ParentRow.model_validate(
        {**_base(item), "parent": company_row(item["a"]), "child": company_row(item["b"])}
    )


async def _pages(
    graph: Graph,
    query: LiteralString,
    keys: Sequence[str],
    flt: LinkFilter,
    parse: Callable[[dict[str, Any]], L],
) -> list[Page[L]]:
    records = await graph.read(query, flt.params(keys))
    found = {
        r["key"]: Page[L](total=r["total"], rows=[parse(x) for x in r["rows"]]) for r in records
    }
    return [found.get(k, Page[L](total=0, rows=[])) for k in keys]


async def directors_of(
    graph: Graph, keys: Sequence[str], flt: LinkFilter
) -> list[Page[DirectorshipRow]]:
    return await _pages(graph, DIRECTORS_OF, keys, flt, _directorship)


async def mandates_of(
    graph: Graph, keys: Sequence[str], flt: LinkFilter
) -> list[Page[DirectorshipRow]]:
    return await _pages(graph, MANDATES_OF, keys, flt, _directorship)


async def shareholders_of(
    graph: Graph, keys: Sequence[str], flt: LinkFilter
) -> list[Page[ShareholdingRow]]:
    return await _pages(graph, SHAREHOLDERS_OF, keys, flt, _shareholding)


async def holdings_of(
    graph: Graph, keys: Sequence[str], flt: LinkFilter
) -> list[Page[ShareholdingRow]]:
    return await _pages(graph, HOLDINGS_OF, keys, flt, _shareholding)


async def declared_bos_of(
    graph: Graph, keys: Sequence[str], flt: LinkFilter
) -> list[Page[DeclaredOwnershipRow]]:
    return await _pages(graph, DECLARED_BOS_OF, keys, flt, _declared)


async def controllers_of(
    graph: Graph, keys: Sequence[str], flt: LinkFilter
) -> list[Page[ControlRow]]:
    return await _pages(graph, CONTROLLERS_OF, keys, flt, _control)


async def parents_of(graph: Graph, keys: Sequence[str], flt: LinkFilter) -> list[Page[ParentRow]]:
    return await _pages(graph, PARENTS_OF, keys, flt, _parent)


async def subsidiaries_of(
    graph: Graph, keys: Sequence[str], flt: LinkFilter
) -> list[Page[ParentRow]]:
    return await _pages(graph, SUBSIDIARIES_OF, keys, flt, _parent)
