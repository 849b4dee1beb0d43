"""The FollowTheMoney format (parsing in loaders/ftm/read.py).

followthemoney loads its whole schema model from YAML on import (about 1.5 s): the parser is
imported on first use, so that every other command and every bulk-import worker skips it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from loaders.contract import Format, ParseResult
from loaders.source import ByteCounter


def parse(path: Path, counter: ByteCounter) -> Iterator[ParseResult]:
    from loaders.ftm import read

    yield from read.parse(path, counter)


FORMAT = Format(
    "ftm",
    "FollowTheMoney entities as JSON Lines (OpenSanctions, Aleph, OpenSanctions deltas)",
    parse,
)
