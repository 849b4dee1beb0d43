"""Relay-style connections: opaque cursors, pageInfo and totalCount over offset pages.

A cursor encodes a position in a stable ordering (every query orders on a unique tie-breaker),
so `after` resumes where the previous page ended.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import strawberry

from graph_schema.errors import InvalidInput
from graphapi.schema.common import described

T = TypeVar("T")
R = TypeVar("R")

DEFAULT_PAGE_SIZE = 10
_PREFIX = "dg1:"


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"{_PREFIX}{offset}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    """The offset a cursor points at; INVALID_ARGUMENT for anything we did not issue."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        text = base64.urlsafe_b64decode(padded.encode("ascii")).decode("ascii")
        if text.startswith(_PREFIX):
            offset = int(text[len(_PREFIX) :])
            if offset >= 0:
                return offset
    except (binascii.Error, UnicodeError, ValueError):
        pass
    raise InvalidInput(f"invalid cursor {cursor!r}: pass a cursor from a previous page", "after")


@dataclass(frozen=True)
class Window:
    skip: int
    limit: int


def window(first: int | None, after: str | None, max_page_size: int) -> Window:
    """Validate `first`/`after` into a skip/limit; `first: 0` asks only for totalCount."""
    size = DEFAULT_PAGE_SIZE if first is None else first
    if size < 0:
        raise InvalidInput(f"first must be 0 or more, got {size}", "first")
    if size > max_page_size:
        raise InvalidInput(f"first must be at most {max_page_size}, got {size}", "first")
    skip = decode_cursor(after) + 1 if after is not None else 0
    return Window(skip=skip, limit=size)


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type
class Connection(Generic[T]):
    total_count: int = strawberry.field(description="Size of the whole list, not of this page.")
    page_info: PageInfo
    edges: list[Edge[T]]

    @described("The nodes of `edges`, for clients that need no cursors.")
    def nodes(self) -> list[T]:
        return [edge.node for edge in self.edges]


def page_info(skip: int, count: int, total: int) -> PageInfo:
    return PageInfo(
        has_next_page=skip + count < total,
        has_previous_page=skip > 0,
        start_cursor=encode_cursor(skip) if count else None,
        end_cursor=encode_cursor(skip + count - 1) if count else None,
    )


def connection(
    rows: Sequence[R], total: int, win: Window, to_node: Callable[[R], T]
) -> Connection[T]:
    edges = [
        Edge(cursor=encode_cursor(win.skip + i), node=to_node(row)) for i, row in enumerate(rows)
    ]
    return Connection(
        total_count=total, page_info=page_info(win.skip, len(edges), total), edges=edges
    )
