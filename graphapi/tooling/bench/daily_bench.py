"""Daily-update phase: one day's registry files applied with `duegraph load` on the loaded graph,
then `duegraph changes` asked what changed since the load began.

The day touches 1 % of the world's companies (graphapi/tooling/synthetic/daily.py: new
officers, resignations, PSC changes, insolvencies, filings; every document of a touched company
re-fetched, as a refresh would). The phase times the load (records/s, peak RSS), checks that
each touched company gained the day's filing in the graph, and runs `duegraph changes` over the
touched companies and as many untouched ones: every planted change must be reported, and no
change in who runs, owns or controls a company, nor an insolvency, that was not planted.
"""

from __future__ import annotations

import csv
import random
import re
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from neo4j import GraphDatabase

from graph_schema.settings import Settings
from graphapi.tooling.bench.cypher import DAY_EVENTS
from graphapi.tooling.bench.load_bench import bench_env, duegraph_executable, run_loader
from graphapi.tooling.synthetic.daily import CH, Day, company_key, write_day

# What `duegraph changes` reports about a company's own officers, controllers and state; what
# it derives (signals, ratings, other companies' insolvencies) is left out of the comparison.
DIRECT = frozenset(
    {
        "DIRECTOR_APPOINTED",
        "DIRECTOR_ENDED",
        "DIRECTOR_CHANGED",
        "CONTROLLER_ADDED",
        "CONTROLLER_ENDED",
        "CONTROLLER_CHANGED",
        "INSOLVENCY",
        "ADDRESS_CHANGED",
        "NAME_CHANGED",
        "STATUS_CHANGED",
    }
)
CHUNK = 2000  # companies per `duegraph changes` run
MAX_CONTROLS = 500  # untouched companies asked about too (none may report a change)
TARGET_S = 180.0  # the target for the large graph

_ROW = re.compile(r"^row \d+: \S+ = (\S+) ")
_CHANGE = re.compile(r"^  ([A-Z_]+)[ :]")


@dataclass
class DailyFigures:
    world_companies: int
    touched: int
    records: int
    seconds: float
    peak_rss: int
    planted: int  # (company, change kind) pairs `changes` must report
    found: int
    filings: int  # touched companies whose day's filing is in the graph
    controls: int
    changes_seconds: float
    missing: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.records / self.seconds if self.seconds else 0.0


def parse_changes(text: str) -> dict[str, set[str]]:
    """`duegraph changes` output -> company key -> the change kinds reported for it."""
    out: dict[str, set[str]] = {}
    current: str | None = None
    for line in text.splitlines():
        if match := _ROW.match(line):
            current = match.group(1)
            out.setdefault(current, set())
        elif (match := _CHANGE.match(line)) and current is not None:
            out[current].add(match.group(1))
    return out


def compare(day: Day, reported: dict[str, set[str]], controls: Sequence[str]) -> DailyFigures:
    """Planted against reported (direct kinds only); the load figures are filled in later."""
    expected: dict[str, set[str]] = {}
    for change in day.changes:
        expected.setdefault(change.company, set()).update(change.reported)
    figures = DailyFigures(day.world_companies, len(expected), 0, 0.0, 0, 0, 0, 0, len(controls), 0)
    for company in [*expected, *controls]:
        wanted = expected.get(company, set())
        if company not in reported:
            figures.missing.append(f"{company}: not in the report")
            figures.planted += len(wanted)
            continue
        got = reported[company] & DIRECT
        figures.planted += len(wanted)
        figures.found += len(wanted & got)
        figures.missing += [f"{company}: {kind}" for kind in sorted(wanted - got)]
        figures.spurious += [f"{company}: {kind}" for kind in sorted(got - wanted)]
    return figures


def _run_changes(settings: Settings, keys: Sequence[str], since: datetime, work: Path) -> str:
    clients = work / "daily-clients.csv"
    with clients.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["company_id"])
        out.writerows([key] for key in keys)
    cmd = [
        *duegraph_executable(),
        "changes",
        "--input",
        str(clients),
        "--since",
        since.strftime("%Y-%m-%dT%H:%M:%S%z"),
        # What this load brought, whatever the registry dates of the day's filings say.
        "--dates",
        "loaded",
    ]
    done = subprocess.run(cmd, env=bench_env(settings), capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"duegraph changes failed ({done.returncode}): {done.stderr[-2000:]}")
    return done.stdout


def _controls(world: Path, touched: set[str], seed: int) -> list[str]:
    names = sorted(entry.name for entry in (world / CH).iterdir() if entry.is_dir())
    untouched = [company_key(n) for n in names if company_key(n) not in touched]
    rng = random.Random(seed)
    return rng.sample(untouched, min(len(touched), MAX_CONTROLS, len(untouched)))


def run_daily(
    settings: Settings, world: Path, work: Path, batch_size: int, seed: int
) -> DailyFigures:
    """Write the day's files, load them on the graph, ask `changes`, compare."""
    day = write_day(world, work / "day", seed)
    touched = day.companies
    controls = _controls(world, set(touched), seed)
    # Seconds are the finest `--since` takes: one second back, so this load's stamps are after.
    since = datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=1)
    load = run_loader(settings, "ch-api", day.folder, batch_size, work / "rejects-daily.jsonl")
    with GraphDatabase.driver(settings.neo4j.uri) as driver:
        records, _, _ = driver.execute_query(
            DAY_EVENTS,
            keys=touched,
            day=day.date,
            since=since,
            database_=settings.neo4j.database,
        )
    started = time.perf_counter()
    reported: dict[str, set[str]] = {}
    asked = [*touched, *controls]
    for start in range(0, len(asked), CHUNK):
        reported.update(
            parse_changes(_run_changes(settings, asked[start : start + CHUNK], since, work))
        )
    figures = compare(day, reported, controls)
    figures.changes_seconds = time.perf_counter() - started
    figures.records, figures.seconds, figures.peak_rss = load.read, load.seconds, load.peak_rss
    figures.filings = int(records[0]["n"])
    return figures
