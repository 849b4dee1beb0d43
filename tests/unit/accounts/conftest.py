"""Fixtures of the accounts tests: the shared samples (read in place, never copied)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def accounts_dir(datasets_dir: Path) -> Path:
    return datasets_dir / "accounts"


@pytest.fixture(scope="session")
def ch_dir(accounts_dir: Path) -> Path:
    return accounts_dir / "ch-ixbrl"


@pytest.fixture(scope="session")
def nbb_dir(accounts_dir: Path) -> Path:
    return accounts_dir / "nbb-cbso"
