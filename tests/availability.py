"""What a test needs from the machine, and what happens when it is missing.

On a developer's machine a missing real-registry sample folder or a missing Chromium skips
the tests that need it; under CI it fails them, so that a CI run never passes by skipping.
CI counts as set for any truthy value ("true", "1", "yes", "True"...), not only "true".
"""

from __future__ import annotations

import os
from typing import NoReturn

import pytest

_FALSE = frozenset({"", "0", "false", "no", "off"})


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in _FALSE


def unavailable(reason: str) -> NoReturn:
    """Fail under CI, skip elsewhere."""
    if in_ci():
        pytest.fail(f"{reason} (CI is set: a missing requirement fails instead of skipping)")
    pytest.skip(reason)
