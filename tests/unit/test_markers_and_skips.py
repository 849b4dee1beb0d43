"""The suite's own rules: `-m "not neo4j and not datasets"` starts no database and reads no
registry sample, a missing requirement fails under any truthy CI instead of skipping, and an
empty parameter list fails."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.availability import in_ci, unavailable

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow  # collects the whole suite once (about 20 s)
def test_unmarked_tests_need_neither_the_database_nor_the_samples() -> None:
    # --setup-plan lists every fixture the selected tests would set up, without running any.
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "--setup-plan"]
        + ["-m", "not neo4j and not datasets", "tests"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    setups = set(re.findall(r"SETUP +[SMCF] (\w+)", done.stdout))
    assert "tmp_path" in setups  # the plan was read: unit tests set up fixtures of their own
    assert setups & {"neo4j_server", "driver", "graph", "spare", "datasets_dir"} == set()
    # About 180 tests use the database and a few more the samples: all of them were left out.
    deselected = re.search(r"(\d+) deselected", done.stdout)
    assert deselected is not None and int(deselected.group(1)) >= 180


@pytest.mark.parametrize("value", ["true", "1", "yes", "True", "TRUE", "on"])
def test_any_truthy_ci_value_counts(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("CI", value)
    assert in_ci()
    with pytest.raises(pytest.fail.Exception, match="samples missing"):
        unavailable("samples missing")


@pytest.mark.parametrize("value", [None, "", "0", "false", "False", "no", "off"])
def test_without_ci_a_missing_requirement_skips(
    monkeypatch: pytest.MonkeyPatch, value: str | None
) -> None:
    if value is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", value)
    assert not in_ci()
    with pytest.raises(pytest.skip.Exception, match="chromium missing"):
        unavailable("chromium missing")


def test_an_empty_parameter_list_fails_collection(pytestconfig: pytest.Config) -> None:
    # Parameters found at run time (files, link types) that come back empty must not turn the
    # test into a silent skip.
    assert pytestconfig.getini("empty_parameter_set_mark") == "fail_at_collect"
