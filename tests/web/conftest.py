"""Browser fixtures for the workspace: a generated world in the test Neo4j, a real
`duegraph serve` subprocess on a free loopback port, and Debian's Chromium driven by
Playwright (never a downloaded browser).

Every page gets a `Watch`: it counts GraphQL requests, aborts and records any request to
another origin, and collects page errors; the test fails if one happened.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from neo4j import Driver
from playwright.sync_api import Browser, Page, Playwright, Request, Route, sync_playwright

from graph_schema.settings import Settings
from graphapi.cli.evaluate import load_world
from graphapi.tooling.synthetic import generate
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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    base: str
    audit_log: Path


def _start(settings: Settings, work: Path, api_keys: str) -> tuple[subprocess.Popen[bytes], Server]:
    port = _free_port()
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
    deadline = time.monotonic() + 90
    while True:
        log = server.audit_log.parent / "server.log"
        assert proc.poll() is None, log.read_text(errors="replace")[-2000:]
        try:
            if httpx.get(f"{server.base}/readyz", timeout=2.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, "duegraph serve was not ready in 90 s"
        time.sleep(0.2)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


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
            _stop(proc)


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
