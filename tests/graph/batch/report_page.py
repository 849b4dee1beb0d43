"""The static due-diligence report page of a company, rendered from the test graph."""

from __future__ import annotations

import asyncio
import re
from datetime import date

from graph_schema.db import open_async_driver
from graph_schema.settings import Settings
from graph_schema.signal_params import SignalParams
from graphapi.graph import Graph
from graphapi.report.html import company_report


def render_report(settings: Settings, company: str, as_of: date) -> str:
    async def main() -> str:
        driver = open_async_driver(settings.neo4j)
        try:
            graph = Graph(driver, settings.neo4j.database, 60)
            page, _ = await company_report(graph, company, as_of, SignalParams())
            return page
        finally:
            await driver.close()

    return asyncio.run(main())


def page_section(page: str, name: str) -> str:
    """The content of the page's `<section id="name">`, which must be there."""
    match = re.search(rf'<section id="{name}">(.*?)</section>', page, re.S)
    assert match, name
    return match.group(1)
