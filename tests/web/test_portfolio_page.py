"""The workspace's Ledger page in Chromium against a real `duegraph serve`: the generated
world's ledger with its planted cases shown (the shared failed director's 84,000, the group
over its limits, the slow payer first to chase), and nothing of it for a reader key."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from graph_schema.settings import Settings
from graphapi.cli.ledger import run_import
from tests.web.conftest import AS_OF, READER_KEY, Server, Watch, World, open_page

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


@pytest.fixture(scope="module")
def ledger_plan(
    web_world: World, settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    folder = web_world.path / "ledger"
    rejects = tmp_path_factory.mktemp("ledger") / "rejects.jsonl"
    # In a thread of its own: the import runs an event loop, and Playwright's may be running.
    with ThreadPoolExecutor(1) as pool:
        report = pool.submit(
            run_import, settings, folder / "clients.csv", folder / "invoices.csv", "demo", rejects
        ).result()
    assert report.refused == 0
    plan: dict[str, Any] = web_world.truth["ledger"]
    return plan


def test_ledger_page_shows_the_planted_cases(
    web: tuple[Page, Watch], server: Server, ledger_plan: dict[str, Any], screenshots: Path
) -> None:
    page, watch = web
    assert ledger_plan["as_of"] == AS_OF
    page.goto(f"{server.base}/#/portfolio?ledger=demo&asOf={AS_OF}")
    page.wait_for_selector("#linked li.link")
    links = page.inner_text("#linked")
    assert "share a director" in links and "together they owe 84,000.00 GBP" in links
    assert "who left 2 companies that became insolvent" in links
    groups = page.inner_text("#groups-table")
    assert "23,000.00 GBP" in groups and "1 without a limit" in groups
    slow = ledger_plan["cases"]["slow_payer"]["description"].split(" pays ")[0]
    rows = page.locator("#dunning-table tbody tr").all_inner_texts()
    (row,) = [r for r in rows if slow in r]
    days = re.search(r"pays ([0-9.]+) days beyond terms", row)
    assert days is not None and float(days.group(1)) >= 45, row
    assert page.is_visible("#rating-matrix") and page.is_visible("#reviews-table")
    assert watch.graphql == ["Ledgers", "Portfolio"]
    page.screenshot(path=str(screenshots / "20-ledger.png"), full_page=True)


def test_ledger_page_is_refused_to_a_reader(
    browser: Browser, keyed_server: Server, ledger_plan: dict[str, Any]
) -> None:
    page, watch = open_page(browser, keyed_server.base)
    try:
        page.goto(f"{keyed_server.base}/#/portfolio")
        page.wait_for_selector("#key-form")
        page.fill("#api-key", READER_KEY)
        page.click("#key-form button")
        page.wait_for_selector("#ledger-forbidden")
        assert "84,000" not in page.content()
        assert watch.graphql == ["Ledgers"]
    finally:
        page.context.close()
    assert watch.foreign == [] and watch.errors == []
