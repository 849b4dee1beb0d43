"""The event loop the benchmark's own coroutines run on: the server's.

`duegraph serve` runs uvicorn on uvloop. The raw side (the driver in-process) and the HTTP
client run on uvloop too, so the event loop is not a difference between the two sides of
API/raw: on asyncio's default loop the raw bankruptcyHistory path took 3.4 ms instead of
2.4 ms (small world, same store, measured minutes apart), which flattered the ratio.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def run(main: Coroutine[Any, Any, T]) -> T:
    try:
        import uvloop
    except ImportError:  # Windows: uvloop is not installed there (pyproject)
        return asyncio.run(main)
    return uvloop.run(main)
