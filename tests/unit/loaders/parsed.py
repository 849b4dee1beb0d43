"""What a parser yielded for a file: the records it made and the reasons it rejected."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from loaders.contract import Format, Parsed, ParseResult
from loaders.rejects import Rejection
from loaders.source import ByteCounter


def parse(fmt: Format, path: Path) -> list[ParseResult]:
    return list(fmt.parse(path, ByteCounter()))


def records_of(items: list[ParseResult], cls: type) -> list[Any]:
    """The `cls` records of the parsed items, in order."""
    return [r for i in items if isinstance(i, Parsed) for r in i.records if isinstance(r, cls)]


def reasons_of(items: list[ParseResult]) -> list[str]:
    return [i.reason for i in items if isinstance(i, Rejection)]
