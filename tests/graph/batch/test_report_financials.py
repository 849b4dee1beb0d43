"""The report's financial section: key figures by year, ratios with peers, and one inline SVG
chart per ratio with the company's line and its peers' median (tests/api/financial_world.py)."""

from __future__ import annotations

import re
from datetime import date

from neo4j import Driver

from graph_schema.settings import Settings
from tests.api.financial_world import ACME, build_financial_world
from tests.api.world import CONSTRUCT, build_world
from tests.graph.batch.report_page import page_section, render_report


def test_the_report_shows_figures_ratios_and_charts(graph: Driver, settings: Settings) -> None:
    build_financial_world(graph, settings.neo4j.database)
    page = render_report(settings, ACME, date(2025, 3, 1))
    section = page_section(page, "financials")
    assert "<strong>2024-12-31</strong>, full accounts in GBP" in section
    assert "peers from SIC:4120" in section and "accounts.zip" in section
    # Key figures by year, as filed (the 2023 filing's own equity, not the restated one).
    equity = re.search(r"<tr><th>equity</th>(.*?)</tr>", section)
    assert equity is not None
    assert equity.group(1) == "<td>800,000</td><td>500,000</td><td>-100,000</td>"
    # One chart per ratio, no script anywhere in the page.
    charts = re.findall(r'<svg class="ratio-chart"[^>]*data-ratio="(\w+)"', section)
    assert charts == ["gearing", "general_solvency", "current_ratio", "quick_ratio", "dso", "dpo"]
    gearing = re.search(r'<svg class="ratio-chart"[^>]*data-ratio="gearing".*?</svg>', section)
    assert gearing is not None
    # 2022 and 2023 computable (0.625, 1.7), 2024 not (negative equity): a line of two points
    # and the peers' median over the three years.
    assert gearing.group(0).count('<circle class="company"') == 2
    assert gearing.group(0).count('<circle class="median"') == 3
    assert "2023-12-31: 1.7000 (peers median 0.6200)" in gearing.group(0)
    dpo = re.search(r'<svg class="ratio-chart"[^>]*data-ratio="dpo".*?</svg>', section)
    assert dpo is not None and "not computable" in dpo.group(0)  # no purchases stated
    assert "<script" not in page.lower()
    assert "<td>Filed accounts</td><td>gearing max</td>" in page_section(page, "parameters")


def test_a_company_without_accounts_says_so(graph: Driver, settings: Settings) -> None:
    build_world(graph, settings.neo4j.database)
    section = page_section(render_report(settings, CONSTRUCT, date(2025, 3, 1)), "financials")
    assert "no company accounts ending on or before 2025-03-01 in the graph" in section
