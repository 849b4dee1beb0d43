"""Batch phase: `duegraph ubo-check` on a client list, rows/s."""

from __future__ import annotations

import csv
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from graph_schema.settings import Settings
from graphapi.tooling.bench.load_bench import bench_env

# The command function itself, so the figure does not depend on how the CLI app wires it.
_RUN = (
    "import typer; from graphapi.cli.batch import ubo_check_command; typer.run(ubo_check_command)"
)


def run_ubo_check(settings: Settings, keys: Sequence[str], rows: int, work: Path) -> str:
    """Write `rows` clients (distinct companies while there are enough), run the job."""
    clients = work / "clients.csv"
    with clients.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["client_ref", "company_id"])
        for i in range(rows):
            out.writerow([f"C{i:06d}", keys[i % len(keys)]])
    report = work / "ubo-check.csv"
    cmd = [
        sys.executable, "-c", _RUN,
        "--input", str(clients), "--output", str(report), "--force", "--quiet",
    ]  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(cmd, env=bench_env(settings), capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        return f"failed (exit {done.returncode}): {(done.stderr or done.stdout).strip()[-300:]}"
    with report.open(encoding="utf-8", newline="") as fh:
        written = sum(1 for _ in csv.reader(fh)) - 1
    return (
        f"{written / seconds:,.0f} rows/s ({written:,} rows in {seconds:.1f} s, "
        f"{len(set(keys)):,} distinct companies, process start included)"
    )
