"""Browser fixtures for the workspace: a generated world in the test Neo4j, a real
`duegraph serve` subprocess on a free loopback port, and Debian's Chromium driven by
Playwright (never a downloaded browser).

`web_accounts` adds filed accounts to that world (the generator writes none yet): generated
micro-entity filings for one division's companies, and a real group filing from the shared
samples.

Every page gets a `Watch`: it counts GraphQL requests, aborts and records any request to
another origin, and collects page errors; the test fails if one happened.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver
from playwright.sync_api import Browser, Page, Playwright, Request, Route, sync_playwright

from graph_schema.settings import Settings
from graphapi.cli.evaluate import load_world
from graphapi.cli.load import run_load
from graphapi.tooling.bench.accounts_zip import MicroYear, micro_filing
from graphapi.tooling.local_server import free_port, stop, wait_ready
from graphapi.tooling.synthetic import generate
from loaders.formats import registry
from tests.conftest import clear_graph

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
WORLD_COMPANIES = 300
WORLD_SEED = 7
AS_OF = "2026-06-30"  # the generator's as-of date
ANALYST_KEY = "analyst-key-for-web-tests-0001"
READER_KEY = "reader-key-for-web-tests-00001"


@dataclass
class World:
    path: Path
    truth: dict[str, Any]


@pytest.fixture(scope="module")
def web_world(
    driver: Driver, settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> World:
    """A generated registry (planted risk cases included), loaded once for the module."""
    clear_graph(driver, settings.neo4j.database)
    path = tmp_path_factory.mktemp("world")
    generate(WORLD_COMPANIES, WORLD_SEED, path, history_years=3)  # fewer filings: a faster load
    rejected = load_world(settings, path)
    assert set(rejected.values()) == {0}, rejected
    return World(path, json.loads((path / "ground_truth.json").read_text()))


# The accounts company's three years, as its two filings print them (pounds): equity falls
# from 100,000 to 30,000 to net liabilities of 50,250; employees 6, 5, 3.
ACCOUNTS_YEARS = {
    2023: MicroYear(fixed=120_000, current=80_000, within=60_000, after=40_000, employees=6),
    2024: MicroYear(fixed=110_000, current=70_000, within=90_000, after=60_000, employees=5),
    2025: MicroYear(fixed=100_000, current=45_250, within=120_500, after=75_000, employees=3),
}
GROUP_SAMPLE = "Prod223_2911_11010959_20200630.html"  # Luigi TopCo: company and group accounts


@dataclass
class Accounts:
    company: str  # the world company with three years of micro-entity accounts
    division: str  # its peers' SIC division, e.g. "SIC:43"
    peers: list[str]
    group: str  # GB-COH-11010959, known from its filing only
    files: Path


def _first_sic(profile: dict[str, Any]) -> str:
    codes = profile.get("sic_codes") or [""]
    return str(codes[0])


@pytest.fixture(scope="module")
def web_accounts(
    web_world: World, settings: Settings, datasets_dir: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Accounts:  # fmt: skip
    """Filed accounts loaded with the `ch-accounts` format into the module's world.

    The largest SIC division of the world's Companies House companies files micro-entity
    accounts for the year to 2025-12-31 (with 2024 as the prior year); one clean company of a
    small class in it (fewer than ten class peers, so peers fall back to the division) also
    filed for 2024 (with 2023), its equity turning negative in 2025. Planted companies and the
    ones other tests use keep no accounts, so their pages and ratings do not change. The real
    Luigi TopCo filing adds a company with company and consolidated group accounts.
    """
    truth = web_world.truth
    planted = {c for s in truth["signals"].values() for c in s["positives"]}
    reserved = planted | {truth["clean"][-1]}
    profiles = [
        json.loads(f.read_text())
        for f in sorted((web_world.path / "companies-house").glob("*/profile.json"))
    ]
    profiles = [
        p for p in profiles
        if f"GB-COH-{p['company_number']}" not in reserved and len(_first_sic(p)) == 5
    ]  # fmt: skip
    divisions = Counter(_first_sic(p)[:2] for p in profiles)
    division, size = divisions.most_common(1)[0]
    assert size >= 12, divisions  # enough companies for a median of ten peers or more
    members = [p for p in profiles if _first_sic(p)[:2] == division]
    classes = Counter(_first_sic(p)[:4] for p in members)
    clean = set(truth["clean"])
    target = next(
        p for p in members
        if f"GB-COH-{p['company_number']}" in clean and p["company_status"] == "active"
        and classes[_first_sic(p)[:4]] <= 10
    )  # fmt: skip
    folder = tmp_path_factory.mktemp("accounts")
    rng = random.Random(2025)
    for p in members:
        number, name = p["company_number"], p["company_name"]
        if p is target:
            y = ACCOUNTS_YEARS
            filings = [
                micro_filing(number, name, date(2024, 12, 31), y[2024], y[2023]),
                micro_filing(number, name, date(2025, 12, 31), y[2025], y[2024]),
            ]
        else:  # healthy peers: positive net assets, no long-term debts
            years = []
            for _ in range(2):
                current = rng.randrange(20_000, 200_000)
                years.append(
                    MicroYear(
                        fixed=rng.randrange(10_000, 200_000),
                        current=current,
                        within=rng.randrange(5_000, current),
                        after=0,
                        employees=rng.randrange(1, 10),
                    )
                )
            filings = [micro_filing(number, name, date(2025, 12, 31), years[0], years[1])]
        for member, text in filings:
            (folder / member).write_text(text, encoding="utf-8")
    sample = datasets_dir / "accounts" / "ch-ixbrl" / GROUP_SAMPLE
    report = run_load(settings, registry()["ch-accounts"], [folder, sample], None, 500, True)
    assert report.rejected == 0, report.summary()
    return Accounts(
        company=f"GB-COH-{target['company_number']}",
        division=f"SIC:{division}",
        peers=[f"GB-COH-{p['company_number']}" for p in members if p is not target],
        group="GB-COH-11010959",
        files=folder,
    )


@dataclass
class Server:
    base: str
    audit_log: Path


def _start(settings: Settings, work: Path, api_keys: str) -> tuple[subprocess.Popen[bytes], Server]:
    port = free_port()
    audit = work / "audit.jsonl"
    env = {
        **os.environ,
        "NEO4J_URI": settings.neo4j.uri,
        "NEO4J_DATABASE": settings.neo4j.database,
        "DUEGRAPH_API_AUDIT_LOG": str(audit),
        "DUEGRAPH_API_KEYS": api_keys,
    }
    executable = Path(sys.executable).parent / "duegraph"
    with (work / "server.log").open("wb") as log:
        proc = subprocess.Popen(
            [str(executable), "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    return proc, Server(f"http://127.0.0.1:{port}", audit)


def _wait_ready(proc: subprocess.Popen[bytes], server: Server) -> None:
    log = server.audit_log.parent / "server.log"

    def failure(why: str) -> AssertionError:
        return AssertionError(f"duegraph serve {why}: {log.read_text(errors='replace')[-2000:]}")

    wait_ready(proc, server.base, 90, failure)


@pytest.fixture(scope="module")
def servers(
    web_world: World, settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Server, Server]]:
    """Two `duegraph serve` processes started side by side: one open (no API keys, as after
    `make demo`), one with an analyst key and a reader key configured."""
    keys = f"{ANALYST_KEY}:analyst,{READER_KEY}:reader"
    started = [
        _start(settings, tmp_path_factory.mktemp("serve-open"), ""),
        _start(settings, tmp_path_factory.mktemp("serve-keys"), keys),
    ]
    try:
        for proc, server in started:
            _wait_ready(proc, server)
        yield started[0][1], started[1][1]
    finally:
        for proc, _ in started:
            stop(proc)


@pytest.fixture(scope="module")
def server(servers: tuple[Server, Server]) -> Server:
    return servers[0]


@pytest.fixture(scope="module")
def keyed_server(servers: tuple[Server, Server]) -> Server:
    return servers[1]


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is not installed (apt-get install -y chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    b = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        yield b
    finally:
        b.close()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Screenshots of every page, for a person to review (the path is printed)."""
    folder = tmp_path_factory.mktemp("screenshots")
    print(f"\nworkspace screenshots: {folder}")
    return folder


@dataclass
class Watch:
    """What a page asked for: every request, GraphQL POSTs, foreign requests, page errors."""

    origin: str
    requests: list[str] = field(default_factory=list)
    graphql: list[str] = field(default_factory=list)  # operation names, in order
    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def on_request(self, request: Request) -> None:
        self.requests.append(request.url)
        if request.url.startswith(self.origin + "/graphql") and request.method == "POST":
            body = request.post_data_json or {}
            query = str(body.get("query", "")) if isinstance(body, dict) else ""
            words = query.replace("{", " ").replace("(", " ").split()
            self.graphql.append(
                words[1] if len(words) > 1 and words[0] in ("query", "mutation") else "anonymous"
            )

    def route(self, route: Route) -> None:
        url = route.request.url
        if url.startswith(self.origin + "/") or url == self.origin:
            route.continue_()
        else:  # nothing may leave the server's origin
            self.foreign.append(url)
            route.abort()

    def graphql_since(self, mark: int) -> list[str]:
        return self.graphql[mark:]


def open_page(browser: Browser, base: str) -> tuple[Page, Watch]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    watch = Watch(base)
    context.route("**/*", watch.route)
    page = context.new_page()
    page.on("request", watch.on_request)
    page.on("pageerror", lambda exc: watch.errors.append(str(exc)))
    page.set_default_timeout(30_000)
    return page, watch


@pytest.fixture
def web(browser: Browser, server: Server) -> Iterator[tuple[Page, Watch]]:
    page, watch = open_page(browser, server.base)
    try:
        yield page, watch
    finally:
        page.context.close()
    assert watch.foreign == [], f"requests left the server's origin: {watch.foreign}"
    assert watch.errors == [], f"errors in the page: {watch.errors}"
